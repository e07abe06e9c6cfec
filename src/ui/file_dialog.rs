//! Argmark's own file dialog, used when the system's cannot be (no XDG
//! portal and no zenity on a Linux desktop, or `ARGMARK_FILE_DIALOG=builtin`).
//! It is drawn inside the window and answers over several frames: the app
//! keeps it with the request it serves and acts on [`DialogResult`].
//!
//! Folder path with Up and Home, folders then files of the requested kind,
//! a name field for saving (prefilled with the suggestion), confirmation
//! before replacing a file, Enter / Esc, and errors said in the dialog.

use super::files::{PickKind, PickRequest, Purpose, with_map_extension};
use egui::{Align, Key, Layout, RichText};
use std::path::{Path, PathBuf};

/// How the dialog ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogResult {
    /// The user chose this path (for saving, with its extension fixed).
    Chosen(PathBuf),
    /// The user closed the dialog without choosing.
    Cancelled,
}

/// One row of the folder listing.
#[derive(Clone, Debug)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The in-app dialog's state between frames.
pub struct FileDialog {
    purpose: Purpose,
    dir: PathBuf,
    /// The folder field as typed (Enter goes there).
    dir_text: String,
    entries: Vec<Entry>,
    /// Why the folder could not be listed, or why a choice was refused.
    error: Option<String>,
    /// Save: the file name typed; Open: the selected file's name.
    name: String,
    /// Waiting for "Replace?" on this path.
    confirm: Option<PathBuf>,
    /// A line about why this dialog is shown instead of the system's.
    note: Option<String>,
    focus_name: bool,
}

impl FileDialog {
    /// A dialog for `request`, starting in its folder (or the current one).
    pub fn new(request: &PickRequest, note: Option<String>) -> Self {
        let dir = request
            .dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"));
        let mut d = Self {
            purpose: request.purpose,
            dir: PathBuf::new(),
            dir_text: String::new(),
            entries: Vec::new(),
            error: None,
            name: match request.purpose {
                Purpose::Open(_) => String::new(),
                Purpose::Save | Purpose::Export | Purpose::ExportAs(_) => request.name.clone(),
            },
            confirm: None,
            note,
            focus_name: true,
        };
        d.go(dir);
        d
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn title(&self) -> &'static str {
        match self.purpose {
            Purpose::Open(PickKind::Any) => "Open a map or a text",
            Purpose::Open(PickKind::Text) => "New annotation of a text",
            Purpose::Open(PickKind::Map) => "Compare with another annotation of this text",
            Purpose::Save => "Save the map",
            Purpose::Export => "Export the map",
            Purpose::ExportAs(_) => "Export for another tool",
        }
    }

    fn action(&self) -> &'static str {
        match self.purpose {
            Purpose::Open(_) => "Open",
            Purpose::Save => "Save",
            Purpose::Export | Purpose::ExportAs(_) => "Export",
        }
    }

    fn is_save(&self) -> bool {
        matches!(
            self.purpose,
            Purpose::Save | Purpose::Export | Purpose::ExportAs(_)
        )
    }

    /// Says which files the listing shows.
    fn filter_label(&self) -> String {
        match self.purpose {
            Purpose::Open(PickKind::Any) => {
                "Showing folders, maps (.argmap.ron), texts (.txt, .md), AIF/OVA3 (.json) and brat (.ann)".into()
            }
            Purpose::Open(PickKind::Text) => "Showing folders and texts (.txt, .md)".into(),
            Purpose::Open(PickKind::Map) => "Showing folders and maps (.argmap.ron)".into(),
            Purpose::Save => "Showing folders and maps (.argmap.ron)".into(),
            Purpose::Export => {
                "Showing folders and pictures (.svg, .png); name it .png for a PNG".into()
            }
            Purpose::ExportAs(t) => format!("Showing folders and {} files (.{})", t.label(), t.extension()),
        }
    }

    /// Which files are listed (folders always are).
    fn shows(&self, name: &str) -> bool {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let one;
        let allowed: &[&str] = match self.purpose {
            Purpose::Open(PickKind::Any) => &["ron", "txt", "md", "markdown", "json", "ann"],
            Purpose::Open(PickKind::Text) => &["txt", "md", "markdown"],
            Purpose::Open(PickKind::Map) => &["ron"],
            Purpose::Save => &["ron"],
            Purpose::Export => &["svg", "png"],
            Purpose::ExportAs(t) => {
                one = [t.extension()];
                &one
            }
        };
        allowed.contains(&ext.as_str())
    }

    /// Shows `dir`, or says why it cannot.
    fn go(&mut self, dir: PathBuf) {
        match std::fs::read_dir(&dir) {
            Ok(read) => {
                let mut entries: Vec<Entry> = read
                    .flatten()
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        if name.starts_with('.') {
                            return None;
                        }
                        // Follows symlinks, so a linked folder opens like a folder.
                        let is_dir = e.path().is_dir();
                        (is_dir || self.shows(&name)).then_some(Entry { name, is_dir })
                    })
                    .collect();
                entries.sort_by(|a, b| {
                    b.is_dir
                        .cmp(&a.is_dir)
                        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                });
                self.entries = entries;
                self.error = None;
                self.dir = dir;
                if !self.is_save() {
                    self.name.clear();
                }
            }
            Err(e) => {
                let why = match e.kind() {
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                    std::io::ErrorKind::NotFound => "no such folder".to_owned(),
                    _ => e.to_string(),
                };
                self.error = Some(format!("Cannot open the folder {}: {why}.", dir.display()));
                if self.dir.as_os_str().is_empty() {
                    // The very first folder failed: still show something to start from.
                    self.dir = dir;
                    self.entries.clear();
                }
            }
        }
        self.dir_text = self.dir.display().to_string();
        self.confirm = None;
    }

    /// The path the name field means, as typed.
    fn typed(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        Some(expand_home(name).unwrap_or_else(|| self.dir.join(name)))
    }

    /// That path with the extension the purpose needs.
    fn target(&self, path: PathBuf) -> PathBuf {
        match self.purpose {
            Purpose::Save => with_map_extension(path),
            Purpose::Export => {
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_ascii_lowercase);
                match ext.as_deref() {
                    Some("svg" | "png") => path,
                    _ => {
                        let mut s = path.into_os_string();
                        s.push(".svg");
                        PathBuf::from(s)
                    }
                }
            }
            Purpose::Open(_) | Purpose::ExportAs(_) => path,
        }
    }

    /// The primary button or Enter: choose, or step into a folder, or ask
    /// before replacing.
    fn accept(&mut self) -> Option<DialogResult> {
        let Some(typed) = self.typed() else {
            self.error = Some(if self.is_save() {
                "Type a file name first.".to_owned()
            } else {
                "Pick a file first.".to_owned()
            });
            return None;
        };
        if typed.is_dir() {
            self.go(typed);
            if self.is_save() {
                self.name.clear();
            }
            return None;
        }
        let path = self.target(typed);
        if self.is_save() {
            if let Some(parent) = path.parent()
                && !parent.is_dir()
            {
                self.error = Some(format!("There is no folder {}.", parent.display()));
                return None;
            }
            if path.exists() && self.confirm.as_ref() != Some(&path) {
                self.confirm = Some(path);
                return None;
            }
        } else if !path.is_file() {
            self.error = Some(format!("There is no file {}.", path.display()));
            return None;
        }
        Some(DialogResult::Chosen(path))
    }

    /// Draws the dialog; returns the answer once there is one.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<DialogResult> {
        let mut result = None;
        let modal = egui::Modal::new(egui::Id::unique("argmark file dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.set_max_width(560.0);
            ui.heading(self.title());
            ui.add_space(6.0);
            result = self.body(ui);
        });
        if result.is_none() && modal.should_close() {
            // Esc backs out of "Replace?" first, then closes.
            if self.confirm.take().is_none() {
                result = Some(DialogResult::Cancelled);
            }
        }
        result
    }

    fn body(&mut self, ui: &mut egui::Ui) -> Option<DialogResult> {
        let mut result = None;
        let mut go_to: Option<PathBuf> = None;
        ui.horizontal(|ui| {
            let up = ui
                .add_enabled(self.dir.parent().is_some(), egui::Button::new("⬆ Up"))
                .on_hover_text("The folder above (Alt+Up)");
            if up.clicked() {
                go_to = self.dir.parent().map(Path::to_owned);
            }
            if let Some(home) = home_dir()
                && ui
                    .button("Home")
                    .on_hover_text(home.display().to_string())
                    .clicked()
            {
                go_to = Some(home);
            }
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.dir_text)
                    .desired_width(f32::INFINITY)
                    .hint_text("Folder"),
            );
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let typed = self.dir_text.trim();
                go_to = Some(expand_home(typed).unwrap_or_else(|| PathBuf::from(typed)));
            }
        });
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::ALT, Key::ArrowUp)) {
            go_to = self.dir.parent().map(Path::to_owned);
        }
        ui.add_space(4.0);

        let mut chosen_by_double_click = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_min_height(280.0);
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if self.entries.is_empty() && self.error.is_none() {
                        ui.weak("No folders or matching files here.");
                    }
                    for entry in &self.entries {
                        let selected = !entry.is_dir && self.name == entry.name;
                        let text = if entry.is_dir {
                            RichText::new(format!("🗀  {}", entry.name))
                        } else {
                            RichText::new(format!("🗋  {}", entry.name))
                        };
                        let row = ui.add(
                            egui::Button::selectable(selected, text).frame_when_inactive(false),
                        );
                        if entry.is_dir && row.clicked() {
                            go_to = Some(self.dir.join(&entry.name));
                        } else if !entry.is_dir && row.double_clicked() {
                            chosen_by_double_click = Some(entry.name.clone());
                        } else if !entry.is_dir && row.clicked() {
                            self.name = entry.name.clone();
                            self.confirm = None;
                            self.error = None;
                        }
                    }
                });
        });
        if let Some(dir) = go_to {
            self.go(dir);
        }
        ui.weak(self.filter_label());

        ui.add_space(6.0);
        let mut enter = false;
        if self.is_save() {
            ui.horizontal(|ui| {
                let label = ui.label("File name:");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.name)
                            .desired_width(f32::INFINITY)
                            .id_salt("file dialog name"),
                    )
                    .labelled_by(label.id);
                if self.focus_name {
                    field.request_focus();
                    self.focus_name = false;
                }
                if field.changed() {
                    self.confirm = None;
                    self.error = None;
                }
                if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    enter = true;
                }
            });
        } else if !self.name.is_empty() {
            ui.label(format!("Selected: {}", self.name));
        }
        if !ui.ctx().text_edit_focused() && ui.input(|i| i.key_pressed(Key::Enter)) {
            enter = true;
        }

        if let Some(error) = &self.error {
            ui.add_space(4.0);
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        if let Some(path) = self.confirm.clone() {
            ui.add_space(4.0);
            egui::Frame::new()
                .fill(ui.visuals().faint_bg_color)
                .inner_margin(8.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.label(format!(
                        "{} already exists. Replace it?",
                        path.file_name().unwrap_or_default().to_string_lossy()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Replace").clicked() {
                            result = Some(DialogResult::Chosen(path.clone()));
                        }
                        if ui.button("Keep it").clicked() {
                            self.confirm = None;
                        }
                    });
                });
            if enter && result.is_none() {
                result = Some(DialogResult::Chosen(path));
            }
            enter = false;
        }

        ui.add_space(8.0);
        if let Some(note) = &self.note {
            ui.add(egui::Label::new(RichText::new(note).weak().small()).wrap());
            ui.add_space(4.0);
        }
        ui.horizontal(|ui| {
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let primary = ui.add(egui::Button::new(RichText::new(self.action()).strong()));
                if primary.clicked() {
                    enter = true;
                }
                if ui.button("Cancel").clicked() {
                    result = Some(DialogResult::Cancelled);
                }
            });
        });
        if let Some(name) = chosen_by_double_click {
            self.name = name;
            enter = true;
        }
        if enter && result.is_none() {
            result = self.accept();
        }
        result
    }
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// `~/x` and `/abs/x` as paths; `None` for names relative to the folder.
fn expand_home(typed: &str) -> Option<PathBuf> {
    if let Some(rest) = typed.strip_prefix("~/") {
        return home_dir().map(|h| h.join(rest));
    }
    if typed == "~" {
        return home_dir();
    }
    let p = Path::new(typed);
    p.is_absolute().then(|| p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save_request(dir: &Path) -> PickRequest {
        PickRequest {
            purpose: Purpose::Save,
            dir: Some(dir.to_owned()),
            name: "relos.argmap.ron".into(),
        }
    }

    #[test]
    fn save_lists_folders_and_maps_and_asks_before_replacing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("class")).unwrap();
        std::fs::write(dir.path().join("relos.argmap.ron"), "x").unwrap();
        std::fs::write(dir.path().join("relos.txt"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden.ron"), "x").unwrap();
        let mut d = FileDialog::new(&save_request(dir.path()), None);
        let names: Vec<_> = d.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["class", "relos.argmap.ron"]);
        let target = dir.path().join("relos.argmap.ron");
        assert_eq!(d.accept(), None, "first asks");
        assert_eq!(d.confirm, Some(target.clone()));
        assert_eq!(d.accept(), Some(DialogResult::Chosen(target)));
        d.name = "new one".into();
        assert_eq!(
            d.accept(),
            Some(DialogResult::Chosen(dir.path().join("new one.argmap.ron")))
        );
        d.name = "class".into();
        assert_eq!(d.accept(), None, "a folder name steps into it");
        assert_eq!(d.dir(), dir.path().join("class"));
    }

    #[test]
    fn unreadable_folders_are_reported_and_the_listing_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = FileDialog::new(&save_request(dir.path()), None);
        d.go(dir.path().join("missing"));
        assert_eq!(d.dir(), dir.path());
        let e = d.error.clone().unwrap();
        assert!(e.contains("missing") && e.contains("no such folder"), "{e}");
    }

    #[test]
    fn open_needs_an_existing_file_and_export_gets_svg() {
        let dir = tempfile::tempdir().unwrap();
        let mut d = FileDialog::new(
            &PickRequest {
                purpose: Purpose::Open(PickKind::Text),
                dir: Some(dir.path().to_owned()),
                name: String::new(),
            },
            None,
        );
        assert_eq!(d.accept(), None);
        d.name = "nope.txt".into();
        assert_eq!(d.accept(), None);
        assert!(d.error.clone().unwrap().contains("no file"));
        let mut e = FileDialog::new(
            &PickRequest {
                purpose: Purpose::Export,
                dir: Some(dir.path().to_owned()),
                name: "map".into(),
            },
            None,
        );
        assert_eq!(
            e.accept(),
            Some(DialogResult::Chosen(dir.path().join("map.svg")))
        );
    }
}
