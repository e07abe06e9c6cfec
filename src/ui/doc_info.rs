//! The document tab: title, author, source, date, annotator, notes.

use super::state::Action;
use crate::model::{ArgumentMap, Edit, Meta};
use egui::Ui;

/// Picks one text field out of the meta.
type MetaField = fn(&mut Meta) -> &mut String;

/// Draws the editable document information.
pub fn show(ui: &mut Ui, map: &ArgumentMap, actions: &mut Vec<Action>) {
    let mut meta = map.meta().clone();
    let mut changed = false;
    let mut lost_focus = false;
    egui::Grid::new("doc info")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let fields: [(&str, MetaField); 5] = [
                ("Title", |m| &mut m.title),
                ("Author", |m| &mut m.author),
                ("Source", |m| &mut m.source_url),
                ("Published", |m| &mut m.published),
                ("Annotator", |m| &mut m.annotator),
            ];
            for (label, get) in fields {
                let l = ui.label(label);
                let r = ui
                    .add(egui::TextEdit::singleline(get(&mut meta)).desired_width(f32::INFINITY))
                    .labelled_by(l.id);
                changed |= r.changed();
                lost_focus |= r.lost_focus();
                ui.end_row();
            }
        });
    ui.label("Notes");
    let r = ui.add(
        egui::TextEdit::multiline(&mut meta.notes)
            .desired_rows(6)
            .desired_width(f32::INFINITY)
            .hint_text("Your reading of the piece, for students or co-annotators"),
    );
    changed |= r.changed();
    lost_focus |= r.lost_focus();
    if changed {
        actions.push(Action::Edit(Edit::SetMeta(meta)));
    }
    if lost_focus {
        actions.push(Action::Seal);
    }
    ui.add_space(12.0);
    ui.weak(format!(
        "Tag scheme: {} · {} characters · {} paragraphs",
        map.scheme().name,
        map.source().len_chars(),
        map.source().index().paragraphs().len()
    ));
}
