//! Different texts side by side: each map's text in its own column (the
//! compare pane, with the map's units as a lane in tag colours) and the
//! engine's profile table (`argmark profile`) comparing them.

use super::pane::{Look, Pane};
use super::{Annotation, Outcome};
use crate::analysis::compare::{Profile, profile};
use crate::model::{ArgumentMap, TagScheme};
use egui::{RichText, Ui};
use std::collections::BTreeSet;

/// Maps of different texts shown side by side.
pub struct SideBySide {
    docs: Vec<Annotation>,
    profiles: Vec<Profile>,
    panes: Vec<Pane>,
    /// Stands in for the lanes a single map does not have.
    empty: ArgumentMap,
}

impl SideBySide {
    /// Profiles every map.
    pub fn new(docs: Vec<Annotation>) -> Self {
        let profiles = docs.iter().map(|d| profile(&d.map)).collect();
        let panes = docs.iter().map(|_| Pane::default()).collect();
        SideBySide {
            docs,
            profiles,
            panes,
            empty: ArgumentMap::new("", TagScheme::argument()),
        }
    }

    /// The profiles shown, in the order of the columns.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// Draws the columns and the table.
    pub fn show(&mut self, ui: &mut Ui, font_size: f32) -> Option<Outcome> {
        let mut out = None;
        egui::Panel::top("side by side bar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                let names: Vec<&str> = self.docs.iter().map(|d| d.name.as_str()).collect();
                ui.heading(format!("Side by side: {}", names.join(" | ")));
                ui.weak("(different texts: no agreement, a profile of each)");
                if ui.button("Close compare").clicked() {
                    out = Some(Outcome::Close);
                }
            });
            ui.add_space(2.0);
        });
        egui::Panel::bottom("profile table")
            .resizable(true)
            .default_size(260.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("profile scroll")
                    .show(ui, |ui| self.table(ui));
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let n = self.docs.len();
            ui.columns(n, |cols| {
                for (i, col) in cols.iter_mut().enumerate() {
                    col.push_id(i, |ui| {
                        ui.strong(&self.docs[i].name);
                        let map = &self.docs[i].map;
                        let look = Look {
                            text: map,
                            a: map,
                            b: &self.empty,
                            gold: &self.empty,
                            items: &[],
                            by_para: &[],
                            selected: None,
                            scroll_to: None,
                            font_size: (font_size - 2.0).max(11.0),
                            key: false,
                        };
                        self.panes[i].show(ui, &look);
                    });
                }
            });
        });
        out
    }

    fn table(&self, ui: &mut Ui) {
        ui.strong("Profiles");
        let tags: BTreeSet<&String> = self
            .profiles
            .iter()
            .flat_map(|p| p.units_by_tag.keys())
            .collect();
        let pct = |v: f64| format!("{:.0}%", v * 100.0);
        egui::Grid::new("profile grid")
            .striped(true)
            .show(ui, |ui| {
                ui.label("");
                for d in &self.docs {
                    ui.label(RichText::new(&d.name).strong());
                }
                ui.end_row();
                let mut row = |name: &str, f: &dyn Fn(&Profile) -> String| {
                    ui.label(name);
                    for p in &self.profiles {
                        ui.label(f(p));
                    }
                    ui.end_row();
                };
                row("Title", &|p| p.title.clone());
                row("Chars", &|p| p.chars.to_string());
                row("Units", &|p| p.units.to_string());
                row("Relations", &|p| p.relations.to_string());
                for t in &tags {
                    row(&format!("  {t}"), &|p| {
                        p.units_by_tag.get(*t).copied().unwrap_or(0).to_string()
                    });
                }
                row("Text marked", &|p| {
                    p.coverage.get("any").copied().map(pct).unwrap_or_default()
                });
                row("Speculative share", &|p| pct(p.speculative_share));
                row("Unsupported claims", &|p| p.unsupported_claims.to_string());
                row("Unanswered attacks", &|p| p.unanswered_attacks.to_string());
                row("Rests on speculation", &|p| {
                    p.rests_on_speculation.to_string()
                });
                row("Longest support chain", &|p| {
                    p.longest_support_chain.to_string()
                });
                row("Scenarios", &|p| p.scenarios.to_string());
            });
    }
}
