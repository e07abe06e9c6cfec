//! The support relations of a map by target, built once per revision, so
//! selecting a unit walks its chain of support without indexing the whole
//! map again (on 20,000 units that indexing alone costs milliseconds).

use super::dependencies::SpeculativeDependency;
use crate::model::{ArgumentMap, RelationKind, Role, ScenarioId, UnitId};
use std::collections::{BTreeSet, HashMap};

/// Sources of the support relations into each unit.
#[derive(Clone, Debug, Default)]
pub struct SupportIndex {
    sources: HashMap<UnitId, Vec<UnitId>>,
}

impl SupportIndex {
    /// Indexes the support relations of `map` whose units all exist (as
    /// the checks do: relations naming a missing unit are left out).
    pub fn new(map: &ArgumentMap) -> Self {
        let mut sources: HashMap<UnitId, Vec<UnitId>> = HashMap::new();
        let at = map.unit_positions();
        for r in map.relations() {
            if r.kind != RelationKind::Support
                || r.sources.is_empty()
                || !at.contains_key(&r.target)
                || r.sources.iter().any(|s| !at.contains_key(s))
            {
                continue;
            }
            sources
                .entry(r.target.clone())
                .or_default()
                .extend(r.sources.iter().cloned());
        }
        Self { sources }
    }

    /// What `unit` rests on, as [`super::speculative_dependencies`]; `None`
    /// if `map` has no such unit. Built from an older revision of `map`, it
    /// answers for that revision (units since removed are skipped).
    pub fn dependencies(&self, map: &ArgumentMap, unit: &UnitId) -> Option<SpeculativeDependency> {
        map.unit(unit)?;
        let mut seen: BTreeSet<&UnitId> = BTreeSet::new();
        seen.insert(unit);
        let mut stack = vec![unit];
        let mut chain = Vec::new();
        while let Some(v) = stack.pop() {
            chain.push(v);
            for s in self.sources.get(v).into_iter().flatten() {
                if seen.insert(s) {
                    stack.push(s);
                }
            }
        }
        let scheme = map.scheme();
        let speculation_units: BTreeSet<UnitId> = chain
            .iter()
            .filter(|&&u| u != unit)
            .filter_map(|u| map.unit(u))
            .filter(|u| scheme.role_of(&u.kind) == Role::Speculation)
            .map(|u| u.id.clone())
            .collect();
        let mut scenarios: BTreeSet<ScenarioId> = BTreeSet::new();
        let mut todo: Vec<&ScenarioId> = chain
            .iter()
            .filter_map(|u| map.unit(u))
            .filter_map(|u| u.scenario.as_ref())
            .collect();
        while let Some(s) = todo.pop() {
            if scenarios.insert(s.clone())
                && let Some(sc) = map.scenario(s)
            {
                todo.extend(sc.depends_on.iter());
            }
        }
        Some(SpeculativeDependency {
            unit: unit.clone(),
            scenarios: scenarios.into_iter().collect(),
            speculation_units: speculation_units.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::synthetic_with;

    #[test]
    fn walks_exactly_as_the_checks_do() {
        let map = synthetic_with(60_000, 400, 600, 30);
        let index = SupportIndex::new(&map);
        let mut resting = 0;
        for u in map.units() {
            let expected = super::super::speculative_dependencies(&map, &u.id);
            let got = index.dependencies(&map, &u.id);
            assert_eq!(got, expected, "{}", u.id);
            resting += usize::from(got.is_some_and(|d| !d.is_empty()));
        }
        assert!(resting > 20, "the map has speculative ground to find");
        assert_eq!(index.dependencies(&map, &UnitId::from("u99999")), None);
    }
}
