//! The prompt shown when work from a session that ended without saving is
//! found: each document with its time and original path, Recover / Discard.

use crate::io::recovery::{RecoveredFrom, RecoveryEntry};
use egui::{Context, Id, RichText};

/// What the user chose in the prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Open this entry (index into the list shown).
    Recover(usize),
    /// Delete this entry's recovery file.
    Discard(usize),
    /// Close the prompt; the files stay for later.
    Later,
}

/// Shows the prompt for `entries`; returns a choice once made.
pub fn show(ctx: &Context, entries: &[RecoveryEntry]) -> Option<RecoveryChoice> {
    let mut choice = None;
    let response = egui::Modal::new(Id::unique("argmark recovery")).show(ctx, |ui| {
        ui.set_width(600.0);
        ui.heading("Recover unsaved work?");
        ui.add_space(4.0);
        ui.label(
            "Argmark closed without saving the work below (a crash, a power cut, or it was killed). \
             Recover opens it as unsaved changes; save it to keep it.",
        );
        ui.add_space(8.0);
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            for (i, entry) in entries.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let h = &entry.header;
                    ui.label(RichText::new(&h.name).strong());
                    let from = match (h.origin, &h.path) {
                        (RecoveredFrom::Example, _) => "the bundled example".to_owned(),
                        (RecoveredFrom::Map, Some(p)) => p.display().to_string(),
                        (RecoveredFrom::Text, Some(p)) => format!("a new annotation of {}", p.display()),
                        (_, None) => "an unknown file".to_owned(),
                    };
                    ui.weak(from);
                    ui.weak(format!(
                        "Last copied {} · {} unit{}",
                        entry.describe_time(),
                        h.units,
                        if h.units == 1 { "" } else { "s" }
                    ));
                    ui.horizontal(|ui| {
                        if ui
                            .button("Recover")
                            .on_hover_text("Open this work; it stays unsaved until you save it")
                            .clicked()
                        {
                            choice = Some(RecoveryChoice::Recover(i));
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Delete this copy for good")
                            .clicked()
                        {
                            choice = Some(RecoveryChoice::Discard(i));
                        }
                    });
                });
                ui.add_space(4.0);
            }
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .button("Decide later")
                .on_hover_text("Keep the copies; File menu: Recover unsaved work… shows them again")
                .clicked()
            {
                choice = Some(RecoveryChoice::Later);
            }
        });
    });
    if choice.is_none() && response.should_close() {
        choice = Some(RecoveryChoice::Later);
    }
    choice
}
