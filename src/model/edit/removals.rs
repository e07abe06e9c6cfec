//! Runs of unit and relation removals inside a [`Edit::Batch`], applied in
//! one pass: O(n + r + k log n) for k removals from n units and r relations,
//! instead of one scan of the relations and one shift of each list per
//! removal (O(k·(n + r))).
//!
//! A run may hold plain removals or removals wrapped with the id counters
//! they restore (`Batch([RemoveUnit(u), SetNextIds(..)])`): that is the shape
//! of the inverse of an addition, so undoing a batch of additions is such a
//! run too.
//!
//! The whole run is planned first against the map as the earlier removals
//! leave it (nothing moves: removed items are only marked), with the checks,
//! errors and inverses that applying the edits one by one gives; only when
//! every edit has passed does one pass drop the marked items.

use super::{Edit, EditError, Mode};
use crate::model::ids::{NextIds, UnitId};
use crate::model::map::{ArgumentMap, Pos, Relation};
use std::collections::{HashMap, HashSet};

/// Whether the edit is one that a run of removals takes.
pub(super) fn is_removal(edit: &Edit) -> bool {
    match edit {
        Edit::RemoveUnit(_) | Edit::RemoveRelation(_) => true,
        Edit::Batch(parts) => matches!(
            parts.as_slice(),
            [
                Edit::RemoveUnit(_) | Edit::RemoveRelation(_),
                Edit::SetNextIds(_)
            ]
        ),
        _ => false,
    }
}

/// The map as the run's earlier removals leave it, without moving anything.
struct Plan<'m> {
    map: &'m ArgumentMap,
    mode: Mode,
    unit_gone: Vec<bool>,
    relation_gone: Vec<bool>,
    /// Relations whose sources lost a removed unit: their sources now.
    sources: HashMap<usize, Vec<UnitId>>,
    /// For each unit the run removes, the relations naming it (by index,
    /// ascending, once each): what [`ArgumentMap::relations_of`] scans for.
    naming: HashMap<UnitId, Vec<usize>>,
    /// Hand positions the run drops.
    positions: Vec<String>,
    next_ids: NextIds,
}

impl<'m> Plan<'m> {
    fn new(map: &'m ArgumentMap, run: &[Edit], mode: Mode) -> Self {
        let removed: HashSet<&UnitId> = run
            .iter()
            .filter_map(|e| match e {
                Edit::RemoveUnit(id) => Some(id),
                Edit::Batch(parts) => match parts.first() {
                    Some(Edit::RemoveUnit(id)) => Some(id),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let mut naming: HashMap<UnitId, Vec<usize>> = HashMap::new();
        if !removed.is_empty() {
            for (i, r) in map.relations.iter().enumerate() {
                for u in std::iter::once(&r.target).chain(&r.sources) {
                    if removed.contains(u) {
                        let list = naming.entry(u.clone()).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        Plan {
            map,
            mode,
            unit_gone: vec![
                false;
                if removed.is_empty() {
                    0
                } else {
                    map.units.len()
                }
            ],
            relation_gone: vec![false; map.relations.len()],
            sources: HashMap::new(),
            naming,
            positions: Vec::new(),
            next_ids: map.next_ids,
        }
    }

    /// Where the unit is, if it is still there.
    fn unit_at(&self, id: &UnitId) -> Option<usize> {
        self.map.unit_index(id).filter(|&i| !self.unit_gone[i])
    }

    /// The relation at `i` with its sources as they are now.
    fn relation_now(&self, i: usize) -> Relation {
        let mut r = self.map.relations[i].clone();
        if let Some(s) = self.sources.get(&i) {
            r.sources = s.clone();
        }
        r
    }

    fn sources_now(&self, i: usize) -> &[UnitId] {
        self.sources
            .get(&i)
            .unwrap_or(&self.map.relations[i].sources)
    }

    /// Plans one edit of the run; returns its inverse.
    fn step(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::RemoveUnit(id) => self.remove_unit(id),
            Edit::RemoveRelation(id) => match self.map.relation_index(&id) {
                Some(i) if !self.relation_gone[i] => {
                    self.relation_gone[i] = true;
                    Ok(Edit::AddRelation(self.relation_now(i)))
                }
                _ => Err(EditError::NoSuchRelation(id)),
            },
            Edit::Batch(parts) => {
                let mut parts = parts.into_iter();
                let (Some(inner), Some(Edit::SetNextIds(ids))) = (parts.next(), parts.next())
                else {
                    unreachable!("`is_removal` only takes a removal and its counters");
                };
                let inverse = self.step(inner)?;
                Ok(self.with_counters(inverse, ids))
            }
            other => unreachable!("not a removal: {other:?}"),
        }
    }

    /// The inverse `Batch([removal, SetNextIds(ids)])` gets when applied
    /// alone: `apply` wraps every edit that moves the counters with the
    /// counters it found, the `SetNextIds` itself included.
    fn with_counters(&mut self, removal_inverse: Edit, ids: NextIds) -> Edit {
        let before = std::mem::replace(&mut self.next_ids, ids);
        let moved = ids != before;
        let counters = if moved {
            Edit::Batch(vec![Edit::SetNextIds(before), Edit::SetNextIds(before)])
        } else {
            Edit::SetNextIds(before)
        };
        let inner = Edit::Batch(vec![counters, removal_inverse]);
        if moved {
            Edit::Batch(vec![inner, Edit::SetNextIds(before)])
        } else {
            inner
        }
    }

    /// `RemoveUnit` as `apply_inner` does it: the relations naming the unit
    /// are removed or lose it as a source (checked like `SetRelationSources`),
    /// its hand position goes, then the unit.
    fn remove_unit(&mut self, id: UnitId) -> Result<Edit, EditError> {
        let Some(at) = self.unit_at(&id) else {
            return Err(EditError::NoSuchUnit(id));
        };
        let mut detached = Vec::new();
        let naming = self.naming.get(&id).cloned().unwrap_or_default();
        for i in naming {
            let target = &self.map.relations[i].target;
            let sources = self.sources_now(i);
            if self.relation_gone[i] || (*target != id && !sources.contains(&id)) {
                continue;
            }
            let rest: Vec<UnitId> = sources.iter().filter(|s| **s != id).cloned().collect();
            if *target == id || rest.is_empty() {
                detached.push(Edit::AddRelation(self.relation_now(i)));
                self.relation_gone[i] = true;
                continue;
            }
            let rid = &self.map.relations[i].id;
            if let Some(u) = rest
                .iter()
                .chain([target])
                .find(|u| self.unit_at(u).is_none())
            {
                return Err(EditError::NoSuchUnit(u.clone()));
            }
            if self.mode == Mode::Checked && rest.contains(target) {
                return Err(EditError::SelfRelation(rid.clone()));
            }
            let old = self.sources_now(i).to_vec();
            detached.push(Edit::SetRelationSources {
                relation: rid.clone(),
                sources: old,
            });
            self.sources.insert(i, rest);
        }
        if let Some(&pos) = self.map.positions.get(id.as_str()) {
            detached.push(position(&id, pos));
            self.positions.push(id.0.clone());
        }
        detached.reverse();
        self.unit_gone[at] = true;
        let unit = self.map.units[at].clone();
        Ok(Edit::Batch(vec![
            Edit::AddUnit(unit),
            Edit::Batch(detached),
        ]))
    }
}

fn position(id: &UnitId, pos: Pos) -> Edit {
    Edit::SetPosition {
        node: id.0.clone(),
        pos: Some(pos),
    }
}

/// Applies a run of removals; returns each edit's inverse in edit order, or
/// the first failing edit's error with the map unchanged.
pub(super) fn remove_all(
    map: &mut ArgumentMap,
    run: Vec<Edit>,
    mode: Mode,
) -> Result<Vec<Edit>, EditError> {
    let mut plan = Plan::new(map, &run, mode);
    let inverses = run
        .into_iter()
        .map(|e| plan.step(e))
        .collect::<Result<Vec<_>, _>>()?;
    let Plan {
        unit_gone,
        relation_gone,
        sources,
        positions,
        next_ids,
        ..
    } = plan;
    // Everything checked: drop the marked items in one pass each.
    for (i, s) in sources {
        map.relations[i].sources = s;
    }
    let mut k = 0;
    map.relations.retain(|_| {
        k += 1;
        !relation_gone[k - 1]
    });
    if unit_gone.iter().any(|&g| g) {
        let mut gone = Vec::new();
        let mut k = 0;
        map.units.retain(|u| {
            k += 1;
            if unit_gone[k - 1] {
                gone.push(u.id.clone());
            }
            !unit_gone[k - 1]
        });
        for id in &gone {
            map.forget_unit(id);
        }
    }
    for node in &positions {
        map.positions.remove(node);
    }
    map.next_ids = next_ids;
    Ok(inverses)
}
