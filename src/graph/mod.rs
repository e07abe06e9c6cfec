//! The argument map as a picture: which nodes and edges a map has
//! ([`MapGraph`]), how big its boxes are ([`text`]), and where everything
//! goes ([`MapLayout`]). No egui here: the on-screen pane and the SVG/PNG
//! exports both draw a [`MapLayout`].
//!
//! Layout convention: conclusions on top. Layer 0 holds the main claim;
//! every edge runs from a lower layer (larger y) up to a higher one, so
//! arrows point up toward what they bear on.

mod build;
mod cache;
pub mod geom;
mod label;
mod layered;
mod layout;
pub mod style;
pub mod text;

pub use build::{GraphEdge, GraphNode, MapGraph, NodeKind, junction_id};
pub use cache::LayoutCache;
pub use geom::{Point, Rect};
pub use label::{DEFAULT_MAX_WORDS, LabelSource, scenario_label, unit_label};
pub use layered::{Gaps, Spacing};
pub use layout::{EdgePath, LayoutOptions, MapLayout, NodeBox, Placement, TextStyle, from_graph};
pub use style::{Arrowhead, EdgeKind};
