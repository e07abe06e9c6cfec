//! Failures outside Argmark's control say what happened in the window: a
//! map folder that cannot be written at Ctrl+S, a recovery folder that
//! cannot be written, no data folder for recovery files at all.
#![cfg(target_os = "linux")]

use argmark::autosave::MAX_BEHIND;
use argmark::io::recovery;
use argmark::model::{Edit, TagScheme};
use argmark::session::Session;
use argmark::ui::ArgmarkApp;
use argmark::ui::app::Modal;
use argmark::ui::state::Action;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Makes a folder unwritable for this process while alive: `chmod 555`, or
/// for root (whom permissions do not stop) the immutable attribute.
struct ReadOnly(PathBuf);

impl ReadOnly {
    fn new(dir: &Path) -> Self {
        if is_root() {
            let ok = Command::new("chattr").arg("+i").arg(dir).status();
            assert!(ok.is_ok_and(|s| s.success()), "chattr +i works here");
        } else {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        }
        let probe = dir.join("probe");
        assert!(fs::write(&probe, "x").is_err(), "the folder is read-only");
        Self(dir.to_owned())
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        if is_root() {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        }
        let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
    }
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

#[test]
fn ctrl_s_into_a_read_only_folder_says_which_folder_and_keeps_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let maps = dir.path().join("class");
    fs::create_dir(&maps).unwrap();
    let path = maps.join("relos.argmap.ron");
    argmark::io::save_map(Session::example().map(), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let session = Session::open(&path, TagScheme::argument()).unwrap();
    let mut h = common::window_with(ArgmarkApp::new(session));
    edit_here(&mut h);
    let unsaved = h.state().session().map().clone();

    let guard = ReadOnly::new(&maps);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let expected = format!("the folder {} is not writable", maps.display());
    match h.state().modal() {
        Some(Modal::Error(m)) => assert!(m.contains(&expected), "{m}"),
        other => panic!("no error shown: {other:?}"),
    }
    assert!(h.query_by_label_contains(&expected).is_some(), "shown");
    assert!(h.query_by_label("Could not do that").is_some());
    drop(guard);
    assert_eq!(fs::read(&path).unwrap(), before, "the file is unchanged");
    assert!(h.state().session().is_dirty(), "the work is still unsaved");
    assert_eq!(h.state().session().map(), &unsaved, "and still open");
    let left: Vec<_> = fs::read_dir(&maps)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".argmark-"))
        .collect();
    assert!(left.is_empty(), "no temp files: {left:?}");
}

#[test]
fn a_read_only_recovery_folder_is_named_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let rec = dir.path().join("recovery");
    fs::create_dir(&rec).unwrap();
    let guard = ReadOnly::new(&rec);
    let mut app = ArgmarkApp::new(Session::example());
    app.enable_recovery(rec.clone());
    let mut h = common::window_with(app);
    edit_here(&mut h);
    let expected = format!("the folder {} is not writable", rec.display());
    let start = Instant::now();
    while h.query_all_by_label_contains(&expected).next().is_none() {
        assert!(
            start.elapsed() < MAX_BEHIND + Duration::from_secs(3),
            "no failure shown: {:?}",
            h.state().notice()
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    let notice = h.state().notice().unwrap().to_owned();
    assert!(
        notice.starts_with("Autosave of relos.argmap.ron (example) failed"),
        "names the document: {notice}"
    );
    assert!(notice.ends_with("Save your work."), "{notice}");
    assert!(
        !notice.contains(".lock"),
        "names the folder, not a lock file"
    );
    // The next status message replaces the notice; the banner stays.
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        argmark::ui::state::Action::Notice("Something else.".into()),
    );
    h.run();
    assert_eq!(h.state().notice(), Some("Something else."));
    let why = notice
        .trim_start_matches("Autosave of relos.argmap.ron (example) failed: ")
        .trim_end_matches(". Save your work.");
    let banner =
        format!("Autosave is failing ({why}): unsaved work is not being copied for recovery.");
    assert!(
        h.query_by_label(&banner).is_some(),
        "a banner still says why"
    );
    assert!(h.query_by_label("Save now").is_some());
    drop(guard);
}

#[test]
fn without_a_data_folder_the_window_says_autosave_is_off() {
    let mut app = ArgmarkApp::new(Session::example());
    app.enable_recovery_in(None);
    let mut h = common::window_with(app);
    h.run();
    assert!(
        h.query_by_label_contains("Autosave is off: there is no folder for recovery files")
            .is_some()
    );
}

#[test]
fn without_home_or_xdg_data_home_there_is_no_recovery_folder_and_it_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("t.txt");
    fs::write(&text, "One claim here.").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_argmark"))
        .args(["autosave-drill", &text.to_string_lossy(), "--linger", "0"])
        .env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove(recovery::DIR_ENV)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let e = common::stderr(&o);
    assert!(e.contains("Autosave is off"), "{e}");
    assert!(e.contains("HOME, XDG_DATA_HOME"), "{e}");
}
