use argmark::cli::{self, Cli};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    match args.command {
        Some(command) => cli::run(command),
        None => {
            eprintln!(
                "The window is not built yet; try `argmark stats examples/relos.argmap.ron`."
            );
            ExitCode::SUCCESS
        }
    }
}
