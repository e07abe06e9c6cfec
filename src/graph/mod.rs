//! The argument map as a picture: which nodes and edges a map has
//! ([`MapGraph`]), how big its boxes are ([`text`]), and where everything
//! goes ([`MapLayout`]). No egui here: the on-screen pane and the SVG/PNG
//! exports both draw a [`MapLayout`].
//!
//! Layout convention: conclusions on top. Layer 0 holds the main claim
//! (alone, when the map has one); every edge runs from a lower layer
//! (larger y) up to a higher one, so arrows point up toward what they bear
//! on. Only edges turned around to break a cycle, or leaving a main claim,
//! point down. Coordinates are logical pixels, y down; hand-placed
//! positions ([`crate::model::ArgumentMap::positions`]) are box centres in
//! the same coordinates.
//!
//! Drawing a [`MapLayout`] (what the SVG export does, and the pane should):
//! 1. edges first: stroke [`EdgePath::stroke_points`] with
//!    [`EdgeKind::color`], [`EdgeKind::width`] and [`EdgeKind::dash`], then
//!    fill the triangle of [`EdgePath::head_shapes`] and stroke its bar;
//! 2. nodes in order: units as rounded boxes filled with
//!    [`style::tint`]`(color, style::FILL_TINT)` and stroked in `color`
//!    (heavier for [`NodeBox::is_main_claim`]); scenarios as dashed pills;
//!    junctions as dots; label lines centred at [`MapLayout::line_top`] in
//!    the label font ([`text::LABEL_FONT`], egui's default proportional
//!    font) at [`TextStyle::font_size`];
//! 3. optionally frame [`MapLayout::aside`], the unlinked units.
//!
//! Hit-test with [`MapLayout::node_at`] / [`MapLayout::edge_at`]; after an
//! edit, lay out again ([`MapLayout::compute`], or [`LayoutCache`] keyed by
//! the session's revision). Dragging a unit or scenario is
//! `Edit::SetPosition { node: id, pos: Some(center) }` (junctions are not
//! placed by hand: they follow their relation); "re-layout" is
//! `Edit::SetPositions(BTreeMap::new())`.

mod aside;
mod build;
mod cache;
pub mod geom;
mod label;
mod layered;
mod layout;
mod route;
pub mod spatial;
pub mod style;
pub mod text;

pub use build::{GraphEdge, GraphNode, MapGraph, NodeKind, junction_id};
pub use cache::{BACKGROUND_UNITS, LayoutCache};
pub use geom::{Point, Rect};
pub use label::{DEFAULT_MAX_WORDS, LabelSource, scenario_label, unit_label};
pub use layered::{Gaps, Spacing};
pub use layout::{EdgePath, LayoutOptions, MapLayout, NodeBox, Placement, TextStyle, from_graph};
pub use spatial::SpatialIndex;
pub use style::{Arrowhead, EdgeKind};
