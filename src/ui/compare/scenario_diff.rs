//! Scenarios of two annotations side by side. Scenario ids and even names
//! are each annotator's own, so a scenario of A is paired with one of B
//! first by the aligned units they share (most shared first), then, for
//! scenarios sharing none, by equal name. Each pair, and each scenario left
//! over, is a [`ScenarioItem`] saying what differs: the name, the note
//! (description or hedge), the "if X then Y" chain (what it depends on,
//! through the pairing), and the membership of aligned units. Units only
//! one annotator marked are disagreements of their own and do not count
//! here (as in `analysis::compare::scenarios`). Pure; unit-tested.

use super::items::{Item, ItemKind};
use crate::model::{ArgumentMap, Scenario, ScenarioId};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which scenario of A goes with which of B, both ways.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScenarioMatching {
    a_to_b: HashMap<ScenarioId, ScenarioId>,
    b_to_a: HashMap<ScenarioId, ScenarioId>,
}

/// The key names are compared by: trimmed, case folded.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl ScenarioMatching {
    /// Pairs the scenarios of `a` and `b`: by shared aligned units (the
    /// unit pairs of `items` with both sides), most shared first, ties by
    /// id; then the rest by equal name.
    pub fn between(a: &ArgumentMap, b: &ArgumentMap, items: &[Item]) -> Self {
        let mut shared: BTreeMap<(ScenarioId, ScenarioId), usize> = BTreeMap::new();
        for (sa, sb) in aligned_scenarios(a, b, items) {
            if let (Some(x), Some(y)) = (sa, sb) {
                *shared.entry((x.clone(), y.clone())).or_default() += 1;
            }
        }
        let mut ranked: Vec<_> = shared.into_iter().collect();
        // Stable: equal counts keep id order.
        ranked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let mut m = ScenarioMatching::default();
        for ((x, y), _) in ranked {
            m.pair(x, y);
        }
        for s in a.scenarios() {
            if m.a_to_b.contains_key(&s.id) {
                continue;
            }
            let key = name_key(&s.name);
            if let Some(t) = b
                .scenarios()
                .iter()
                .find(|t| !m.b_to_a.contains_key(&t.id) && name_key(&t.name) == key)
            {
                m.pair(s.id.clone(), t.id.clone());
            }
        }
        m
    }

    fn pair(&mut self, x: ScenarioId, y: ScenarioId) {
        if self.a_to_b.contains_key(&x) || self.b_to_a.contains_key(&y) {
            return;
        }
        self.a_to_b.insert(x.clone(), y.clone());
        self.b_to_a.insert(y, x);
    }

    /// The other annotator's scenario paired with `id` of A (`from_b`
    /// false) or of B.
    pub fn counterpart(&self, from_b: bool, id: &ScenarioId) -> Option<&ScenarioId> {
        if from_b {
            self.b_to_a.get(id)
        } else {
            self.a_to_b.get(id)
        }
    }
}

/// For each aligned unit pair of `items`, the scenario of A's unit and of B's.
fn aligned_scenarios<'m>(
    a: &'m ArgumentMap,
    b: &'m ArgumentMap,
    items: &'m [Item],
) -> impl Iterator<Item = (Option<&'m ScenarioId>, Option<&'m ScenarioId>)> + 'm {
    items.iter().filter_map(move |i| {
        let (ua, ub) = (i.a.as_ref()?, i.b.as_ref()?);
        let sa = a.unit(&ua.id).and_then(|u| u.scenario.as_ref());
        let sb = b.unit(&ub.id).and_then(|u| u.scenario.as_ref());
        Some((sa, sb))
    })
}

/// What differs between two paired scenarios.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScenarioDiffs {
    pub name: bool,
    /// Description or hedge.
    pub note: bool,
    /// What it depends on (through the pairing).
    pub depends_on: bool,
    /// Aligned units that one annotator puts in it and the other does not.
    pub members: usize,
}

impl ScenarioDiffs {
    /// Whether nothing differs.
    pub fn none(&self) -> bool {
        *self == ScenarioDiffs::default()
    }
}

/// A scenario of A, of B, or a pair of them.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioItem {
    pub a: Option<ScenarioId>,
    pub b: Option<ScenarioId>,
    pub diffs: ScenarioDiffs,
}

impl ScenarioItem {
    /// The colour kind: agree, only in A or B, or (for any difference of a
    /// pair) the tag-differs colour.
    pub fn kind(&self) -> ItemKind {
        match (&self.a, &self.b) {
            (Some(_), None) => ItemKind::OnlyA,
            (None, Some(_)) => ItemKind::OnlyB,
            _ if self.diffs.none() => ItemKind::Agree,
            _ => ItemKind::TagDiffers,
        }
    }

    /// Whether it is a disagreement.
    pub fn differs(&self) -> bool {
        self.kind() != ItemKind::Agree
    }

    /// What differs, in words: "only in A", "name, 2 members differ", …;
    /// with an answer key in a student's terms.
    pub fn describe(&self, key: bool) -> String {
        match self.kind() {
            ItemKind::OnlyA | ItemKind::OnlyB | ItemKind::Agree => {
                self.kind().label(key).to_owned()
            }
            _ => {
                let d = &self.diffs;
                let mut parts = Vec::new();
                if d.name {
                    parts.push("name".to_owned());
                }
                if d.members > 0 {
                    let s = if d.members == 1 { "" } else { "s" };
                    parts.push(format!("{} member{s}", d.members));
                }
                if d.depends_on {
                    parts.push("if-then chain".to_owned());
                }
                if d.note {
                    parts.push("note".to_owned());
                }
                let one = parts.len() == 1 && d.members <= 1;
                format!("{} differ{}", parts.join(", "), if one { "s" } else { "" })
            }
        }
    }
}

fn note_differs(x: &Scenario, y: &Scenario) -> bool {
    x.description.trim() != y.description.trim() || x.hedge.trim() != y.hedge.trim()
}

/// Every scenario of the pair as an item: A's scenarios in id order (paired
/// or not), then B's unpaired ones.
pub fn scenario_items(
    a: &ArgumentMap,
    b: &ArgumentMap,
    items: &[Item],
    matching: &ScenarioMatching,
) -> Vec<ScenarioItem> {
    let mut out = Vec::new();
    let aligned: Vec<_> = aligned_scenarios(a, b, items).collect();
    for x in a.scenarios() {
        let Some(y) = matching
            .counterpart(false, &x.id)
            .and_then(|id| b.scenario(id))
        else {
            out.push(ScenarioItem {
                a: Some(x.id.clone()),
                b: None,
                diffs: ScenarioDiffs::default(),
            });
            continue;
        };
        let mapped: BTreeSet<Option<&ScenarioId>> = x
            .depends_on
            .iter()
            .map(|d| matching.counterpart(false, d))
            .collect();
        let theirs: BTreeSet<Option<&ScenarioId>> = y.depends_on.iter().map(Some).collect();
        let members = aligned
            .iter()
            .filter(|(sa, sb)| (*sa == Some(&x.id)) != (*sb == Some(&y.id)))
            .count();
        out.push(ScenarioItem {
            a: Some(x.id.clone()),
            b: Some(y.id.clone()),
            diffs: ScenarioDiffs {
                name: name_key(&x.name) != name_key(&y.name),
                note: note_differs(x, y),
                depends_on: mapped != theirs,
                members,
            },
        });
    }
    out.extend(
        b.scenarios()
            .iter()
            .filter(|y| matching.counterpart(true, &y.id).is_none())
            .map(|y| ScenarioItem {
                a: None,
                b: Some(y.id.clone()),
                diffs: ScenarioDiffs::default(),
            }),
    );
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analysis::compare::{Annotator, Options, compare};
    use crate::model::fixture::marked;
    use crate::model::{Edit, TagScheme, UnitId, apply};

    /// A map of four speculation units and a claim, with `groups` as
    /// scenarios `(name, members, depends on)` numbered from s1.
    pub(crate) fn with_scenarios(text: &str, groups: &[(&str, &[u64], &[u64])]) -> ArgumentMap {
        let mut m = marked(text, TagScheme::argument());
        for (n, (name, _, _)) in groups.iter().enumerate() {
            apply(
                &mut m,
                Edit::AddScenario(Scenario {
                    id: ScenarioId::from_number(n as u64 + 1),
                    name: (*name).into(),
                    description: format!("About {name}."),
                    hedge: String::new(),
                    depends_on: Vec::new(),
                }),
            )
            .unwrap();
        }
        for (n, (_, units, deps)) in groups.iter().enumerate() {
            apply(
                &mut m,
                Edit::SetScenarioDependencies {
                    scenario: ScenarioId::from_number(n as u64 + 1),
                    depends_on: deps.iter().map(|&d| ScenarioId::from_number(d)).collect(),
                },
            )
            .unwrap();
            for &u in *units {
                apply(
                    &mut m,
                    Edit::SetUnitScenario {
                        unit: UnitId::from_number(u),
                        scenario: Some(ScenarioId::from_number(n as u64 + 1)),
                    },
                )
                .unwrap();
            }
        }
        m
    }

    pub(crate) const TEXT: &str = "[Speculation:a might] x [Speculation:b could] y [Speculation:c may] z [Speculation:d would] [Claim:e is]";

    pub(crate) fn items_of(a: &ArgumentMap, b: &ArgumentMap) -> Vec<Item> {
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

    fn id(n: u64) -> ScenarioId {
        ScenarioId::from_number(n)
    }

    #[test]
    fn scenarios_pair_by_shared_units_before_names() {
        // A: Thaw {1, 2}, Drills {3}; B numbers them the other way round and
        // renames Thaw; B's "Thaw" shares no unit with A's.
        let a = with_scenarios(TEXT, &[("Thaw", &[1, 2], &[]), ("Drills", &[3], &[1])]);
        let b = with_scenarios(
            TEXT,
            &[
                ("Drills", &[3], &[2]),
                ("Détente", &[1, 2], &[]),
                ("Thaw", &[], &[]),
            ],
        );
        let items = items_of(&a, &b);
        let m = ScenarioMatching::between(&a, &b, &items);
        assert_eq!(m.counterpart(false, &id(1)), Some(&id(2)));
        assert_eq!(m.counterpart(false, &id(2)), Some(&id(1)));
        assert_eq!(m.counterpart(true, &id(3)), None);
        let list = scenario_items(&a, &b, &items, &m);
        assert_eq!(list.len(), 3);
        assert!(list[0].diffs.name && list[0].diffs.members == 0);
        assert_eq!(list[0].describe(false), "name, note differ");
        // Drills depends on Thaw in A and on Détente (Thaw's partner) in B.
        assert!(list[1].diffs.none(), "{:?}", list[1]);
        assert_eq!(list[1].kind(), ItemKind::Agree);
        assert_eq!(list[2].kind(), ItemKind::OnlyB);
        assert_eq!(list[2].describe(true), "extra");
    }

    #[test]
    fn membership_chain_and_note_differences_are_counted() {
        let a = with_scenarios(TEXT, &[("Thaw", &[1, 2], &[]), ("Drills", &[3], &[1])]);
        let mut b = with_scenarios(TEXT, &[("Thaw", &[1], &[]), ("Drills", &[3, 4], &[])]);
        apply(
            &mut b,
            Edit::SetScenarioText {
                scenario: id(1),
                field: crate::model::ScenarioField::Hedge,
                value: "might".into(),
            },
        )
        .unwrap();
        let items = items_of(&a, &b);
        let m = ScenarioMatching::between(&a, &b, &items);
        let list = scenario_items(&a, &b, &items, &m);
        assert_eq!(
            list[0].diffs,
            ScenarioDiffs {
                name: false,
                note: true,
                depends_on: false,
                members: 1
            }
        );
        assert_eq!(list[0].describe(false), "1 member, note differ");
        assert!(list[1].diffs.depends_on);
        assert_eq!(list[1].diffs.members, 1);
        assert!(list.iter().all(ScenarioItem::differs));
    }

    proptest::proptest! {
        /// The pairing is one-to-one and both ways alike, and the items list
        /// every scenario of A and of B exactly once; a map against itself
        /// agrees on every scenario.
        #[test]
        fn items_cover_each_scenario_once(
            ma in proptest::collection::vec(0u64..5, 5),
            mb in proptest::collection::vec(0u64..5, 5),
            nb in proptest::collection::vec(0usize..5, 4),
        ) {
            let pool = ["Thaw", "Drills", "Talks", "Détente", "Split"];
            let build = |m: &[u64], names: &[&str]| {
                let members: Vec<Vec<u64>> = (1..=4u64)
                    .map(|n| (1..=5u64).filter(|u| m[*u as usize - 1] == n).collect())
                    .collect();
                let groups: Vec<(&str, &[u64], &[u64])> = (0..4)
                    .map(|i| (names[i], members[i].as_slice(), &[][..]))
                    .collect();
                with_scenarios(TEXT, &groups)
            };
            let a = build(&ma, &pool[..4]);
            let names_b: Vec<&str> = nb.iter().map(|&i| pool[i]).collect();
            let b = build(&mb, &names_b);
            let items = items_of(&a, &b);
            let m = ScenarioMatching::between(&a, &b, &items);
            for s in a.scenarios() {
                if let Some(t) = m.counterpart(false, &s.id) {
                    proptest::prop_assert_eq!(m.counterpart(true, t), Some(&s.id));
                }
            }
            let list = scenario_items(&a, &b, &items, &m);
            let of_a: Vec<_> = list.iter().filter_map(|i| i.a.clone()).collect();
            let mut of_b: Vec<_> = list.iter().filter_map(|i| i.b.clone()).collect();
            of_b.sort();
            let all_a: Vec<_> = a.scenarios().iter().map(|s| s.id.clone()).collect();
            let all_b: Vec<_> = b.scenarios().iter().map(|s| s.id.clone()).collect();
            proptest::prop_assert_eq!(of_a, all_a);
            proptest::prop_assert_eq!(of_b, all_b);
            let same = scenario_items(&a, &a, &items_of(&a, &a), &ScenarioMatching::between(&a, &a, &items_of(&a, &a)));
            proptest::prop_assert!(same.iter().all(|i| !i.differs()), "{:?}", same);
        }
    }
}
