//! Every change to a map is an [`Edit`] value, applied by [`apply`], which
//! returns the edit that undoes it. Undo/redo, dirty tracking and tests all
//! go through this one function, and so will autosave.

use super::ids::{NextIds, RelationId, ScenarioId, UnitId};
use super::map::{ArgumentMap, Meta, Pos, Relation, RelationKind, Scenario, Unit, unit_order};
use super::scheme::TagScheme;
use std::fmt;
use std::ops::Range;

mod inserts;
mod removals;
mod runs;

/// A text field of a scenario, edited one at a time so typing can be merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScenarioField {
    Name,
    Description,
    Hedge,
}

/// One change to an [`ArgumentMap`].
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds a unit; its quote is taken from the text, whatever it held.
    AddUnit(Unit),
    /// Removes a unit, and removes or repairs the relations that name it.
    RemoveUnit(UnitId),
    /// Changes a unit's tag.
    SetUnitKind {
        unit: UnitId,
        kind: String,
    },
    /// Moves a unit's boundaries; its quote follows.
    SetUnitSpan {
        unit: UnitId,
        start: usize,
        end: usize,
    },
    SetUnitNote {
        unit: UnitId,
        note: String,
    },
    SetUnitScenario {
        unit: UnitId,
        scenario: Option<ScenarioId>,
    },
    AddScenario(Scenario),
    /// Removes a scenario, detaching its units and dependants.
    RemoveScenario(ScenarioId),
    SetScenarioText {
        scenario: ScenarioId,
        field: ScenarioField,
        value: String,
    },
    /// Replaces what the scenario depends on; refused if it would make a cycle.
    SetScenarioDependencies {
        scenario: ScenarioId,
        depends_on: Vec<ScenarioId>,
    },
    AddRelation(Relation),
    RemoveRelation(RelationId),
    SetRelationKind {
        relation: RelationId,
        kind: RelationKind,
    },
    SetRelationSources {
        relation: RelationId,
        sources: Vec<UnitId>,
    },
    SetRelationNote {
        relation: RelationId,
        note: String,
    },
    SetMeta(Meta),
    /// Replaces the tag scheme (units keep their tag names; see validation).
    SetScheme(TagScheme),
    /// Places a map node by hand, or returns it to automatic layout (`None`).
    SetPosition {
        node: String,
        pos: Option<Pos>,
    },
    /// Replaces all hand placements at once ("Re-layout" clears them).
    SetPositions(std::collections::BTreeMap<String, Pos>),
    /// Remembers (or forgets) a dismissed speculation suggestion.
    SetDismissed {
        span: Range<usize>,
        dismissed: bool,
    },
    /// Restores the id counters; only produced as part of an inverse, so that
    /// undoing an addition gives back exactly the map before it.
    SetNextIds(NextIds),
    /// Several edits as one undo step, applied in order, all or nothing.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied. The map is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NoSuchUnit(UnitId),
    NoSuchScenario(ScenarioId),
    NoSuchRelation(RelationId),
    DuplicateId(String),
    BadSpan {
        start: usize,
        end: usize,
        len: usize,
    },
    /// A boundary would split a character as readers see it (e + accent, a flag, CRLF).
    SplitsCharacter(usize),
    UnknownTag(String),
    SelfRelation(RelationId),
    NoSources(RelationId),
    ScenarioCycle(ScenarioId),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchUnit(id) => write!(f, "there is no unit {id}"),
            EditError::NoSuchScenario(id) => write!(f, "there is no scenario {id}"),
            EditError::NoSuchRelation(id) => write!(f, "there is no relation {id}"),
            EditError::DuplicateId(id) => write!(f, "the id {id} is already taken"),
            EditError::BadSpan { start, end, len } => write!(
                f,
                "the span {start}..{end} is empty, reversed or beyond the text's {len} characters"
            ),
            EditError::SplitsCharacter(at) => {
                write!(f, "offset {at} would split a character in two")
            }
            EditError::UnknownTag(t) => write!(f, "the scheme has no tag {t:?}"),
            EditError::SelfRelation(id) => write!(f, "relation {id} would link a unit to itself"),
            EditError::NoSources(id) => write!(f, "relation {id} needs at least one source unit"),
            EditError::ScenarioCycle(id) => {
                write!(f, "scenario {id} would come to depend on itself")
            }
        }
    }
}

impl std::error::Error for EditError {}

/// Identifies edits that may merge into one undo step when they follow each
/// other: typing in one note, dragging one boundary or one node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MergeKey {
    UnitNote(UnitId),
    UnitSpan(UnitId),
    ScenarioText(ScenarioId, ScenarioField),
    RelationNote(RelationId),
    Meta,
    Position(String),
}

impl Edit {
    /// Consecutive edits with the same key collapse into one undo step.
    pub fn merge_key(&self) -> Option<MergeKey> {
        Some(match self {
            Edit::SetUnitNote { unit, .. } => MergeKey::UnitNote(unit.clone()),
            Edit::SetUnitSpan { unit, .. } => MergeKey::UnitSpan(unit.clone()),
            Edit::SetScenarioText {
                scenario, field, ..
            } => MergeKey::ScenarioText(scenario.clone(), *field),
            Edit::SetRelationNote { relation, .. } => MergeKey::RelationNote(relation.clone()),
            Edit::SetMeta(_) => MergeKey::Meta,
            Edit::SetPosition { node, .. } => MergeKey::Position(node.clone()),
            _ => return None,
        })
    }

    /// A short name for menus: "Undo add unit".
    pub fn label(&self) -> &'static str {
        match self {
            Edit::AddUnit(_) => "add unit",
            Edit::RemoveUnit(_) => "remove unit",
            Edit::SetUnitKind { .. } => "change tag",
            Edit::SetUnitSpan { .. } => "move boundary",
            Edit::SetUnitNote { .. } => "edit note",
            Edit::SetUnitScenario { .. } => "set scenario",
            Edit::AddScenario(_) => "add scenario",
            Edit::RemoveScenario(_) => "remove scenario",
            Edit::SetScenarioText { .. } => "edit scenario",
            Edit::SetScenarioDependencies { .. } => "set dependencies",
            Edit::AddRelation(_) => "add relation",
            Edit::RemoveRelation(_) => "remove relation",
            Edit::SetRelationKind { .. } => "change relation",
            Edit::SetRelationSources { .. } => "change relation",
            Edit::SetRelationNote { .. } => "edit relation note",
            Edit::SetMeta(_) => "edit document info",
            Edit::SetScheme(_) => "change tag scheme",
            Edit::SetPosition { .. } => "move node",
            Edit::SetPositions(_) => "re-layout",
            Edit::SetDismissed { .. } => "dismiss suggestion",
            Edit::SetNextIds(_) => "restore ids",
            Edit::Batch(edits) => edits.first().map_or("change", Edit::label),
        }
    }
}

/// How strictly an edit is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A new change: refused if it would make the map invalid.
    Checked,
    /// An inverse, putting back a state that already existed: only ids and
    /// offsets are checked, so undo works even on a map opened with content
    /// problems (an unknown tag, a dependency cycle) and restores it exactly.
    Restore,
}

/// Applies `edit` to `map` and returns the edit that undoes it.
/// On error nothing has changed.
pub fn apply(map: &mut ArgumentMap, edit: Edit) -> Result<Edit, EditError> {
    apply_mode(map, edit, Mode::Checked)
}

/// Applies an edit returned by [`apply`] as an inverse (undo).
pub fn restore(map: &mut ArgumentMap, edit: Edit) -> Result<Edit, EditError> {
    apply_mode(map, edit, Mode::Restore)
}

thread_local! {
    /// Set while [`apply_one_by_one`] runs: batches take no runs.
    static ONE_BY_ONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// [`apply`], or [`restore`] when `undo`, with every edit of every batch
/// applied on its own, as before batches took runs ([`runs`]): the
/// reference that tests and benches hold runs against. Same results, in
/// O(k·n) for a batch of k edits.
#[doc(hidden)]
pub fn apply_one_by_one(map: &mut ArgumentMap, edit: Edit, undo: bool) -> Result<Edit, EditError> {
    let mode = if undo { Mode::Restore } else { Mode::Checked };
    let was = ONE_BY_ONE.replace(true);
    let result = apply_mode(map, edit, mode);
    ONE_BY_ONE.set(was);
    result
}

fn apply_mode(map: &mut ArgumentMap, edit: Edit, mode: Mode) -> Result<Edit, EditError> {
    let ids_before = map.next_ids;
    // Only edits that insert, remove or reorder items move the id lookups.
    let moves_items = matches!(
        edit,
        Edit::AddUnit(_)
            | Edit::RemoveUnit(_)
            | Edit::SetUnitSpan { .. }
            | Edit::AddScenario(_)
            | Edit::RemoveScenario(_)
            | Edit::AddRelation(_)
            | Edit::RemoveRelation(_)
    );
    let inverse = apply_inner(map, edit, mode)?;
    // The arms keep the lookup current item by item; only a damaged map
    // with duplicate ids needs it rebuilt.
    if moves_items && map.lookup.duplicates {
        map.reindex();
    }
    Ok(if map.next_ids != ids_before {
        Edit::Batch(vec![inverse, Edit::SetNextIds(ids_before)])
    } else {
        inverse
    })
}

fn apply_inner(map: &mut ArgumentMap, edit: Edit, mode: Mode) -> Result<Edit, EditError> {
    let checked = mode == Mode::Checked;
    match edit {
        Edit::AddUnit(mut unit) => {
            if map.unit(&unit.id).is_some() {
                return Err(EditError::DuplicateId(unit.id.0));
            }
            if checked {
                unit.quote = checked_quote(map, unit.start, unit.end)?;
            } else {
                in_bounds(map, unit.start, unit.end)?;
            }
            if checked && map.scheme.tag(&unit.kind).is_none() {
                return Err(EditError::UnknownTag(unit.kind));
            }
            if let Some(s) = &unit.scenario {
                scenario_index(map, s)?;
            }
            bump(&mut map.next_ids.unit, unit.id.number());
            let at = map.units.partition_point(|u| unit_order(u, &unit).is_lt());
            let id = unit.id.clone();
            map.note_unit(&id, unit.start, unit.end);
            map.units.insert(at, unit);
            Ok(Edit::RemoveUnit(id))
        }
        Edit::RemoveUnit(id) => {
            let at = unit_index(map, &id)?;
            let mut detach = Vec::new();
            for r in map.relations_of(&id) {
                let rest: Vec<UnitId> = r.sources.iter().filter(|s| **s != id).cloned().collect();
                detach.push(if r.target == id || rest.is_empty() {
                    Edit::RemoveRelation(r.id.clone())
                } else {
                    Edit::SetRelationSources {
                        relation: r.id.clone(),
                        sources: rest,
                    }
                });
            }
            if map.positions.contains_key(id.as_str()) {
                detach.push(Edit::SetPosition {
                    node: id.0.clone(),
                    pos: None,
                });
            }
            let restore = apply_batch(map, detach, mode)?;
            let unit = map.units.remove(at);
            map.forget_unit(&id);
            Ok(Edit::Batch(vec![Edit::AddUnit(unit), restore]))
        }
        Edit::SetUnitKind { unit, kind } => {
            if checked && map.scheme.tag(&kind).is_none() {
                return Err(EditError::UnknownTag(kind));
            }
            let u = unit_mut(map, &unit)?;
            let old = std::mem::replace(&mut u.kind, kind);
            Ok(Edit::SetUnitKind { unit, kind: old })
        }
        Edit::SetUnitSpan { unit, start, end } => {
            let quote = if checked {
                checked_quote(map, start, end)?
            } else {
                in_bounds(map, start, end)?
            };
            let at = unit_index(map, &unit)?;
            let mut u = map.units.remove(at);
            let old = (u.start, u.end);
            (u.start, u.end, u.quote) = (start, end, quote);
            let to = map.units.partition_point(|o| unit_order(o, &u).is_lt());
            map.note_unit(&unit, start, end);
            map.units.insert(to, u);
            Ok(Edit::SetUnitSpan {
                unit,
                start: old.0,
                end: old.1,
            })
        }
        Edit::SetUnitNote { unit, note } => {
            let u = unit_mut(map, &unit)?;
            let old = std::mem::replace(&mut u.note, note);
            Ok(Edit::SetUnitNote { unit, note: old })
        }
        Edit::SetUnitScenario { unit, scenario } => {
            if let Some(s) = &scenario {
                scenario_index(map, s)?;
            }
            let u = unit_mut(map, &unit)?;
            let old = std::mem::replace(&mut u.scenario, scenario);
            Ok(Edit::SetUnitScenario {
                unit,
                scenario: old,
            })
        }
        Edit::AddScenario(scenario) => {
            if map.scenario(&scenario.id).is_some() {
                return Err(EditError::DuplicateId(scenario.id.0));
            }
            for d in &scenario.depends_on {
                scenario_index(map, d)?;
                if checked && *d == scenario.id {
                    return Err(EditError::ScenarioCycle(scenario.id));
                }
            }
            bump(&mut map.next_ids.scenario, scenario.id.number());
            let id = scenario.id.clone();
            let at = map.scenarios.partition_point(|s| s.id < id);
            map.scenarios.insert(at, scenario);
            Ok(Edit::RemoveScenario(id))
        }
        Edit::RemoveScenario(id) => {
            let at = scenario_index(map, &id)?;
            let mut detach: Vec<Edit> = map
                .units_in(&id)
                .map(|u| Edit::SetUnitScenario {
                    unit: u.id.clone(),
                    scenario: None,
                })
                .collect();
            for s in &map.scenarios {
                if s.depends_on.contains(&id) {
                    detach.push(Edit::SetScenarioDependencies {
                        scenario: s.id.clone(),
                        depends_on: s.depends_on.iter().filter(|d| **d != id).cloned().collect(),
                    });
                }
            }
            if map.positions.contains_key(id.as_str()) {
                detach.push(Edit::SetPosition {
                    node: id.0.clone(),
                    pos: None,
                });
            }
            let restore = apply_batch(map, detach, mode)?;
            let scenario = map.scenarios.remove(at);
            Ok(Edit::Batch(vec![Edit::AddScenario(scenario), restore]))
        }
        Edit::SetScenarioText {
            scenario,
            field,
            value,
        } => {
            let at = scenario_index(map, &scenario)?;
            let s = &mut map.scenarios[at];
            let slot = match field {
                ScenarioField::Name => &mut s.name,
                ScenarioField::Description => &mut s.description,
                ScenarioField::Hedge => &mut s.hedge,
            };
            let old = std::mem::replace(slot, value);
            Ok(Edit::SetScenarioText {
                scenario,
                field,
                value: old,
            })
        }
        Edit::SetScenarioDependencies {
            scenario,
            depends_on,
        } => {
            let at = scenario_index(map, &scenario)?;
            for d in &depends_on {
                scenario_index(map, d)?;
                if checked && depends_on_transitively(map, d, &scenario) {
                    return Err(EditError::ScenarioCycle(scenario));
                }
            }
            let old = std::mem::replace(&mut map.scenarios[at].depends_on, depends_on);
            Ok(Edit::SetScenarioDependencies {
                scenario,
                depends_on: old,
            })
        }
        Edit::AddRelation(relation) => {
            if map.relation(&relation.id).is_some() {
                return Err(EditError::DuplicateId(relation.id.0));
            }
            check_relation_ends(map, &relation.id, &relation.sources, &relation.target, mode)?;
            bump(&mut map.next_ids.relation, relation.id.number());
            let id = relation.id.clone();
            let at = map.relations.partition_point(|r| r.id < id);
            map.relations.insert(at, relation);
            Ok(Edit::RemoveRelation(id))
        }
        Edit::RemoveRelation(id) => {
            let at = relation_index(map, &id)?;
            Ok(Edit::AddRelation(map.relations.remove(at)))
        }
        Edit::SetRelationKind { relation, kind } => {
            let at = relation_index(map, &relation)?;
            let old = std::mem::replace(&mut map.relations[at].kind, kind);
            Ok(Edit::SetRelationKind {
                relation,
                kind: old,
            })
        }
        Edit::SetRelationSources { relation, sources } => {
            let at = relation_index(map, &relation)?;
            let target = map.relations[at].target.clone();
            check_relation_ends(map, &relation, &sources, &target, mode)?;
            let old = std::mem::replace(&mut map.relations[at].sources, sources);
            Ok(Edit::SetRelationSources {
                relation,
                sources: old,
            })
        }
        Edit::SetRelationNote { relation, note } => {
            let at = relation_index(map, &relation)?;
            let old = std::mem::replace(&mut map.relations[at].note, note);
            Ok(Edit::SetRelationNote {
                relation,
                note: old,
            })
        }
        Edit::SetMeta(meta) => Ok(Edit::SetMeta(std::mem::replace(&mut map.meta, meta))),
        Edit::SetScheme(scheme) => Ok(Edit::SetScheme(std::mem::replace(&mut map.scheme, scheme))),
        Edit::SetPosition { node, pos } => {
            let old = match pos {
                Some(p) => map.positions.insert(node.clone(), p),
                None => map.positions.remove(&node),
            };
            Ok(Edit::SetPosition { node, pos: old })
        }
        Edit::SetPositions(positions) => Ok(Edit::SetPositions(std::mem::replace(
            &mut map.positions,
            positions,
        ))),
        Edit::SetDismissed { span, dismissed } => {
            let found = map.dismissed.iter().position(|d| *d == span);
            let was = found.is_some();
            match (found, dismissed) {
                (None, true) => {
                    let at = map
                        .dismissed
                        .partition_point(|d| (d.start, d.end) < (span.start, span.end));
                    map.dismissed.insert(at, span.clone());
                }
                (Some(i), false) => {
                    map.dismissed.remove(i);
                }
                _ => {}
            }
            Ok(Edit::SetDismissed {
                span,
                dismissed: was,
            })
        }
        Edit::SetNextIds(ids) => Ok(Edit::SetNextIds(std::mem::replace(&mut map.next_ids, ids))),
        Edit::Batch(edits) => apply_batch(map, edits, mode),
    }
}

/// Applies edits in order; on the first failure, rolls back the ones applied.
/// Runs of insertions or of removals are applied in one pass each
/// ([`runs`]), with the same inverses and errors as one by one.
fn apply_batch(map: &mut ArgumentMap, edits: Vec<Edit>, mode: Mode) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    let mut edits = edits;
    let mut from = 0;
    while from < edits.len() {
        let step = match runs::run_at(map, &edits, from) {
            Some((kind, len)) => {
                let run: Vec<Edit> = edits[from..from + len]
                    .iter_mut()
                    .map(|e| std::mem::replace(e, Edit::Batch(Vec::new())))
                    .collect();
                from += len;
                runs::apply_run(map, kind, run, mode)
            }
            None => {
                let edit = std::mem::replace(&mut edits[from], Edit::Batch(Vec::new()));
                from += 1;
                apply_mode(map, edit, mode).map(|inv| vec![inv])
            }
        };
        match step {
            Ok(invs) => inverses.extend(invs),
            Err(e) => {
                for inv in inverses.into_iter().rev() {
                    // Inverses of edits that just succeeded always apply.
                    let _ = restore(map, inv);
                }
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn bump(counter: &mut u64, n: Option<u64>) {
    if let Some(n) = n {
        *counter = (*counter).max(n + 1);
    }
}

/// The text at a span that lies inside the text (no other rule checked).
fn in_bounds(map: &ArgumentMap, start: usize, end: usize) -> Result<String, EditError> {
    let len = map.text.len_chars();
    match map.quote_of(start..end) {
        Some(q) if start < end => Ok(q.to_owned()),
        _ => Err(EditError::BadSpan { start, end, len }),
    }
}

fn checked_quote(map: &ArgumentMap, start: usize, end: usize) -> Result<String, EditError> {
    let len = map.text.len_chars();
    if start >= end {
        return Err(EditError::BadSpan { start, end, len });
    }
    let quote = map
        .quote_of(start..end)
        .ok_or(EditError::BadSpan { start, end, len })?;
    let (text, index) = (map.text(), map.source().index());
    for at in [start, end] {
        if !index.is_grapheme_boundary(text, at) {
            return Err(EditError::SplitsCharacter(at));
        }
    }
    Ok(quote.to_owned())
}

fn unit_index(map: &ArgumentMap, id: &UnitId) -> Result<usize, EditError> {
    map.unit_index(id)
        .ok_or_else(|| EditError::NoSuchUnit(id.clone()))
}

fn unit_mut<'m>(map: &'m mut ArgumentMap, id: &UnitId) -> Result<&'m mut Unit, EditError> {
    let at = unit_index(map, id)?;
    Ok(&mut map.units[at])
}

fn scenario_index(map: &ArgumentMap, id: &ScenarioId) -> Result<usize, EditError> {
    map.scenario_index(id)
        .ok_or_else(|| EditError::NoSuchScenario(id.clone()))
}

fn relation_index(map: &ArgumentMap, id: &RelationId) -> Result<usize, EditError> {
    map.relation_index(id)
        .ok_or_else(|| EditError::NoSuchRelation(id.clone()))
}

fn check_relation_ends(
    map: &ArgumentMap,
    id: &RelationId,
    sources: &[UnitId],
    target: &UnitId,
    mode: Mode,
) -> Result<(), EditError> {
    if sources.is_empty() {
        return Err(EditError::NoSources(id.clone()));
    }
    for u in sources.iter().chain([target]) {
        unit_index(map, u)?;
    }
    if mode == Mode::Checked && sources.contains(target) {
        return Err(EditError::SelfRelation(id.clone()));
    }
    Ok(())
}

/// Whether `from` reaches `to` through `depends_on` links (or is `to`).
fn depends_on_transitively(map: &ArgumentMap, from: &ScenarioId, to: &ScenarioId) -> bool {
    let mut stack = vec![from];
    let mut seen = std::collections::HashSet::new();
    while let Some(s) = stack.pop() {
        if s == to {
            return true;
        }
        if seen.insert(s)
            && let Some(sc) = map.scenario(s)
        {
            stack.extend(sc.depends_on.iter());
        }
    }
    false
}
