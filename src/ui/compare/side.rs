//! The compare view's controls: the top bar (gold map actions) and the side
//! panel (annotators, legend, agreement table, disagreements, the selected
//! item with its take buttons, and the answer key's feedback).

use super::CompareView;
use super::items::ItemKind;
use super::pane::short;
use crate::analysis::compare::Coefficient;
use crate::analysis::compare::spans::Prf;
use crate::model::{ArgumentMap, RelationId, UnitId};
use crate::ui::colors;
use crate::ui::command::Command;
use egui::{RichText, Ui};

/// What the user did in the controls; applied after drawing.
pub enum Act {
    /// Select an item; `true` also scrolls the text to it.
    Select(usize, bool),
    /// Show another pair of annotators.
    Pair(usize),
    KeyMode(bool),
    OnlyDifferences(bool),
    /// Take item's unit from A (`false`) or B.
    Take(usize, bool),
    /// Take a relation of A (`false`) or B.
    TakeRelation(bool, RelationId),
    TakeAllAgreed,
    /// Select a scenario item (and scroll the text to its first member).
    SelectScenario(usize),
    /// Take scenario item's version of A (`false`) or B.
    TakeScenario(usize, bool),
    /// Select the next (`true`) or previous disagreement.
    Step(bool),
    Run(Command),
    Close,
    EditGold,
}

/// The bar above the text: what is compared, and the gold map's actions.
pub fn top_bar(ui: &mut Ui, view: &CompareView, acts: &mut Vec<Act>) {
    egui::Panel::top("compare bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            let (a, b) = view.pair_maps();
            let title = if view.key_mode {
                format!("Answer key: {}   Student: {}", a.name, b.name)
            } else {
                format!("Comparing A: {}   B: {}", a.name, b.name)
            };
            ui.heading(title);
            ui.separator();
            let gold = view.gold.map();
            ui.label(format!(
                "Gold map: {} units, {} relations, {} scenarios{}",
                gold.units().len(),
                gold.relations().len(),
                gold.scenarios().len(),
                if view.gold.is_dirty() { " (unsaved)" } else { "" }
            ));
            if ui
                .button("Take all agreed")
                .on_hover_text("Add every unit both marked alike, every scenario both drew alike (with the agreed members), and every relation both drew between agreed units, to the gold map (one undo step)")
                .clicked()
            {
                acts.push(Act::TakeAllAgreed);
            }
            let history = view.gold.history();
            if ui
                .add_enabled(history.can_undo(), egui::Button::new("Undo"))
                .on_hover_text("Undo the last change to the gold map (Ctrl+Z)")
                .clicked()
            {
                acts.push(Act::Run(Command::Undo));
            }
            if ui
                .add_enabled(history.can_redo(), egui::Button::new("Redo"))
                .on_hover_text("Redo (Ctrl+Shift+Z)")
                .clicked()
            {
                acts.push(Act::Run(Command::Redo));
            }
            if ui
                .button("Save gold as…")
                .on_hover_text("Save the gold map as a new .argmap.ron (Ctrl+S)")
                .clicked()
            {
                acts.push(Act::Run(Command::SaveAs));
            }
            if ui
                .button("Edit gold map")
                .on_hover_text("Close the comparison and open the gold map as the document, to edit it freely (Save asks where)")
                .clicked()
            {
                acts.push(Act::EditGold);
            }
            if ui
                .button("Close compare")
                .on_hover_text("Back to the document (the gold map is kept only if saved)")
                .clicked()
            {
                acts.push(Act::Close);
            }
        });
        if let Some(n) = view.notice() {
            ui.weak(n);
        }
        ui.add_space(2.0);
    });
}

/// The panel beside the text.
pub fn side_panel(ui: &mut Ui, view: &CompareView, acts: &mut Vec<Act>) {
    egui::Panel::right("compare side")
        .resizable(true)
        .default_size(430.0)
        .size_range(320.0..=700.0)
        .show(ui, |ui| {
            // The overview and the selection scroll on their own, so the
            // list below keeps at least a third of the panel.
            let height = ui.available_height();
            egui::ScrollArea::vertical()
                .id_salt("compare side scroll")
                .max_height(height * 0.42)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    annotators(ui, view, acts);
                    ui.separator();
                    legend(ui, view);
                    ui.separator();
                    if view.key_mode {
                        key_scores(ui, view);
                    } else {
                        agreement_table(ui, view);
                    }
                });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("compare selection scroll")
                .max_height(height * 0.25)
                .auto_shrink([false, true])
                .show(ui, |ui| selected(ui, view, acts));
            ui.separator();
            disagreements(ui, view, acts);
        });
}

fn annotators(ui: &mut Ui, view: &CompareView, acts: &mut Vec<Act>) {
    let r = &view.report;
    ui.label(format!(
        "{} annotations of one text ({} chars, {} words)",
        r.annotators.len(),
        r.chars,
        r.tokens.words
    ));
    for a in &r.annotators {
        ui.weak(format!(
            "{}: {} units, {} relations, {} scenarios",
            a.name, a.units, a.relations, a.scenarios
        ));
    }
    if r.pairs.len() > 1 {
        let current = &r.pairs[view.pair];
        egui::ComboBox::from_label("Pair shown")
            .selected_text(format!("{} – {}", current.a, current.b))
            .show_ui(ui, |ui| {
                for (i, p) in r.pairs.iter().enumerate() {
                    if view.key_mode && p.a != r.annotators[0].name {
                        continue;
                    }
                    if ui
                        .selectable_label(i == view.pair, format!("{} – {}", p.a, p.b))
                        .clicked()
                    {
                        acts.push(Act::Pair(i));
                    }
                }
            });
    }
    let mut key = view.key_mode;
    if ui
        .checkbox(&mut key, format!("{} is the answer key", r.annotators[0].name))
        .on_hover_text("Score the other annotation as a student's: missed, extra and wrong-tag units, with feedback")
        .changed()
    {
        acts.push(Act::KeyMode(key));
    }
}

fn legend(ui: &mut Ui, view: &CompareView) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        for kind in ItemKind::ALL {
            let n = view.items.iter().filter(|i| i.kind == kind).count();
            colors::chip(ui, kind.stroke(dark));
            ui.label(format!("{} {n}", kind.label(view.key_mode)));
            ui.add_space(6.0);
        }
    });
    ui.weak("Lanes in tag colours: A's units above each line; B's, then the gold map's, below it.");
}

fn num(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| format!("{v:.3}"))
}

fn coef_row(ui: &mut Ui, name: &str, c: &Coefficient, what: &str) {
    ui.label(name);
    ui.label(RichText::new(num(c.value)).strong());
    ui.weak(format!("{} {what}", c.items));
    ui.end_row();
}

fn prf_row(ui: &mut Ui, name: &str, p: &Prf) {
    ui.label(name);
    ui.label(RichText::new(num(p.f1)).strong());
    ui.weak(format!(
        "{} matched of {} and {}",
        p.matched, p.reference, p.predicted
    ));
    ui.end_row();
}

fn agreement_table(ui: &mut Ui, view: &CompareView) {
    let r = &view.report;
    let p = &r.pairs[view.pair];
    ui.strong("Agreement");
    egui::Grid::new("agreement table")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            coef_row(ui, "Cohen's κ", &p.cohen_kappa, "words");
            if r.annotators.len() > 2 {
                coef_row(ui, "Fleiss' κ (all)", &r.fleiss_kappa, "words");
            }
            coef_row(ui, "Krippendorff's α", &r.krippendorff_alpha, "words");
            ui.label("α_U (chars)");
            ui.label(RichText::new(num(r.alpha_u.overall)).strong());
            let units: usize = r.alpha_u.by_tag.values().map(|c| c.units).sum();
            ui.weak(format!("{units} units"));
            ui.end_row();
            prf_row(ui, "Span F1, exact", &p.span_f1.exact.micro);
            prf_row(ui, "Span F1, overlap", &p.span_f1.overlap.micro);
            let rel = &p.relations;
            ui.label("Relation F1");
            ui.label(RichText::new(num(rel.f1)).strong());
            ui.weak(format!(
                "{} matched of {} and {}",
                rel.matched, rel.relations_a, rel.relations_b
            ));
            ui.end_row();
        });
    ui.weak("κ and α over the text's words; α_U over its chars; F1 counts units.");
}

fn key_scores(ui: &mut Ui, view: &CompareView) {
    let b = &view.report.pairs[view.pair].b;
    let Some(s) = view
        .key_report
        .as_ref()
        .and_then(|k| k.students.iter().find(|s| s.student == *b))
    else {
        return;
    };
    ui.strong("Against the key");
    egui::Grid::new("key table")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            let m = &s.units.micro;
            ui.label("Units: precision");
            ui.label(RichText::new(num(m.precision)).strong());
            ui.weak(format!("{} of {} marked", m.matched, m.predicted));
            ui.end_row();
            ui.label("Units: recall");
            ui.label(RichText::new(num(m.recall)).strong());
            ui.weak(format!("{} of {} in the key", m.matched, m.reference));
            ui.end_row();
            prf_row(ui, "Units: F1", m);
            ui.label("Relation F1");
            ui.label(RichText::new(num(s.relations.f1)).strong());
            ui.weak(format!(
                "{} matched of {} and {}",
                s.relations.matched, s.relations.relations_a, s.relations.relations_b
            ));
            ui.end_row();
        });
    ui.add_space(4.0);
    ui.strong(format!("Feedback ({})", s.feedback.len()));
    for f in &s.feedback {
        ui.label(&f.message);
    }
}

fn unit_line(
    ui: &mut Ui,
    who: &str,
    map: &ArgumentMap,
    u: Option<&crate::analysis::compare::UnitRef>,
) {
    match u {
        Some(u) => {
            let quote = map.quote_of(u.start..u.end).unwrap_or_default();
            ui.label(format!("{who}: {} {} — “{}”", u.id, u.tag, short(quote)));
        }
        None => {
            ui.weak(format!("{who}: nothing here"));
        }
    }
}

fn relations_of(
    ui: &mut Ui,
    who: &str,
    from_b: bool,
    map: &ArgumentMap,
    unit: Option<&UnitId>,
    acts: &mut Vec<Act>,
) {
    let Some(id) = unit else { return };
    for r in map.relations_of(id) {
        let sources: Vec<&str> = r.sources.iter().map(|s| s.as_str()).collect();
        ui.horizontal(|ui| {
            ui.label(format!(
                "{who} {}: {} {} {}",
                r.id,
                sources.join(" + "),
                r.kind.key(),
                r.target
            ));
            if ui
                .small_button("Take")
                .on_hover_text("Add this relation to the gold map (its units must be there)")
                .clicked()
            {
                acts.push(Act::TakeRelation(from_b, r.id.clone()));
            }
        });
    }
}

fn selected(ui: &mut Ui, view: &CompareView, acts: &mut Vec<Act>) {
    if let Some(i) = view.selected_scenario {
        super::list::selected_scenario(ui, view, i, acts);
        return;
    }
    let Some(i) = view.selected else {
        ui.weak("Click a place in the text or a line below to see both versions.");
        return;
    };
    let Some(item) = view.items.get(i) else {
        return;
    };
    let (a, b) = view.pair_maps();
    ui.strong(format!("Selected: {}", item.kind.label(view.key_mode)));
    unit_line(ui, "A", &a.map, item.a.as_ref());
    unit_line(ui, "B", &b.map, item.b.as_ref());
    ui.horizontal(|ui| {
        if item.a.is_some()
            && ui
                .button("Take A")
                .on_hover_text("Put A's unit in the gold map (replacing B's there)")
                .clicked()
        {
            acts.push(Act::Take(i, false));
        }
        if item.b.is_some()
            && ui
                .button("Take B")
                .on_hover_text("Put B's unit in the gold map (replacing A's there)")
                .clicked()
        {
            acts.push(Act::Take(i, true));
        }
    });
    relations_of(ui, "A", false, &a.map, item.a.as_ref().map(|u| &u.id), acts);
    relations_of(ui, "B", true, &b.map, item.b.as_ref().map(|u| &u.id), acts);
}

fn disagreements(ui: &mut Ui, view: &CompareView, acts: &mut Vec<Act>) {
    let shown = view.items.iter().filter(|i| i.differs()).count();
    ui.horizontal(|ui| {
        ui.strong(format!("Disagreements ({shown})"));
        let mut only = view.only_differences;
        if ui.checkbox(&mut only, "hide agreements").changed() {
            acts.push(Act::OnlyDifferences(only));
        }
        if ui
            .small_button("Previous")
            .on_hover_text("Select the previous disagreement (Shift+F3)")
            .clicked()
        {
            acts.push(Act::Step(false));
        }
        if ui
            .small_button("Next")
            .on_hover_text("Select the next disagreement (F3)")
            .clicked()
        {
            acts.push(Act::Step(true));
        }
    });
    let scenarios = &view.scenario_items;
    if !scenarios.is_empty() {
        let differ = scenarios.iter().filter(|s| s.differs()).count();
        ui.weak(format!(
            "Scenarios: {differ} differ, {} agree (listed first)",
            scenarios.len() - differ
        ));
    }
    super::list::show(ui, view, acts);
}
