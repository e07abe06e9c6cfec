//! Circular support: groups of units that, through support relations, end up
//! supporting themselves. Each strongly connected component of the support
//! graph is reported once, with one concrete loop through it to show a coach.

use super::graph::Graph;
use crate::model::{RelationKind, UnitId};
use std::collections::{HashMap, HashSet, VecDeque};

/// Units that support each other in a circle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportCycle {
    /// Every unit of the strongly connected component, in id order.
    pub units: Vec<UnitId>,
    /// A shortest loop through the component's first unit, in support order:
    /// `[a, b, c]` means a supports b, b supports c, c supports a.
    pub path: Vec<UnitId>,
}

/// Support successors of each unit: the targets it helps support.
fn successors(g: &Graph) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); g.len()];
    for e in g.edges.iter().filter(|e| e.kind == RelationKind::Support) {
        for &s in &e.sources {
            out[s].push(e.target);
        }
    }
    for v in &mut out {
        v.sort_unstable();
        v.dedup();
    }
    out
}

/// Every support cycle, ordered by their first unit.
pub(crate) fn support_cycles(g: &Graph) -> Vec<SupportCycle> {
    let succ = successors(g);
    let units = g.map.units();
    let mut out: Vec<SupportCycle> = strongly_connected(&succ)
        .into_iter()
        .filter(|c| c.len() > 1 || succ[c[0]].contains(&c[0]))
        .map(|comp| {
            let mut members: Vec<&UnitId> = comp.iter().map(|&u| &units[u].id).collect();
            members.sort();
            let first = comp
                .iter()
                .copied()
                .min_by(|&a, &b| units[a].id.cmp(&units[b].id))
                .unwrap_or(comp[0]);
            SupportCycle {
                units: members.into_iter().cloned().collect(),
                path: shortest_loop(&succ, &comp, first)
                    .into_iter()
                    .map(|u| units[u].id.clone())
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.units.cmp(&b.units));
    out
}

/// Tarjan's algorithm without recursion (maps can be deep chains).
fn strongly_connected(succ: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = succ.len();
    let (mut index, mut low) = (vec![UNSEEN; n], vec![0; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut comps, mut next) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, position in its successor list)
        let mut work = vec![(root, 0usize)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = work.last_mut() {
            if let Some(&w) = succ[v].get(*i) {
                *i += 1;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                comps.push(comp);
            }
        }
    }
    comps
}

/// A shortest path from `start` back to itself inside the component (breadth first).
fn shortest_loop(succ: &[Vec<usize>], comp: &[usize], start: usize) -> Vec<usize> {
    let members: HashSet<usize> = comp.iter().copied().collect();
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &succ[v] {
            if w == start {
                let mut path = vec![v];
                let mut at = v;
                while let Some(&p) = parent.get(&at).filter(|_| at != start) {
                    at = p;
                    path.push(at);
                }
                path.reverse();
                return path;
            }
            if members.contains(&w) && w != start && !parent.contains_key(&w) {
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind::{Attack, Rephrase, Support};
    use crate::model::TagScheme;
    use crate::model::fixture::{link, marked};

    fn names(v: &[UnitId]) -> Vec<&str> {
        v.iter().map(UnitId::as_str).collect()
    }

    #[test]
    fn each_cycle_is_reported_once_with_a_loop() {
        let mut m = marked(
            "[Claim:a] [Claim:b] [Premise:c] [Premise:d] [Claim:e] [Premise:f]",
            TagScheme::argument(),
        );
        // u1 → u2 → u3 → u1, plus a chord u2 → u1: one component.
        link(&mut m, Support, &[1], 2);
        link(&mut m, Support, &[2], 3);
        link(&mut m, Support, &[3], 1);
        link(&mut m, Support, &[2], 1);
        // u4 ↔ u5 via a linked relation.
        link(&mut m, Support, &[4, 6], 5);
        link(&mut m, Support, &[5], 4);
        // Attacks and rephrases do not make support cycles.
        link(&mut m, Attack, &[6], 5);
        link(&mut m, Rephrase, &[5], 6);
        let cycles = support_cycles(&Graph::new(&m));
        assert_eq!(cycles.len(), 2, "{cycles:?}");
        assert_eq!(names(&cycles[0].units), ["u1", "u2", "u3"]);
        assert_eq!(names(&cycles[0].path), ["u1", "u2"]);
        assert_eq!(names(&cycles[1].units), ["u4", "u5"]);
        assert_eq!(names(&cycles[1].path), ["u4", "u5"]);
    }

    /// A chain of `n` premises, each supporting the one before, built in one
    /// go (so the test stays fast); `close` adds the support that closes it.
    fn chain(n: usize, close: bool) -> crate::model::ArgumentMap {
        use crate::model::{MapParts, Relation, RelationId, Unit};
        let mut parts = MapParts {
            text: "p ".repeat(n),
            scheme: Some(TagScheme::argument()),
            ..MapParts::default()
        };
        let id = |i: usize| UnitId::from_number(i as u64 + 1);
        for i in 0..n {
            parts.units.push(Unit {
                id: id(i),
                kind: "Premise".into(),
                start: 2 * i,
                end: 2 * i + 1,
                quote: "p".into(),
                note: String::new(),
                scenario: None,
            });
        }
        let links = (1..n)
            .map(|i| (i, i - 1))
            .chain(close.then_some((0, n - 1)));
        for (k, (from, to)) in links.enumerate() {
            parts.relations.push(Relation {
                id: RelationId::from_number(k as u64 + 1),
                kind: Support,
                sources: vec![id(from)],
                target: id(to),
                note: String::new(),
            });
        }
        crate::model::ArgumentMap::from_parts(parts)
    }

    #[test]
    fn deep_chains_do_not_overflow_and_a_closing_link_makes_one_cycle() {
        let n = 50_000;
        assert!(support_cycles(&Graph::new(&chain(n, false))).is_empty());
        let cycles = support_cycles(&Graph::new(&chain(n, true)));
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].units.len(), n);
        assert_eq!(cycles[0].path.len(), n);
    }
}
