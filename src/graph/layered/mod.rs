//! A layered (Sugiyama-style) drawing of a directed graph of boxes:
//! cycle breaking, layering, dummy nodes for long edges, ordering by
//! barycentres, and coordinate assignment without overlaps.
//!
//! Convention: layer 0 is the top; every edge of the (cycle-broken) graph
//! goes from a higher-numbered layer to a lower-numbered one, so arrows
//! point up toward what they bear on. Knows nothing of argument maps.

mod acyclic;
mod coords;
mod layering;
mod ordering;
mod proper;

use super::geom::Point;
pub use coords::Gaps;

/// Distances and effort for a layered drawing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    /// Horizontal gap between neighbouring boxes, and between long edges.
    pub gaps: Gaps,
    /// Vertical gap between layers.
    pub layer_gap: f32,
    /// Horizontal gap between unconnected parts of the graph.
    pub component_gap: f32,
    /// Barycentre sweeps when ordering layers.
    pub sweeps: usize,
    /// Rounds of pulling boxes toward their neighbours.
    pub rounds: usize,
}

/// How one edge is routed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Route {
    /// The edge was turned around to break a cycle (it points down).
    pub reversed: bool,
    /// Bend points from the edge's source to its target: for each layer
    /// crossed, where the edge enters and leaves that layer's band (so it
    /// runs vertically past the boxes there and slants only between bands).
    pub bends: Vec<Point>,
}

/// Where everything went.
#[derive(Clone, Debug, Default)]
pub struct Layered {
    /// Centre of every input node.
    pub centers: Vec<Point>,
    /// Layer of every input node (0 = top).
    pub layer: Vec<usize>,
    /// Route of every input edge, in input order (self-loops: empty).
    pub routes: Vec<Route>,
    /// Top and bottom y of every layer's band; boxes are centred in theirs.
    pub bands: Vec<(f32, f32)>,
    /// Edge crossings left between neighbouring layers (a quality measure).
    pub crossings: u64,
    /// The graph was too dense to untangle fully within the work budget:
    /// long edges run straight, or crossing reduction stopped early.
    pub simplified: bool,
}

/// Lays out nodes of the given (width, height) joined by `edges` (from, to);
/// `on_top` nodes (main claims) are kept in the top layer. Parts of the
/// graph that are not connected are laid out side by side, those with an
/// `on_top` node first, then larger before smaller. Deterministic.
pub fn layout(
    sizes: &[(f32, f32)],
    edges: &[(usize, usize)],
    on_top: &[bool],
    spacing: &Spacing,
) -> Layered {
    let n = sizes.len();
    let usable: Vec<usize> = (0..edges.len())
        .filter(|&i| edges[i].0 != edges[i].1 && edges[i].0 < n && edges[i].1 < n)
        .collect();
    let plain: Vec<(usize, usize)> = usable.iter().map(|&i| edges[i]).collect();
    let reversed = acyclic::reversed_edges(n, &plain, on_top);
    let dag: Vec<(usize, usize)> = plain
        .iter()
        .zip(&reversed)
        .map(|(&(a, b), &r)| if r { (b, a) } else { (a, b) })
        .collect();
    let mut layer = layering::assign_layers(n, &dag, on_top);

    let (component, count) = components(n, &plain);
    let mut min_layer = vec![usize::MAX; count];
    for v in 0..n {
        min_layer[component[v]] = min_layer[component[v]].min(layer[v]);
    }
    // Components without a main claim start one layer down when there is one.
    let any_top = (0..n).any(|v| on_top.get(v).copied().unwrap_or(false));
    let mut has_top = vec![false; count];
    for v in 0..n {
        has_top[component[v]] |= on_top.get(v).copied().unwrap_or(false);
    }
    for v in 0..n {
        let c = component[v];
        layer[v] = layer[v] - min_layer[c] + usize::from(any_top && !has_top[c]);
    }
    let (proper, straight) = proper::make_proper_within(&layer, &dag, proper::DUMMY_BUDGET);
    let total = proper.layer.len();
    let mut comp_of = component.clone();
    comp_of.resize(total, 0);
    for chain in &proper.chains {
        let c = component[chain[0]];
        for &d in chain.iter().filter(|&&d| d >= n) {
            comp_of[d] = c;
        }
    }
    let layer_count = proper.layer.iter().max().map_or(0, |&m| m + 1);
    let mut groups: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); layer_count]; count];
    for v in 0..total {
        groups[comp_of[v]][proper.layer[v]].push(v);
    }
    for g in &mut groups {
        while g.last().is_some_and(Vec::is_empty) {
            g.pop();
        }
    }

    // Component order: with a main claim first, then bigger, then by first node.
    let mut size = vec![0usize; count];
    let mut first = vec![usize::MAX; count];
    for (v, &c) in component.iter().enumerate() {
        size[c] += 1;
        first[c] = first[c].min(v);
    }
    let mut comp_order: Vec<usize> = (0..count).collect();
    comp_order.sort_by_key(|&c| (!has_top[c], std::cmp::Reverse(size[c]), first[c]));

    let width: Vec<f32> = (0..total)
        .map(|v| sizes.get(v).map_or(0.0, |s| s.0))
        .collect();
    let mut x = vec![0.0f32; total];
    let mut crossings = 0;
    let mut scratch = ordering::Scratch {
        pos: vec![0; total],
        seen: vec![usize::MAX; total],
    };
    let mut budget_hit = straight;
    let mut right = vec![0.0f32; count];
    for &c in &comp_order {
        let layers = &mut groups[c];
        let edges_here: usize = layers
            .iter()
            .flatten()
            .map(|&v| proper.lower[v].len())
            .sum();
        budget_hit |= spacing.sweeps.saturating_mul(4 * edges_here) > ordering::WORK_BUDGET;
        crossings += ordering::order_layers_with(&proper, layers, spacing.sweeps, &mut scratch);
        coords::assign_x_into(
            &proper,
            layers,
            &width,
            spacing.gaps,
            spacing.rounds,
            &mut x,
        );
        for &v in layers.iter().flatten() {
            right[c] = right[c].max(x[v] + width[v] / 2.0);
        }
    }

    // Layer heights per component, to estimate each one's area.
    let mut height = vec![0.0f32; layer_count];
    for v in 0..n {
        height[layer[v]] = height[layer[v]].max(sizes[v].1);
    }
    let comp_height = |c: usize| -> f32 {
        let top = groups[c].iter().position(|l| !l.is_empty()).unwrap_or(0);
        (top..groups[c].len())
            .map(|l| height[l] + spacing.layer_gap)
            .sum()
    };
    // Components go in rows no wider than a landscape page of the same
    // area (or the widest component), so a map of thousands of small parts
    // is a block, not a strip.
    let area: f32 = comp_order
        .iter()
        .map(|&c| (right[c] + spacing.component_gap) * comp_height(c))
        .sum();
    let widest = comp_order.iter().map(|&c| right[c]).fold(0.0, f32::max);
    let row_width = widest.max((area * ROW_ASPECT).sqrt()).max(MIN_ROW_WIDTH);
    let mut row_of = vec![0usize; count];
    let mut cursor = 0.0f32;
    let mut rows = 0usize;
    let mut offset_x = vec![0.0f32; count];
    for &c in &comp_order {
        if cursor > 0.0 && cursor + right[c] > row_width {
            rows += 1;
            cursor = 0.0;
        }
        row_of[c] = rows;
        offset_x[c] = cursor;
        cursor += right[c] + spacing.component_gap;
    }
    // Each row gets its own run of layers (bands), below the row above.
    let mut row_layers = vec![0usize; rows + 1];
    for &c in &comp_order {
        row_layers[row_of[c]] = row_layers[row_of[c]].max(groups[c].len());
    }
    let mut first_layer = vec![0usize; rows + 1];
    for r in 1..=rows {
        first_layer[r] = first_layer[r - 1] + row_layers[r - 1];
    }
    let shift = |v_comp: usize| first_layer[row_of[v_comp]];
    for v in 0..n {
        layer[v] += shift(component[v]);
    }
    let mut proper_layer = proper.layer.clone();
    for (v, l) in proper_layer.iter_mut().enumerate() {
        *l += shift(comp_of[v]);
        x[v] += offset_x[comp_of[v]];
    }
    let all_layers = first_layer[rows] + row_layers[rows];
    let mut height = vec![0.0f32; all_layers];
    for v in 0..n {
        height[layer[v]] = height[layer[v]].max(sizes[v].1);
    }
    let row_start: std::collections::HashSet<usize> = first_layer[1..].iter().copied().collect();
    let mut bands = Vec::with_capacity(all_layers);
    let mut top = 0.0f32;
    for (l, h) in height.iter().enumerate() {
        if row_start.contains(&l) {
            top += spacing.component_gap;
        }
        bands.push((top, top + h));
        top += h + spacing.layer_gap;
    }
    let mid = |l: usize| {
        bands
            .get(l)
            .map_or(0.0, |&(a, b): &(f32, f32)| (a + b) / 2.0)
    };
    let centers: Vec<Point> = (0..n).map(|v| Point::new(x[v], mid(layer[v]))).collect();

    let mut routes = vec![Route::default(); edges.len()];
    for (k, &i) in usable.iter().enumerate() {
        let chain = &proper.chains[k];
        let mut bends: Vec<Point> = Vec::with_capacity(2 * chain.len());
        for &d in &chain[1..chain.len() - 1] {
            let (top, bottom) = bands[proper_layer[d]];
            bends.push(Point::new(x[d], bottom));
            bends.push(Point::new(x[d], top));
        }
        if reversed[k] {
            bends.reverse();
        }
        routes[i] = Route {
            reversed: reversed[k],
            bends,
        };
    }
    Layered {
        centers,
        layer,
        routes,
        bands,
        crossings,
        simplified: budget_hit,
    }
}

/// Width over height of the block the components are wrapped into.
const ROW_ASPECT: f32 = 1.6;
/// Maps narrower than this (about two screens) keep their parts in one row.
const MIN_ROW_WIDTH: f32 = 3_200.0;

/// Connected components (ignoring direction): the component of each node
/// and how many there are, numbered by their smallest node.
fn components(n: usize, edges: &[(usize, usize)]) -> (Vec<usize>, usize) {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for &(a, b) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut number = vec![usize::MAX; n];
    let mut out = vec![0; n];
    let mut count = 0;
    for (v, slot) in out.iter_mut().enumerate() {
        let r = find(&mut parent, v);
        if number[r] == usize::MAX {
            number[r] = count;
            count += 1;
        }
        *slot = number[r];
    }
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spacing() -> Spacing {
        Spacing {
            gaps: Gaps {
                node: 20.0,
                dummy: 10.0,
            },
            layer_gap: 40.0,
            component_gap: 60.0,
            sweeps: 8,
            rounds: 8,
        }
    }

    #[test]
    fn edges_point_up_and_long_ones_bend_between_layers() {
        // 0 main claim; 1 supports 0; 2 supports 1 and 0 (spans two layers).
        let sizes = [(100.0, 30.0); 3];
        let l = layout(
            &sizes,
            &[(1, 0), (2, 1), (2, 0)],
            &[true, false, false],
            &spacing(),
        );
        assert_eq!(l.layer, [0, 1, 2]);
        assert!(l.centers[0].y < l.centers[1].y && l.centers[1].y < l.centers[2].y);
        // Up through layer 1's band: enters at its bottom, leaves at its top.
        let b = &l.routes[2].bends;
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].y, b[1].y), (l.bands[1].1, l.bands[1].0));
        assert_eq!(b[0].x, b[1].x);
        assert!(l.routes[0].bends.is_empty());
    }

    #[test]
    fn separate_parts_sit_side_by_side_main_claim_first() {
        let sizes = [(100.0, 30.0); 4];
        // 0 <- 1 is one part; 2 (main claim) <- 3 another.
        let l = layout(
            &sizes,
            &[(1, 0), (3, 2)],
            &[false, false, true, false],
            &spacing(),
        );
        assert!(l.centers[2].x < l.centers[0].x);
        // The part without a main claim starts one layer down.
        assert_eq!(l.layer, [1, 2, 0, 1]);
        assert!(l.centers[0].x - l.centers[2].x >= 100.0 + 60.0);
    }

    #[test]
    fn a_reversed_edge_keeps_its_direction_in_the_route() {
        let sizes = [(50.0, 20.0); 3];
        let l = layout(&sizes, &[(0, 1), (1, 2), (2, 0)], &[false; 3], &spacing());
        let reversed: Vec<bool> = l.routes.iter().map(|r| r.reversed).collect();
        assert_eq!(reversed.iter().filter(|&&r| r).count(), 1);
    }
}
