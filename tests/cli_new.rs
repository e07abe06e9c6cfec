//! `argmark new`: maps over texts from the command line, one or many.

mod common;

use argmark::io;
use common::{argmark, stderr, stdout};
use std::fs;
use std::path::Path;

fn write_text(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_map_is_made_beside_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let t = write_text(
        dir.path(),
        "relos.txt",
        "Russia and India sign RELOS.\r\nSecond.",
    );
    let o = argmark(&["new", t.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let map_path = dir.path().join("relos.argmap.ron");
    assert!(stdout(&o).contains("relos.argmap.ron"), "{}", stdout(&o));
    let map = io::load_map(&map_path).unwrap();
    assert_eq!(map.text(), "Russia and India sign RELOS.\r\nSecond.");
    assert_eq!(map.meta().title, "relos");
    assert_eq!(map.scheme().name, "argument");
    assert!(map.units().is_empty());
    let o = argmark(&["check", map_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_existing_map_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let t = write_text(dir.path(), "essay.md", "# Title\n\nBody.");
    let target = dir.path().join("mine.argmap.ron");
    fs::write(&target, "precious").unwrap();
    let o = argmark(&["new", t.to_str().unwrap(), "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("already exists; add --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");

    let o = argmark(&[
        "new",
        t.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
        "--force",
        "--scheme",
        "essay",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let map = io::load_map(&target).unwrap();
    assert_eq!(map.scheme().name, "essay");
    assert_eq!(
        fs::read_to_string(io::backup_path(&target)).unwrap(),
        "precious"
    );
}

#[test]
fn several_texts_go_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_text(dir.path(), "a.txt", "First text.");
    let b = write_text(dir.path(), "b.md", "Second text.");
    let out = dir.path().join("class");
    fs::create_dir(&out).unwrap();
    let o = argmark(&[
        "new",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--scheme",
        "media-literacy",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (name, text) in [("a", "First text."), ("b", "Second text.")] {
        let map = io::load_map(&out.join(format!("{name}.argmap.ron"))).unwrap();
        assert_eq!(map.text(), text);
        assert_eq!(map.scheme().name, "media-literacy");
    }

    // Without -o each map goes beside its text; one bad text does not stop the rest.
    let o = argmark(&[
        "new",
        a.to_str().unwrap(),
        dir.path().join("missing.txt").to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("missing.txt: no such file"),
        "{}",
        stderr(&o)
    );
    assert!(dir.path().join("a.argmap.ron").exists());
    assert!(dir.path().join("b.argmap.ron").exists());
}

#[test]
fn several_texts_with_a_file_as_output_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_text(dir.path(), "a.txt", "A.");
    let b = write_text(dir.path(), "b.txt", "B.");
    let o = argmark(&[
        "new",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        dir.path().join("one.argmap.ron").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("must be an existing folder"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("one.argmap.ron").exists());
}

#[test]
fn an_unknown_scheme_lists_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_text(dir.path(), "a.txt", "A.");
    let o = argmark(&["new", a.to_str().unwrap(), "--scheme", "debate"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    for name in ["argument", "media-literacy", "essay"] {
        assert!(e.contains(name), "{e}");
    }
    assert!(!dir.path().join("a.argmap.ron").exists());
}

#[test]
fn a_scheme_file_can_be_given() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_text(dir.path(), "a.txt", "A.");
    let scheme = write_text(
        dir.path(),
        "class.ron",
        "(name: \"class\", tags: [(name: \"Thesis\", role: MainClaim, color: \"#c0392b\", key: 1)])",
    );
    let o = argmark(&[
        "new",
        a.to_str().unwrap(),
        "--scheme",
        scheme.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let map = io::load_map(&dir.path().join("a.argmap.ron")).unwrap();
    assert_eq!(map.scheme().name, "class");
    assert_eq!(map.scheme().tags[0].name, "Thesis");

    fs::write(
        &scheme,
        "(name: \"class\", tags: [(name: \"T\", role: Thesis)])",
    )
    .unwrap();
    let o = argmark(&[
        "new",
        a.to_str().unwrap(),
        "--force",
        "--scheme",
        scheme.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("class.ron:1:"), "{}", stderr(&o));
}

#[test]
fn only_texts_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let m = write_text(dir.path(), "x.argmap.ron", "()");
    let o = argmark(&["new", m.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("is not a text to annotate"),
        "{}",
        stderr(&o)
    );
}
