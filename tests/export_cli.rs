//! `argmark export` as a user runs it: files written where asked (or next
//! to the map), exit codes 0 / 1 / 2, messages naming the file.

mod common;

use common::{argmark, example, stderr};

#[test]
fn exports_svg_to_the_named_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let o = argmark(&[
        "export",
        example().to_str().unwrap(),
        "--to",
        "svg",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&out).unwrap();
    let xml = roxmltree::Document::parse(&svg).expect("valid XML");
    assert_eq!(xml.root_element().tag_name().name(), "svg");
    assert!(String::from_utf8_lossy(&o.stdout).contains("map.svg"));
    // Nothing else is left in the folder (no temp file, no backup).
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["map.svg"]);
}

#[test]
fn exports_png_next_to_the_map_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("relos.argmap.ron");
    std::fs::copy(example(), &map).unwrap();
    let o = argmark(&["export", map.to_str().unwrap(), "--to", "png"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let png_path = dir.path().join("relos.png");
    let bytes = std::fs::read(&png_path).expect("relos.png written next to the map");
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    assert!(reader.info().width >= 1600);
    // Re-exporting replaces the file in place.
    let o = argmark(&[
        "export",
        map.to_str().unwrap(),
        "--to",
        "png",
        "--labels",
        "note",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir.path().join("relos.png.bak").exists());
}

#[test]
fn a_missing_or_broken_map_is_a_file_problem() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.argmap.ron");
    let o = argmark(&["export", missing.to_str().unwrap(), "--to", "svg"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("{}: ", missing.display())),
        "{}",
        stderr(&o)
    );

    let broken = dir.path().join("broken.argmap.ron");
    let src = std::fs::read_to_string(example()).unwrap();
    std::fs::write(&broken, src.replacen("units: [", "units: [[", 1)).unwrap();
    let o = argmark(&["export", broken.to_str().unwrap(), "--to", "svg"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let rest = e
        .strip_prefix(&format!("{}:", broken.display()))
        .expect("names the file");
    let line: usize = rest
        .split(':')
        .next()
        .unwrap()
        .parse()
        .expect("a line number");
    assert!(line > 1, "{e}");
    assert!(!dir.path().join("broken.svg").exists());

    let o = argmark(&[
        "export",
        example().to_str().unwrap(),
        "--to",
        "svg",
        "-o",
        dir.path().join("no/such/dir/map.svg").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("map.svg: could not write"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2_and_help_explains() {
    let o = argmark(&["export", example().to_str().unwrap(), "--to", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    let o = argmark(&["export", example().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "--to is required");
    let o = argmark(&["export", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    for word in ["--to", "svg", "png", "--output", "--labels"] {
        assert!(help.contains(word), "help lacks {word}: {help}");
    }
}
