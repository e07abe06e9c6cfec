//! Krippendorff's unitizing α_U over the character continuum, exactly as DKPro
//! Statistics' `KrippendorffAlphaUnitizingAgreement` computes it
//! (dkpro/dkpro-statistics, `dkpro-statistics-agreement/src/main/java/org/dkpro/
//! statistics/agreement/unitizing/KrippendorffAlphaUnitizingAgreement.java`;
//! Krippendorff 1995, "On the reliability of unitizing contiguous data", and
//! Krippendorff 2004, *Content Analysis*, 2nd ed., pp. 251–256).
//!
//! Per category c, each rater's units of c and the gaps between them cut the
//! continuum [B, B+L) into segments.
//! - Observed: D_o(c) = 2 / (R(R−1)L²) · Σ over rater pairs, over overlapping
//!   segment pairs, of δ: for two units, (b₁−b₂)² + (e₁−e₂)²; for a unit lying
//!   inside the other rater's gap, its length squared; otherwise 0.
//! - Expected: D_e(c) = 2/L · Σ over units u of c [ (N_c−1)(2l³−3l²+l)/3
//!   + l² Σ over all raters' gaps g ≥ l of (g−l+1) ] / (RL(RL−1) − Σ_u l(l−1)).
//! - α_U(c) = 1 − D_o(c)/D_e(c), and 0 when D_o = D_e (DKPro's convention).
//! - Overall α_U = 1 − mean_c D_o(c) / mean_c D_e(c) over the categories that
//!   have units.
//!
//! DKPro requires that one rater's units of one category do not overlap; here
//! such units are resolved first: the earliest is kept (the longest on equal
//! starts) and units overlapping a kept one are dropped and counted.
//!
//! Sums are exact integers (u128); only the final divisions are floating point.
//! The gap sum per unit uses sorted gaps and suffix sums, so a category costs
//! O((units + gaps) log gaps) instead of DKPro's O(units × gaps).

use serde::Serialize;
use std::collections::BTreeMap;

/// One rater's unit: `len` positions from `offset`, in `category`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitizedUnit {
    pub rater: usize,
    pub offset: u64,
    pub len: u64,
    pub category: String,
}

/// A unitizing study as DKPro's `UnitizingAnnotationStudy`: a continuum of
/// `length` positions from `begin`, `raters` raters and their units.
#[derive(Clone, Debug, Default)]
pub struct UnitizingStudy {
    pub begin: u64,
    pub length: u64,
    pub raters: usize,
    pub units: Vec<UnitizedUnit>,
}

/// α_U of one category, with its disagreements.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryAlphaU {
    /// α_U for the category; `None` if undefined (no expected disagreement).
    pub alpha: Option<f64>,
    /// Observed disagreement D_o.
    pub observed: f64,
    /// Expected disagreement D_e.
    pub expected: f64,
    /// Units of this category used, over all raters.
    pub units: usize,
    /// Units dropped because they overlapped an earlier unit of the same rater and category.
    pub excluded: usize,
}

/// α_U per category and overall.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlphaU {
    /// 1 − mean D_o / mean D_e over categories; `None` without any unit.
    pub overall: Option<f64>,
    /// Per category (tag name).
    pub by_tag: BTreeMap<String, CategoryAlphaU>,
}

impl UnitizingStudy {
    /// Adds a unit, as DKPro's `addUnit(offset, length, rater, category)`.
    pub fn add(&mut self, offset: u64, len: u64, rater: usize, category: &str) {
        self.units.push(UnitizedUnit {
            rater,
            offset,
            len,
            category: category.to_owned(),
        });
    }

    /// α_U per category and overall.
    pub fn alpha(&self) -> AlphaU {
        let mut by_cat: BTreeMap<&str, Vec<Vec<(u64, u64)>>> = BTreeMap::new();
        for u in &self.units {
            let raters = by_cat
                .entry(&u.category)
                .or_insert_with(|| vec![Vec::new(); self.raters]);
            if let Some(r) = raters.get_mut(u.rater) {
                r.push((u.offset, u.len));
            }
        }
        let mut by_tag = BTreeMap::new();
        let (mut sum_o, mut sum_e) = (0.0, 0.0);
        for (cat, mut raters) in by_cat {
            let mut excluded = 0;
            for r in &mut raters {
                excluded += resolve_overlaps(r);
            }
            let (d_o, d_e) = self.category(&raters);
            sum_o += d_o;
            sum_e += d_e;
            by_tag.insert(
                cat.to_owned(),
                CategoryAlphaU {
                    alpha: ratio(d_o, d_e),
                    observed: d_o,
                    expected: d_e,
                    units: raters.iter().map(Vec::len).sum(),
                    excluded,
                },
            );
        }
        AlphaU {
            overall: if by_tag.is_empty() {
                None
            } else {
                ratio(sum_o, sum_e)
            },
            by_tag,
        }
    }

    /// (D_o, D_e) of one category given each rater's sorted, non-overlapping units.
    fn category(&self, raters: &[Vec<(u64, u64)>]) -> (f64, f64) {
        let (b, l, r) = (self.begin, self.length, raters.len() as u64);
        if r < 2 || l == 0 {
            return (0.0, 0.0);
        }
        let segments: Vec<Vec<Segment>> = raters.iter().map(|u| segments(u, b, l)).collect();
        let mut observed: u128 = 0;
        for i in 0..segments.len() {
            for j in i + 1..segments.len() {
                observed += observed_pair(&segments[i], &segments[j]);
            }
        }
        let l_f = l as f64;
        let d_o = 2.0 * observed as f64 / ((r * (r - 1)) as f64 * l_f * l_f);

        let mut gaps: Vec<u64> = segments
            .iter()
            .flatten()
            .filter(|s| !s.unit)
            .map(|s| s.len)
            .collect();
        gaps.sort_unstable();
        // suffix[i] = Σ gaps[i..]
        let mut suffix = vec![0u128; gaps.len() + 1];
        for i in (0..gaps.len()).rev() {
            suffix[i] = suffix[i + 1] + gaps[i] as u128;
        }
        let lengths: Vec<u128> = raters.iter().flatten().map(|&(_, n)| n as u128).collect();
        let n_c = lengths.len() as u128;
        let squared: u128 = lengths.iter().map(|&n| n * n.saturating_sub(1)).sum();
        let mut sum: u128 = 0;
        for &n in &lengths {
            // (N_c − 1)(2l³ − 3l² + l)/3; l(l−1)(2l−1) is a multiple of 6.
            let within = (n_c - 1) * (n * n.saturating_sub(1) * (2 * n).saturating_sub(1)) / 3;
            let from = gaps.partition_point(|&g| (g as u128) < n);
            let count = (gaps.len() - from) as u128;
            // Σ (g − l + 1) over gaps g ≥ l
            let across = suffix[from] + count - count * n;
            sum += within + n * n * across;
        }
        let rl = (r * l) as u128;
        let denominator = (rl * (rl - 1)).saturating_sub(squared);
        let d_e = if denominator == 0 {
            0.0
        } else {
            sum as f64 * 2.0 / l_f / denominator as f64
        };
        (d_o, d_e)
    }
}

/// 1 − D_o/D_e, 0 when they are equal (as DKPro), `None` when D_e is 0 and D_o is not.
fn ratio(d_o: f64, d_e: f64) -> Option<f64> {
    if d_o == d_e {
        Some(0.0)
    } else if d_e == 0.0 {
        None
    } else {
        Some(1.0 - d_o / d_e)
    }
}

/// Sorts one rater's units of one category and drops those overlapping an
/// earlier kept one (earliest first, then longest). Returns how many went.
fn resolve_overlaps(units: &mut Vec<(u64, u64)>) -> usize {
    units.retain(|u| u.1 > 0);
    units.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let before = units.len();
    let mut reach = 0u64;
    let mut first = true;
    units.retain(|&(o, n)| {
        let keep = first || o >= reach;
        if keep {
            reach = o + n;
            first = false;
        }
        keep
    });
    before - units.len()
}

/// A unit or a gap of one rater's segmentation.
#[derive(Clone, Copy, Debug)]
struct Segment {
    offset: u64,
    len: u64,
    unit: bool,
}

/// Units and the gaps between them, covering [b, b+l).
fn segments(units: &[(u64, u64)], b: u64, l: u64) -> Vec<Segment> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut pos = b;
    for &(offset, len) in units {
        if offset > pos {
            out.push(Segment {
                offset: pos,
                len: offset - pos,
                unit: false,
            });
        }
        out.push(Segment {
            offset,
            len,
            unit: true,
        });
        pos = offset + len;
    }
    if pos < b + l {
        out.push(Segment {
            offset: pos,
            len: b + l - pos,
            unit: false,
        });
    }
    out
}

/// Σ δ over overlapping segment pairs of two raters (a merge of both lists).
fn observed_pair(s1: &[Segment], s2: &[Segment]) -> u128 {
    let (mut i, mut j) = (0, 0);
    let mut sum = 0u128;
    while i < s1.len() && j < s2.len() {
        let (a, b) = (s1[i], s2[j]);
        sum += distance(a, b);
        let (end_a, end_b) = (a.offset + a.len, b.offset + b.len);
        if end_a <= end_b {
            i += 1;
        }
        if end_b <= end_a {
            j += 1;
        }
    }
    sum
}

/// DKPro's `measureDistance` for two overlapping segments.
fn distance(a: Segment, b: Segment) -> u128 {
    let begin = a.offset as i128 - b.offset as i128;
    let end = (a.offset + a.len) as i128 - (b.offset + b.len) as i128;
    match (a.unit, b.unit) {
        (true, true) if -(a.len as i128) < begin && begin < b.len as i128 => {
            (begin * begin + end * end) as u128
        }
        (true, false) if begin >= 0 && end <= 0 => a.len as u128 * a.len as u128,
        (false, true) if begin <= 0 && end >= 0 => b.len as u128 * b.len as u128,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(offset: u64, len: u64, unit: bool) -> Segment {
        Segment { offset, len, unit }
    }

    fn near(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() <= tol, "{a} vs {b} (±{tol})");
    }

    /// DKPro's Krippendorff2004Test.testDistanceMetric1/2 (dkpro-statistics-agreement/
    /// src/test/java/org/dkpro/statistics/agreement/unitizing/Krippendorff2004Test.java).
    #[test]
    fn distances_match_dkpro() {
        let d = |o1, l1, u1, o2, l2, u2| distance(seg(o1, l1, u1), seg(o2, l2, u2));
        assert_eq!(d(2, 3, false, 2, 2, true) + d(5, 6, true, 4, 7, false), 40);
        assert_eq!(d(3, 2, false, 3, 2, true) + d(5, 6, true, 5, 6, false), 40);
        assert_eq!(d(5, 6, true, 4, 2, true), 26);
        assert_eq!(d(5, 6, true, 5, 2, true), 16);
        assert_eq!(d(5, 6, true, 6, 2, true), 10);
        assert_eq!(d(5, 6, true, 7, 2, true), 8);
        assert_eq!(d(5, 6, true, 6, 4, true), 2);
        assert_eq!(d(5, 6, true, 5, 6, true), 0);
        assert_eq!(d(225, 70, true, 220, 80, true), 50);
        assert_eq!(d(370, 30, true, 355, 20, true), 850);
        assert_eq!(d(400, 50, false, 400, 20, true), 400);
    }

    /// Krippendorff (2004: p. 254), as DKPro's Krippendorff2004Test.createExample.
    fn krippendorff_2004() -> UnitizingStudy {
        let mut s = UnitizingStudy {
            begin: 150,
            length: 300,
            raters: 2,
            units: Vec::new(),
        };
        s.add(225, 70, 0, "c");
        s.add(370, 30, 0, "c");
        s.add(220, 80, 1, "c");
        s.add(355, 20, 1, "c");
        s.add(400, 20, 1, "c");
        s.add(180, 60, 0, "k");
        s.add(300, 50, 0, "k");
        s.add(180, 60, 1, "k");
        s.add(300, 50, 1, "k");
        s
    }

    /// The published values DKPro's Krippendorff2004Test.testAgreement and
    /// testCategoryAgreement assert, with the same tolerances.
    #[test]
    fn krippendorff_2004_example_matches_dkpro() {
        let a = krippendorff_2004().alpha();
        near(a.overall.unwrap(), 0.8591, 0.0005);
        let c = &a.by_tag["c"];
        near(c.observed, 0.0144, 0.0001);
        near(c.expected, 0.0532, 0.0001);
        near(c.alpha.unwrap(), 0.7286, 0.0001);
        let k = &a.by_tag["k"];
        near(k.observed, 0.0, 0.0001);
        near(k.expected, 0.0490, 0.0001);
        near(k.alpha.unwrap(), 1.0, 0.0001);
    }

    /// Krippendorff (1995: p. 57), as DKPro's Krippendorff1995Test.createExample.
    fn krippendorff_1995(stretch: u64) -> UnitizingStudy {
        let mut s = UnitizingStudy {
            begin: 0,
            length: 24 * stretch,
            raters: 2,
            units: Vec::new(),
        };
        let units: [(u64, u64, usize, &str); 31] = [
            (2, 8, 0, "A"),
            (14, 6, 0, "A"),
            (4, 4, 1, "A"),
            (15, 2, 1, "A"),
            (0, 18, 0, "B"),
            (0, 2, 1, "B"),
            (2, 1, 1, "B"),
            (3, 1, 1, "B"),
            (4, 1, 1, "B"),
            (5, 1, 1, "B"),
            (6, 3, 1, "B"),
            (9, 1, 1, "B"),
            (2, 6, 0, "C"),
            (10, 2, 0, "C"),
            (14, 4, 0, "C"),
            (20, 2, 0, "C"),
            (0, 2, 1, "C"),
            (4, 4, 1, "C"),
            (10, 4, 1, "C"),
            (16, 2, 1, "C"),
            (20, 2, 1, "C"),
            (0, 2, 0, "D"),
            (2, 8, 0, "D"),
            (10, 4, 0, "D"),
            (14, 6, 0, "D"),
            (20, 4, 0, "D"),
            (0, 4, 1, "D"),
            (4, 4, 1, "D"),
            (8, 7, 1, "D"),
            (15, 2, 1, "D"),
            (17, 7, 1, "D"),
        ];
        for (o, l, r, c) in units {
            s.add(o * stretch, l * stretch, r, c);
        }
        s
    }

    /// DKPro's Krippendorff1995Test.testAgreement, with its tolerances.
    #[test]
    fn krippendorff_1995_example_matches_dkpro() {
        let a = krippendorff_1995(1).alpha();
        near(a.by_tag["A"].observed, 0.03125, 0.00001);
        near(a.by_tag["B"].observed, 2.26736, 0.00001);
        near(a.by_tag["C"].observed, 0.02777, 0.00001);
        near(a.by_tag["D"].observed, 0.38715, 0.00001);
        let a = krippendorff_1995(50_000).alpha();
        for (cat, d_e, alpha) in [
            ("A", 0.06990, 0.553),
            ("B", 1.17731, -0.926),
            ("C", 0.08642, 0.679),
            ("D", 0.41445, 0.066),
        ] {
            near(a.by_tag[cat].expected, d_e, 0.005);
            near(a.by_tag[cat].alpha.unwrap(), alpha, 0.02);
        }
    }

    #[test]
    fn overlapping_units_of_one_rater_keep_the_earliest_then_longest() {
        let mut u = vec![(10, 5), (0, 4), (10, 8), (12, 10), (18, 2)];
        assert_eq!(resolve_overlaps(&mut u), 2);
        assert_eq!(u, [(0, 4), (10, 8), (18, 2)]);
    }

    #[test]
    fn identical_raters_agree_fully() {
        let mut s = UnitizingStudy {
            begin: 0,
            length: 100,
            raters: 3,
            units: Vec::new(),
        };
        for r in 0..3 {
            s.add(10, 20, r, "x");
            s.add(50, 5, r, "y");
        }
        let a = s.alpha();
        assert_eq!(a.overall, Some(1.0));
        assert_eq!(a.by_tag["x"].alpha, Some(1.0));
        assert_eq!(a.by_tag["y"].units, 3);
    }
}
