//! Ordering within layers: barycentre sweeps that reduce edge crossings,
//! keeping the best order seen.

use super::proper::Proper;

/// Orders the nodes of each layer (`layers[k]` lists layer k's nodes) to
/// reduce crossings. Starts from depth-first discovery order from the top,
/// so subtrees stay together, then alternates downward and upward
/// barycentre sweeps, each followed by swaps of neighbours; keeps the order
/// with the fewest crossings and returns their number.
#[cfg(test)]
pub fn order_layers(p: &Proper, layers: &mut [Vec<usize>], sweeps: usize) -> u64 {
    let n = p.layer.len();
    let mut scratch = Scratch {
        pos: vec![0; n],
        seen: vec![usize::MAX; n],
    };
    order_layers_with(p, layers, sweeps, &mut scratch)
}

/// Buffers indexed by node, shared by the components of one graph: each
/// component touches only its own nodes, so ordering many small parts
/// costs their total size, not the graph's size for each.
pub struct Scratch {
    /// Position of each node within its layer.
    pub pos: Vec<usize>,
    /// Discovery order of the first walk; `usize::MAX` when unseen.
    pub seen: Vec<usize>,
}

/// Most edge visits spent ordering one component: past this, sweeps stop
/// (the best order so far is kept), so a dense graph costs a second, not minutes.
pub const WORK_BUDGET: usize = 4_000_000;

/// [`order_layers`] with shared buffers. Sweeps stop early when their cost
/// (edges of the component per sweep) would pass [`WORK_BUDGET`].
pub fn order_layers_with(
    p: &Proper,
    layers: &mut [Vec<usize>],
    sweeps: usize,
    scratch: &mut Scratch,
) -> u64 {
    initial_order(p, layers, &mut scratch.seen);
    let pos = &mut scratch.pos;
    index_positions(layers, pos);
    let edges: usize = layers.iter().flatten().map(|&v| p.lower[v].len()).sum();
    // A swap pass looks at neighbours' edge pairs: too dear on dense graphs.
    let degree_sq: usize = layers
        .iter()
        .flatten()
        .map(|&v| p.lower[v].len().pow(2) + p.upper[v].len().pow(2))
        .sum();
    let swaps = degree_sq.saturating_mul(8) <= WORK_BUDGET;
    if swaps {
        transpose(p, layers, pos);
    }
    let sweeps = sweeps.min(WORK_BUDGET / (4 * edges.max(1)));
    let mut best = layers.to_vec();
    let mut best_crossings = crossings(p, layers, pos);
    let mut stale = 0;
    for sweep in 0..sweeps {
        if best_crossings == 0 {
            break;
        }
        if sweep % 2 == 0 {
            for layer in layers.iter_mut().skip(1) {
                reorder(layer, &p.upper, pos);
            }
        } else {
            let below_last = layers.len().saturating_sub(1);
            for layer in layers[..below_last].iter_mut().rev() {
                reorder(layer, &p.lower, pos);
            }
        }
        if swaps {
            transpose(p, layers, pos);
        }
        let c = crossings(p, layers, pos);
        if c < best_crossings {
            best_crossings = c;
            best.clone_from_slice(layers);
            stale = 0;
        } else {
            stale += 1;
            if stale >= 8 {
                break;
            }
        }
    }
    layers.clone_from_slice(&best);
    best_crossings
}

/// Orders every layer by when a depth-first walk from the top layer, going
/// down through lower neighbours in index order, first reaches each node.
fn initial_order(p: &Proper, layers: &mut [Vec<usize>], seen: &mut [usize]) {
    let mut counter = 0;
    let mut stack = Vec::new();
    let starts: Vec<usize> = layers.iter().flatten().copied().collect();
    for s in starts {
        if seen[s] != usize::MAX {
            continue;
        }
        stack.push(s);
        while let Some(v) = stack.pop() {
            if seen[v] != usize::MAX {
                continue;
            }
            seen[v] = counter;
            counter += 1;
            for &c in p.lower[v].iter().rev() {
                if seen[c] == usize::MAX {
                    stack.push(c);
                }
            }
        }
    }
    for layer in layers.iter_mut() {
        layer.sort_by_key(|&v| (seen[v], v));
    }
}

fn index_positions(layers: &[Vec<usize>], pos: &mut [usize]) {
    for layer in layers {
        for (i, &v) in layer.iter().enumerate() {
            pos[v] = i;
        }
    }
}

/// Sorts one layer by the mean position of each node's neighbours in the
/// reference layer; nodes without neighbours there keep their slots.
fn reorder(layer: &mut [usize], neighbours: &[Vec<usize>], pos: &mut [usize]) {
    let mut movable: Vec<(f64, usize, usize)> = Vec::new();
    for (i, &v) in layer.iter().enumerate() {
        let ns = &neighbours[v];
        if !ns.is_empty() {
            let sum: usize = ns.iter().map(|&u| pos[u]).sum();
            movable.push((sum as f64 / ns.len() as f64, i, v));
        }
    }
    movable.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut next = movable.into_iter();
    for slot in layer.iter_mut() {
        if !neighbours[*slot].is_empty()
            && let Some((_, _, v)) = next.next()
        {
            *slot = v;
        }
    }
    for (i, &v) in layer.iter().enumerate() {
        pos[v] = i;
    }
}

/// Swaps neighbours within layers while that removes crossings with the
/// layers above and below (a few passes at most).
fn transpose(p: &Proper, layers: &mut [Vec<usize>], pos: &mut [usize]) {
    for _ in 0..4 {
        let mut improved = false;
        for layer in layers.iter_mut() {
            for i in 1..layer.len() {
                let (v, w) = (layer[i - 1], layer[i]);
                let now = pair_crossings(v, w, p, pos);
                let swapped = pair_crossings(w, v, p, pos);
                if swapped < now {
                    layer.swap(i - 1, i);
                    pos[v] = i;
                    pos[w] = i - 1;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings among the edges of `v` and `w` when `v` is left of `w`.
fn pair_crossings(v: usize, w: usize, p: &Proper, pos: &[usize]) -> usize {
    let mut c = 0;
    for side in [&p.upper, &p.lower] {
        for &a in &side[v] {
            for &b in &side[w] {
                if pos[a] > pos[b] {
                    c += 1;
                }
            }
        }
    }
    c
}

/// Total crossings between all pairs of neighbouring layers.
pub fn crossings(p: &Proper, layers: &[Vec<usize>], pos: &[usize]) -> u64 {
    layers
        .windows(2)
        .map(|w| bilayer_crossings(&w[0], w[1].len(), &p.lower, pos))
        .sum()
}

/// Crossings between an upper layer and the one below it (Barth, Jünger and
/// Mutzel): sort edges by upper end, count inversions of the lower ends with
/// a Fenwick tree. O(E log V).
fn bilayer_crossings(
    upper: &[usize],
    lower_len: usize,
    lower: &[Vec<usize>],
    pos: &[usize],
) -> u64 {
    let mut ends: Vec<usize> = Vec::new();
    for &u in upper {
        let start = ends.len();
        ends.extend(lower[u].iter().map(|&l| pos[l]));
        ends[start..].sort_unstable();
    }
    let mut tree = vec![0u64; lower_len + 1];
    let mut total = 0u64;
    for (inserted, &e) in (0u64..).zip(&ends) {
        // Count ends already inserted that lie strictly right of e.
        let mut i = e + 1;
        let mut not_greater = 0;
        while i > 0 {
            not_greater += tree[i];
            i &= i - 1;
        }
        total += inserted - not_greater;
        let mut i = e + 1;
        while i <= lower_len {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::super::proper::make_proper;
    use super::*;

    #[test]
    fn counts_crossings_between_two_layers() {
        // Upper layer 0,1; lower 2,3; edges 2-1 and 3-0 cross once.
        let p = make_proper(&[0, 0, 1, 1], &[(2, 1), (3, 0)]);
        let layers = vec![vec![0, 1], vec![2, 3]];
        let mut pos = vec![0; 4];
        index_positions(&layers, &mut pos);
        assert_eq!(crossings(&p, &layers, &pos), 1);
        let uncrossed = vec![vec![0, 1], vec![3, 2]];
        index_positions(&uncrossed, &mut pos);
        assert_eq!(crossings(&p, &uncrossed, &pos), 0);
    }

    #[test]
    fn sweeps_untangle_a_crossed_pair() {
        let p = make_proper(&[0, 0, 1, 1], &[(2, 1), (3, 0)]);
        let mut layers = vec![vec![0, 1], vec![2, 3]];
        assert_eq!(order_layers(&p, &mut layers, 8), 0);
        let mut pos = vec![0; 4];
        index_positions(&layers, &mut pos);
        assert_eq!(crossings(&p, &layers, &pos), 0);
    }
}
