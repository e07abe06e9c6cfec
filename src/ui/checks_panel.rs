//! The Checks tab: what a debate coach wants found for them, each finding
//! clickable, plus the coverage of the text per role (as `argmark stats`) and the lens counts.

use super::analysis_view::AnalysisView;
use super::colors;
use super::state::Action;
use super::units_list::excerpt;
use crate::analysis::checks::Status;
use crate::model::{ArgumentMap, UnitId};
use egui::{RichText, Ui};

/// Draws every finding.
pub fn show(ui: &mut Ui, map: &ArgumentMap, analysis: &AnalysisView, actions: &mut Vec<Action>) {
    let Some(f) = analysis.findings() else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("checks")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            section(
                ui,
                "Unsupported claims",
                f.unsupported_claims.len(),
                "Claims that nothing supports",
                |ui| {
                    for id in &f.unsupported_claims {
                        unit_link(ui, map, id, actions);
                    }
                },
            );
            section(
                ui,
                "Unanswered attacks",
                f.unanswered_attacks.len(),
                "Attacks on a claim that nobody answers",
                |ui| {
                    for a in &f.unanswered_attacks {
                        ui.horizontal_wrapped(|ui| {
                            for id in &a.attackers {
                                unit_link(ui, map, id, actions);
                            }
                            ui.label("attacks");
                            unit_link(ui, map, &a.target, actions);
                        });
                    }
                },
            );
            let resting: Vec<_> = f
                .rests_on_speculation
                .iter()
                .filter(|d| !d.is_empty())
                .collect();
            section(
                ui,
                "Rests on speculation",
                resting.len(),
                "Claims with speculation or scenarios anywhere in their chain of support",
                |ui| {
                    for d in resting {
                        unit_link(ui, map, &d.unit, actions);
                        let names = d.scenario_names(map);
                        if !names.is_empty() {
                            ui.label(
                                RichText::new(format!("    depends on: {}", names.join(", ")))
                                    .italics(),
                            );
                        }
                        if !d.speculation_units.is_empty() {
                            ui.horizontal_wrapped(|ui| {
                                ui.weak("    via");
                                for u in &d.speculation_units {
                                    if ui.link(u.as_str()).clicked() {
                                        actions.push(Action::Reveal(u.clone()));
                                    }
                                }
                            });
                        }
                    }
                },
            );
            section(
                ui,
                "Circular support",
                f.cycles.len(),
                "Units that end up supporting themselves",
                |ui| {
                    for c in &f.cycles {
                        ui.horizontal_wrapped(|ui| {
                            for (i, id) in c.path.iter().enumerate() {
                                if i > 0 {
                                    ui.label("➡");
                                }
                                if ui.link(id.as_str()).clicked() {
                                    actions.push(Action::Reveal(id.clone()));
                                }
                            }
                        });
                    }
                },
            );
            section(
                ui,
                "Loose ends",
                f.loose_ends.len(),
                "Premises and evidence connected to nothing",
                |ui| {
                    for id in &f.loose_ends {
                        unit_link(ui, map, id, actions);
                    }
                },
            );
            let claims: Vec<(&UnitId, Status)> = f
                .status
                .iter()
                .filter(|(id, _)| {
                    map.unit(id)
                        .is_some_and(|u| map.scheme().role_of(&u.kind).is_claim())
                })
                .map(|(id, s)| (id, *s))
                .collect();
            section(
                ui,
                "Which claims stand",
                claims.len(),
                "Grounded semantics with support: see ARCHITECTURE.md",
                |ui| {
                    for (id, status) in claims {
                        ui.horizontal(|ui| {
                            status_badge(ui, status);
                            unit_link(ui, map, id, actions);
                        });
                    }
                },
            );
            ui.add_space(6.0);
            ui.strong("Coverage of the text")
                .on_hover_text("The same figures as `argmark stats`");
            egui::Grid::new("coverage").num_columns(2).show(ui, |ui| {
                for (role, share) in analysis.coverage() {
                    ui.label(*role);
                    ui.label(format!("{:.1}%", share * 100.0));
                    ui.end_row();
                }
            });
            if let Some(s) = analysis.summary() {
                ui.label(format!(
                    "Speculative sentences: {} found by the lens, {} marked",
                    s.speculative_sentences_found, s.speculative_sentences_marked
                ));
            } else {
                ui.weak("Turn on the speculation lens (L) to count speculative sentences.");
            }
        });
}

fn section(ui: &mut Ui, title: &str, n: usize, tip: &str, body: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(RichText::new(format!("{title} ({n})")).strong())
        .id_salt(title)
        .default_open(n > 0 && n < 12)
        .show(ui, |ui| {
            if n == 0 {
                ui.weak("None.");
            }
            body(ui);
        })
        .header_response
        .on_hover_text(tip);
}

fn unit_link(ui: &mut Ui, map: &ArgumentMap, id: &UnitId, actions: &mut Vec<Action>) {
    let text = map.unit(id).map_or(id.to_string(), |u| {
        format!("{} {}", id, excerpt(&u.quote, 40))
    });
    let tip = map
        .unit(id)
        .map_or(String::new(), |u| format!("{}: {}", u.kind, u.quote));
    if ui.link(text).on_hover_text(tip).clicked() {
        actions.push(Action::Reveal(id.clone()));
    }
}

/// A small coloured word for a unit's acceptance status.
pub fn status_badge(ui: &mut Ui, status: Status) {
    let dark = ui.visuals().dark_mode;
    let (text, rgb, tip) = match status {
        Status::Accepted => (
            "accepted",
            [0x23, 0x9b, 0x56],
            "Stands: every attack on it fails and, if supported, some support holds",
        ),
        Status::Rejected => (
            "rejected",
            [0xc0, 0x39, 0x2b],
            "Falls: an attack on it holds",
        ),
        Status::Undecided => (
            "undecided",
            [0x80, 0x80, 0x80],
            "Neither can be shown (cycles, failed support, undecided attackers)",
        ),
    };
    let color = colors::stroke(crate::model::Rgb(rgb), dark);
    ui.label(RichText::new(text).small().color(color))
        .on_hover_text(tip);
}
