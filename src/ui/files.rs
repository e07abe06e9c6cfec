//! Choosing files: native dialogs in the app, a scripted picker in tests.

use std::path::PathBuf;

/// What kind of file a dialog should offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickKind {
    /// A saved map or a text (Open…).
    Any,
    /// A text to annotate (New from text…).
    Text,
}

/// Asks the user for paths. The window uses native dialogs; tests script answers.
pub trait FilePicker {
    /// A file to open, or `None` if the user cancelled.
    fn pick_open(&mut self, kind: PickKind) -> Option<PathBuf>;
    /// Where to save, suggesting `name`; `None` if cancelled.
    fn pick_save(&mut self, name: &str) -> Option<PathBuf>;
    /// Where to export the map (`.svg` or `.png`), suggesting `name`.
    fn pick_export(&mut self, name: &str) -> Option<PathBuf>;
    /// Maps to compare with the open one (one or more); empty if cancelled.
    fn pick_maps(&mut self) -> Vec<PathBuf> {
        self.pick_open(PickKind::Any).into_iter().collect()
    }
}

/// Native dialogs through rfd.
pub struct NativePicker;

impl FilePicker for NativePicker {
    fn pick_open(&mut self, kind: PickKind) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new();
        match kind {
            PickKind::Any => dialog
                .add_filter("Argument maps and texts", &["ron", "txt", "md"])
                .add_filter("Argument maps", &["ron"])
                .add_filter("Texts", &["txt", "md"]),
            PickKind::Text => dialog.add_filter("Texts", &["txt", "md"]),
        }
        .pick_file()
    }

    fn pick_save(&mut self, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Argument maps", &["ron"])
            .set_file_name(name)
            .save_file()
    }

    fn pick_export(&mut self, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("SVG drawing", &["svg"])
            .add_filter("PNG image", &["png"])
            .set_file_name(name)
            .save_file()
    }

    fn pick_maps(&mut self) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("Argument maps", &["ron"])
            .pick_files()
            .unwrap_or_default()
    }
}

/// Answers dialogs from a queue: for tests and scripted runs.
#[derive(Default)]
pub struct ScriptedPicker {
    pub answers: std::collections::VecDeque<Option<PathBuf>>,
}

impl FilePicker for ScriptedPicker {
    fn pick_open(&mut self, _: PickKind) -> Option<PathBuf> {
        self.answers.pop_front().flatten()
    }
    fn pick_save(&mut self, _: &str) -> Option<PathBuf> {
        self.answers.pop_front().flatten()
    }
    fn pick_export(&mut self, _: &str) -> Option<PathBuf> {
        self.answers.pop_front().flatten()
    }
}

/// Appends `.argmap.ron` when the user typed a bare name.
pub fn with_map_extension(mut path: PathBuf) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !name.ends_with(".ron") {
        path.set_file_name(format!("{name}.argmap.ron"));
    }
    path
}
