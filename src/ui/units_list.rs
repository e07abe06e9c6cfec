//! The units list: every unit in text order, filterable by tag and scenario,
//! virtualised so thousands of units scroll smoothly.

use super::checks_panel::status_badge;
use super::colors;
use super::rtl_text;
use super::state::{Action, View};
use crate::analysis::checks::Status;
use crate::model::{ArgumentMap, Unit, UnitId};
use egui::{RichText, Sense, Ui, vec2};
use std::collections::BTreeMap;

/// Draws filters and the list.
pub fn show(
    ui: &mut Ui,
    map: &ArgumentMap,
    view: &View,
    status: Option<&BTreeMap<UnitId, Status>>,
    actions: &mut Vec<Action>,
) {
    let mut tag = view.filter_tag.clone();
    let mut scenario = view.filter_scenario.clone();
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("filter tag")
            .selected_text(tag.as_deref().unwrap_or("All tags"))
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut tag, None, "All tags");
                for t in &map.scheme().tags {
                    ui.selectable_value(&mut tag, Some(t.name.clone()), &t.name);
                }
            })
            .response
            .on_hover_text("Show only units with this tag");
        let scenario_name = match &scenario {
            None => "All scenarios".to_owned(),
            Some(None) => "No scenario".to_owned(),
            Some(Some(id)) => map.scenario(id).map_or(id.to_string(), |s| s.name.clone()),
        };
        egui::ComboBox::from_id_salt("filter scenario")
            .selected_text(scenario_name)
            .width(130.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut scenario, None, "All scenarios");
                ui.selectable_value(&mut scenario, Some(None), "No scenario");
                for s in map.scenarios() {
                    ui.selectable_value(&mut scenario, Some(Some(s.id.clone())), &s.name);
                }
            })
            .response
            .on_hover_text("Show only units in this scenario");
    });
    if tag != view.filter_tag || scenario != view.filter_scenario {
        actions.push(Action::SetFilters { tag, scenario });
    }

    let shown: Vec<&Unit> = map
        .units()
        .iter()
        .filter(|u| view.filter_tag.as_ref().is_none_or(|t| &u.kind == t))
        .filter(|u| {
            view.filter_scenario
                .as_ref()
                .is_none_or(|s| &u.scenario == s)
        })
        .collect();
    ui.weak(format!("{} of {} units", shown.len(), map.units().len()));
    ui.separator();
    let dark = ui.visuals().dark_mode;
    // Padding, the tag line, and the quote line with room for fallback
    // fonts (Chinese and Japanese glyphs stand taller than Latin ones).
    let row_height = 8.0
        + ui.text_style_height(&egui::TextStyle::Small)
        + ui.spacing().item_spacing.y
        + ui.text_style_height(&egui::TextStyle::Body) * 1.4
        + 6.0;
    egui::ScrollArea::vertical()
        .id_salt("units list")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, shown.len(), |ui, rows| {
            for u in &shown[rows] {
                let selected = view.selected.contains(&u.id);
                let (rect, response) =
                    ui.allocate_exact_size(vec2(ui.available_width(), row_height), Sense::click());
                let visuals = ui.style().interact_selectable(&response, selected);
                if selected || response.hovered() {
                    ui.painter().rect_filled(rect, 4.0, visuals.weak_bg_fill);
                }
                let color = map
                    .scheme()
                    .tag(&u.kind)
                    .map_or(ui.visuals().weak_text_color(), |t| {
                        colors::stroke(t.color, dark)
                    });
                let chip = egui::Rect::from_min_size(
                    rect.min + vec2(4.0, 7.0),
                    vec2(4.0, row_height - 14.0),
                );
                ui.painter().rect_filled(chip, 2.0, color);
                let mut child = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect.shrink2(vec2(14.0, 4.0)).translate(vec2(6.0, 0.0)))
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                // Selectable labels would take the click (to select their
                // text) from the row under them: the whole row selects the unit.
                child.style_mut().interaction.selectable_labels = false;
                child.horizontal(|ui| {
                    ui.label(RichText::new(&u.kind).color(color).strong().small());
                    ui.label(RichText::new(u.id.as_str()).weak().small());
                    let is_claim = map.scheme().role_of(&u.kind).is_claim();
                    if let Some(s) = status.and_then(|s| s.get(&u.id)).filter(|_| is_claim) {
                        status_badge(ui, *s);
                    }
                    if !u.note.is_empty() {
                        ui.label(RichText::new("📝").weak().small())
                            .on_hover_text(&u.note);
                    }
                });
                let quote = excerpt(&u.quote, 80);
                let font = egui::TextStyle::Body.resolve(child.style());
                let color = child.visuals().text_color();
                match rtl_text::galley(&child, &quote, font, color, f32::INFINITY) {
                    Some(laid) => {
                        let width = child.available_width();
                        rtl_text::show(&mut child, &quote, laid, width);
                    }
                    None => {
                        child.add(egui::Label::new(quote).truncate());
                    }
                }
                let quote = u.quote.clone();
                response.widget_info(|| {
                    egui::WidgetInfo::selected(
                        egui::Role::ListItem,
                        true,
                        selected,
                        format!("{}: {quote}", u.kind),
                    )
                });
                if response.clicked() {
                    let add = ui.input(|i| i.modifiers.command);
                    actions.push(Action::ClickUnit {
                        unit: u.id.clone(),
                        add,
                    });
                    actions.push(Action::ScrollToChar(u.start));
                }
            }
        });
}

/// The first `max` chars of a quote, with an ellipsis if cut.
pub fn excerpt(s: &str, max: usize) -> String {
    let one_line = s.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}
