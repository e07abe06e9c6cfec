//! Several documents open at once (issue 10), driven like a user: each
//! tab keeps its own undo, dirty state, selection and scroll position;
//! closing a tab or quitting asks about each unsaved one; a file already
//! open comes to the front instead of opening twice.

use argmark::model::TagScheme;
use argmark::model::fixture::marked;
use argmark::ui::ArgmarkApp;
use argmark::ui::app::{Modal, Pending};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

mod common;

/// A map file with a few marked sentences (and enough text to scroll).
fn write_map(dir: &Path, name: &str, claim: &str) -> PathBuf {
    let mut text = format!("[Claim:{claim}] and [Evidence:some evidence for it].\n\n");
    for i in 0..80 {
        text.push_str(&format!(
            "Paragraph {i} of {name}, there to scroll through.\n\n"
        ));
    }
    let map = marked(&text, TagScheme::argument());
    let path = dir.join(name);
    argmark::io::save_map(&map, &path).unwrap();
    path
}

fn key(h: &mut Harness<'_, ArgmarkApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// The example window with two files opened from disk (three tabs would
/// be two: the untouched example is replaced by the first file).
fn two_files() -> (
    tempfile::TempDir,
    PathBuf,
    PathBuf,
    Harness<'static, ArgmarkApp>,
) {
    let dir = tempfile::tempdir().unwrap();
    let a = write_map(dir.path(), "alpha.argmap.ron", "Alpha holds");
    let b = write_map(dir.path(), "beta.argmap.ron", "Beta holds");
    let mut h = common::relos_window();
    h.state_mut().open_path(&a);
    h.state_mut().open_path(&b);
    h.run();
    (dir, a, b, h)
}

#[test]
fn opening_files_adds_tabs_and_the_untouched_example_makes_way() {
    let (_dir, a, _b, mut h) = two_files();
    let names: Vec<String> = h
        .state()
        .documents()
        .iter()
        .map(|d| d.session().display_name())
        .collect();
    assert_eq!(names, ["alpha.argmap.ron", "beta.argmap.ron"]);
    assert_eq!(h.state().active_index(), 1);
    assert!(h.query_by_label("Close alpha.argmap.ron").is_some());
    assert!(h.query_by_label("Close beta.argmap.ron").is_some());

    // Opening alpha again brings its tab forward instead of a second copy.
    h.state_mut().open_path(&a);
    h.run();
    assert_eq!(h.state().documents().len(), 2);
    assert_eq!(h.state().active_index(), 0);
    assert!(h.state().notice().unwrap().contains("open already"));
}

#[test]
fn each_tab_has_its_own_undo_dirty_state_and_selection() {
    let (_dir, _a, _b, mut h) = two_files();
    // In beta: select its claim and retag it as a premise (key 3).
    h.get_by_label("Claim: Beta holds").click();
    h.run();
    key(&mut h, Modifiers::NONE, Key::Num3);
    assert!(h.state().session().is_dirty());
    assert!(
        h.query_by_label("• beta.argmap.ron").is_some(),
        "the tab shows it is unsaved"
    );

    // Ctrl+Tab: alpha is clean, with nothing to undo and nothing selected.
    key(&mut h, Modifiers::COMMAND, Key::Tab);
    assert_eq!(h.state().active_index(), 0);
    assert!(!h.state().session().is_dirty());
    assert!(!h.state().session().history().can_undo());
    assert!(h.state().view().selected.is_empty());
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().session().map().units()[0].kind,
        "Claim",
        "undo in alpha leaves it as it was"
    );

    // Ctrl+Shift+Tab back to beta: its selection and undo are still there.
    key(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Tab);
    assert_eq!(h.state().active_index(), 1);
    assert_eq!(h.state().view().selected.len(), 1);
    key(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().session().is_dirty(), "undone back to the file");
    assert!(h.query_by_label("beta.argmap.ron").is_some());
}

#[test]
fn each_tab_keeps_its_scroll_position() {
    let (_dir, _a, _b, mut h) = two_files();
    let map = h.state().session().map().clone();
    let far = map.text().chars().count() - 5;
    h.state_mut().view_mut().scroll_to = Some(far);
    // The text scrolls smoothly, over more frames than `run` waits for.
    h.run_steps(60);
    let top_visible = |h: &Harness<'_, ArgmarkApp>| {
        let app = h.state();
        app.text_pane()
            .screen_pos_of_char(app.session().map(), 0)
            .is_some_and(|p| p.y > 0.0)
    };
    assert!(!top_visible(&h), "beta scrolled to its end");
    h.get_by_label("alpha.argmap.ron").click();
    h.run();
    assert!(top_visible(&h), "alpha still shows its first line");
    h.get_by_label("beta.argmap.ron").click();
    h.run();
    assert!(!top_visible(&h), "beta kept its place");
}

#[test]
fn closing_a_tab_asks_about_its_unsaved_changes_and_save_keeps_them() {
    let (_dir, a, _b, mut h) = two_files();
    h.get_by_label("alpha.argmap.ron").click();
    h.run();
    h.get_by_label("Claim: Alpha holds").click();
    h.run();
    key(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h.state().session().is_dirty());
    let id = h.state().documents()[0].id();

    h.get_by_label("Close • alpha.argmap.ron").click();
    h.run();
    assert_eq!(h.state().modal(), Some(&Modal::Unsaved(Pending::Close(id))));
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(h.state().documents().len(), 1, "saved, then closed");
    let back = argmark::io::open(&a, TagScheme::argument()).unwrap();
    assert_eq!(back.units().len(), 1, "the deletion was saved");
    assert_eq!(h.state().session().display_name(), "beta.argmap.ron");

    // Closing the last tab leaves the example up, never an empty window.
    key(&mut h, Modifiers::COMMAND, Key::W);
    assert_eq!(h.state().documents().len(), 1);
    assert_eq!(
        h.state().session().display_name(),
        argmark::session::EXAMPLE_NAME
    );
}

#[test]
fn quit_asks_about_each_unsaved_tab_in_turn() {
    let (_dir, _a, b, mut h) = two_files();
    for name in ["Alpha holds", "Beta holds"] {
        let tab = if name.starts_with("Alpha") {
            "alpha.argmap.ron"
        } else {
            "beta.argmap.ron"
        };
        h.get_by_label(tab).click();
        h.run();
        h.get_by_label(&format!("Claim: {name}")).click();
        h.run();
        key(&mut h, Modifiers::NONE, Key::Num3);
    }
    key(&mut h, Modifiers::COMMAND, Key::Q);
    assert_eq!(h.state().modal(), Some(&Modal::Unsaved(Pending::Quit)));
    assert_eq!(h.state().active_index(), 0, "alpha is asked about first");
    h.get_by_label("Discard changes").click();
    h.run();
    assert!(!h.state().is_quitting(), "beta is still unsaved");
    assert_eq!(h.state().modal(), Some(&Modal::Unsaved(Pending::Quit)));
    assert_eq!(h.state().session().display_name(), "beta.argmap.ron");
    h.get_by_label("Save").click();
    h.run();
    assert!(h.state().is_quitting());
    let back = argmark::io::open(&b, TagScheme::argument()).unwrap();
    assert_eq!(back.units()[0].kind, "Premise", "beta's change was saved");
}
