//! Structural gaps a coach asks about first: claims nobody supports, attacks
//! nobody answers, and premises or evidence left hanging.

use super::graph::Graph;
use crate::model::{RelationId, RelationKind, Role, UnitId};
use std::collections::HashSet;

/// An attack on a claim whose attackers are not attacked in turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnansweredAttack {
    /// The attack relation.
    pub relation: RelationId,
    /// Its source units (several for a linked attack).
    pub attackers: Vec<UnitId>,
    /// The claim attacked.
    pub target: UnitId,
}

/// Claim-role units (main claim or claim) that no support relation targets,
/// in text order.
pub(crate) fn unsupported_claims(g: &Graph) -> Vec<UnitId> {
    (0..g.len())
        .filter(|&u| {
            g.roles[u].is_claim() && g.incoming_of(u, RelationKind::Support).next().is_none()
        })
        .map(|u| g.map.units()[u].id.clone())
        .collect()
}

/// Attacks on claim-role units none of whose sources is itself attacked
/// (attacking any one source of a linked attack answers it), in relation order.
pub(crate) fn unanswered_attacks(g: &Graph) -> Vec<UnansweredAttack> {
    let units = g.map.units();
    g.edges
        .iter()
        .filter(|e| e.kind == RelationKind::Attack && g.roles[e.target].is_claim())
        .filter(|e| {
            e.sources
                .iter()
                .all(|&s| g.incoming_of(s, RelationKind::Attack).next().is_none())
        })
        .map(|e| UnansweredAttack {
            relation: e.id.clone(),
            attackers: e.sources.iter().map(|&s| units[s].id.clone()).collect(),
            target: units[e.target].id.clone(),
        })
        .collect()
}

/// Premises and evidence that no relation of any kind names, in text order.
pub(crate) fn loose_ends(g: &Graph) -> Vec<UnitId> {
    let linked: HashSet<&UnitId> = g
        .map
        .relations()
        .iter()
        .flat_map(|r| r.sources.iter().chain([&r.target]))
        .collect();
    g.map
        .units()
        .iter()
        .zip(&g.roles)
        .filter(|(u, r)| matches!(r, Role::Premise | Role::Evidence) && !linked.contains(&u.id))
        .map(|(u, _)| u.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind::{Attack, Rephrase, Support};
    use crate::model::fixture::{link, marked};
    use crate::model::{ArgumentMap, TagScheme};

    fn ids(v: &[UnitId]) -> Vec<&str> {
        v.iter().map(UnitId::as_str).collect()
    }

    fn sample() -> ArgumentMap {
        // u1 main claim, u2 claim, u3 premise, u4 evidence, u5 premise, u6 claim.
        marked(
            "[Main claim:A] [Claim:B] [Premise:C] [Evidence:D] [Premise:E] [Claim:F]",
            TagScheme::argument(),
        )
    }

    #[test]
    fn claims_without_support_are_reported_rephrase_does_not_count() {
        let mut m = sample();
        link(&mut m, Support, &[2], 1);
        link(&mut m, Rephrase, &[3], 2);
        link(&mut m, Attack, &[4], 6);
        let g = Graph::new(&m);
        assert_eq!(ids(&unsupported_claims(&g)), ["u2", "u6"]);
    }

    #[test]
    fn attacks_are_answered_by_attacking_any_attacker() {
        let mut m = sample();
        link(&mut m, Attack, &[3], 1); // answered: u5 attacks u3
        link(&mut m, Attack, &[5], 3); // on a premise: never reported
        link(&mut m, Attack, &[4, 6], 2); // linked; answered: u2 attacks u4
        link(&mut m, Attack, &[2], 4); // on evidence: never reported
        assert!(unanswered_attacks(&Graph::new(&m)).is_empty());

        let mut m = sample();
        let r = link(&mut m, Attack, &[3, 5], 1);
        link(&mut m, Support, &[4], 3); // support does not answer an attack
        link(&mut m, Rephrase, &[6], 5); // nor does a rephrase
        assert_eq!(
            unanswered_attacks(&Graph::new(&m)),
            [UnansweredAttack {
                relation: r,
                attackers: vec!["u3".into(), "u5".into()],
                target: "u1".into(),
            }]
        );
    }

    #[test]
    fn loose_ends_are_unlinked_premises_and_evidence() {
        let mut m = sample();
        link(&mut m, Rephrase, &[3], 2);
        let g = Graph::new(&m);
        // u3 is linked by a rephrase; u4, u5 are linked by nothing; claims are not loose ends.
        assert_eq!(ids(&loose_ends(&g)), ["u4", "u5"]);
    }
}
