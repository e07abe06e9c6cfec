//! A grid of buckets over a [`MapLayout`], built once per layout, so a pane
//! showing part of a 20,000-unit map finds what is in view, and what is
//! under the pointer, without looking at every node and edge each frame.

use super::geom::{Point, Rect};
use super::layout::{EdgePath, MapLayout, NodeBox};

/// Most cells along one side of the grid.
const MAX_CELLS_PER_SIDE: f32 = 256.0;
/// No cell is smaller than this (layout units): about one box.
const MIN_CELL: f32 = 160.0;

/// Node and edge indices of a layout, bucketed by grid cell.
#[derive(Clone, Debug, Default)]
pub struct SpatialIndex {
    origin: Point,
    cell: f32,
    cols: usize,
    rows: usize,
    /// Per cell: nodes whose box touches it, ascending (drawing order).
    nodes: Vec<Vec<u32>>,
    /// Per cell: edges with a segment through it, ascending.
    edges: Vec<Vec<u32>>,
}

impl SpatialIndex {
    /// Buckets every node box and every edge segment of `layout`.
    pub fn build(layout: &MapLayout) -> Self {
        let mut b = layout.bounds;
        for n in &layout.nodes {
            b = b.union(&n.rect);
        }
        let cell = (b.width().max(b.height()) / MAX_CELLS_PER_SIDE).max(MIN_CELL);
        let cols = ((b.width() / cell).floor() as usize + 1).max(1);
        let rows = ((b.height() / cell).floor() as usize + 1).max(1);
        let mut index = Self {
            origin: b.min,
            cell,
            cols,
            rows,
            nodes: vec![Vec::new(); cols * rows],
            edges: vec![Vec::new(); cols * rows],
        };
        for (i, n) in layout.nodes.iter().enumerate() {
            let (c0, r0, c1, r1) = index.cells_of(&n.rect);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    index.nodes[r * cols + c].push(i as u32);
                }
            }
        }
        for (i, e) in layout.edges.iter().enumerate() {
            let mut last = usize::MAX;
            for w in e.points.windows(2) {
                // Samples at most half a cell apart: every cell the segment
                // crosses for more than a corner (queries add a cell of margin).
                let len = w[0].distance(w[1]);
                let steps = (len / (cell / 2.0)).ceil().max(1.0) as usize;
                for s in 0..=steps {
                    let t = s as f32 / steps as f32;
                    let p = Point::new(
                        w[0].x + (w[1].x - w[0].x) * t,
                        w[0].y + (w[1].y - w[0].y) * t,
                    );
                    let k = index.cell_at(p);
                    if k != last {
                        let bucket = &mut index.edges[k];
                        if bucket.last() != Some(&(i as u32)) {
                            bucket.push(i as u32);
                        }
                        last = k;
                    }
                }
            }
        }
        index
    }

    fn cell_at(&self, p: Point) -> usize {
        let c = ((p.x - self.origin.x) / self.cell).floor();
        let r = ((p.y - self.origin.y) / self.cell).floor();
        let c = (c.max(0.0) as usize).min(self.cols - 1);
        let r = (r.max(0.0) as usize).min(self.rows - 1);
        r * self.cols + c
    }

    /// Column and row ranges (inclusive) of the cells `r` touches, clamped to the grid.
    fn cells_of(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let col = |x: f32| {
            (((x - self.origin.x) / self.cell).floor().max(0.0) as usize).min(self.cols - 1)
        };
        let row = |y: f32| {
            (((y - self.origin.y) / self.cell).floor().max(0.0) as usize).min(self.rows - 1)
        };
        (col(r.min.x), row(r.min.y), col(r.max.x), row(r.max.y))
    }

    fn gather(&self, buckets: &[Vec<u32>], view: &Rect) -> Vec<usize> {
        if self.nodes.is_empty() {
            return Vec::new();
        }
        let view = view.expand(self.cell);
        let grid = Rect::from_min_size(
            self.origin,
            self.cols as f32 * self.cell,
            self.rows as f32 * self.cell,
        );
        if !grid.overlaps(&view) {
            return Vec::new();
        }
        let (c0, r0, c1, r1) = self.cells_of(&view);
        let mut out: Vec<usize> = Vec::new();
        for r in r0..=r1 {
            for c in c0..=c1 {
                out.extend(buckets[r * self.cols + c].iter().map(|&i| i as usize));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Nodes that may be in `view` (map coordinates), in drawing order.
    /// Nothing in view is left out; a few nearby ones may be included.
    pub fn nodes_in(&self, view: &Rect) -> Vec<usize> {
        self.gather(&self.nodes, view)
    }

    /// Edges that may cross `view`, in drawing order (as [`Self::nodes_in`]).
    pub fn edges_in(&self, view: &Rect) -> Vec<usize> {
        self.gather(&self.edges, view)
    }

    /// The topmost node under `p`, as [`MapLayout::node_at`] but looking
    /// only at the nodes around `p`.
    pub fn node_at<'a>(&self, layout: &'a MapLayout, p: Point) -> Option<&'a NodeBox> {
        let near = self.nodes_in(&Rect { min: p, max: p });
        near.iter()
            .rev()
            .map(|&i| &layout.nodes[i])
            .find(|n| n.rect.contains(p))
    }

    /// The edge nearest to `p` within `tolerance` when no node is under
    /// `p`, as [`MapLayout::edge_at`] but looking only around `p`.
    pub fn edge_at<'a>(
        &self,
        layout: &'a MapLayout,
        p: Point,
        tolerance: f32,
    ) -> Option<&'a EdgePath> {
        if self.node_at(layout, p).is_some() {
            return None;
        }
        let near = self.edges_in(&Rect { min: p, max: p }.expand(tolerance));
        near.iter()
            .map(|&i| &layout.edges[i])
            .map(|e| (e.distance_to(p), e))
            .filter(|(d, _)| *d <= tolerance)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| e)
    }
}

/// The part of segment `a`–`b` inside `r` (Liang–Barsky), as the fractions
/// `(t0, t1)` of the way from `a` to `b`; `None` when it misses `r`.
pub fn clip_segment(a: Point, b: Point, r: &Rect) -> Option<(f32, f32)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let mut t0 = 0.0f32;
    let mut t1 = 1.0f32;
    for (p, q) in [
        (-dx, a.x - r.min.x),
        (dx, r.max.x - a.x),
        (-dy, a.y - r.min.y),
        (dy, r.max.y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{LayoutOptions, MapLayout};
    use crate::model::fixture::synthetic;

    #[test]
    fn finds_exactly_what_a_full_scan_finds() {
        let map = synthetic(200_000, 1_000, 1_500);
        let layout = MapLayout::compute(&map, &LayoutOptions::default());
        let index = SpatialIndex::build(&layout);
        let b = layout.bounds;
        for k in 0..20 {
            let x = b.min.x + b.width() * (k as f32 / 20.0);
            let view = Rect::from_min_size(Point::new(x, b.min.y + 30.0), 700.0, 500.0);
            let got = index.nodes_in(&view);
            for (i, n) in layout.nodes.iter().enumerate() {
                if n.rect.overlaps(&view) {
                    assert!(got.contains(&i), "node {} missed", n.id);
                }
            }
            let got = index.edges_in(&view);
            for (i, e) in layout.edges.iter().enumerate() {
                let crosses = e
                    .points
                    .windows(2)
                    .any(|w| clip_segment(w[0], w[1], &view).is_some());
                if crosses {
                    assert!(got.contains(&i), "edge {} -> {} missed", e.from, e.to);
                }
            }
            let p = view.center();
            assert_eq!(
                index.node_at(&layout, p).map(|n| &n.id),
                layout.node_at(p).map(|n| &n.id)
            );
            assert_eq!(
                index.edge_at(&layout, p, 8.0).map(|e| (&e.from, &e.to)),
                layout.edge_at(p, 8.0).map(|e| (&e.from, &e.to))
            );
        }
    }

    #[test]
    fn clipping_keeps_the_part_inside() {
        let r = Rect::from_min_size(Point::new(0.0, 0.0), 10.0, 10.0);
        let (t0, t1) = clip_segment(Point::new(-10.0, 5.0), Point::new(30.0, 5.0), &r).unwrap();
        assert!((t0 - 0.25).abs() < 1e-6 && (t1 - 0.5).abs() < 1e-6);
        assert_eq!(
            clip_segment(Point::new(-5.0, -5.0), Point::new(-1.0, 20.0), &r),
            None
        );
        assert_eq!(
            clip_segment(Point::new(2.0, 2.0), Point::new(3.0, 3.0), &r),
            Some((0.0, 1.0))
        );
    }
}
