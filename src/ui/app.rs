//! The application: owns the open [`Session`], the [`View`] and the caches,
//! draws the panels, and applies the [`Action`]s they emit after each frame.

use super::analysis_view::AnalysisView;
use super::command::Command;
use super::compare::{self, CompareView, Comparison};
use super::files::{FilePicker, NativePicker, PickKind, with_map_extension};
use super::map_pane::MapPane;
use super::state::{Action, LeftTab, LinkDraft, View};
use super::text_pane::TextPane;
use super::{
    checks_panel, chrome, dialogs, doc_info, inspector, scenarios, suggestions_panel, units_list,
};
use crate::analysis::lens::Lexicon;
use crate::model::words::{
    next_word_end, next_word_start, prev_word_end, prev_word_start, snap_to_words,
};
use crate::model::{Edit, Relation, RelationKind, Scenario, TagScheme, Unit, UnitId};
use crate::session::Session;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Preferences kept between runs in eframe's storage.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub text_size: f32,
    /// The scheme new annotations of a text start in.
    pub scheme: String,
    /// The speculation lens is on.
    pub lens: bool,
    /// The argument map is shown beside the text.
    pub map: bool,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            dark: false,
            text_size: 17.0,
            scheme: "argument".into(),
            lens: false,
            map: true,
        }
    }
}

const PREFS_KEY: &str = "argmark-prefs";
const MAX_RECENT: usize = 10;

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    NewFromText,
    Open,
    OpenPath(PathBuf),
    Quit,
}

/// A dialog that blocks the window until answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    /// "Save changes to X?" before doing `Pending`.
    Unsaved(Pending),
    /// A message about a file that could not be opened or saved.
    Error(String),
    /// A file opened, but with problems a person should look at.
    Warning(String),
}

/// The Argmark window.
pub struct ArgmarkApp {
    session: Session,
    pub view: View,
    pub prefs: Prefs,
    text_pane: TextPane,
    analysis: AnalysisView,
    /// A cue lexicon given on the command line, used instead of the built-in one.
    lexicon: Option<Arc<Lexicon>>,
    map_pane: MapPane,
    modal: Option<Modal>,
    picker: Box<dyn FilePicker>,
    /// A short message for the status bar ("Saved", "Undid add unit").
    notice: Option<String>,
    /// Lower-cased text for Find, built on first use per document.
    haystack: Option<Vec<char>>,
    allow_close: bool,
    title: String,
    theme_applied: Option<bool>,
    /// The compare view, drawn instead of the normal panels while open.
    compare: Option<Comparison>,
}

impl ArgmarkApp {
    /// A window on `session`, with native dialogs and default preferences.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            view: View::default(),
            prefs: Prefs::default(),
            text_pane: TextPane::default(),
            analysis: AnalysisView::default(),
            lexicon: None,
            map_pane: MapPane::default(),
            modal: None,
            picker: Box::new(NativePicker),
            notice: None,
            haystack: None,
            allow_close: false,
            title: String::new(),
            theme_applied: None,
            compare: None,
        }
    }

    /// Starts eframe's app: restores preferences, opens `path` (or the
    /// example); a file that fails to open leaves the example up with the error shown.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        path: Option<&Path>,
        lexicon: Option<&Path>,
    ) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let mut app = Self::new(Session::example());
        app.prefs = prefs;
        if let Some(l) = lexicon {
            app.use_lexicon(l);
        }
        if let Some(p) = path {
            app.open_path(p);
        }
        app
    }

    /// Reads speculation cues from a lexicon file instead of the built-in
    /// list; a file that fails to load is reported and the built-in kept.
    pub fn use_lexicon(&mut self, path: &Path) {
        match Lexicon::load(path) {
            Ok(l) => {
                self.lexicon = Some(Arc::new(l));
                self.analysis = AnalysisView::with_lexicon(self.lexicon.clone());
                self.notice = Some(format!("Using the cue lexicon {}.", path.display()));
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    /// Replaces the file dialogs (tests script them).
    pub fn set_picker(&mut self, picker: Box<dyn FilePicker>) {
        self.picker = picker;
    }

    /// The open document.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The dialog currently shown.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The text pane, for tests that need screen positions of text.
    pub fn text_pane(&self) -> &TextPane {
        &self.text_pane
    }

    /// Screen centre of a map node in the last frame (tests drive the map with it).
    pub fn map_center_of(&mut self, id: &str) -> Option<egui::Pos2> {
        self.map_pane.screen_center_of(&self.session, id)
    }

    /// The status-bar message.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Draws one frame of the whole window and applies what the user did.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.theme_applied != Some(self.prefs.dark) {
            ctx.set_theme(if self.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.theme_applied = Some(self.prefs.dark);
        }
        if self.compare.is_some() {
            return self.draw_compare(ui);
        }
        let mut actions: Vec<Action> = Vec::new();
        if self.modal.is_none() {
            actions.extend(Command::pressed(&ctx).into_iter().map(Action::Run));
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Equals)) {
                actions.push(Action::Run(Command::TextBigger));
            }
        }
        let dropped = if self.modal.is_none() {
            ctx.input(|i| i.raw.dropped_files.clone())
        } else {
            Vec::new()
        };
        for file in dropped {
            let path = file.path();
            if !path.as_os_str().is_empty() {
                actions.push(Action::OpenPath(path.to_owned()));
            }
        }

        let tab = self.view.left_tab;
        let lens_needed = self.prefs.lens || matches!(tab, LeftTab::Checks | LeftTab::Suggestions);
        self.analysis.refresh(&self.session, lens_needed);
        self.analysis.select(&self.session, self.view.primary());
        chrome::menu_bar(ui, &self.session, &self.prefs, &self.view, &mut actions);
        chrome::status_bar(
            ui,
            &self.session,
            &self.analysis,
            self.notice.as_deref(),
            &self.view,
        );
        let map = self.session.map();
        egui::Panel::left("left panel")
            .resizable(true)
            .default_size(300.0)
            .size_range(220.0..=520.0)
            .show(ui, |ui| {
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
                        units_list::show(ui, map, &self.view, status, &mut actions);
                    }
                    LeftTab::Checks => checks_panel::show(ui, map, &self.analysis, &mut actions),
                    LeftTab::Suggestions => {
                        suggestions_panel::show(ui, map, &self.analysis, &mut actions);
                    }
                    LeftTab::Scenarios => scenarios::show(ui, map, &self.view, &mut actions),
                    LeftTab::Document => doc_info::show(ui, map, &mut actions),
                }
            });
        if self.prefs.map {
            // Inspector above, map below, beside the text.
            egui::Panel::right("inspector and map")
                .resizable(true)
                .default_size(540.0)
                .size_range(320.0..=900.0)
                .show(ui, |ui| {
                    egui::Panel::top("inspector part")
                        .resizable(true)
                        .default_size(280.0)
                        .size_range(120.0..=700.0)
                        .show(ui, |ui| {
                            inspector::show_scrolled(
                                ui,
                                map,
                                &self.view,
                                &self.analysis,
                                &mut actions,
                            );
                        });
                    egui::CentralPanel::default().show(ui, |ui| {
                        self.map_pane.show(
                            ui,
                            &self.session,
                            &self.view,
                            &self.analysis,
                            &mut actions,
                        );
                    });
                });
        } else {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(320.0)
                .size_range(240.0..=560.0)
                .show(ui, |ui| {
                    inspector::show_scrolled(ui, map, &self.view, &self.analysis, &mut actions);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.view.find.open {
                chrome::find_bar(ui, &mut self.view.find, &mut actions);
            }
            let lens = if self.prefs.lens {
                self.analysis.readings()
            } else {
                None
            };
            self.text_pane.show(
                ui,
                &self.session,
                &self.view,
                self.prefs.text_size,
                lens,
                &mut actions,
            );
        });
        self.view.scroll_to = None;
        self.view.find.focus = false;

        if self.view.help_open {
            dialogs::help(&ctx, self.session.map().scheme(), &mut self.view.help_open);
        }
        if let Some(modal) = self.modal.clone()
            && let Some(answer) = dialogs::modal(&ctx, &modal, &self.session)
        {
            self.modal = None;
            self.answer_modal(&ctx, modal, answer);
        }

        for action in actions {
            self.apply(&ctx, action);
        }
        self.refresh_find();
        self.update_title(&ctx);
    }

    /// Draws the compare view (see [`super::compare`]) under the menu bar.
    fn draw_compare(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions: Vec<Action> = Vec::new();
        if self.modal.is_none() {
            actions.extend(Command::pressed(&ctx).into_iter().map(Action::Run));
        }
        chrome::menu_bar(ui, &self.session, &self.prefs, &self.view, &mut actions);
        if let Some(view) = self.compare.as_mut() {
            match view.show(ui, self.picker.as_mut(), self.prefs.text_size) {
                Some(compare::Outcome::Close) => self.compare = None,
                Some(compare::Outcome::Error(e)) => self.modal = Some(Modal::Error(e)),
                Some(compare::Outcome::EditGold) => self.edit_gold(),
                None => {}
            }
        }
        if self.view.help_open {
            dialogs::help(&ctx, self.session.map().scheme(), &mut self.view.help_open);
        }
        if let Some(modal) = self.modal.clone()
            && let Some(answer) = dialogs::modal(&ctx, &modal, &self.session)
        {
            self.modal = None;
            self.answer_modal(&ctx, modal, answer);
        }
        for action in actions {
            self.apply(&ctx, action);
        }
        self.update_title(&ctx);
    }

    /// Opens the compare view on prepared annotations (the first is A).
    pub fn open_compare(&mut self, view: Comparison) {
        self.compare = Some(view);
    }

    /// The compare view, if open on annotations of one text.
    pub fn compare_view(&self) -> Option<&CompareView> {
        self.compare.as_ref().and_then(Comparison::same)
    }

    /// Makes the compare view's gold map the window's document, unless the
    /// open document has unsaved changes (which are never dropped silently).
    fn edit_gold(&mut self) {
        if self.session.is_dirty() {
            self.modal = Some(Modal::Error(format!(
                "{} has unsaved changes: save it first, then edit the gold map.",
                self.session.display_name()
            )));
            return;
        }
        let Some(gold) = self.compare.take().and_then(Comparison::into_gold) else {
            return;
        };
        self.session = gold;
        self.view = View {
            left_tab: self.view.left_tab,
            ..View::default()
        };
        self.text_pane = TextPane::default();
        self.analysis = AnalysisView::with_lexicon(self.lexicon.clone());
        self.map_pane = MapPane::default();
        self.haystack = None;
        self.notice = Some("Editing the gold map; Save asks where to put it.".into());
    }

    /// File ▸ Compare with…: this document against maps the user picks.
    fn compare_with(&mut self) {
        let paths = self.picker.pick_maps();
        if paths.is_empty() {
            return;
        }
        let name = self.session.suggested_save_name();
        let mut all = vec![compare::Annotation {
            name: name
                .trim_end_matches(".ron")
                .trim_end_matches(".argmap")
                .to_owned(),
            path: self.session.save_path().map(Path::to_owned),
            map: self.session.map().clone(),
        }];
        let opened = paths
            .iter()
            .map(|p| compare::load(p))
            .collect::<Result<Vec<_>, _>>()
            .and_then(|rest| {
                all.extend(rest);
                Comparison::new(all, false)
            });
        match opened {
            Ok(view) => self.compare = Some(view),
            Err(e) => self.modal = Some(Modal::Error(e)),
        }
    }

    /// Handles the window close button: asks about unsaved changes first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.session.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Pending::Quit));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.session.is_dirty() { "• " } else { "" };
        let title = format!("{dirty}{} — Argmark", self.session.display_name());
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(cmd) => self.run(ctx, cmd),
            Action::Edit(edit) => {
                self.edit(edit);
            }
            Action::Seal => self.session.seal(),
            Action::ClickUnit { unit, add } => self.click_unit(unit, add),
            Action::Reveal(unit) => {
                if let Some(u) = self.session.map().unit(&unit) {
                    self.view.scroll_to = Some(u.start);
                }
                self.click_unit(unit, false);
            }
            Action::ClearSelection => {
                if self.view.link.is_none() {
                    self.view.selected.clear();
                }
                self.session.seal();
            }
            Action::SetTextSelection(sel) => self.view.text_selection = sel,
            Action::StartLink(kind) => self.start_link(kind),
            Action::NewScenarioFor(unit) => {
                let id = self.session.map().next_scenario_id();
                let name = format!("Scenario {}", self.session.map().scenarios().len() + 1);
                self.edit(Edit::Batch(vec![
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
                ]));
                self.view.left_tab = LeftTab::Scenarios;
            }
            Action::OpenPath(path) => self.guard_unsaved(ctx, Pending::OpenPath(path)),
            Action::SwitchScheme(name) => self.switch_scheme(&name),
            Action::ScrollToChar(c) => self.view.scroll_to = Some(c),
            Action::SetFilters { tag, scenario } => {
                self.view.filter_tag = tag;
                self.view.filter_scenario = scenario;
            }
            Action::SetLeftTab(tab) => self.view.left_tab = tab,
            Action::SelectRelation(r) => {
                if r.is_some() {
                    self.view.selected.clear();
                }
                self.view.selected_relation = r;
            }
            Action::AddRelation {
                kind,
                sources,
                target,
            } => {
                let id = self.session.map().next_relation_id();
                let added = self.edit(Edit::AddRelation(Relation {
                    id: id.clone(),
                    kind,
                    sources,
                    target,
                    note: String::new(),
                }));
                if added {
                    self.notice = Some(format!("Added {} {id}.", kind.key()));
                }
            }
        }
    }

    /// Applies an edit through the history; says why if it was refused.
    fn edit(&mut self, edit: Edit) -> bool {
        let label = edit.label();
        let ok = match self.session.apply(edit) {
            Ok(()) => true,
            Err(e) => {
                self.notice = Some(format!("Could not {label}: {e}"));
                false
            }
        };
        self.forget_missing();
        ok
    }

    fn click_unit(&mut self, unit: UnitId, add: bool) {
        self.view.selected_relation = None;
        if let Some(draft) = self.view.link.take() {
            self.finish_link(draft, unit);
            return;
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
    }

    fn start_link(&mut self, kind: RelationKind) {
        if self.view.selected.is_empty() {
            self.notice = Some("Select the unit(s) the relation starts from first.".into());
            return;
        }
        self.view.link = Some(LinkDraft {
            kind,
            sources: self.view.selected.clone(),
        });
        self.notice = Some("Now click the target unit (Esc cancels).".into());
    }

    fn finish_link(&mut self, draft: LinkDraft, target: UnitId) {
        if draft.sources.contains(&target) {
            self.notice =
                Some("A unit cannot support or attack itself; pick another target.".into());
            self.view.link = Some(draft);
            return;
        }
        let id = self.session.map().next_relation_id();
        let added = self.edit(Edit::AddRelation(Relation {
            id: id.clone(),
            kind: draft.kind,
            sources: draft.sources,
            target,
            note: String::new(),
        }));
        if added {
            self.notice = Some(format!("Added {} {}.", draft.kind.key(), id));
        }
    }

    /// Runs a named command.
    pub fn run(&mut self, ctx: &egui::Context, cmd: Command) {
        if let Some(view) = self.compare.as_mut() {
            match view.run(cmd, self.picker.as_mut()) {
                Ok(true) => return,
                Ok(false) => {}
                Err(e) => return self.modal = Some(Modal::Error(e)),
            }
        }
        match cmd {
            Command::NewFromText => self.guard_unsaved(ctx, Pending::NewFromText),
            Command::Open => self.guard_unsaved(ctx, Pending::Open),
            Command::Save => {
                self.save();
            }
            Command::SaveAs => {
                self.save_as();
            }
            Command::Undo if self.session.history().can_undo() => {
                self.notice = Some(match self.session.undo() {
                    Some(l) => format!("Undid {l}."),
                    None => "Could not undo; the undo history was reset.".to_owned(),
                });
                self.forget_missing();
            }
            Command::Redo | Command::RedoAlt if self.session.history().can_redo() => {
                self.notice = Some(match self.session.redo() {
                    Some(l) => format!("Redid {l}."),
                    None => "Could not redo; the undo history was reset.".to_owned(),
                });
                self.forget_missing();
            }
            Command::Undo | Command::Redo | Command::RedoAlt => {}
            Command::Find => {
                self.view.find.open = true;
                self.view.find.focus = true;
            }
            Command::FindNext | Command::FindPrevious => self.step_find(cmd == Command::FindNext),
            Command::Tag(n) => self.tag(n),
            Command::DeleteSelected if self.view.selected_relation.is_some() => {
                if let Some(r) = self.view.selected_relation.take() {
                    self.edit(Edit::RemoveRelation(r));
                }
            }
            Command::DeleteSelected => {
                let ids = self.view.selected.clone();
                if !ids.is_empty()
                    && self.edit(Edit::Batch(ids.into_iter().map(Edit::RemoveUnit).collect()))
                {
                    self.view.selected.clear();
                }
            }
            Command::Link(kind) => self.start_link(kind),
            Command::GrowEnd | Command::ShrinkEnd | Command::GrowStart | Command::ShrinkStart => {
                self.nudge_boundary(cmd);
            }
            Command::TextBigger => self.prefs.text_size = (self.prefs.text_size + 1.0).min(32.0),
            Command::TextSmaller => self.prefs.text_size = (self.prefs.text_size - 1.0).max(11.0),
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ToggleLens => self.prefs.lens = !self.prefs.lens,
            Command::ToggleMap => self.prefs.map = !self.prefs.map,
            Command::FitMap => self.map_pane.fit(),
            Command::ExportMap => self.export_map(),
            Command::CompareWith => self.compare_with(),
            Command::Help => self.view.help_open = !self.view.help_open,
            Command::Cancel => {
                self.view.selected_relation = None;
                if self.map_pane.cancel_pending() {
                } else if self.view.help_open {
                    self.view.help_open = false;
                } else if self.view.link.take().is_some() {
                    self.notice = Some("Link cancelled.".into());
                } else if self.view.find.open {
                    self.view.find.open = false;
                } else {
                    self.view.selected.clear();
                    self.view.text_selection = None;
                }
            }
        }
    }

    /// Drops selections and link drafts that name items no longer in the map.
    fn forget_missing(&mut self) {
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
    fn tag(&mut self, key: u8) {
        let Some(tag) = self
            .session
            .map()
            .scheme()
            .tag_for_key(key)
            .map(|t| t.name.clone())
        else {
            self.notice = Some(format!("No tag is bound to {key} in this scheme."));
            return;
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
                self.notice = Some("The selection holds no words.".into());
                return;
            };
            let id = map.next_unit_id();
            self.edit(Edit::AddUnit(Unit {
                id: id.clone(),
                kind: tag,
                start: span.start,
                end: span.end,
                quote: String::new(),
                note: String::new(),
                scenario: None,
            }));
            if self.session.map().unit(&id).is_some() {
                self.view.selected = vec![id];
            }
        } else if let Some(id) = self.view.primary().cloned() {
            self.edit(Edit::SetUnitKind {
                unit: id,
                kind: tag,
            });
        } else {
            self.notice = Some("Select some text first (drag over it).".into());
        }
    }

    fn nudge_boundary(&mut self, cmd: Command) {
        let Some(u) = self
            .view
            .primary()
            .and_then(|id| self.session.map().unit(id))
        else {
            return;
        };
        let text = self.session.map().source();
        let (start, end) = match cmd {
            Command::GrowEnd => (u.start, next_word_end(text, u.end)),
            Command::ShrinkEnd => (u.start, prev_word_end(text, u.end)),
            Command::GrowStart => (prev_word_start(text, u.start), u.end),
            _ => (next_word_start(text, u.start), u.end),
        };
        if start < end && (start, end) != (u.start, u.end) {
            let unit = u.id.clone();
            self.edit(Edit::SetUnitSpan { unit, start, end });
        }
    }

    fn switch_scheme(&mut self, name: &str) {
        let Some(scheme) = TagScheme::builtin(name) else {
            return;
        };
        self.prefs.scheme = name.to_owned();
        let map = self.session.map();
        if map.scheme().name == scheme.name {
            return;
        }
        // Carry units over by role; refuse if a role has no tag in the new scheme.
        let mut edits = Vec::new();
        for u in map.units() {
            let role = map.scheme().role_of(&u.kind);
            match scheme.first_with_role(role) {
                Some(t) if t.name != u.kind => edits.push(Edit::SetUnitKind {
                    unit: u.id.clone(),
                    kind: t.name.clone(),
                }),
                Some(_) => {}
                None => {
                    self.notice = Some(format!(
                        "Cannot switch to “{name}”: it has no tag for {} units like {}.",
                        role.key(),
                        u.id
                    ));
                    return;
                }
            }
        }
        let mut batch = vec![Edit::SetScheme(scheme)];
        batch.extend(edits);
        self.edit(Edit::Batch(batch));
    }

    /// Runs `then` now, or asks first if there are unsaved changes.
    fn guard_unsaved(&mut self, ctx: &egui::Context, then: Pending) {
        if self.session.is_dirty() {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.continue_pending(ctx, then);
        }
    }

    fn answer_modal(&mut self, ctx: &egui::Context, modal: Modal, answer: dialogs::Answer) {
        if let Modal::Unsaved(pending) = modal {
            match answer {
                dialogs::Answer::Save => {
                    if self.save() {
                        self.continue_pending(ctx, pending);
                    }
                }
                dialogs::Answer::Discard => self.continue_pending(ctx, pending),
                dialogs::Answer::Cancel => {}
            }
        }
    }

    fn continue_pending(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::NewFromText => {
                if let Some(p) = self.picker.pick_open(PickKind::Text) {
                    self.open_path(&p);
                }
            }
            Pending::Open => {
                if let Some(p) = self.picker.pick_open(PickKind::Any) {
                    self.open_path(&p);
                }
            }
            Pending::OpenPath(p) => self.open_path(&p),
            Pending::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a file in place of the current one; on failure shows why and
    /// keeps the current document untouched.
    pub fn open_path(&mut self, path: &Path) {
        let scheme = TagScheme::builtin(&self.prefs.scheme).unwrap_or_else(TagScheme::argument);
        match Session::open(path, scheme) {
            Ok(session) => {
                let problems = crate::model::validate(session.map());
                if !problems.is_empty() {
                    let mut text = format!(
                        "{} has {} problem{} (argmark check lists them with line numbers):\n",
                        path.display(),
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    );
                    for p in problems.iter().take(12) {
                        text.push_str(&format!("  {p}\n"));
                    }
                    if problems.len() > 12 {
                        text.push_str(&format!("  … and {} more\n", problems.len() - 12));
                    }
                    self.modal = Some(Modal::Warning(text));
                }
                self.session = session;
                self.view = View {
                    left_tab: self.view.left_tab,
                    ..View::default()
                };
                self.text_pane = TextPane::default();
                self.analysis = AnalysisView::with_lexicon(self.lexicon.clone());
                self.map_pane = MapPane::default();
                self.haystack = None;
                self.compare = None;
                self.remember(path);
                self.notice = Some(format!("Opened {}.", path.display()));
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// Saves in place, or asks where; returns whether it was saved.
    pub fn save(&mut self) -> bool {
        match self.session.save_path().map(Path::to_owned) {
            Some(p) => self.save_to(&p),
            None => self.save_as(),
        }
    }

    fn save_as(&mut self) -> bool {
        let name = self.session.suggested_save_name();
        match self.picker.pick_save(&name) {
            Some(p) => self.save_to(&with_map_extension(p)),
            None => false,
        }
    }

    /// Saves to a path (atomic, keeps a .bak); errors go to a dialog.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match self.session.save_to(path) {
            Ok(()) => {
                self.remember(path);
                self.notice = Some(format!("Saved {}.", path.display()));
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error(e.to_string()));
                false
            }
        }
    }

    /// Writes the map as SVG or PNG (by the extension chosen).
    fn export_map(&mut self) {
        use crate::export::{self, Format};
        let base = self.session.suggested_save_name();
        let name = export::default_output(std::path::Path::new(&base), Format::Svg);
        let Some(path) = self.picker.pick_export(&name.to_string_lossy()) else {
            return;
        };
        let is_png = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let (format, path) = if is_png {
            (Format::Png, path)
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
        {
            (Format::Svg, path)
        } else {
            (Format::Svg, path.with_extension("svg"))
        };
        let title = self.session.display_name();
        let options = crate::graph::LayoutOptions::default();
        let result = export::render(self.session.map(), &options, format, &title)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|bytes| export::write_file(&path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => self.notice = Some(format!("Exported the map to {}.", path.display())),
            Err(e) => self.modal = Some(Modal::Error(e)),
        }
    }

    fn refresh_find(&mut self) {
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

impl eframe::App for ArgmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.handle_close_request(ui.ctx());
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
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
    fn bare_names_get_the_map_extension() {
        assert_eq!(
            with_map_extension("a/b".into()),
            PathBuf::from("a/b.argmap.ron")
        );
        assert_eq!(
            with_map_extension("a/b.argmap.ron".into()),
            PathBuf::from("a/b.argmap.ron")
        );
    }
}
