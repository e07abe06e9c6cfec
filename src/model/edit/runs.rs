//! Runs inside a [`Edit::Batch`]: consecutive insertions ([`super::inserts`])
//! or removals ([`super::removals`]), each applied in one pass with the
//! same checks, errors and inverses as edit by edit, so a batch of k edits
//! costs O(k log k + n), not k shifts of lists of n items (O(k·n)).

use super::{Edit, EditError, Mode};
use crate::model::map::ArgumentMap;

/// Shorter runs go through the one-edit path, which is as fast for them.
const MIN_RUN: usize = 2;

/// What a run is made of.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum RunKind {
    /// Units and relations added, alone or with the re-links and
    /// placements that undoing a removal brings (see [`super::inserts`]).
    Insertions,
    /// Units and relations removed, plain or with the id counters they
    /// restore (see [`super::removals`]).
    Removals,
}

impl RunKind {
    /// The run this edit may belong to.
    pub(super) fn of(edit: &Edit) -> Option<Self> {
        match edit {
            _ if super::inserts::is_insertion(edit) => Some(RunKind::Insertions),
            _ if super::removals::is_removal(edit) => Some(RunKind::Removals),
            _ => None,
        }
    }
}

/// Takes the longest run of `kind` starting at `edits[from]`, if it is long
/// enough to be worth a pass of its own (and the map's lookups are sound).
pub(super) fn run_at(map: &ArgumentMap, edits: &[Edit], from: usize) -> Option<(RunKind, usize)> {
    if map.lookup.duplicates || super::ONE_BY_ONE.get() {
        return None;
    }
    let kind = RunKind::of(&edits[from])?;
    let len = edits[from..]
        .iter()
        .take_while(|e| RunKind::of(e) == Some(kind))
        .count();
    (len >= MIN_RUN).then_some((kind, len))
}

/// Applies a run; returns the inverse of each edit in edit order, or the
/// first edit's error with the map unchanged.
pub(super) fn apply_run(
    map: &mut ArgumentMap,
    kind: RunKind,
    run: Vec<Edit>,
    mode: Mode,
) -> Result<Vec<Edit>, EditError> {
    match kind {
        RunKind::Insertions => super::inserts::insert_all(map, run, mode),
        RunKind::Removals => super::removals::remove_all(map, run, mode),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::fixture::synthetic_with;
    use crate::model::{
        ArgumentMap, Edit, EditError, Relation, RelationId, RelationKind, Unit, UnitId, apply,
        restore,
    };

    /// The edits applied one by one, as `apply_batch` did before runs: the
    /// map it leaves and the batch inverse it builds (or the first error,
    /// with everything rolled back).
    fn one_by_one(map: &mut ArgumentMap, edits: Vec<Edit>) -> Result<Edit, EditError> {
        let before = map.clone();
        let ids_before = map.next_ids;
        let mut inverses = Vec::new();
        for e in edits {
            match apply(map, e) {
                Ok(inv) => inverses.push(inv),
                Err(err) => {
                    *map = before;
                    return Err(err);
                }
            }
        }
        inverses.reverse();
        let inv = Edit::Batch(inverses);
        Ok(if map.next_ids != ids_before {
            Edit::Batch(vec![inv, Edit::SetNextIds(ids_before)])
        } else {
            inv
        })
    }

    fn unit(map: &ArgumentMap, n: u64, start: usize) -> Unit {
        // A word-aligned span (the fixture's words are split by spaces).
        let text = map.text();
        let start = (start..).find(|&b| text.is_char_boundary(b)).unwrap();
        let s = text[start..].find(' ').map_or(start, |i| start + i + 1);
        let e = text[s..].find(' ').map_or(text.len(), |i| s + i);
        Unit {
            id: UnitId::from_number(n),
            kind: "Claim".into(),
            start: text[..s].chars().count(),
            end: text[..e].chars().count(),
            quote: String::new(),
            note: String::new(),
            scenario: None,
        }
    }

    fn relation(n: u64, source: UnitId, target: UnitId) -> Relation {
        Relation {
            id: RelationId::from_number(n),
            kind: RelationKind::Support,
            sources: vec![source],
            target,
            note: String::new(),
        }
    }

    fn additions(map: &ArgumentMap) -> Vec<Edit> {
        let mut edits = Vec::new();
        let (u0, r0) = (map.next_ids.unit, map.next_ids.relation);
        for k in 0..40u64 {
            let start = (k as usize * 7919) % (map.text().len() - 200);
            edits.push(Edit::AddUnit(unit(map, u0 + k, start)));
        }
        for k in 0..30u64 {
            let old = map.units()[k as usize * 3].id.clone();
            let new = UnitId::from_number(u0 + k);
            edits.push(Edit::AddRelation(relation(r0 + k, new, old)));
        }
        edits
    }

    #[test]
    fn a_run_of_additions_matches_one_by_one_and_undoes() {
        let base = synthetic_with(60_000, 200, 150, 5);
        let edits = additions(&base);
        let (mut fast, mut slow) = (base.clone(), base.clone());
        let inv_fast = apply(&mut fast, Edit::Batch(edits.clone())).unwrap();
        let inv_slow = one_by_one(&mut slow, edits).unwrap();
        assert_eq!(fast, slow);
        assert_eq!(fast.units(), slow.units(), "same order");
        assert_eq!(inv_fast, inv_slow);
        restore(&mut fast, inv_fast).unwrap();
        assert_eq!(fast, base);
        assert_eq!(fast.next_ids, base.next_ids);
    }

    #[test]
    fn a_failing_edit_in_a_run_leaves_the_map_as_it_was() {
        let base = synthetic_with(60_000, 200, 150, 0);
        let mut edits = additions(&base);
        // A relation to a unit nobody adds, then a duplicate unit id.
        let ghost = UnitId::from_number(999_999);
        let r = base.next_ids.relation + 500;
        let mut bad = edits.clone();
        bad.insert(
            45,
            Edit::AddRelation(relation(r, ghost.clone(), ghost.clone())),
        );
        edits.insert(10, edits[3].clone());
        for edits in [bad, edits] {
            let (mut fast, mut slow) = (base.clone(), base.clone());
            let e_fast = apply(&mut fast, Edit::Batch(edits.clone())).unwrap_err();
            let e_slow = one_by_one(&mut slow, edits).unwrap_err();
            assert_eq!(e_fast, e_slow);
            assert_eq!(fast, base);
        }
    }

    #[test]
    fn a_run_of_relation_removals_matches_one_by_one() {
        let base = synthetic_with(60_000, 200, 150, 0);
        let ids: Vec<RelationId> = base.relations().iter().map(|r| r.id.clone()).collect();
        let edits: Vec<Edit> = ids
            .iter()
            .rev()
            .step_by(3)
            .map(|id| Edit::RemoveRelation(id.clone()))
            .collect();
        let (mut fast, mut slow) = (base.clone(), base.clone());
        let inv_fast = apply(&mut fast, Edit::Batch(edits.clone())).unwrap();
        let inv_slow = one_by_one(&mut slow, edits.clone()).unwrap();
        assert_eq!((&fast, &inv_fast), (&slow, &inv_slow));
        restore(&mut fast, inv_fast).unwrap();
        assert_eq!(fast, base);
        // Removing one twice fails on the second, as one by one.
        let mut twice = edits;
        twice.push(twice[4].clone());
        let e = apply(&mut base.clone(), Edit::Batch(twice)).unwrap_err();
        assert_eq!(
            e,
            EditError::NoSuchRelation(ids[ids.len() - 1 - 12].clone())
        );
    }
}
