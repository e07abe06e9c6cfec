//! Crash recovery for real: a child process annotates with autosave on (the
//! window's code path, through the hidden `autosave-drill` subcommand), is
//! killed with SIGKILL, and the next window offers its work back.

use argmark::autosave::MAX_BEHIND;
use argmark::io::recovery::{self, RecoveredFrom};
use argmark::session::{Origin, Session};
use argmark::ui::ArgmarkApp;
use argmark::ui::files::BuiltinPicker;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

const TEXT: &str = "Moscow and Delhi finally signed RELOS after years of talks. \
                    Critics say the deal might collapse if sanctions bite, \
                    while officials insist logistics will improve by spring.";

/// Recovery files in `dir` not in `before`, read despite their locks.
fn new_copies(dir: &Path, before: &[PathBuf]) -> Vec<recovery::RecoveryEntry> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    read.flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "recovery") && !before.contains(p))
        .filter_map(|p| recovery::read(&p))
        .collect()
}

/// The one recovery file in `dir`, read despite its lock.
fn live_copy(dir: &Path) -> Option<recovery::RecoveryEntry> {
    new_copies(dir, &[]).pop()
}

/// Runs the drill until it has added `units` units and its copy holds them
/// all, kills it with SIGKILL, and returns the units it reported as
/// `(id, start, end)` and how long the copy lagged behind the last edit.
fn annotate_then_kill(
    text: &Path,
    rec: &Path,
    units: usize,
) -> (Vec<(String, usize, usize)>, Duration) {
    let before: Vec<PathBuf> = recovery::list(rec).into_iter().map(|e| e.file).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmark"))
        .args([
            "autosave-drill",
            &text.to_string_lossy(),
            "--units",
            &units.to_string(),
        ])
        .args(["--every-ms", "30", "--linger", "60"])
        .env(recovery::DIR_ENV, rec)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary runs");
    let mut added = Vec::new();
    let stdout = child.stdout.take().unwrap();
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if line == "edits done" {
            break;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(parts[0], "added", "{line}");
        added.push((
            parts[1].to_owned(),
            parts[2].parse().unwrap(),
            parts[3].parse().unwrap(),
        ));
    }
    let done = Instant::now();
    assert_eq!(added.len(), units);
    // The copy catches up with the last edit within MAX_BEHIND.
    let lag = loop {
        let copies = new_copies(rec, &before);
        if copies.len() == 1 && copies[0].header.units == units {
            break done.elapsed();
        }
        assert!(
            done.elapsed() < MAX_BEHIND + Duration::from_secs(2),
            "the recovery copy did not catch up within {MAX_BEHIND:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let offered: Vec<PathBuf> = recovery::list(rec).into_iter().map(|e| e.file).collect();
    assert_eq!(
        offered, before,
        "a running session's copy is locked and not offered"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    (added, lag)
}

/// Makes a unit of the first word by keyboard-free means: the tag key
/// (1, Main claim) on a text selection.
fn tag_first_word(h: &mut egui_kittest::Harness<'_, ArgmarkApp>) {
    let sel = argmark::ui::state::TextSelection {
        anchor: 0,
        head: 3,
        exact: false,
    };
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        argmark::ui::state::Action::SetTextSelection(Some(sel)),
    );
    h.key_press(Key::Num1);
    h.run();
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("relos.txt");
    std::fs::write(&text, TEXT).unwrap();
    let rec = dir.path().join("recovery");
    (dir, text, rec)
}

#[test]
fn kill_9_mid_session_loses_no_unit_and_the_next_window_recovers_them() {
    let (dir, text, rec) = setup();
    let (added, lag) = annotate_then_kill(&text, &rec, 14);
    assert!(lag <= MAX_BEHIND + Duration::from_secs(1), "lag {lag:?}");

    let found = recovery::list(&rec);
    assert_eq!(found.len(), 1, "the killed session's copy is offered");
    let entry = &found[0];
    assert_eq!(entry.header.origin, RecoveredFrom::Text);
    assert_eq!(entry.header.path.as_deref(), Some(text.as_path()));
    let map = entry.load().unwrap();
    let got: Vec<(String, usize, usize)> = map
        .units()
        .iter()
        .map(|u| (u.id.to_string(), u.start, u.end))
        .collect();
    assert_eq!(got, added, "every unit, with its span");

    // The next start offers it; Recover brings every unit back as unsaved work.
    let mut app = ArgmarkApp::new(Session::example());
    app.set_picker(Box::new(BuiltinPicker { why: None }));
    app.enable_recovery(rec.clone());
    let mut h = common::window_with(app);
    assert!(h.query_by_label("Recover unsaved work?").is_some());
    assert!(
        h.query_by_label_contains(&text.display().to_string())
            .is_some()
    );
    assert!(h.query_by_label_contains("14 units").is_some());
    h.get_by_label("Recover").click();
    h.run();
    let session = h.state().session();
    assert_eq!(session.map(), &map);
    assert!(session.is_dirty(), "recovered work is unsaved");
    assert_eq!(session.origin(), &Origin::Text(text.clone()));
    assert!(h.state().recovery_offer().is_empty());
    // Another window would not offer it while this one works on it.
    assert!(recovery::list(&rec).is_empty());

    // Save puts the map beside the text and the copy goes.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    h.get_by_label("Save").click();
    h.run();
    let saved = dir.path().join("relos.argmap.ron");
    assert_eq!(argmark::io::load_map(&saved).unwrap().units(), map.units());
    h.run();
    h.state().flush_autosave();
    let left: Vec<_> = std::fs::read_dir(&rec).unwrap().flatten().collect();
    assert!(left.is_empty(), "saved: no recovery copy left ({left:?})");
}

#[test]
fn discard_deletes_the_copy_and_decide_later_keeps_it() {
    let (_dir, text, rec) = setup();
    annotate_then_kill(&text, &rec, 3);
    annotate_then_kill(&text, &rec, 5);
    assert_eq!(recovery::list(&rec).len(), 2);

    let mut app = ArgmarkApp::new(Session::example());
    app.enable_recovery(rec.clone());
    let mut h = common::window_with(app);
    assert_eq!(h.state().recovery_offer().len(), 2);
    // Newest first: the 5-unit session.
    assert_eq!(h.state().recovery_offer()[0].header.units, 5);
    h.get_all_by_label("Discard").next().unwrap().click();
    h.run();
    let left = recovery::list(&rec);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].header.units, 3);
    assert_eq!(
        h.state().session().display_name(),
        argmark::session::EXAMPLE_NAME
    );

    h.get_by_label("Decide later").click();
    h.run();
    assert!(h.state().recovery_offer().is_empty());
    assert_eq!(recovery::list(&rec).len(), 1, "kept for later");
    assert!(h.state().notice().unwrap().contains("Recover unsaved work"));
}

#[test]
fn unsaved_work_in_the_window_is_copied_and_a_clean_quit_removes_it() {
    let (_dir, text, rec) = setup();
    let session = Session::open(&text, argmark::model::TagScheme::argument()).unwrap();
    let mut app = ArgmarkApp::new(session);
    app.enable_recovery(rec.clone());
    let mut h = common::window_with(app);
    h.state_mut()
        .set_picker(Box::new(BuiltinPicker { why: None }));
    tag_first_word(&mut h);
    assert_eq!(h.state().session().map().units().len(), 1);
    // Frames keep coming (the window is woken when a copy is due).
    let start = Instant::now();
    while live_copy(&rec).is_none_or(|c| c.header.units != 1) {
        assert!(start.elapsed() < MAX_BEHIND + Duration::from_secs(2));
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    assert!(h.state().is_quitting());
    assert!(
        live_copy(&rec).is_none(),
        "a deliberate discard leaves no copy"
    );
}

#[test]
fn a_recovery_copy_that_cannot_be_written_is_reported() {
    let (dir, text, _) = setup();
    // A "folder" below a file cannot be created.
    let bad = text.join("recovery");
    let session = Session::open(&text, argmark::model::TagScheme::argument()).unwrap();
    let mut app = ArgmarkApp::new(session);
    app.enable_recovery(bad);
    let mut h = common::window_with(app);
    tag_first_word(&mut h);
    let start = Instant::now();
    while !h
        .state()
        .notice()
        .is_some_and(|n| n.starts_with("Autosave of") && n.contains("failed"))
    {
        assert!(
            start.elapsed() < MAX_BEHIND + Duration::from_secs(2),
            "no failure notice: {:?}",
            h.state().notice()
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    assert!(
        h.state().notice().unwrap().contains("relos.txt"),
        "names the folder"
    );
    drop(dir);
}

#[test]
fn each_unsaved_tab_has_its_own_copy_and_closing_one_removes_only_its_own() {
    let (dir, text, rec) = setup();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "A second text, annotated in another tab.").unwrap();
    let session = Session::open(&text, argmark::model::TagScheme::argument()).unwrap();
    let mut app = ArgmarkApp::new(session);
    app.enable_recovery(rec.clone());
    let mut h = common::window_with(app);
    tag_first_word(&mut h);
    h.state_mut().open_path(&other);
    h.run();
    assert_eq!(h.state().documents().len(), 2);
    tag_first_word(&mut h);
    // Back to the first tab: the second, now in the background, is copied too.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Tab);
    h.run();
    let start = Instant::now();
    let names = |rec: &Path| {
        let mut n: Vec<String> = new_copies(rec, &[])
            .into_iter()
            .filter(|c| c.header.units == 1)
            .map(|c| c.header.name)
            .collect();
        n.sort();
        n
    };
    while names(&rec).len() < 2 {
        assert!(
            start.elapsed() < MAX_BEHIND + Duration::from_secs(2),
            "copies: {:?}",
            names(&rec)
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    assert_eq!(
        names(&rec),
        ["other.txt (new annotation)", "relos.txt (new annotation)"]
    );
    // Ctrl+W, Discard: the first tab's copy goes, the other stays.
    h.key_press_modifiers(Modifiers::COMMAND, Key::W);
    h.run();
    h.get_by_label("Discard changes").click();
    h.run();
    h.state().flush_autosave();
    assert_eq!(names(&rec), ["other.txt (new annotation)"]);
}
