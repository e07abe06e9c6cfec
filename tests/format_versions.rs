//! The file format can grow: older files load, newer minor versions keep
//! what this build does not know, newer major versions are refused clearly,
//! and every script is written readably.

mod common;

use argmark::io::{self, needs_escape};
use argmark::model::{ArgumentMap, Edit, TagScheme, Unit, UnitId, apply};
use common::{argmark, example, stderr, stdout};
use proptest::prelude::*;
use std::path::Path;

fn sample() -> ArgumentMap {
    let mut map = ArgumentMap::new("One claim. Two.", TagScheme::argument());
    apply(
        &mut map,
        Edit::AddUnit(Unit {
            id: UnitId::from_number(1),
            kind: "Claim".into(),
            start: 0,
            end: 9,
            quote: "One claim".into(),
            note: String::new(),
            scenario: None,
        }),
    )
    .unwrap();
    map
}

/// A section a future Argmark might add: an enum, a nested list, a comment
/// and odd spacing, all of which must come back exactly as written.
const FUTURE_SECTION: &str = "[\n    (unit: \"u1\", level: Sure, by: Some(\"ana\")), // checked\n    (unit: \"u1\",   level: Unsure(0.5)),\n  ]";

/// `sample()` as a format 1.3 file with one extra top-level section.
fn future_file() -> String {
    io::to_ron_string(&sample())
        .replace("format: 1,\n", "format: 1,\n  minor: 3,\n")
        .replace(
            "  text: [",
            &format!("  confidence: {FUTURE_SECTION},\n  text: ["),
        )
}

#[test]
fn a_file_without_a_minor_version_still_loads() {
    let src = std::fs::read_to_string(example()).unwrap();
    assert!(!src.contains("minor:"));
    let map = io::from_ron_str(&src, &example()).unwrap();
    assert!(!map.units().is_empty());
    // And is written back without one.
    assert!(!io::to_ron_string(&map).contains("minor:"));
}

#[test]
fn sections_from_a_newer_minor_version_are_kept_and_written_back() {
    let src = future_file();
    let parsed = io::parse_map(&src, Path::new("f.argmap.ron")).unwrap();
    assert_eq!(parsed.map.units().len(), 1);
    assert_eq!(parsed.warnings.len(), 1);
    let w = &parsed.warnings[0];
    assert!(w.message.contains("`confidence`"), "{w}");
    assert!(w.message.contains("format 1.3"), "{w}");
    let line = w.location.expect("a line").line;
    assert!(src.lines().nth(line - 1).unwrap().contains("confidence:"));

    let saved = io::to_ron_string(&parsed.map);
    assert!(saved.contains("minor: 3,"), "{saved}");
    assert!(saved.contains("format 1.3."), "{saved}");
    assert!(
        saved.contains(&format!("  confidence: {FUTURE_SECTION},\n")),
        "{saved}"
    );
    // Load → save is stable from then on.
    let again = io::parse_map(&saved, Path::new("f.argmap.ron")).unwrap();
    assert_eq!(io::to_ron_string(&again.map), saved);
    // Edits do not disturb what was kept.
    let mut map = again.map;
    apply(
        &mut map,
        Edit::AddUnit(Unit {
            id: UnitId::from_number(2),
            kind: "Claim".into(),
            start: 11,
            end: 14,
            quote: "Two".into(),
            note: String::new(),
            scenario: None,
        }),
    )
    .unwrap();
    assert!(io::to_ron_string(&map).contains(FUTURE_SECTION));
}

#[test]
fn the_cli_warns_about_kept_sections_and_fmt_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("future.argmap.ron");
    std::fs::write(&p, future_file()).unwrap();
    let o = argmark(&["fmt", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: `confidence`"),
        "{}",
        stderr(&o)
    );
    let saved = std::fs::read_to_string(&p).unwrap();
    assert!(saved.contains(FUTURE_SECTION), "{saved}");
    let o = argmark(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_unknown_field_in_this_version_is_a_typo() {
    let src = io::to_ron_string(&sample()).replace("  text: [", "  confidence: [],\n  text: [");
    let e = io::from_ron_str(&src, Path::new("t.argmap.ron")).unwrap_err();
    assert!(e.message.contains("unknown field `confidence`"), "{e}");
    let line = e.location.expect("a line").line;
    assert!(src.lines().nth(line - 1).unwrap().contains("confidence"));
}

#[test]
fn a_new_field_inside_a_unit_from_a_newer_minor_version_is_refused_clearly() {
    let src = future_file().replacen("quote: \"One claim\"", "quote: \"One claim\", weight: 2", 1);
    let e = io::from_ron_str(&src, Path::new("t.argmap.ron")).unwrap_err();
    assert!(e.message.contains("`weight` in a unit"), "{e}");
    assert!(e.message.contains("newer Argmark (format 1.3)"), "{e}");
}

#[test]
fn a_newer_major_version_is_refused_with_both_versions() {
    let src = io::to_ron_string(&sample()).replace("format: 1,", "format: 2,\n  minor: 4,");
    let e = io::from_ron_str(&src, Path::new("n.argmap.ron")).unwrap_err();
    assert!(
        e.message
            .contains("made by a newer Argmark (format 2.x); this Argmark reads 1.x"),
        "{e}"
    );
}

#[test]
fn fmt_warns_about_comments_it_drops_and_still_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.argmap.ron");
    let src = io::to_ron_string(&sample())
        .replace("  units: [", "  // my reading of the claims\n  units: [");
    let line = src.lines().position(|l| l.contains("my reading")).unwrap() + 1;
    std::fs::write(&p, &src).unwrap();
    let o = argmark(&["fmt", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains(&format!(
            "{}:{line}:3: warning: this comment is dropped",
            p.display()
        )),
        "{e}"
    );
    assert!(stdout(&o).contains("formatted"));
    // The header comment Argmark writes itself is not worth a warning.
    let o = argmark(&["fmt", p.to_str().unwrap()]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn scripts_are_written_as_themselves() {
    let text = "Любовь. हिन्दी में. العَرَبِيَّة. 中文。👩‍🔬 e\u{301}.";
    let mut map = ArgumentMap::new(text, TagScheme::argument());
    let start = "Любовь. ".chars().count();
    apply(
        &mut map,
        Edit::AddUnit(Unit {
            id: UnitId::from_number(1),
            kind: "Claim".into(),
            start,
            end: start + "हिन्दी में".chars().count(),
            quote: "हिन्दी में".into(),
            note: "नोट: स्पष्ट नहीं".into(),
            scenario: None,
        }),
    )
    .unwrap();
    let out = io::to_ron_string(&map);
    assert!(!out.contains("\\u{"), "{out}");
    assert!(out.contains(text), "{out}");
    assert!(out.contains("note: \"नोट: स्पष्ट नहीं\""), "{out}");
    assert_eq!(io::from_ron_str(&out, Path::new("s.ron")).unwrap(), map);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any string, as text and as a note, comes back exactly; escapes
    /// appear only for the characters the escaper documents.
    #[test]
    fn any_string_round_trips_readably(s in any::<String>(), note in "\\PC*") {
        let mut map = ArgumentMap::new(s.clone(), TagScheme::argument());
        let mut meta = map.meta().clone();
        meta.notes = note.clone();
        apply(&mut map, Edit::SetMeta(meta)).unwrap();
        let out = io::to_ron_string(&map);
        let back = io::from_ron_str(&out, Path::new("p.ron")).unwrap();
        prop_assert_eq!(back.text(), s.as_str());
        prop_assert_eq!(&back.meta().notes, &note);
        prop_assert_eq!(io::to_ron_string(&back), out.clone());
        let escaped = s.chars().chain(note.chars()).any(needs_escape);
        prop_assert!(escaped || !out.contains("\\u{"), "{}", out);
        for c in s.chars().chain(note.chars()).filter(|c| !c.is_ascii() && !needs_escape(*c)) {
            prop_assert!(out.contains(c), "{:?} missing from {}", c, out);
        }
    }
}

#[test]
fn the_window_says_which_sections_it_keeps_from_a_newer_version_and_saves_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.argmap.ron");
    std::fs::write(&path, future_file()).unwrap();
    let mut h = common::relos_window();
    h.state_mut().open_path(&path);
    h.run();
    match h.state().modal() {
        Some(argmark::ui::app::Modal::Warning(text)) => {
            assert!(text.contains("confidence"), "{text}");
            assert!(text.contains("future.argmap.ron"), "{text}");
        }
        other => panic!("expected a warning naming the kept section, got {other:?}"),
    }
    assert_eq!(h.state().session().map().units().len(), 1);
    let out = dir.path().join("again.argmap.ron");
    assert!(h.state_mut().save_to(&out));
    let saved = std::fs::read_to_string(&out).unwrap();
    assert!(saved.contains(FUTURE_SECTION), "{saved}");
}
