//! Edge routing: where each edge leaves and enters its boxes and the
//! polyline between. Between layered boxes an edge runs vertically inside
//! layer bands (so it never cuts through a box) and slants only in the gaps
//! between bands; several edges on one side of a box get ports spread apart
//! in the order of where they go, so they do not start from one point.

use super::build::{MapGraph, NodeKind};
use super::geom::{Point, Rect};
use super::layered::Route;
use super::layout::{EdgePath, Placement};
use std::collections::BTreeMap;

/// Least distance between ports on one side of a box.
const PORT_GAP: f32 = 10.0;
/// Ports keep at least this far from a box's corners.
const PORT_INSET: f32 = 8.0;

/// A port waiting for its final x: wanted x, x of where the edge goes,
/// edge index, and whether it is the edge's source end.
struct Port {
    wanted: f32,
    far: f32,
    edge: usize,
    at_source: bool,
}

/// One edge's plan before its ports are final.
struct Plan {
    /// Source and target bands, when both ends are layered.
    bands: Option<((f32, f32), (f32, f32))>,
    /// The edge runs up (source below target).
    up: bool,
    /// Port x at the source and the target.
    xs: (f32, f32),
}

/// The polylines of all edges of `graph`: see the module doc. Edges at
/// hand-placed or set-aside boxes run straight between box borders;
/// junctions are entered and left at their centre.
pub fn route_edges(
    graph: &MapGraph,
    routes: &[Route],
    rects: &[Rect],
    placement: &[Placement],
    bands: &[(f32, f32)],
) -> Vec<EdgePath> {
    let band = |v: usize| match placement[v] {
        Placement::Layered { layer } => bands.get(layer).copied(),
        _ => None,
    };
    let junction = |v: usize| matches!(graph.nodes[v].kind, NodeKind::Junction { .. });
    let mut plans: Vec<Plan> = Vec::with_capacity(graph.edges.len());
    // Ports per (node, top side?).
    let mut sides: BTreeMap<(usize, bool), Vec<Port>> = BTreeMap::new();
    for (i, (e, route)) in graph.edges.iter().zip(routes).enumerate() {
        let (a, b) = (rects[e.from], rects[e.to]);
        let bends = &route.bends;
        let both = band(e.from).zip(band(e.to));
        let up = !route.reversed;
        let next = bends.first().copied();
        let prev = bends.last().copied();
        let xs = port_xs(&a, &b, next, prev);
        if both.is_some() {
            let far_a = next.map_or(b.center().x, |p| p.x);
            let far_b = prev.map_or(a.center().x, |p| p.x);
            if !junction(e.from) {
                sides.entry((e.from, up)).or_default().push(Port {
                    wanted: xs.0,
                    far: far_a,
                    edge: i,
                    at_source: true,
                });
            }
            if !junction(e.to) {
                sides.entry((e.to, !up)).or_default().push(Port {
                    wanted: xs.1,
                    far: far_b,
                    edge: i,
                    at_source: false,
                });
            }
        }
        plans.push(Plan {
            bands: both,
            up,
            xs,
        });
    }
    for ((v, _), mut ports) in sides {
        if ports.len() < 2 {
            continue;
        }
        ports.sort_by(|p, q| {
            p.wanted
                .total_cmp(&q.wanted)
                .then(p.far.total_cmp(&q.far))
                .then(p.edge.cmp(&q.edge))
        });
        let wanted: Vec<f32> = ports.iter().map(|p| p.wanted).collect();
        let r = rects[v];
        let inset = (r.width() / 2.0).min(PORT_INSET);
        let placed = spread(&wanted, r.min.x + inset, r.max.x - inset, PORT_GAP);
        for (p, x) in ports.iter().zip(placed) {
            let plan = &mut plans[p.edge];
            if p.at_source {
                plan.xs.0 = x;
            } else {
                plan.xs.1 = x;
            }
        }
    }
    graph
        .edges
        .iter()
        .zip(routes)
        .zip(plans)
        .map(|((e, route), plan)| {
            let (a, b) = (rects[e.from], rects[e.to]);
            let mut points = Vec::with_capacity(route.bends.len() + 4);
            match plan.bands {
                Some((band_a, band_b)) => {
                    let up = plan.up;
                    let start = if junction(e.from) {
                        a.center()
                    } else {
                        Point::new(plan.xs.0, if up { a.min.y } else { a.max.y })
                    };
                    let end = if junction(e.to) {
                        b.center()
                    } else {
                        Point::new(plan.xs.1, if up { b.max.y } else { b.min.y })
                    };
                    let leave = Point::new(start.x, if up { band_a.0 } else { band_a.1 });
                    let arrive = Point::new(end.x, if up { band_b.1 } else { band_b.0 });
                    for p in [start, leave]
                        .into_iter()
                        .chain(route.bends.iter().copied())
                        .chain([arrive, end])
                    {
                        if points.last() != Some(&p) {
                            points.push(p);
                        }
                    }
                }
                None => {
                    points.push(if junction(e.from) {
                        a.center()
                    } else {
                        a.border_toward(b.center())
                    });
                    points.push(if junction(e.to) {
                        b.center()
                    } else {
                        b.border_toward(a.center())
                    });
                }
            }
            EdgePath {
                kind: e.kind,
                relation: e.relation.clone(),
                from: graph.nodes[e.from].id.clone(),
                to: graph.nodes[e.to].id.clone(),
                points,
                head: e.head,
            }
        })
        .collect()
}

/// The x of the ports on boxes `a` (start) and `b` (end): toward the
/// neighbouring bend point, or straight across where the boxes overlap
/// horizontally.
fn port_xs(a: &Rect, b: &Rect, next: Option<Point>, prev: Option<Point>) -> (f32, f32) {
    let inset = |r: &Rect| (r.width() / 2.0).min(PORT_INSET);
    // Never `f32::clamp`: rounding can put the bounds of a tiny box out of order.
    let clamp = |r: &Rect, x: f32| {
        let (lo, hi) = (r.min.x + inset(r), r.max.x - inset(r));
        if lo < hi {
            x.max(lo).min(hi)
        } else {
            r.center().x
        }
    };
    match (next, prev) {
        (Some(n), Some(p)) => (clamp(a, n.x), clamp(b, p.x)),
        _ => {
            let lo = (a.min.x + inset(a)).max(b.min.x + inset(b));
            let hi = (a.max.x - inset(a)).min(b.max.x - inset(b));
            if lo <= hi {
                // Overlap: a vertical edge, nearest to the middle of the source.
                let x = a.center().x.max(lo).min(hi);
                (x, x)
            } else {
                (clamp(a, b.center().x), clamp(b, a.center().x))
            }
        }
    }
}

/// Positions for sorted `wanted` xs, in order, at least `gap` apart (less
/// when they cannot all fit) and within `lo..=hi`, each as near its wish as
/// the others allow.
fn spread(wanted: &[f32], lo: f32, hi: f32, gap: f32) -> Vec<f32> {
    let n = wanted.len();
    if n == 0 {
        return Vec::new();
    }
    if hi <= lo {
        return vec![(lo + hi) / 2.0; n];
    }
    let gap = if n > 1 {
        gap.min((hi - lo) / (n - 1) as f32)
    } else {
        gap
    };
    let mut x: Vec<f32> = wanted.iter().map(|w| w.max(lo).min(hi)).collect();
    for i in 1..n {
        x[i] = x[i].max(x[i - 1] + gap);
    }
    if x[n - 1] > hi {
        x[n - 1] = hi;
        for i in (0..n - 1).rev() {
            x[i] = x[i].min(x[i + 1] - gap);
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_on_tiny_boxes_never_panic() {
        // A junction-sized box whose inset bounds round out of order.
        let tiny = Rect::from_center_size(Point::new(0.1, 0.0), 10.0, 10.0);
        let wide = Rect::from_center_size(Point::new(300.0, 100.0), 200.0, 40.0);
        let (s, e) = port_xs(&tiny, &wide, None, None);
        assert_eq!(s, tiny.center().x);
        assert!(e >= wide.min.x && e <= wide.max.x);
        let (s, e) = port_xs(&wide, &wide.translate(50.0, -100.0), None, None);
        assert_eq!(s, e, "overlapping boxes get a vertical edge");
    }

    #[test]
    fn ports_spread_in_order_within_the_side() {
        assert_eq!(
            spread(&[50.0, 50.0, 50.0], 0.0, 100.0, 10.0),
            [50.0, 60.0, 70.0]
        );
        assert_eq!(spread(&[100.0, 100.0], 0.0, 100.0, 10.0), [90.0, 100.0]);
        assert_eq!(
            spread(&[0.0, 5.0, 90.0], 0.0, 100.0, 10.0),
            [0.0, 10.0, 90.0]
        );
        // Too many for the gap: squeezed evenly.
        assert_eq!(
            spread(&[0.0; 5], 0.0, 20.0, 10.0),
            [0.0, 5.0, 10.0, 15.0, 20.0]
        );
        assert_eq!(spread(&[3.0], 0.0, 0.0, 10.0), [0.0]);
    }
}
