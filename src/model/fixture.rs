//! Maps written inline, for tests and examples:
//! `"They [Claim:finally signed] RELOS"` is the text "They finally signed RELOS"
//! with one Claim unit `u1` over "finally signed". Units are numbered in order
//! of their opening bracket; `[` and `]` cannot otherwise appear in the text.

use super::edit::{Edit, apply};
use super::ids::ScenarioId;
use super::ids::{RelationId, UnitId};
use super::map::{ArgumentMap, Relation, RelationKind, Scenario, Unit};
use super::scheme::TagScheme;

/// Builds a map in `scheme` from marked-up text; panics on malformed markup,
/// which is a bug in the test that wrote it.
pub fn marked(src: &str, scheme: TagScheme) -> ArgumentMap {
    let mut text = String::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut units = Vec::new();
    let mut chars = 0usize;
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '[' => {
                let mut kind = String::new();
                for k in it.by_ref() {
                    if k == ':' {
                        break;
                    }
                    kind.push(k);
                }
                open.push((kind, chars));
                units.push(None);
            }
            ']' => {
                let (kind, start) = open.pop().expect("unbalanced ] in fixture");
                let slot = units.iter().rposition(Option::is_none).expect("slot");
                units[slot] = Some((kind, start, chars));
            }
            _ => {
                text.push(c);
                chars += 1;
            }
        }
    }
    assert!(open.is_empty(), "unclosed [ in fixture");
    let mut map = ArgumentMap::new(text, scheme);
    for (n, u) in units.into_iter().enumerate() {
        let (kind, start, end) = u.expect("closed");
        apply(
            &mut map,
            Edit::AddUnit(Unit {
                id: UnitId::from_number(n as u64 + 1),
                kind,
                start,
                end,
                quote: String::new(),
                note: String::new(),
                scenario: None,
            }),
        )
        .expect("fixture unit");
    }
    map
}

/// Adds a relation from `sources` to `target` (ids as numbers), for fixtures.
pub fn link(map: &mut ArgumentMap, kind: RelationKind, sources: &[u64], target: u64) -> RelationId {
    let id = map.next_relation_id();
    apply(
        map,
        Edit::AddRelation(Relation {
            id: id.clone(),
            kind,
            sources: sources.iter().map(|&n| UnitId::from_number(n)).collect(),
            target: UnitId::from_number(target),
            note: String::new(),
        }),
    )
    .expect("fixture relation");
    id
}

/// A large, deterministic map for benchmarks and stress tests: about
/// `bytes` of multi-script prose in paragraphs, `units` non-overlapping units
/// spread over it with every tag of the argument scheme, and `relations`
/// support/attack links between nearby units.
pub fn synthetic(bytes: usize, units: usize, relations: usize) -> ArgumentMap {
    synthetic_with(bytes, units, relations, 0)
}

/// The size issue 12 asks the window to stay fluid at: 5 MB of text,
/// 20,000 units, 12,000 relations and 892 scenarios. Generated, never
/// committed as a file (benches and stress tests build it in a second).
pub fn large() -> ArgumentMap {
    synthetic_with(5_000_000, 20_000, 12_000, 892)
}

/// A pathological graph for the layout's work budget: `n` units, each
/// supporting every earlier one (n·(n−1)/2 relations).
pub fn clique(n: u64) -> ArgumentMap {
    let mut parts = super::map::MapParts {
        scheme: Some(TagScheme::argument()),
        ..super::map::MapParts::default()
    };
    for i in 1..=n {
        let quote = format!("unit {i}");
        let start = parts.text.chars().count();
        parts.text.push_str(&quote);
        parts.text.push_str(". ");
        parts.units.push(Unit {
            id: UnitId::from_number(i),
            kind: "Premise".into(),
            start,
            end: start + quote.chars().count(),
            quote,
            note: String::new(),
            scenario: None,
        });
    }
    for a in 1..=n {
        for b in 1..a {
            parts.relations.push(Relation {
                id: RelationId::from_number(parts.relations.len() as u64 + 1),
                kind: RelationKind::Support,
                sources: vec![UnitId::from_number(a)],
                target: UnitId::from_number(b),
                note: String::new(),
            });
        }
    }
    ArgumentMap::from_parts(parts)
}

/// [`synthetic`] plus `scenarios` scenarios: the speculation units, in text
/// order, are shared out among them in runs of neighbours, and every
/// seventh scenario depends on the one before it.
pub fn synthetic_with(
    bytes: usize,
    units: usize,
    relations: usize,
    scenarios: usize,
) -> ArgumentMap {
    const WORDS: &[&str] = &[
        "the",
        "agreement",
        "will",
        "likely",
        "presage",
        "more",
        "naval",
        "drills",
        "in",
        "India’s",
        "ocean",
        "which",
        "could",
        "see",
        "Russia",
        "and",
        "the",
        "US",
        "manage",
        "their",
        "competition",
        "Détente",
        "“pivot”",
        "partnership",
        "might",
        "strengthen",
        "Россия",
        "naïve",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut text = String::with_capacity(bytes + 64);
    let mut sentence_len = 0;
    while text.len() < bytes {
        let w = WORDS[(next() % WORDS.len() as u64) as usize];
        text.push_str(w);
        sentence_len += 1;
        if sentence_len > 8 && next() % 6 == 0 {
            text.push('.');
            sentence_len = 0;
            text.push(if next() % 5 == 0 { '\n' } else { ' ' });
        } else {
            text.push(' ');
        }
    }
    let scheme = TagScheme::argument();
    let tags: Vec<String> = scheme.tags.iter().map(|t| t.name.clone()).collect();
    let len = text.chars().count();
    let slot = (len / units.max(1)).max(2);
    let mut parts = super::map::MapParts {
        text,
        scheme: Some(scheme),
        ..Default::default()
    };
    for n in 0..units {
        let start = n * slot;
        let end = (start + 1 + (next() as usize % slot.saturating_sub(1).max(1))).min(len);
        if start >= end {
            break;
        }
        parts.units.push(Unit {
            id: UnitId::from_number(n as u64 + 1),
            kind: tags[n % tags.len()].clone(),
            start,
            end,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        });
    }
    let speculative: Vec<usize> = (0..parts.units.len())
        .filter(|&i| scheme_role_is_speculation(&parts, i))
        .collect();
    if scenarios > 0 {
        for k in 0..scenarios {
            parts.scenarios.push(Scenario {
                id: ScenarioId::from_number(k as u64 + 1),
                name: format!("Scenario {} of the naval drills", k + 1),
                description: String::new(),
                hedge: "might".into(),
                depends_on: if k % 7 == 6 {
                    vec![ScenarioId::from_number(k as u64)]
                } else {
                    Vec::new()
                },
            });
        }
        for (j, &i) in speculative.iter().enumerate() {
            let k = j * scenarios / speculative.len().max(1);
            parts.units[i].scenario = Some(ScenarioId::from_number(k as u64 + 1));
        }
    }
    let count = parts.units.len() as u64;
    for n in 0..relations as u64 {
        if count < 2 {
            break;
        }
        let target = next() % count;
        let source = (target + 1 + next() % 5.min(count - 1)) % count;
        if source == target {
            continue;
        }
        parts.relations.push(Relation {
            id: RelationId::from_number(n + 1),
            kind: if n % 4 == 0 {
                RelationKind::Attack
            } else {
                RelationKind::Support
            },
            sources: vec![UnitId::from_number(source + 1)],
            target: UnitId::from_number(target + 1),
            note: String::new(),
        });
    }
    let mut map = ArgumentMap::from_parts(parts);
    // Quotes are filled from the text, as an annotator's tool would have.
    let quotes: Vec<String> = map
        .units()
        .iter()
        .map(|u| map.quote_of(u.span()).unwrap_or_default().to_owned())
        .collect();
    for (u, q) in map.units.iter_mut().zip(quotes) {
        u.quote = q;
    }
    map
}

/// Whether unit `i` of `parts` has the speculation role in its scheme.
fn scheme_role_is_speculation(parts: &super::map::MapParts, i: usize) -> bool {
    parts.scheme.as_ref().is_some_and(|s| {
        s.tag(&parts.units[i].kind)
            .is_some_and(|t| t.role == super::scheme::Role::Speculation)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_become_units_with_char_offsets() {
        let map = marked(
            "Détente [Claim:“is” near] and [Premise:so [Evidence:it] is]",
            TagScheme::argument(),
        );
        assert_eq!(map.text(), "Détente “is” near and so it is");
        let q: Vec<(&str, &str, usize)> = map
            .units()
            .iter()
            .map(|u| (u.id.as_str(), u.quote.as_str(), u.start))
            .collect();
        assert_eq!(
            q,
            [
                ("u1", "“is” near", 8),
                ("u2", "so it is", 22),
                ("u3", "it", 25)
            ]
        );
    }
}
