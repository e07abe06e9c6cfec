//! Batches applied in one go (runs of additions and removals, each in one
//! pass) against the same edits applied one at a time: the same map, the
//! same inverse, the same error with the map untouched; and undoing the
//! batch gives back the original map exactly, id counters included.

use argmark::model::fixture::synthetic_with;
use argmark::model::{
    ArgumentMap, Edit, EditError, NextIds, Pos, Relation, RelationId, RelationKind, Unit, UnitId,
    apply, apply_one_by_one, restore,
};
use proptest::prelude::*;

/// The batch applied edit by edit, as before runs (`apply_one_by_one`):
/// every edit of every batch on its own.
fn one_by_one(map: &mut ArgumentMap, edit: Edit, undo: bool) -> Result<Edit, EditError> {
    apply_one_by_one(map, edit, undo)
}

/// The batch applied as `apply` (or `restore`, when `undo`) applies it.
fn in_runs(map: &mut ArgumentMap, edit: Edit, undo: bool) -> Result<Edit, EditError> {
    if undo {
        restore(map, edit)
    } else {
        apply(map, edit)
    }
}

/// A small generated map, plus linked arguments (several sources, so that
/// removing one source repairs the relation), a source named twice, hand
/// positions and, when `self_link`, a relation whose sources hold its
/// target (a content problem a file may have: removing another source
/// then fails in checked mode).
fn base(seed: u64, self_link: bool) -> ArgumentMap {
    let map = synthetic_with(3_000 + (seed as usize % 7) * 300, 40, 30, 3);
    let mut parts = map.to_parts();
    let n = parts.units.len();
    let id = |k: usize| parts.units[k % n].id.clone();
    let mut extra = Vec::new();
    for k in 0..8 {
        let k = k * 5 + seed as usize;
        extra.push((vec![id(k), id(k + 1), id(k + 2)], id(k + 7)));
    }
    extra.push((vec![id(3), id(3), id(9)], id(11)));
    if self_link {
        extra.push((vec![id(4), id(6)], id(6)));
    }
    for (sources, target) in extra {
        let next = parts.relations.len() as u64 + 100;
        parts.relations.push(Relation {
            id: RelationId::from_number(next),
            kind: RelationKind::Support,
            sources,
            target,
            note: String::new(),
        });
    }
    for k in (0..n).step_by(3) {
        let node = parts.units[k].id.0.clone();
        let pos = Pos {
            x: k as f32,
            y: 1.0,
        };
        parts.positions.insert(node, pos);
    }
    ArgumentMap::from_parts(parts)
}

/// One removal in the batch.
#[derive(Clone, Debug)]
enum Pick {
    Unit(usize),
    Relation(usize),
    /// An id nobody has: the batch fails there.
    Ghost,
}

/// Distinct units and relations to remove (relations first, or mixed in,
/// so that some were already removed with a unit: an error), now and then
/// a ghost; some removals carry the counters they restore, as an
/// addition's inverse does.
fn picks() -> impl Strategy<Value = Vec<(Pick, Option<u8>)>> {
    let units = prop::sample::subsequence((0..40).collect::<Vec<usize>>(), 0..30).prop_shuffle();
    let relations =
        prop::sample::subsequence((0..39).collect::<Vec<usize>>(), 0..20).prop_shuffle();
    (
        units,
        relations,
        prop::bool::weighted(0.6),
        prop::option::weighted(0.1, 0usize..50),
        prop::collection::vec(prop::option::weighted(0.3, any::<u8>()), 50),
    )
        .prop_map(|(units, relations, relations_first, ghost, counters)| {
            let mut picks: Vec<Pick> = if relations_first {
                let rel = relations.into_iter().map(Pick::Relation);
                rel.chain(units.into_iter().map(Pick::Unit)).collect()
            } else {
                let mut all: Vec<Pick> = units.into_iter().map(Pick::Unit).collect();
                for (k, r) in relations.into_iter().enumerate() {
                    let at = (k * 7) % (all.len() + 1);
                    all.insert(at, Pick::Relation(r));
                }
                all
            };
            if let Some(at) = ghost {
                picks.insert(at.min(picks.len()), Pick::Ghost);
            }
            picks.into_iter().zip(counters).collect()
        })
}

fn removal(map: &ArgumentMap, pick: &Pick, counters: Option<u8>) -> Edit {
    let edit = match pick {
        Pick::Unit(i) => Edit::RemoveUnit(map.units()[i % map.units().len()].id.clone()),
        Pick::Relation(i) => {
            Edit::RemoveRelation(map.relations()[i % map.relations().len()].id.clone())
        }
        Pick::Ghost => Edit::RemoveUnit(UnitId::from_number(999_999)),
    };
    match counters {
        None => edit,
        Some(c) => {
            let ids = map.next_ids();
            let ids = NextIds {
                unit: ids.unit + u64::from(c % 3),
                ..ids
            };
            Edit::Batch(vec![edit, Edit::SetNextIds(ids)])
        }
    }
}

/// Every unit is found by its id, and no removed one is.
fn lookups_sound(map: &ArgumentMap, before: &ArgumentMap) -> bool {
    map.units().iter().all(|u| map.unit(&u.id) == Some(u))
        && before
            .units()
            .iter()
            .all(|u| map.unit(&u.id).is_some() == map.units().iter().any(|v| v.id == u.id))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn a_batch_of_removals_equals_its_edits_one_at_a_time(
        seed in 0u64..50,
        self_link in prop::bool::weighted(0.2),
        picks in picks(),
        undo_mode in any::<bool>(),
    ) {
        let original = base(seed, self_link);
        let edits: Vec<Edit> = picks.iter().map(|(p, c)| removal(&original, p, *c)).collect();
        let (mut fast, mut slow) = (original.clone(), original.clone());
        let got = in_runs(&mut fast, Edit::Batch(edits.clone()), undo_mode);
        let want = one_by_one(&mut slow, Edit::Batch(edits), undo_mode);
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(&fast, &slow);
        prop_assert_eq!(fast.units(), slow.units(), "same order");
        prop_assert!(lookups_sound(&fast, &original));
        match got {
            Err(_) => prop_assert_eq!(&fast, &original),
            Ok(inverse) => {
                // The undo is a run of insertions: units with their relations
                // re-linked and positions put back.
                let redo = restore(&mut fast, inverse.clone()).expect("an inverse applies");
                let mut undone = slow.clone();
                let redo_slow = one_by_one(&mut undone, inverse, true).expect("an inverse applies");
                prop_assert_eq!(&redo, &redo_slow);
                prop_assert_eq!(&fast, &original);
                prop_assert_eq!(&undone, &original);
                prop_assert_eq!(fast.units(), original.units(), "same order");
                prop_assert!(lookups_sound(&fast, &original));
                // And the redo gives the edited map again.
                restore(&mut fast, redo).expect("a redo applies");
                prop_assert_eq!(&fast, &slow);
            }
        }
    }

    #[test]
    fn undoing_a_batch_of_additions_restores_the_map_exactly(
        seed in 0u64..50,
        units in prop::collection::vec((0usize..2_900, 1usize..40), 1..30),
        links in prop::collection::vec((0usize..100, 0usize..100), 0..20),
    ) {
        let original = base(seed, false);
        let u0 = original.next_ids().unit;
        let mut edits = Vec::new();
        for (k, &(start, len)) in units.iter().enumerate() {
            // A fresh id above the counter now and then, so counters move unevenly.
            let id = UnitId::from_number(u0 + 2 * k as u64);
            let text_len = original.source().len_chars();
            let (start, end) = (start.min(text_len - 1), (start + len).min(text_len));
            edits.push(Edit::AddUnit(Unit {
                id,
                kind: "Claim".into(),
                start,
                end,
                quote: String::new(),
                note: String::new(),
                scenario: None,
            }));
        }
        let r0 = original.next_ids().relation;
        for (k, &(s, t)) in links.iter().enumerate() {
            let new = UnitId::from_number(u0 + 2 * (s % units.len()) as u64);
            let old = original.units()[t % original.units().len()].id.clone();
            edits.push(Edit::AddRelation(Relation {
                id: RelationId::from_number(r0 + k as u64),
                kind: RelationKind::Attack,
                sources: vec![new],
                target: old,
                note: String::new(),
            }));
        }
        let (mut fast, mut slow) = (original.clone(), original.clone());
        let got = apply(&mut fast, Edit::Batch(edits.clone()));
        let want = one_by_one(&mut slow, Edit::Batch(edits), false);
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(&fast, &slow);
        prop_assert_eq!(fast.units(), slow.units(), "same order");
        let Ok(inverse) = got else { return Ok(()) };
        // The undo is one batch of (wrapped) removals: one run.
        let mut undone_slow = slow.clone();
        let redo_fast = restore(&mut fast, inverse.clone()).expect("the undo applies");
        prop_assert_eq!(&fast, &original);
        prop_assert_eq!(fast.next_ids(), original.next_ids());
        prop_assert!(lookups_sound(&fast, &slow));
        // Undone edit by edit (no run anywhere), the same map and redo.
        let redo_slow = one_by_one(&mut undone_slow, inverse, true).expect("the undo applies");
        prop_assert_eq!(&undone_slow, &original);
        prop_assert_eq!(&redo_fast, &redo_slow);
        // The redo is a run of insertions again.
        restore(&mut fast, redo_fast).expect("the redo applies");
        prop_assert_eq!(&fast, &slow);
    }
}
