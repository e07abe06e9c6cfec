//! Writes issue 12's large synthetic map (5 MB of text, 20,000 units,
//! 12,000 relations, 892 scenarios), or one scaled by a factor, for trying
//! the window and measuring the CLI's memory on big files:
//! `cargo run --release --example generate_large -- OUT.argmap.ron [SCALE]`.

use argmark::io::save_map;
use argmark::model::fixture::{large, synthetic_with};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: generate_large OUT.argmap.ron [SCALE]");
        return ExitCode::from(2);
    };
    let scale: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let map = if scale == 1.0 {
        large()
    } else {
        let n = |v: f64| (v * scale).round() as usize;
        synthetic_with(n(5e6), n(2e4), n(1.2e4), n(892.0))
    };
    match save_map(&map, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
