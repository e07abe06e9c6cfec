pub mod analysis;
pub mod cli;
pub mod export;
pub mod graph;
pub mod io;
pub mod model;
pub mod session;
pub mod ui;
