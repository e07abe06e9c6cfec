//! Property tests: undo really undoes, saving really round-trips, char
//! offsets stay right in multi-byte text.

use argmark::io::{from_ron_str, to_ron_string};
use argmark::model::{
    ArgumentMap, Edit, History, Meta, Pos, Relation, RelationKind, Scenario, ScenarioField,
    TagScheme, Unit, validate,
};
use proptest::prelude::*;
use std::path::Path;

/// Pieces of text in several scripts, including multi-code-point graphemes.
const PIECES: &[&str] = &[
    "The ",
    "Détente ",
    "“quoted” ",
    "Россия ",
    "中文 ",
    "日本語 ",
    "👩‍🔬 ",
    "🇮🇳 ",
    "e\u{301} ",
    "naïve ",
    "RELOS.",
    "\n",
    "\r\n",
    "might ",
    "\"x\" ",
    "\\ ",
    "हिन्दी ",
    "it's ",
    "\\' ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..40).prop_map(|v| v.concat())
}

/// An edit described relative to the map's current state, so that most
/// generated edits apply; the rest check that refusals change nothing.
#[derive(Clone, Debug)]
enum Intent {
    AddUnit {
        at: f64,
        len: usize,
        tag: usize,
    },
    RemoveUnit(usize),
    Retag(usize, usize),
    Move(usize, f64, usize),
    Note(usize, String),
    Link {
        sources: Vec<usize>,
        target: usize,
        kind: usize,
    },
    Unlink(usize),
    AddScenario(String, Vec<usize>),
    RemoveScenario(usize),
    JoinScenario(usize, usize),
    Rename(usize, String),
    Meta(String),
    Place(usize, i16, i16),
}

fn intent() -> impl Strategy<Value = Intent> {
    let idx = 0usize..50;
    prop_oneof![
        6 => (0.0..1.0f64, 1usize..30, 0usize..6).prop_map(|(at, len, tag)| Intent::AddUnit { at, len, tag }),
        1 => idx.clone().prop_map(Intent::RemoveUnit),
        1 => (idx.clone(), 0usize..6).prop_map(|(u, t)| Intent::Retag(u, t)),
        1 => (idx.clone(), 0.0..1.0f64, 1usize..20).prop_map(|(u, a, l)| Intent::Move(u, a, l)),
        1 => (idx.clone(), "[a-zé ]{0,6}").prop_map(|(u, s)| Intent::Note(u, s)),
        4 => (prop::collection::vec(idx.clone(), 1..3), idx.clone(), 0usize..3)
            .prop_map(|(sources, target, kind)| Intent::Link { sources, target, kind }),
        1 => idx.clone().prop_map(Intent::Unlink),
        1 => ("[A-Z][a-z]{1,5}", prop::collection::vec(idx.clone(), 0..2)).prop_map(|(n, d)| Intent::AddScenario(n, d)),
        1 => idx.clone().prop_map(Intent::RemoveScenario),
        1 => (idx.clone(), idx.clone()).prop_map(|(u, s)| Intent::JoinScenario(u, s)),
        1 => (idx.clone(), "[a-z]{0,5}").prop_map(|(s, n)| Intent::Rename(s, n)),
        1 => "[a-z]{0,5}".prop_map(Intent::Meta),
        1 => (idx, any::<i16>(), any::<i16>()).prop_map(|(u, x, y)| Intent::Place(u, x, y)),
    ]
}

fn pick<T>(v: &[T], i: usize) -> Option<&T> {
    (!v.is_empty()).then(|| &v[i % v.len()])
}

/// Turns an intent into a concrete edit against `map` (None if nothing to act on).
fn resolve(map: &ArgumentMap, intent: &Intent) -> Option<Edit> {
    let len = map.source().len_chars();
    let tags = &map.scheme().tags;
    let unit = |i: usize| pick(map.units(), i).map(|u| u.id.clone());
    let scen = |i: usize| pick(map.scenarios(), i).map(|s| s.id.clone());
    Some(match intent {
        Intent::AddUnit { at, len: l, tag } => {
            // Mostly on grapheme boundaries, as the window snaps them; the
            // rest test that splitting offsets are refused.
            let start = ((*at * len as f64) as usize).min(len.saturating_sub(1));
            let snap = |mut c: usize| {
                while c < len && !map.source().index().is_grapheme_boundary(map.text(), c) {
                    c += 1;
                }
                c
            };
            let (start, l) = if l % 4 != 0 {
                (snap(start), snap(start + l).saturating_sub(snap(start)))
            } else {
                (start, *l)
            };
            Edit::AddUnit(Unit {
                id: map.next_unit_id(),
                // An index past the scheme yields an unknown tag: a refusal to test.
                kind: tags.get(*tag).map_or("Nope".into(), |t| t.name.clone()),
                start,
                end: (start + l).min(len),
                quote: String::new(),
                note: String::new(),
                scenario: None,
            })
        }
        Intent::RemoveUnit(i) => Edit::RemoveUnit(unit(*i)?),
        Intent::Retag(i, t) => Edit::SetUnitKind {
            unit: unit(*i)?,
            kind: tags.get(*t).map_or("Nope".into(), |t| t.name.clone()),
        },
        Intent::Move(i, at, l) => {
            let start = (*at * len as f64) as usize;
            Edit::SetUnitSpan {
                unit: unit(*i)?,
                start,
                end: start + l,
            }
        }
        Intent::Note(i, s) => Edit::SetUnitNote {
            unit: unit(*i)?,
            note: s.clone(),
        },
        Intent::Link {
            sources,
            target,
            kind,
        } => Edit::AddRelation(Relation {
            id: map.next_relation_id(),
            kind: RelationKind::ALL[*kind],
            sources: sources.iter().filter_map(|&s| unit(s)).collect(),
            target: unit(*target)?,
            note: String::new(),
        }),
        Intent::Unlink(i) => Edit::RemoveRelation(pick(map.relations(), *i)?.id.clone()),
        Intent::AddScenario(name, deps) => Edit::AddScenario(Scenario {
            id: map.next_scenario_id(),
            name: name.clone(),
            description: String::new(),
            hedge: String::new(),
            depends_on: deps.iter().filter_map(|&d| scen(d)).collect(),
        }),
        Intent::RemoveScenario(i) => Edit::RemoveScenario(scen(*i)?),
        Intent::JoinScenario(u, s) => Edit::SetUnitScenario {
            unit: unit(*u)?,
            scenario: scen(*s),
        },
        Intent::Rename(s, n) => Edit::SetScenarioText {
            scenario: scen(*s)?,
            field: ScenarioField::Name,
            value: n.clone(),
        },
        Intent::Meta(t) => Edit::SetMeta(Meta {
            title: t.clone(),
            ..map.meta().clone()
        }),
        Intent::Place(u, x, y) => Edit::SetPosition {
            node: unit(*u)?.0,
            pos: Some(Pos {
                x: f32::from(*x),
                y: f32::from(*y),
            }),
        },
    })
}

/// Runs intents through a history; returns the final map.
fn run(map: &mut ArgumentMap, history: &mut History, intents: &[Intent]) {
    for (n, i) in intents.iter().enumerate() {
        if let Some(edit) = resolve(map, i) {
            let before = map.clone();
            if history.apply(map, edit).is_err() {
                assert_eq!(*map, before, "a refused edit changed the map");
            }
            if n % 3 == 0 {
                history.seal();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn undoing_everything_restores_the_original(t in text(), intents in prop::collection::vec(intent(), 0..40)) {
        let original = ArgumentMap::new(t, TagScheme::argument());
        let mut map = original.clone();
        let mut history = History::new();
        run(&mut map, &mut history, &intents);
        let edited = map.clone();
        prop_assert!(validate(&map).is_empty(), "edits made an invalid map: {:?}", validate(&map));
        while history.undo(&mut map).is_some() {}
        prop_assert_eq!(&map, &original);
        prop_assert!(!history.is_dirty());
        while history.redo(&mut map).is_some() {}
        prop_assert_eq!(&map, &edited);
    }

    #[test]
    fn save_load_round_trips_byte_for_byte(t in text(), intents in prop::collection::vec(intent(), 0..30)) {
        let mut map = ArgumentMap::new(t, TagScheme::argument());
        run(&mut map, &mut History::new(), &intents);
        let saved = to_ron_string(&map);
        let loaded = from_ron_str(&saved, Path::new("p.argmap.ron")).expect("own output parses");
        prop_assert_eq!(&loaded, &map);
        prop_assert_eq!(to_ron_string(&loaded), saved);
        // Char offsets still address the same text after the round trip.
        for u in loaded.units() {
            prop_assert_eq!(loaded.quote_of(u.span()), Some(u.quote.as_str()));
            let expected: String = loaded.text().chars().skip(u.start).take(u.end - u.start).collect();
            prop_assert_eq!(&u.quote, &expected);
        }
    }
}
