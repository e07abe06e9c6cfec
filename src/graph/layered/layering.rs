//! Layer assignment: conclusions on top, each reason one layer below the
//! highest thing it bears on.

/// Layers for an acyclic graph whose edges point from a lower layer to a
/// higher one (`layer[from] > layer[to]`, layer 0 on top).
///
/// Longest path from the sinks: an `on_top` node (a main claim) is in layer
/// 0; any other node with no outgoing edge starts in layer 0 too, or in
/// layer 1 when there are `on_top` nodes, so the top layer belongs to the
/// main claims; every other node sits one layer below the lowest of its
/// targets. Then sinks that are not `on_top` (e.g. a claim nobody builds
/// on, or a unit only named by a scenario) move down to just above their
/// highest source.
pub fn assign_layers(n: usize, dag: &[(usize, usize)], on_top: &[bool]) -> Vec<usize> {
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut remaining_out = vec![0usize; n];
    for &(a, b) in dag {
        preds[b].push(a);
        remaining_out[a] += 1;
    }
    let top = |v: usize| on_top.get(v).copied().unwrap_or(false);
    let floor = usize::from((0..n).any(top));
    let mut layer: Vec<usize> = (0..n).map(|v| if top(v) { 0 } else { floor }).collect();
    let mut ready: Vec<usize> = (0..n).filter(|&v| remaining_out[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &p in &preds[v] {
            layer[p] = layer[p].max(layer[v] + 1);
            remaining_out[p] -= 1;
            if remaining_out[p] == 0 {
                ready.push(p);
            }
        }
    }
    let sink = {
        let mut has_out = vec![false; n];
        for &(a, _) in dag {
            has_out[a] = true;
        }
        has_out.into_iter().map(|h| !h).collect::<Vec<_>>()
    };
    for v in 0..n {
        if sink[v]
            && !top(v)
            && let Some(lowest_source) = preds[v].iter().map(|&p| layer[p]).min()
        {
            layer[v] = lowest_source.saturating_sub(1).max(floor);
        }
    }
    layer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_sit_below_what_they_support() {
        // 1 and 2 support 0; 3 supports 1; 4 supports 0 and 3.
        let dag = [(1, 0), (2, 0), (3, 1), (4, 0), (4, 3)];
        let l = assign_layers(5, &dag, &[true, false, false, false, false]);
        assert_eq!(l, [0, 1, 1, 2, 3]);
        for &(a, b) in &dag {
            assert!(l[a] > l[b]);
        }
    }

    #[test]
    fn stray_sinks_come_down_to_their_sources() {
        // 0 main claim <- 1 <- 2 <- 3; 3 also supports 4, a claim on its own.
        let dag = [(1, 0), (2, 1), (3, 2), (3, 4)];
        let l = assign_layers(5, &dag, &[true, false, false, false, false]);
        assert_eq!(l, [0, 1, 2, 3, 2]);
    }

    #[test]
    fn the_top_layer_belongs_to_main_claims() {
        // 0 main claim <- 1; 2 is a claim of its own, supported by 3.
        let dag = [(1, 0), (3, 2)];
        let l = assign_layers(4, &dag, &[true, false, false, false]);
        assert_eq!(l, [0, 1, 1, 2]);
        // Without a main claim, sinks are on top.
        assert_eq!(assign_layers(4, &dag, &[false; 4]), [0, 1, 0, 1]);
    }
}
