//! Chance-corrected agreement on coded items (every annotator gives each item
//! one label): Cohen's κ, Fleiss' κ and Krippendorff's α for nominal data.
//!
//! Labels are small integers (indices into a label table); `None` is a
//! missing value. Each function returns `None` where the coefficient is
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

/// Fleiss' κ over items every annotator labelled: `raters[r][i]` is rater
/// `r`'s label of item `i` (all rows equally long, at least two rows).
pub fn fleiss_kappa(raters: &[&[u16]]) -> Option<f64> {
    let n_raters = raters.len();
    let items = raters.first().map_or(0, |r| r.len());
    if n_raters < 2 || items == 0 {
        return None;
    }
    let k = raters
        .iter()
        .flat_map(|r| r.iter())
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut totals = vec![0u64; k];
    let mut counts = vec![0u64; k];
    let mut p_sum = 0.0;
    let n = n_raters as f64;
    for i in 0..items {
        counts.iter_mut().for_each(|c| *c = 0);
        for r in raters {
            counts[r[i] as usize] += 1;
        }
        let squares: u64 = counts.iter().map(|c| c * c).sum();
        p_sum += (squares as f64 - n) / (n * (n - 1.0));
        for (t, c) in totals.iter_mut().zip(&counts) {
            *t += c;
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
    let k = raters
        .iter()
        .flatten()
        .flatten()
        .copied()
        .max()
        .map_or(0, |m| m as usize + 1);
    let mut n_c = vec![0.0f64; k];
    let mut disagree = 0.0f64;
    let mut counts = vec![0u64; k];
    let mut used = 0;
    for i in 0..items {
        counts.iter_mut().for_each(|c| *c = 0);
        let mut m = 0u64;
        for r in raters {
            if let Some(Some(v)) = r.get(i) {
                counts[*v as usize] += 1;
                m += 1;
            }
        }
        if m < 2 {
            continue;
        }
        used += 1;
        let squares: u64 = counts.iter().map(|c| c * c).sum();
        disagree += (m * m - squares) as f64 / (m - 1) as f64;
        for (t, &c) in n_c.iter_mut().zip(&counts) {
            *t += c as f64;
        }
    }
    let n: f64 = n_c.iter().sum();
    let expected = n * n - n_c.iter().map(|c| c * c).sum::<f64>();
    Coefficient {
        value: (expected > 0.0).then(|| 1.0 - (n - 1.0) * disagree / expected),
        items: used,
        excluded: items - used,
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
