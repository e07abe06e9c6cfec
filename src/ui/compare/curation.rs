//! Building a gold map from two annotations: the edits that take a unit, a
//! relation or a scenario from A or B, and "take all agreed". The gold map is an ordinary
//! [`Session`], so every step is one [`Edit`] with its own undo, and it is
//! saved like any map. Pure functions of maps; the window only applies them.

use super::items::{Item, ItemKind};
use super::scenario_diff::ScenarioItem;
use super::scenario_take::Plan;
pub use super::scenario_take::Sides;
use crate::analysis::compare::UnitRef;
use crate::model::{ArgumentMap, Edit, Relation, RelationId, ScenarioId, Unit, UnitId};
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

/// One take: the edit, and what the status line should say about scenarios.
#[derive(Clone, Debug, PartialEq)]
pub struct Take {
    pub edit: Edit,
    /// Names of the scenarios the take added to the gold map.
    pub scenarios_added: Vec<String>,
}

/// Takes `unit` (of A, or of B with `from_b`) into the gold map, replacing
/// the gold copy of `rival` (the other annotator's version of the same
/// item), if there is one. The unit keeps its scenario: when the gold map
/// has no copy of that scenario yet, the take adds it (the annotator's
/// version, without its other members), since a curator taking a
/// speculative unit means its place in the scenario too. A unit the gold
/// map has already (same span and tag) only takes the scenario membership.
/// `None` when the gold map has it all.
pub fn take_unit(
    gold: &ArgumentMap,
    sides: Sides<'_>,
    from_b: bool,
    unit: &UnitRef,
    rival: Option<&UnitRef>,
) -> Option<Take> {
    let source = sides.side(from_b);
    let scenario = source.unit(&unit.id).and_then(|u| u.scenario.clone());
    let mut plan = Plan::new(gold, sides);
    let membership = scenario.and_then(|s| plan.ensure(from_b, &s));
    match gold_unit(gold, unit.start, unit.end, &unit.tag) {
        Some(id) => {
            let now = gold.unit(&id).and_then(|u| u.scenario.clone());
            if now == membership {
                return None;
            }
            plan.push(Edit::SetUnitScenario {
                unit: id,
                scenario: membership,
            });
        }
        None => {
            if let Some(r) = rival.and_then(|r| gold_unit(gold, r.start, r.end, &r.tag)) {
                plan.push(Edit::RemoveUnit(r));
            }
            let mut u = unit_from(source, unit, gold.next_unit_id());
            u.scenario = membership;
            plan.push(Edit::AddUnit(u));
        }
    }
    let scenarios_added = plan.added_names();
    plan.finish().map(|edit| Take {
        edit,
        scenarios_added,
    })
}

/// A scenario take: the edit and how many of its members are still missing
/// from the gold map.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioTake {
    pub edit: Edit,
    /// Members of the taken version whose unit is not in the gold map.
    pub missing_members: usize,
}

/// Makes the gold map's copy of scenario `id` (of A, or of B with
/// `from_b`) that annotator's version: adds it or renames and rewrites the
/// copy of either version, sets its "if … then" links to the gold copies of
/// what it depends on, and gives it exactly the members of that version
/// that are in the gold map. `None` when the gold map has it so already.
pub fn take_scenario(
    gold: &ArgumentMap,
    sides: Sides<'_>,
    from_b: bool,
    id: &ScenarioId,
) -> Option<ScenarioTake> {
    let mut plan = Plan::new(gold, sides);
    let (_, missing_members) = plan.take_scenario(from_b, id)?;
    plan.finish().map(|edit| ScenarioTake {
        edit,
        missing_members,
    })
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

/// One edit adding every unit both annotators marked alike, every scenario
/// they agree on (name, note, chain and members), the scenario membership
/// both gave an agreed unit (when that scenario is in the gold map or
/// agreed), and every relation both drew between agreed units; `None` when
/// the gold map has them all.
pub fn take_all_agreed(
    gold: &ArgumentMap,
    sides: Sides<'_>,
    items: &[Item],
    scenarios: &[ScenarioItem],
) -> Option<Edit> {
    let (a, b) = (sides.a, sides.b);
    let mut plan = Plan::new(gold, sides);
    for s in scenarios.iter().filter(|s| s.kind() == ItemKind::Agree) {
        if let Some(id) = &s.a {
            plan.ensure(false, id);
        }
    }
    let mut units = index(gold);
    let mut next = gold.next_unit_id().number().unwrap_or(1);
    for item in items.iter().filter(|i| i.kind == ItemKind::Agree) {
        let (Some(u), Some(v)) = (&item.a, &item.b) else {
            continue;
        };
        let sa = a.unit(&u.id).and_then(|x| x.scenario.as_ref());
        let sb = b.unit(&v.id).and_then(|x| x.scenario.as_ref());
        let membership = match (sa, sb) {
            (Some(x), Some(y)) if sides.matching.counterpart(false, x) == Some(y) => {
                plan.gold_copy(false, x)
            }
            _ => None,
        };
        let key = (u.start, u.end, u.tag.clone());
        if let Some(id) = units.get(&key) {
            let now = gold.unit(id).and_then(|x| x.scenario.as_ref());
            if now.is_none() && membership.is_some() {
                plan.push(Edit::SetUnitScenario {
                    unit: id.clone(),
                    scenario: membership,
                });
            }
            continue;
        }
        let id = UnitId::from_number(next);
        next += 1;
        units.insert(key, id.clone());
        let mut unit = unit_from(a, u, id);
        unit.scenario = membership;
        plan.push(Edit::AddUnit(unit));
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
        plan.push(Edit::AddRelation(rel));
    }
    plan.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::{Annotator, Options, compare};
    use crate::model::fixture::{link, marked};
    use crate::model::{RelationKind, TagScheme, apply, validate};
    use crate::ui::compare::scenario_diff::tests::{TEXT, with_scenarios};
    use crate::ui::compare::scenario_diff::{ScenarioMatching, scenario_items};

    /// The pairing of `a` and `b`, its unit items and scenario items.
    struct Pairing {
        items: Vec<Item>,
        matching: ScenarioMatching,
        scenarios: Vec<ScenarioItem>,
    }

    fn pairing(a: &ArgumentMap, b: &ArgumentMap) -> Pairing {
        let items = items_of(a, b);
        let matching = ScenarioMatching::between(a, b, &items);
        let scenarios = scenario_items(a, b, &items, &matching);
        Pairing {
            items,
            matching,
            scenarios,
        }
    }

    fn sides<'a>(a: &'a ArgumentMap, b: &'a ArgumentMap, p: &'a Pairing) -> Sides<'a> {
        Sides {
            a,
            b,
            matching: &p.matching,
        }
    }

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
        let p = pairing(&a, &b);
        let items = &p.items;
        let mut gold = new_gold(&a, None);
        let edit = take_all_agreed(gold.map(), sides(&a, &b, &p), items, &p.scenarios).unwrap();
        gold.apply(edit).unwrap();
        let tags: Vec<&str> = gold.map().units().iter().map(|u| u.kind.as_str()).collect();
        assert_eq!(tags, ["Claim", "Evidence"]);
        // The support both drew (seven → One two), not the one only A drew.
        assert_eq!(gold.map().relations().len(), 1);
        assert!(take_all_agreed(gold.map(), sides(&a, &b, &p), items, &p.scenarios).is_none());
        gold.undo();
        assert!(gold.map().units().is_empty());
    }

    #[test]
    fn taking_b_replaces_the_gold_copy_of_a() {
        let (a, b) = maps();
        let p = pairing(&a, &b);
        let s = sides(&a, &b, &p);
        let differs = p
            .items
            .iter()
            .find(|i| i.kind == ItemKind::TagDiffers)
            .unwrap();
        let mut gold = new_gold(&a, None);
        let (ua, ub) = (differs.a.as_ref().unwrap(), differs.b.as_ref().unwrap());
        gold.apply(take_unit(gold.map(), s, false, ua, Some(ub)).unwrap().edit)
            .unwrap();
        assert_eq!(gold.map().units()[0].kind, "Premise");
        gold.apply(take_unit(gold.map(), s, true, ub, Some(ua)).unwrap().edit)
            .unwrap();
        assert_eq!(gold.map().units().len(), 1);
        assert_eq!(gold.map().units()[0].kind, "Claim");
        assert_eq!(gold.map().units()[0].quote, "four five");
        assert!(take_unit(gold.map(), s, true, ub, Some(ua)).is_none());
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
        let p = pairing(&a, &b);
        let e = take_all_agreed(&g, sides(&a, &b, &p), &p.items, &p.scenarios).unwrap();
        apply(&mut g, e).unwrap();
        assert_eq!(
            take_relation(&g, &a, &a.relations()[0]),
            Err(TakeRelation::Present)
        );
    }

    fn names(map: &ArgumentMap) -> Vec<&str> {
        map.scenarios().iter().map(|s| s.name.as_str()).collect()
    }

    fn members(map: &ArgumentMap, name: &str) -> Vec<String> {
        let Some(s) = map.scenarios().iter().find(|s| s.name == name) else {
            return Vec::new();
        };
        map.units_in(&s.id).map(|u| u.quote.clone()).collect()
    }

    #[test]
    fn taking_a_unit_takes_its_scenario_along_once() {
        let a = with_scenarios(TEXT, &[("Thaw", &[1, 2], &[])]);
        let b = with_scenarios(TEXT, &[]);
        let p = pairing(&a, &b);
        let s = sides(&a, &b, &p);
        let mut gold = new_gold(&a, None);
        let first = p.items[0].clone();
        let t = take_unit(
            gold.map(),
            s,
            false,
            first.a.as_ref().unwrap(),
            first.b.as_ref(),
        )
        .unwrap();
        assert_eq!(t.scenarios_added, ["Thaw"]);
        gold.apply(t.edit).unwrap();
        assert_eq!(members(gold.map(), "Thaw"), ["a might"]);
        assert_eq!(gold.map().scenarios()[0].description, "About Thaw.");
        // The second member joins the gold copy; no second scenario.
        let second = p.items[1].clone();
        let t = take_unit(gold.map(), s, false, second.a.as_ref().unwrap(), None).unwrap();
        assert!(t.scenarios_added.is_empty());
        gold.apply(t.edit).unwrap();
        assert_eq!(members(gold.map(), "Thaw"), ["a might", "b could"]);
        // Taking B's version of an agreed unit takes B's membership: none.
        let t = take_unit(gold.map(), s, true, second.b.as_ref().unwrap(), None).unwrap();
        gold.apply(t.edit).unwrap();
        assert_eq!(members(gold.map(), "Thaw"), ["a might"]);
        assert_eq!(gold.map().units().len(), 2);
        // One undo step per take: the first undo puts b back in Thaw.
        gold.undo();
        assert_eq!(members(gold.map(), "Thaw"), ["a might", "b could"]);
        gold.undo();
        gold.undo();
        assert!(gold.map().scenarios().is_empty() && gold.map().units().is_empty());
    }

    #[test]
    fn taking_b_renames_the_gold_copy_and_sets_its_members() {
        let a = with_scenarios(TEXT, &[("Thaw", &[1, 2], &[])]);
        let b = with_scenarios(TEXT, &[("Détente", &[1], &[])]);
        let p = pairing(&a, &b);
        let s = sides(&a, &b, &p);
        assert!(p.scenarios[0].diffs.name && p.scenarios[0].diffs.members == 1);
        let mut gold = new_gold(&a, None);
        // All units agree; the scenario does not, so no membership comes.
        gold.apply(take_all_agreed(gold.map(), s, &p.items, &p.scenarios).unwrap())
            .unwrap();
        assert_eq!(gold.map().units().len(), 5);
        assert!(gold.map().scenarios().is_empty());
        let a1 = ScenarioId::from_number(1);
        let t = take_scenario(gold.map(), s, false, &a1).unwrap();
        assert_eq!(t.missing_members, 0);
        gold.apply(t.edit).unwrap();
        assert_eq!(names(gold.map()), ["Thaw"]);
        assert_eq!(members(gold.map(), "Thaw"), ["a might", "b could"]);
        let t = take_scenario(gold.map(), s, true, &a1).unwrap();
        gold.apply(t.edit).unwrap();
        assert_eq!(names(gold.map()), ["Détente"]);
        assert_eq!(members(gold.map(), "Détente"), ["a might"]);
        assert!(take_scenario(gold.map(), s, true, &a1).is_none());
        // Now that the gold map has the scenario, agreed members join it.
        assert!(take_all_agreed(gold.map(), s, &p.items, &p.scenarios).is_none());
        gold.undo();
        assert_eq!(names(gold.map()), ["Thaw"]);
    }

    #[test]
    fn if_then_chains_complete_in_either_order() {
        // Drills presupposes Thaw; Talks presupposes Drills.
        let groups: &[(&str, &[u64], &[u64])] = &[
            ("Thaw", &[1], &[]),
            ("Drills", &[2], &[1]),
            ("Talks", &[3], &[2]),
        ];
        let a = with_scenarios(TEXT, groups);
        let b = with_scenarios(TEXT, &[]);
        let p = pairing(&a, &b);
        let s = sides(&a, &b, &p);
        let mut gold = new_gold(&a, None);
        let id = ScenarioId::from_number;
        for n in [3, 1, 2] {
            let t = take_scenario(gold.map(), s, false, &id(n)).unwrap();
            gold.apply(t.edit).unwrap();
            assert_eq!(t.missing_members, 1, "units were not taken");
        }
        let g = gold.map();
        let by_name = |n: &str| g.scenarios().iter().find(|s| s.name == n).unwrap();
        assert_eq!(by_name("Drills").depends_on, [by_name("Thaw").id.clone()]);
        assert_eq!(by_name("Talks").depends_on, [by_name("Drills").id.clone()]);
        assert!(validate(g).is_empty(), "{:?}", validate(g));
        // Undoing Drills' take unlinks Talks again.
        gold.undo();
        assert!(
            gold.map()
                .scenarios()
                .iter()
                .all(|s| s.depends_on.is_empty())
        );
    }

    #[test]
    fn take_all_agreed_takes_agreed_scenarios_with_members_and_chain() {
        let groups: &[(&str, &[u64], &[u64])] = &[("Thaw", &[1, 2], &[]), ("Drills", &[3], &[1])];
        let a = with_scenarios(TEXT, groups);
        let b = with_scenarios(TEXT, groups);
        let p = pairing(&a, &b);
        let mut gold = new_gold(&a, None);
        gold.apply(take_all_agreed(gold.map(), sides(&a, &b, &p), &p.items, &p.scenarios).unwrap())
            .unwrap();
        let g = gold.map();
        assert_eq!(names(g), ["Thaw", "Drills"]);
        assert_eq!(members(g, "Thaw"), ["a might", "b could"]);
        assert_eq!(members(g, "Drills"), ["c may"]);
        assert_eq!(g.scenarios()[1].depends_on, [g.scenarios()[0].id.clone()]);
        gold.undo();
        assert!(gold.map().scenarios().is_empty());
    }

    proptest::proptest! {
        /// Whatever two annotators do with scenarios, every take applies,
        /// keeps the gold map valid, and undoes back to an empty map.
        #[test]
        fn every_take_applies_and_keeps_the_gold_map_valid(
            ma in proptest::collection::vec(0u64..4, 5),
            mb in proptest::collection::vec(0u64..4, 5),
            da in proptest::collection::vec(proptest::option::of(1u64..4), 3),
            db in proptest::collection::vec(proptest::option::of(1u64..4), 3),
            names_b in proptest::collection::vec(0usize..4, 3),
            order in proptest::collection::vec((0usize..40, proptest::bool::ANY), 1..12),
        ) {
            let pool = ["Thaw", "Drills", "Talks", "Détente"];
            // Scenario n may only depend on scenarios numbered below it: no cycles.
            let dep = |n: u64, d: Option<u64>| d.filter(|&d| d < n).into_iter().collect::<Vec<_>>();
            let members = |m: &[u64], n: u64| {
                (1..=5u64).filter(|u| m[*u as usize - 1] == n).collect::<Vec<_>>()
            };
            let build = |m: &[u64], d: &[Option<u64>], names: &[&str]| {
                let ms: Vec<Vec<u64>> = (1..=3).map(|n| members(m, n)).collect();
                let ds: Vec<Vec<u64>> = (1..=3).map(|n| dep(n, d[n as usize - 1])).collect();
                let groups: Vec<(&str, &[u64], &[u64])> = (0..3)
                    .map(|i| (names[i], ms[i].as_slice(), ds[i].as_slice()))
                    .collect();
                with_scenarios(TEXT, &groups)
            };
            let a = build(&ma, &da, &pool[..3]);
            let nb: Vec<&str> = names_b.iter().map(|&i| pool[i]).collect();
            let b = build(&mb, &db, &nb);
            let p = pairing(&a, &b);
            let s = sides(&a, &b, &p);
            let mut gold = new_gold(&a, None);
            let mut steps = 0;
            for (k, from_b) in order {
                let edit = match k % 3 {
                    0 => take_all_agreed(gold.map(), s, &p.items, &p.scenarios),
                    1 => {
                        let item = &p.items[k % p.items.len()];
                        let (u, r) = if from_b { (&item.b, &item.a) } else { (&item.a, &item.b) };
                        u.as_ref().and_then(|u| take_unit(gold.map(), s, from_b, u, r.as_ref())).map(|t| t.edit)
                    }
                    _ => {
                        let item = &p.scenarios[k % p.scenarios.len()];
                        let id = if from_b { &item.b } else { &item.a };
                        id.as_ref().and_then(|id| take_scenario(gold.map(), s, from_b, id)).map(|t| t.edit)
                    }
                };
                if let Some(e) = edit {
                    gold.apply(e).unwrap();
                    steps += 1;
                    let problems = validate(gold.map());
                    proptest::prop_assert!(problems.is_empty(), "{:?}", problems);
                }
            }
            for _ in 0..steps {
                gold.undo();
            }
            proptest::prop_assert!(gold.map().units().is_empty());
            proptest::prop_assert!(gold.map().scenarios().is_empty());
        }
    }
}
