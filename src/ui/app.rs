//! The application: owns the open [`Session`], the [`View`] and the caches,
//! draws the panels, and applies the [`Action`]s they emit after each frame.

use super::analysis_view::AnalysisView;
use super::command::Command;
use super::compare::{self, CompareView, Comparison};
use super::file_dialog::{DialogResult, FileDialog};
use super::files::{FilePicker, PickKind, PickOutcome, PickRequest, Purpose, default_picker};
use super::map_pane::MapPane;
use super::state::{Action, LeftTab, LinkDraft, View};
use super::text_pane::TextPane;
use super::watch::{BannerAnswer, DiskWatch, External};
use super::{
    checks_panel, chrome, dialogs, doc_info, inspector, interchange, recovery_prompt, scenarios,
    suggestions_panel, units_list, watch,
};
use crate::analysis::lens::Lexicon;
use crate::autosave::Autosave;
use crate::io::formats::Target;
use crate::io::recovery::{self, RecoveredFrom, RecoveryEntry};
use crate::model::words::{
    next_word_end, next_word_start, prev_word_end, prev_word_start, snap_to_words,
};
use crate::model::{Edit, Relation, RelationKind, Scenario, TagScheme, Unit, UnitId};
use crate::session::{Origin, Session};
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
    /// Open work recovered after a crash.
    Recover(RecoveryEntry),
}

/// What a file dialog was opened for, kept while Argmark's own dialog is up
/// so the answer can be acted on frames later.
#[derive(Clone, Debug, PartialEq)]
pub enum FileIntent {
    /// Open the chosen file (Open…, New from text…).
    Open(PickKind),
    /// Save there, then carry on with `then` (a Save in the close prompt).
    SaveAs { then: Option<Pending> },
    /// Export the map picture there.
    Export,
    /// Write the document in another tool's format there.
    ExportAs(Target),
    /// Compare the document with the chosen map.
    CompareWith,
    /// Save the compare view's gold map there.
    SaveGold,
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
    /// Saving would replace a file someone else changed: Overwrite / Save as… / Cancel.
    Conflict {
        path: PathBuf,
        then: Option<Pending>,
    },
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
    /// Argmark's own file dialog while it is open, with what it was asked for.
    file_dialog: Option<(FileIntent, FileDialog)>,
    /// The system's dialog could not be used: use Argmark's own from now on.
    builtin_dialogs: bool,
    /// Why, shown in Argmark's dialog.
    builtin_note: Option<String>,
    /// The folder a file was last chosen in.
    last_dir: Option<PathBuf>,
    /// Copies unsaved work to a recovery file (off in tests unless enabled).
    autosave: Option<Autosave>,
    /// The last autosave failure told to the user, so it is said once.
    autosave_error: Option<String>,
    /// Recovery files of sessions that ended without saving, shown in a prompt.
    recovery_offer: Vec<RecoveryEntry>,
    /// The open map file as last read or written, to notice outside changes.
    watch: DiskWatch,
    /// The compare view, drawn instead of the normal panels while open.
    compare: Option<Comparison>,
}

impl ArgmarkApp {
    /// A window on `session`, with native dialogs and default preferences.
    pub fn new(session: Session) -> Self {
        let mut watch = DiskWatch::default();
        watch.follow(session.origin());
        Self {
            session,
            view: View::default(),
            prefs: Prefs::default(),
            text_pane: TextPane::default(),
            analysis: AnalysisView::default(),
            lexicon: None,
            map_pane: MapPane::default(),
            modal: None,
            picker: default_picker(false),
            notice: None,
            haystack: None,
            allow_close: false,
            title: String::new(),
            theme_applied: None,
            file_dialog: None,
            builtin_dialogs: false,
            builtin_note: None,
            last_dir: None,
            autosave: None,
            autosave_error: None,
            recovery_offer: Vec::new(),
            watch,
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
        app.picker = default_picker(true);
        // Set the saved theme before the first frame, so a light window does not flash dark.
        app.apply_theme(&cc.egui_ctx);
        if let Some(l) = lexicon {
            app.use_lexicon(l);
        }
        if let Some(p) = path {
            app.open_path(p);
        }
        // After opening, so "autosave is off" is the notice left showing.
        app.enable_recovery_in(recovery::default_dir());
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

    /// Copies unsaved work into recovery files in `dir`, and offers the
    /// copies that sessions which ended without saving left there.
    pub fn enable_recovery(&mut self, dir: PathBuf) {
        self.recovery_offer = recovery::list(&dir);
        self.autosave = Some(Autosave::new(dir));
    }

    /// [`Self::enable_recovery`] in the platform's data folder; without one
    /// (no `HOME` or `XDG_DATA_HOME`), says that autosave is off.
    pub fn enable_recovery_in(&mut self, dir: Option<PathBuf>) {
        match dir {
            Some(dir) => self.enable_recovery(dir),
            None => self.notice = Some(crate::autosave::NO_FOLDER.to_owned()),
        }
    }

    /// The recovery copies offered in the prompt.
    pub fn recovery_offer(&self) -> &[RecoveryEntry] {
        &self.recovery_offer
    }

    /// Waits until queued recovery copies are written (tests, exit).
    pub fn flush_autosave(&self) {
        if let Some(a) = &self.autosave {
            a.flush();
        }
    }

    /// How often the open file is checked for outside changes (tests use zero).
    pub fn set_disk_poll_interval(&mut self, interval: std::time::Duration) {
        self.watch.set_interval(interval);
    }

    /// What the external-change banner says, if it is shown.
    pub fn external_change(&self) -> Option<&External> {
        self.watch.external.as_ref()
    }

    /// Whether the window is closing (after Quit passed the unsaved-changes guard).
    pub fn is_quitting(&self) -> bool {
        self.allow_close
    }

    /// Whether Argmark's own file dialog is open.
    pub fn file_dialog_open(&self) -> bool {
        self.file_dialog.is_some()
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

    /// The analyses shown (lens reading, checks), for tests and benches.
    pub fn analysis(&self) -> &super::analysis_view::AnalysisView {
        &self.analysis
    }

    /// The text pane, for tests that need screen positions of text.
    pub fn text_pane(&self) -> &TextPane {
        &self.text_pane
    }

    /// Screen centre of a map node in the last frame (tests drive the map with it).
    pub fn map_center_of(&mut self, id: &str) -> Option<egui::Pos2> {
        self.map_pane.screen_center_of(&self.session, id)
    }

    /// Whether no background work (map layout, checks) is pending, so the
    /// frames show the current revision (benches wait for it).
    pub fn is_settled(&self) -> bool {
        !self.map_pane.is_pending() && !self.analysis.is_pending()
    }

    /// The status-bar message.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Applies the preferred theme (and egui options) to the window.
    fn apply_theme(&mut self, ctx: &egui::Context) {
        ctx.set_theme(if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        self.theme_applied = Some(self.prefs.dark);
    }

    /// Draws one frame of the whole window and applies what the user did.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.theme_applied != Some(self.prefs.dark) {
            self.apply_theme(&ctx);
        }
        if self.compare.is_some() {
            return self.draw_compare(ui);
        }
        let mut actions: Vec<Action> = Vec::new();
        let blocked =
            self.modal.is_some() || self.file_dialog.is_some() || !self.recovery_offer.is_empty();
        if !blocked {
            actions.extend(Command::pressed(&ctx).into_iter().map(Action::Run));
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Equals)) {
                actions.push(Action::Run(Command::TextBigger));
            }
        }
        let dropped = if !blocked {
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
        if self.analysis.is_pending() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        self.analysis.select(&self.session, self.view.primary());
        chrome::menu_bar(ui, &self.session, &self.prefs, &self.view, &mut actions);
        chrome::status_bar(
            ui,
            &self.session,
            &self.analysis,
            self.notice.as_deref(),
            &self.view,
        );
        if let Some(external) = self.watch.external.clone() {
            let name = self
                .watch
                .name()
                .unwrap_or_else(|| self.session.display_name());
            match watch::banner(ui, &external, &name, self.session.is_dirty()) {
                Some(BannerAnswer::Reload) => {
                    if let Some(p) = self.session.save_path().map(Path::to_owned) {
                        self.watch.external = None;
                        actions.push(Action::OpenPath(p));
                    }
                }
                Some(BannerAnswer::KeepMine) => self.watch.keep_mine(),
                None => {}
            }
        }
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
                    // The inspector takes what it shows, up to 60% of the column
                    // (then it scrolls); the map gets the rest.
                    let height = inspector::fitted_height(ui);
                    egui::Panel::top("inspector part")
                        .resizable(false)
                        .exact_size(height)
                        .show(ui, |ui| {
                            inspector::show_fitted(
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
        self.draw_dialogs(&ctx);

        for action in actions {
            self.apply(&ctx, action);
        }
        self.refresh_find();
        self.update_title(&ctx);
        self.keep_safe(&ctx);
    }

    /// The modal prompt, Argmark's own file dialog or the recovery prompt:
    /// at most one at a time, in that order.
    fn draw_dialogs(&mut self, ctx: &egui::Context) {
        if let Some(modal) = self.modal.clone() {
            if let Some(answer) = dialogs::modal(ctx, &modal, &self.session) {
                self.modal = None;
                self.answer_modal(ctx, modal, answer);
            }
        } else if let Some((_, dialog)) = &mut self.file_dialog {
            if let Some(result) = dialog.show(ctx)
                && let Some((intent, dialog)) = self.file_dialog.take()
            {
                self.last_dir = Some(dialog.dir().to_owned());
                match result {
                    DialogResult::Chosen(path) => self.file_chosen(ctx, intent, path),
                    DialogResult::Cancelled => self.notice = Some("Cancelled.".into()),
                }
            }
        } else if !self.recovery_offer.is_empty() {
            self.show_recovery_prompt(ctx);
        }
    }

    /// Autosave and the outside-change check: cheap per frame, and the
    /// window is woken when either is next due.
    fn keep_safe(&mut self, ctx: &egui::Context) {
        let now = std::time::Instant::now();
        let mut wake: Option<std::time::Duration> = None;
        if let Some(a) = &mut self.autosave {
            wake = a.tick(&self.session, now);
            let error = a.error();
            if error != self.autosave_error {
                if let Some(e) = &error {
                    self.notice = Some(format!("Autosave failed: {e}. Save your work."));
                }
                self.autosave_error = error;
            }
        }
        let shown = self.watch.external.clone();
        if let Some(d) = self.watch.poll(now) {
            wake = Some(wake.map_or(d, |w| w.min(d)));
        }
        if self.watch.external != shown {
            // Show (or hide) the banner now, not at the next event.
            ctx.request_repaint();
        }
        if let Some(d) = wake {
            ctx.request_repaint_after(d);
        }
    }

    fn show_recovery_prompt(&mut self, ctx: &egui::Context) {
        use recovery_prompt::RecoveryChoice;
        match recovery_prompt::show(ctx, &self.recovery_offer) {
            Some(RecoveryChoice::Recover(i)) if i < self.recovery_offer.len() => {
                let entry = self.recovery_offer.remove(i);
                self.guard_unsaved(ctx, Pending::Recover(entry));
            }
            Some(RecoveryChoice::Discard(i)) if i < self.recovery_offer.len() => {
                let entry = self.recovery_offer.remove(i);
                match entry.remove() {
                    Ok(()) => {
                        self.notice = Some(format!("Discarded the copy of {}.", entry.header.name))
                    }
                    Err(e) => {
                        self.modal = Some(Modal::Error(format!("{}: {e}", entry.file.display())))
                    }
                }
            }
            Some(RecoveryChoice::Later) => {
                let n = self.recovery_offer.len();
                self.recovery_offer.clear();
                self.notice = Some(format!(
                    "Kept {n} recovery cop{} for later (File menu: Recover unsaved work…).",
                    if n == 1 { "y" } else { "ies" }
                ));
            }
            _ => {}
        }
    }

    /// Opens recovered work in place of the current document.
    fn recover(&mut self, entry: RecoveryEntry) {
        let map = match entry.load() {
            Ok(m) => m,
            Err(e) => {
                self.modal = Some(Modal::Error(format!(
                    "{e}\nThe recovery copy was kept in {}.",
                    entry.file.display()
                )));
                return;
            }
        };
        let origin = match (entry.header.origin, entry.header.path.clone()) {
            (RecoveredFrom::Map, Some(p)) => Origin::Map(p),
            (RecoveredFrom::Text, Some(p)) => Origin::Text(p),
            _ => Origin::Example,
        };
        let session = Session::recovered(map, origin);
        self.replace_session(session);
        if let Some(a) = &mut self.autosave {
            a.adopt(&entry, &self.session);
        }
        self.notice = Some(format!(
            "Recovered {} ({} units, copied {}). Save to keep it.",
            entry.header.name,
            self.session.map().units().len(),
            entry.ago()
        ));
    }

    /// Draws the compare view (see [`super::compare`]) under the menu bar.
    fn draw_compare(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions: Vec<Action> = Vec::new();
        if self.modal.is_none() && self.file_dialog.is_none() {
            actions.extend(Command::pressed(&ctx).into_iter().map(Action::Run));
        }
        chrome::menu_bar(ui, &self.session, &self.prefs, &self.view, &mut actions);
        if let Some(view) = self.compare.as_mut() {
            match view.show(ui, self.prefs.text_size) {
                Some(compare::Outcome::Close) => self.compare = None,
                Some(compare::Outcome::Error(e)) => self.modal = Some(Modal::Error(e)),
                Some(compare::Outcome::EditGold) => self.edit_gold(),
                None => {}
            }
        }
        if let Some(Comparison::Same(view)) = self.compare.as_mut()
            && view.take_save_request()
        {
            self.request_file(&ctx, FileIntent::SaveGold);
        }
        if self.view.help_open {
            dialogs::help(&ctx, self.session.map().scheme(), &mut self.view.help_open);
        }
        self.draw_dialogs(&ctx);
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
    fn compare_with(&mut self, paths: &[PathBuf]) {
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
            Action::Notice(text) => self.notice = Some(text),
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
            match view.run(cmd) {
                Ok(true) => {
                    if let Comparison::Same(view) = view
                        && view.take_save_request()
                    {
                        self.request_file(ctx, FileIntent::SaveGold);
                    }
                    return;
                }
                Ok(false) => {}
                Err(e) => return self.modal = Some(Modal::Error(e)),
            }
        }
        match cmd {
            Command::NewFromText => self.guard_unsaved(ctx, Pending::NewFromText),
            Command::Open | Command::Import => self.guard_unsaved(ctx, Pending::Open),
            Command::Save => self.save_then(ctx, None),
            Command::SaveAs => self.request_file(ctx, FileIntent::SaveAs { then: None }),
            Command::Quit => self.guard_unsaved(ctx, Pending::Quit),
            Command::RecoverWork => self.offer_recovery(),
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
            Command::ExportMap => self.request_file(ctx, FileIntent::Export),
            Command::ExportAs(target) => self.request_file(ctx, FileIntent::ExportAs(target)),
            Command::CompareWith => self.request_file(ctx, FileIntent::CompareWith),
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
        use dialogs::Answer;
        match (modal, answer) {
            (Modal::Unsaved(pending), Answer::Save) => self.save_then(ctx, Some(pending)),
            (Modal::Unsaved(pending), Answer::Discard) => self.continue_pending(ctx, pending),
            (Modal::Conflict { path, then }, Answer::Overwrite) => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.continue_pending(ctx, then);
                }
            }
            (Modal::Conflict { then, .. }, Answer::SaveAs) => {
                self.request_file(ctx, FileIntent::SaveAs { then });
            }
            _ => {}
        }
    }

    /// Shows the recovery prompt again (File → Recover unsaved work…).
    fn offer_recovery(&mut self) {
        let Some(a) = &self.autosave else {
            self.notice = Some("Recovery copies are off in this window.".into());
            return;
        };
        // Our own copy is locked by us, so it is not listed.
        self.recovery_offer = recovery::list(a.dir());
        if self.recovery_offer.is_empty() {
            self.notice = Some(format!(
                "No unsaved work to recover in {}.",
                a.dir().display()
            ));
        }
    }

    /// The dialog question for `intent`, starting beside the open document.
    fn pick_request(&self, intent: &FileIntent) -> PickRequest {
        let beside = match self.session.origin() {
            Origin::Map(p) | Origin::Text(p) => p.parent().map(Path::to_owned),
            Origin::Example => None,
        }
        .filter(|d| !d.as_os_str().is_empty());
        let dir = self.last_dir.clone().or_else(|| beside.clone());
        match intent {
            FileIntent::Open(kind) => PickRequest {
                purpose: Purpose::Open(*kind),
                dir,
                name: String::new(),
            },
            FileIntent::SaveAs { .. } => PickRequest {
                purpose: Purpose::Save,
                // A text's map goes beside the text.
                dir: beside.or(dir),
                name: self.session.suggested_save_name(),
            },
            FileIntent::Export => {
                let base = self.session.suggested_save_name();
                let name =
                    crate::export::default_output(Path::new(&base), crate::export::Format::Svg);
                PickRequest {
                    purpose: Purpose::Export,
                    dir: beside.or(dir),
                    name: name.to_string_lossy().into_owned(),
                }
            }
            FileIntent::CompareWith => PickRequest {
                purpose: Purpose::Open(PickKind::Map),
                dir,
                name: String::new(),
            },
            FileIntent::SaveGold => PickRequest {
                purpose: Purpose::Save,
                dir: beside.or(dir),
                name: self
                    .compare
                    .as_ref()
                    .and_then(Comparison::same)
                    .map_or_else(|| "gold.argmap.ron".to_owned(), CompareView::gold_save_name),
            },
            FileIntent::ExportAs(target) => PickRequest {
                purpose: Purpose::ExportAs(*target),
                dir: beside.or(dir),
                name: interchange::suggested_name(&self.session.suggested_save_name(), *target),
            },
        }
    }

    /// Asks for a file: the system's dialog, or Argmark's own when the system's
    /// cannot open (then the answer comes in a later frame).
    fn request_file(&mut self, ctx: &egui::Context, intent: FileIntent) {
        let request = self.pick_request(&intent);
        if !self.builtin_dialogs {
            match self.picker.pick(&request) {
                PickOutcome::Chosen(path) => {
                    self.last_dir = path.parent().map(Path::to_owned);
                    self.file_chosen(ctx, intent, path);
                    return;
                }
                PickOutcome::Cancelled => return,
                PickOutcome::UseBuiltin { why } => {
                    self.builtin_dialogs = true;
                    if let Some(why) = why {
                        self.notice =
                            Some("No system file dialog available; using Argmark's own.".into());
                        self.builtin_note = Some(format!("System file dialog unavailable: {why}."));
                    }
                }
            }
        }
        let dialog = FileDialog::new(&request, self.builtin_note.clone());
        self.file_dialog = Some((intent, dialog));
    }

    /// Acts on a chosen path.
    fn file_chosen(&mut self, ctx: &egui::Context, intent: FileIntent, path: PathBuf) {
        match intent {
            FileIntent::Open(_) => self.open_path(&path),
            FileIntent::SaveAs { then } => {
                if self.save_to(&super::files::with_map_extension(path))
                    && let Some(then) = then
                {
                    self.continue_pending(ctx, then);
                }
            }
            FileIntent::Export => self.export_to(path),
            FileIntent::ExportAs(target) => self.export_as_to(target, path),
            FileIntent::CompareWith => self.compare_with(&[path]),
            FileIntent::SaveGold => {
                if let Some(Comparison::Same(view)) = self.compare.as_mut()
                    && let Err(e) = view.save_gold_to(&path)
                {
                    self.modal = Some(Modal::Error(e));
                }
            }
        }
    }

    fn continue_pending(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::NewFromText => self.request_file(ctx, FileIntent::Open(PickKind::Text)),
            Pending::Open => self.request_file(ctx, FileIntent::Open(PickKind::Any)),
            Pending::OpenPath(p) => self.open_path(&p),
            Pending::Recover(entry) => self.recover(entry),
            Pending::Quit => {
                // Saved or deliberately discarded: no recovery copy to leave.
                if let Some(a) = &mut self.autosave {
                    a.forget();
                    a.flush();
                }
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a file in place of the current one; on failure shows why and
    /// keeps the current document untouched.
    pub fn open_path(&mut self, path: &Path) {
        let scheme = TagScheme::builtin(&self.prefs.scheme).unwrap_or_else(TagScheme::argument);
        match interchange::open_session(path, scheme) {
            Ok((session, import_warnings)) => {
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
                self.replace_session(session);
                self.remember(path);
                self.notice = Some(format!("Opened {}.", path.display()));
                if let Some(text) = interchange::import_message(path, &import_warnings) {
                    self.modal = Some(Modal::Warning(match self.modal.take() {
                        Some(Modal::Warning(problems)) => format!("{text}\n{problems}"),
                        _ => text,
                    }));
                }
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    /// Shows `session` in place of the current one (whose work was saved or
    /// discarded by now, so its recovery copy goes).
    fn replace_session(&mut self, session: Session) {
        if let Some(a) = &mut self.autosave {
            a.forget();
        }
        self.session = session;
        self.watch.follow(self.session.origin());
        self.view = View {
            left_tab: self.view.left_tab,
            ..View::default()
        };
        self.text_pane = TextPane::default();
        self.analysis = AnalysisView::with_lexicon(self.lexicon.clone());
        self.map_pane = MapPane::default();
        self.haystack = None;
        self.compare = None;
    }

    fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// Saves in place (asking first if someone changed the file on disk), or
    /// asks where; once saved, carries on with `then`.
    fn save_then(&mut self, ctx: &egui::Context, then: Option<Pending>) {
        match self.session.save_path().map(Path::to_owned) {
            Some(path) if self.watch.conflicts() => {
                self.modal = Some(Modal::Conflict { path, then });
            }
            Some(path) => {
                if self.save_to(&path)
                    && let Some(then) = then
                {
                    self.continue_pending(ctx, then);
                }
            }
            None => self.request_file(ctx, FileIntent::SaveAs { then }),
        }
    }

    /// Saves to a path (atomic, keeps a .bak); errors go to a dialog.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match self.session.save_to(path) {
            Ok(()) => {
                self.remember(path);
                self.watch.track(Some(path));
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
    /// Writes the document as `target` at `path` (File ▸ Export as).
    fn export_as_to(&mut self, target: Target, path: PathBuf) {
        let title = self.session.display_name();
        match interchange::write_export(self.session.map(), &title, target, path) {
            Ok(done) => {
                if let Some(text) = done.losses_message() {
                    self.modal = Some(Modal::Warning(text));
                }
                self.notice = Some(done.notice);
            }
            Err(e) => self.modal = Some(Modal::Error(e)),
        }
    }

    fn export_to(&mut self, path: PathBuf) {
        use crate::export::{self, Format};
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

    /// Lets queued recovery copies and removals reach the disk before exit.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if let Some(a) = &mut self.autosave {
            if !self.session.is_dirty() {
                a.forget();
            }
            a.flush();
        }
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
        use crate::ui::files::with_map_extension;
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
