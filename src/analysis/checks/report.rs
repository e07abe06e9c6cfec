//! The checks and the class summary as one serialisable report, with quotes
//! and scenario names filled in, for `argmark analyze --json` and exports.

use super::{Findings, Status, Summary};
use crate::model::{ArgumentMap, UnitId};
use serde::Serialize;
use std::collections::BTreeMap;

/// A unit named in a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitEntry {
    /// The unit's id.
    pub unit: UnitId,
    /// The unit's tag name.
    pub kind: String,
    /// Its text, as stored in the map.
    pub quote: String,
}

/// An unanswered attack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttackEntry {
    /// The attack relation's id.
    pub relation: String,
    /// Its sources.
    pub attackers: Vec<UnitId>,
    /// The claim attacked.
    pub target: UnitId,
}

/// A claim and the speculation under it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DependencyEntry {
    /// The claim.
    pub unit: UnitId,
    /// Its text.
    pub quote: String,
    /// Scenario names, in scenario id order.
    pub scenarios: Vec<String>,
    /// The same scenarios by id.
    pub scenario_ids: Vec<String>,
    /// Speculation units in its chain of support, in id order.
    pub speculation_units: Vec<UnitId>,
}

/// A circle of support.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CycleEntry {
    /// Every unit of the circle, in id order.
    pub units: Vec<UnitId>,
    /// One loop through it, in support order.
    pub path: Vec<UnitId>,
}

/// Everything `argmark analyze --json` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Claims no support relation targets.
    pub unsupported_claims: Vec<UnitEntry>,
    /// Attacks on claims whose attackers nobody attacks.
    pub unanswered_attacks: Vec<AttackEntry>,
    /// Claims with speculation in their chain of support.
    pub rests_on_speculation: Vec<DependencyEntry>,
    /// Circular support.
    pub cycles: Vec<CycleEntry>,
    /// Premises and evidence in no relation.
    pub loose_ends: Vec<UnitEntry>,
    /// Every unit's acceptance status.
    pub status: BTreeMap<UnitId, Status>,
    /// The class summary.
    pub summary: Summary,
}

/// Builds the report from the findings and summary of `map`.
pub fn report(map: &ArgumentMap, findings: &Findings, summary: &Summary) -> Report {
    let at = map.unit_positions();
    let unit = |id: &UnitId| {
        let u = at.get(id).map(|&i| &map.units()[i]);
        UnitEntry {
            unit: id.clone(),
            kind: u.map(|u| u.kind.clone()).unwrap_or_default(),
            quote: u.map(|u| u.quote.clone()).unwrap_or_default(),
        }
    };
    Report {
        unsupported_claims: findings.unsupported_claims.iter().map(unit).collect(),
        unanswered_attacks: findings
            .unanswered_attacks
            .iter()
            .map(|a| AttackEntry {
                relation: a.relation.to_string(),
                attackers: a.attackers.clone(),
                target: a.target.clone(),
            })
            .collect(),
        rests_on_speculation: findings
            .rests_on_speculation
            .iter()
            .map(|d| DependencyEntry {
                unit: d.unit.clone(),
                quote: unit(&d.unit).quote,
                scenarios: d
                    .scenarios
                    .iter()
                    .map(|s| {
                        map.scenario(s)
                            .map_or_else(|| s.to_string(), |s| s.name.clone())
                    })
                    .collect(),
                scenario_ids: d.scenarios.iter().map(|s| s.to_string()).collect(),
                speculation_units: d.speculation_units.clone(),
            })
            .collect(),
        cycles: findings
            .cycles
            .iter()
            .map(|c| CycleEntry {
                units: c.units.clone(),
                path: c.path.clone(),
            })
            .collect(),
        loose_ends: findings.loose_ends.iter().map(unit).collect(),
        status: findings.status.clone(),
        summary: summary.clone(),
    }
}
