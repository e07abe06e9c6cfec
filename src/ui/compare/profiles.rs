//! Different texts side by side: each map in its own column with its text
//! above and its argument map below (the window's own text and map panes,
//! on a read-only [`Document`]), and the engine's profile table
//! (`argmark profile`) comparing them underneath. Editing happens in a tab:
//! each column has "Open in a tab".

use super::{Annotation, Outcome};
use crate::analysis::compare::{Profile, profile};
use crate::session::{Origin, Session};
use crate::ui::document::{DocId, Document};
use crate::ui::state::{Action, LeftTab};
use egui::{RichText, Ui};
use std::collections::BTreeSet;

/// Ids of side-by-side documents, far from those of the window's tabs, so
/// their widgets never share egui state with a tab's.
const SIDE_IDS: DocId = 1 << 48;

/// Maps of different texts shown side by side.
pub struct SideBySide {
    names: Vec<String>,
    docs: Vec<Document>,
    profiles: Vec<Profile>,
    /// Said under the columns ("open it in a tab to edit").
    notice: Option<String>,
}

impl SideBySide {
    /// Profiles every map and opens it read-only.
    pub fn new(annotations: Vec<Annotation>) -> Self {
        let profiles = annotations.iter().map(|a| profile(&a.map)).collect();
        let names = annotations.iter().map(|a| a.name.clone()).collect();
        let docs = annotations
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let origin = a.path.map_or(Origin::Example, Origin::Map);
                let session = Session::new(a.map, origin);
                let mut doc = Document::new(SIDE_IDS + i as DocId, session, None, LeftTab::Units);
                // The column's map is small: show as much of it as stays readable.
                doc.map_pane.fit();
                doc
            })
            .collect();
        SideBySide {
            names,
            docs,
            profiles,
            notice: None,
        }
    }

    /// The profiles shown, in the order of the columns.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The documents shown, in the order of the columns.
    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    /// What the tab strip calls this comparison.
    pub fn title(&self) -> String {
        format!("Side by side: {}", self.names.join(" | "))
    }

    /// Draws the columns and the table.
    pub fn show(&mut self, ui: &mut Ui, font_size: f32) -> Option<Outcome> {
        let mut out = None;
        egui::Panel::top("side by side bar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.heading(self.title());
                ui.weak("(different texts: no agreement, a profile of each)");
                if ui.button("Close compare").clicked() {
                    out = Some(Outcome::Close);
                }
            });
            if let Some(n) = &self.notice {
                ui.label(n);
            }
            ui.add_space(2.0);
        });
        egui::Panel::bottom("profile table")
            .resizable(true)
            .default_size(170.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("profile scroll")
                    .show(ui, |ui| self.table(ui));
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let n = self.docs.len();
            let mut per_side: Vec<Vec<Action>> = vec![Vec::new(); n];
            ui.columns(n, |cols| {
                for (i, col) in cols.iter_mut().enumerate() {
                    col.horizontal(|ui| {
                        ui.strong(&self.names[i]);
                        if ui
                            .small_button("Open in a tab")
                            .on_hover_text("Edit this map in a tab of its own")
                            .clicked()
                        {
                            out = Some(Outcome::OpenInTab(Box::new(self.tab_copy(i))));
                        }
                    });
                    self.docs[i].draw_reading(col, (font_size - 2.0).max(11.0), &mut per_side[i]);
                }
            });
            for (doc, actions) in self.docs.iter_mut().zip(per_side) {
                for action in actions {
                    if read_only(&action) {
                        doc.apply(action);
                    } else if !matches!(action, Action::Seal) {
                        self.notice = Some(
                            "Side by side is for reading: \"Open in a tab\" to edit a map.".into(),
                        );
                    }
                }
            }
        });
        out
    }

    /// A fresh session on column `i`'s map, to edit in a tab.
    fn tab_copy(&self, i: usize) -> Session {
        let session = self.docs[i].session();
        Session::new(session.map().clone(), session.origin().clone())
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
                for name in &self.names {
                    ui.label(RichText::new(name).strong());
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

/// Actions that only look: select, scroll, reveal. Everything else would
/// change a map the side-by-side view does not save.
fn read_only(action: &Action) -> bool {
    matches!(
        action,
        Action::ClickUnit { .. }
            | Action::Reveal(_)
            | Action::ClearSelection
            | Action::SetTextSelection(_)
            | Action::ScrollToChar(_)
            | Action::SelectRelation(_)
    )
}
