//! The support/attack graph of a map, indexed by unit position and built
//! once per analysis, so every check walks plain vectors instead of looking
//! ids up. Rephrase relations are left out (they neither support nor attack),
//! as are relations that name a unit the map lacks (validation reports those).

use crate::model::{ArgumentMap, RelationId, RelationKind, Role};

/// A support or attack relation between unit positions.
#[derive(Clone, Debug)]
pub(crate) struct Edge {
    pub id: RelationId,
    pub kind: RelationKind,
    /// Positions of the source units, without duplicates.
    pub sources: Vec<usize>,
    pub target: usize,
}

/// Units and their support/attack relations.
pub(crate) struct Graph<'m> {
    pub map: &'m ArgumentMap,
    pub edges: Vec<Edge>,
    /// Edges into each unit.
    pub incoming: Vec<Vec<usize>>,
    /// Edges out of each unit (it is one of the sources).
    pub outgoing: Vec<Vec<usize>>,
    /// The role of each unit's tag.
    pub roles: Vec<Role>,
}

impl<'m> Graph<'m> {
    /// Indexes the map.
    pub fn new(map: &'m ArgumentMap) -> Self {
        let n = map.units().len();
        let mut g = Graph {
            map,
            edges: Vec::new(),
            incoming: vec![Vec::new(); n],
            outgoing: vec![Vec::new(); n],
            roles: map
                .units()
                .iter()
                .map(|u| map.scheme().role_of(&u.kind))
                .collect(),
        };
        let at = map.unit_positions();
        for r in map.relations() {
            if r.kind == RelationKind::Rephrase {
                continue;
            }
            let Some(&target) = at.get(&r.target) else {
                continue;
            };
            let resolved: Option<Vec<usize>> =
                r.sources.iter().map(|s| at.get(s).copied()).collect();
            let Some(mut sources) = resolved.filter(|s| !s.is_empty()) else {
                continue;
            };
            sources.sort_unstable();
            sources.dedup();
            let e = g.edges.len();
            g.incoming[target].push(e);
            for &s in &sources {
                g.outgoing[s].push(e);
            }
            g.edges.push(Edge {
                id: r.id.clone(),
                kind: r.kind,
                sources,
                target,
            });
        }
        g
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.roles.len()
    }

    /// Edges of `kind` into unit `u`.
    pub fn incoming_of(&self, u: usize, kind: RelationKind) -> impl Iterator<Item = &Edge> {
        self.incoming[u]
            .iter()
            .map(|&e| &self.edges[e])
            .filter(move |e| e.kind == kind)
    }
}
