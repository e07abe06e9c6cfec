//! Taking scenarios into the gold map. A [`Plan`] collects the edits of one
//! take (so each take stays one undo step) while keeping track of the gold
//! scenarios it adds, so later steps of the same take see them.
//!
//! Which gold scenario is the copy of an annotator's scenario: the one
//! carrying its name or the name of its partner on the other side (see
//! [`ScenarioMatching`]); taking B's version over A's thus renames the gold
//! copy instead of adding a second one.
//!
//! "If X then Y" chains: a scenario added to the gold map depends on the gold
//! copies of what its version depends on, as far as they are there; and when
//! X arrives later, the gold scenarios whose version (A's or B's, by their
//! gold name) depends on X are linked to it. Chains thus complete in
//! whatever order the curator takes scenarios, and no scenario is added
//! that the curator did not take (or take a unit of).

use super::scenario_diff::{ScenarioMatching, name_key};
use crate::model::{ArgumentMap, Edit, Scenario, ScenarioField, ScenarioId, UnitId};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The two annotations of the pair shown, and how their scenarios pair up.
#[derive(Clone, Copy)]
pub struct Sides<'a> {
    pub a: &'a ArgumentMap,
    pub b: &'a ArgumentMap,
    pub matching: &'a ScenarioMatching,
}

impl<'a> Sides<'a> {
    /// A's map (`from_b` false) or B's.
    pub fn side(&self, from_b: bool) -> &'a ArgumentMap {
        if from_b { self.b } else { self.a }
    }

    /// The names the gold copy of `id` (of A or B) may carry: its own, then
    /// its partner's.
    fn names(&self, from_b: bool, id: &ScenarioId) -> Vec<String> {
        let own = self.side(from_b).scenario(id).map(|s| name_key(&s.name));
        let partner = self
            .matching
            .counterpart(from_b, id)
            .and_then(|p| self.side(!from_b).scenario(p))
            .map(|s| name_key(&s.name));
        own.into_iter().chain(partner).collect()
    }
}

/// The edits of one take under way, and the gold scenarios as they will be.
pub struct Plan<'a> {
    gold: &'a ArgumentMap,
    sides: Sides<'a>,
    /// Scenario edits first (so units can join them), then the rest.
    scenario_edits: Vec<Edit>,
    edits: Vec<Edit>,
    /// Gold scenarios by name key, with those added by this plan.
    by_name: HashMap<String, ScenarioId>,
    /// What each gold scenario depends on, as this plan leaves it.
    deps: BTreeMap<ScenarioId, Vec<ScenarioId>>,
    /// Scenarios this plan adds, with the side (B: `true`) whose version it is.
    added: Vec<(ScenarioId, bool)>,
    /// Dependencies this plan set explicitly (taken versions): not touched
    /// again when linking.
    explicit: HashSet<ScenarioId>,
    next: u64,
}

impl<'a> Plan<'a> {
    /// An empty plan against `gold`.
    pub fn new(gold: &'a ArgumentMap, sides: Sides<'a>) -> Self {
        Plan {
            gold,
            sides,
            scenario_edits: Vec::new(),
            edits: Vec::new(),
            by_name: gold
                .scenarios()
                .iter()
                .map(|s| (name_key(&s.name), s.id.clone()))
                .collect(),
            deps: gold
                .scenarios()
                .iter()
                .map(|s| (s.id.clone(), s.depends_on.clone()))
                .collect(),
            added: Vec::new(),
            explicit: HashSet::new(),
            next: gold.next_scenario_id().number().unwrap_or(1),
        }
    }

    /// The gold copy of scenario `id` of A or B, if the gold map has one
    /// (or this plan adds one).
    pub fn gold_copy(&self, from_b: bool, id: &ScenarioId) -> Option<ScenarioId> {
        self.sides
            .names(from_b, id)
            .iter()
            .find_map(|n| self.by_name.get(n).cloned())
    }

    /// The gold copy of `id`, adding that side's version when there is none.
    pub fn ensure(&mut self, from_b: bool, id: &ScenarioId) -> Option<ScenarioId> {
        if let Some(g) = self.gold_copy(from_b, id) {
            return Some(g);
        }
        let s = self.sides.side(from_b).scenario(id)?;
        let gid = ScenarioId::from_number(self.next);
        self.next += 1;
        self.scenario_edits.push(Edit::AddScenario(Scenario {
            id: gid.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            hedge: s.hedge.clone(),
            depends_on: Vec::new(),
        }));
        self.by_name.insert(name_key(&s.name), gid.clone());
        self.deps.insert(gid.clone(), Vec::new());
        self.added.push((gid.clone(), from_b));
        Some(gid)
    }

    /// Names of the scenarios this plan adds, for the status line.
    pub fn added_names(&self) -> Vec<String> {
        self.scenario_edits
            .iter()
            .filter_map(|e| match e {
                Edit::AddScenario(s) => Some(s.name.clone()),
                _ => None,
            })
            .collect()
    }

    /// Adds a unit or relation edit (after the scenario edits).
    pub fn push(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    /// Makes the gold copy of scenario `id` of A or B that side's version:
    /// name, note, what it depends on (as far as those are in gold) and its
    /// members (the gold units with a member's span and tag join it; the
    /// gold units in it that are no member leave it). Returns the gold id
    /// and how many members are not in the gold map yet.
    pub fn take_scenario(&mut self, from_b: bool, id: &ScenarioId) -> Option<(ScenarioId, usize)> {
        let source = self.sides.side(from_b);
        let s = source.scenario(id)?;
        let existing = self.gold_copy(from_b, id);
        let gid = self.ensure(from_b, id)?;
        if let Some(g) = existing.as_ref().and_then(|g| self.gold.scenario(g)) {
            for (field, now, want) in [
                (ScenarioField::Name, &g.name, &s.name),
                (ScenarioField::Description, &g.description, &s.description),
                (ScenarioField::Hedge, &g.hedge, &s.hedge),
            ] {
                if now != want {
                    self.scenario_edits.push(Edit::SetScenarioText {
                        scenario: gid.clone(),
                        field,
                        value: want.clone(),
                    });
                }
            }
            if g.name != s.name {
                self.by_name.retain(|_, v| *v != gid);
                self.by_name.insert(name_key(&s.name), gid.clone());
            }
        }
        let want: Vec<ScenarioId> = s
            .depends_on
            .iter()
            .filter_map(|d| self.gold_copy(from_b, d))
            .filter(|d| !self.reaches(d, &gid))
            .collect();
        self.deps.insert(gid.clone(), want);
        self.explicit.insert(gid.clone());
        let gold_units: HashMap<(usize, usize, &str), (&UnitId, Option<&ScenarioId>)> = self
            .gold
            .units()
            .iter()
            .map(|u| {
                (
                    (u.start, u.end, u.kind.as_str()),
                    (&u.id, u.scenario.as_ref()),
                )
            })
            .collect();
        let mut members = HashSet::new();
        let mut missing = 0;
        for u in source.units_in(id) {
            match gold_units.get(&(u.start, u.end, u.kind.as_str())) {
                Some((uid, now)) => {
                    members.insert((*uid).clone());
                    if *now != Some(&gid) {
                        self.edits.push(Edit::SetUnitScenario {
                            unit: (*uid).clone(),
                            scenario: Some(gid.clone()),
                        });
                    }
                }
                None => missing += 1,
            }
        }
        for u in self.gold.units_in(&gid) {
            if !members.contains(&u.id) {
                self.edits.push(Edit::SetUnitScenario {
                    unit: u.id.clone(),
                    scenario: None,
                });
            }
        }
        Some((gid, missing))
    }

    /// Whether `from` depends on `to`, directly or through others, as the
    /// plan leaves the gold map (so a new link `to → from` would loop).
    fn reaches(&self, from: &ScenarioId, to: &ScenarioId) -> bool {
        let mut seen = HashSet::new();
        let mut stack = vec![from.clone()];
        while let Some(s) = stack.pop() {
            if s == *to {
                return true;
            }
            if seen.insert(s.clone()) {
                stack.extend(self.deps.get(&s).into_iter().flatten().cloned());
            }
        }
        false
    }

    /// The versions (A's, B's) a gold scenario stands for: those carrying
    /// its name.
    fn versions(&self, gold_id: &ScenarioId) -> Vec<(bool, &'a Scenario)> {
        let name = self
            .by_name
            .iter()
            .find(|(_, v)| *v == gold_id)
            .map(|(k, _)| k);
        let Some(name) = name else { return Vec::new() };
        [false, true]
            .into_iter()
            .flat_map(|from_b| {
                self.sides
                    .side(from_b)
                    .scenarios()
                    .iter()
                    .filter(move |s| name_key(&s.name) == *name)
                    .map(move |s| (from_b, s))
            })
            .collect()
    }

    /// Links the chains to the scenarios this plan adds, then returns the
    /// whole take as one edit (`None` when it changes nothing).
    pub fn finish(mut self) -> Option<Edit> {
        let added: Vec<ScenarioId> = self.added.iter().map(|(id, _)| id.clone()).collect();
        let all: Vec<ScenarioId> = self.deps.keys().cloned().collect();
        for x in &all {
            if self.explicit.contains(x) {
                continue;
            }
            // A scenario this plan adds follows the version it was made from.
            let side = self.added.iter().find(|(id, _)| id == x).map(|(_, b)| *b);
            let versions = self.versions(x);
            for (from_b, version) in versions
                .into_iter()
                .filter(|(b, _)| side.is_none_or(|s| s == *b))
            {
                for d in &version.depends_on {
                    let Some(g) = self.gold_copy(from_b, d) else {
                        continue;
                    };
                    let have = self.deps.get(x).is_some_and(|v| v.contains(&g));
                    let new_link = added.contains(&g) || added.contains(x);
                    if new_link && !have && g != *x && !self.reaches(&g, x) {
                        self.deps.entry(x.clone()).or_default().push(g);
                    }
                }
            }
        }
        for (id, want) in &self.deps {
            let before = self
                .gold
                .scenario(id)
                .map_or(&[][..], |s| s.depends_on.as_slice());
            if before != want.as_slice() {
                self.edits.push(Edit::SetScenarioDependencies {
                    scenario: id.clone(),
                    depends_on: want.clone(),
                });
            }
        }
        let mut edits = self.scenario_edits;
        edits.extend(self.edits);
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }
}
