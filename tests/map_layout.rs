//! Properties of the map layout on generated maps: boxes never overlap,
//! edges run up toward their conclusions, the same map always gives the
//! same picture, unlinked units are set aside, hand placements win.

use argmark::graph::text::text_width;
use argmark::graph::{LayoutOptions, MapLayout, NodeKind, Placement, Point};
use argmark::model::{
    ArgumentMap, MapParts, Pos, Relation, RelationId, RelationKind, Role, Scenario, ScenarioId,
    TagScheme, Unit, UnitId,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const WORDS: &[&str] = &[
    "RELOS",
    "agreement",
    "will",
    "likely",
    "presage",
    "naval",
    "drills",
    "in",
    "India’s",
    "ocean",
    "Détente",
    "“pivot”",
    "Россия",
    "中文",
    "a",
    "strategic-partnership-between-both-sides",
];

/// A map described by indices, turned into a real one by [`build`].
#[derive(Clone, Debug)]
struct Spec {
    /// Per unit: tag index (into the non-main tags) and word choices.
    units: Vec<(usize, Vec<usize>)>,
    main_claim: bool,
    /// (sources, target, kind) by unit index.
    relations: Vec<(Vec<usize>, usize, usize)>,
    /// Per scenario: the scenarios it depends on.
    scenarios: Vec<Vec<usize>>,
    /// (unit, scenario) memberships.
    members: Vec<(usize, usize)>,
}

fn spec(max_units: usize) -> impl Strategy<Value = Spec> {
    (1..max_units).prop_flat_map(|n| {
        (
            prop::collection::vec((0usize..4, prop::collection::vec(0..WORDS.len(), 1..20)), n),
            any::<bool>(),
            prop::collection::vec(
                (prop::collection::vec(0..n, 1..4), 0..n, 0usize..3),
                0..(2 * n),
            ),
            prop::collection::vec(prop::collection::vec(0usize..4, 0..3), 0..4),
            prop::collection::vec((0..n, 0usize..4), 0..n),
        )
            .prop_map(|(units, main_claim, relations, scenarios, members)| Spec {
                units,
                main_claim,
                relations,
                scenarios,
                members,
            })
    })
}

/// Builds the map. With `acyclic`, relations only run from later units to
/// earlier ones and scenarios only depend on earlier scenarios, and the only
/// main claim is u1, which is then never a source.
fn build(s: &Spec, acyclic: bool) -> ArgumentMap {
    let scheme = TagScheme::argument();
    let others: Vec<String> = scheme
        .tags
        .iter()
        .filter(|t| t.role != Role::MainClaim)
        .map(|t| t.name.clone())
        .collect();
    let main = scheme
        .first_with_role(Role::MainClaim)
        .map(|t| t.name.clone())
        .unwrap_or_default();
    let mut text = String::new();
    let mut units = Vec::new();
    for (i, (tag, words)) in s.units.iter().enumerate() {
        let quote: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
        let quote = quote.join(" ");
        let start = text.chars().count();
        text.push_str(&quote);
        let end = text.chars().count();
        text.push_str(". ");
        units.push(Unit {
            id: UnitId::from_number(i as u64 + 1),
            kind: if i == 0 && s.main_claim {
                main.clone()
            } else {
                others[tag % others.len()].clone()
            },
            start,
            end,
            quote,
            note: String::new(),
            scenario: None,
        });
    }
    let sc_count = s.scenarios.len();
    for &(u, sc) in &s.members {
        if sc < sc_count {
            units[u].scenario = Some(ScenarioId::from_number(sc as u64 + 1));
        }
    }
    let scenarios = s
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, deps)| Scenario {
            id: ScenarioId::from_number(i as u64 + 1),
            name: format!("Scenario {i} & <more>"),
            description: String::new(),
            hedge: String::new(),
            depends_on: deps
                .iter()
                .filter(|&&d| d < sc_count && (!acyclic || d < i))
                .map(|&d| ScenarioId::from_number(d as u64 + 1))
                .collect(),
        })
        .collect();
    let mut relations = Vec::new();
    for (sources, target, kind) in &s.relations {
        let sources: Vec<UnitId> = sources
            .iter()
            .filter(|&&src| !acyclic || src > *target)
            .map(|&src| UnitId::from_number(src as u64 + 1))
            .collect();
        if sources.is_empty() {
            continue;
        }
        relations.push(Relation {
            id: RelationId::from_number(relations.len() as u64 + 1),
            kind: RelationKind::ALL[*kind],
            sources,
            target: UnitId::from_number(*target as u64 + 1),
            note: String::new(),
        });
    }
    ArgumentMap::from_parts(MapParts {
        text,
        scheme: Some(scheme),
        units,
        scenarios,
        relations,
        ..MapParts::default()
    })
}

fn layout(map: &ArgumentMap) -> MapLayout {
    MapLayout::compute(map, &LayoutOptions::default())
}

/// Unit ids that take part in a relation (with another unit) or a scenario.
fn linked_units(map: &ArgumentMap) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in map.relations() {
        if r.sources.iter().any(|s| *s != r.target) {
            out.insert(r.target.0.clone());
            out.extend(r.sources.iter().map(|s| s.0.clone()));
        }
    }
    for u in map.units() {
        if u.scenario.is_some() {
            out.insert(u.id.0.clone());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn no_two_boxes_overlap(s in spec(40), acyclic in any::<bool>()) {
        let l = layout(&build(&s, acyclic));
        for (i, a) in l.nodes.iter().enumerate() {
            for b in &l.nodes[i + 1..] {
                prop_assert!(!a.rect.overlaps(&b.rect), "{} {:?} overlaps {} {:?}", a.id, a.rect, b.id, b.rect);
            }
            prop_assert!(l.bounds.contains(a.rect.min) && l.bounds.contains(a.rect.max));
        }
    }

    #[test]
    fn edges_of_an_acyclic_map_point_up_to_a_higher_layer(s in spec(40)) {
        let map = build(&s, true);
        let l = layout(&map);
        for e in &l.edges {
            let (from, to) = (l.node(&e.from).unwrap(), l.node(&e.to).unwrap());
            let (Placement::Layered { layer: a }, Placement::Layered { layer: b }) = (from.placement, to.placement) else {
                panic!("{} and {} should be layered", e.from, e.to);
            };
            prop_assert!(a > b, "{:?} edge {} (layer {a}) -> {} (layer {b})", e.kind, e.from, e.to);
            prop_assert!(from.rect.center().y > to.rect.center().y);
            // The polyline leaves the source and ends at the target.
            let (first, last) = (e.points[0], *e.points.last().unwrap());
            prop_assert!(first.y >= last.y, "{:?}", e.points);
            prop_assert!(to.rect.expand(0.01).contains(last));
            prop_assert!(from.rect.expand(0.01).contains(first));
        }
    }

    #[test]
    fn the_main_claim_is_alone_on_top(s in spec(30), acyclic in any::<bool>()) {
        let map = build(&s, acyclic);
        let l = layout(&map);
        let main: Vec<_> = l.nodes.iter().filter(|n| n.is_main_claim()).collect();
        if let [m] = main.as_slice() && m.placement != Placement::Aside {
            prop_assert_eq!(m.placement, Placement::Layered { layer: 0 });
            for n in &l.nodes {
                if n.id != m.id && let Placement::Layered { layer } = n.placement {
                    prop_assert!(layer > 0, "{} shares the top layer", n.id);
                    prop_assert!(n.rect.min.y > m.rect.min.y);
                }
            }
        }
    }

    #[test]
    fn the_same_map_gives_the_same_layout(s in spec(40), acyclic in any::<bool>()) {
        let map = build(&s, acyclic);
        let a = layout(&map);
        let b = layout(&map.clone());
        prop_assert_eq!(&a, &b);
        // Also when the map is rebuilt from its parts (fresh indexes).
        let c = layout(&ArgumentMap::from_parts(map.to_parts()));
        prop_assert_eq!(&a, &c);
    }

    #[test]
    fn unlinked_units_are_set_aside_in_a_grid(s in spec(40), acyclic in any::<bool>()) {
        let map = build(&s, acyclic);
        let l = layout(&map);
        let linked = linked_units(&map);
        let layered_right = l.nodes.iter()
            .filter(|n| matches!(n.placement, Placement::Layered { .. }))
            .map(|n| n.rect.max.x)
            .fold(f32::NEG_INFINITY, f32::max);
        let (mut rows, mut cols) = (BTreeSet::new(), BTreeSet::new());
        for u in map.units() {
            let n = l.node(u.id.as_str()).unwrap();
            if linked.contains(u.id.as_str()) {
                prop_assert!(matches!(n.placement, Placement::Layered { .. }), "{} is linked", u.id);
            } else {
                prop_assert_eq!(n.placement, Placement::Aside, "{} is unlinked", &u.id);
                let area = l.aside.unwrap();
                prop_assert!(area.contains(n.rect.min) && area.contains(n.rect.max));
                prop_assert!(n.rect.min.x > layered_right);
                // Compared to a hundredth: centres are computed from edges.
                rows.insert((n.rect.center().y * 100.0).round() as i64);
                cols.insert((n.rect.center().x * 100.0).round() as i64);
            }
        }
        // A grid: every unit on shared rows and columns, only the last row partly filled.
        let unlinked = map.units().len() - linked.len();
        if unlinked > 0 {
            let cells = rows.len() * cols.len();
            prop_assert!(cells >= unlinked && cells < unlinked + cols.len(), "{} rows × {} columns for {unlinked}", rows.len(), cols.len());
        }
    }

    #[test]
    fn labels_fit_their_boxes(s in spec(25)) {
        let o = LayoutOptions::default();
        let l = MapLayout::compute(&build(&s, false), &o);
        for n in &l.nodes {
            if matches!(n.kind, NodeKind::Junction { .. }) {
                prop_assert!(n.lines.is_empty());
                continue;
            }
            prop_assert!(!n.lines.is_empty());
            prop_assert!(n.lines.len() <= o.max_lines, "{:?}", n.lines);
            for line in &n.lines {
                prop_assert!(text_width(line, o.font_size) + 2.0 * o.padding_x <= n.rect.width() + 0.01);
            }
            let words: usize = n.lines.iter().map(|l| l.split_whitespace().count()).sum();
            prop_assert!(words <= o.max_words + 4, "{:?}", n.lines);
        }
    }

    #[test]
    fn hand_placed_nodes_keep_their_place(s in spec(25), picks in prop::collection::vec((0usize..40, -500i16..500, -500i16..500), 1..5)) {
        let map = build(&s, false);
        let auto = layout(&map);
        let mut parts = map.to_parts();
        let mut placed = BTreeMap::new();
        let placeable: Vec<_> = auto.nodes.iter().filter(|n| !matches!(n.kind, NodeKind::Junction { .. })).collect();
        for (i, x, y) in picks {
            let node = placeable[i % placeable.len()];
            let pos = Pos { x: f32::from(x), y: f32::from(y) };
            parts.positions.insert(node.id.clone(), pos);
            placed.insert(node.id.clone(), pos);
        }
        let l = layout(&ArgumentMap::from_parts(parts));
        for n in &l.nodes {
            match placed.get(&n.id) {
                Some(p) => {
                    prop_assert_eq!(n.placement, Placement::Pinned);
                    prop_assert_eq!(n.rect.center(), Point::new(p.x, p.y));
                    prop_assert!(l.bounds.contains(n.rect.min) && l.bounds.contains(n.rect.max));
                }
                // Everything else stays where the automatic layout put it.
                None => prop_assert_eq!(Some(n.rect), auto.node(&n.id).map(|a| a.rect)),
            }
        }
        for e in &l.edges {
            if placed.contains_key(&e.from) || placed.contains_key(&e.to) {
                prop_assert_eq!(e.points.len(), 2, "straight to a placed node");
            }
        }
    }
}

#[test]
fn a_linked_argument_meets_at_one_junction_before_its_target() {
    use argmark::model::fixture::{link, marked};
    let mut map = marked(
        "[Main claim:RELOS confirms the partnership]. [Evidence:They signed RELOS] and [Premise:military diplomacy is pivotal].",
        TagScheme::argument(),
    );
    link(&mut map, RelationKind::Support, &[2, 3], 1);
    let l = layout(&map);
    let j = l.junctions().next().expect("a junction");
    assert_eq!(j.id, "jr1");
    let segments: Vec<_> = l
        .edges
        .iter()
        .filter(|e| e.relation.as_ref().map(|r| r.as_str()) == Some("r1"))
        .collect();
    assert_eq!(segments.len(), 3);
    let into: Vec<&str> = segments
        .iter()
        .filter(|e| e.to == "jr1")
        .map(|e| e.from.as_str())
        .collect();
    assert_eq!(into, ["u2", "u3"]);
    let out: Vec<_> = segments.iter().filter(|e| e.from == "jr1").collect();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].to, "u1");
    assert_eq!(out[0].head, argmark::graph::Arrowhead::Arrow);
    assert!(
        segments
            .iter()
            .filter(|e| e.to == "jr1")
            .all(|e| e.head == argmark::graph::Arrowhead::None)
    );
    // Junction between sources and target; the main claim on top.
    let (m, e, p) = (
        l.node("u1").unwrap(),
        l.node("u2").unwrap(),
        l.node("u3").unwrap(),
    );
    assert!(m.rect.max.y < j.rect.min.y && j.rect.max.y < e.rect.min.y.min(p.rect.min.y));
}

#[test]
fn junctions_cannot_be_placed_by_hand() {
    use argmark::model::fixture::{link, marked};
    let mut map = marked(
        "[Main claim:A] [Premise:B] [Evidence:C]",
        TagScheme::argument(),
    );
    link(&mut map, RelationKind::Support, &[2, 3], 1);
    let auto = layout(&map);
    let mut parts = map.to_parts();
    parts.positions.insert(
        "jr1".into(),
        Pos {
            x: -900.0,
            y: -900.0,
        },
    );
    let l = layout(&ArgumentMap::from_parts(parts));
    assert_eq!(l.node("jr1"), auto.node("jr1"));
}

#[test]
fn hit_testing_finds_nodes_and_edges() {
    use argmark::model::fixture::{link, marked};
    let mut map = marked(
        "[Main claim:A claim]. [Premise:A reason].",
        TagScheme::argument(),
    );
    link(&mut map, RelationKind::Attack, &[2], 1);
    let l = layout(&map);
    let u1 = l.node("u1").unwrap();
    assert_eq!(
        l.node_at(u1.rect.center()).map(|n| n.id.as_str()),
        Some("u1")
    );
    let e = &l.edges[0];
    let mid = Point::new(
        (e.points[0].x + e.points[1].x) / 2.0,
        (e.points[0].y + e.points[1].y) / 2.0,
    );
    assert_eq!(
        l.edge_at(mid, 4.0)
            .and_then(|e| e.relation.clone())
            .map(|r| r.0),
        Some("r1".to_owned())
    );
    assert!(l.node_at(Point::new(l.bounds.max.x + 50.0, 0.0)).is_none());
    assert!(
        l.edge_at(Point::new(l.bounds.max.x + 50.0, 0.0), 4.0)
            .is_none()
    );
}

/// A forest of `trees` small argument trees (a claim with three premises
/// each): many unconnected parts, as in a long document.
fn forest(trees: usize) -> ArgumentMap {
    let scheme = TagScheme::argument();
    let mut parts = MapParts {
        scheme: Some(scheme),
        ..MapParts::default()
    };
    let mut relations = Vec::new();
    for t in 0..trees {
        for k in 0..4 {
            let n = (t * 4 + k) as u64 + 1;
            let quote = format!("point {n} of the argument");
            let start = parts.text.chars().count();
            parts.text.push_str(&quote);
            parts.units.push(Unit {
                id: UnitId::from_number(n),
                kind: if k == 0 { "Claim" } else { "Premise" }.into(),
                start,
                end: start + quote.chars().count(),
                quote,
                note: String::new(),
                scenario: None,
            });
            parts.text.push_str(". ");
            if k > 0 {
                relations.push(Relation {
                    id: RelationId::from_number(relations.len() as u64 + 1),
                    kind: RelationKind::Support,
                    sources: vec![UnitId::from_number(n)],
                    target: UnitId::from_number(n - k as u64),
                    note: String::new(),
                });
            }
        }
    }
    parts.relations = relations;
    ArgumentMap::from_parts(parts)
}

#[test]
fn a_wide_forest_wraps_into_rows_of_a_landscape_block() {
    let map = forest(400);
    let l = layout(&map);
    let aspect = l.bounds.width() / l.bounds.height();
    assert!(
        (0.8..=3.0).contains(&aspect),
        "{} x {}",
        l.bounds.width(),
        l.bounds.height()
    );
    // Still a proper layered drawing: nothing overlaps, arrows point up.
    for (i, a) in l.nodes.iter().enumerate() {
        for b in &l.nodes[i + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{} overlaps {}", a.id, b.id);
        }
    }
    for e in &l.edges {
        let (from, to) = (l.node(&e.from).unwrap(), l.node(&e.to).unwrap());
        assert!(
            from.rect.center().y > to.rect.center().y,
            "{} -> {}",
            e.from,
            e.to
        );
    }
    assert_eq!(l.notice, None);
}

#[test]
fn a_dense_clique_is_laid_out_within_budget_and_says_so() {
    let n = 150u64;
    let map = argmark::model::fixture::clique(n);
    let l = layout(&map);
    assert_eq!(l.edges.len(), (n * (n - 1) / 2) as usize);
    let notice = l.notice.expect("a dense map says it was simplified");
    assert!(notice.contains("Dense map"), "{notice}");
    assert!(l.edges.iter().all(|e| e.points.len() >= 2));
}
