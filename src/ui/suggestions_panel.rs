//! The Suggestions tab: sentences the lens reads as speculative that no
//! speculation unit covers yet, each with Accept and Dismiss.

use super::analysis_view::AnalysisView;
use super::state::Action;
use super::units_list::excerpt;
use crate::analysis::lens::{self, Strength};
use crate::model::{ArgumentMap, Edit};
use egui::{RichText, Ui};

/// Draws the suggestion list.
pub fn show(ui: &mut Ui, map: &ArgumentMap, analysis: &AnalysisView, actions: &mut Vec<Action>) {
    let list = analysis.suggestions();
    ui.weak(format!(
        "{} speculative sentence{} not yet marked. Accept makes a {} unit; Dismiss hides it for good (saved in the file).",
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        map.scheme()
            .first_with_role(crate::model::Role::Speculation)
            .map_or("speculation", |t| t.name.as_str())
    ));
    ui.separator();
    // Fixed-height rows so only the visible suggestions are built, however
    // many: two lines of the sentence (room for taller fallback fonts), the
    // buttons, and the separator. The sentence is cut to two lines to fit.
    let line = ui.text_style_height(&egui::TextStyle::Body) * 1.25;
    let spacing = ui.spacing().item_spacing.y;
    let row = line * 2.0 + ui.spacing().interact_size.y + spacing * 2.0 + 10.0;
    let can_accept = map
        .scheme()
        .first_with_role(crate::model::Role::Speculation)
        .is_some();
    egui::ScrollArea::vertical()
        .id_salt("suggestions")
        .auto_shrink([false, false])
        .show_rows(ui, row, list.len(), |ui, rows| {
            for s in &list[rows] {
                let text = map.quote_of(s.sentence.clone()).unwrap_or_default();
                let cell = ui.allocate_ui(egui::vec2(ui.available_width(), row), |ui| {
                    ui.set_height(row);
                    ui.vertical(|ui| {
                        let cues: Vec<String> = s
                            .cues
                            .iter()
                            .map(|c| {
                                let strength = c.class.strength().map_or("", Strength::label);
                                format!("“{}” ({strength})", c.text)
                            })
                            .collect();
                        let link = ui
                            .add(egui::Link::new(two_lines(ui, excerpt(text, 240))))
                            .on_hover_text(format!("Show in the text. Cues: {}", cues.join(", ")));
                        if link.clicked() {
                            actions.push(Action::ScrollToChar(s.sentence.start));
                        }
                        ui.horizontal(|ui| {
                            let accept = ui
                                .add_enabled(can_accept, egui::Button::new("Accept"))
                                .on_hover_text("Mark the sentence as speculation");
                            if accept.clicked()
                                && let Some(edit) = lens::accept_edit(map, s)
                            {
                                // Select the new unit and say what happened.
                                if let Edit::AddUnit(u) = &edit {
                                    let made = Action::Notice(format!(
                                        "Accepted: {} {} made from the suggestion.",
                                        u.kind, u.id
                                    ));
                                    let id = u.id.clone();
                                    actions.push(Action::Edit(edit));
                                    actions.push(Action::Reveal(id));
                                    actions.push(made);
                                } else {
                                    actions.push(Action::Edit(edit));
                                }
                            }
                            if ui
                                .button("Dismiss")
                                .on_hover_text("Not speculation; don't suggest it again")
                                .clicked()
                            {
                                actions.push(Action::Edit(lens::dismiss_edit(s)));
                            }
                            if let Some(c) = s.cues.first() {
                                ui.label(RichText::new(&c.text).italics().small());
                            }
                        });
                    });
                });
                let r = cell.response.rect;
                let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
                ui.painter().hline(r.x_range(), r.bottom() - 3.0, stroke);
            }
        });
}

/// `text` laid out in link colour at the available width, cut with an
/// ellipsis after two lines, so a long sentence never spills out of its row.
fn two_lines(ui: &Ui, text: String) -> std::sync::Arc<egui::Galley> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut job = egui::text::LayoutJob::simple(
        text,
        font,
        ui.visuals().hyperlink_color,
        ui.available_width(),
    );
    job.wrap.max_rows = 2;
    job.wrap.overflow_character = Some('…');
    ui.fonts_mut(|f| f.layout_job(job))
}
