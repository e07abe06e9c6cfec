//! The inspector: the selected unit's tag, note, scenario and relations,
//! and the buttons that start a new relation from it.

use super::analysis_view::AnalysisView;
use super::checks_panel::status_badge;
use super::colors;
use super::command::Command;
use super::state::{Action, View};
use super::units_list::excerpt;
use crate::model::{ArgumentMap, Edit, RelationKind, Unit};
use egui::{RichText, Ui};

/// The inspector in its own scroll area, filling the space it is given.
/// Height for the inspector above the map: what its content took last
/// frame, at least 110 px and at most 60% of the column.
pub fn fitted_height(ui: &Ui) -> f32 {
    let column = ui.available_height();
    let wanted: f32 = ui.data(|d| d.get_temp(fitted_id())).unwrap_or(column * 0.4);
    wanted.clamp(110.0, (column * 0.6).max(110.0))
}

fn fitted_id() -> egui::Id {
    egui::Id::unique("inspector content height")
}

/// The inspector in a panel sized by [`fitted_height`]: draws it scrolled
/// and remembers how tall its content was, for the next frame.
pub fn show_fitted(
    ui: &mut Ui,
    map: &ArgumentMap,
    view: &View,
    analysis: &AnalysisView,
    actions: &mut Vec<Action>,
) {
    let content = show_scrolled(ui, map, view, analysis, actions);
    // The panel's own margins and a little air below the last line.
    let wanted = content + ui.spacing().window_margin.sum().y + 8.0;
    let before: Option<f32> = ui.data(|d| d.get_temp(fitted_id()));
    if before.is_none_or(|b| (b - wanted).abs() > 0.5) {
        ui.data_mut(|d| d.insert_temp(fitted_id(), wanted));
        ui.ctx().request_repaint();
    }
}

/// Draws the inspector in a vertical scroll area; returns its content height.
pub fn show_scrolled(
    ui: &mut Ui,
    map: &ArgumentMap,
    view: &View,
    analysis: &AnalysisView,
    actions: &mut Vec<Action>,
) -> f32 {
    // A solid scroll bar: the inspector often holds more than its share of
    // the column beside the map, and a floating bar hides that.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    egui::ScrollArea::vertical()
        .id_salt("inspector scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| show(ui, map, view, analysis, actions))
        .content_size
        .y
}

/// Draws the inspector for the primary selection.
fn show(
    ui: &mut Ui,
    map: &ArgumentMap,
    view: &View,
    analysis: &AnalysisView,
    actions: &mut Vec<Action>,
) {
    ui.heading("Inspector");
    if let Some(draft) = &view.link {
        ui.group(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} from {}: click the target unit in the text or the list.",
                    kind_name(draft.kind),
                    draft
                        .sources
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(" + ")
                ))
                .strong(),
            );
            if ui.button("Cancel link").on_hover_text("Esc").clicked() {
                actions.push(Action::Run(Command::Cancel));
            }
        });
    }
    let Some(unit) = view.primary().and_then(|id| map.unit(id)) else {
        ui.add_space(8.0);
        ui.weak("Select text and press a digit (or a tag button) to create a unit. Click a highlight to select it.");
        return;
    };
    if view.selected.len() > 1 {
        ui.label(format!(
            "{} units selected (Ctrl+click).",
            view.selected.len()
        ));
        ui.horizontal_wrapped(|ui| {
            for kind in RelationKind::ALL {
                if ui
                    .button(format!("Link together: {} ➡", kind_name(kind)))
                    .on_hover_text(
                        "The selected units jointly (a linked argument) to the next unit you click",
                    )
                    .clicked()
                {
                    actions.push(Action::StartLink(kind));
                }
            }
        });
        ui.separator();
    }
    unit_details(ui, map, unit, actions);
    standing(ui, map, unit, analysis, actions);
    relations(ui, map, unit, actions);
}

/// Whether the unit stands, and what speculation it rests on.
fn standing(
    ui: &mut Ui,
    map: &ArgumentMap,
    unit: &Unit,
    analysis: &AnalysisView,
    actions: &mut Vec<Action>,
) {
    ui.add_space(8.0);
    ui.strong("Standing");
    if let Some(status) = analysis.findings().and_then(|f| f.status.get(&unit.id)) {
        ui.horizontal(|ui| {
            ui.label("Status:");
            status_badge(ui, *status);
        });
    }
    match analysis.selected_dependencies().filter(|d| !d.is_empty()) {
        None => {
            ui.weak("Rests on no speculation.");
        }
        Some(d) => {
            let names = d.scenario_names(map);
            if !names.is_empty() {
                ui.label(format!("Depends on: {}", names.join(", ")));
            }
            ui.horizontal_wrapped(|ui| {
                ui.label("Speculation under it:");
                for u in &d.speculation_units {
                    if ui.link(u.as_str()).clicked() {
                        actions.push(Action::Reveal(u.clone()));
                    }
                }
            });
        }
    }
}

fn unit_details(ui: &mut Ui, map: &ArgumentMap, unit: &Unit, actions: &mut Vec<Action>) {
    let dark = ui.visuals().dark_mode;
    let quote = excerpt(&unit.quote, 240);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = ui.available_width();
    match super::rtl_text::galley(ui, &quote, font, ui.visuals().text_color(), width) {
        Some(laid) => {
            super::rtl_text::show(ui, &quote, laid, width);
        }
        None => {
            ui.label(RichText::new(format!("“{quote}”")).italics());
        }
    }
    // Delete sits beside the unit's id, so it is at hand however short the
    // inspector is beside the map.
    ui.horizontal(|ui| {
        ui.weak(format!(
            "{} · characters {}–{}",
            unit.id, unit.start, unit.end
        ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("Delete unit")
                .on_hover_text(
                    "Delete (its relations are removed or repaired; Ctrl+Z brings all back)",
                )
                .clicked()
            {
                actions.push(Action::Run(Command::DeleteSelected));
            }
        });
    });
    ui.add_space(6.0);

    egui::Grid::new("inspector grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Tag");
            let mut kind = unit.kind.clone();
            egui::ComboBox::from_id_salt("unit tag")
                .selected_text(&kind)
                .show_ui(ui, |ui| {
                    for t in &map.scheme().tags {
                        let text = RichText::new(format!("{}  {}", t.key, t.name))
                            .color(colors::stroke(t.color, dark));
                        ui.selectable_value(&mut kind, t.name.clone(), text);
                    }
                })
                .response
                .on_hover_text("Change the tag (or press its digit)");
            if kind != unit.kind {
                actions.push(Action::Edit(Edit::SetUnitKind {
                    unit: unit.id.clone(),
                    kind,
                }));
            }
            ui.end_row();

            ui.label("Scenario");
            let current = unit.scenario.as_ref().and_then(|s| map.scenario(s));
            let mut chosen = unit.scenario.clone();
            let mut create = false;
            egui::ComboBox::from_id_salt("unit scenario")
                .selected_text(current.map_or("(none)", |s| s.name.as_str()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut chosen, None, "(none)");
                    for s in map.scenarios() {
                        ui.selectable_value(&mut chosen, Some(s.id.clone()), &s.name);
                    }
                    if ui.button("New scenario…").clicked() {
                        create = true;
                    }
                })
                .response
                .on_hover_text("The hypothetical this passage speculates about");
            if create {
                actions.push(Action::NewScenarioFor(unit.id.clone()));
            } else if chosen != unit.scenario {
                actions.push(Action::Edit(Edit::SetUnitScenario {
                    unit: unit.id.clone(),
                    scenario: chosen,
                }));
            }
            ui.end_row();
        });

    ui.add_space(4.0);
    ui.label("Note");
    let mut note = unit.note.clone();
    let response = ui.add(
        egui::TextEdit::multiline(&mut note)
            .id_salt(("note", unit.id.as_str()))
            .desired_rows(3)
            .desired_width(f32::INFINITY)
            .hint_text("Why this matters, who says it, weak spots…"),
    );
    if response.changed() {
        actions.push(Action::Edit(Edit::SetUnitNote {
            unit: unit.id.clone(),
            note,
        }));
    }
    if response.lost_focus() {
        actions.push(Action::Seal);
    }

    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.label("Link from here:");
        for kind in RelationKind::ALL {
            let cmd = Command::Link(kind);
            if ui
                .button(format!("{} ➡", kind_name(kind)))
                .on_hover_text(format!("{} ({})", cmd.label(), cmd.shortcut_text(ui.ctx())))
                .clicked()
            {
                actions.push(Action::StartLink(kind));
            }
        }
    });
}

/// The unit's relations, each with a link to the other end and a remove button.
fn relations(ui: &mut Ui, map: &ArgumentMap, unit: &Unit, actions: &mut Vec<Action>) {
    ui.add_space(8.0);
    ui.strong("Relations");
    let mut any = false;
    for r in map.relations_of(&unit.id) {
        any = true;
        let outgoing = r.sources.contains(&unit.id);
        let others: Vec<&Unit> = if outgoing {
            map.unit(&r.target).into_iter().collect()
        } else {
            r.sources.iter().filter_map(|s| map.unit(s)).collect()
        };
        ui.horizontal_wrapped(|ui| {
            let arrow = if outgoing { "➡" } else { "⬅" };
            ui.label(RichText::new(format!("{} {arrow}", kind_name(r.kind))).strong());
            for o in &others {
                let text = format!("{} {}", o.id, excerpt(&o.quote, 24));
                if ui.link(text).on_hover_text(&o.quote).clicked() {
                    actions.push(Action::Reveal(o.id.clone()));
                }
            }
            if outgoing && r.sources.len() > 1 {
                ui.weak(format!("(linked with {})", r.sources.len() - 1));
            }
            if ui
                .small_button("✖")
                .on_hover_text(format!("Remove relation {}", r.id))
                .clicked()
            {
                actions.push(Action::Edit(Edit::RemoveRelation(r.id.clone())));
            }
        });
    }
    if !any {
        ui.weak("None yet.");
    }
}

/// The relation kind as buttons say it.
pub fn kind_name(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Support => "Support",
        RelationKind::Attack => "Attack",
        RelationKind::Rephrase => "Rephrase",
    }
}
