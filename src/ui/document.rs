//! One open document: its [`Session`], what is selected and scrolled
//! ([`View`]), the caches drawn from it (text layout, map layout, analyses),
//! its autosave and its outside-change watch. The window holds several, one
//! per tab ([`super::app::ArgmarkApp`]); because all of this is per document,
//! each tab has its own undo, dirty state and recovery file.
//!
//! The window routes everything that concerns only the document here:
//! panel [`Action`]s and editing [`Command`]s, which come back as a status
//! notice. Files, dialogs, preferences and tabs stay with the window.

use super::analysis_view::AnalysisView;
use super::command::Command;
use super::font_coverage::FontCheck;
use super::map_pane::MapPane;
use super::state::{Action, LeftTab, LinkDraft, View};
use super::text_pane::TextPane;
use super::watch::DiskWatch;
use super::{checks_panel, chrome, doc_info, inspector, scenarios, suggestions_panel, units_list};
use crate::analysis::lens::Lexicon;
use crate::autosave::Autosave;
use crate::io::recovery::Autosaver;
use crate::model::words::{
    next_word_end, next_word_start, prev_word_end, prev_word_start, snap_to_words,
};
use crate::model::{Edit, Relation, RelationKind, Scenario, Unit, UnitId};
use crate::session::{Origin, Session};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Names a document for as long as the window runs (tab order changes,
/// ids do not); also salts the egui ids of its widgets.
pub type DocId = u64;

/// A document open in the window, with everything that belongs to it alone.
pub struct Document {
    id: DocId,
    pub(super) session: Session,
    pub(super) view: View,
    pub(super) text_pane: TextPane,
    pub(super) analysis: AnalysisView,
    pub(super) map_pane: MapPane,
    /// Lower-cased text for Find, built on first use.
    haystack: Option<Vec<char>>,
    /// The map file as last read or written, to notice outside changes.
    pub(super) watch: DiskWatch,
    /// Copies unsaved work to a recovery file (off in tests unless enabled).
    pub(super) autosave: Option<Autosave>,
    /// The last autosave failure told to the user, so it is said once.
    autosave_error: Option<String>,
    /// Whether the text has letters no installed font can draw.
    pub(super) fonts: FontCheck,
}

/// What [`Document::keep_safe`] found: when to look again, and what to tell.
#[derive(Default)]
pub struct SafeTick {
    /// Wake the window then, even without input.
    pub wake: Option<Duration>,
    /// A message for the status bar (an autosave failure).
    pub notice: Option<String>,
    /// The outside-change banner appeared or went: redraw now.
    pub repaint: bool,
}

impl Document {
    /// A document on `session`; `left_tab` carries the left panel's tab over
    /// from the document shown before, so switching feels continuous.
    pub fn new(
        id: DocId,
        session: Session,
        lexicon: Option<Arc<Lexicon>>,
        left_tab: LeftTab,
    ) -> Self {
        let mut watch = DiskWatch::default();
        watch.follow(session.origin());
        let fonts = FontCheck::start(session.snapshot());
        Document {
            id,
            session,
            view: View {
                left_tab,
                ..View::default()
            },
            text_pane: TextPane::default(),
            analysis: AnalysisView::with_lexicon(lexicon),
            map_pane: MapPane::default(),
            haystack: None,
            watch,
            autosave: None,
            autosave_error: None,
            fonts,
        }
    }

    /// Its id, stable while the window runs.
    pub fn id(&self) -> DocId {
        self.id
    }

    /// The document's session (map, history, file).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// What is selected and scrolled in it.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// Why its last recovery copy failed, while copies keep failing.
    pub fn autosave_error(&self) -> Option<&str> {
        self.autosave_error.as_deref()
    }

    /// Whether its text was checked for letters no font has (tests wait for it).
    pub fn font_check_done(&self) -> bool {
        self.fonts.is_done()
    }

    /// Its reading pane, for tests that need screen positions of text.
    pub fn text_pane(&self) -> &TextPane {
        &self.text_pane
    }

    /// What its tab says: the file name, with a dot while unsaved.
    pub fn tab_title(&self) -> String {
        let dirty = if self.session.is_dirty() { "• " } else { "" };
        format!("{dirty}{}", self.session.display_name())
    }

    /// The bundled example, untouched: opening a file replaces it instead of
    /// adding a tab, as the example is only there to look at.
    pub fn is_untouched_example(&self) -> bool {
        matches!(self.session.origin(), Origin::Example)
            && !self.session.is_dirty()
            && !self.session.history().can_undo()
    }

    /// Starts copying unsaved work through `saver`.
    pub fn autosave_with(&mut self, saver: Arc<Autosaver>) {
        self.autosave = Some(Autosave::with_saver(saver));
    }

    /// Its work was saved or deliberately dropped: the recovery copy goes.
    pub fn forget_recovery(&mut self) {
        if let Some(a) = &mut self.autosave {
            a.forget();
        }
    }

    /// Brings the analyses up to date (or starts them on a worker) before
    /// anything of the frame is drawn, so the status bar counts this revision.
    pub fn prepare(&mut self, ctx: &egui::Context, prefs: &super::app::Prefs) {
        let tab = self.view.left_tab;
        let lens_needed = prefs.lens || matches!(tab, LeftTab::Checks | LeftTab::Suggestions);
        self.analysis.refresh(&self.session, lens_needed);
        if self.analysis.is_pending() {
            ctx.request_repaint_after(Duration::from_millis(30));
        }
        self.analysis.select(&self.session, self.view.primary());
    }

    /// Draws the left panel, the inspector and map, and the text, in `ui`
    /// (what is left below the window's bars). Widget ids are salted with
    /// the document's id, so scroll positions and fields stay per tab.
    pub fn draw(
        &mut self,
        ui: &mut egui::Ui,
        prefs: &super::app::Prefs,
        actions: &mut Vec<Action>,
    ) {
        let salt = egui::IdSalt::new(("document", self.id));
        let map = self.session.map();
        egui::Panel::left("left panel")
            .resizable(true)
            .default_size(300.0)
            .size_range(220.0..=520.0)
            .show(ui, |ui| {
                ui.push_id(salt, |ui| {
                    ui.add_space(4.0);
                    ui.horizontal_wrapped(|ui| {
                        for (tab, name) in [
                            (LeftTab::Units, "Units"),
                            (LeftTab::Scenarios, "Scenarios"),
                            (LeftTab::Checks, "Checks"),
                            (LeftTab::Suggestions, "Suggestions"),
                            (LeftTab::Document, "Document"),
                        ] {
                            if ui
                                .selectable_label(self.view.left_tab == tab, name)
                                .clicked()
                            {
                                actions.push(Action::SetLeftTab(tab));
                            }
                        }
                    });
                    ui.separator();
                    match self.view.left_tab {
                        LeftTab::Units => {
                            let status = self.analysis.findings().map(|f| &f.status);
                            units_list::show(ui, map, &self.view, status, actions);
                        }
                        LeftTab::Checks => checks_panel::show(ui, map, &self.analysis, actions),
                        LeftTab::Suggestions => {
                            suggestions_panel::show(ui, map, &self.analysis, actions);
                        }
                        LeftTab::Scenarios => scenarios::show(ui, map, &self.view, actions),
                        LeftTab::Document => doc_info::show(ui, map, actions),
                    }
                });
            });
        if prefs.map {
            // Inspector above, map below, beside the text.
            egui::Panel::right("inspector and map")
                .resizable(true)
                .default_size(540.0)
                .size_range(320.0..=900.0)
                .show(ui, |ui| {
                    // The inspector takes what it shows, up to 60% of the column
                    // (then it scrolls); the map gets the rest.
                    let height = inspector::fitted_height(ui);
                    egui::Panel::top("inspector part")
                        .resizable(false)
                        .exact_size(height)
                        .show(ui, |ui| {
                            ui.push_id(salt, |ui| {
                                inspector::show_fitted(
                                    ui,
                                    map,
                                    &self.view,
                                    &self.analysis,
                                    actions,
                                );
                            });
                        });
                    egui::CentralPanel::default().show(ui, |ui| {
                        ui.push_id(salt, |ui| {
                            self.map_pane.show(
                                ui,
                                &self.session,
                                &self.view,
                                &self.analysis,
                                actions,
                            );
                        });
                    });
                });
        } else {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(320.0)
                .size_range(240.0..=560.0)
                .show(ui, |ui| {
                    ui.push_id(salt, |ui| {
                        inspector::show_scrolled(ui, map, &self.view, &self.analysis, actions);
                    });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.push_id(salt, |ui| {
                if self.view.find.open {
                    chrome::find_bar(ui, &mut self.view.find, actions);
                }
                let lens = if prefs.lens {
                    self.analysis.readings()
                } else {
                    None
                };
                self.text_pane.show(
                    ui,
                    &self.session,
                    &self.view,
                    prefs.text_size,
                    lens,
                    actions,
                );
            });
        });
        self.view.scroll_to = None;
        self.view.find.focus = false;
    }

    /// Draws the text above and the map below in `ui`'s whole rect, without
    /// the side panels: a document read beside another (side by side).
    pub fn draw_reading(&mut self, ui: &mut egui::Ui, text_size: f32, actions: &mut Vec<Action>) {
        self.analysis.refresh(&self.session, false);
        if self.analysis.is_pending() {
            ui.ctx().request_repaint_after(Duration::from_millis(30));
        }
        let salt = egui::IdSalt::new(("document", self.id));
        let rect = ui.available_rect_before_wrap();
        let split = rect.top() + rect.height() * 0.5;
        let text_rect = egui::Rect::from_min_max(rect.min, egui::pos2(rect.right(), split - 4.0));
        let map_rect = egui::Rect::from_min_max(egui::pos2(rect.left(), split + 4.0), rect.max);
        ui.scope_builder(
            egui::UiBuilder::new().max_rect(text_rect).id_salt(salt),
            |ui| {
                self.text_pane
                    .show(ui, &self.session, &self.view, text_size, None, actions);
            },
        );
        ui.painter().hline(
            rect.x_range(),
            split,
            ui.visuals().widgets.noninteractive.bg_stroke,
        );
        ui.scope_builder(
            egui::UiBuilder::new()
                .max_rect(map_rect)
                .id_salt((salt, "map")),
            |ui| {
                self.map_pane
                    .show(ui, &self.session, &self.view, &self.analysis, actions);
            },
        );
        ui.advance_cursor_after_rect(rect);
        self.view.scroll_to = None;
    }

    /// Applies a panel's action that concerns only this document; returns
    /// what the status bar should say. The window handles the rest
    /// (commands, opening files, schemes, notices) before calling this.
    pub fn apply(&mut self, action: Action) -> Option<String> {
        match action {
            Action::Edit(edit) => self.edit(edit).err(),
            Action::Seal => {
                self.session.seal();
                None
            }
            Action::ClickUnit { unit, add } => self.click_unit(unit, add),
            Action::Reveal(unit) => {
                if let Some(u) = self.session.map().unit(&unit) {
                    self.view.scroll_to = Some(u.start);
                }
                self.click_unit(unit, false)
            }
            Action::ClearSelection => {
                if self.view.link.is_none() {
                    self.view.selected.clear();
                }
                self.session.seal();
                None
            }
            Action::SetTextSelection(sel) => {
                self.view.text_selection = sel;
                None
            }
            Action::StartLink(kind) => self.start_link(kind),
            Action::NewScenarioFor(unit) => {
                let id = self.session.map().next_scenario_id();
                let name = format!("Scenario {}", self.session.map().scenarios().len() + 1);
                let refused = self
                    .edit(Edit::Batch(vec![
                        Edit::AddScenario(Scenario {
                            id: id.clone(),
                            name,
                            description: String::new(),
                            hedge: String::new(),
                            depends_on: Vec::new(),
                        }),
                        Edit::SetUnitScenario {
                            unit,
                            scenario: Some(id),
                        },
                    ]))
                    .err();
                self.view.left_tab = LeftTab::Scenarios;
                refused
            }
            Action::ScrollToChar(c) => {
                self.view.scroll_to = Some(c);
                None
            }
            Action::SetFilters { tag, scenario } => {
                self.view.filter_tag = tag;
                self.view.filter_scenario = scenario;
                None
            }
            Action::SetLeftTab(tab) => {
                self.view.left_tab = tab;
                None
            }
            Action::SelectRelation(r) => {
                if r.is_some() {
                    self.view.selected.clear();
                }
                self.view.selected_relation = r;
                None
            }
            Action::AddRelation {
                kind,
                sources,
                target,
            } => {
                let id = self.session.map().next_relation_id();
                Some(
                    match self.edit(Edit::AddRelation(Relation {
                        id: id.clone(),
                        kind,
                        sources,
                        target,
                        note: String::new(),
                    })) {
                        Ok(()) => format!("Added {} {id}.", kind.key()),
                        Err(e) => e,
                    },
                )
            }
            Action::Notice(text) => Some(text),
            // The window's own business.
            Action::Run(_) | Action::OpenPath(_) | Action::SwitchScheme(_) => None,
        }
    }

    /// Runs an editing or viewing command on this document; returns what
    /// the status bar should say. File, window and preference commands are
    /// the window's and do nothing here.
    pub fn run(&mut self, cmd: Command) -> Option<String> {
        match cmd {
            Command::Undo if self.session.history().can_undo() => {
                let said = match self.session.undo() {
                    Some(l) => format!("Undid {l}."),
                    None => "Could not undo; the undo history was reset.".to_owned(),
                };
                self.forget_missing();
                Some(said)
            }
            Command::Redo | Command::RedoAlt if self.session.history().can_redo() => {
                let said = match self.session.redo() {
                    Some(l) => format!("Redid {l}."),
                    None => "Could not redo; the undo history was reset.".to_owned(),
                };
                self.forget_missing();
                Some(said)
            }
            Command::Find => {
                self.view.find.open = true;
                self.view.find.focus = true;
                None
            }
            Command::FindNext | Command::FindPrevious => {
                self.step_find(cmd == Command::FindNext);
                None
            }
            Command::Tag(n) => self.tag(n),
            Command::DeleteSelected if self.view.selected_relation.is_some() => {
                let r = self.view.selected_relation.take()?;
                self.edit(Edit::RemoveRelation(r)).err()
            }
            Command::DeleteSelected => {
                let ids = self.view.selected.clone();
                if ids.is_empty() {
                    return None;
                }
                let result =
                    self.edit(Edit::Batch(ids.into_iter().map(Edit::RemoveUnit).collect()));
                if result.is_ok() {
                    self.view.selected.clear();
                }
                result.err()
            }
            Command::Link(kind) => self.start_link(kind),
            Command::GrowEnd | Command::ShrinkEnd | Command::GrowStart | Command::ShrinkStart => {
                self.nudge_boundary(cmd)
            }
            Command::FitMap => {
                self.map_pane.fit();
                None
            }
            Command::Help => {
                self.view.help_open = !self.view.help_open;
                None
            }
            Command::Cancel => {
                self.view.selected_relation = None;
                if self.map_pane.cancel_pending() {
                } else if self.view.help_open {
                    self.view.help_open = false;
                } else if self.view.link.take().is_some() {
                    return Some("Link cancelled.".into());
                } else if self.view.find.open {
                    self.view.find.open = false;
                } else {
                    self.view.selected.clear();
                    self.view.text_selection = None;
                }
                None
            }
            _ => None,
        }
    }

    /// Applies an edit through the history; says why if it was refused.
    pub fn edit(&mut self, edit: Edit) -> Result<(), String> {
        let label = edit.label();
        let result = self
            .session
            .apply(edit)
            .map_err(|e| format!("Could not {label}: {e}"));
        self.forget_missing();
        result
    }

    fn click_unit(&mut self, unit: UnitId, add: bool) -> Option<String> {
        self.view.selected_relation = None;
        if let Some(draft) = self.view.link.take() {
            return self.finish_link(draft, unit);
        }
        self.session.seal();
        if add {
            if let Some(i) = self.view.selected.iter().position(|u| *u == unit) {
                self.view.selected.remove(i);
            } else {
                self.view.selected.push(unit);
            }
        } else {
            self.view.selected = vec![unit];
        }
        None
    }

    fn start_link(&mut self, kind: RelationKind) -> Option<String> {
        if self.view.selected.is_empty() {
            return Some("Select the unit(s) the relation starts from first.".into());
        }
        self.view.link = Some(LinkDraft {
            kind,
            sources: self.view.selected.clone(),
        });
        Some("Now click the target unit (Esc cancels).".into())
    }

    fn finish_link(&mut self, draft: LinkDraft, target: UnitId) -> Option<String> {
        if draft.sources.contains(&target) {
            self.view.link = Some(draft);
            return Some("A unit cannot support or attack itself; pick another target.".into());
        }
        let id = self.session.map().next_relation_id();
        let kind = draft.kind;
        Some(
            match self.edit(Edit::AddRelation(Relation {
                id: id.clone(),
                kind,
                sources: draft.sources,
                target,
                note: String::new(),
            })) {
                Ok(()) => format!("Added {} {id}.", kind.key()),
                Err(e) => e,
            },
        )
    }

    /// Drops selections and link drafts that name items no longer in the map.
    pub fn forget_missing(&mut self) {
        let map = self.session.map();
        self.view.selected.retain(|id| map.unit(id).is_some());
        if let Some(draft) = &mut self.view.link {
            draft.sources.retain(|id| map.unit(id).is_some());
            if draft.sources.is_empty() {
                self.view.link = None;
            }
        }
        if let Some(r) = &self.view.selected_relation
            && map.relation(r).is_none()
        {
            self.view.selected_relation = None;
        }
    }

    /// Digit key: makes a unit of the selection, or retags the selected unit.
    fn tag(&mut self, key: u8) -> Option<String> {
        let Some(tag) = self
            .session
            .map()
            .scheme()
            .tag_for_key(key)
            .map(|t| t.name.clone())
        else {
            return Some(format!("No tag is bound to {key} in this scheme."));
        };
        if let Some(sel) = self.view.text_selection.take() {
            let map = self.session.map();
            let span = if sel.exact {
                let r = sel.range();
                (r.start < r.end).then_some(r)
            } else {
                snap_to_words(map.source(), sel.range())
            };
            let Some(span) = span else {
                return Some("The selection holds no words.".into());
            };
            let id = map.next_unit_id();
            let refused = self
                .edit(Edit::AddUnit(Unit {
                    id: id.clone(),
                    kind: tag,
                    start: span.start,
                    end: span.end,
                    quote: String::new(),
                    note: String::new(),
                    scenario: None,
                }))
                .err();
            if self.session.map().unit(&id).is_some() {
                self.view.selected = vec![id];
            }
            refused
        } else if let Some(id) = self.view.primary().cloned() {
            self.edit(Edit::SetUnitKind {
                unit: id,
                kind: tag,
            })
            .err()
        } else {
            Some("Select some text first (drag over it).".into())
        }
    }

    fn nudge_boundary(&mut self, cmd: Command) -> Option<String> {
        let u = self
            .view
            .primary()
            .and_then(|id| self.session.map().unit(id))?;
        let text = self.session.map().source();
        // The arrows move a handle across the screen: in a right-to-left
        // paragraph the end is on the left, so ← grows it and → shrinks it.
        let cmd = if paragraph_is_rtl(self.session.map(), u.start) {
            match cmd {
                Command::GrowEnd => Command::ShrinkEnd,
                Command::ShrinkEnd => Command::GrowEnd,
                Command::GrowStart => Command::ShrinkStart,
                _ => Command::GrowStart,
            }
        } else {
            cmd
        };
        let (start, end) = match cmd {
            Command::GrowEnd => (u.start, next_word_end(text, u.end)),
            Command::ShrinkEnd => (u.start, prev_word_end(text, u.end)),
            Command::GrowStart => (prev_word_start(text, u.start), u.end),
            _ => (next_word_start(text, u.start), u.end),
        };
        if start < end && (start, end) != (u.start, u.end) {
            let unit = u.id.clone();
            return self.edit(Edit::SetUnitSpan { unit, start, end }).err();
        }
        None
    }

    /// Searches again when the Find query changed.
    pub fn refresh_find(&mut self) {
        let find = &mut self.view.find;
        if !find.open || find.query == find.searched {
            return;
        }
        let hay = self
            .haystack
            .get_or_insert_with(|| self.session.map().text().chars().map(lower).collect());
        find.matches = find_all(hay, &find.query);
        find.searched = find.query.clone();
        find.current = 0;
        if let Some(m) = find.matches.first() {
            self.view.scroll_to = Some(m.start);
        }
    }

    fn step_find(&mut self, forward: bool) {
        let find = &mut self.view.find;
        if !find.open {
            find.open = true;
            find.focus = true;
            return;
        }
        let n = find.matches.len();
        if n == 0 {
            return;
        }
        find.current = if forward {
            (find.current + 1) % n
        } else {
            (find.current + n - 1) % n
        };
        self.view.scroll_to = Some(find.matches[find.current].start);
    }

    /// Autosave and the outside-change check: cheap, called every frame for
    /// every open document (a tab in the background still gets its copy).
    pub fn keep_safe(&mut self, now: Instant) -> SafeTick {
        let mut tick = SafeTick::default();
        if let Some(a) = &mut self.autosave {
            tick.wake = a.tick(&self.session, now);
            // The worker is shared: its failure concerns the tabs with work to copy.
            let error = a.error().filter(|_| self.session.is_dirty());
            if error != self.autosave_error {
                if let Some(e) = &error {
                    tick.notice = Some(format!(
                        "Autosave of {} failed: {e}. Save your work.",
                        self.session.display_name()
                    ));
                }
                self.autosave_error = error;
            }
        }
        let shown = self.watch.external.clone();
        if let Some(d) = self.watch.poll(now) {
            tick.wake = Some(tick.wake.map_or(d, |w| w.min(d)));
        }
        tick.repaint = self.watch.external != shown;
        tick
    }
}

/// Whether the paragraph holding char `at` reads right to left.
fn paragraph_is_rtl(map: &crate::model::ArgumentMap, at: usize) -> bool {
    let index = map.source().index();
    let Some(range) = index.paragraphs().get(index.paragraph_of(at)).cloned() else {
        return false;
    };
    map.source()
        .slice(range)
        .is_some_and(super::bidi::is_rtl_paragraph)
}

/// Simple case folding that keeps one char per char, so offsets line up.
fn lower(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// Every occurrence of `query` (case-insensitive) as char ranges.
fn find_all(hay: &[char], query: &str) -> Vec<std::ops::Range<usize>> {
    let needle: Vec<char> = query.chars().map(lower).collect();
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == needle[..] {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_is_case_insensitive_and_counts_chars() {
        let hay: Vec<char> = "Détente — DÉTENTE détente".chars().map(lower).collect();
        assert_eq!(find_all(&hay, "détente"), vec![0..7, 10..17, 18..25]);
        assert!(find_all(&hay, "").is_empty());
    }

    #[test]
    fn undo_and_dirty_state_belong_to_each_document() {
        let mut a = Document::new(1, Session::example(), None, LeftTab::Units);
        let b = Document::new(2, Session::example(), None, LeftTab::Units);
        let first = a.session.map().units()[0].id.clone();
        a.edit(Edit::RemoveUnit(first.clone())).expect("removes");
        assert!(a.session.is_dirty());
        assert!(
            !b.session.is_dirty(),
            "an edit in one tab leaves the other clean"
        );
        assert!(!b.session.history().can_undo());
        assert_eq!(a.run(Command::Undo).as_deref(), Some("Undid remove unit."));
        assert!(a.session.map().unit(&first).is_some());
        assert!(!a.session.is_dirty());
    }
}
