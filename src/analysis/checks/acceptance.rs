//! Which units stand: the grounded labelling of the attack graph (Dung 1995),
//! with support passing acceptance upward as in bipolar argumentation
//! frameworks with necessary support.
//!
//! The rule. An attack or support relation *holds* when all its sources are
//! accepted and *fails* when at least one source is rejected (a linked
//! argument stands or falls with each of its parts). Then, for every unit:
//!
//! - **accepted** if every attack relation on it fails, and, when it has at
//!   least one incoming support relation, at least one of those holds;
//! - **rejected** if some attack relation on it holds;
//! - **undecided** otherwise.
//!
//! The labelling is the least fixpoint of these two conditions, reached from
//! "everything undecided" by labelling only what the rule forces. Both
//! conditions only grow as labels are added, so the fixpoint exists, is
//! unique, and no unit is ever both accepted and rejected. Without support
//! relations and with single-source attacks this is exactly Dung's grounded
//! labelling: unattacked units are accepted, reinstatement works (a attacks b
//! attacks c: a and c accepted, b rejected), and every unit on an odd or even
//! attack cycle that nothing outside settles stays undecided.
//!
//! Support is necessary, not sufficient: a supported unit needs a holding
//! support to be accepted, but a unit whose supports all fail is undecided,
//! not rejected (nothing has shown it false). Units without incoming support
//! (premises, evidence, bare claims) are taken at face value until attacked.
//! Rephrase relations play no part. Computed by a worklist in time linear in
//! the size of the graph.

use super::graph::Graph;
use crate::model::{RelationKind, UnitId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Whether a unit stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stands: every attack on it fails and, if supported, a support holds.
    Accepted,
    /// Falls: some attack on it holds.
    Rejected,
    /// Neither can be shown (cycles, failed support, undecided attackers).
    Undecided,
}

impl Status {
    /// The snake_case name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Undecided => "undecided",
        }
    }
}

/// The status of every unit, by position in `map.units()`.
pub(crate) fn label(g: &Graph) -> Vec<Status> {
    let n = g.len();
    let mut status = vec![Status::Undecided; n];
    // Per relation: sources accepted so far, and whether it already fails.
    let mut accepted_sources = vec![0usize; g.edges.len()];
    let mut failed = vec![false; g.edges.len()];
    // Per unit: attack relations not yet failed; whether a support holds.
    let mut live_attacks = vec![0usize; n];
    let mut supported = vec![false; n];
    let mut has_support = vec![false; n];
    for e in &g.edges {
        match e.kind {
            RelationKind::Attack => live_attacks[e.target] += 1,
            RelationKind::Support => has_support[e.target] = true,
            RelationKind::Rephrase => {}
        }
    }
    let acceptable =
        |u: usize, live: &[usize], sup: &[bool]| live[u] == 0 && (!has_support[u] || sup[u]);
    let mut queue: Vec<(usize, Status)> = (0..n)
        .filter(|&u| acceptable(u, &live_attacks, &supported))
        .map(|u| (u, Status::Accepted))
        .collect();
    while let Some((u, s)) = queue.pop() {
        if status[u] != Status::Undecided {
            continue;
        }
        status[u] = s;
        for &ei in &g.outgoing[u] {
            let e = &g.edges[ei];
            let t = e.target;
            match s {
                Status::Accepted => {
                    accepted_sources[ei] += 1;
                    if accepted_sources[ei] < e.sources.len() {
                        continue;
                    }
                    match e.kind {
                        RelationKind::Attack => queue.push((t, Status::Rejected)),
                        RelationKind::Support => {
                            supported[t] = true;
                            if acceptable(t, &live_attacks, &supported) {
                                queue.push((t, Status::Accepted));
                            }
                        }
                        RelationKind::Rephrase => {}
                    }
                }
                Status::Rejected => {
                    if std::mem::replace(&mut failed[ei], true) {
                        continue;
                    }
                    if e.kind == RelationKind::Attack {
                        live_attacks[t] -= 1;
                        if acceptable(t, &live_attacks, &supported) {
                            queue.push((t, Status::Accepted));
                        }
                    }
                }
                Status::Undecided => {}
            }
        }
    }
    status
}

/// The status of every unit by id.
pub(crate) fn by_id(g: &Graph, status: &[Status]) -> BTreeMap<UnitId, Status> {
    g.map
        .units()
        .iter()
        .zip(status)
        .map(|(u, &s)| (u.id.clone(), s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind::{Attack, Rephrase, Support};
    use crate::model::fixture::{link, marked};
    use crate::model::{ArgumentMap, TagScheme};
    use Status::{Accepted as A, Rejected as R, Undecided as U};

    /// A map of `n` claims.
    fn claims(n: usize) -> ArgumentMap {
        marked(&"[Claim:x] ".repeat(n), TagScheme::argument())
    }

    fn run(m: &ArgumentMap) -> Vec<Status> {
        label(&Graph::new(m))
    }

    #[test]
    fn unattacked_units_are_accepted() {
        assert_eq!(run(&claims(2)), [A, A]);
    }

    #[test]
    fn simple_attack_rejects_the_target() {
        let mut m = claims(2);
        link(&mut m, Attack, &[1], 2);
        assert_eq!(run(&m), [A, R]);
    }

    #[test]
    fn reinstatement() {
        // a attacks b attacks c.
        let mut m = claims(3);
        link(&mut m, Attack, &[1], 2);
        link(&mut m, Attack, &[2], 3);
        assert_eq!(run(&m), [A, R, A]);
    }

    #[test]
    fn odd_cycle_is_undecided() {
        let mut m = claims(4);
        link(&mut m, Attack, &[1], 2);
        link(&mut m, Attack, &[2], 3);
        link(&mut m, Attack, &[3], 1);
        // What the cycle attacks is undecided too.
        link(&mut m, Attack, &[3], 4);
        assert_eq!(run(&m), [U, U, U, U]);
    }

    #[test]
    fn even_cycle_is_undecided_under_grounded() {
        let mut m = claims(2);
        link(&mut m, Attack, &[1], 2);
        link(&mut m, Attack, &[2], 1);
        assert_eq!(run(&m), [U, U]);
        // An accepted outsider breaks the tie.
        let mut m = claims(3);
        link(&mut m, Attack, &[1], 2);
        link(&mut m, Attack, &[2], 1);
        link(&mut m, Attack, &[3], 2);
        assert_eq!(run(&m), [A, R, A]);
    }

    #[test]
    fn support_chain_from_a_rejected_premise() {
        // u1 claim ← u2 claim ← u3 premise, which u4 attacks.
        let mut m = marked(
            "[Claim:c1] [Claim:c2] [Premise:p] [Evidence:e]",
            TagScheme::argument(),
        );
        link(&mut m, Support, &[2], 1);
        link(&mut m, Support, &[3], 2);
        assert_eq!(run(&m), [A, A, A, A], "acceptance passes up the chain");
        link(&mut m, Attack, &[4], 3);
        assert_eq!(
            run(&m),
            [U, U, R, A],
            "a failed support leaves claims undecided"
        );
    }

    #[test]
    fn linked_premises_fall_with_any_part_and_alternatives_rescue() {
        // u1 claim ← [u2 + u3] linked; u4 attacks u3.
        let mut m = marked(
            "[Claim:c] [Premise:p] [Premise:q] [Evidence:e] [Premise:r]",
            TagScheme::argument(),
        );
        link(&mut m, Support, &[2, 3], 1);
        link(&mut m, Attack, &[4], 3);
        assert_eq!(run(&m)[..4], [U, A, R, A]);
        // A second, independent support that holds is enough.
        link(&mut m, Support, &[5], 1);
        assert_eq!(run(&m), [A, A, R, A, A]);
    }

    #[test]
    fn linked_attack_needs_all_its_sources() {
        let mut m = claims(4);
        link(&mut m, Attack, &[1, 2], 3);
        assert_eq!(run(&m)[2], R);
        link(&mut m, Attack, &[4], 2);
        assert_eq!(
            run(&m),
            [A, R, A, A],
            "one rejected source defeats the attack"
        );
    }

    #[test]
    fn ties_and_rephrases() {
        // Two claims attacking one another with equal support: a tie, undecided.
        let mut m = marked(
            "[Claim:a] [Claim:b] [Premise:p] [Premise:q] [Claim:r]",
            TagScheme::argument(),
        );
        link(&mut m, Support, &[3], 1);
        link(&mut m, Support, &[4], 2);
        link(&mut m, Attack, &[1], 2);
        link(&mut m, Attack, &[2], 1);
        link(&mut m, Rephrase, &[5], 1);
        assert_eq!(run(&m), [U, U, A, A, A]);
    }
}
