//! The Suggestions tab: sentences the lens reads as speculative that no
//! speculation unit covers yet, each with Accept and Dismiss.

use super::analysis_view::AnalysisView;
use super::state::Action;
use super::units_list::excerpt;
use crate::analysis::lens::{self, Strength};
use crate::model::ArgumentMap;
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
    egui::ScrollArea::vertical()
        .id_salt("suggestions")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for s in list {
                let text = map.quote_of(s.sentence.clone()).unwrap_or_default();
                ui.group(|ui| {
                    ui.set_width(ui.available_width());
                    if ui
                        .link(excerpt(text, 140))
                        .on_hover_text("Show in the text")
                        .clicked()
                    {
                        actions.push(Action::ScrollToChar(s.sentence.start));
                    }
                    ui.horizontal_wrapped(|ui| {
                        for c in &s.cues {
                            let strength = c.class.strength().map_or("", Strength::label);
                            ui.label(RichText::new(&c.text).italics().small())
                                .on_hover_text(strength);
                        }
                    });
                    ui.horizontal(|ui| {
                        if let Some(edit) = lens::accept_edit(map, s)
                            && ui
                                .button("Accept")
                                .on_hover_text("Mark the sentence as speculation")
                                .clicked()
                        {
                            actions.push(Action::Edit(edit));
                        }
                        if ui
                            .button("Dismiss")
                            .on_hover_text("Not speculation; don't suggest it again")
                            .clicked()
                        {
                            actions.push(Action::Edit(lens::dismiss_edit(s)));
                        }
                    });
                });
            }
        });
}
