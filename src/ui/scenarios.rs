//! The scenarios tab: create, rename, describe, hedge, and chain scenarios
//! ("if the New Détente bears fruit, then …"), and see their units.

use super::state::{Action, View};
use super::units_list::excerpt;
use crate::model::{ArgumentMap, Edit, Scenario, ScenarioField, ScenarioId};
use egui::{RichText, Ui};

/// Draws the scenario list and editors.
pub fn show(ui: &mut Ui, map: &ArgumentMap, view: &View, actions: &mut Vec<Action>) {
    if ui
        .button("➕ New scenario")
        .on_hover_text("A named hypothetical the author entertains")
        .clicked()
    {
        actions.push(Action::Edit(Edit::AddScenario(Scenario {
            id: map.next_scenario_id(),
            name: format!("Scenario {}", map.scenarios().len() + 1),
            description: String::new(),
            hedge: String::new(),
            depends_on: Vec::new(),
        })));
    }
    if let Some(unit) = view.primary().and_then(|id| map.unit(id)) {
        ui.weak(format!(
            "Selected: {} — assign it to a scenario below.",
            unit.id
        ));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("scenarios")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if map.scenarios().is_empty() {
                ui.weak("No scenarios yet.");
            }
            for s in map.scenarios() {
                scenario_editor(ui, map, view, s, actions);
                ui.add_space(6.0);
            }
        });
}

/// Past this many scenarios, editors start folded and dependencies are
/// chosen from a menu.
const MANY: usize = 12;

/// One checkbox per other scenario: does `s` depend on it?
fn dependency_boxes(ui: &mut Ui, s: &Scenario, others: &[&Scenario], actions: &mut Vec<Action>) {
    for o in others {
        let mut on = s.depends_on.contains(&o.id);
        if ui
            .checkbox(&mut on, &o.name)
            .on_hover_text(format!("“{}” only happens if “{}” does", s.name, o.name))
            .changed()
        {
            let mut deps: Vec<ScenarioId> = s.depends_on.clone();
            if on {
                deps.push(o.id.clone());
            } else {
                deps.retain(|d| *d != o.id);
            }
            actions.push(Action::Edit(Edit::SetScenarioDependencies {
                scenario: s.id.clone(),
                depends_on: deps,
            }));
        }
    }
}

fn scenario_editor(
    ui: &mut Ui,
    map: &ArgumentMap,
    view: &View,
    s: &Scenario,
    actions: &mut Vec<Action>,
) {
    // Hundreds of scenarios (a long document) start folded, so a frame
    // draws their names, not hundreds of editors.
    egui::CollapsingHeader::new(RichText::new(&s.name).strong())
        .id_salt(("scenario", s.id.as_str()))
        .default_open(map.scenarios().len() <= MANY)
        .show(ui, |ui| {
            text_field(ui, "Name", s, ScenarioField::Name, &s.name, actions);
            text_field(ui, "Hedge", s, ScenarioField::Hedge, &s.hedge, actions);
            text_field(
                ui,
                "About",
                s,
                ScenarioField::Description,
                &s.description,
                actions,
            );
            let others: Vec<&Scenario> = map.scenarios().iter().filter(|o| o.id != s.id).collect();
            if others.len() > MANY {
                // As many checkboxes as scenarios would fill the pane: a menu.
                ui.horizontal(|ui| {
                    ui.label("Depends on:");
                    let chosen = s.depends_on.len();
                    ui.menu_button(format!("{chosen} of {}", others.len()), |ui| {
                        egui::ScrollArea::vertical()
                            .max_height(320.0)
                            .show(ui, |ui| dependency_boxes(ui, s, &others, actions));
                    });
                });
            } else if !others.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label("Depends on:");
                    dependency_boxes(ui, s, &others, actions);
                });
            }
            let members: Vec<_> = map.units_in(&s.id).collect();
            ui.label(format!(
                "{} unit{}",
                members.len(),
                if members.len() == 1 { "" } else { "s" }
            ));
            for u in members {
                if ui
                    .link(format!("{} {}", u.id, excerpt(&u.quote, 48)))
                    .on_hover_text(&u.quote)
                    .clicked()
                {
                    actions.push(Action::Reveal(u.id.clone()));
                }
            }
            ui.horizontal(|ui| {
                if let Some(unit) = view.primary().and_then(|id| map.unit(id))
                    && unit.scenario.as_ref() != Some(&s.id)
                    && ui.button(format!("Add {} here", unit.id)).clicked()
                {
                    actions.push(Action::Edit(Edit::SetUnitScenario {
                        unit: unit.id.clone(),
                        scenario: Some(s.id.clone()),
                    }));
                }
                if ui
                    .button("Delete scenario")
                    .on_hover_text("Its units stay, without a scenario")
                    .clicked()
                {
                    actions.push(Action::Edit(Edit::RemoveScenario(s.id.clone())));
                }
            });
        });
}

fn text_field(
    ui: &mut Ui,
    label: &str,
    s: &Scenario,
    field: ScenarioField,
    value: &str,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let l = ui.add_sized([48.0, 18.0], egui::Label::new(label));
        let mut text = value.to_owned();
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id_salt(("scenario field", s.id.as_str(), label))
                .desired_width(f32::INFINITY),
        );
        let response = response.labelled_by(l.id);
        if response.changed() {
            actions.push(Action::Edit(Edit::SetScenarioText {
                scenario: s.id.clone(),
                field,
                value: text,
            }));
        }
        if response.lost_focus() {
            actions.push(Action::Seal);
        }
    });
}
