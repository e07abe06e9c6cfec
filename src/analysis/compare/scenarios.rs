//! Scenario membership agreement of aligned units. Scenario ids and names
//! differ between annotators, so membership is compared two ways:
//! - whether a unit is in any scenario: Cohen's κ over the aligned pairs;
//! - which units share a scenario: over unordered pairs of aligned units, the
//!   Jaccard index of the pairs A puts in one scenario and the pairs B does
//!   (a pair-counting measure, as the Rand index for clusterings).
//!
//! It also lists which scenario of A corresponds to which of B (the pairs of
//! scenarios sharing aligned units, most shared first). Unaligned units are
//! excluded.

use super::align::Pair;
use super::coding::{Coefficient, cohen_kappa};
use crate::model::{ArgumentMap, ScenarioId};
use serde::Serialize;
use std::collections::HashMap;

/// Two scenarios that share aligned units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioMatch {
    /// A's scenario name.
    pub a: String,
    /// B's scenario name.
    pub b: String,
    /// Aligned unit pairs in both.
    pub shared_units: usize,
}

/// Scenario membership agreement between two annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioAgreement {
    /// κ of "in some scenario" (yes/no) over aligned pairs.
    pub membership_kappa: Coefficient,
    /// Unordered pairs of aligned units that A puts in one scenario.
    pub together_a: u64,
    /// … that B puts in one scenario.
    pub together_b: u64,
    /// … that both do.
    pub together_both: u64,
    /// together_both / (together_a + together_b − together_both).
    pub together_jaccard: Option<f64>,
    /// Corresponding scenarios, most shared units first.
    pub matches: Vec<ScenarioMatch>,
}

/// Scenario agreement of `b` with `a` over their aligned units.
pub fn scenario_agreement(a: &ArgumentMap, b: &ArgumentMap, pairs: &[Pair]) -> ScenarioAgreement {
    let sa: Vec<Option<&ScenarioId>> = pairs
        .iter()
        .map(|p| a.units()[p.a].scenario.as_ref())
        .collect();
    let sb: Vec<Option<&ScenarioId>> = pairs
        .iter()
        .map(|p| b.units()[p.b].scenario.as_ref())
        .collect();
    let yes =
        |s: &[Option<&ScenarioId>]| s.iter().map(|x| u16::from(x.is_some())).collect::<Vec<_>>();
    let excluded = a.units().len() + b.units().len() - 2 * pairs.len();
    let membership_kappa = Coefficient {
        value: cohen_kappa(&yes(&sa), &yes(&sb)),
        items: pairs.len(),
        excluded,
    };
    let choose2 = |n: u64| n * n.saturating_sub(1) / 2;
    let mut count_a: HashMap<&ScenarioId, u64> = HashMap::new();
    let mut count_b: HashMap<&ScenarioId, u64> = HashMap::new();
    let mut count_both: HashMap<(&ScenarioId, &ScenarioId), u64> = HashMap::new();
    for (x, y) in sa.iter().zip(&sb) {
        if let Some(x) = x {
            *count_a.entry(x).or_default() += 1;
        }
        if let Some(y) = y {
            *count_b.entry(y).or_default() += 1;
        }
        if let (Some(x), Some(y)) = (x, y) {
            *count_both.entry((x, y)).or_default() += 1;
        }
    }
    let together_a: u64 = count_a.values().map(|&n| choose2(n)).sum();
    let together_b: u64 = count_b.values().map(|&n| choose2(n)).sum();
    let together_both: u64 = count_both.values().map(|&n| choose2(n)).sum();
    let union = together_a + together_b - together_both;
    let name = |m: &ArgumentMap, id: &ScenarioId| {
        m.scenario(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let mut matches: Vec<ScenarioMatch> = count_both
        .iter()
        .map(|((x, y), &n)| ScenarioMatch {
            a: name(a, x),
            b: name(b, y),
            shared_units: n as usize,
        })
        .collect();
    matches.sort_by(|p, q| {
        q.shared_units
            .cmp(&p.shared_units)
            .then_with(|| (&p.a, &p.b).cmp(&(&q.a, &q.b)))
    });
    ScenarioAgreement {
        membership_kappa,
        together_a,
        together_b,
        together_both,
        together_jaccard: (union > 0).then(|| together_both as f64 / union as f64),
        matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::align::align;
    use crate::model::fixture::marked;
    use crate::model::{Edit, Scenario, TagScheme, UnitId, apply};

    fn with_scenarios(groups: &[(&str, &[u64])]) -> ArgumentMap {
        let mut m = marked(
            "[Speculation:a] [Speculation:b] [Speculation:c] [Claim:d]",
            TagScheme::argument(),
        );
        for (n, (name, units)) in groups.iter().enumerate() {
            let id = ScenarioId::from_number(n as u64 + 1);
            apply(
                &mut m,
                Edit::AddScenario(Scenario {
                    id: id.clone(),
                    name: (*name).into(),
                    description: String::new(),
                    hedge: String::new(),
                    depends_on: Vec::new(),
                }),
            )
            .unwrap();
            for &u in *units {
                apply(
                    &mut m,
                    Edit::SetUnitScenario {
                        unit: UnitId::from_number(u),
                        scenario: Some(id.clone()),
                    },
                )
                .unwrap();
            }
        }
        m
    }

    #[test]
    fn membership_and_together_by_hand() {
        // A: Thaw {1, 2, 3}; B: Détente {1, 2}, Drills {3, 4}.
        let a = with_scenarios(&[("Thaw", &[1, 2, 3])]);
        let b = with_scenarios(&[("Détente", &[1, 2]), ("Drills", &[3, 4])]);
        let pairs = align(a.units(), b.units(), 0.5);
        let s = scenario_agreement(&a, &b, &pairs);
        // Together pairs: A {12, 13, 23}; B {12, 34}; both {12}; Jaccard 1/4.
        assert_eq!((s.together_a, s.together_b, s.together_both), (3, 2, 1));
        assert_eq!(s.together_jaccard, Some(0.25));
        // In a scenario: A yes yes yes no, B yes yes yes yes → p_e = 0.75, p_o = 0.75: κ 0.
        assert_eq!(s.membership_kappa.value, Some(0.0));
        assert_eq!(s.matches[0].a, "Thaw");
        assert_eq!(s.matches[0].b, "Détente");
        assert_eq!(s.matches[0].shared_units, 2);
    }
}
