//! Each validation rule, on a file a person might have hand-edited.

use argmark::io::from_ron_str;
use argmark::model::fixture::{link, marked};
use argmark::model::{ArgumentMap, ProblemKind, RelationKind, Subject, TagScheme, validate};
use std::path::Path;

fn valid() -> ArgumentMap {
    let mut m = marked(
        "[Main claim:Ties are strong]. [Premise:They signed RELOS]. Café e\u{301}x 🇮🇳.",
        TagScheme::argument(),
    );
    link(&mut m, RelationKind::Support, &[2], 1);
    m
}

/// Serialises the valid map, lets the test corrupt the text, parses it back.
fn corrupted(f: impl Fn(String) -> String) -> ArgumentMap {
    let src = f(argmark::io::to_ron_string(&valid()));
    from_ron_str(&src, Path::new("t.argmap.ron")).expect("still parses")
}

fn kinds(m: &ArgumentMap) -> Vec<ProblemKind> {
    validate(m).into_iter().map(|p| p.kind).collect()
}

#[test]
fn a_clean_map_has_no_problems() {
    assert_eq!(validate(&valid()), vec![]);
}

#[test]
fn out_of_range_offsets() {
    let m = corrupted(|s| s.replace("end: 15,", "end: 9000,"));
    assert!(
        matches!(kinds(&m)[..], [ProblemKind::OutOfRange { end: 9000, .. }]),
        "{:?}",
        kinds(&m)
    );
}

#[test]
fn empty_or_reversed_span() {
    let m = corrupted(|s| s.replace("start: 0,", "start: 15,"));
    assert!(
        kinds(&m).contains(&ProblemKind::EmptySpan { start: 15, end: 15 }),
        "{:?}",
        kinds(&m)
    );
}

#[test]
fn offsets_splitting_a_character() {
    // "e\u{301}" is one letter; offset between e and the accent.
    let text = valid().text().to_owned();
    let e_at = text.chars().position(|c| c == '\u{301}').unwrap();
    let m = corrupted(|s| {
        s.replace(
            "start: 17, end: 34,",
            &format!("start: {}, end: {e_at},", e_at - 4),
        )
    });
    let problems = validate(&m);
    assert!(
        problems
            .iter()
            .any(|p| p.kind == ProblemKind::SplitsCharacter { offset: e_at }),
        "{problems:?}"
    );
}

#[test]
fn quote_not_matching_text() {
    let m = corrupted(|s| {
        s.replace(
            "quote: \"They signed RELOS\"",
            "quote: \"They signed NOTHING\"",
        )
    });
    let p = validate(&m);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].subject, Subject::Unit("u2".into()));
    assert!(p[0].to_string().contains("does not match"), "{}", p[0]);
}

#[test]
fn duplicate_ids() {
    let m = corrupted(|s| s.replace("id: \"u2\"", "id: \"u1\""));
    assert!(
        kinds(&m).contains(&ProblemKind::DuplicateId),
        "{:?}",
        kinds(&m)
    );
}

#[test]
fn dangling_unit_and_scenario_references() {
    let m = corrupted(|s| s.replace("target: \"u1\"", "target: \"u77\""));
    assert_eq!(kinds(&m), vec![ProblemKind::MissingUnit("u77".into())]);
    let m = corrupted(|s| {
        s.replace(
            "kind: \"Premise\",",
            "kind: \"Premise\", scenario: Some(\"s4\"),",
        )
    });
    assert_eq!(kinds(&m), vec![ProblemKind::MissingScenario("s4".into())]);
}

#[test]
fn relation_from_a_unit_to_itself() {
    let m = corrupted(|s| s.replace("target: \"u1\"", "target: \"u2\""));
    assert_eq!(kinds(&m), vec![ProblemKind::SelfRelation]);
}

#[test]
fn relation_without_sources() {
    let m = corrupted(|s| s.replace("sources: [\"u2\"]", "sources: []"));
    assert_eq!(
        kinds(&m),
        vec![ProblemKind::NoSources],
        "{}",
        argmark::io::to_ron_string(&m)
    );
}

#[test]
fn tag_not_in_scheme() {
    let m = corrupted(|s| s.replace("kind: \"Premise\"", "kind: \"Hunch\""));
    assert_eq!(kinds(&m), vec![ProblemKind::UnknownTag("Hunch".into())]);
}

#[test]
fn cycle_in_scenario_dependencies() {
    let m = corrupted(|s| {
        s.replace(
            "scenarios: [],",
            r#"scenarios: [
    (id: "s1", name: "A", depends_on: ["s2"]),
    (id: "s2", name: "B", depends_on: ["s3"]),
    (id: "s3", name: "C", depends_on: ["s1"]),
  ],"#,
        )
    });
    assert_eq!(
        kinds(&m),
        vec![ProblemKind::DependencyCycle(vec![
            "s1".into(),
            "s2".into(),
            "s3".into(),
            "s1".into()
        ])]
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let m = corrupted(|s| {
        s.replace("kind: \"Premise\"", "kind: \"Hunch\"")
            .replace("target: \"u1\"", "target: \"u77\"")
    });
    assert_eq!(validate(&m).len(), 2);
}

#[test]
fn a_very_long_dependency_chain_is_checked_without_overflow() {
    use argmark::model::{MapParts, Scenario, ScenarioId};
    let n = 50_000u64;
    let scenarios = (1..=n)
        .map(|i| Scenario {
            id: ScenarioId::from_number(i),
            name: format!("S{i}"),
            description: String::new(),
            hedge: String::new(),
            // Each depends on the next; the last closes the loop to the first.
            depends_on: vec![ScenarioId::from_number(if i == n { 1 } else { i + 1 })],
        })
        .collect();
    let map = ArgumentMap::from_parts(MapParts {
        text: "x".into(),
        scenarios,
        ..MapParts::default()
    });
    let problems = validate(&map);
    assert_eq!(problems.len(), 1);
    match &problems[0].kind {
        ProblemKind::DependencyCycle(path) => assert_eq!(path.len() as u64, n + 1),
        other => panic!("{other:?}"),
    }
}
