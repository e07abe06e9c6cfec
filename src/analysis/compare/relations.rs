//! Relation agreement through the unit alignment.
//!
//! B's relations are carried into A's units through the aligned pairs. Then:
//! - **F1** of (sources, target, kind): a relation matches when the kind and
//!   the target agree and the source sets are equal (so a linked argument
//!   matches only whole); F1 = 2·matched / (A's + B's relations). A relation
//!   naming an unaligned unit cannot match and counts as excluded.
//! - **Partial credit**, reported apart: relations left unmatched that share
//!   kind and target and whose source sets overlap (at least one of them
//!   linked) are paired greedily by the Jaccard index of their source sets;
//!   the credit is the sum of those indices.
//! - **Cohen's κ over ordered pairs** (x, y) of aligned units, x ≠ y: each
//!   annotator's label is the kind of its relation from x to y (x among the
//!   sources, y the target), or none. The none/none cell is counted, not
//!   enumerated, so κ costs as much as there are relations.

use super::align::Pair;
use super::coding::{Coefficient, cohen_kappa_matrix};
use crate::model::{ArgumentMap, RelationKind, UnitId};
use serde::Serialize;
use std::collections::HashMap;

/// Relation agreement between two annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelationAgreement {
    /// Relations of A and of B.
    pub relations_a: usize,
    pub relations_b: usize,
    /// Relations matched whole (kind, target and every source).
    pub matched: usize,
    /// 2·matched / (relations_a + relations_b).
    pub f1: Option<f64>,
    /// Relations naming a unit the other annotator has no aligned unit for.
    pub excluded_a: usize,
    pub excluded_b: usize,
    /// Unmatched relation pairs credited for overlapping source sets.
    pub partial_pairs: usize,
    /// Sum of their source-set Jaccard indices.
    pub partial_credit: f64,
    /// F1 counting partial credit as matches.
    pub f1_with_partial: Option<f64>,
    /// κ over ordered pairs of aligned units (label: relation kind or none).
    pub pair_kappa: Coefficient,
}

/// One relation in A's unit positions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    kind: RelationKind,
    sources: Vec<usize>,
    target: usize,
}

/// A relation with its units as positions in its map's `units()`.
struct Linked {
    kind: RelationKind,
    target: Option<usize>,
    sources: Vec<Option<usize>>,
}

/// A map's relations with their units looked up once, through one hash of
/// the map's ids: the measures below then index no ids (an id lookup per
/// source and target was most of the time on 20,000 units).
fn linked(map: &ArgumentMap) -> Vec<Linked> {
    let position: HashMap<&UnitId, usize> = map
        .units()
        .iter()
        .enumerate()
        .map(|(i, u)| (&u.id, i))
        .collect();
    map.relations()
        .iter()
        .map(|r| Linked {
            kind: r.kind,
            target: position.get(&r.target).copied(),
            sources: r.sources.iter().map(|s| position.get(s).copied()).collect(),
        })
        .collect()
}

/// A map's relations as keys, with units renamed by `rename` (None: excluded).
fn keys(relations: &[Linked], rename: impl Fn(usize) -> Option<usize>) -> (Vec<Key>, usize) {
    let mut out = Vec::new();
    let mut excluded = 0;
    for r in relations {
        let target = r.target.and_then(&rename);
        let sources: Option<Vec<usize>> = r.sources.iter().map(|s| s.and_then(&rename)).collect();
        match (target, sources) {
            (Some(target), Some(mut sources)) => {
                sources.sort_unstable();
                sources.dedup();
                out.push(Key {
                    kind: r.kind,
                    sources,
                    target,
                });
            }
            _ => excluded += 1,
        }
    }
    (out, excluded)
}

/// Relation agreement of `b` with `a` through `pairs`.
pub fn relation_agreement(a: &ArgumentMap, b: &ArgumentMap, pairs: &[Pair]) -> RelationAgreement {
    let (b_to_a, aligned_a) = lookups(a, b, pairs);
    let (la, lb) = (linked(a), linked(b));
    let (ka, excluded_a) = keys(&la, |i| aligned_a[i].then_some(i));
    let (kb, excluded_b) = keys(&lb, |i| b_to_a[i]);
    let (all_a, all_b) = (a.relations().len(), b.relations().len());

    // Whole matches (multiset intersection).
    let mut pool: HashMap<&Key, Vec<usize>> = HashMap::new();
    for (i, k) in ka.iter().enumerate() {
        pool.entry(k).or_default().push(i);
    }
    let mut used_a = vec![false; ka.len()];
    let mut used_b = vec![false; kb.len()];
    for (j, k) in kb.iter().enumerate() {
        if let Some(i) = pool.get_mut(k).and_then(Vec::pop) {
            used_a[i] = true;
            used_b[j] = true;
        }
    }
    let matched = used_b.iter().filter(|&&u| u).count();

    // Partial credit for linked arguments.
    let mut open_b: HashMap<(RelationKind, usize), Vec<usize>> = HashMap::new();
    for (j, y) in kb.iter().enumerate().filter(|(j, _)| !used_b[*j]) {
        open_b.entry((y.kind, y.target)).or_default().push(j);
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in ka.iter().enumerate().filter(|(i, _)| !used_a[*i]) {
        let Some(same) = open_b.get(&(x.kind, x.target)) else {
            continue;
        };
        for &j in same {
            let y = &kb[j];
            if x.sources.len() < 2 && y.sources.len() < 2 {
                continue;
            }
            let shared = x.sources.iter().filter(|s| y.sources.contains(s)).count();
            if shared > 0 {
                let union = x.sources.len() + y.sources.len() - shared;
                candidates.push((shared as f64 / union as f64, i, j));
            }
        }
    }
    candidates.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    let (mut partial_pairs, mut partial_credit) = (0, 0.0);
    for (j_index, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            partial_pairs += 1;
            partial_credit += j_index;
        }
    }
    let f1 = |m: f64| (all_a + all_b > 0).then(|| 2.0 * m / (all_a + all_b) as f64);

    RelationAgreement {
        relations_a: all_a,
        relations_b: all_b,
        matched,
        f1: f1(matched as f64),
        excluded_a,
        excluded_b,
        partial_pairs,
        partial_credit,
        f1_with_partial: f1(matched as f64 + partial_credit),
        pair_kappa: pair_kappa(&la, &lb, pairs, &b_to_a, &aligned_a),
    }
}

/// Label index of a relation kind in the pair κ (0 is none).
fn code(kind: RelationKind) -> usize {
    match kind {
        RelationKind::Support => 1,
        RelationKind::Attack => 2,
        RelationKind::Rephrase => 3,
    }
}

/// Each annotator's label code (0 none, 1 support, 2 attack, 3 rephrase) per
/// ordered pair of aligned units (in A's unit positions) that has a relation.
pub(crate) type PairLabels = HashMap<(usize, usize), [usize; 2]>;

/// The [`PairLabels`] of two maps, and how many links per annotator name an
/// unaligned unit.
pub(crate) fn pair_labels(
    a: &ArgumentMap,
    b: &ArgumentMap,
    pairs: &[Pair],
) -> (PairLabels, [usize; 2]) {
    let (b_to_a, aligned_a) = lookups(a, b, pairs);
    labels_through(&linked(a), &linked(b), &b_to_a, &aligned_a)
}

/// B's unit positions to A's, and which of A's units are aligned.
fn lookups(a: &ArgumentMap, b: &ArgumentMap, pairs: &[Pair]) -> (Vec<Option<usize>>, Vec<bool>) {
    let mut b_to_a = vec![None; b.units().len()];
    let mut aligned_a = vec![false; a.units().len()];
    for p in pairs {
        b_to_a[p.b] = Some(p.a);
        aligned_a[p.a] = true;
    }
    (b_to_a, aligned_a)
}

fn labels_through(
    a: &[Linked],
    b: &[Linked],
    b_to_a: &[Option<usize>],
    aligned_a: &[bool],
) -> (PairLabels, [usize; 2]) {
    let mut labels: HashMap<(usize, usize), [usize; 2]> = HashMap::new();
    let mut excluded = [0usize; 2];
    for (side, map) in [a, b].into_iter().enumerate() {
        let rename = |i: usize| {
            if side == 0 {
                aligned_a[i].then_some(i)
            } else {
                b_to_a[i]
            }
        };
        for r in map {
            let Some(target) = r.target else {
                continue;
            };
            for s in &r.sources {
                let Some(source) = *s else {
                    continue;
                };
                match (rename(source), rename(target)) {
                    (Some(x), Some(y)) if x != y => {
                        let cell = &mut labels.entry((x, y)).or_default()[side];
                        // Two relations on one pair: the first kind in menu order wins.
                        if *cell == 0 || code(r.kind) < *cell {
                            *cell = code(r.kind);
                        }
                    }
                    _ => excluded[side] += 1,
                }
            }
        }
    }
    (labels, excluded)
}

fn pair_kappa(
    a: &[Linked],
    b: &[Linked],
    pairs: &[Pair],
    b_to_a: &[Option<usize>],
    aligned_a: &[bool],
) -> Coefficient {
    let (labels, excluded) = labels_through(a, b, b_to_a, aligned_a);
    let k = pairs.len() as u64;
    let items = k * k.saturating_sub(1);
    let mut m = vec![vec![0u64; 4]; 4];
    for [x, y] in labels.values() {
        m[*x][*y] += 1;
    }
    m[0][0] = items - labels.len() as u64;
    Coefficient {
        value: cohen_kappa_matrix(&m),
        items: items as usize,
        excluded: excluded[0] + excluded[1],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::align::align;
    use crate::model::RelationKind::{Attack, Support};
    use crate::model::TagScheme;
    use crate::model::fixture::{link, marked};

    #[test]
    fn whole_partial_and_pair_kappa_by_hand() {
        let text = "[Claim:a] [Premise:b] [Premise:c] [Evidence:d] [Claim:e]";
        let mut a = marked(text, TagScheme::argument());
        let mut b = marked(text, TagScheme::argument());
        link(&mut a, Support, &[2, 3], 1); // linked b+c → a
        link(&mut a, Attack, &[4], 5);
        link(&mut a, Support, &[4], 2);
        link(&mut b, Support, &[2], 1); // half of the linked argument
        link(&mut b, Attack, &[4], 5); // same
        link(&mut b, Support, &[5], 1); // only in B
        let pairs = align(a.units(), b.units(), 0.5);
        let r = relation_agreement(&a, &b, &pairs);
        assert_eq!((r.relations_a, r.relations_b, r.matched), (3, 3, 1));
        assert_eq!(r.f1, Some(2.0 / 6.0));
        assert_eq!((r.partial_pairs, r.partial_credit), (1, 0.5));
        assert_eq!(r.f1_with_partial, Some(3.0 / 6.0));
        // 5 aligned units → 20 ordered pairs. A: (2,1) S, (3,1) S, (4,5) A, (4,2) S;
        // B: (2,1) S, (4,5) A, (5,1) S. Agree: (2,1), (4,5); A only: (3,1), (4,2); B only (5,1).
        // Confusion (none, S, A): none/none 15, none/S 1, S/none 2, S/S 1, A/A 1.
        // n = 20, p_o = 17/20; rows (16, 3, 1), cols (17, 2, 1):
        // p_e = (16·17 + 3·2 + 1·1)/400 = 279/400; κ = (340 − 279)/(400 − 279) = 61/121.
        assert_eq!(r.pair_kappa.items, 20);
        let k = r.pair_kappa.value.unwrap();
        assert!((k - 61.0 / 121.0).abs() < 1e-12, "{k}");
    }

    #[test]
    fn relations_on_unaligned_units_are_excluded() {
        let mut a = marked("[Claim:one] [Premise:two]", TagScheme::argument());
        let mut b = marked("[Claim:one] two [Premise:three]", TagScheme::argument());
        link(&mut a, Support, &[2], 1);
        link(&mut b, Support, &[2], 1);
        let pairs = align(a.units(), b.units(), 0.5);
        let r = relation_agreement(&a, &b, &pairs);
        assert_eq!((r.excluded_a, r.excluded_b, r.matched), (1, 1, 0));
        assert_eq!(r.f1, Some(0.0));
    }
}
