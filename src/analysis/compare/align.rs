//! One-to-one unit alignment between two annotations of the same text.
//!
//! Two units may be paired when their char spans overlap with a Jaccard index
//! (shared chars / chars in either) of at least `min_overlap`. Among all
//! one-to-one pairings of such candidates the alignment maximises the total
//! number of shared chars, among those the number of pairs with the same
//! tag, then the closest boundaries (least Σ |Δstart| + |Δend|), then the
//! earliest pairs (least Σ start_a + start_b): an exact
//! maximum-weight bipartite matching with a lexicographic weight, so the
//! result does not depend on which annotator comes first (except between
//! units with identical spans and tags, which are interchangeable).
//!
//! The candidate graph is sparse (units are sorted by start, so one sweep
//! finds every overlapping pair) and splits into small connected components.
//! A component that is a tree (always the case when neither side nests
//! units) is solved exactly by dynamic programming in linear time; any other
//! component by the Hungarian method (Kuhn–Munkres, O(n³) in its size).

use crate::model::Unit;

/// An aligned pair: positions in the two unit lists and their shared chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub overlap: usize,
}

/// A candidate edge of the overlap graph.
#[derive(Clone, Copy, Debug)]
struct Edge {
    a: usize,
    b: usize,
    overlap: usize,
    same_tag: bool,
    /// |Δstart| + |Δend|
    boundary: usize,
    /// start_a + start_b
    starts: usize,
}

/// Chars shared by two spans.
pub fn overlap(a: &Unit, b: &Unit) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Jaccard index of two char spans (0 for empty ones).
pub fn jaccard(a: &Unit, b: &Unit) -> f64 {
    let shared = overlap(a, b);
    let union = (a.end - a.start) + (b.end - b.start) - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Aligns units `a` with units `b` (both in text order). Pairs come back
/// sorted by their position in `a`.
pub fn align(a: &[Unit], b: &[Unit], min_overlap: f64) -> Vec<Pair> {
    let edges = candidates(a, b, min_overlap);
    // Components by union-find over nodes a: 0..n, b: n..n+m.
    let n = a.len();
    let mut parent: Vec<usize> = (0..n + b.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for e in &edges {
        let (x, y) = (find(&mut parent, e.a), find(&mut parent, n + e.b));
        if x != y {
            parent[x] = y;
        }
    }
    let mut groups: std::collections::HashMap<usize, Vec<Edge>> = Default::default();
    for e in &edges {
        let root = find(&mut parent, e.a);
        groups.entry(root).or_default().push(*e);
    }
    let mut pairs = Vec::new();
    for (_, component) in groups {
        if component.len() == 1 {
            let e = component[0];
            pairs.push(Pair {
                a: e.a,
                b: e.b,
                overlap: e.overlap,
            });
        } else {
            pairs.extend(solve(&component));
        }
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs
}

/// Every overlapping pair with a Jaccard index ≥ `min_overlap`, by one sweep.
fn candidates(a: &[Unit], b: &[Unit], min_overlap: f64) -> Vec<Edge> {
    let mut edges = Vec::with_capacity(a.len().max(b.len()));
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut reach = 0;
    for (i, u) in a.iter().enumerate() {
        reach = reach.max(u.end);
        while next < b.len() && b[next].start < reach {
            active.push(next);
            next += 1;
        }
        // A b-unit ending before this a-unit starts overlaps no later one.
        active.retain(|&j| b[j].end > u.start);
        for &j in &active {
            let shared = overlap(u, &b[j]);
            if shared > 0 && jaccard(u, &b[j]) >= min_overlap {
                edges.push(Edge {
                    a: i,
                    b: j,
                    overlap: shared,
                    same_tag: u.kind == b[j].kind,
                    boundary: u.start.abs_diff(b[j].start) + u.end.abs_diff(b[j].end),
                    starts: u.start + b[j].start,
                });
            }
        }
    }
    edges
}

/// Maximum-weight matching of one connected component. The weight ranks
/// total overlap first, then same-tag pairs, boundary closeness, earliness.
fn solve(component: &[Edge]) -> Vec<Pair> {
    let mut a_nodes: Vec<usize> = component.iter().map(|e| e.a).collect();
    let mut b_nodes: Vec<usize> = component.iter().map(|e| e.b).collect();
    a_nodes.sort_unstable();
    a_nodes.dedup();
    b_nodes.sort_unstable();
    b_nodes.dedup();
    let scale = component.len() as i128 + 1;
    let max_boundary = component.iter().map(|e| e.boundary).max().unwrap_or(0) as i128;
    let closeness = (max_boundary + 1) * scale;
    let max_start = component.iter().map(|e| e.starts).max().unwrap_or(0) as i128;
    let earliness = (max_start + 1) * scale;
    let weight = |e: &Edge| {
        let primary = e.overlap as i128 * scale + i128::from(e.same_tag);
        let close = primary * closeness + max_boundary - e.boundary as i128;
        close * earliness + max_start - e.starts as i128
    };
    let local = |nodes: &[usize], x: usize| nodes.binary_search(&x).unwrap_or(0);
    let edges: Vec<(usize, usize, i128, Edge)> = component
        .iter()
        .map(|e| (local(&a_nodes, e.a), local(&b_nodes, e.b), weight(e), *e))
        .collect();
    let chosen = if edges.len() + 1 == a_nodes.len() + b_nodes.len() {
        tree_matching(a_nodes.len(), b_nodes.len(), &edges)
    } else {
        hungarian(a_nodes.len(), b_nodes.len(), &edges)
    };
    chosen
        .into_iter()
        .map(|k| {
            let e = edges[k].3;
            Pair {
                a: e.a,
                b: e.b,
                overlap: e.overlap,
            }
        })
        .collect()
}

/// Exact maximum-weight matching on a tree (nodes: a 0..na, b na..na+nb):
/// for each node, the best of its subtree with it free or with it matched.
fn tree_matching(na: usize, nb: usize, edges: &[(usize, usize, i128, Edge)]) -> Vec<usize> {
    let total = na + nb;
    let mut adj: Vec<Vec<(usize, usize)>> = vec![Vec::new(); total];
    for (k, &(x, y, _, _)) in edges.iter().enumerate() {
        adj[x].push((na + y, k));
        adj[na + y].push((x, k));
    }
    // Iterative DFS order from node 0.
    let mut order = Vec::with_capacity(total);
    let mut parent_edge = vec![usize::MAX; total];
    let mut seen = vec![false; total];
    let mut stack = vec![0];
    seen[0] = true;
    while let Some(v) = stack.pop() {
        order.push(v);
        for &(w, k) in &adj[v] {
            if !seen[w] {
                seen[w] = true;
                parent_edge[w] = k;
                stack.push(w);
            }
        }
    }
    // free[v]: best with v unmatched; best[v]: best overall in v's subtree;
    // pick[v]: the child edge v is matched through in `best`, if any.
    let mut free = vec![0i128; total];
    let mut best = vec![0i128; total];
    let mut pick = vec![usize::MAX; total];
    for &v in order.iter().rev() {
        let children = adj[v].iter().filter(|&&(_, k)| k != parent_edge[v]);
        let sum: i128 = children.clone().map(|&(w, _)| best[w]).sum();
        free[v] = sum;
        best[v] = sum;
        for &(w, k) in children {
            let with = sum - best[w] + free[w] + edges[k].2;
            if with > best[v] {
                best[v] = with;
                pick[v] = k;
            }
        }
    }
    // Walk down: a node matched to its parent uses `free`, else `best`.
    let mut chosen = Vec::new();
    let mut matched_to_parent = vec![false; total];
    for &v in &order {
        if matched_to_parent[v] || pick[v] == usize::MAX {
            continue;
        }
        let k = pick[v];
        chosen.push(k);
        let (x, y) = (edges[k].0, na + edges[k].1);
        let child = if x == v { y } else { x };
        matched_to_parent[child] = true;
    }
    chosen
}

/// Maximum-weight bipartite matching by the Hungarian method on the dense
/// cost matrix of one component (missing edges weigh 0 and are dropped).
fn hungarian(na: usize, nb: usize, edges: &[(usize, usize, i128, Edge)]) -> Vec<usize> {
    // Rows must be the smaller side.
    let flip = na > nb;
    let (rows, cols) = if flip { (nb, na) } else { (na, nb) };
    let mut w = vec![vec![0i128; cols]; rows];
    let mut which = vec![vec![usize::MAX; cols]; rows];
    for (k, &(x, y, wt, _)) in edges.iter().enumerate() {
        let (r, c) = if flip { (y, x) } else { (x, y) };
        w[r][c] = wt;
        which[r][c] = k;
    }
    // Minimise −w (e-maxx formulation, 1-based with a virtual column 0).
    let inf = i128::MAX / 4;
    let mut u = vec![0i128; rows + 1];
    let mut v = vec![0i128; cols + 1];
    let mut p = vec![0usize; cols + 1];
    let mut way = vec![0usize; cols + 1];
    for i in 1..=rows {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; cols + 1];
        let mut used = vec![false; cols + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=cols {
                if !used[j] {
                    let cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=cols {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=cols)
        .filter(|&j| p[j] != 0)
        .map(|j| which[p[j] - 1][j - 1])
        .filter(|&k| k != usize::MAX)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitId;

    fn unit(n: u64, kind: &str, start: usize, end: usize) -> Unit {
        Unit {
            id: UnitId::from_number(n),
            kind: kind.into(),
            start,
            end,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        }
    }

    fn pairs(p: &[Pair]) -> Vec<(usize, usize)> {
        p.iter().map(|p| (p.a, p.b)).collect()
    }

    #[test]
    fn jaccard_threshold_decides_candidates() {
        let a = [unit(1, "Claim", 0, 10), unit(2, "Claim", 20, 30)];
        // 0..8 vs 0..10: J = 0.8; 24..40 vs 20..30: J = 6/20 = 0.3.
        let b = [unit(1, "Claim", 0, 8), unit(2, "Claim", 24, 40)];
        assert_eq!(pairs(&align(&a, &b, 0.5)), [(0, 0)]);
        assert_eq!(pairs(&align(&a, &b, 0.3)), [(0, 0), (1, 1)]);
        assert_eq!(pairs(&align(&a, &b, 0.81)), []);
    }

    #[test]
    fn one_to_one_maximises_total_overlap_not_greedy() {
        // A chain: a0 0..10, a1 6..20; b0 0..7, b1 5..20: a0-b0 (7) + a1-b1 (14)
        // = 21 beats a0-b1 (5) + a1-b0 (1) = 6.
        let a = [unit(1, "Claim", 0, 10), unit(2, "Claim", 6, 20)];
        let b = [unit(1, "Claim", 0, 7), unit(2, "Claim", 5, 20)];
        let p = align(&a, &b, 0.0);
        assert_eq!(pairs(&p), [(0, 0), (1, 1)]);
        assert_eq!(p.iter().map(|p| p.overlap).sum::<usize>(), 21);

        // A cycle (b1 nests in b0): a0-b0 9, a0-b1 8, a1-b0 2, a1-b1 2; the
        // best is a0-b0 + a1-b1 = 11 (the Hungarian path).
        let a = [unit(1, "Claim", 0, 10), unit(2, "Claim", 8, 13)];
        let b = [unit(1, "Claim", 1, 10), unit(2, "Claim", 2, 10)];
        let p = align(&a, &b, 0.0);
        assert_eq!(p.iter().map(|p| p.overlap).sum::<usize>(), 11);
    }

    #[test]
    fn ties_prefer_the_same_tag() {
        let a = [unit(1, "Claim", 0, 10), unit(2, "Premise", 0, 10)];
        let b = [unit(1, "Premise", 0, 10)];
        let p = align(&a, &b, 0.5);
        assert_eq!(pairs(&p), [(1, 0)]);
    }

    /// Brute force over all matchings of a small component.
    fn brute(a: &[Unit], b: &[Unit], min: f64) -> usize {
        fn go(i: usize, a: &[Unit], b: &[Unit], used: &mut Vec<bool>, min: f64) -> usize {
            if i == a.len() {
                return 0;
            }
            let mut best = go(i + 1, a, b, used, min);
            for j in 0..b.len() {
                let o = overlap(&a[i], &b[j]);
                if !used[j] && o > 0 && jaccard(&a[i], &b[j]) >= min {
                    used[j] = true;
                    best = best.max(o + go(i + 1, a, b, used, min));
                    used[j] = false;
                }
            }
            best
        }
        go(0, a, b, &mut vec![false; b.len()], min)
    }

    proptest::proptest! {
        #[test]
        fn alignment_is_one_to_one_and_maximal(
            sa in proptest::collection::vec((0usize..40, 1usize..15), 1..7),
            sb in proptest::collection::vec((0usize..40, 1usize..15), 1..7),
            min in 0.0f64..0.6,
        ) {
            let mk = |v: &[(usize, usize)]| {
                let mut u: Vec<Unit> = v.iter().enumerate()
                    .map(|(i, &(s, l))| unit(i as u64 + 1, "Claim", s, s + l)).collect();
                u.sort_by_key(|u| (u.start, u.end));
                u
            };
            let (a, b) = (mk(&sa), mk(&sb));
            let p = align(&a, &b, min);
            let mut seen_a = std::collections::HashSet::new();
            let mut seen_b = std::collections::HashSet::new();
            for x in &p {
                proptest::prop_assert!(seen_a.insert(x.a) && seen_b.insert(x.b));
                proptest::prop_assert!(jaccard(&a[x.a], &b[x.b]) >= min);
            }
            let total: usize = p.iter().map(|x| x.overlap).sum();
            proptest::prop_assert_eq!(total, brute(&a, &b, min));
        }
    }
}
