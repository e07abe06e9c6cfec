use argmark::cli::{self, Cli};
use argmark::ui::ArgmarkApp;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Some(command) = args.command {
        return cli::run(command);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Argmark")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let (file, lexicon) = (args.file, args.lexicon);
    let result = eframe::run_native(
        "Argmark",
        options,
        Box::new(move |cc| {
            Ok(Box::new(ArgmarkApp::from_creation_context(
                cc,
                file.as_deref(),
                lexicon.as_deref(),
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("argmark: could not open the window: {e}");
            ExitCode::from(1)
        }
    }
}
