//! Span F1 per tag, micro and macro, label-aware, with two matching rules:
//! exact (same start, end and tag) and overlap (an aligned pair, see
//! [`super::align`], with the same tag). Annotator A is the reference:
//! precision = matched / B's units, recall = matched / A's units,
//! F1 = 2·matched / (A's + B's units), so F1 itself is symmetric. Micro sums
//! the counts over tags; macro averages the per-tag F1 of tags either side used
//! (as in the MUC/CoNLL span-level evaluations).

use super::align::Pair;
use crate::model::Unit;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Precision, recall and F1 with the counts behind them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Units of the reference (annotator A, or the key).
    pub reference: usize,
    /// Units of the other annotator.
    pub predicted: usize,
    /// Units matched one to one.
    pub matched: usize,
    /// matched / predicted; `None` without predicted units.
    pub precision: Option<f64>,
    /// matched / reference; `None` without reference units.
    pub recall: Option<f64>,
    /// 2·matched / (reference + predicted); `None` when both are 0.
    pub f1: Option<f64>,
}

impl Prf {
    /// The scores for these counts.
    pub fn new(reference: usize, predicted: usize, matched: usize) -> Prf {
        let div = |n: usize, d: usize| (d > 0).then(|| n as f64 / d as f64);
        Prf {
            reference,
            predicted,
            matched,
            precision: div(matched, predicted),
            recall: div(matched, reference),
            f1: div(2 * matched, reference + predicted),
        }
    }
}

/// Per-tag, micro and macro scores under one matching rule.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// By tag name, for every tag either side used.
    pub by_tag: BTreeMap<String, Prf>,
    /// Counts summed over tags.
    pub micro: Prf,
    /// Mean of the per-tag F1s.
    pub macro_f1: Option<f64>,
}

impl Scores {
    /// Scores from per-tag (reference, predicted, matched) counts.
    fn from_counts(counts: BTreeMap<&str, (usize, usize, usize)>) -> Scores {
        let by_tag: BTreeMap<String, Prf> = counts
            .into_iter()
            .map(|(t, (r, p, m))| (t.to_owned(), Prf::new(r, p, m)))
            .collect();
        let sum = |f: fn(&Prf) -> usize| by_tag.values().map(f).sum::<usize>();
        let micro = Prf::new(
            sum(|p| p.reference),
            sum(|p| p.predicted),
            sum(|p| p.matched),
        );
        let f1s: Vec<f64> = by_tag.values().filter_map(|p| p.f1).collect();
        let macro_f1 = (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64);
        Scores {
            by_tag,
            micro,
            macro_f1,
        }
    }
}

/// Span F1 under both matching rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpanF1 {
    /// Same start, end and tag.
    pub exact: Scores,
    /// Aligned (Jaccard ≥ min-overlap) with the same tag.
    pub overlap: Scores,
}

/// Span F1 of `b` against `a`, given their alignment.
pub fn span_f1(a: &[Unit], b: &[Unit], pairs: &[Pair]) -> SpanF1 {
    let mut base: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for u in a {
        base.entry(&u.kind).or_default().0 += 1;
    }
    for u in b {
        base.entry(&u.kind).or_default().1 += 1;
    }
    let mut exact = base.clone();
    let mut spans: HashMap<(usize, usize, &str), usize> = HashMap::new();
    for u in a {
        *spans.entry((u.start, u.end, &u.kind)).or_default() += 1;
    }
    for u in b {
        if let Some(n) = spans.get_mut(&(u.start, u.end, u.kind.as_str()))
            && *n > 0
        {
            *n -= 1;
            if let Some(c) = exact.get_mut(u.kind.as_str()) {
                c.2 += 1;
            }
        }
    }
    let mut overlap = base;
    for p in pairs {
        let (x, y) = (&a[p.a], &b[p.b]);
        if x.kind == y.kind
            && let Some(c) = overlap.get_mut(x.kind.as_str())
        {
            c.2 += 1;
        }
    }
    SpanF1 {
        exact: Scores::from_counts(exact),
        overlap: Scores::from_counts(overlap),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::align::align;
    use crate::model::TagScheme;
    use crate::model::fixture::marked;

    #[test]
    fn exact_and_overlap_by_hand() {
        // A: Claim "one two", Premise "three four", Evidence "five".
        // B: Claim "one two" (exact), Premise "three" (J = 5/10), Claim "five" (wrong tag).
        let a = marked(
            "[Claim:one two] [Premise:three four] [Evidence:five] six",
            TagScheme::argument(),
        );
        let b = marked(
            "[Claim:one two] [Premise:three] four [Claim:five] six",
            TagScheme::argument(),
        );
        let pairs = align(a.units(), b.units(), 0.5);
        let f = span_f1(a.units(), b.units(), &pairs);
        assert_eq!(f.exact.micro.matched, 1);
        assert_eq!(f.overlap.micro.matched, 2);
        // Claim: A 1, B 2, matched 1 → P 0.5, R 1, F1 2/3.
        let claim = &f.overlap.by_tag["Claim"];
        assert_eq!((claim.precision, claim.recall), (Some(0.5), Some(1.0)));
        assert!((claim.f1.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(f.exact.by_tag["Premise"].f1, Some(0.0));
        assert_eq!(f.overlap.by_tag["Premise"].f1, Some(1.0));
        assert_eq!(f.overlap.by_tag["Evidence"].precision, None);
        // micro overlap: 2·2 / (3 + 3); macro: mean(2/3, 1, 0).
        assert!((f.overlap.micro.f1.unwrap() - 4.0 / 6.0).abs() < 1e-12);
        assert!((f.overlap.macro_f1.unwrap() - (2.0 / 3.0 + 1.0) / 3.0).abs() < 1e-12);
    }
}
