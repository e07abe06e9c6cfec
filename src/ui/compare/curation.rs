//! Building a gold map from two annotations: the edits that take a unit or a
//! relation from A or B, and "take all agreed". The gold map is an ordinary
//! [`Session`], so every step is one [`Edit`] with its own undo, and it is
//! saved like any map. Pure functions of maps; the window only applies them.

use super::items::{Item, ItemKind};
use crate::analysis::compare::UnitRef;
use crate::model::{ArgumentMap, Edit, Relation, RelationId, Unit, UnitId};
use crate::session::{Origin, Session};
use std::collections::HashMap;
use std::path::Path;

/// An empty gold map over the same text and scheme as `template`; its
/// origin is a text beside `near`, so Save asks where to write it.
pub fn new_gold(template: &ArgumentMap, near: Option<&Path>) -> Session {
    let map = ArgumentMap::new(template.text(), template.scheme().clone());
    let origin = match near {
        Some(p) => {
            let stem = p
                .file_name()
                .and_then(|s| s.to_str())
                .map(|s| s.trim_end_matches(".ron").trim_end_matches(".argmap"))
                .unwrap_or("annotation");
            Origin::Text(p.with_file_name(format!("{stem}-gold.txt")))
        }
        None => Origin::Text("gold.txt".into()),
    };
    Session::new(map, origin)
}

/// The gold unit with exactly this span and tag.
pub fn gold_unit(gold: &ArgumentMap, start: usize, end: usize, tag: &str) -> Option<UnitId> {
    gold.units_overlapping(start..end)
        .find(|u| u.start == start && u.end == end && u.kind == tag)
        .map(|u| u.id.clone())
}

fn unit_from(source: &ArgumentMap, r: &UnitRef, id: UnitId) -> Unit {
    Unit {
        id,
        kind: r.tag.clone(),
        start: r.start,
        end: r.end,
        quote: source
            .quote_of(r.start..r.end)
            .unwrap_or_default()
            .to_owned(),
        note: String::new(),
        scenario: None,
    }
}

/// Takes `unit` (of `source`) into the gold map, replacing the gold copy of
/// `rival` (the other annotator's version of the same item), if there is
/// one. `None` when the gold map has it already.
pub fn take_unit(
    gold: &ArgumentMap,
    source: &ArgumentMap,
    unit: &UnitRef,
    rival: Option<&UnitRef>,
) -> Option<Edit> {
    if gold_unit(gold, unit.start, unit.end, &unit.tag).is_some() {
        return None;
    }
    let mut edits: Vec<Edit> = rival
        .and_then(|r| gold_unit(gold, r.start, r.end, &r.tag))
        .map(Edit::RemoveUnit)
        .into_iter()
        .collect();
    edits.push(Edit::AddUnit(unit_from(source, unit, gold.next_unit_id())));
    Some(Edit::Batch(edits))
}

/// The gold units a relation of `source` would connect, or the quotes of the
/// units still missing from the gold map.
fn endpoints(
    gold_units: &HashMap<(usize, usize, String), UnitId>,
    source: &ArgumentMap,
    relation: &Relation,
) -> Result<(Vec<UnitId>, UnitId), Vec<UnitId>> {
    let find = |id: &UnitId| {
        source
            .unit(id)
            .and_then(|u| gold_units.get(&(u.start, u.end, u.kind.clone())).cloned())
            .ok_or_else(|| id.clone())
    };
    let mut missing = Vec::new();
    let mut sources = Vec::new();
    for s in &relation.sources {
        match find(s) {
            Ok(g) => sources.push(g),
            Err(m) => missing.push(m),
        }
    }
    let target = find(&relation.target);
    match (target, missing.is_empty()) {
        (Ok(t), true) => Ok((sources, t)),
        (Ok(_), false) => Err(missing),
        (Err(m), _) => {
            missing.push(m);
            Err(missing)
        }
    }
}

fn index(gold: &ArgumentMap) -> HashMap<(usize, usize, String), UnitId> {
    gold.units()
        .iter()
        .map(|u| ((u.start, u.end, u.kind.clone()), u.id.clone()))
        .collect()
}

fn has_relation(gold: &ArgumentMap, r: &Relation) -> bool {
    let mut want = r.sources.clone();
    want.sort();
    gold.relations().iter().any(|g| {
        let mut have = g.sources.clone();
        have.sort();
        g.kind == r.kind && g.target == r.target && have == want
    })
}

/// Why a relation cannot be taken yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TakeRelation {
    /// The gold map has this relation already.
    Present,
    /// These units of the source (by id) are not in the gold map yet.
    MissingUnits(Vec<UnitId>),
}

/// Takes `relation` of `source` into the gold map, once its units are there
/// (matched by span and tag).
pub fn take_relation(
    gold: &ArgumentMap,
    source: &ArgumentMap,
    relation: &Relation,
) -> Result<Edit, TakeRelation> {
    let (sources, target) =
        endpoints(&index(gold), source, relation).map_err(TakeRelation::MissingUnits)?;
    let r = Relation {
        id: gold.next_relation_id(),
        kind: relation.kind,
        sources,
        target,
        note: String::new(),
    };
    if has_relation(gold, &r) {
        return Err(TakeRelation::Present);
    }
    Ok(Edit::AddRelation(r))
}

/// One edit adding every unit both annotators marked alike and every
/// relation both drew between such units; `None` when the gold map has them
/// all.
pub fn take_all_agreed(
    gold: &ArgumentMap,
    a: &ArgumentMap,
    b: &ArgumentMap,
    items: &[Item],
) -> Option<Edit> {
    let mut edits = Vec::new();
    let mut units = index(gold);
    let mut next = gold.next_unit_id().number().unwrap_or(1);
    for item in items.iter().filter(|i| i.kind == ItemKind::Agree) {
        let Some(u) = &item.a else { continue };
        let key = (u.start, u.end, u.tag.clone());
        if units.contains_key(&key) {
            continue;
        }
        let id = UnitId::from_number(next);
        next += 1;
        units.insert(key, id.clone());
        edits.push(Edit::AddUnit(unit_from(a, u, id)));
    }
    let normal = |(mut s, t): (Vec<UnitId>, UnitId)| {
        s.sort();
        (s, t)
    };
    let in_b: Vec<_> = b
        .relations()
        .iter()
        .filter_map(|r| endpoints(&units, b, r).ok().map(|e| (r.kind, normal(e))))
        .collect();
    let mut next_rel = gold.next_relation_id().number().unwrap_or(1);
    let mut taken = Vec::new();
    for r in a.relations() {
        let Ok(ends) = endpoints(&units, a, r) else {
            continue;
        };
        let key = (r.kind, normal(ends));
        if !in_b.contains(&key) || taken.contains(&key) {
            continue;
        }
        let rel = Relation {
            id: RelationId::from_number(next_rel),
            kind: r.kind,
            sources: key.1.0.clone(),
            target: key.1.1.clone(),
            note: String::new(),
        };
        if has_relation(gold, &rel) {
            continue;
        }
        next_rel += 1;
        taken.push(key);
        edits.push(Edit::AddRelation(rel));
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::{Annotator, Options, compare};
    use crate::model::fixture::{link, marked};
    use crate::model::{RelationKind, TagScheme, apply};

    fn maps() -> (ArgumentMap, ArgumentMap) {
        let mut a = marked(
            "[Claim:One two] three [Premise:four five] six [Evidence:seven] eight.",
            TagScheme::argument(),
        );
        let mut b = marked(
            "[Claim:One two] three [Claim:four five] six [Evidence:seven] [Claim:eight].",
            TagScheme::argument(),
        );
        link(&mut a, RelationKind::Support, &[3], 1);
        link(&mut b, RelationKind::Support, &[3], 1);
        link(&mut a, RelationKind::Support, &[2], 1);
        (a, b)
    }

    fn items_of(a: &ArgumentMap, b: &ArgumentMap) -> Vec<Item> {
        let r = compare(
            &[
                Annotator { name: "a", map: a },
                Annotator { name: "b", map: b },
            ],
            &Options::default(),
        )
        .unwrap();
        super::super::items::items(&r.pairs[0])
    }

    #[test]
    fn take_all_agreed_adds_agreed_units_and_shared_relations_once() {
        let (a, b) = maps();
        let items = items_of(&a, &b);
        let mut gold = new_gold(&a, None);
        let edit = take_all_agreed(gold.map(), &a, &b, &items).unwrap();
        gold.apply(edit).unwrap();
        let tags: Vec<&str> = gold.map().units().iter().map(|u| u.kind.as_str()).collect();
        assert_eq!(tags, ["Claim", "Evidence"]);
        // The support both drew (seven → One two), not the one only A drew.
        assert_eq!(gold.map().relations().len(), 1);
        assert!(take_all_agreed(gold.map(), &a, &b, &items).is_none());
        gold.undo();
        assert!(gold.map().units().is_empty());
    }

    #[test]
    fn taking_b_replaces_the_gold_copy_of_a() {
        let (a, b) = maps();
        let items = items_of(&a, &b);
        let differs = items
            .iter()
            .find(|i| i.kind == ItemKind::TagDiffers)
            .unwrap();
        let mut gold = new_gold(&a, None);
        let (ua, ub) = (differs.a.as_ref().unwrap(), differs.b.as_ref().unwrap());
        gold.apply(take_unit(gold.map(), &a, ua, Some(ub)).unwrap())
            .unwrap();
        assert_eq!(gold.map().units()[0].kind, "Premise");
        gold.apply(take_unit(gold.map(), &b, ub, Some(ua)).unwrap())
            .unwrap();
        assert_eq!(gold.map().units().len(), 1);
        assert_eq!(gold.map().units()[0].kind, "Claim");
        assert_eq!(gold.map().units()[0].quote, "four five");
        assert!(take_unit(gold.map(), &b, ub, Some(ua)).is_none());
    }

    #[test]
    fn a_relation_waits_for_its_units() {
        let (a, b) = maps();
        let gold = new_gold(&a, None);
        let r = &a.relations()[1];
        assert!(matches!(
            take_relation(gold.map(), &a, r),
            Err(TakeRelation::MissingUnits(m)) if m.len() == 2
        ));
        let mut g = gold.map().clone();
        let items = items_of(&a, &b);
        let e = take_all_agreed(&g, &a, &b, &items).unwrap();
        apply(&mut g, e).unwrap();
        assert_eq!(
            take_relation(&g, &a, &a.relations()[0]),
            Err(TakeRelation::Present)
        );
    }
}
