//! `argmark suggest` and `argmark analyze` as a user runs them.

use argmark::io::save_map;
use argmark::model::RelationKind::{Attack, Support};
use argmark::model::fixture::{link, marked};
use argmark::model::{ArgumentMap, Edit, Scenario, ScenarioId, TagScheme, UnitId, apply};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

use common::{argmark, stderr, stdout};

fn json(o: &Output) -> Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("valid JSON on stdout")
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

const TEXT: &str = "Le café “Détente” opened in May 2024. Officials said the port was busy.\n\
* 5 May 2024: “Why Might Prices Rise?”\n\
Россия 中文 👩‍🔬 — prices might rise, and if talks fail, then the deal will collapse.";

fn write_text(dir: &Path) -> PathBuf {
    let p = dir.join("sample.txt");
    std::fs::write(&p, TEXT).unwrap();
    p
}

/// A small argument: u1 main claim supported by u2 claim, which rests on
/// u3 speculation in scenario "Thaw" (which depends on "Talks"); u4 attacks
/// u2 unanswered; u5 evidence is a loose end; u6/u7 support each other;
/// u8 is a claim with no support.
fn write_map(dir: &Path) -> PathBuf {
    let mut m: ArgumentMap = marked(
        "[Main claim:The pact matters.] [Claim:Drills will follow.] \
         [Speculation:A thaw might come.] [Premise:Ports are full.] \
         [Evidence:It was signed Tuesday.] [Claim:Trade grows.] [Premise:Trust grows.] \
         [Claim:Nobody argues this.]",
        TagScheme::argument(),
    );
    for (n, name, deps) in [(1, "Talks", vec![]), (2, "Thaw", vec![1])] {
        apply(
            &mut m,
            Edit::AddScenario(Scenario {
                id: ScenarioId::from_number(n),
                name: name.into(),
                description: String::new(),
                hedge: String::new(),
                depends_on: deps.into_iter().map(ScenarioId::from_number).collect(),
            }),
        )
        .unwrap();
    }
    apply(
        &mut m,
        Edit::SetUnitScenario {
            unit: UnitId::from_number(3),
            scenario: Some(ScenarioId::from_number(2)),
        },
    )
    .unwrap();
    link(&mut m, Support, &[2], 1);
    link(&mut m, Support, &[3], 2);
    link(&mut m, Attack, &[4], 2);
    link(&mut m, Support, &[6], 7);
    link(&mut m, Support, &[7], 6);
    let p = dir.join("small.argmap.ron");
    save_map(&m, &p).unwrap();
    p
}

#[test]
fn suggest_json_has_exact_char_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_text(dir.path());
    let v = json(&argmark(&["suggest", p.to_str().unwrap(), "--json"]));
    let items = v.as_array().expect("an array");
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    // The month, the quoted title and the bullet line give nothing.
    assert_eq!(labels, ["attribution", "speculation"], "{v:#}");
    for item in items {
        let (start, end) = (
            item["start"].as_u64().unwrap(),
            item["end"].as_u64().unwrap(),
        );
        assert!(start < end);
        let text = chars(TEXT, start as usize, end as usize);
        assert_eq!(item["text"].as_str().unwrap(), text);
        assert!(!item["cues"].as_array().unwrap().is_empty());
        for cue in item["cues"].as_array().unwrap() {
            let (cs, ce) = (cue["start"].as_u64().unwrap(), cue["end"].as_u64().unwrap());
            assert!(start <= cs && ce <= end, "{cue}");
            assert_eq!(
                cue["text"].as_str().unwrap(),
                chars(TEXT, cs as usize, ce as usize)
            );
            let strength = &cue["strength"];
            assert!(
                strength.is_null()
                    || ["strong_hedge", "prediction", "conditional"]
                        .contains(&strength.as_str().unwrap()),
                "{cue}"
            );
        }
    }
    let cue_texts: Vec<&str> = items[1]["cues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(cue_texts, ["might", "if", "then", "will"]);
}

#[test]
fn suggest_text_is_readable_and_marks_what_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let o = argmark(&["suggest", write_map(dir.path()).to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("2 of 8 sentences speculate"), "{s}");
    assert!(s.contains("Drills will follow."), "{s}");
    assert!(s.contains("(marked)"), "{s}");
    assert!(s.contains("“will” prediction"), "{s}");
}

#[test]
fn a_user_lexicon_replaces_the_builtin_one() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("mine.ron");
    std::fs::write(
        &lex,
        "(speculation: [(cue: \"port\", kind: Hedge, strength: StrongHedge)])",
    )
    .unwrap();
    let p = write_text(dir.path());
    let v = json(&argmark(&[
        "suggest",
        p.to_str().unwrap(),
        "--json",
        "--lexicon",
        lex.to_str().unwrap(),
    ]));
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 1, "{v:#}");
    assert_eq!(items[0]["cues"][0]["text"], "port");
}

#[test]
fn a_bad_lexicon_is_reported_at_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("bad.ron");
    std::fs::write(
        &lex,
        "(\n  speculation: [\n    (cue: \"might\", kind: Modal, strength: StrongHedge),\n  ],\n)\n",
    )
    .unwrap();
    let p = write_text(dir.path());
    for cmd in ["suggest", "analyze"] {
        let o = argmark(&[cmd, p.to_str().unwrap(), "--lexicon", lex.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let e = stderr(&o);
        let prefix = format!("{}:3:26: ", lex.display());
        assert!(e.starts_with(&prefix), "{e}");
        assert!(e.contains("Modal"), "{e}");
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn analyze_json_names_the_units_involved() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&argmark(&[
        "analyze",
        write_map(dir.path()).to_str().unwrap(),
        "--json",
    ]));
    let unit_ids = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} missing: {v:#}"))
            .iter()
            .map(|e| e["unit"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(unit_ids("unsupported_claims"), ["u8"]);
    assert_eq!(unit_ids("loose_ends"), ["u5"]);
    assert_eq!(unit_ids("rests_on_speculation"), ["u1", "u2"]);
    let dep = &v["rests_on_speculation"][0];
    assert_eq!(dep["scenarios"], serde_json::json!(["Talks", "Thaw"]));
    assert_eq!(dep["speculation_units"], serde_json::json!(["u3"]));
    let attack = &v["unanswered_attacks"][0];
    assert_eq!(attack["attackers"], serde_json::json!(["u4"]));
    assert_eq!(attack["target"], "u2");
    assert_eq!(v["cycles"][0]["units"], serde_json::json!(["u6", "u7"]));
    let status = v["status"].as_object().unwrap();
    assert_eq!(status.len(), 8);
    assert_eq!(status["u8"], "accepted");
    assert_eq!(status["u2"], "rejected");
    assert_eq!(status["u1"], "undecided");
    assert_eq!(status["u4"], "accepted");
    assert_eq!(status["u6"], "undecided");
    let summary = &v["summary"];
    for key in ["evidence", "claim", "speculation", "unmarked"] {
        let share = summary["share"][key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share), "{key}: {share}");
    }
    assert_eq!(summary["speculative_sentences_found"], 2);
    assert_eq!(summary["speculative_sentences_marked"], 1);
}

#[test]
fn analyze_text_reads_like_a_coach_report() {
    let dir = tempfile::tempdir().unwrap();
    let o = argmark(&["analyze", write_map(dir.path()).to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for needle in [
        "Which claims stand (4):",
        "rejected   u2 (Claim) “Drills will follow.”",
        "Claims with no support (1):",
        "Attacks nobody answers (1):",
        "depends on: Talks; Thaw",
        "u6 supports u7 supports u6",
        "Loose ends (premises and evidence linked to nothing) (1):",
        "speculative sentences: 2 found by the lens, 1 of them marked",
    ] {
        assert!(s.contains(needle), "{needle:?} not in:\n{s}");
    }
}

#[test]
fn missing_files_and_usage_errors() {
    let o = argmark(&["analyze", "/nonexistent/x.argmap.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("/nonexistent/x.argmap.ron: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(argmark(&["suggest"]).status.code(), Some(2));
    assert_eq!(
        argmark(&["analyze", "a.txt", "--bogus"]).status.code(),
        Some(2)
    );
}
