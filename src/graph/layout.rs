//! The map layout: every node's box, label lines and position, every edge's
//! polyline, ready to draw. The on-screen pane and the exporters draw
//! exactly this, so a map looks the same everywhere.
//!
//! Convention: layout units are logical pixels, y grows downward, and
//! conclusions are on top — every support, attack, rephrase, membership and
//! dependency edge is laid out from a lower layer (larger y) to a higher
//! one, so arrows point up toward what they bear on (layer 0, the main
//! claim). Only edges turned around to break a cycle point down.

use super::aside::place_aside;
use super::build::{MapGraph, NodeKind};
use super::geom::{Point, Rect, distance_to_segment};
use super::label::{DEFAULT_MAX_WORDS, LabelSource};
use super::layered::{self, Gaps, Spacing};
use super::route::route_edges;
use super::style::{self, Arrowhead, EdgeKind};
use super::text::{baseline_in_line, text_width, wrap};
use crate::model::{ArgumentMap, RelationId, Rgb, Role};
use std::collections::BTreeMap;

/// Sizes, label choice and effort for a layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutOptions {
    /// Quote or note in unit boxes.
    pub labels: LabelSource,
    /// Words kept before the ellipsis.
    pub max_words: usize,
    /// Label font size (pixels) in the label font ([`super::text::LABEL_FONT`]).
    pub font_size: f32,
    /// Distance between label baselines.
    pub line_height: f32,
    /// Space between a box's border and its text, left and right.
    pub padding_x: f32,
    /// Space between a box's border and its text, top and bottom.
    pub padding_y: f32,
    /// Labels wrap at this width.
    pub max_text_width: f32,
    /// Lines kept (long words can make many); the last one ends in "…" when cut.
    pub max_lines: usize,
    /// No box is narrower than this.
    pub min_box_width: f32,
    /// Side of a junction's square.
    pub junction_size: f32,
    /// Gaps and effort of the layered layout.
    pub spacing: Spacing,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            labels: LabelSource::Quote,
            max_words: DEFAULT_MAX_WORDS,
            font_size: 14.0,
            line_height: 18.0,
            padding_x: 10.0,
            padding_y: 7.0,
            max_text_width: 160.0,
            max_lines: 5,
            min_box_width: 64.0,
            junction_size: 10.0,
            spacing: Spacing {
                gaps: Gaps {
                    node: 22.0,
                    dummy: 10.0,
                },
                layer_gap: 56.0,
                component_gap: 72.0,
                sweeps: 24,
                rounds: 12,
            },
        }
    }
}

/// How a node's position was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// By the layered layout, in this layer (0 = top).
    Layered { layer: usize },
    /// In the grid of units that take part in nothing yet.
    Aside,
    /// By hand (a position saved in the map overrides the layout).
    Pinned,
}

/// One node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    /// `u12`, `s3`, `jr4`: the id the map's positions and the SVG use.
    pub id: String,
    pub kind: NodeKind,
    /// The box (junctions: a small square; draw a dot in it).
    pub rect: Rect,
    /// The tag colour (see [`style::tint`] for the fill).
    pub color: Rgb,
    /// The label, already wrapped; empty for junctions.
    pub lines: Vec<String>,
    pub placement: Placement,
}

impl NodeBox {
    /// Whether this is the main claim (drawn with a heavier border).
    pub fn is_main_claim(&self) -> bool {
        matches!(
            self.kind,
            NodeKind::Unit {
                role: Role::MainClaim,
                ..
            }
        )
    }
}

/// One edge (or, for a linked argument, one segment of it) as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgePath {
    pub kind: EdgeKind,
    /// The relation it draws; `None` for scenario edges. The segments of a
    /// linked argument share their relation's id.
    pub relation: Option<RelationId>,
    /// Node id at the start.
    pub from: String,
    /// Node id at the end, where the head is.
    pub to: String,
    /// The polyline, at least two points, from `from`'s border to `to`'s.
    pub points: Vec<Point>,
    pub head: Arrowhead,
}

impl EdgePath {
    /// The head's triangle and (for attacks) bar, see [`style::head_shapes`].
    pub fn head_shapes(&self) -> (Vec<Point>, Vec<Point>) {
        match self.points.as_slice() {
            [.., a, b] => style::head_shapes(self.head, *a, *b),
            _ => (Vec::new(), Vec::new()),
        }
    }

    /// The points to stroke: the polyline with its end pulled back under the
    /// arrowhead, so a thick line does not poke through the head's tip.
    pub fn stroke_points(&self) -> Vec<Point> {
        let mut pts = self.points.clone();
        if self.head != Arrowhead::None
            && let [.., a, b] = pts.as_mut_slice()
        {
            let len = a.distance(*b);
            let back = style::HEAD_LENGTH * 0.7;
            if len > back {
                let t = (len - back) / len;
                *b = Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            }
        }
        pts
    }

    /// Distance from `p` to the polyline, for hit-testing.
    pub fn distance_to(&self, p: Point) -> f32 {
        self.points
            .windows(2)
            .map(|w| distance_to_segment(p, w[0], w[1]))
            .fold(f32::INFINITY, f32::min)
    }
}

/// Text metrics the renderers need to place label lines exactly as measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    pub font_size: f32,
    pub line_height: f32,
    pub padding_y: f32,
}

impl Default for TextStyle {
    fn default() -> Self {
        let o = LayoutOptions::default();
        Self {
            font_size: o.font_size,
            line_height: o.line_height,
            padding_y: o.padding_y,
        }
    }
}

/// A drawable map: boxes, polylines and the bounds of both.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLayout {
    /// Nodes in drawing order: units, scenarios, then junctions.
    pub nodes: Vec<NodeBox>,
    /// Edges; draw them before the nodes.
    pub edges: Vec<EdgePath>,
    /// Everything drawn, without margin. Hand-placed nodes may make `min` negative.
    pub bounds: Rect,
    /// The area of the grid of unlinked units, if there are any; renderers
    /// may frame and caption it ("not linked yet").
    pub aside: Option<Rect>,
    /// Font size and line height of the labels.
    pub text: TextStyle,
    /// Edge crossings the layered layout could not avoid (hand-placed
    /// nodes not counted); a quality measure for tests and tuning.
    pub crossings: u64,
    /// Why the drawing is simpler than usual, for the user: a graph too
    /// dense to untangle within the work budget (long edges straight,
    /// crossing reduction cut short). `None` for ordinary maps.
    pub notice: Option<String>,
    index: BTreeMap<String, usize>,
}

impl MapLayout {
    /// Lays out `map`. A pure function of the map and the options: call it
    /// again after every edit (it takes milliseconds for hundreds of units).
    pub fn compute(map: &ArgumentMap, options: &LayoutOptions) -> MapLayout {
        let graph = MapGraph::build(map, options.labels, options.max_words);
        from_graph(&graph, map, options)
    }

    /// The node with that id.
    pub fn node(&self, id: &str) -> Option<&NodeBox> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// The topmost node under `p` (for clicks, hovering and dragging).
    pub fn node_at(&self, p: Point) -> Option<&NodeBox> {
        self.nodes.iter().rev().find(|n| n.rect.contains(p))
    }

    /// The edge nearest to `p` within `tolerance`, if no node is under `p`.
    pub fn edge_at(&self, p: Point, tolerance: f32) -> Option<&EdgePath> {
        if self.node_at(p).is_some() {
            return None;
        }
        self.edges
            .iter()
            .map(|e| (e.distance_to(p), e))
            .filter(|(d, _)| *d <= tolerance)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| e)
    }

    /// Junction nodes (linked arguments).
    pub fn junctions(&self) -> impl Iterator<Item = &NodeBox> {
        self.nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Junction { .. }))
    }

    /// Where line `i` of a node's label goes: the horizontal centre of the
    /// box and the top of the line (egui: `Align2::CENTER_TOP`).
    pub fn line_top(&self, node: &NodeBox, i: usize) -> Point {
        let t = self.text;
        let block = t.line_height * node.lines.len() as f32;
        let top = node.rect.center().y - block / 2.0;
        Point::new(node.rect.center().x, top + t.line_height * i as f32)
    }

    /// The baseline of line `i` (for SVG `<text y>`), centred like [`Self::line_top`].
    pub fn line_baseline(&self, node: &NodeBox, i: usize) -> Point {
        let t = self.text;
        let top = self.line_top(node, i);
        Point::new(top.x, top.y + baseline_in_line(t.font_size, t.line_height))
    }
}

/// Lays out a prepared graph of `map` (see [`MapLayout::compute`]).
pub fn from_graph(graph: &MapGraph, map: &ArgumentMap, o: &LayoutOptions) -> MapLayout {
    let n = graph.nodes.len();
    let mut lines: Vec<Vec<String>> = Vec::with_capacity(n);
    let mut sizes: Vec<(f32, f32)> = Vec::with_capacity(n);
    for node in &graph.nodes {
        if matches!(node.kind, NodeKind::Junction { .. }) {
            lines.push(Vec::new());
            sizes.push((o.junction_size, o.junction_size));
            continue;
        }
        let l = label_lines(&node.label, o);
        let text_w = l
            .iter()
            .map(|s| text_width(s, o.font_size))
            .fold(0.0, f32::max);
        let h = o.line_height * l.len().max(1) as f32 + 2.0 * o.padding_y;
        let extra = if matches!(node.kind, NodeKind::Scenario { .. }) {
            h / 2.0 // room for the rounded ends of the pill
        } else {
            0.0
        };
        let w = (text_w + 2.0 * o.padding_x + extra)
            .ceil()
            .max(o.min_box_width);
        sizes.push((w, h));
        lines.push(l);
    }
    let connected = graph.connected();
    let layered_nodes: Vec<usize> = (0..n).filter(|&v| connected[v]).collect();
    let mut local = vec![usize::MAX; n];
    for (k, &v) in layered_nodes.iter().enumerate() {
        local[v] = k;
    }
    let sub_sizes: Vec<(f32, f32)> = layered_nodes.iter().map(|&v| sizes[v]).collect();
    let sub_edges: Vec<(usize, usize)> = graph
        .edges
        .iter()
        .map(|e| (local[e.from], local[e.to]))
        .collect();
    let on_top: Vec<bool> = layered_nodes
        .iter()
        .map(|&v| {
            matches!(
                graph.nodes[v].kind,
                NodeKind::Unit {
                    role: Role::MainClaim,
                    ..
                }
            )
        })
        .collect();
    let lay = layered::layout(&sub_sizes, &sub_edges, &on_top, &o.spacing);

    let mut rects = vec![Rect::default(); n];
    let mut placement = vec![Placement::Aside; n];
    let mut layered_right = f32::NEG_INFINITY;
    let mut layered_bottom = 0.0f32;
    for (k, &v) in layered_nodes.iter().enumerate() {
        rects[v] = Rect::from_center_size(lay.centers[k], sizes[v].0, sizes[v].1);
        placement[v] = Placement::Layered {
            layer: lay.layer[k],
        };
        layered_right = layered_right.max(rects[v].max.x);
        layered_bottom = layered_bottom.max(rects[v].max.y);
    }
    let aside_nodes: Vec<usize> = (0..n).filter(|&v| !connected[v]).collect();
    let aside = place_aside(
        &aside_nodes,
        &sizes,
        &mut rects,
        if layered_right.is_finite() {
            layered_right + o.spacing.component_gap
        } else {
            0.0
        },
        layered_bottom,
        if layered_right.is_finite() {
            layered_right
        } else {
            0.0
        },
        o.spacing.gaps.node,
        o.line_height + o.padding_y,
    );

    // Units and scenarios can be placed by hand; junctions follow their
    // relation (validation reports positions of anything else).
    for (v, node) in graph.nodes.iter().enumerate() {
        if matches!(node.kind, NodeKind::Junction { .. }) {
            continue;
        }
        if let Some(p) = map.positions().get(&node.id)
            && p.x.is_finite()
            && p.y.is_finite()
        {
            rects[v] = Rect::from_center_size(Point::new(p.x, p.y), sizes[v].0, sizes[v].1);
            placement[v] = Placement::Pinned;
        }
    }

    let edges = route_edges(graph, &lay.routes, &rects, &placement, &lay.bands);

    let mut bounds: Option<Rect> = None;
    let mut grow = |r: Rect| bounds = Some(bounds.map_or(r, |b| b.union(&r)));
    for r in &rects {
        grow(*r);
    }
    for p in edges.iter().flat_map(|e| &e.points) {
        grow(Rect { min: *p, max: *p });
    }
    if let Some(a) = aside {
        grow(a);
    }
    let mut index = BTreeMap::new();
    let nodes: Vec<NodeBox> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(v, g)| {
            index.entry(g.id.clone()).or_insert(v);
            NodeBox {
                id: g.id.clone(),
                kind: g.kind.clone(),
                rect: rects[v],
                color: g.color,
                lines: std::mem::take(&mut lines[v]),
                placement: placement[v],
            }
        })
        .collect();
    MapLayout {
        nodes,
        edges,
        bounds: bounds.unwrap_or_default(),
        aside,
        text: TextStyle {
            font_size: o.font_size,
            line_height: o.line_height,
            padding_y: o.padding_y,
        },
        crossings: lay.crossings,
        notice: lay.simplified.then(|| {
            format!(
                "Dense map ({} relations among {} boxes): untangling stopped at its work budget, so some edges run straight and cross more than usual.",
                graph.edges.len(),
                graph.nodes.len()
            )
        }),
        index,
    }
}

/// A label wrapped to the box width, at most `max_lines` lines.
fn label_lines(label: &str, o: &LayoutOptions) -> Vec<String> {
    let mut lines = wrap(label, o.max_text_width, o.font_size);
    if lines.len() > o.max_lines.max(1) {
        lines.truncate(o.max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            while !last.is_empty()
                && text_width(&format!("{last}…"), o.font_size) > o.max_text_width
            {
                last.pop();
            }
            let trimmed = last.trim_end().len();
            last.truncate(trimmed);
            last.push('…');
        }
    }
    lines
}
