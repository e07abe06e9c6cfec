//! Read-only analyses of a map: statistics now, argument checks and the
//! speculation lens later. Pure functions of the model; no egui.

mod stats;

pub use stats::{Stats, covered, stats};
