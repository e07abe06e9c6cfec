//! The map as a graph: which units, scenarios and junctions become nodes,
//! and which edges join them. Tolerates broken maps (dangling ids,
//! duplicates): whatever cannot be drawn is left out rather than panicking.

use super::label::{LabelSource, scenario_label, unit_label};
use super::style::{self, Arrowhead, EdgeKind};
use crate::model::{ArgumentMap, RelationId, Rgb, Role, ScenarioId, UnitId};
use std::collections::BTreeMap;

/// What a map node stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A tagged unit.
    Unit {
        unit: UnitId,
        /// The tag name, as in the scheme.
        tag: String,
        role: Role,
    },
    /// A scenario.
    Scenario { scenario: ScenarioId },
    /// Where the sources of a linked argument meet before one arrow to the
    /// target (AIF's RA node).
    Junction { relation: RelationId },
}

/// One node of the map graph.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphNode {
    /// `u12`, `s3`, or `j` + relation id (`jr4`) for junctions.
    pub id: String,
    pub kind: NodeKind,
    /// Tag colour (scenarios: the speculation colour; junctions: the edge colour).
    pub color: Rgb,
    /// Label text before wrapping (empty for junctions).
    pub label: String,
}

/// One edge of the map graph; the target is drawn above the source.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphEdge {
    /// Index into [`MapGraph::nodes`].
    pub from: usize,
    /// Index into [`MapGraph::nodes`].
    pub to: usize,
    pub kind: EdgeKind,
    /// The relation drawn (support, attack, rephrase); `None` for scenario edges.
    pub relation: Option<RelationId>,
    /// The head at `to`: none on the segments into a junction.
    pub head: Arrowhead,
}

/// Nodes and edges of a map, in a deterministic order: units in text
/// order, then scenarios, then junctions; edges by relation, then scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// The id of the junction node of a linked relation.
pub fn junction_id(relation: &RelationId) -> String {
    format!("j{relation}")
}

impl MapGraph {
    /// Builds the graph of `map`; units and scenarios with no edge at all
    /// are nodes too (the layout sets them aside).
    pub fn build(map: &ArgumentMap, labels: LabelSource, max_words: usize) -> MapGraph {
        let mut g = MapGraph::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let scheme = map.scheme();
        let scenario_color = scheme
            .first_with_role(Role::Speculation)
            .map_or(style::SCENARIO, |t| t.color);
        for u in map.units() {
            if index.contains_key(u.id.as_str()) {
                continue;
            }
            let tag = scheme.tag(&u.kind);
            index.insert(u.id.0.clone(), g.nodes.len());
            g.nodes.push(GraphNode {
                id: u.id.0.clone(),
                kind: NodeKind::Unit {
                    unit: u.id.clone(),
                    tag: u.kind.clone(),
                    role: tag.map_or(Role::Other, |t| t.role),
                },
                color: tag.map_or(style::UNKNOWN_TAG, |t| t.color),
                label: unit_label(u, labels, max_words),
            });
        }
        for s in map.scenarios() {
            if index.contains_key(s.id.as_str()) {
                continue;
            }
            index.insert(s.id.0.clone(), g.nodes.len());
            g.nodes.push(GraphNode {
                id: s.id.0.clone(),
                kind: NodeKind::Scenario {
                    scenario: s.id.clone(),
                },
                color: scenario_color,
                label: scenario_label(s, max_words),
            });
        }
        for r in map.relations() {
            let Some(&target) = index.get(r.target.as_str()) else {
                continue;
            };
            let mut sources: Vec<usize> = Vec::new();
            for s in &r.sources {
                if let Some(&i) = index.get(s.as_str())
                    && i != target
                    && !sources.contains(&i)
                    && matches!(g.nodes[i].kind, NodeKind::Unit { .. })
                {
                    sources.push(i);
                }
            }
            let kind = EdgeKind::from(r.kind);
            let edge = |from, to, head| GraphEdge {
                from,
                to,
                kind,
                relation: Some(r.id.clone()),
                head,
            };
            match sources.as_slice() {
                [] => {}
                [one] => g.edges.push(edge(*one, target, kind.head())),
                many => {
                    let j = g.nodes.len();
                    g.nodes.push(GraphNode {
                        id: junction_id(&r.id),
                        kind: NodeKind::Junction {
                            relation: r.id.clone(),
                        },
                        color: kind.color(),
                        label: String::new(),
                    });
                    for &s in many {
                        g.edges.push(edge(s, j, Arrowhead::None));
                    }
                    g.edges.push(edge(j, target, kind.head()));
                }
            }
        }
        for u in map.units() {
            let (Some(sc), Some(&ui)) = (&u.scenario, index.get(u.id.as_str())) else {
                continue;
            };
            if let Some(&si) = index.get(sc.as_str())
                && matches!(g.nodes[si].kind, NodeKind::Scenario { .. })
            {
                g.edges.push(GraphEdge {
                    from: si,
                    to: ui,
                    kind: EdgeKind::Membership,
                    relation: None,
                    head: EdgeKind::Membership.head(),
                });
            }
        }
        for s in map.scenarios() {
            let Some(&si) = index.get(s.id.as_str()) else {
                continue;
            };
            let mut seen = Vec::new();
            for d in &s.depends_on {
                if let Some(&di) = index.get(d.as_str())
                    && di != si
                    && !seen.contains(&di)
                    && matches!(g.nodes[di].kind, NodeKind::Scenario { .. })
                {
                    seen.push(di);
                    g.edges.push(GraphEdge {
                        from: si,
                        to: di,
                        kind: EdgeKind::Dependency,
                        relation: None,
                        head: EdgeKind::Dependency.head(),
                    });
                }
            }
        }
        g
    }

    /// Whether each node has at least one edge.
    pub fn connected(&self) -> Vec<bool> {
        let mut c = vec![false; self.nodes.len()];
        for e in &self.edges {
            c[e.from] = true;
            c[e.to] = true;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{link, marked};
    use crate::model::{RelationKind, TagScheme};

    #[test]
    fn linked_arguments_meet_at_a_junction() {
        let mut map = marked(
            "[Main claim:RELOS matters] because [Premise:ships refuel] and [Evidence:ports open] [Claim:aside]",
            TagScheme::argument(),
        );
        link(&mut map, RelationKind::Support, &[2, 3], 1);
        let g = MapGraph::build(&map, LabelSource::Quote, 12);
        let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["u1", "u2", "u3", "u4", "jr1"]);
        let e: Vec<(&str, &str, Arrowhead)> = g
            .edges
            .iter()
            .map(|e| (ids[e.from], ids[e.to], e.head))
            .collect();
        assert_eq!(
            e,
            [
                ("u2", "jr1", Arrowhead::None),
                ("u3", "jr1", Arrowhead::None),
                ("jr1", "u1", Arrowhead::Arrow)
            ]
        );
        assert!(
            g.edges
                .iter()
                .all(|e| e.relation.as_ref().is_some_and(|r| r.0 == "r1"))
        );
        assert_eq!(g.connected(), [true, true, true, false, true]);
        assert_eq!(g.nodes[0].label, "RELOS matters");
    }

    #[test]
    fn dangling_references_are_skipped() {
        let mut parts = marked("[Claim:a] [Premise:b]", TagScheme::argument()).to_parts();
        parts.relations.push(crate::model::Relation {
            id: RelationId::from("r9"),
            kind: RelationKind::Attack,
            sources: vec![UnitId::from("u2"), UnitId::from("u404"), UnitId::from("u2")],
            target: UnitId::from("u1"),
            note: String::new(),
        });
        parts.relations.push(crate::model::Relation {
            id: RelationId::from("r10"),
            kind: RelationKind::Support,
            sources: vec![UnitId::from("u1")],
            target: UnitId::from("u404"),
            note: String::new(),
        });
        parts.units[0].scenario = Some(ScenarioId::from("s404"));
        let map = ArgumentMap::from_parts(parts);
        let g = MapGraph::build(&map, LabelSource::Quote, 12);
        assert_eq!(g.nodes.len(), 2);
        assert_eq!(g.edges.len(), 1);
        assert_eq!(g.edges[0].head, Arrowhead::Bar);
    }
}
