//! Chance-corrected agreement on coded items (every annotator gives each item
//! one label): Cohen's κ, Fleiss' κ and Krippendorff's α for nominal data.
//!
//! Labels are small integers (indices into a label table); `None` is a
//! missing value. Fleiss' κ and α are computed over the tally of distinct
//! label combinations, which gives the same sums as going item by item. Each function returns `None` where the coefficient is
//! undefined (chance agreement is total, e.g. every item got the same label),
//! where the reference implementations give NaN or raise.
//!
//! - Cohen's κ as scikit-learn's `cohen_kappa_score` (unweighted):
//!   κ = 1 − Σ_{i≠j} C_ij / Σ_{i≠j} E_ij with C the confusion matrix and
//!   E_ij = r_i·c_j / n (Cohen 1960).
//! - Fleiss' κ as Fleiss (1971) and statsmodels `fleiss_kappa(method="fleiss")`:
//!   P̄ = mean over items of (Σ_j n_ij² − n) / (n(n−1)), P̄_e = Σ_j p_j², κ = (P̄ − P̄_e)/(1 − P̄_e).
//! - Krippendorff's α, nominal, missing values allowed, as the `krippendorff`
//!   Python package (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"):
//!   items with fewer than two values are left out; the coincidence matrix
//!   o_ck = Σ_u n_uc(n_uk − [c=k]) / (m_u − 1); α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.

use serde::Serialize;

/// A chance-corrected coefficient with the items it was computed over.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Coefficient {
    /// The value; `None` when undefined (e.g. every item got one label).
    pub value: Option<f64>,
    /// Items the value was computed over.
    pub items: usize,
    /// Items left out (with fewer than two values, or not representable).
    pub excluded: usize,
}

/// Cohen's κ from a square confusion matrix (`m[i][j]`: items the first
/// annotator labelled `i` and the second `j`), as scikit-learn computes it.
pub fn cohen_kappa_matrix(m: &[Vec<u64>]) -> Option<f64> {
    let k = m.len();
    let n: u64 = m.iter().flatten().sum();
    if n == 0 {
        return None;
    }
    let rows: Vec<f64> = m.iter().map(|r| r.iter().sum::<u64>() as f64).collect();
    let cols: Vec<f64> = (0..k)
        .map(|j| m.iter().map(|r| r[j]).sum::<u64>() as f64)
        .collect();
    let n = n as f64;
    let mut observed = 0.0;
    let mut expected = 0.0;
    for i in 0..k {
        for j in 0..k {
            if i != j {
                observed += m[i][j] as f64;
                expected += rows[i] * cols[j] / n;
            }
        }
    }
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// Cohen's κ between two label sequences of equal length.
pub fn cohen_kappa(a: &[u16], b: &[u16]) -> Option<f64> {
    let k = a
        .iter()
        .chain(b)
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut m = vec![vec![0u64; k]; k];
    for (&x, &y) in a.iter().zip(b) {
        m[x as usize][y as usize] += 1;
    }
    cohen_kappa_matrix(&m)
}

/// How many items got each combination of labels: nominal coefficients
/// depend on nothing else, so they are computed over the distinct
/// combinations (a handful) instead of every item (a long text has
/// hundreds of thousands of words). `MISSING` stands for a missing value.
struct Tally {
    /// (labels per rater, items with exactly these labels)
    rows: Vec<(Vec<u16>, u64)>,
    /// Number of distinct labels (excluding `MISSING`).
    k: usize,
}

const MISSING: u16 = u16::MAX;

impl Tally {
    fn new(raters: usize, items: usize, label: impl Fn(usize, usize) -> u16) -> Tally {
        let mut k = 0usize;
        for i in 0..items {
            for r in 0..raters {
                let l = label(r, i);
                if l != MISSING {
                    k = k.max(l as usize + 1);
                }
            }
        }
        // Each rater's label in base k + 1 (the last digit is "missing").
        let base = k as u64 + 1;
        let dense = (0..raters).try_fold(1u64, |acc, _| acc.checked_mul(base));
        let digit = |l: u16| if l == MISSING { k as u64 } else { l as u64 };
        let mut rows = Vec::new();
        let decode = |mut code: u64| {
            (0..raters)
                .map(|_| {
                    let d = code % base;
                    code /= base;
                    if d == k as u64 { MISSING } else { d as u16 }
                })
                .collect::<Vec<u16>>()
        };
        match dense.filter(|&n| n <= 1 << 20) {
            Some(n) => {
                let mut counts = vec![0u64; n as usize];
                for i in 0..items {
                    let code = (0..raters)
                        .rev()
                        .fold(0u64, |acc, r| acc * base + digit(label(r, i)));
                    counts[code as usize] += 1;
                }
                for (code, &c) in counts.iter().enumerate() {
                    if c > 0 {
                        rows.push((decode(code as u64), c));
                    }
                }
            }
            None => {
                let mut counts: std::collections::HashMap<Vec<u16>, u64> = Default::default();
                for i in 0..items {
                    *counts
                        .entry((0..raters).map(|r| label(r, i)).collect())
                        .or_default() += 1;
                }
                rows = counts.into_iter().collect();
                rows.sort();
            }
        }
        Tally { rows, k }
    }
}

/// Fleiss' κ over items every annotator labelled: `raters[r][i]` is rater
/// `r`'s label of item `i` (all rows equally long, at least two rows).
pub fn fleiss_kappa(raters: &[&[u16]]) -> Option<f64> {
    let n_raters = raters.len();
    let items = raters.first().map_or(0, |r| r.len());
    if n_raters < 2 || items == 0 {
        return None;
    }
    let tally = Tally::new(n_raters, items, |r, i| raters[r][i]);
    let mut totals = vec![0u64; tally.k];
    let mut counts = vec![0u64; tally.k];
    let mut p_sum = 0.0;
    let n = n_raters as f64;
    for (labels, times) in &tally.rows {
        counts.iter_mut().for_each(|c| *c = 0);
        for &l in labels {
            counts[l as usize] += 1;
        }
        let squares: u64 = counts.iter().map(|c| c * c).sum();
        p_sum += *times as f64 * (squares as f64 - n) / (n * (n - 1.0));
        for (t, c) in totals.iter_mut().zip(&counts) {
            *t += c * times;
        }
    }
    let p_mean = p_sum / items as f64;
    let all = (items * n_raters) as f64;
    let p_exp: f64 = totals.iter().map(|&t| (t as f64 / all).powi(2)).sum();
    (p_exp < 1.0).then(|| (p_mean - p_exp) / (1.0 - p_exp))
}

/// Krippendorff's α for nominal data: `raters[r][i]` is rater `r`'s value for
/// item `i`, `None` if missing. Items with fewer than two values are excluded.
pub fn krippendorff_alpha(raters: &[Vec<Option<u16>>]) -> Coefficient {
    let items = raters.iter().map(Vec::len).max().unwrap_or(0);
    let tally = Tally::new(raters.len(), items, |r, i| {
        raters[r].get(i).copied().flatten().unwrap_or(MISSING)
    });
    let k = tally.k;
    let mut n_c = vec![0.0f64; k];
    let mut disagree = 0.0f64;
    let mut counts = vec![0u64; k];
    let mut used = 0u64;
    for (labels, times) in &tally.rows {
        counts.iter_mut().for_each(|c| *c = 0);
        let mut m = 0u64;
        for &l in labels.iter().filter(|&&l| l != MISSING) {
            counts[l as usize] += 1;
            m += 1;
        }
        if m < 2 {
            continue;
        }
        used += times;
        let squares: u64 = counts.iter().map(|c| c * c).sum();
        disagree += *times as f64 * (m * m - squares) as f64 / (m - 1) as f64;
        for (t, &c) in n_c.iter_mut().zip(&counts) {
            *t += (c * times) as f64;
        }
    }
    let n: f64 = n_c.iter().sum();
    let expected = n * n - n_c.iter().map(|c| c * c).sum::<f64>();
    Coefficient {
        value: (expected > 0.0).then(|| 1.0 - (n - 1.0) * disagree / expected),
        items: used as usize,
        excluded: items - used as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Letters to codes in a fixed order, so tests read like the Python calls.
    fn codes(s: &str) -> Vec<u16> {
        s.split_whitespace()
            .map(|w| "CENPSXYZ".find(w).expect("known letter") as u16)
            .collect()
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    // Reference values computed once with scikit-learn 1.9.1, krippendorff
    // 0.9.0 and statsmodels 0.15.0 (Python 3.11):
    //   sklearn.metrics.cohen_kappa_score(a, b)
    //   krippendorff.alpha(reliability_data=[…], level_of_measurement="nominal")
    //   statsmodels.stats.inter_rater.fleiss_kappa(aggregate_raters(data)[0], method="fleiss")
    const A1: &str = "C C N P N N C P N E C C N S S N";
    const B1: &str = "C P N P N C C P N N C C N S P N";

    #[test]
    fn cohen_matches_scikit_learn() {
        close(cohen_kappa(&codes(A1), &codes(B1)), 0.654054054054054);
        close(
            cohen_kappa(
                &codes("X X X Y Y Z Z Z Z X Y Z"),
                &codes("X Y X Y Z Z Z X Z X Y Y"),
            ),
            0.5,
        );
    }

    #[test]
    fn cohen_by_hand_and_undefined() {
        // 2×2: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no. p_o = 0.7,
        // p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
        close(cohen_kappa_matrix(&[vec![20, 5], vec![10, 15]]), 0.4);
        assert_eq!(cohen_kappa(&[1, 1, 1], &[1, 1, 1]), None);
        assert_eq!(cohen_kappa(&[], &[]), None);
    }

    #[test]
    fn fleiss_matches_statsmodels() {
        let (r1, r2, r3) = (
            codes("C C N P N N C P N E"),
            codes("C P N P N C C P N N"),
            codes("C C N P P N C E N E"),
        );
        close(fleiss_kappa(&[&r1, &r2, &r3]), 0.53125);
        close(fleiss_kappa(&[&codes(A1), &codes(B1)]), 0.6512261580381471);
    }

    #[test]
    fn fleiss_by_hand() {
        // Two items, three raters: (a,a,a) and (a,a,b). P_1 = 1, P_2 = 1/3,
        // P̄ = 2/3; p_a = 5/6, p_b = 1/6, P_e = 26/36; κ = (2/3 − 26/36)/(10/36) = −0.2.
        close(fleiss_kappa(&[&[0, 0], &[0, 0], &[0, 1]]), -0.2);
    }

    #[test]
    fn alpha_matches_krippendorff_package() {
        // Krippendorff's (2011) example with missing values (4 observers, 12 units).
        let data: Vec<Vec<Option<u16>>> = [
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 .",
        ]
        .iter()
        .map(|row| row.split(' ').map(|v| v.parse().ok()).collect())
        .collect();
        let a = krippendorff_alpha(&data);
        close(a.value, 0.743421052631579);
        assert_eq!((a.items, a.excluded), (11, 1));

        let two: Vec<Vec<Option<u16>>> = [A1, B1]
            .iter()
            .map(|s| codes(s).into_iter().map(Some).collect())
            .collect();
        close(krippendorff_alpha(&two).value, 0.662125340599455);
        let three: Vec<Vec<Option<u16>>> = [
            "C C N P N N C P N E",
            "C P N P N C C P N N",
            "C C N P P N C E N E",
        ]
        .iter()
        .map(|s| codes(s).into_iter().map(Some).collect())
        .collect();
        close(krippendorff_alpha(&three).value, 0.546875);
    }

    #[test]
    fn alpha_undefined_with_one_value() {
        let same = vec![vec![Some(2); 4], vec![Some(2); 4]];
        assert_eq!(krippendorff_alpha(&same).value, None);
    }
}
