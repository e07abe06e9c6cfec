//! The speculation lens, suggestions and checks in the window.

use argmark::model::fixture::{link, marked};
use argmark::model::{RelationKind, Role, TagScheme};
use argmark::session::{Origin, Session};
use argmark::ui::ArgmarkApp;
use egui::Key;
use egui::accesskit::Role as A11y;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

use common::window as harness;
use std::path::PathBuf;

fn speech() -> Session {
    let mut map = marked(
        "[Main claim:We must fund the port]. [Premise:Trade doubled last year]. \
         The new line will likely bring more ships. Ministers said the budget is final. \
         If costs rise, then perhaps the city could sell bonds.",
        TagScheme::argument(),
    );
    link(&mut map, RelationKind::Support, &[2], 1);
    Session::new(map, Origin::Text(PathBuf::from("speech.txt")))
}

/// Whether a link (as the suggestion and check lists show) contains `text`.
fn has_link(h: &Harness<'_, ArgmarkApp>, text: &str) -> bool {
    h.query_all_by(|n| n.role() == A11y::Link && n.label().is_some_and(|l| l.contains(text)))
        .next()
        .is_some()
}

#[test]
fn accepting_and_dismissing_suggestions_are_undoable_edits() {
    let mut h = harness(speech());
    h.get_by_role_and_label(A11y::Button, "Suggestions").click();
    h.run();
    assert!(
        has_link(&h, "The new line will likely bring more ships"),
        "the hedged prediction is suggested"
    );
    assert!(
        has_link(&h, "If costs rise, then perhaps"),
        "the conditional is suggested"
    );
    assert!(
        !has_link(&h, "Ministers said"),
        "attribution alone is not speculation"
    );
    let accepts: Vec<_> = h
        .get_all_by_role_and_label(A11y::Button, "Accept")
        .collect();
    assert_eq!(accepts.len(), 2, "two speculative sentences");
    accepts[0].click();
    h.run();
    let map = h.state().session().map();
    let made = map
        .units()
        .iter()
        .find(|u| u.quote == "The new line will likely bring more ships")
        .expect("accepted");
    assert_eq!(map.scheme().role_of(&made.kind), Role::Speculation);
    assert_eq!(
        h.get_all_by_role_and_label(A11y::Button, "Accept").count(),
        1
    );

    h.get_by_role_and_label(A11y::Button, "Dismiss").click();
    h.run();
    assert_eq!(h.state().session().map().dismissed().len(), 1);
    assert_eq!(
        h.query_all_by_role_and_label(A11y::Button, "Accept")
            .count(),
        0
    );

    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().session().map().dismissed().is_empty(),
        "undo brings the suggestion back"
    );
    assert_eq!(
        h.get_all_by_role_and_label(A11y::Button, "Accept").count(),
        1
    );
}

#[test]
fn the_lens_key_toggles_the_lens_and_checks_findings_select_units() {
    let mut h = harness(speech());
    assert!(!h.state().prefs.lens);
    h.key_press(Key::L);
    h.run();
    assert!(h.state().prefs.lens, "L turns the lens on");

    h.get_by_role_and_label(A11y::Button, "Checks").click();
    h.run();
    // The premise is supported by nothing but is not a claim; the main claim is supported.
    assert!(
        h.query_by_label_contains("Unsupported claims (0)")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Which claims stand (1)")
            .is_some()
    );
    h.get_by_label_contains("u1 We must fund the port").click();
    h.run();
    assert_eq!(h.state().view().selected, vec!["u1".into()]);
    assert!(
        h.query_all_by_label("accepted").count() >= 2,
        "badges in the checks list and the inspector"
    );
}

#[test]
fn a_lexicon_from_the_command_line_changes_what_the_lens_finds() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("mine.ron");
    std::fs::write(
        &lexicon,
        r#"(speculation: [(cue: "suspect", kind: Hedge, strength: StrongHedge)], attribution: [])"#,
    )
    .unwrap();
    let map = marked(
        "[Main claim:We must act]. Economists suspect a slowdown.",
        TagScheme::argument(),
    );
    let mut h = harness(Session::new(map, Origin::Text(PathBuf::from("t.txt"))));
    h.get_by_role_and_label(A11y::Button, "Suggestions").click();
    h.run();
    assert!(
        !has_link(&h, "Economists suspect"),
        "the built-in lexicon has no 'suspect'"
    );
    h.state_mut().use_lexicon(&lexicon);
    h.run();
    assert!(
        has_link(&h, "Economists suspect a slowdown"),
        "the user's cue is used"
    );

    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(speculation: [(cue: 3)])").unwrap();
    h.state_mut().use_lexicon(&broken);
    h.run();
    match h.state().modal() {
        Some(argmark::ui::app::Modal::Error(m)) => assert!(m.contains("broken.ron:1:"), "{m}"),
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn a_long_text_is_read_by_the_lens_on_a_worker_while_frames_keep_coming() {
    use argmark::analysis::lens::{self, Lexicon};
    use argmark::model::fixture::synthetic;
    use argmark::ui::analysis_view::LENS_BACKGROUND_BYTES;
    let map = synthetic(4 * LENS_BACKGROUND_BYTES, 300, 100);
    let expected = lens::read(map.text(), Lexicon::builtin()).len();
    let mut h = common::window(Session::new(map, Origin::Text(PathBuf::from("long.txt"))));
    while !h.state().is_settled() {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    h.key_press(Key::L);
    h.step();
    assert!(h.state().prefs.lens, "L turns the lens on");
    // The frame that switched the lens on did not read the text itself.
    assert!(h.state().analysis().readings().is_none());
    assert!(!h.state().is_settled(), "the reading is pending");
    let mut frames = 1;
    for _ in 0..3000 {
        if h.state().is_settled() {
            break;
        }
        // A frame is drawn while the worker reads; the window answers input.
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
        frames += 1;
    }
    assert!(h.state().is_settled(), "the lens reading finished");
    assert!(frames > 1, "frames were drawn while the lens read");
    h.step();
    let readings = h.state().analysis().readings().expect("the lens appeared");
    assert_eq!(readings.len(), expected);
    assert!(
        h.state().analysis().summary().is_some(),
        "checks ran with the lens"
    );
}
