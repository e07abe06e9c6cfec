//! Argument checks a coach runs over an annotated map: unsupported claims,
//! unanswered attacks, conclusions resting on speculation, circular support,
//! loose ends, and which units stand (see [`acceptance`] for the exact rule).
//! Every finding names the unit ids involved. Rephrase relations count as
//! neither support nor attack.

mod acceptance;
mod cycles;
mod dependencies;
mod graph;
mod report;
mod structure;
mod summary;
mod support_index;

pub use acceptance::Status;
pub use cycles::SupportCycle;
pub use dependencies::SpeculativeDependency;
pub use report::{AttackEntry, CycleEntry, DependencyEntry, Report, UnitEntry, report};
pub use structure::UnansweredAttack;
pub use summary::{SHARE_GROUPS, SentenceTally, Summary, summary, summary_counted};
pub use support_index::SupportIndex;

use crate::model::{ArgumentMap, UnitId};
use graph::Graph;
use std::collections::BTreeMap;

/// Everything the checks found in one map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Findings {
    /// Claim-role units no support relation targets, in text order.
    pub unsupported_claims: Vec<UnitId>,
    /// Attacks on claims whose attackers nobody attacks, in relation order.
    pub unanswered_attacks: Vec<UnansweredAttack>,
    /// Claims whose chain of support holds speculation, in text order.
    pub rests_on_speculation: Vec<SpeculativeDependency>,
    /// Circular support, one entry per strongly connected component.
    pub cycles: Vec<SupportCycle>,
    /// Premises and evidence in no relation at all, in text order.
    pub loose_ends: Vec<UnitId>,
    /// Accepted, rejected or undecided, for every unit.
    pub status: BTreeMap<UnitId, Status>,
}

/// Runs every check over the map (one pass to index, then each check).
pub fn check(map: &ArgumentMap) -> Findings {
    let g = Graph::new(map);
    let status = acceptance::label(&g);
    Findings {
        unsupported_claims: structure::unsupported_claims(&g),
        unanswered_attacks: structure::unanswered_attacks(&g),
        rests_on_speculation: dependencies::rests_on_speculation(&g),
        cycles: cycles::support_cycles(&g),
        loose_ends: structure::loose_ends(&g),
        status: acceptance::by_id(&g, &status),
    }
}

/// The speculation units and scenarios under any one unit (claim or not),
/// for showing when it is selected; `None` if the map has no such unit.
pub fn speculative_dependencies(map: &ArgumentMap, unit: &UnitId) -> Option<SpeculativeDependency> {
    let at = map.unit_index(unit)?;
    let g = Graph::new(map);
    let mut seen = vec![false; g.len()];
    Some(dependencies::dependencies_at(&g, at, &mut seen))
}

/// Accepted, rejected or undecided for every unit, without the other checks.
pub fn acceptance(map: &ArgumentMap) -> BTreeMap<UnitId, Status> {
    let g = Graph::new(map);
    acceptance::by_id(&g, &acceptance::label(&g))
}
