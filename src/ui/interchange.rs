//! File ▸ Import… and File ▸ Export as…: the window's door to
//! [`crate::io::formats`]. Paths come from the window's file dialogs
//! (system or in-app), like every other file request.

use crate::export;
use crate::io::formats::{self, Source, Target};
use crate::model::{ArgumentMap, Problem, TagScheme, validate};
use crate::session::{OpenError, Origin, Session};
use std::path::{Path, PathBuf};

/// Opens any file the window can show: maps and texts as before, AIF/OVA3
/// JSON and brat through an import (the new session saves as a new map).
/// Returns the session and the import's warnings, or a message for the error dialog.
pub fn open_session(path: &Path, scheme: TagScheme) -> Result<(Session, Vec<String>), String> {
    match Source::of(path) {
        Some(source) if source.is_interchange() => {
            let imported = formats::import(path, &scheme).map_err(|e| e.to_string())?;
            let structural: Vec<Problem> = validate(&imported.map)
                .into_iter()
                .filter(Problem::is_structural)
                .collect();
            if !structural.is_empty() {
                return Err(OpenError::Invalid(path.to_owned(), structural).to_string());
            }
            let session = Session::new(imported.map, Origin::Text(path.to_owned()));
            Ok((session, imported.warnings))
        }
        _ => Session::open_with_warnings(path, scheme).map_err(|e| e.to_string()),
    }
}

/// The outcome of an export: a status-bar notice and what the format lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportDone {
    /// "Exported … to …", for the status bar.
    pub notice: String,
    /// What the format did not keep (see [`formats::losses`]).
    pub losses: Vec<String>,
}

impl ExportDone {
    /// The text of a warning dialog listing what the format did not keep, if anything.
    pub fn losses_message(&self) -> Option<String> {
        (!self.losses.is_empty()).then(|| {
            format!(
                "{}\nThis format does not keep everything:\n  {}",
                self.notice,
                self.losses.join("\n  ")
            )
        })
    }
}

/// The text of a warning dialog for what an import changed or dropped, if anything.
pub fn import_message(path: &Path, warnings: &[String]) -> Option<String> {
    if warnings.is_empty() {
        return None;
    }
    let mut text = format!(
        "Opened {} with {} note{}:\n",
        path.display(),
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" }
    );
    for w in warnings.iter().take(12) {
        text.push_str(&format!("  {w}\n"));
    }
    if warnings.len() > 12 {
        text.push_str(&format!(
            "  … and {} more (argmark convert lists them all)\n",
            warnings.len() - 12
        ));
    }
    Some(text)
}

/// Menu entries for the File menu: Import… and an Export as submenu.
pub fn file_menu_items(ui: &mut egui::Ui, actions: &mut Vec<super::state::Action>) {
    use super::command::Command;
    use super::state::Action;
    let item = |ui: &mut egui::Ui, cmd: Command, text: String, tip: &str, a: &mut Vec<Action>| {
        if ui.button(text).on_hover_text(tip).clicked() {
            a.push(Action::Run(cmd));
        }
    };
    ui.separator();
    item(
        ui,
        Command::Import,
        Command::Import.label(),
        "Open an AIF or OVA3 .json, or a brat .ann with its .txt, as a new map",
        actions,
    );
    ui.menu_button("Export as", |ui| {
        for t in Target::ALL.into_iter().filter(|t| *t != Target::Argmap) {
            let text = format!("{}…", t.label());
            item(ui, Command::ExportAs(t), text, t.description(), actions);
        }
    })
    .response
    .on_hover_text(
        "Write the document for another tool (AIF, Argdown, brat, CSV) or as a report to share",
    );
}

/// The file name a dialog suggests for exporting as `target`, beside `save_name`.
pub fn suggested_name(save_name: &str, target: Target) -> String {
    formats::default_output(Path::new(save_name), target)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Writes `map` as `target` at the path a dialog chose (adding the
/// format's extension when the name lacks it).
pub fn write_export(
    map: &ArgumentMap,
    title: &str,
    target: Target,
    path: PathBuf,
) -> Result<ExportDone, String> {
    let path = with_extension(path, target);
    let exported = formats::export(map, target, &path, title);
    let mut written = Vec::new();
    for f in &exported.files {
        export::write_file(&f.path, &f.bytes).map_err(|e| e.to_string())?;
        written.push(f.path.display().to_string());
    }
    Ok(ExportDone {
        notice: format!("Exported {} to {}.", target.label(), written.join(" and ")),
        losses: exported.losses,
    })
}

/// Adds the format's extension when the chosen name lacks it (a brat `.txt` becomes `.ann`).
fn with_extension(path: PathBuf, target: Target) -> PathBuf {
    if Target::from_path(&path) == Some(target) {
        return path;
    }
    let is_txt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    if target == Target::Brat && is_txt {
        return path.with_extension("ann");
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(target.extension());
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_names_get_the_format_extension() {
        let p = |s: &str, t| with_extension(PathBuf::from(s), t);
        assert_eq!(p("a/report.html", Target::Html), Path::new("a/report.html"));
        assert_eq!(p("a/report", Target::Html), Path::new("a/report.html"));
        assert_eq!(p("essay.txt", Target::Brat), Path::new("essay.ann"));
        assert_eq!(p("m", Target::Argmap), Path::new("m.argmap.ron"));
        assert_eq!(p("t.csv", Target::Csv), Path::new("t.csv"));
    }
}
