//! Runs of insertions inside a [`Edit::Batch`], applied in one pass: units
//! and relations added, alone or inside batches that also re-link relations
//! and place nodes — the inverse of a unit's removal is
//! `Batch([AddUnit(u), Batch([AddRelation(..), SetRelationSources{..},
//! SetPosition{..}, ..])])`, so undoing a batch of removals is such a run.
//! k insertions into sorted lists of n items cost O(k log k + n) instead of
//! k shifts of the whole list (O(k·n)).
//!
//! The run is interpreted against an overlay of the map (what it adds,
//! re-links and places, nothing moved), edit by edit with the checks,
//! errors and inverses of [`super::apply_mode`] and `apply_batch` (which
//! wrap an edit that moves the id counters with the counters it found);
//! only when every edit has passed are the additions merged into the
//! sorted lists, once.

use super::{Edit, EditError, Mode, bump, checked_quote, in_bounds};
use crate::model::ids::{NextIds, RelationId, UnitId};
use crate::model::map::{ArgumentMap, Pos, Relation, Unit, unit_order};
use std::collections::{HashMap, HashSet};

/// Whether the edit is one that a run of insertions takes: an addition, or
/// a batch of additions, re-links, placements and counters holding at least
/// one addition.
pub(super) fn is_insertion(edit: &Edit) -> bool {
    match edit {
        Edit::AddUnit(_) | Edit::AddRelation(_) => true,
        Edit::Batch(parts) => parts.iter().all(fits) && parts.iter().any(adds),
        _ => false,
    }
}

fn fits(edit: &Edit) -> bool {
    match edit {
        Edit::AddUnit(_)
        | Edit::AddRelation(_)
        | Edit::SetRelationSources { .. }
        | Edit::SetPosition { .. }
        | Edit::SetNextIds(_) => true,
        Edit::Batch(parts) => parts.iter().all(fits),
        _ => false,
    }
}

fn adds(edit: &Edit) -> bool {
    match edit {
        Edit::AddUnit(_) | Edit::AddRelation(_) => true,
        Edit::Batch(parts) => parts.iter().any(adds),
        _ => false,
    }
}

/// Where a relation is while the run is planned.
#[derive(Clone, Copy)]
enum At {
    /// In the map, at this index.
    Map(usize),
    /// Added by the run, at this index of `Overlay::relations`.
    New(usize),
}

/// The map as the run's earlier edits leave it.
struct Overlay<'m> {
    map: &'m ArgumentMap,
    mode: Mode,
    units: Vec<Unit>,
    unit_ids: HashSet<UnitId>,
    relations: Vec<Relation>,
    relation_at: HashMap<RelationId, usize>,
    /// Sources of the map's relations that the run re-linked.
    sources: HashMap<usize, Vec<UnitId>>,
    /// Placements in the order made, and each node's latest.
    placed: Vec<(String, Option<Pos>)>,
    position_now: HashMap<String, Option<Pos>>,
    next_ids: NextIds,
}

impl<'m> Overlay<'m> {
    fn new(map: &'m ArgumentMap, mode: Mode) -> Self {
        Overlay {
            map,
            mode,
            units: Vec::new(),
            unit_ids: HashSet::new(),
            relations: Vec::new(),
            relation_at: HashMap::new(),
            sources: HashMap::new(),
            placed: Vec::new(),
            position_now: HashMap::new(),
            next_ids: map.next_ids,
        }
    }

    fn has_unit(&self, id: &UnitId) -> bool {
        self.map.unit_index(id).is_some() || self.unit_ids.contains(id)
    }

    fn relation(&self, id: &RelationId) -> Option<At> {
        match self.map.relation_index(id) {
            Some(i) => Some(At::Map(i)),
            None => self.relation_at.get(id).map(|&j| At::New(j)),
        }
    }

    /// `check_relation_ends` against the overlay.
    fn check_ends(
        &self,
        id: &RelationId,
        sources: &[UnitId],
        target: &UnitId,
    ) -> Result<(), EditError> {
        if sources.is_empty() {
            return Err(EditError::NoSources(id.clone()));
        }
        if let Some(u) = sources.iter().chain([target]).find(|u| !self.has_unit(u)) {
            return Err(EditError::NoSuchUnit(u.clone()));
        }
        if self.mode == Mode::Checked && sources.contains(target) {
            return Err(EditError::SelfRelation(id.clone()));
        }
        Ok(())
    }

    /// One edit as `apply_mode` applies it: its inverse, wrapped with the
    /// counters found when the edit moved them.
    fn step(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let before = self.next_ids;
        let inverse = self.inner(edit)?;
        Ok(if self.next_ids != before {
            Edit::Batch(vec![inverse, Edit::SetNextIds(before)])
        } else {
            inverse
        })
    }

    /// One edit as `apply_inner` applies it, on the overlay.
    fn inner(&mut self, edit: Edit) -> Result<Edit, EditError> {
        let map = self.map;
        match edit {
            Edit::AddUnit(mut unit) => {
                if self.has_unit(&unit.id) {
                    return Err(EditError::DuplicateId(unit.id.0));
                }
                if self.mode == Mode::Checked {
                    unit.quote = checked_quote(map, unit.start, unit.end)?;
                    if map.scheme.tag(&unit.kind).is_none() {
                        return Err(EditError::UnknownTag(unit.kind));
                    }
                } else {
                    in_bounds(map, unit.start, unit.end)?;
                }
                if let Some(s) = &unit.scenario
                    && map.scenario_index(s).is_none()
                {
                    return Err(EditError::NoSuchScenario(s.clone()));
                }
                bump(&mut self.next_ids.unit, unit.id.number());
                let id = unit.id.clone();
                self.unit_ids.insert(id.clone());
                self.units.push(unit);
                Ok(Edit::RemoveUnit(id))
            }
            Edit::AddRelation(relation) => {
                if self.relation(&relation.id).is_some() {
                    return Err(EditError::DuplicateId(relation.id.0));
                }
                self.check_ends(&relation.id, &relation.sources, &relation.target)?;
                bump(&mut self.next_ids.relation, relation.id.number());
                let id = relation.id.clone();
                self.relation_at.insert(id.clone(), self.relations.len());
                self.relations.push(relation);
                Ok(Edit::RemoveRelation(id))
            }
            Edit::SetRelationSources { relation, sources } => {
                let at = self
                    .relation(&relation)
                    .ok_or_else(|| EditError::NoSuchRelation(relation.clone()))?;
                let target = match at {
                    At::Map(i) => &map.relations[i].target,
                    At::New(j) => &self.relations[j].target,
                };
                self.check_ends(&relation, &sources, target)?;
                let old = match at {
                    At::Map(i) => self
                        .sources
                        .insert(i, sources)
                        .unwrap_or_else(|| map.relations[i].sources.clone()),
                    At::New(j) => std::mem::replace(&mut self.relations[j].sources, sources),
                };
                Ok(Edit::SetRelationSources {
                    relation,
                    sources: old,
                })
            }
            Edit::SetPosition { node, pos } => {
                let old = match self.position_now.insert(node.clone(), pos) {
                    Some(now) => now,
                    None => map.positions.get(&node).copied(),
                };
                self.placed.push((node.clone(), pos));
                Ok(Edit::SetPosition { node, pos: old })
            }
            Edit::SetNextIds(ids) => {
                Ok(Edit::SetNextIds(std::mem::replace(&mut self.next_ids, ids)))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for e in edits {
                    inverses.push(self.step(e)?);
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
            other => unreachable!("`is_insertion` takes no {other:?}"),
        }
    }
}

/// Applies a run of insertions; returns each edit's inverse in edit order,
/// or the first failing edit's error with the map unchanged.
pub(super) fn insert_all(
    map: &mut ArgumentMap,
    run: Vec<Edit>,
    mode: Mode,
) -> Result<Vec<Edit>, EditError> {
    let mut overlay = Overlay::new(map, mode);
    let inverses = run
        .into_iter()
        .map(|e| overlay.step(e))
        .collect::<Result<Vec<_>, _>>()?;
    let Overlay {
        mut units,
        mut relations,
        sources,
        placed,
        next_ids,
        ..
    } = overlay;
    // Everything checked: merge once.
    map.next_ids = next_ids;
    for u in &units {
        map.note_unit(&u.id, u.start, u.end);
    }
    units.sort_by(unit_order);
    map.units = merge(std::mem::take(&mut map.units), units, |a, b| {
        unit_order(a, b).is_lt()
    });
    for (i, s) in sources {
        map.relations[i].sources = s;
    }
    relations.sort_by(|a, b| a.id.cmp(&b.id));
    map.relations = merge(std::mem::take(&mut map.relations), relations, |a, b| {
        a.id < b.id
    });
    for (node, pos) in placed {
        match pos {
            Some(p) => map.positions.insert(node, p),
            None => map.positions.remove(&node),
        };
    }
    Ok(inverses)
}

/// Merges two sorted lists; an item of `new` goes before the equal items of
/// `old`, as inserting it at its partition point would put it.
fn merge<T>(old: Vec<T>, new: Vec<T>, new_first: impl Fn(&T, &T) -> bool) -> Vec<T> {
    if new.is_empty() {
        return old;
    }
    let mut out = Vec::with_capacity(old.len() + new.len());
    let mut old = old.into_iter().peekable();
    for n in new {
        while let Some(o) = old.next_if(|o| !new_first(&n, o)) {
            out.push(o);
        }
        out.push(n);
    }
    out.extend(old);
    out
}
