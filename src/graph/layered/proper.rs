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

/// Splits each edge `(a, b)` of an acyclic graph with `layer[a] > layer[b]`
/// into a chain through one dummy per layer in between.
pub fn make_proper(layer: &[usize], dag: &[(usize, usize)]) -> Proper {
    let real = layer.len();
    let mut p = Proper {
        real,
        layer: layer.to_vec(),
        upper: vec![Vec::new(); real],
        lower: vec![Vec::new(); real],
        chains: Vec::with_capacity(dag.len()),
    };
    for &(a, b) in dag {
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
    p
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
}
