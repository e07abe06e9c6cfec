//! Horizontal positions within layers: each node is pulled toward its
//! neighbours (long edges harder, to keep them straight) and a little
//! toward the middle, while keeping its layer's order and a minimum gap.
//! Layer by layer this is a weighted least-squares problem under order
//! constraints, solved exactly as an isotonic regression (pool adjacent
//! violators); sweeping down and up repeats it. Boxes in a layer therefore
//! never overlap.

use super::proper::Proper;

/// How strongly every node is drawn toward the middle of the drawing, as
/// strongly as by one edge between two boxes: without it, straightening
/// edges spreads a map into a wide staircase, too wide for a slide.
const CENTRE_PULL: f32 = 1.0;

/// Gaps between neighbours in a layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gaps {
    /// Between two real boxes.
    pub node: f32,
    /// When a dummy (a bend of a long edge) is involved.
    pub dummy: f32,
}

/// Centre x of every node of one component, leftmost box edge at 0.
/// `layers` is the component's order; `width` is indexed by node; nodes not
/// in `layers` keep x = 0.
#[cfg(test)]
pub fn assign_x(
    p: &Proper,
    layers: &[Vec<usize>],
    width: &[f32],
    gaps: Gaps,
    rounds: usize,
) -> Vec<f32> {
    let mut x = vec![0.0f32; p.layer.len()];
    assign_x_into(p, layers, width, gaps, rounds, &mut x);
    x
}

/// [`assign_x`] into `x` (indexed by node, as long as `p.layer`), touching
/// only the nodes in `layers`: one buffer serves every component, so many
/// small components cost their own size, not the whole graph's each.
pub fn assign_x_into(
    p: &Proper,
    layers: &[Vec<usize>],
    width: &[f32],
    gaps: Gaps,
    rounds: usize,
    x: &mut [f32],
) {
    let sep = |a: usize, b: usize| {
        let g = if a < p.real && b < p.real {
            gaps.node
        } else {
            gaps.dummy
        };
        (width[a] + width[b]) / 2.0 + g
    };
    for layer in layers {
        let mut at = 0.0;
        for (i, &v) in layer.iter().enumerate() {
            if i > 0 {
                at += sep(layer[i - 1], v);
            }
            x[v] = at;
        }
    }
    // Centre every layer on the widest one before pulling.
    let span = |x: &[f32], l: &Vec<usize>| match (l.first(), l.last()) {
        (Some(&a), Some(&b)) => x[b] - x[a],
        _ => 0.0,
    };
    let widest = layers.iter().map(|l| span(x, l)).fold(0.0, f32::max);
    let centre = widest / 2.0;
    for layer in layers {
        let shift = (widest - span(x, layer)) / 2.0;
        for &v in layer {
            x[v] += shift;
        }
    }
    let mut desired = Vec::new();
    let mut weight = Vec::new();
    for round in 0..rounds {
        let down = round % 2 == 0;
        let order: Vec<usize> = if down {
            (0..layers.len()).collect()
        } else {
            (0..layers.len()).rev().collect()
        };
        for k in order {
            let layer = &layers[k];
            desired.clear();
            weight.clear();
            for &v in layer {
                // Edge weights as in Gansner et al.: long edges (dummy to
                // dummy) pull hardest, so they stay straight.
                let (mut sum, mut total) = (0.0f32, 0.0f32);
                for &u in p.upper[v].iter().chain(&p.lower[v]) {
                    let w = match (v < p.real, u < p.real) {
                        (true, true) => 1.0,
                        (false, false) => 8.0,
                        _ => 2.0,
                    };
                    sum += w * x[u];
                    total += w;
                }
                // The pull to the middle keeps the drawing compact.
                sum += CENTRE_PULL * centre;
                total += CENTRE_PULL;
                desired.push(sum / total);
                weight.push(total);
            }
            let placed = place_in_order(layer, &desired, &weight, sep);
            for (&v, nx) in layer.iter().zip(placed) {
                x[v] = nx;
            }
        }
    }
    let left = layers
        .iter()
        .flatten()
        .map(|&v| x[v] - width[v] / 2.0)
        .fold(f32::INFINITY, f32::min);
    if left.is_finite() {
        for &v in layers.iter().flatten() {
            x[v] -= left;
        }
    }
}

/// Positions for `layer` in its order, as close as possible (weighted least
/// squares) to `desired`, with `sep(a, b)` between neighbours' centres.
fn place_in_order(
    layer: &[usize],
    desired: &[f32],
    weight: &[f32],
    sep: impl Fn(usize, usize) -> f32,
) -> Vec<f32> {
    // Shift out the separations: y_i = x_i - offset_i must be non-decreasing.
    let mut offset = Vec::with_capacity(layer.len());
    let mut at = 0.0f32;
    for (i, &v) in layer.iter().enumerate() {
        if i > 0 {
            at += sep(layer[i - 1], v);
        }
        offset.push(at);
    }
    // Blocks of pooled values: (weight sum, weighted target sum, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for i in 0..layer.len() {
        let w = f64::from(weight[i]);
        let t = f64::from(desired[i] - offset[i]);
        blocks.push((w, w * t, 1));
        while blocks.len() > 1 {
            let (w2, s2, c2) = blocks[blocks.len() - 1];
            let (w1, s1, c1) = blocks[blocks.len() - 2];
            if s1 / w1 <= s2 / w2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (w1 + w2, s1 + s2, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(layer.len());
    for (w, s, c) in blocks {
        let y = (s / w) as f32;
        for _ in 0..c {
            out.push(y + offset[out.len()]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::proper::make_proper;
    use super::*;

    #[test]
    fn placement_keeps_order_and_gaps() {
        let sep = |_, _| 10.0;
        // Both want to sit at 0: they share the spot, 10 apart.
        let x = place_in_order(&[0, 1], &[0.0, 0.0], &[1.0, 1.0], sep);
        assert_eq!(x, [-5.0, 5.0]);
        // Already apart: left alone.
        let x = place_in_order(&[0, 1, 2], &[0.0, 50.0, 51.0], &[1.0; 3], sep);
        assert_eq!(x, [0.0, 45.5, 55.5]);
    }

    #[test]
    fn a_parent_centres_over_its_children() {
        // 0 on top, supported by 1 and 2.
        let p = make_proper(&[0, 1, 1], &[(1, 0), (2, 0)]);
        let layers = vec![vec![0], vec![1, 2]];
        let gaps = Gaps {
            node: 20.0,
            dummy: 10.0,
        };
        let x = assign_x(&p, &layers, &[100.0, 100.0, 100.0], gaps, 6);
        assert!((x[0] - (x[1] + x[2]) / 2.0).abs() < 0.01, "{x:?}");
        assert!(x[2] - x[1] >= 120.0 - 0.01);
        assert_eq!(x[1], 50.0, "leftmost edge at 0");
    }
}
