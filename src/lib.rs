pub mod analysis;
pub mod cli;
pub mod graph;
pub mod io;
pub mod model;
