//! The interchange formats end to end: round trips per format on the RELOS
//! example and a large multi-script map, the reference tools of the field
//! (arguebuf for AIF, @argdown/core for Argdown) when they are installed,
//! and `argmark convert` as a user runs it.

mod common;

use argmark::io::formats::{self, Target, aif, argdown, brat};
use argmark::model::fixture::{link, synthetic};
use argmark::model::{ArgumentMap, RelationKind, TagScheme, UnitId, validate};
use argmark::session::Session;
use common::{argmark, example, stderr, stdout};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn relos() -> ArgumentMap {
    Session::example().map().clone()
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/interchange")
        .join(name)
}

/// RELOS plus a linked attack, so every construct appears.
fn relos_with_linked_attack() -> ArgumentMap {
    let mut m = relos();
    link(&mut m, RelationKind::Attack, &[5, 6], 47);
    m
}

fn aif_import(json: &str) -> formats::Imported {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    aif::import(&v, json, Path::new("t.json"), &TagScheme::argument()).unwrap()
}

#[test]
fn aif_round_trip_is_exact() {
    for map in [relos_with_linked_attack(), synthetic(60_000, 400, 300)] {
        let back = aif_import(&aif::to_json(&map));
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        assert_eq!(back.map, map);
    }
}

/// Support/attack/rephrase edges as (kind, source, target), linked
/// arguments split per source: what brat can express.
fn binary_edges(map: &ArgumentMap) -> BTreeSet<(RelationKind, UnitId, UnitId)> {
    map.relations()
        .iter()
        .flat_map(|r| {
            r.sources
                .iter()
                .map(move |s| (r.kind, s.clone(), r.target.clone()))
        })
        .collect()
}

/// Units grouped by scenario, as sets of unit ids (scenario ids may change).
fn scenario_groups(map: &ArgumentMap) -> BTreeSet<BTreeSet<UnitId>> {
    let mut groups: BTreeMap<String, BTreeSet<UnitId>> = BTreeMap::new();
    for u in map.units() {
        if let Some(s) = &u.scenario {
            groups
                .entry(s.to_string())
                .or_default()
                .insert(u.id.clone());
        }
    }
    groups.into_values().collect()
}

#[test]
fn brat_round_trip_keeps_units_tags_relations_and_scenario_membership() {
    for map in [relos_with_linked_attack(), synthetic(60_000, 400, 300)] {
        let (txt, ann) = brat::to_brat(&map);
        let back = brat::from_brat(&txt, &ann, Path::new("t.ann"), map.scheme()).unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        let b = &back.map;
        assert!(validate(b).is_empty(), "{:?}", validate(b));
        assert_eq!(b.text(), map.text());
        let units = |m: &ArgumentMap| {
            m.units()
                .iter()
                .map(|u| {
                    let note = u.note.split_whitespace().collect::<Vec<_>>().join(" ");
                    (u.id.clone(), u.kind.clone(), u.start, u.end, note)
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(units(b), units(&map));
        assert_eq!(binary_edges(b), binary_edges(&map));
        assert_eq!(scenario_groups(b), scenario_groups(&map));
        // What brat cannot hold is said.
        let losses = formats::losses(&map, Target::Brat).join("\n");
        if map.relations().iter().any(|r| r.sources.len() > 1) {
            assert!(losses.contains("linked arguments become one relation per source"));
        }
    }
}

#[test]
fn csv_tables_hold_every_unit_and_relation() {
    let map = relos_with_linked_attack();
    let units = formats::csv::parse(&formats::csv::units(&map)).unwrap();
    assert_eq!(units.len(), map.units().len() + 1);
    for (row, u) in units[1..].iter().zip(map.units()) {
        assert_eq!(row[0], u.id.as_str());
        assert_eq!(row[1], u.kind);
        assert_eq!((row[3].parse(), row[4].parse()), (Ok(u.start), Ok(u.end)));
        assert_eq!(row[5], u.quote);
        assert_eq!(row[8], u.note);
    }
    let rels = formats::csv::parse(&formats::csv::relations(&map)).unwrap();
    for (row, r) in rels[1..].iter().zip(map.relations()) {
        let sources: Vec<&str> = r.sources.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            row[..4],
            [
                r.id.as_str(),
                r.kind.key(),
                &sources.join(" "),
                r.target.as_str()
            ]
        );
    }
}

/// Runs a tool; `None` (with a printed reason) when it is not installed.
fn tool(program: &str, args: &[&str], env: &[(&str, &Path)]) -> Option<String> {
    let mut cmd = Command::new(program);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().ok()?;
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn python_has_arguebuf() -> bool {
    Command::new("python3")
        .args(["-c", "import arguebuf"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn aif_export_loads_in_arguebuf_with_the_same_counts() {
    if !python_has_arguebuf() {
        println!("skipped: arguebuf not installed (pip install arguebuf)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, map) in [
        ("relos", relos_with_linked_attack()),
        ("synthetic", synthetic(20_000, 150, 120)),
    ] {
        let path = dir.path().join(format!("{name}.json"));
        std::fs::write(&path, aif::to_json(&map)).unwrap();
        let script = "import sys, arguebuf\n\
g = arguebuf.load.file(sys.argv[1])\n\
print(len(g.atom_nodes), len(g.scheme_nodes), len(g.edges))";
        let out = tool("python3", &["-c", script, path.to_str().unwrap()], &[]).unwrap();
        let counts: Vec<usize> = out.split_whitespace().map(|n| n.parse().unwrap()).collect();
        let edges: usize = map.relations().iter().map(|r| r.sources.len() + 1).sum();
        assert_eq!(
            counts,
            [map.units().len(), map.relations().len(), edges],
            "{name}: arguebuf reads atoms, schemes, edges"
        );
    }
}

/// Where `@argdown/core` is installed, if anywhere.
fn argdown_modules() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("ARGMARK_NODE_MODULES").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/node_modules")),
        Some(PathBuf::from("/var/cache/argmark-node/node_modules")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("@argdown/core").is_dir())
}

#[test]
fn argdown_export_parses_with_the_reference_parser() {
    let Some(modules) = argdown_modules() else {
        println!("skipped: @argdown/core not installed (npm install --prefix tests/tools)");
        return;
    };
    let map = relos_with_linked_attack();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("relos.argdown");
    std::fs::write(&path, argdown::to_argdown(&map, "relos")).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/argdown_parse.js");
    let Some(out) = tool(
        "node",
        &[script.to_str().unwrap(), path.to_str().unwrap()],
        &[("NODE_PATH", &modules)],
    ) else {
        println!("skipped: node not installed");
        return;
    };
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], serde_json::json!([]), "parser errors");

    // Every unit is a statement with its tag and offsets; linked attacks add
    // one conclusion statement each.
    let linked: Vec<_> = map
        .relations()
        .iter()
        .filter(|r| r.sources.len() > 1 && r.kind != RelationKind::Rephrase)
        .collect();
    let mut expected: BTreeSet<String> = map.units().iter().map(|u| u.id.to_string()).collect();
    for r in linked.iter().filter(|r| r.kind == RelationKind::Attack) {
        expected.insert(format!("{} conclusion", r.id));
    }
    let statements = v["statements"].as_array().unwrap();
    let titles: BTreeSet<String> = statements
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(titles, expected);
    for s in statements {
        let Some(u) = map.unit(&UnitId::from(s["title"].as_str().unwrap())) else {
            continue;
        };
        assert_eq!(s["tags"], serde_json::json!([u.kind]), "{}", u.id);
        let quote = u.quote.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = s["text"].as_str().unwrap();
        assert!(text.starts_with(&quote), "{}: {text:?} vs {quote:?}", u.id);
        assert_eq!(s["data"]["start"], u.start, "{}", u.id);
        assert_eq!(s["data"]["end"], u.end, "{}", u.id);
        let section = u.scenario.as_ref().and_then(|id| map.scenario(id));
        assert_eq!(
            s["section"].as_str(),
            section.map(|sc| sc.name.as_str()),
            "{} in its scenario's group",
            u.id
        );
    }

    // Relations: single-source support and attack; each linked attack's conclusion attacks the target.
    let mut want: BTreeSet<(String, String, String)> = map
        .relations()
        .iter()
        .filter(|r| r.sources.len() == 1 && r.kind != RelationKind::Rephrase)
        .map(|r| {
            (
                r.sources[0].to_string(),
                r.target.to_string(),
                r.kind.key().to_owned(),
            )
        })
        .collect();
    for r in linked.iter().filter(|r| r.kind == RelationKind::Attack) {
        want.insert((
            format!("{} conclusion", r.id),
            r.target.to_string(),
            "attack".into(),
        ));
    }
    let got: BTreeSet<(String, String, String)> = v["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_owned();
            (s("from"), s("to"), s("type"))
        })
        .collect();
    assert_eq!(got, want);

    // Linked arguments: premises are the sources, the conclusion the target.
    let args = v["arguments"].as_array().unwrap();
    assert_eq!(args.len(), linked.len());
    for r in &linked {
        let a = args.iter().find(|a| a["title"] == r.id.as_str()).unwrap();
        let premises: Vec<&str> = r.sources.iter().map(|s| s.as_str()).collect();
        assert_eq!(a["premises"], serde_json::json!(premises), "{}", r.id);
        let conclusion = match r.kind {
            RelationKind::Support => r.target.to_string(),
            _ => format!("{} conclusion", r.id),
        };
        assert_eq!(
            a["conclusions"],
            serde_json::json!([conclusion]),
            "{}",
            r.id
        );
    }
    let sections: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let names: Vec<&str> = map.scenarios().iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sections, names);
}

#[test]
fn brat_essay_imports_as_a_map_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["essay01.txt", "essay01.ann"] {
        std::fs::copy(data(f), dir.path().join(f)).unwrap();
    }
    let ann = dir.path().join("essay01.ann");
    let o = argmark(&[
        "convert",
        ann.to_str().unwrap(),
        "--to",
        "argmap",
        "--scheme",
        "essay",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("essay01.argmap.ron");
    assert!(stdout(&o).contains("wrote"), "{}", stdout(&o));
    let o = argmark(&["check", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("ok (5 units, 4 relations, 0 scenarios)"),
        "{}",
        stdout(&o)
    );
    let map = argmark::io::load_map(&out).unwrap();
    // Code-point offsets past "—" and "é": the quotes match the .ann.
    assert_eq!(
        map.units()[0].quote,
        "Cities should ban private cars from their centres"
    );
    let essay = TagScheme::builtin("essay").unwrap();
    let roles: Vec<_> = map.units().iter().map(|u| essay.role_of(&u.kind)).collect();
    use argmark::model::Role;
    assert_eq!(
        roles,
        [
            Role::MainClaim,
            Role::Premise,
            Role::Premise,
            Role::Claim,
            Role::Premise
        ]
    );
    assert_eq!(map.units()[4].note, "no source given");
}

#[test]
fn ova3_save_imports_with_offsets_from_the_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("debate.argmap.ron");
    let o = argmark(&[
        "convert",
        data("ova3_debate.json").to_str().unwrap(),
        "--to",
        "argmap",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let map = argmark::io::load_map(&out).unwrap();
    assert_eq!(
        map.text(),
        "Alice: Cities should ban private cars, because streets become safer.\n\nBob: but shops lose customers & jobs."
    );
    let quotes: Vec<&str> = map.units().iter().map(|u| u.quote.as_str()).collect();
    assert_eq!(
        quotes,
        [
            "Cities should ban private cars",
            "streets become safer",
            "shops lose customers"
        ]
    );
    let kinds: BTreeSet<RelationKind> = map.relations().iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        BTreeSet::from([RelationKind::Support, RelationKind::Attack])
    );
    assert!(validate(&map).is_empty());
    assert_eq!(map.meta().annotator, "Ada Analyst");
    assert!(stderr(&o).contains("tags were guessed"), "{}", stderr(&o));
}

#[test]
fn convert_writes_several_inputs_into_a_folder_and_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let relos = dir.path().join("relos.argmap.ron");
    std::fs::copy(example(), &relos).unwrap();
    for f in ["essay01.txt", "essay01.ann"] {
        std::fs::copy(data(f), dir.path().join(f)).unwrap();
    }
    let outdir = dir.path().join("out");
    let o = argmark(&[
        "convert",
        relos.to_str().unwrap(),
        dir.path().join("essay01.ann").to_str().unwrap(),
        "--to",
        "aif",
        "-o",
        outdir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    assert!(
        !stderr(&o).contains('█'),
        "no progress bar without a terminal"
    );
    // AIF → map gives back the original file byte for byte.
    let back = dir.path().join("back.argmap.ron");
    let o = argmark(&[
        "convert",
        outdir.join("relos.json").to_str().unwrap(),
        "--to",
        "argmap",
        "-o",
        back.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&back).unwrap(),
        std::fs::read(&relos).unwrap()
    );
    assert!(outdir.join("essay01.json").is_file());

    // Every export format from one map; losses are printed as notes.
    for (to, files) in [
        ("brat", &["relos.ann", "relos.txt"][..]),
        ("csv", &["relos.units.csv", "relos.relations.csv"][..]),
        ("argdown", &["relos.argdown"][..]),
        ("html", &["relos.html"][..]),
        ("markdown", &["relos.md"][..]),
    ] {
        let o = argmark(&[
            "convert",
            relos.to_str().unwrap(),
            "--to",
            to,
            "-o",
            outdir.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{to}: {}", stderr(&o));
        for f in files {
            assert!(outdir.join(f).is_file(), "{to}: {f}");
        }
        if to == "brat" {
            assert!(stderr(&o).contains("note: "), "{}", stderr(&o));
            assert!(stderr(&o).contains("linked arguments become one relation per source"));
        }
    }
}

#[test]
fn bad_inputs_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("bad.json");
    std::fs::write(&json, "{\n \"nodes\": [\n  {\"nodeID\": 1,, }\n ]\n}\n").unwrap();
    let o = argmark(&["convert", json.to_str().unwrap(), "--to", "argmap"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.json:3:"), "{}", stderr(&o));

    std::fs::write(dir.path().join("e.txt"), "one two").unwrap();
    let ann = dir.path().join("e.ann");
    std::fs::write(&ann, "T1\tClaim 0 3\tone\nR1\tsupports Arg1:T1\n").unwrap();
    let o = argmark(&["convert", ann.to_str().unwrap(), "--to", "html"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("e.ann:2:1: R1: expected"),
        "{}",
        stderr(&o)
    );

    // Converting brat to brat would overwrite the inputs: refused.
    std::fs::write(&ann, "T1\tClaim 0 3\tone\n").unwrap();
    let o = argmark(&["convert", ann.to_str().unwrap(), "--to", "brat"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("would overwrite"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&ann).unwrap(),
        "T1\tClaim 0 3\tone\n"
    );

    let o = argmark(&[
        "convert",
        ann.to_str().unwrap(),
        "--to",
        "aif",
        "--scheme",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--scheme nope"), "{}", stderr(&o));
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever an .ann holds, reading it gives a map or an error, never a panic,
        /// and a map it gives passes validation.
        #[test]
        fn brat_reader(text in "[a-zé—\\n ]{0,40}", ann in "([TRA#E][0-9]{0,2}(\t[A-Za-z]{0,8}( [0-9]{1,2}){0,2}(;[0-9] [0-9]{1,2})?( Arg1:T[0-9])?( Arg2:T[0-9])?(\t[a-z ]{0,6})?)?\n){0,8}") {
            if let Ok(imp) = brat::from_brat(&text, &ann, Path::new("p.ann"), &TagScheme::argument()) {
                let structural: Vec<_> = validate(&imp.map).into_iter().filter(|p| p.is_structural()).collect();
                prop_assert!(structural.is_empty(), "{:?}", structural);
            }
        }

        /// OVA's HTML reader takes any text.
        #[test]
        fn ova_html(html in "(<span id=\"node[0-9]\">|</span>|<br>|<div>|&[a-z#0-9]{0,5};?|[a-zé😀 ])*") {
            let v = serde_json::json!({"AIF": {"nodes": [{"nodeID": "1", "type": "I", "text": "x"}], "edges": []}, "text": html});
            let src = v.to_string();
            let imp = formats::ova::import(&v, &src, Path::new("o.json"), &TagScheme::argument()).unwrap();
            let structural: Vec<_> = validate(&imp.map).into_iter().filter(|p| p.is_structural()).collect();
            prop_assert!(structural.is_empty(), "{:?}", structural);
        }
    }
}
