//! `argmark compare` and `argmark profile` as a user runs them.

use serde_json::Value;
use std::path::{Path, PathBuf};

mod common;

use common::{argmark, example, stderr, stdout};

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/compare")
        .join(name)
        .display()
        .to_string()
}

fn relos() -> String {
    example().display().to_string()
}

fn json(args: &[&str]) -> Value {
    let o = argmark(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON on stdout")
}

#[test]
fn plain_output_is_a_readable_table() {
    let o = argmark(&["compare", &relos(), &data("relos-second.argmap.ron")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Column widths follow the names; compare with runs of spaces collapsed.
    let squeeze = |s: &str| {
        s.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let s = squeeze(&stdout(&o));
    for needle in [
        "Comparing 2 annotations of one text (6677 chars, 1061 words",
        "relos – relos-second",
        "Cohen's κ relos – relos-second 0.800 (1061 items)",
        "Fleiss' κ 0.800 (1061 items)",
        "Krippendorff's α 0.800 (1061 items)",
        "Unitizing α_U",
        "F1 0.925 (43 matched of 48 and 45",
        "tag differs u5 Premise 478..636 u5 Claim 478..636",
        "only relos-second — u48 Claim",
    ] {
        assert!(s.contains(&squeeze(needle)), "missing {needle:?} in\n{s}");
    }
}

#[test]
fn json_has_the_documented_keys() {
    let v = json(&[
        "compare",
        &relos(),
        &data("relos-second.argmap.ron"),
        &data("relos-student.argmap.ron"),
        "--json",
    ]);
    for key in [
        "text_sha256",
        "annotators",
        "alignment",
        "pairs",
        "fleiss_kappa",
        "krippendorff_alpha",
        "alpha_u",
    ] {
        assert!(v.get(key).is_some(), "no {key}");
    }
    assert_eq!(v["text_sha256"].as_str().map(str::len), Some(64));
    assert_eq!(v["annotators"].as_array().map(Vec::len), Some(3));
    let pairs = v["pairs"].as_array().expect("pairs");
    assert_eq!(pairs.len(), 3);
    for p in pairs {
        for key in ["a", "b", "span_f1", "cohen_kappa", "relations"] {
            assert!(p.get(key).is_some(), "pair without {key}");
        }
    }
    assert_eq!(pairs[0]["a"], "relos");
    assert_eq!(pairs[2]["b"], "relos-student");
    let k = pairs[0]["cohen_kappa"]["value"].as_f64().unwrap();
    assert!((k - 0.8000518244564321).abs() < 1e-12);
    assert!(v["alpha_u"]["overall"].as_f64().is_some());
    assert!(
        v["alpha_u"]["by_tag"]["Speculation"]["alpha"]
            .as_f64()
            .is_some()
    );
    assert_eq!(v["alignment"]["min_overlap"], 0.5);
    // Disagreements name units by id and span, for the window.
    let d = &pairs[0]["disagreements"][1];
    assert_eq!(d["kind"], "tag_differs");
    assert_eq!(d["a"]["id"], "u5");
    assert_eq!(d["b"]["tag"], "Claim");
}

#[test]
fn min_overlap_changes_the_alignment_and_is_checked() {
    let strict = json(&[
        "compare",
        &relos(),
        &data("relos-second.argmap.ron"),
        "--json",
        "--min-overlap",
        "0.95",
    ]);
    let aligned = |v: &Value| v["alignment"]["pairs"][0]["aligned"].as_u64().unwrap();
    let loose = json(&[
        "compare",
        &relos(),
        &data("relos-second.argmap.ron"),
        "--json",
    ]);
    assert!(aligned(&strict) < aligned(&loose));
    let o = argmark(&["compare", &relos(), &relos(), "--min-overlap", "1.5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("from 0 to 1"), "{}", stderr(&o));
}

#[test]
fn key_gives_a_handout_per_student() {
    let o = argmark(&[
        "compare",
        &data("relos-student.argmap.ron"),
        &data("relos-second.argmap.ron"),
        "--key",
        &relos(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for needle in [
        "Feedback for relos-student (against key)",
        "Feedback for relos-second (against key)",
        "Missed Speculation: “their signing of the long-negotiated",
        "Wrong tag: “Modi’s summit with Trump last Friday” is Evidence in the key; you tagged it Claim",
        "Boundary off: your Speculation “will likely presage more Russian naval drills",
        "starts 5 characters later than the key’s",
        "Extra Speculation: the key marks nothing like “Whether the Americans have the same appreciation remains to be seen”",
        "Speculation vs fact:",
        "Relations: F1",
    ] {
        assert!(s.contains(needle), "missing {needle:?} in\n{s}");
    }
    // The handout is the whole output: no researcher's table in it.
    assert!(!s.contains("Krippendorff"), "{s}");
    let v = json(&[
        "compare",
        &data("relos-student.argmap.ron"),
        "--key",
        &relos(),
        "--json",
    ]);
    assert_eq!(v["key"]["key"], "key");
    let student = &v["key"]["students"][0];
    assert_eq!(student["student"], "relos-student");
    assert!(
        student["units"]["by_tag"]["Evidence"]["precision"]
            .as_f64()
            .is_some()
    );
    let kinds: Vec<&str> = student["feedback"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    for kind in ["missed", "extra", "wrong_tag", "boundary_off"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    // The key's report also compares key and student like any two annotators.
    assert_eq!(v["pairs"][0]["a"], "key");
}

/// Splits RFC 4180 CSV into records of fields.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn items_are_written_as_quoted_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("items.csv");
    let o = argmark(&[
        "compare",
        &relos(),
        &data("relos-second.argmap.ron"),
        "--items",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.ends_with("\r\n"));
    let rows = parse_csv(&text);
    assert_eq!(
        rows[0],
        [
            "item",
            "pair",
            "start",
            "end",
            "text",
            "target_start",
            "target_end",
            "target_text",
            "relos",
            "relos-second"
        ]
    );
    assert!(rows.iter().all(|r| r.len() == 10));
    let words: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "word").collect();
    assert_eq!(words.len(), 1061);
    assert_eq!(words[0][2..5], ["0", "2", "In"]);
    // “signing” lies in u1, a Speculation unit in both maps.
    let signing = words.iter().find(|r| r[4] == "signing").unwrap();
    assert_eq!(signing[8..], ["Speculation", "Speculation"]);
    let relations: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "relation").collect();
    assert_eq!(relations.len(), 44 * 43);
    // Quotes with commas come back whole.
    let with_comma = relations
        .iter()
        .find(|r| r[4].contains(','))
        .expect("some quote has a comma");
    assert!(text.contains(&format!("\"{}\"", with_comma[4].replace('"', "\"\""))));
    let supported = relations
        .iter()
        .filter(|r| r[8] == "support" && r[9] == "support")
        .count();
    assert!(supported > 30, "{supported}");
}

#[test]
fn differing_texts_exit_1_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "A different text altogether.").unwrap();
    let o = argmark(&["compare", &relos(), other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("different texts"), "{e}");
    assert!(e.contains("relos: text SHA-256 1acb8768b5e2…"), "{e}");
    assert!(e.contains("other = "), "{e}");
    assert!(stdout(&o).is_empty());

    let o = argmark(&["compare", &relos()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("at least two maps"), "{}", stderr(&o));
}

#[test]
fn profile_prints_one_row_per_map() {
    let files = [relos(), data("relos-student.argmap.ron")];
    let o = argmark(&["profile", &files[0], &files[1]]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("relos.argmap.ron"), "{s}");
    assert!(s.contains("Speculation 13"), "{s}");

    let o = argmark(&["profile", &files[0], &files[1], "--csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = parse_csv(&stdout(&o));
    assert_eq!(rows.len(), 3);
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect(name);
    assert_eq!(rows[1][col("units")], "47");
    assert_eq!(rows[1][col("units: Speculation")], "13");
    assert_eq!(rows[2][col("units")], "46");
    // The title has commas, so it is quoted and still one field.
    assert!(rows[1][col("title")].starts_with("Russia and India sign RELOS, the"));

    let v = json(&["profile", &files[0], &files[1], "--json"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["units"], 47);
    assert_eq!(rows[0]["scenarios"], 6);
    assert!(rows[0]["longest_support_chain"].as_u64().unwrap() >= 3);
    assert!(rows[0]["coverage"]["speculation"].as_f64().unwrap() > 0.0);

    let o = argmark(&["profile", &files[0], "missing.argmap.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("missing.argmap.ron"), "{}", stderr(&o));
    assert!(stdout(&o).contains("relos.argmap.ron"));
}

#[test]
fn maps_with_structural_problems_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(example()).unwrap();
    // u2 now ends past the text.
    let broken = src.replacen("start: 174, end: 281", "start: 174, end: 99999", 1);
    assert_ne!(broken, src);
    let path = dir.path().join("broken.argmap.ron");
    std::fs::write(&path, broken).unwrap();
    let o = argmark(&["compare", &relos(), path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("broken.argmap.ron"), "{e}");
}
