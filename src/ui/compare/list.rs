//! The disagreement list: the pair's scenarios first (few, and easy to miss
//! in the text), then its units in text order. Virtualised with
//! `ScrollArea::show_rows`, so a comparison of 20,000 units lays out and
//! draws only the rows in view. When the selection changes elsewhere (a
//! click in the text, Next, Previous) the list scrolls to its row.

use super::CompareView;
use super::pane::short;
use super::side::Act;
use crate::model::ArgumentMap;
use crate::model::ScenarioId;
use crate::ui::colors;
use egui::{Align, Layout, Sense, Ui, UiBuilder, vec2};
use std::ops::Range;

/// One line of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// An index into the view's scenario items.
    Scenario(usize),
    /// An index into the view's unit items.
    Unit(usize),
}

/// The rows shown: every item, or only disagreements.
pub fn rows(view: &CompareView) -> Vec<Row> {
    let only = view.only_differences;
    let scenarios = view
        .scenario_items
        .iter()
        .enumerate()
        .filter(|(_, s)| !only || s.differs())
        .map(|(i, _)| Row::Scenario(i));
    let units = view
        .items
        .iter()
        .enumerate()
        .filter(|(_, u)| !only || u.differs())
        .map(|(i, _)| Row::Unit(i));
    scenarios.chain(units).collect()
}

/// A scenario's name, or its id if the map lacks it.
pub fn scenario_name(map: &ArgumentMap, id: &ScenarioId) -> String {
    map.scenario(id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// The selection the list last scrolled for, and the rows it last showed.
#[derive(Clone, Default)]
struct Seen {
    selection: (Option<usize>, Option<usize>),
    visible: Range<usize>,
}

/// Draws the list in the space left below the rest of the side panel.
pub fn show(ui: &mut Ui, view: &CompareView, acts: &mut Vec<Act>) {
    let rows = rows(view);
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body) * 1.3);
    let step = row_height + ui.spacing().item_spacing.y;
    let id = egui::Id::unique("compare list seen");
    let seen: Seen = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let selection = (view.selected, view.selected_scenario);
    let wanted = match selection {
        (Some(i), _) => rows.iter().position(|r| *r == Row::Unit(i)),
        (_, Some(i)) => rows.iter().position(|r| *r == Row::Scenario(i)),
        _ => None,
    };
    let mut area = egui::ScrollArea::vertical()
        .id_salt("compare disagreement list")
        .auto_shrink([false, false]);
    if selection != seen.selection
        && let Some(w) = wanted.filter(|w| !seen.visible.contains(w))
    {
        area = area.vertical_scroll_offset((w as f32 - 2.0).max(0.0) * step);
    }
    let dark = ui.visuals().dark_mode;
    let mut visible = 0..0;
    area.show_rows(ui, row_height, rows.len(), |ui, range| {
        // Long lines are cut (the tooltip has them whole), so the panel keeps its width.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        visible = range.clone();
        for row in &rows[range] {
            let (rect, _) =
                ui.allocate_exact_size(vec2(ui.available_width(), row_height), Sense::hover());
            let mut line = ui.new_child(
                UiBuilder::new()
                    .max_rect(rect)
                    .layout(Layout::left_to_right(Align::Center)),
            );
            line.set_clip_rect(rect.intersect(ui.clip_rect()));
            match *row {
                Row::Unit(i) => unit_row(&mut line, view, i, dark, acts),
                Row::Scenario(i) => scenario_row(&mut line, view, i, dark, acts),
            }
        }
    });
    ui.data_mut(|d| d.insert_temp(id, Seen { selection, visible }));
}

fn unit_row(ui: &mut Ui, view: &CompareView, i: usize, dark: bool, acts: &mut Vec<Act>) {
    let item = &view.items[i];
    let (a, b) = view.pair_maps();
    let unit = item.a.as_ref().or(item.b.as_ref());
    let map = if item.a.is_some() { &a.map } else { &b.map };
    let quote = unit
        .and_then(|u| map.quote_of(u.start..u.end))
        .map(short)
        .unwrap_or_default();
    let tags = match (&item.a, &item.b) {
        (Some(x), Some(y)) if x.tag != y.tag => format!("{} vs {}", x.tag, y.tag),
        (Some(x), _) | (None, Some(x)) => x.tag.clone(),
        (None, None) => String::new(),
    };
    colors::chip(ui, item.kind.stroke(dark));
    let gold = view.gold.map();
    let taken = [&item.a, &item.b]
        .into_iter()
        .flatten()
        .any(|u| super::curation::gold_unit(gold, u.start, u.end, &u.tag).is_some());
    if taken {
        ui.weak("gold")
            .on_hover_text("This item's unit is in the gold map");
    }
    let text = format!("{}: {tags} “{quote}”", item.kind.label(view.key_mode));
    if ui
        .selectable_label(view.selected == Some(i), text.clone())
        .on_hover_text(text)
        .clicked()
    {
        acts.push(Act::Select(i, true));
    }
}

fn scenario_row(ui: &mut Ui, view: &CompareView, i: usize, dark: bool, acts: &mut Vec<Act>) {
    let item = &view.scenario_items[i];
    let (a, b) = view.pair_maps();
    let name_a = item.a.as_ref().map(|id| scenario_name(&a.map, id));
    let name_b = item.b.as_ref().map(|id| scenario_name(&b.map, id));
    colors::chip(ui, item.kind().stroke(dark));
    let gold = view.gold.map();
    let names: Vec<String> = name_a
        .iter()
        .chain(&name_b)
        .map(|n| super::scenario_diff::name_key(n))
        .collect();
    if gold
        .scenarios()
        .iter()
        .any(|s| names.contains(&super::scenario_diff::name_key(&s.name)))
    {
        ui.weak("gold")
            .on_hover_text("A scenario of this name is in the gold map");
    }
    let name = name_a.clone().or(name_b.clone()).unwrap_or_default();
    let mut text = format!("Scenario “{name}”: {}", item.describe(view.key_mode));
    if let (Some(_), Some(y)) = (&name_a, &name_b)
        && item.diffs.name
    {
        text += &format!(" (B: “{y}”)");
    }
    if ui
        .selectable_label(view.selected_scenario == Some(i), text.clone())
        .on_hover_text(text)
        .clicked()
    {
        acts.push(Act::SelectScenario(i));
    }
}

/// The selected scenario item: both versions and their take buttons.
pub fn selected_scenario(ui: &mut Ui, view: &CompareView, i: usize, acts: &mut Vec<Act>) {
    let Some(item) = view.scenario_items.get(i) else {
        return;
    };
    let (a, b) = view.pair_maps();
    ui.strong(format!(
        "Selected scenario: {}",
        item.describe(view.key_mode)
    ));
    scenario_version(ui, "A", &a.map, item.a.as_ref());
    scenario_version(ui, "B", &b.map, item.b.as_ref());
    ui.horizontal(|ui| {
        if item.a.is_some()
            && ui
                .button("Take A")
                .on_hover_text("Make the gold map's scenario A's version: name, note, what it depends on, and its members among the gold map's units")
                .clicked()
        {
            acts.push(Act::TakeScenario(i, false));
        }
        if item.b.is_some()
            && ui
                .button("Take B")
                .on_hover_text("Make the gold map's scenario B's version: name, note, what it depends on, and its members among the gold map's units")
                .clicked()
        {
            acts.push(Act::TakeScenario(i, true));
        }
    });
}

fn scenario_version(ui: &mut Ui, who: &str, map: &ArgumentMap, id: Option<&ScenarioId>) {
    let Some(s) = id.and_then(|id| map.scenario(id)) else {
        ui.weak(format!("{who}: no such scenario"));
        return;
    };
    let members = map.units_in(&s.id).count();
    ui.label(format!(
        "{who}: {} “{}”, {members} unit{}",
        s.id,
        s.name,
        if members == 1 { "" } else { "s" }
    ))
    .on_hover_text(format!("{}\n{}", s.description, s.hedge).trim().to_owned());
    if !s.depends_on.is_empty() {
        let names: Vec<String> = s
            .depends_on
            .iter()
            .map(|d| format!("“{}”", scenario_name(map, d)))
            .collect();
        ui.weak(format!("    if {} then “{}”", names.join(" and "), s.name));
    }
    if !s.hedge.is_empty() {
        ui.weak(format!("    hedge: {}", short(&s.hedge)));
    }
}
