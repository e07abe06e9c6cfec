//! Broken map files: every command refuses them the way `check` does, and
//! parse errors say what to fix at the line where it has to be fixed.

mod common;

use common::{argmark, example, stderr};
use std::path::{Path, PathBuf};

fn example_lines() -> Vec<String> {
    std::fs::read_to_string(example())
        .unwrap()
        .split('\n')
        .map(str::to_owned)
        .collect()
}

/// The 0-based index of the first line containing `needle`.
fn line_with(lines: &[String], needle: &str) -> usize {
    lines
        .iter()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is in the example"))
}

/// Writes `lines` to `dir/name` and runs `argmark check` on it.
fn check_lines(dir: &Path, name: &str, lines: &[String]) -> (PathBuf, String) {
    let p = dir.join(name);
    std::fs::write(&p, lines.join("\n")).unwrap();
    let o = argmark(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    (p, stderr(&o))
}

/// Asserts `err` is `PATH:LINE:COL: …message…` at 1-based `line`.
fn assert_at(err: &str, path: &Path, line: usize, message: &str) {
    let prefix = format!("{}:{line}:", path.display());
    assert!(err.starts_with(&prefix), "expected {prefix}…, got {err}");
    assert!(err.contains(message), "expected {message:?} in {err}");
}

#[test]
fn a_negative_offset_is_reported_as_such_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let i = line_with(&lines, "(id: \"u3\"");
    let start = lines[i].find("start: ").unwrap() + "start: ".len();
    lines[i].insert(start, '-');
    let (p, e) = check_lines(dir.path(), "neg.argmap.ron", &lines);
    assert_at(&e, &p, i + 1, "a number must be 0 or more");
}

#[test]
fn an_unclosed_quote_is_reported_at_its_line_not_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let i = line_with(&lines, "(id: \"u4\"");
    // Drop the quote that closes the unit's `quote: "…"`.
    let q = lines[i].find("quote: \"").unwrap() + "quote: \"".len();
    let close = q + lines[i][q..].find("\", ").unwrap();
    lines[i].remove(close);
    let (p, e) = check_lines(dir.path(), "quote.argmap.ron", &lines);
    assert_at(
        &e,
        &p,
        i + 1,
        &format!("a quote is not closed on line {}", i + 1),
    );
}

#[test]
fn a_quote_left_open_in_the_last_line_is_found_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    // The file ends `…",` / `  ],` / `)` / ``.
    let i = lines.len() - 4;
    assert!(lines[i].trim_end().ends_with("\","), "{}", lines[i]);
    let end = lines[i].trim_end().len() - 2;
    lines[i].remove(end);
    let (p, e) = check_lines(dir.path(), "last.argmap.ron", &lines);
    assert_at(&e, &p, i + 1, "a quote is not closed");
}

#[test]
fn a_missing_comma_between_fields_points_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let i = line_with(&lines, "(id: \"u5\"");
    lines[i] = lines[i].replacen(", end:", " end:", 1);
    let (p, e) = check_lines(dir.path(), "comma.argmap.ron", &lines);
    assert_at(&e, &p, i + 1, "a comma is missing");
}

#[test]
fn a_missing_comma_between_items_points_at_the_earlier_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let i = line_with(&lines, "(id: \"u5\"");
    assert!(lines[i].ends_with("),"));
    lines[i].pop();
    let (p, e) = check_lines(dir.path(), "items.argmap.ron", &lines);
    assert_at(&e, &p, i + 1, "a comma is missing after this");
}

#[test]
fn an_unknown_relation_kind_lists_the_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let i = line_with(&lines, "kind: Support");
    lines[i] = lines[i].replacen("kind: Support", "kind: Suport", 1);
    let (p, e) = check_lines(dir.path(), "kind.argmap.ron", &lines);
    assert_at(&e, &p, i + 1, "unknown value `Suport` in a relation kind");
    assert!(e.contains("`Support`, `Attack`, `Rephrase`"), "{e}");
}

#[test]
fn a_misspelt_field_in_a_unit_names_the_field_and_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let i = line_with(&lines, "(id: \"u2\"");
    lines[i] = lines[i].replacen("quote:", "qoute:", 1);
    let (p, e) = check_lines(dir.path(), "field.argmap.ron", &lines);
    assert_at(&e, &p, i + 1, "unknown field `qoute` in a unit (a typo?)");
}

#[test]
fn an_unclosed_bracket_names_where_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let i = line_with(&lines, "  text: [");
    // Drop the `],` that closes the text and the map's `)`.
    lines.truncate(lines.len() - 3);
    let (p, e) = check_lines(dir.path(), "open.argmap.ron", &lines);
    assert_at(
        &e,
        &p,
        i + 1,
        &format!("the `[` on line {} is never closed", i + 1),
    );
}

#[test]
fn a_duplicate_id_points_at_the_second_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines();
    let first = line_with(&lines, "(id: \"u6\"");
    let copy = lines[first].clone();
    let units_end = line_with(&lines, "  relations: [") - 1;
    lines.insert(units_end, copy);
    let (p, e) = check_lines(dir.path(), "dup.argmap.ron", &lines);
    let prefix = format!("{}:{}:", p.display(), units_end + 1);
    let line = e
        .lines()
        .find(|l| l.contains("unit u6: this id is used more than once"))
        .unwrap_or_else(|| panic!("{e}"));
    assert!(line.starts_with(&prefix), "{line} (want {prefix})");
}

#[test]
fn every_command_refuses_a_structurally_broken_map_like_check() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(example()).unwrap();
    let p = dir.path().join("dangling.argmap.ron");
    std::fs::write(&p, src.replacen("target: \"u8\"", "target: \"u999\"", 1)).unwrap();
    let path = p.to_str().unwrap();
    let check = argmark(&["check", path]);
    assert_eq!(check.status.code(), Some(1));
    let expected = stderr(&check);
    assert!(expected.contains("u999"), "{expected}");
    let svg = dir.path().join("out.svg");
    for args in [
        vec!["stats", path],
        vec!["stats", "--json", path],
        vec!["analyze", path],
        vec!["analyze", "--json", path],
        vec!["suggest", path],
        vec!["export", path, "--to", "svg", "-o", svg.to_str().unwrap()],
    ] {
        let o = argmark(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), expected, "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?} printed a result");
    }
    assert!(!svg.exists());
}

#[test]
fn content_problems_alone_do_not_stop_the_other_commands() {
    // An unknown tag is for a person to look at, not a broken file.
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(example()).unwrap();
    let p = dir.path().join("tag.argmap.ron");
    std::fs::write(&p, src.replacen("kind: \"Claim\"", "kind: \"Claimz\"", 1)).unwrap();
    let o = argmark(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Claimz"), "{}", stderr(&o));
    let o = argmark(&["stats", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
