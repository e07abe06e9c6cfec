//! The window driven like a user: pointer drags, keys, clicks on widgets
//! found through AccessKit, with the accessibility check on.

use argmark::model::{RelationKind, Unit};
use argmark::session::Session;
use argmark::ui::ArgmarkApp;
use argmark::ui::app::{Modal, Pending};
use argmark::ui::files::ScriptedPicker;
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

mod common;

use common::{relos_window, window_with};
use std::path::PathBuf;

fn example() -> Harness<'static, ArgmarkApp> {
    relos_window()
}

fn script(h: &mut Harness<'_, ArgmarkApp>, answers: Vec<Option<PathBuf>>) {
    h.state_mut().set_picker(Box::new(ScriptedPicker {
        answers: answers.into(),
    }));
}

/// Screen position inside char `c` of the text, as drawn in the last frame.
fn pos_of_char(h: &Harness<'_, ArgmarkApp>, c: usize) -> Pos2 {
    let app = h.state();
    app.text_pane()
        .screen_pos_of_char(app.session().map(), c)
        .expect("the char is on screen")
        + vec2(3.0, 0.0)
}

fn char_offset(h: &Harness<'_, ArgmarkApp>, needle: &str) -> usize {
    let text = h.state().session().map().text();
    let byte = text.find(needle).expect("needle in text");
    text[..byte].chars().count()
}

fn ctrl(h: &mut Harness<'_, ArgmarkApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

fn units_with_quote<'a>(h: &'a Harness<'_, ArgmarkApp>, quote: &str) -> Vec<&'a Unit> {
    h.state()
        .session()
        .map()
        .units()
        .iter()
        .filter(|u| u.quote == quote)
        .collect()
}

#[test]
fn starts_on_the_relos_example() {
    let h = example();
    assert!(
        h.query_all_by_label_contains(
            "They finally signed their long-negotiated Reciprocal Exchange"
        )
        .next()
        .is_some(),
        "the RELOS text is on screen"
    );
    assert!(h.query_by_label("Inspector").is_some());
}

#[test]
fn drag_select_then_digit_makes_a_word_snapped_unit_and_undo_redo_work() {
    let mut h = example();
    let phrase = "six background briefings";
    let start = char_offset(&h, phrase);
    let end = start + phrase.chars().count();
    let before = h.state().session().map().units().len();
    // Press inside "six", release inside "briefings": snapping gives whole words.
    let from = pos_of_char(&h, start + 1);
    let to = pos_of_char(&h, end - 3);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for step in 1..=5 {
        h.hover_at(from + (to - from) * (step as f32 / 5.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let sel = h.state().view().text_selection.expect("a text selection");
    assert!(
        sel.range().start > start && sel.range().end < end,
        "raw selection is partial words"
    );

    h.key_press(Key::Num2);
    h.run();
    let made = units_with_quote(&h, phrase);
    assert_eq!(made.len(), 1, "one unit with exactly the snapped quote");
    assert_eq!(made[0].kind, "Claim", "key 2 is the second tag");
    let id = made[0].id.clone();
    assert_eq!(
        h.state().view().selected,
        vec![id.clone()],
        "the new unit is selected"
    );
    assert_eq!(h.state().session().map().units().len(), before + 1);

    ctrl(&mut h, Key::Z);
    assert!(
        h.state().session().map().unit(&id).is_none(),
        "Ctrl+Z removes it"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(
        h.state()
            .session()
            .map()
            .unit(&id)
            .map(|u| u.quote.as_str()),
        Some(phrase)
    );
}

#[test]
fn support_through_the_inspector_then_delete_and_undo() {
    let mut h = example();
    let map = h.state().session().map().clone();
    let unique = |kind: &str| {
        map.units()
            .iter()
            .find(|u| {
                u.kind == kind && map.units().iter().filter(|o| o.quote == u.quote).count() == 1
            })
            .unwrap()
            .clone()
    };
    let source = unique("Evidence");
    let target = unique("Claim");

    h.get_by_label(&format!("{}: {}", source.kind, source.quote))
        .click();
    h.run();
    assert_eq!(h.state().view().selected, vec![source.id.clone()]);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Support ➡")
        .click();
    h.run();
    h.get_by_label(&format!("{}: {}", target.kind, target.quote))
        .click();
    h.run();
    let after = h.state().session().map();
    assert_eq!(after.relations().len(), map.relations().len() + 1);
    let made = after.relations().last().unwrap();
    assert_eq!(made.kind, RelationKind::Support);
    assert_eq!(made.sources, vec![source.id.clone()]);
    assert_eq!(made.target, target.id);
    let with_relation = after.clone();

    // Delete the target, which now has relations.
    h.get_by_label(&format!("{}: {}", target.kind, target.quote))
        .click();
    h.run();
    h.key_press(Key::Delete);
    h.run();
    let deleted = h.state().session().map();
    assert!(deleted.unit(&target.id).is_none());
    assert_eq!(deleted.relations_of(&target.id).count(), 0);
    ctrl(&mut h, Key::Z);
    assert_eq!(
        h.state().session().map(),
        &with_relation,
        "undo restores the unit and its relations"
    );
}

#[test]
fn save_reopen_and_broken_files_keep_the_open_document() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = example();
    h.key_press(Key::Escape);
    // Retag a unit so there is something to save.
    let first = h.state().session().map().units()[0].clone();
    h.get_by_label(&format!("{}: {}", first.kind, first.quote))
        .click();
    h.run();
    h.key_press(Key::Num3);
    h.run();
    assert!(h.state().session().is_dirty());
    let path = dir.path().join("mine");
    script(&mut h, vec![Some(path.clone())]);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run();
    let saved = dir.path().join("mine.argmap.ron");
    assert!(saved.exists(), "Save As wrote {saved:?}");
    assert!(!h.state().session().is_dirty());
    let edited = h.state().session().map().clone();

    let mut reopened = window_with(ArgmarkApp::new(Session::example()));
    reopened.state_mut().open_path(&saved);
    reopened.run();
    assert_eq!(
        reopened.state().session().map(),
        &edited,
        "reopening gives the same map"
    );

    let broken = dir.path().join("broken.argmap.ron");
    std::fs::write(&broken, "(format: 1, units: [").unwrap();
    script(&mut h, vec![Some(broken.clone())]);
    ctrl(&mut h, Key::O);
    match h.state().modal() {
        Some(Modal::Error(m)) => assert!(m.contains("broken.argmap.ron:1:"), "{m}"),
        other => panic!("expected an error dialog, got {other:?}"),
    }
    assert!(h.query_by_label("Could not do that").is_some());
    assert_eq!(
        h.state().session().map(),
        &edited,
        "the open document is untouched"
    );
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().modal().is_none());
}

#[test]
fn new_from_text_opens_a_tab_beside_the_edited_document_which_keeps_its_work() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("speech.txt");
    std::fs::write(&text, "We will win. They might not.").unwrap();
    let mut h = example();
    let first = h.state().session().map().units()[0].clone();
    h.get_by_label(&format!("{}: {}", first.kind, first.quote))
        .click();
    h.run();
    h.key_press(Key::Num4);
    h.run();
    let edited = h.state().session().map().clone();
    assert!(h.state().session().is_dirty());

    // Ctrl+N opens the text in a tab of its own: no prompt, nothing dropped.
    script(&mut h, vec![Some(text.clone())]);
    ctrl(&mut h, Key::N);
    assert!(h.state().modal().is_none());
    assert_eq!(h.state().documents().len(), 2);
    assert_eq!(h.state().active_index(), 1);
    assert_eq!(
        h.state().session().map().text(),
        "We will win. They might not."
    );
    assert!(h.state().session().map().units().is_empty());
    assert!(!h.state().session().history().can_undo(), "its own undo");
    assert!(
        h.query_all_by_label_contains("We will win")
            .next()
            .is_some()
    );

    // Back to the example's tab by clicking it: the edit and its undo are there.
    h.get_by_label("• relos.argmap.ron (example)").click();
    h.run();
    assert_eq!(h.state().active_index(), 0);
    assert_eq!(h.state().session().map(), &edited);
    assert!(h.state().session().history().can_undo());

    // Closing it asks first; Cancel keeps the tab and the work.
    ctrl(&mut h, Key::W);
    let id = h.state().documents()[0].id();
    assert_eq!(h.state().modal(), Some(&Modal::Unsaved(Pending::Close(id))));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().documents().len(), 2);
    assert_eq!(h.state().session().map(), &edited, "Cancel keeps the work");

    // Discard closes it; the text's tab is left, untouched.
    ctrl(&mut h, Key::W);
    h.get_by_label("Discard changes").click();
    h.run();
    assert_eq!(h.state().documents().len(), 1);
    assert_eq!(
        h.state().session().map().text(),
        "We will win. They might not."
    );
}

#[test]
fn dragging_a_unit_end_moves_it_by_words_in_one_undo_step() {
    let mut h = example();
    let map = h.state().session().map().clone();
    // A unit whose paragraph continues after it, with a unique quote.
    let unit = map
        .units()
        .iter()
        .find(|u| {
            u.kind == "Evidence"
                && map.text()[..].contains(&u.quote)
                && u.quote.starts_with("They finally signed")
        })
        .unwrap()
        .clone();
    h.get_by_label(&format!("{}: {}", unit.kind, unit.quote))
        .click();
    h.run();
    let handle = h
        .state()
        .text_pane()
        .screen_pos_of_char(&map, unit.end)
        .unwrap();
    let later = unit.end + 12;
    let to = pos_of_char(&h, later);
    h.hover_at(handle);
    h.run();
    h.drag_at(handle);
    h.run();
    for step in 1..=6 {
        h.hover_at(handle + (to - handle) * (step as f32 / 6.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let moved = h.state().session().map().unit(&unit.id).unwrap().clone();
    assert_eq!(moved.start, unit.start);
    assert!(moved.end > unit.end, "the end moved right");
    let text: Vec<char> = map.text().chars().collect();
    assert!(
        moved.end == text.len() || !text[moved.end].is_alphanumeric(),
        "the end is snapped to a word end: {:?}",
        moved.quote
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(
        h.state().session().map().unit(&unit.id),
        Some(&unit),
        "one undo step restores it"
    );
}

#[test]
fn find_highlights_matches_and_steps_through_them() {
    let mut h = example();
    ctrl(&mut h, Key::F);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find:")
        .type_text("relos");
    h.run();
    let text = h.state().session().map().text().to_lowercase();
    let expected = text.matches("relos").count();
    assert!(expected > 3);
    assert_eq!(h.state().view().find.matches.len(), expected);
    assert!(h.query_by_label(&format!("1 of {expected}")).is_some());
    h.key_press(Key::F3);
    h.run();
    assert_eq!(h.state().view().find.current, 1);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    h.run();
    assert_eq!(h.state().view().find.current, 0);
}

#[test]
fn clicks_hit_the_letter_under_the_pointer_and_margins_clear() {
    let mut h = example();
    let map = h.state().session().map().clone();
    let unit = map
        .units()
        .iter()
        .find(|u| u.quote.starts_with("They finally signed"))
        .unwrap()
        .clone();
    let pane = h.state().text_pane();
    let left = pane.screen_pos_of_char(&map, unit.end - 1).unwrap();
    let right = pane.screen_pos_of_char(&map, unit.end).unwrap();
    // The right part of the unit's last letter still belongs to the unit.
    let on_last_letter = left + (right - left) * 0.8;
    h.hover_at(on_last_letter);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: on_last_letter,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: on_last_letter,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().view().selected, vec![unit.id.clone()]);
    // A click in the margin left of the text column clears the selection.
    let index = map.source().index();
    let line_start = index.paragraphs()[index.paragraph_of(unit.start)].start;
    let column_left = h
        .state()
        .text_pane()
        .screen_pos_of_char(&map, line_start)
        .unwrap();
    let margin = column_left - vec2(15.0, 0.0);
    h.event(egui::Event::PointerButton {
        pos: margin,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: margin,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert!(
        h.state().view().selected.is_empty(),
        "clicked at {margin:?}"
    );
}

#[test]
fn a_file_with_content_problems_opens_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let src = argmark::io::to_ron_string(Session::example().map());
    let first_kind = format!("kind: \"{}\"", Session::example().map().units()[0].kind);
    let path = dir.path().join("odd.argmap.ron");
    std::fs::write(&path, src.replacen(&first_kind, "kind: \"Hunch\"", 1)).unwrap();
    let mut h = example();
    h.state_mut().open_path(&path);
    h.run();
    match h.state().modal() {
        Some(Modal::Warning(m)) => assert!(m.contains("\"Hunch\" is not in the tag scheme"), "{m}"),
        other => panic!("expected a warning, got {other:?}"),
    }
    assert_eq!(
        h.state().session().save_path(),
        Some(path.as_path()),
        "the file is open"
    );
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().modal().is_none());
}

#[test]
fn many_scenarios_start_folded_so_the_tab_stays_light() {
    let map = argmark::model::fixture::synthetic_with(60_000, 300, 100, 40);
    let mut h = common::window(argmark::session::Session::new(
        map,
        argmark::session::Origin::Text(std::path::PathBuf::from("s.txt")),
    ));
    h.get_by_label("Scenarios").click();
    h.run();
    assert!(h.query_by_label_contains("Scenario 40 of").is_some());
    assert!(
        h.query_by_label("Depends on:").is_none(),
        "editors are folded"
    );
    h.get_by_label_contains("Scenario 7 of").click();
    h.run();
    // Opened: the dependencies are a menu, not 39 checkboxes.
    assert!(h.query_by_label("Depends on:").is_some());
    assert!(h.query_by_label_contains("of 39").is_some());
}

#[test]
fn a_click_anywhere_on_a_units_list_row_selects_its_unit() {
    let mut h = example();
    let unit = h.state().session().map().units()[0].clone();
    let row = h
        .get_by_label(&format!("{}: {}", unit.kind, unit.quote))
        .rect();
    // On the tag line and on the quote's text (a selectable label took that click).
    for dy in [0.25, 0.75] {
        let at = Pos2::new(row.left() + 70.0, row.top() + row.height() * dy);
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
        assert_eq!(h.state().view().selected, vec![unit.id.clone()], "at {dy}");
        h.key_press(Key::Escape);
        h.run();
        assert!(h.state().view().selected.is_empty());
    }
}
