//! What a conclusion rests on: the speculation units and scenarios anywhere
//! in its chain of support, so a coach sees "this conclusion depends on the
//! New Détente happening".
//!
//! The chain of support of a unit is every unit from which it can be reached
//! by following support relations forward (all sources of a linked argument
//! count). Its speculation units are those whose tag has the speculation role.
//! Its scenarios are the scenarios of the unit itself and of every unit in the
//! chain, closed under `depends_on`. Attack and rephrase relations are not
//! followed.

use super::graph::Graph;
use crate::model::{ArgumentMap, RelationKind, Role, ScenarioId, UnitId};
use std::collections::BTreeSet;

/// The speculative ground under one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeculativeDependency {
    /// The unit that rests on them (a claim, in [`super::Findings`]).
    pub unit: UnitId,
    /// Scenarios it depends on, in id order.
    pub scenarios: Vec<ScenarioId>,
    /// Speculation units in its chain of support, in id order.
    pub speculation_units: Vec<UnitId>,
}

impl SpeculativeDependency {
    /// Whether the unit rests on no speculation at all.
    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty() && self.speculation_units.is_empty()
    }

    /// The names of its scenarios, for people ("New Détente").
    pub fn scenario_names<'m>(&self, map: &'m ArgumentMap) -> Vec<&'m str> {
        self.scenarios
            .iter()
            .filter_map(|s| map.scenario(s).map(|s| s.name.as_str()))
            .collect()
    }
}

/// The dependencies of the unit at position `root`. `seen` must hold one
/// `false` per unit; it is left all `false` again.
pub(crate) fn dependencies_at(g: &Graph, root: usize, seen: &mut [bool]) -> SpeculativeDependency {
    let units = g.map.units();
    seen[root] = true;
    let mut stack = vec![root];
    let mut chain = Vec::new();
    while let Some(v) = stack.pop() {
        chain.push(v);
        for e in g.incoming_of(v, RelationKind::Support) {
            for &s in &e.sources {
                if !seen[s] {
                    seen[s] = true;
                    stack.push(s);
                }
            }
        }
    }
    // Reset only what this walk marked, so walks from many claims stay cheap.
    for &u in &chain {
        seen[u] = false;
    }
    let speculation_units: BTreeSet<&UnitId> = chain
        .iter()
        .filter(|&&u| u != root && g.roles[u] == Role::Speculation)
        .map(|&u| &units[u].id)
        .collect();
    let direct = chain.iter().filter_map(|&u| units[u].scenario.as_ref());
    SpeculativeDependency {
        unit: units[root].id.clone(),
        scenarios: scenario_closure(g.map, direct).into_iter().collect(),
        speculation_units: speculation_units.into_iter().cloned().collect(),
    }
}

/// The scenarios given and everything they depend on, transitively.
fn scenario_closure<'a>(
    map: &'a ArgumentMap,
    start: impl Iterator<Item = &'a ScenarioId>,
) -> BTreeSet<ScenarioId> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<&ScenarioId> = start.collect();
    while let Some(s) = stack.pop() {
        if out.insert(s.clone())
            && let Some(sc) = map.scenario(s)
        {
            stack.extend(sc.depends_on.iter());
        }
    }
    out
}

/// For every claim-role unit that rests on any speculation, in text order.
pub(crate) fn rests_on_speculation(g: &Graph) -> Vec<SpeculativeDependency> {
    let mut seen = vec![false; g.len()];
    (0..g.len())
        .filter(|&u| g.roles[u].is_claim())
        .map(|u| dependencies_at(g, u, &mut seen))
        .filter(|d| !d.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind::{Attack, Rephrase, Support};
    use crate::model::fixture::{link, marked};
    use crate::model::{Edit, Scenario, TagScheme, apply};

    fn add_scenario(m: &mut ArgumentMap, n: u64, name: &str, deps: &[u64]) {
        apply(
            m,
            Edit::AddScenario(Scenario {
                id: ScenarioId::from_number(n),
                name: name.into(),
                description: String::new(),
                hedge: String::new(),
                depends_on: deps.iter().map(|&d| ScenarioId::from_number(d)).collect(),
            }),
        )
        .unwrap();
    }

    fn put(m: &mut ArgumentMap, unit: u64, scenario: u64) {
        apply(
            m,
            Edit::SetUnitScenario {
                unit: UnitId::from_number(unit),
                scenario: Some(ScenarioId::from_number(scenario)),
            },
        )
        .unwrap();
    }

    fn deps(m: &ArgumentMap, unit: u64) -> (Vec<String>, Vec<String>) {
        let g = Graph::new(m);
        let at = m.unit_index(&UnitId::from_number(unit)).unwrap();
        let d = dependencies_at(&g, at, &mut vec![false; g.len()]);
        (
            d.scenarios.iter().map(|s| s.to_string()).collect(),
            d.speculation_units.iter().map(|u| u.to_string()).collect(),
        )
    }

    #[test]
    fn speculation_reaches_a_claim_through_linked_support_chains() {
        // u1 main claim ← u2 claim ← [u3 premise + u4 speculation (s2)];
        // s2 depends on s1. u5 speculation attacks u1; u6 rephrases u1.
        let mut m = marked(
            "[Main claim:M] [Claim:C] [Premise:P] [Speculation:S] [Speculation:T] [Claim:R] [Claim:Q]",
            TagScheme::argument(),
        );
        add_scenario(&mut m, 1, "New Détente", &[]);
        add_scenario(&mut m, 2, "Arctic drills", &[1]);
        put(&mut m, 4, 2);
        link(&mut m, Support, &[2], 1);
        link(&mut m, Support, &[3, 4], 2);
        link(&mut m, Attack, &[5], 1);
        link(&mut m, Rephrase, &[6], 1);
        assert_eq!(
            deps(&m, 1),
            (vec!["s1".into(), "s2".into()], vec!["u4".into()])
        );
        assert_eq!(
            deps(&m, 2),
            (vec!["s1".into(), "s2".into()], vec!["u4".into()])
        );
        assert_eq!(deps(&m, 3), (vec![], vec![]));
        // Neither the attacker nor the rephrase count.
        assert_eq!(deps(&m, 6), (vec![], vec![]));

        let found = rests_on_speculation(&Graph::new(&m));
        let claims: Vec<&str> = found.iter().map(|d| d.unit.as_str()).collect();
        assert_eq!(claims, ["u1", "u2"]);

        // A claim that belongs to a scenario itself rests on it; cycles terminate.
        put(&mut m, 7, 1);
        link(&mut m, Support, &[1], 7);
        link(&mut m, Support, &[7], 2);
        assert_eq!(
            deps(&m, 7),
            (vec!["s1".into(), "s2".into()], vec!["u4".into()])
        );
    }
}
