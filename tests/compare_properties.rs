//! Properties of the agreement measures on generated annotations: identical
//! maps agree fully everywhere; Fleiss' κ, Krippendorff's α and α_U do not
//! depend on the order of annotators; Cohen's κ and span F1 are symmetric.

use argmark::analysis::compare::{Annotator, Options, Report, compare};
use argmark::model::{
    ArgumentMap, MapParts, Relation, RelationId, RelationKind, TagScheme, Unit, UnitId,
};
use proptest::prelude::*;

const WORDS: usize = 40;

/// "w00 w01 … w39": every word is 3 chars, word i starts at 4·i.
fn text() -> String {
    (0..WORDS)
        .map(|i| format!("w{i:02}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A map from (first word, word count, tag) triples and relations between units.
fn map(units: &[(usize, usize, usize)], relations: &[(usize, usize, usize)]) -> ArgumentMap {
    let tags = ["Claim", "Premise", "Evidence", "Speculation"];
    let text = text();
    let mut parts = MapParts {
        text: text.clone(),
        scheme: Some(TagScheme::argument()),
        ..MapParts::default()
    };
    for &(first, count, tag) in units {
        // The last word stays unmarked, so "none" is always a label.
        let first = first % (WORDS - 1);
        let last = (first + count).min(WORDS - 1);
        let (start, end) = (4 * first, 4 * last - 1);
        // Units with one span are interchangeable, so the alignment between
        // them (and what follows from it) is a tie; generate distinct spans.
        if parts.units.iter().any(|u| (u.start, u.end) == (start, end)) {
            continue;
        }
        parts.units.push(Unit {
            id: UnitId::from_number(parts.units.len() as u64 + 1),
            kind: tags[tag % tags.len()].into(),
            start,
            end,
            quote: text[start..end].to_owned(),
            note: String::new(),
            scenario: None,
        });
    }
    let n = parts.units.len();
    for (k, &(s, t, kind)) in relations.iter().enumerate() {
        let (s, t) = (s % n, t % n);
        if s == t {
            continue;
        }
        parts.relations.push(Relation {
            id: RelationId::from_number(k as u64 + 1),
            kind: RelationKind::ALL[kind % 3],
            sources: vec![UnitId::from_number(s as u64 + 1)],
            target: UnitId::from_number(t as u64 + 1),
            note: String::new(),
        });
    }
    ArgumentMap::from_parts(parts)
}

fn units() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..WORDS, 1usize..6, 0usize..4), 1..10)
}

fn relations() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..10, 0usize..10, 0usize..3), 0..6)
}

fn run(maps: &[&ArgumentMap]) -> Report {
    let names = ["a", "b", "c", "d"];
    let annotators: Vec<Annotator> = maps
        .iter()
        .zip(names)
        .map(|(map, name)| Annotator { name, map })
        .collect();
    compare(&annotators, &Options::default()).expect("one text")
}

fn same(x: Option<f64>, y: Option<f64>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #[test]
    fn identical_maps_agree_fully(u in units(), r in relations()) {
        let m = map(&u, &r);
        let rep = run(&[&m, &m.clone()]);
        let p = &rep.pairs[0];
        prop_assert_eq!(p.cohen_kappa.value, Some(1.0));
        prop_assert_eq!(rep.fleiss_kappa.value, Some(1.0));
        prop_assert_eq!(rep.krippendorff_alpha.value, Some(1.0));
        prop_assert_eq!(rep.alpha_u.overall, Some(1.0));
        for t in rep.alpha_u.by_tag.values() {
            prop_assert_eq!(t.alpha, Some(1.0));
        }
        prop_assert_eq!(p.span_f1.exact.micro.f1, Some(1.0));
        prop_assert_eq!(p.span_f1.overlap.micro.f1, Some(1.0));
        prop_assert_eq!(p.span_f1.overlap.macro_f1, Some(1.0));
        prop_assert!(p.disagreements.is_empty());
        if !m.relations().is_empty() {
            prop_assert_eq!(p.relations.f1, Some(1.0));
            // κ is 1, or undefined when every ordered pair of units is related
            // (then all items carry one label and chance agreement is total).
            let k = &p.relations.pair_kappa;
            prop_assert!(k.value == Some(1.0) || (k.value.is_none() && k.items <= m.relations().len()));
        }
    }

    #[test]
    fn pooled_measures_ignore_annotator_order(
        a in units(), b in units(), c in units(), r in relations(),
    ) {
        let (a, b, c) = (map(&a, &r), map(&b, &r), map(&c, &r));
        let first = run(&[&a, &b, &c]);
        for order in [[&c, &a, &b], [&b, &c, &a], [&c, &b, &a]] {
            let other = run(&order);
            prop_assert!(same(first.fleiss_kappa.value, other.fleiss_kappa.value));
            prop_assert!(same(first.krippendorff_alpha.value, other.krippendorff_alpha.value));
            prop_assert!(same(first.alpha_u.overall, other.alpha_u.overall));
            for (tag, x) in &first.alpha_u.by_tag {
                prop_assert!(same(x.alpha, other.alpha_u.by_tag[tag].alpha));
            }
        }
    }

    #[test]
    fn pairwise_measures_are_symmetric(a in units(), b in units(), r in relations()) {
        let (a, b) = (map(&a, &r), map(&b, &r));
        let (ab, ba) = (run(&[&a, &b]), run(&[&b, &a]));
        let (x, y) = (&ab.pairs[0], &ba.pairs[0]);
        prop_assert!(same(x.cohen_kappa.value, y.cohen_kappa.value));
        prop_assert!(same(x.span_f1.overlap.micro.f1, y.span_f1.overlap.micro.f1));
        prop_assert!(same(x.span_f1.exact.micro.f1, y.span_f1.exact.micro.f1));
        prop_assert!(same(x.relations.f1, y.relations.f1));
        prop_assert!(same(x.relations.pair_kappa.value, y.relations.pair_kappa.value));
        prop_assert_eq!(x.aligned.len(), y.aligned.len());
    }
}
