pub mod analysis;
pub mod cli;
pub mod io;
pub mod model;
