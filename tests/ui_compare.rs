//! The compare window driven like a user (issue 10): File ▸ Compare with…,
//! the agreement table read through AccessKit, a disagreement clicked and
//! curated, "Take all agreed", undo, saving the gold map, the answer-key view.

use argmark::analysis::compare::{Annotator, Options, compare, score_against_key};
use argmark::model::{ArgumentMap, TagScheme};
use argmark::session::Session;
use argmark::ui::ArgmarkApp;
use argmark::ui::compare::Comparison;
use argmark::ui::compare::items::ItemKind;
use argmark::ui::files::ScriptedPicker;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};
use std::path::{Path, PathBuf};

mod common;

use common::{example, relos_window, window_with};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/compare")
        .join(name)
}

fn read(path: &Path) -> ArgumentMap {
    argmark::io::open(path, TagScheme::argument()).expect("test map opens")
}

fn script(h: &mut Harness<'_, ArgmarkApp>, answers: Vec<Option<PathBuf>>) {
    h.state_mut().set_picker(Box::new(ScriptedPicker {
        answers: answers.into(),
    }));
}

/// The example window, then File ▸ Compare with… relos-second.
fn compare_window() -> Harness<'static, ArgmarkApp> {
    let mut h = relos_window();
    script(&mut h, vec![Some(data("relos-second.argmap.ron"))]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(h.state().compare_view().is_some(), "compare view opened");
    h
}

fn f3(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.3}"))
}

#[test]
fn compare_with_shows_the_engines_agreement_table() {
    let h = compare_window();
    let (a, b) = (read(&example()), read(&data("relos-second.argmap.ron")));
    let report = compare(
        &[
            Annotator { name: "a", map: &a },
            Annotator { name: "b", map: &b },
        ],
        &Options::default(),
    )
    .unwrap();
    let p = &report.pairs[0];
    assert!(h.query_by_label("Cohen's κ").is_some());
    assert!(
        h.query_all_by_label(&f3(p.cohen_kappa.value))
            .next()
            .is_some()
    );
    assert!(
        h.query_all_by_label(&format!("{} words", report.tokens.words))
            .count()
            >= 2
    );
    assert!(
        h.query_all_by_label(&f3(report.alpha_u.overall))
            .next()
            .is_some()
    );
    let exact = &p.span_f1.exact.micro;
    assert!(
        h.query_by_label(&format!(
            "{} matched of {} and {}",
            exact.matched, exact.reference, exact.predicted
        ))
        .is_some()
    );
    let rel = &p.relations;
    assert!(
        h.query_by_label(&format!(
            "{} matched of {} and {}",
            rel.matched, rel.relations_a, rel.relations_b
        ))
        .is_some()
    );
    assert!(
        h.query_by_label(&format!("Disagreements ({})", p.disagreements.len()))
            .is_some()
    );
    assert!(h.query_by_label("Compared text").is_some());

    let mut h = h;
    h.get_by_label("Map diff").click();
    h.run();
    assert!(
        h.query_by_role_and_label(egui::accesskit::Role::Image, "Map diff")
            .is_some()
    );
    assert!(h.query_by_label("Compared text").is_none());
    h.get_by_label("Text").click();
    h.run();
    assert!(h.query_by_label("Compared text").is_some());
}

#[test]
fn clicking_a_disagreement_selects_it_and_takes_either_version() {
    let mut h = compare_window();
    h.get_by_label_contains("tag differs: Premise vs Claim")
        .click();
    h.run();
    let view = h.state().compare_view().unwrap();
    let i = view.selected().expect("a disagreement is selected");
    let item = view.items()[i].clone();
    assert_eq!(item.kind, ItemKind::TagDiffers);
    assert!(h.query_by_label("Selected: tag differs").is_some());
    h.get_by_label("Next").click();
    h.run();
    let view = h.state().compare_view().unwrap();
    let next = view.selected().unwrap();
    assert!(next > i && view.items()[next].differs());
    assert!(view.items()[i + 1..next].iter().all(|x| !x.differs()));
    h.get_by_label("Previous").click();
    h.run();
    assert_eq!(h.state().compare_view().unwrap().selected(), Some(i));

    h.get_by_label("Take A").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(gold.units().len(), 1);
    assert_eq!(gold.units()[0].kind, "Premise");

    h.get_by_label("Take B").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold().map();
    assert_eq!(gold.units().len(), 1, "B's version replaced A's");
    assert_eq!(gold.units()[0].kind, "Claim");
    assert_eq!(gold.units()[0].start, item.b.unwrap().start);
}

#[test]
fn take_all_agreed_undo_redo_and_save_the_gold_map() {
    let mut h = compare_window();
    let agreed = h
        .state()
        .compare_view()
        .unwrap()
        .items()
        .iter()
        .filter(|i| i.kind == ItemKind::Agree)
        .count();
    assert!(agreed > 30);
    h.get_by_label("Take all agreed").click();
    h.run();
    let gold = h.state().compare_view().unwrap().gold();
    assert_eq!(gold.map().units().len(), agreed);
    let relations = gold.map().relations().len();
    assert!(
        relations > 0,
        "shared relations between agreed units came too"
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let gold = h.state().compare_view().unwrap().gold();
    assert!(
        gold.map().units().is_empty(),
        "one undo step removes it all"
    );
    assert_eq!(
        h.state().session().map().units().len(),
        47,
        "the document itself is untouched"
    );
    h.get_by_label("Redo").click();
    h.run();

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("gold");
    script(&mut h, vec![Some(target.clone())]);
    h.get_by_label("Save gold as…").click();
    h.run();
    let saved = dir.path().join("gold.argmap.ron");
    let back = read(&saved);
    assert_eq!(back.units().len(), agreed);
    assert_eq!(back.relations().len(), relations);
    assert_eq!(back.text(), h.state().session().map().text());
    assert!(!h.state().compare_view().unwrap().gold().is_dirty());

    h.get_by_label("Edit gold map").click();
    h.run();
    assert!(h.state().compare_view().is_none());
    assert!(h.query_by_label("Document text").is_some());
    assert_eq!(h.state().session().map().units().len(), agreed);
    assert_eq!(h.state().session().save_path(), Some(saved.as_path()));
}

#[test]
fn the_answer_key_view_colours_a_students_units_and_lists_feedback() {
    let key = example();
    let student = data("relos-student.argmap.ron");
    let mut app = ArgmarkApp::new(Session::example());
    app.open_compare(Comparison::open(&[key.clone(), student.clone()], true).unwrap());
    let h = window_with(app);
    let (k, s) = (read(&key), read(&student));
    let report = score_against_key(
        &Annotator { name: "k", map: &k },
        &[Annotator { name: "s", map: &s }],
        &Options::default(),
    )
    .unwrap();
    let fb = &report.students[0].feedback;
    assert!(!fb.is_empty());
    assert!(
        h.query_by_label(&format!("Feedback ({})", fb.len()))
            .is_some()
    );
    assert!(h.query_by_label(&fb[0].message).is_some());
    assert!(h.query_by_label("Units: recall").is_some());
    let missed = h
        .state()
        .compare_view()
        .unwrap()
        .items()
        .iter()
        .filter(|i| i.kind == ItemKind::OnlyA)
        .count();
    assert!(h.query_by_label(&format!("missed {missed}")).is_some());
}

#[test]
fn maps_of_another_text_go_side_by_side_with_their_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.argmap.ron");
    let map = argmark::model::fixture::marked(
        "A [Claim:different] text, [Evidence:shorter] too.",
        TagScheme::argument(),
    );
    argmark::io::save_map(&map, &other).unwrap();
    let mut h = relos_window();
    script(&mut h, vec![Some(other)]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(
        h.state().compare_view().is_none(),
        "no agreement across texts"
    );
    // Its tab and its heading.
    assert_eq!(
        h.query_all_by_label("Side by side: relos | other").count(),
        2
    );
    let relos = argmark::analysis::compare::profile(h.state().session().map());
    let small = argmark::analysis::compare::profile(&map);
    assert!(h.query_by_label("Longest support chain").is_some());
    assert!(h.query_by_label(&relos.chars.to_string()).is_some());
    assert!(h.query_by_label(&small.chars.to_string()).is_some());
    assert!(h.query_by_label(&relos.relations.to_string()).is_some());
    // Each text with its own map, in the window's own panes.
    assert_eq!(h.query_all_by_label("Document text").count(), 2);
    assert_eq!(h.query_all_by_label("Argument map").count(), 2);
    let sides = h.state().comparison_documents();
    assert_eq!(sides.len(), 2);
    assert!(h.query_by_label_contains("different text,").is_some());

    // Clicking a unit of the small map selects it there; an edit is refused.
    let unit = map.units()[0].clone();
    let side = &h.state().comparison_documents()[1];
    let at = side
        .text_pane()
        .screen_pos_of_char(side.session().map(), unit.start + 2)
        .expect("the unit is on screen");
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    assert_eq!(
        h.state().comparison_documents()[1].view().selected,
        vec![unit.id.clone()]
    );
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(
        h.state().comparison_documents()[1]
            .session()
            .map()
            .units()
            .len(),
        map.units().len(),
        "side by side never edits"
    );

    // "Open in a tab" edits it in a tab of its own.
    let open = h.query_all_by_label("Open in a tab").nth(1).unwrap();
    open.click();
    h.run();
    assert!(!h.state().is_comparing());
    assert_eq!(
        h.state().documents().len(),
        1,
        "in place of the untouched example"
    );
    assert_eq!(h.state().session().map().text(), map.text());
    assert_eq!(h.state().session().display_name(), "other.argmap.ron");

    // The comparison stays open as a tab until closed.
    h.get(by().label("Side by side: relos | other").role(Role::Button))
        .click();
    h.run();
    assert!(h.state().is_comparing());
    h.get_by_label("Close compare").click();
    h.run();
    assert!(!h.state().is_comparing());
    assert_eq!(h.query_all_by_label("Document text").count(), 1);
}

#[test]
fn compare_window_from_the_command_line_reports_unreadable_files_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::argmark(&[
        "compare",
        "--window",
        &example().display().to_string(),
        &dir.path().join("missing.argmap.ron").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    assert!(err.contains("missing.argmap.ron"), "{err}");
    let o = common::argmark(&["compare", "--window", "--json", "a", "b"]);
    assert_eq!(o.status.code(), Some(2), "--window and --json conflict");
}

#[test]
fn edit_gold_map_opens_a_tab_beside_unsaved_work() {
    let mut h = relos_window();
    // Unsaved work in the open document.
    let ctx = h.ctx.clone();
    let first = h.state().session().map().units()[0].id.clone();
    h.state_mut().apply(
        &ctx,
        argmark::ui::state::Action::Edit(argmark::model::Edit::RemoveUnit(first)),
    );
    let edited = h.state().session().map().clone();
    script(&mut h, vec![Some(data("relos-second.argmap.ron"))]);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(h.state().is_comparing());
    h.get_by_label("Take all agreed").click();
    h.run();
    let gold_units = h.state().compare_view().unwrap().gold().map().units().len();
    h.get_by_label("Edit gold map").click();
    h.run();
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert!(h.state().compare_view().is_none(), "the comparison ended");
    assert_eq!(h.state().documents().len(), 2);
    assert_eq!(h.state().session().map().units().len(), gold_units);
    let first_tab = &h.state().documents()[0];
    assert!(first_tab.session().is_dirty(), "the unsaved work is kept");
    assert_eq!(first_tab.session().map(), &edited);
}

#[test]
fn without_a_system_dialog_compare_and_save_gold_go_through_argmarks_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = relos_window();
    h.state_mut()
        .set_picker(Box::new(argmark::ui::files::BuiltinPicker {
            why: Some("no XDG desktop portal, and zenity is not installed".into()),
        }));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Compare with…").click();
    h.run();
    assert!(
        h.state().file_dialog_open(),
        "Compare with… is not silently dead"
    );
    // The example has no folder: the dialog starts in the working folder (the crate).
    for folder in ["tests", "data", "compare"] {
        h.get_by_label(&format!("🗀  {folder}")).click();
        h.run();
    }
    h.get_by_label("🗋  relos-second.argmap.ron").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert!(h.state().compare_view().is_some(), "compare view opened");

    h.get_by_label("Take all agreed").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(
        h.state().file_dialog_open(),
        "Ctrl+S asks where to save the gold map"
    );
    let target = dir.path().join("gold");
    let name = h.get_by_label("File name:");
    name.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File name:")
        .type_text(&target.display().to_string());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let saved = dir.path().join("gold.argmap.ron");
    assert!(
        saved.exists(),
        "the gold map is saved where the dialog pointed"
    );
    assert_eq!(
        read(&saved).units().len(),
        h.state().compare_view().unwrap().gold().map().units().len()
    );
}
