//! Read-only analyses of a map: statistics, the speculation lens and the
//! argument checks. Pure functions of the model; no egui.

pub mod checks;
pub mod compare;
pub mod lens;
mod stats;

pub use stats::{Stats, covered, stats};
