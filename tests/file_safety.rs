//! Saving and exporting never replace what is not a regular file, never
//! leave partial files behind, and reading never hangs on a pipe or device.
#![cfg(unix)]

mod common;

use argmark::io::{self, WriteOptions};
use argmark::model::{ArgumentMap, TagScheme};
use common::{argmark, example, stderr};
use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

fn map(text: &str) -> ArgumentMap {
    ArgumentMap::new(text, TagScheme::argument())
}

/// Names in `dir` that look like our temp files.
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".argmark-"))
        .collect()
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo works here");
    assert!(fs::metadata(p).unwrap().file_type().is_fifo());
}

/// Runs `f` on another thread and fails the test if it takes over 10 s
/// (a blocked open on a FIFO would never return).
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("finished instead of hanging")
}

#[test]
fn saving_through_a_symlink_updates_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let target = real_dir.join("m.argmap.ron");
    io::save_map(&map("first"), &target).unwrap();
    let link = dir.path().join("link.argmap.ron");
    symlink("real/m.argmap.ron", &link).unwrap();

    io::save_map(&map("second"), &link).unwrap();

    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_link(&link).unwrap(),
        Path::new("real/m.argmap.ron")
    );
    assert_eq!(io::load_map(&target).unwrap().text(), "second");
    // The backup sits beside the file it backs up.
    assert_eq!(
        io::load_map(&io::backup_path(&target)).unwrap().text(),
        "first"
    );
    assert!(leftovers(&real_dir).is_empty());
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_dangling_symlink_creates_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("l.argmap.ron");
    symlink("new.argmap.ron", &link).unwrap();
    io::save_map(&map("made"), &link).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        io::load_map(&dir.path().join("new.argmap.ron"))
            .unwrap()
            .text(),
        "made"
    );
}

#[test]
fn export_writes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("picture.svg");
    fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.svg");
    symlink(&target, &link).unwrap();
    let o = argmark(&[
        "export",
        example().to_str().unwrap(),
        "--to",
        "svg",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&target).unwrap().contains("<svg"));
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_fifo_is_refused_for_reading_and_writing_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.argmap.ron");
    mkfifo(&fifo);

    let f = fifo.clone();
    let e = within_seconds(move || io::load_map(&f)).unwrap_err();
    assert!(e.message.contains("named pipe"), "{e}");
    assert!(e.to_string().contains("pipe.argmap.ron"), "{e}");

    let f = fifo.clone();
    let e = within_seconds(move || io::save_map(&map("x"), &f)).unwrap_err();
    assert!(e.message.contains("named pipe"), "{e}");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(leftovers(dir.path()).is_empty());

    // The command line says the same and exits 1.
    let f = fifo.clone();
    let o = within_seconds(move || {
        argmark(&[
            "export",
            example().to_str().unwrap(),
            "--to",
            "svg",
            "-o",
            f.to_str().unwrap(),
        ])
    });
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("named pipe"), "{}", stderr(&o));
    let f = fifo.clone();
    let o = within_seconds(move || argmark(&["check", f.to_str().unwrap()]));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("named pipe"), "{}", stderr(&o));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn a_symlink_to_a_fifo_is_refused_naming_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let link = dir.path().join("l.argmap.ron");
    symlink(&fifo, &link).unwrap();
    let l = link.clone();
    let e = within_seconds(move || io::save_map(&map("x"), &l)).unwrap_err();
    assert!(e.message.contains("links to"), "{e}");
    assert!(e.message.contains("named pipe"), "{e}");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn devices_are_refused() {
    for dev in ["/dev/null", "/dev/zero"] {
        let p = Path::new(dev);
        let e = within_seconds(move || io::read_bytes(p)).unwrap_err();
        assert!(e.message.contains("a device"), "{e}");
        let e = io::write_safely(p, b"x", WriteOptions::default()).unwrap_err();
        assert!(e.message.contains("a device"), "{e}");
        assert!(e.to_string().starts_with(dev), "{e}");
    }
    let o = within_seconds(|| argmark(&["stats", "/dev/zero"]));
    assert_eq!(o.status.code(), Some(1));
    let o = argmark(&[
        "export",
        example().to_str().unwrap(),
        "--to",
        "svg",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("a device"), "{}", stderr(&o));
}

#[test]
fn a_folder_is_refused_as_a_target() {
    let dir = tempfile::tempdir().unwrap();
    let e = io::save_map(&map("x"), dir.path()).unwrap_err();
    assert!(e.message.contains("a folder"), "{e}");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-folder");
    let p = missing.join("m.argmap.ron");
    let e = io::save_map(&map("x"), &p).unwrap_err();
    assert!(
        e.message
            .contains(&format!("the folder {} does not exist", missing.display())),
        "{e}"
    );
    assert!(!e.message.contains(".argmark-"), "{e}");
    let o = argmark(&[
        "export",
        example().to_str().unwrap(),
        "--to",
        "svg",
        "-o",
        missing.join("x.svg").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
}

/// Runs the binary as a user whom folder permissions bind: as `nobody`
/// through `setpriv` when the tests run as root (root writes anywhere).
fn argmark_unprivileged(args: &[&str]) -> std::process::Output {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    if !root {
        return argmark(args);
    }
    Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_argmark"))
        .args(args)
        .output()
        .expect("setpriv runs (util-linux)")
}

#[test]
fn a_read_only_folder_is_named_and_nothing_is_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    // `nobody` must be able to reach the folder and read the map.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    let p = ro.join("m.argmap.ron");
    io::save_map(&map("first"), &p).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    let before = fs::read(&p).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();

    let o = argmark_unprivileged(&["fmt", p.to_str().unwrap()]);
    let svg = ro.join("m.svg");
    let o2 = argmark_unprivileged(&[
        "export",
        p.to_str().unwrap(),
        "--to",
        "svg",
        "-o",
        svg.to_str().unwrap(),
    ]);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();

    for o in [&o, &o2] {
        assert_eq!(o.status.code(), Some(1), "{}", stderr(o));
        let e = stderr(o);
        assert!(
            e.contains(&format!("the folder {} is not writable", ro.display())),
            "{e}"
        );
        assert!(!e.contains(".argmark-"), "{e}");
    }
    assert!(leftovers(&ro).is_empty(), "{:?}", leftovers(&ro));
    assert!(!svg.exists());
    assert_eq!(fs::read(&p).unwrap(), before);
}

#[test]
fn the_backup_is_the_previous_file_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.argmap.ron");
    // A hand-written file with a comment: the backup keeps it exactly.
    let hand = io::to_ron_string(&map("first")).replace("(\n", "(\n  // mine\n");
    fs::write(&p, &hand).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    io::save_map(&map("second"), &p).unwrap();
    assert_eq!(fs::read_to_string(io::backup_path(&p)).unwrap(), hand);
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o640,
        "the saved file keeps its permissions"
    );
    io::save_map(&map("third"), &p).unwrap();
    assert_eq!(io::load_map(&io::backup_path(&p)).unwrap().text(), "second");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn concurrent_saves_leave_whole_files_and_a_whole_backup() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.argmap.ron");
    io::save_map(&map("start"), &p).unwrap();
    let texts: Vec<String> = (0..8)
        .map(|i| format!("writer {i} ").repeat(2000))
        .collect();
    let handles: Vec<_> = texts
        .iter()
        .cloned()
        .map(|t| {
            let p = p.clone();
            std::thread::spawn(move || {
                for _ in 0..5 {
                    io::save_map(&map(&t), &p).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let now = io::load_map(&p).unwrap();
    let bak = io::load_map(&io::backup_path(&p)).unwrap();
    assert!(texts.iter().any(|t| t == now.text()));
    assert!(texts.iter().any(|t| t == bak.text()));
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn reading_still_has_a_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    fs::write(&p, vec![b'a'; 2048]).unwrap();
    let e = io::read_regular(&p, 1024).unwrap_err();
    assert!(e.message.contains("opens files up to"), "{e}");
    assert_eq!(io::read_regular(&p, 4096).unwrap().len(), 2048);
}

#[test]
fn a_failure_after_the_temp_file_is_written_removes_it_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.argmap.ron");
    io::save_map(&map("first"), &p).unwrap();
    // A folder where the backup should go makes the backup step fail.
    let bak = io::backup_path(&p);
    fs::create_dir(&bak).unwrap();
    fs::write(bak.join("keep"), "x").unwrap();
    let e = io::save_map(&map("second"), &p).unwrap_err();
    assert!(e.message.contains("could not keep a backup"), "{e}");
    assert!(e.message.contains("nothing was changed"), "{e}");
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
    assert_eq!(io::load_map(&p).unwrap().text(), "first");
    assert!(bak.join("keep").exists());
}
