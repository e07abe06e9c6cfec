use argmark::cli::{self, Cli};
use argmark::ui::ArgmarkApp;
use argmark::ui::compare::Comparison;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    let mut compare_window = None;
    match args.command {
        Some(cli::Command::Compare {
            window: true,
            files,
            key,
            ..
        }) => {
            // The key, when given, is A; the maps follow.
            let key_mode = key.is_some();
            let paths: Vec<_> = key.into_iter().chain(files).collect();
            match Comparison::open(&paths, key_mode) {
                Ok(view) => compare_window = Some(view),
                Err(e) => {
                    eprintln!("argmark compare: {e}");
                    return ExitCode::from(1);
                }
            }
        }
        Some(command) => return cli::run(command),
        None => {}
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
            let mut app =
                ArgmarkApp::from_creation_context(cc, file.as_deref(), lexicon.as_deref());
            if let Some(view) = compare_window {
                app.open_compare(view);
            }
            Ok(Box::new(app))
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
