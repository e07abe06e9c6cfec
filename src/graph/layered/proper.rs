//! Dummy nodes: long edges are split into one-layer steps so that ordering
//! and positioning see every edge as a link between neighbouring layers,
//! and long edges get bend points that steer around boxes.

/// The layered graph with dummies; node indices `0..real` are the input
/// nodes, the rest are dummies.
pub struct Proper {
    /// Number of real nodes.
    pub real: usize,
    /// Layer of every node, real and dummy.
    pub layer: Vec<usize>,
    /// Neighbours one layer up.
    pub upper: Vec<Vec<usize>>,
    /// Neighbours one layer down.
    pub lower: Vec<Vec<usize>>,
    /// For each input edge, its nodes from the lower end to the upper end.
    pub chains: Vec<Vec<usize>>,
}

/// Most dummy nodes made: a dense graph with many long edges (a clique of
/// 300 units needs 4.5 million) gets its long edges drawn straight instead.
pub const DUMMY_BUDGET: usize = 200_000;

/// Splits each edge `(a, b)` of an acyclic graph with `layer[a] > layer[b]`
/// into a chain through one dummy per layer in between.
#[cfg(test)]
pub fn make_proper(layer: &[usize], dag: &[(usize, usize)]) -> Proper {
    make_proper_within(layer, dag, usize::MAX).0
}

/// [`make_proper`] unless that needs more than `budget` dummies: then edges
/// spanning more than one layer keep no dummies and take no part in
/// ordering (their chain is just their two ends; they are drawn straight).
/// Says whether that happened.
pub fn make_proper_within(
    layer: &[usize],
    dag: &[(usize, usize)],
    budget: usize,
) -> (Proper, bool) {
    let dummies: usize = dag
        .iter()
        .map(|&(a, b)| layer[a].saturating_sub(layer[b]).saturating_sub(1))
        .fold(0usize, usize::saturating_add);
    let straight = dummies > budget;
    let real = layer.len();
    let mut p = Proper {
        real,
        layer: layer.to_vec(),
        upper: vec![Vec::new(); real],
        lower: vec![Vec::new(); real],
        chains: Vec::with_capacity(dag.len()),
    };
    for &(a, b) in dag {
        if straight && layer[a] > layer[b] + 1 {
            p.chains.push(vec![a, b]);
            continue;
        }
        let mut chain = vec![a];
        let mut prev = a;
        let (from, to) = (layer[a], layer[b]);
        for l in (to + 1..from).rev() {
            let d = p.layer.len();
            p.layer.push(l);
            p.upper.push(Vec::new());
            p.lower.push(Vec::new());
            p.upper[prev].push(d);
            p.lower[d].push(prev);
            chain.push(d);
            prev = d;
        }
        p.upper[prev].push(b);
        p.lower[b].push(prev);
        chain.push(b);
        p.chains.push(chain);
    }
    (p, straight)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_edges_get_one_dummy_per_layer_crossed() {
        let p = make_proper(&[0, 1, 3], &[(1, 0), (2, 0)]);
        assert_eq!(p.real, 3);
        assert_eq!(p.chains[0], [1, 0]);
        assert_eq!(p.chains[1], [2, 3, 4, 0]);
        assert_eq!(&p.layer[3..], [2, 1]);
        for (v, ups) in p.upper.iter().enumerate() {
            for &u in ups {
                assert_eq!(p.layer[u] + 1, p.layer[v]);
            }
        }
    }

    #[test]
    fn past_the_budget_long_edges_get_no_dummies() {
        let (p, straight) = make_proper_within(&[0, 1, 3], &[(1, 0), (2, 0)], 1);
        assert!(straight);
        assert_eq!(p.layer.len(), 3);
        assert_eq!(p.chains[1], [2, 0]);
        assert!(p.upper[2].is_empty() && p.lower[0] == [1]);
    }
}
