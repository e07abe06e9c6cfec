//! Cycle breaking: which edges to turn around so the graph has no cycle and
//! can be drawn in layers with every edge pointing the same way.

/// For each edge, whether the layout treats it as reversed. Edges leaving an
/// `on_top` node for another node are reversed first, so main claims end up
/// with no outgoing edge and stay in the top layer; then a depth-first
/// search (iterative, in index order, from nodes without incoming edges
/// first) reverses its back edges. The result is acyclic.
pub fn reversed_edges(n: usize, edges: &[(usize, usize)], on_top: &[bool]) -> Vec<bool> {
    let top = |v: usize| on_top.get(v).copied().unwrap_or(false);
    let mut reversed: Vec<bool> = edges.iter().map(|&(a, b)| top(a) && !top(b)).collect();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        let (f, t) = if reversed[i] { (b, a) } else { (a, b) };
        out[f].push((t, i));
        indegree[t] += 1;
    }
    const NEW: u8 = 0;
    const ON_STACK: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; n];
    let roots = (0..n)
        .filter(|&v| indegree[v] == 0)
        .chain((0..n).filter(|&v| indegree[v] != 0));
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in roots {
        if state[root] != NEW {
            continue;
        }
        state[root] = ON_STACK;
        stack.push((root, 0));
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&(t, i)) = out[v].get(*next) {
                *next += 1;
                match state[t] {
                    NEW => {
                        state[t] = ON_STACK;
                        stack.push((t, 0));
                    }
                    ON_STACK => reversed[i] = !reversed[i],
                    _ => {}
                }
            } else {
                state[v] = DONE;
                stack.pop();
            }
        }
    }
    reversed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_acyclic(n: usize, edges: &[(usize, usize)], rev: &[bool]) -> bool {
        let mut indeg = vec![0; n];
        let mut out = vec![Vec::new(); n];
        for (i, &(a, b)) in edges.iter().enumerate() {
            let (f, t) = if rev[i] { (b, a) } else { (a, b) };
            out[f].push(t);
            indeg[t] += 1;
        }
        let mut queue: Vec<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
        let mut seen = 0;
        while let Some(v) = queue.pop() {
            seen += 1;
            for &t in &out[v] {
                indeg[t] -= 1;
                if indeg[t] == 0 {
                    queue.push(t);
                }
            }
        }
        seen == n
    }

    #[test]
    fn a_cycle_loses_exactly_one_edge() {
        let edges = [(0, 1), (1, 2), (2, 0)];
        let rev = reversed_edges(3, &edges, &[false; 3]);
        assert_eq!(rev.iter().filter(|&&r| r).count(), 1);
        assert!(is_acyclic(3, &edges, &rev));
    }

    #[test]
    fn acyclic_graphs_are_left_alone() {
        let edges = [(1, 0), (2, 0), (3, 1), (3, 2)];
        assert_eq!(reversed_edges(4, &edges, &[false; 4]), [false; 4]);
    }

    #[test]
    fn main_claims_lose_their_outgoing_edges() {
        // 0 is a main claim that (oddly) supports 1.
        let edges = [(0, 1), (2, 0)];
        let rev = reversed_edges(3, &edges, &[true, false, false]);
        assert_eq!(rev, [true, false]);
    }

    #[test]
    fn long_chains_do_not_overflow_the_stack() {
        let n = 200_000;
        let mut edges: Vec<(usize, usize)> = (1..n).map(|v| (v, v - 1)).collect();
        edges.push((0, n - 1));
        let rev = reversed_edges(n, &edges, &vec![false; n]);
        assert_eq!(rev.iter().filter(|&&r| r).count(), 1);
        assert!(is_acyclic(n, &edges, &rev));
    }
}
