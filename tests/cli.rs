//! The command line as a user runs it: exit codes and messages naming the file.

mod common;

use common::{argmark, example, stderr};
use std::path::{Path, PathBuf};

/// Writes the example with one substitution into a temp dir.
fn corrupt_example(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let src = std::fs::read_to_string(example()).unwrap();
    assert!(
        src.contains(from),
        "fixture pattern {from:?} not in the example"
    );
    let p = dir.join(name);
    std::fs::write(&p, src.replacen(from, to, 1)).unwrap();
    p
}

/// The first `name: value` field written in the units or relations, e.g. `end: 172`.
fn first_field<'a>(src: &'a str, name: &str) -> &'a str {
    let needle = format!(", {name}: ");
    let at = src.find(&needle).expect("the field is in the example") + 2;
    let len = src[at..].find([',', ')']).unwrap();
    &src[at..at + len]
}

#[test]
fn check_accepts_the_example() {
    let o = argmark(&["check", example().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("ok ("));
}

#[test]
fn check_reports_broken_syntax_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = corrupt_example(dir.path(), "broken.argmap.ron", "units: [", "units: [[");
    let o = argmark(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let expected_prefix = format!("{}:", p.display());
    assert!(e.starts_with(&expected_prefix), "{e}");
    let rest = &e[expected_prefix.len()..];
    let line: usize = rest
        .split(':')
        .next()
        .unwrap()
        .parse()
        .expect("a line number");
    assert!(line > 1, "{e}");
}

#[test]
fn check_reports_out_of_range_offsets_at_the_unit() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(example()).unwrap();
    let end_field = first_field(&src, "end");
    let p = corrupt_example(dir.path(), "range.argmap.ron", end_field, "end: 999999");
    let o = argmark(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("beyond the end of the text"), "{e}");
    assert!(e.starts_with(&format!("{}:", p.display())), "{e}");
    // Points at the line where the unit's id is written.
    let line: usize = e.split(':').nth(1).unwrap().parse().unwrap();
    let written = std::fs::read_to_string(&p).unwrap();
    assert!(
        written.lines().nth(line - 1).unwrap().contains("id: \"u"),
        "{e}"
    );
}

#[test]
fn check_reports_a_dangling_relation() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(example()).unwrap();
    let target = first_field(&src, "target");
    let p = corrupt_example(
        dir.path(),
        "dangling.argmap.ron",
        target,
        "target: \"u999\"",
    );
    let o = argmark(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("relation r") && e.contains("unit u999, which does not exist"),
        "{e}"
    );
}

#[test]
fn check_refuses_non_utf8_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    std::fs::write(&p, b"Caf\xE9 au lait").unwrap();
    let o = argmark(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("{}:1:4: is not valid UTF-8", p.display())),
        "{e}"
    );
}

#[test]
fn check_names_a_missing_file_and_goes_on_to_the_next() {
    let o = argmark(&[
        "check",
        "/nonexistent/x.argmap.ron",
        example().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nonexistent/x.argmap.ron: no such file"),
        "{}",
        stderr(&o)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("relos.argmap.ron: ok"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(argmark(&["check"]).status.code(), Some(2));
    assert_eq!(argmark(&["stats", "--bogus", "x"]).status.code(), Some(2));
    for cmd in ["check", "stats", "fmt"] {
        let o = argmark(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&o.stdout).contains("Usage"));
    }
}

#[test]
fn stats_json_has_the_documented_fields() {
    let o = argmark(&["stats", "--json", example().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let units = v["units"].as_u64().unwrap();
    assert!(units >= 25, "{v}");
    assert!(v["relations"].as_u64().unwrap() >= 15);
    let scenarios: Vec<&str> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert!(scenarios.contains(&"New Détente"), "{scenarios:?}");
    let by_kind: u64 = v["by_kind"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|n| n.as_u64())
        .sum();
    assert_eq!(by_kind, units);
    for (role, share) in v["coverage"].as_object().unwrap() {
        let share = share.as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share), "{role}: {share}");
    }
    assert!(v["coverage"]["speculation"].as_f64().unwrap() > 0.0);
}

#[test]
fn stats_text_is_readable() {
    let o = argmark(&["stats", example().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8_lossy(&o.stdout);
    for expected in [
        "Units:",
        "Relations:",
        "Scenarios:",
        "New Détente",
        "Coverage",
    ] {
        assert!(s.contains(expected), "missing {expected:?} in\n{s}");
    }
}

#[test]
fn fmt_rewrites_canonically_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(example()).unwrap();
    let p = dir.path().join("messy.argmap.ron");
    std::fs::write(&p, src.replace("\n  ", "\n")).unwrap();
    let o = argmark(&["fmt", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), src);
    assert!(dir.path().join("messy.argmap.ron.bak").exists());
}
