//! The open map changed on disk by someone else: a banner offers Reload /
//! Keep mine, and saving never silently replaces the newer file.

use argmark::model::Edit;
use argmark::session::Session;
use argmark::ui::ArgmarkApp;
use argmark::ui::app::Modal;
use argmark::ui::state::Action;
use argmark::ui::watch::External;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod common;

/// The example saved to a temp folder and opened from there.
fn opened(dir: &Path, poll: Duration) -> (Harness<'static, ArgmarkApp>, PathBuf) {
    let path = dir.join("relos.argmap.ron");
    argmark::io::save_map(Session::example().map(), &path).unwrap();
    let session = Session::open(&path, argmark::model::TagScheme::argument()).unwrap();
    let mut app = ArgmarkApp::new(session);
    app.set_disk_poll_interval(poll);
    (common::window_with(app), path)
}

/// Someone else removes the first unit and saves.
fn edit_behind_the_back(path: &Path) -> argmark::model::ArgumentMap {
    let mut s = Session::open(path, argmark::model::TagScheme::argument()).unwrap();
    let first = s.map().units()[0].id.clone();
    s.apply(Edit::RemoveUnit(first)).unwrap();
    std::fs::write(path, argmark::io::to_ron_string(s.map())).unwrap();
    s.map().clone()
}

/// Our own edit in the window: retag the last unit.
fn edit_here(h: &mut Harness<'_, ArgmarkApp>) {
    let map = h.state().session().map();
    let unit = map.units().last().unwrap().id.clone();
    let kind = map.scheme().tags[1].name.clone();
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, Action::Edit(Edit::SetUnitKind { unit, kind }));
    h.run();
}

fn settle(h: &mut Harness<'_, ArgmarkApp>) {
    std::thread::sleep(Duration::from_millis(10));
    h.run();
}

#[test]
fn a_change_on_disk_shows_a_banner_and_reload_shows_the_new_content() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = opened(dir.path(), Duration::from_millis(1));
    settle(&mut h);
    assert_eq!(h.state().external_change(), None, "nothing changed yet");

    let theirs = edit_behind_the_back(&path);
    settle(&mut h);
    assert_eq!(h.state().external_change(), Some(&External::Changed));
    assert!(
        h.query_by_label_contains("was changed on disk by another program")
            .is_some()
    );
    h.get_by_label("Reload").click();
    h.run();
    assert_eq!(
        h.state().session().map(),
        &theirs,
        "the new content is shown"
    );
    assert_eq!(h.state().external_change(), None);
    assert!(h.query_by_label_contains("was changed on disk").is_none());
}

#[test]
fn keep_mine_hides_the_banner_and_the_next_save_replaces_their_version() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, path) = opened(dir.path(), Duration::from_millis(1));
    edit_here(&mut h);
    let mine = h.state().session().map().clone();
    edit_behind_the_back(&path);
    settle(&mut h);
    h.get_by_label("Keep mine").click();
    h.run();
    settle(&mut h);
    assert_eq!(h.state().external_change(), None, "stays hidden");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(
        h.state().modal(),
        None,
        "the user already chose theirs to go"
    );
    assert_eq!(&argmark::io::load_map(&path).unwrap(), &mine);
}

#[test]
fn saving_over_a_newer_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    // Slow polling: the save itself must notice.
    let (mut h, path) = opened(dir.path(), Duration::from_secs(600));
    edit_here(&mut h);
    let mine = h.state().session().map().clone();
    let theirs = edit_behind_the_back(&path);

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(matches!(h.state().modal(), Some(Modal::Conflict { .. })));
    assert!(h.query_by_label("The file changed on disk").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        &argmark::io::load_map(&path).unwrap(),
        &theirs,
        "Cancel writes nothing"
    );
    assert!(h.state().session().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(&argmark::io::load_map(&path).unwrap(), &mine);
    assert!(!h.state().session().is_dirty());

    // After our own save, saving again does not ask.
    edit_here(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(h.state().modal(), None);
}

#[test]
fn a_changed_source_text_is_reported_and_the_map_keeps_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("relos.txt");
    std::fs::write(&text, "Moscow and Delhi finally signed RELOS.").unwrap();
    let session = Session::open(&text, argmark::model::TagScheme::argument()).unwrap();
    let mut app = ArgmarkApp::new(session);
    app.set_disk_poll_interval(Duration::from_millis(1));
    let mut h = common::window_with(app);
    settle(&mut h);
    assert_eq!(h.state().external_change(), None, "nothing changed yet");

    std::fs::write(&text, "Someone rewrote the article meanwhile.").unwrap();
    settle(&mut h);
    assert_eq!(h.state().external_change(), Some(&External::TextChanged));
    assert!(
        h.query_by_label_contains("The source text relos.txt was changed on disk")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("keeps the copy of the text it was started from")
            .is_some()
    );
    assert!(h.query_by_label("Reload").is_none(), "no reload is offered");
    assert_eq!(
        h.state().session().map().text(),
        "Moscow and Delhi finally signed RELOS.",
        "the annotation keeps its embedded text"
    );
    h.get_by_label("OK").click();
    h.run();
    settle(&mut h);
    assert_eq!(h.state().external_change(), None, "OK hides the notice");

    std::fs::remove_file(&text).unwrap();
    settle(&mut h);
    assert_eq!(h.state().external_change(), Some(&External::TextMissing));
    assert!(
        h.query_by_label_contains("The source text relos.txt was moved or deleted on disk")
            .is_some()
    );
}
