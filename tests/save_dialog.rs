//! Saving when the system has no file dialog (no XDG portal, no zenity):
//! the window says so and opens its own dialog, which saves, asks before
//! replacing, cancels, and carries the close prompt's Save through; Ctrl+Q
//! goes through the unsaved-changes guard.

use argmark::model::{Edit, Unit};
use argmark::session::{Origin, Session};
use argmark::ui::ArgmarkApp;
use argmark::ui::app::{Modal, Pending};
use argmark::ui::files::BuiltinPicker;
use argmark::ui::state::Action;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

mod common;

const TEXT: &str = "RELOS was finally signed. Critics say it might collapse by spring.";

/// A window on a new annotation of `relos.txt` in `dir`, with no system dialog.
fn text_window(dir: &Path) -> (Harness<'static, ArgmarkApp>, PathBuf) {
    let text = dir.join("relos.txt");
    std::fs::write(&text, TEXT).unwrap();
    let session = Session::open(&text, argmark::model::TagScheme::argument()).unwrap();
    let mut app = ArgmarkApp::new(session);
    app.set_picker(Box::new(BuiltinPicker {
        why: Some("no XDG desktop portal, and zenity is not installed".into()),
    }));
    (common::window_with(app), text)
}

/// Tags the first `n` chars as a Claim, as a digit key would.
fn tag(h: &mut Harness<'_, ArgmarkApp>, start: usize, end: usize) {
    let id = h.state().session().map().next_unit_id();
    let kind = h.state().session().map().scheme().tags[0].name.clone();
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        Action::Edit(Edit::AddUnit(Unit {
            id,
            kind,
            start,
            end,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        })),
    );
    h.run();
}

fn press(h: &mut Harness<'_, ArgmarkApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

#[test]
fn ctrl_s_on_a_new_text_opens_argmarks_dialog_and_saves_beside_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = text_window(dir.path());
    std::fs::write(dir.path().join("older.argmap.ron"), "x").unwrap();
    tag(&mut h, 0, 5);
    assert!(h.state().session().is_dirty());

    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(h.state().file_dialog_open(), "Ctrl+S is not silently dead");
    assert_eq!(
        h.state().notice(),
        Some("No system file dialog available; using Argmark's own.")
    );
    assert!(
        h.query_by_label_contains("zenity is not installed")
            .is_some()
    );
    let name = h.get_by_label("File name:");
    assert_eq!(name.value().as_deref(), Some("relos.argmap.ron"));
    // It starts in the text's folder, listing maps only.
    assert!(h.query_by_label("🗋  older.argmap.ron").is_some());
    assert!(h.query_by_label("🗋  relos.txt").is_none());
    h.get_by_label("Save").click();
    h.run();

    let saved = dir.path().join("relos.argmap.ron");
    assert!(saved.exists(), "saved beside the text");
    assert!(!h.state().file_dialog_open());
    assert!(!h.state().session().is_dirty());
    assert_eq!(h.state().session().origin(), &Origin::Map(saved.clone()));
    let back = argmark::io::load_map(&saved).unwrap();
    assert_eq!(back.units(), h.state().session().map().units());
    assert_eq!(back.units()[0].quote, "RELOS");
}

#[test]
fn save_as_asks_before_replacing_and_a_typed_name_gets_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = text_window(dir.path());
    tag(&mut h, 0, 5);
    press(&mut h, Modifiers::COMMAND, Key::S);
    h.get_by_label("Save").click();
    h.run();
    let saved = dir.path().join("relos.argmap.ron");
    let first = std::fs::read_to_string(&saved).unwrap();

    tag(&mut h, 10, 25);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert!(h.state().file_dialog_open());
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.query_by_label_contains("already exists. Replace it?")
            .is_some(),
        "an existing file is not replaced without asking"
    );
    h.get_by_label("Keep it").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), first);

    // Type another name: Enter saves it with the map extension.
    let field = h.get_by_label("File name:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File name:").type_text("copy");
    h.run();
    press(&mut h, Modifiers::NONE, Key::Enter);
    let copy = dir.path().join("copy.argmap.ron");
    assert!(copy.exists(), "typed name saved as {copy:?}");
    assert_eq!(argmark::io::load_map(&copy).unwrap().units().len(), 2);

    // Replace, confirmed.
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    let field = h.get_by_label("File name:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("File name:").type_text("relos.argmap.ron");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    h.get_by_label("Replace").click();
    h.run();
    assert_eq!(argmark::io::load_map(&saved).unwrap().units().len(), 2);
}

#[test]
fn cancel_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = text_window(dir.path());
    tag(&mut h, 0, 5);
    press(&mut h, Modifiers::COMMAND, Key::E);
    assert!(h.state().file_dialog_open(), "Export map opens the dialog");
    assert_eq!(
        h.get_by_label("File name:").value().as_deref(),
        Some("relos.svg")
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().file_dialog_open());
    assert_eq!(h.state().notice(), Some("Cancelled."));
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "only the text is there");

    // Esc cancels too; then Export writes the SVG.
    press(&mut h, Modifiers::COMMAND, Key::E);
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!h.state().file_dialog_open());
    press(&mut h, Modifiers::COMMAND, Key::E);
    h.get_by_label("Export").click();
    h.run();
    assert!(dir.path().join("relos.svg").exists());
}

#[test]
fn ctrl_q_asks_about_unsaved_work_and_save_in_the_prompt_goes_through_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = text_window(dir.path());
    tag(&mut h, 0, 5);

    press(&mut h, Modifiers::COMMAND, Key::Q);
    assert_eq!(h.state().modal(), Some(&Modal::Unsaved(Pending::Quit)));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().is_quitting(), "Cancel keeps the window");

    press(&mut h, Modifiers::COMMAND, Key::Q);
    h.get_by_label("Save").click();
    h.run();
    assert!(
        h.state().file_dialog_open(),
        "no path yet: the dialog asks where"
    );
    assert!(!h.state().is_quitting());
    h.get_by_label("Save").click();
    h.run();
    assert!(dir.path().join("relos.argmap.ron").exists());
    assert!(h.state().is_quitting(), "saved, then quit");
}

#[test]
fn quit_without_changes_closes_at_once_and_help_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = text_window(dir.path());
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.query_by_label("Quit").is_some(), "F1 help lists Quit");
    press(&mut h, Modifiers::NONE, Key::F1);
    press(&mut h, Modifiers::COMMAND, Key::Q);
    assert_eq!(h.state().modal(), None);
    assert!(h.state().is_quitting());
}

#[test]
fn open_through_the_dialog_enters_folders_and_opens_a_text() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = text_window(dir.path());
    let class = dir.path().join("class");
    std::fs::create_dir(&class).unwrap();
    std::fs::write(class.join("speech.txt"), "We will win.").unwrap();
    std::fs::write(class.join("notes.pdf"), "x").unwrap();
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert!(h.state().file_dialog_open());
    h.get_by_label_contains("class").click();
    h.run();
    assert!(
        h.query_by_label_contains("notes.pdf").is_none(),
        "only files Argmark opens are listed"
    );
    h.get_by_label_contains("speech.txt").click();
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().session().map().text(), "We will win.");
}
