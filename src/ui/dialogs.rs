//! Modal dialogs (unsaved changes, errors) and the keyboard help overlay.

use super::app::{Modal, Pending};
use super::command::Command;
use crate::model::TagScheme;
use egui::{Context, Id, RichText};

/// The user's answer to the unsaved-changes prompt (or closing an error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    Discard,
    Cancel,
    /// Replace the file changed on disk with this version.
    Overwrite,
    /// Save this version elsewhere.
    SaveAs,
}

/// Shows the modal; returns the answer once the user gives one.
/// `about` names what has the unsaved changes ("speech.argmap.ron", "the gold map").
pub fn modal(ctx: &Context, modal: &Modal, about: &str) -> Option<Answer> {
    let mut answer = None;
    let response = egui::Modal::new(Id::unique("argmark modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match modal {
            Modal::Unsaved(pending) => {
                ui.heading("Unsaved changes");
                let doing = match pending {
                    Pending::Quit => "quitting",
                    Pending::Close(_) => "closing it",
                    Pending::Reload(_) => "reading the file again from disk",
                    Pending::CloseCompare => "closing the comparison",
                    Pending::CompareWith => "starting another comparison",
                };
                ui.label(format!("Save the changes to {} before {doing}?", about));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(Answer::Save);
                    }
                    if ui.button("Discard changes").clicked() {
                        answer = Some(Answer::Discard);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
            Modal::Conflict { path, .. } => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by another program since you opened or saved it. \
                     Saving now would replace those changes with yours.",
                    path.display()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Overwrite")
                        .on_hover_text("Replace the file with your version")
                        .clicked()
                    {
                        answer = Some(Answer::Overwrite);
                    }
                    if ui
                        .button("Save as…")
                        .on_hover_text("Keep both: save yours under another name")
                        .clicked()
                    {
                        answer = Some(Answer::SaveAs);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(Answer::Cancel);
                    }
                });
            }
            Modal::Warning(message) => {
                let footnote =
                    "You can work on the file; units with an unknown tag are drawn without colour.";
                if message_box(ui, "Opened, with problems", message, footnote) {
                    answer = Some(Answer::Cancel);
                }
            }
            Modal::Error(message) => {
                let footnote = "Your open document was not changed.";
                if message_box(ui, "Could not do that", message, footnote) {
                    answer = Some(Answer::Cancel);
                }
            }
        }
    });
    if response.should_close() && answer.is_none() {
        answer = Some(Answer::Cancel);
    }
    answer
}

/// A heading, a scrollable monospace message and an OK button; true when OK is clicked.
fn message_box(ui: &mut egui::Ui, heading: &str, message: &str, footnote: &str) -> bool {
    ui.heading(heading);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(300.0)
        .show(ui, |ui| {
            ui.label(RichText::new(message).monospace());
        });
    ui.add_space(4.0);
    ui.weak(footnote);
    ui.add_space(8.0);
    ui.button("OK").clicked()
}

/// The help overlay: every shortcut, the tag keys of the scheme, and mouse gestures.
pub fn help(ctx: &Context, scheme: &TagScheme, open: &mut bool) {
    egui::Window::new("Keys and gestures")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            let height = ctx.content_rect().height() * 0.7;
            egui::ScrollArea::vertical()
                .max_height(height)
                .show(ui, |ui| {
                    egui::Grid::new("help keys")
                        .num_columns(2)
                        .striped(true)
                        .spacing([24.0, 4.0])
                        .show(ui, |ui| {
                            for tag in &scheme.tags {
                                ui.label(RichText::new(tag.key.to_string()).monospace().strong());
                                ui.label(format!(
                                    "Tag the selection as {} (or retag the selected unit)",
                                    tag.name
                                ));
                                ui.end_row();
                            }
                            for cmd in Command::KEYED {
                                let key = cmd.shortcut_text(ctx);
                                let key = if key.is_empty() {
                                    "(menu)".to_owned()
                                } else {
                                    key
                                };
                                ui.label(RichText::new(key).monospace().strong());
                                ui.label(cmd.label());
                                ui.end_row();
                            }
                            for (gesture, what) in [
                                (
                                    "Drag over text",
                                    "Select words (hold Alt for exact characters)",
                                ),
                                (
                                    "Click a highlight",
                                    "Select its unit (Ctrl+click adds to the selection)",
                                ),
                                (
                                    "Drag a unit's end bars",
                                    "Move its boundaries (one undo step)",
                                ),
                                (
                                    "Map: click a node",
                                    "Select its unit and show it in the text",
                                ),
                                ("Map: drag a node", "Place it by hand (Re-layout forgets)"),
                                (
                                    "Map: Shift+drag onto a node",
                                    "Link the two units (support, attack, rephrase)",
                                ),
                                ("Map: drag the background, wheel", "Pan and zoom"),
                                ("Map: click an edge, then Delete", "Remove that relation"),
                                ("Drop a file", "Open it"),
                            ] {
                                ui.label(RichText::new(gesture).strong());
                                ui.label(what);
                                ui.end_row();
                            }
                        });
                });
        });
}
