//! Helpers shared by the integration tests: the binary as a user runs it,
//! and the whole window in a kittest harness.
// Each test file uses a different subset.
#![allow(dead_code)]

use argmark::session::Session;
use argmark::ui::ArgmarkApp;
use egui_kittest::Harness;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the `argmark` binary with `args`.
pub fn argmark(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_argmark"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The bundled RELOS example map.
pub fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/relos.argmap.ron")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The whole window at 1400×900 on `app`, after its first frames.
pub fn window_with(app: ArgmarkApp) -> Harness<'static, ArgmarkApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // Revealing a unit scrolls the text smoothly, which takes a few frames.
        .with_max_steps(30)
        .build_ui_state(|ui, app: &mut ArgmarkApp| app.draw(ui), app);
    h.run();
    h
}

/// The whole window on a session.
pub fn window(session: Session) -> Harness<'static, ArgmarkApp> {
    window_with(ArgmarkApp::new(session))
}

/// The whole window on the bundled RELOS example, as `argmark` starts.
pub fn relos_window() -> Harness<'static, ArgmarkApp> {
    window(Session::example())
}
