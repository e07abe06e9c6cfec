//! The application window: holds the open [`Document`]s (one per tab) and
//! the compare view, the menus, dialogs and preferences; draws the front
//! tab and applies the [`Action`]s its panels emit after each frame.
//! Everything that concerns one document alone lives in [`Document`].

use super::command::Command;
use super::compare::{self, CompareView, Comparison};
use super::document::{DocId, Document};
use super::file_dialog::{DialogResult, FileDialog};
use super::files::{FilePicker, PickKind, PickOutcome, PickRequest, Purpose, default_picker};
use super::state::{Action, LeftTab, View};
use super::text_pane::TextPane;
use super::watch::{BannerAnswer, External};
use super::{chrome, dialogs, interchange, recovery_prompt, tabs, watch};
use crate::analysis::lens::Lexicon;
use crate::io::formats::Target;
use crate::io::recovery::{self, Autosaver, RecoveredFrom, RecoveryEntry};
use crate::model::{Edit, TagScheme};
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

/// What to do once a document's unsaved changes are dealt with (saved, or
/// deliberately discarded).
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Close the window (each unsaved tab is asked about in turn).
    Quit,
    /// Close this tab.
    Close(DocId),
    /// Read this tab's file again from disk, dropping its unsaved edits.
    Reload(DocId),
    /// End the comparison (its gold map has unsaved curation).
    CloseCompare,
    /// Pick maps for a new comparison, which replaces the open one.
    CompareWith,
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
    /// Save the compare view's gold map there, then carry on with `then`.
    SaveGold { then: Option<Pending> },
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
    /// The open documents, in tab order; never empty.
    docs: Vec<Document>,
    /// The tab shown (an index into `docs`).
    active: usize,
    /// The id the next opened document gets.
    next_id: DocId,
    pub prefs: Prefs,
    /// A cue lexicon given on the command line, used instead of the built-in one.
    lexicon: Option<Arc<Lexicon>>,
    modal: Option<Modal>,
    picker: Box<dyn FilePicker>,
    /// A short message for the status bar ("Saved", "Undid add unit").
    notice: Option<String>,
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
    /// Writes every document's recovery copies (off in tests unless enabled).
    saver: Option<Arc<Autosaver>>,
    /// Recovery files of sessions that ended without saving, shown in a prompt.
    recovery_offer: Vec<RecoveryEntry>,
    /// The compare view, a tab of its own while open.
    compare: Option<Comparison>,
    /// The compare tab is in front (else the active document); only
    /// meaningful while `compare` is open (see [`Self::is_comparing`]).
    comparing: bool,
    /// Copies the compare view's unsaved gold map, like a document's work.
    gold_autosave: Option<crate::autosave::Autosave>,
}

impl ArgmarkApp {
    /// A window on `session`, with native dialogs and default preferences.
    pub fn new(session: Session) -> Self {
        Self {
            docs: vec![Document::new(0, session, None, LeftTab::default())],
            active: 0,
            next_id: 1,
            prefs: Prefs::default(),
            lexicon: None,
            modal: None,
            picker: default_picker(false),
            notice: None,
            allow_close: false,
            title: String::new(),
            theme_applied: None,
            file_dialog: None,
            builtin_dialogs: false,
            builtin_note: None,
            last_dir: None,
            saver: None,
            recovery_offer: Vec::new(),
            compare: None,
            comparing: false,
            gold_autosave: None,
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
                for doc in &mut self.docs {
                    doc.analysis =
                        super::analysis_view::AnalysisView::with_lexicon(self.lexicon.clone());
                }
                self.notice = Some(format!("Using the cue lexicon {}.", path.display()));
            }
            Err(e) => self.modal = Some(Modal::Error(e.to_string())),
        }
    }

    /// Copies unsaved work of every open document into recovery files in
    /// `dir`, and offers the copies that sessions which ended without saving left there.
    pub fn enable_recovery(&mut self, dir: PathBuf) {
        self.recovery_offer = recovery::list(&dir);
        let saver = Arc::new(Autosaver::start(dir));
        for doc in &mut self.docs {
            doc.autosave_with(saver.clone());
        }
        self.saver = Some(saver);
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
        if let Some(s) = &self.saver {
            s.flush();
        }
    }

    /// How often open files are checked for outside changes (tests use zero).
    pub fn set_disk_poll_interval(&mut self, interval: std::time::Duration) {
        for doc in &mut self.docs {
            doc.watch.set_interval(interval);
        }
    }

    /// What the external-change banner of the front document says, if shown.
    pub fn external_change(&self) -> Option<&External> {
        self.doc().watch.external.as_ref()
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

    /// The front document's session.
    pub fn session(&self) -> &Session {
        &self.doc().session
    }

    /// What is selected and scrolled in the front document.
    pub fn view(&self) -> &View {
        &self.doc().view
    }

    /// The front document's view, to set up a test's starting point.
    pub fn view_mut(&mut self) -> &mut View {
        &mut self.doc_mut().view
    }

    /// The open documents, in tab order.
    pub fn documents(&self) -> &[Document] {
        &self.docs
    }

    /// The front document's index among [`Self::documents`].
    pub fn active_index(&self) -> usize {
        self.active
    }

    /// The documents read side by side, when maps of different texts are compared.
    pub fn comparison_documents(&self) -> &[Document] {
        self.compare
            .as_ref()
            .and_then(Comparison::side_by_side)
            .map_or(&[], |s| s.documents())
    }

    /// Whether the compare tab is in front.
    pub fn is_comparing(&self) -> bool {
        self.comparing && self.compare.is_some()
    }

    /// The dialog currently shown.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The analyses shown (lens reading, checks), for tests and benches.
    pub fn analysis(&self) -> &super::analysis_view::AnalysisView {
        &self.doc().analysis
    }

    /// The text pane, for tests that need screen positions of text.
    pub fn text_pane(&self) -> &TextPane {
        &self.doc().text_pane
    }

    /// Screen centre of a map node in the last frame (tests drive the map with it).
    pub fn map_center_of(&mut self, id: &str) -> Option<egui::Pos2> {
        let doc = self.doc_mut();
        doc.map_pane.screen_center_of(&doc.session, id)
    }

    /// Whether no background work (map layout, checks) is pending, so the
    /// frames show the current revision (benches wait for it).
    pub fn is_settled(&self) -> bool {
        let doc = self.doc();
        !doc.map_pane.is_pending() && !doc.analysis.is_pending()
    }

    /// The status-bar message.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    fn doc(&self) -> &Document {
        &self.docs[self.active]
    }

    fn doc_mut(&mut self) -> &mut Document {
        &mut self.docs[self.active]
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
        let mut actions: Vec<Action> = Vec::new();
        let blocked =
            self.modal.is_some() || self.file_dialog.is_some() || !self.recovery_offer.is_empty();
        if !blocked {
            actions.extend(Command::pressed(&ctx).into_iter().map(Action::Run));
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Equals)) {
                actions.push(Action::Run(Command::TextBigger));
            }
            let dropped = ctx.input(|i| i.raw.dropped_files.clone());
            for file in dropped {
                let path = file.path();
                if !path.as_os_str().is_empty() {
                    actions.push(Action::OpenPath(path.to_owned()));
                }
            }
        }
        let doc = &self.docs[self.active];
        // While comparing, Undo and Save act on the gold map.
        let shown = match self.compare.as_ref().and_then(Comparison::gold) {
            Some(gold) if self.is_comparing() => gold,
            _ => &doc.session,
        };
        chrome::menu_bar(
            ui,
            shown,
            &self.prefs,
            &doc.view,
            self.is_comparing(),
            &mut actions,
        );
        let tab_list = tabs::TabList {
            documents: self.docs.iter().map(Document::tab_title).collect(),
            active: self.active,
            compare: self.compare.as_ref().map(Comparison::title),
            comparing: self.is_comparing(),
        };
        if let Some(pick) = tabs::strip(ui, &tab_list) {
            self.pick_tab(&ctx, pick);
        }
        if self.is_comparing() {
            self.draw_compare(ui);
        } else {
            self.draw_document(ui, &mut actions);
        }
        let doc = &mut self.docs[self.active];
        if doc.view.help_open {
            dialogs::help(&ctx, doc.session.map().scheme(), &mut doc.view.help_open);
        }
        self.draw_dialogs(&ctx);
        for action in actions {
            self.apply(&ctx, action);
        }
        self.doc_mut().refresh_find();
        self.update_title(&ctx);
        self.keep_safe(&ctx);
    }

    /// The front document: status bar, outside-change banner and its panels.
    fn draw_document(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let doc = &mut self.docs[self.active];
        doc.prepare(ui.ctx(), &self.prefs);
        chrome::status_bar(
            ui,
            &doc.session,
            &doc.analysis,
            self.notice.as_deref(),
            &doc.view,
        );
        if let Some(external) = doc.watch.external.clone() {
            let name = doc
                .watch
                .name()
                .unwrap_or_else(|| doc.session.display_name());
            match watch::banner(ui, &external, &name, doc.session.is_dirty()) {
                Some(BannerAnswer::Reload) => {
                    doc.watch.external = None;
                    actions.push(Action::Run(Command::Reload));
                }
                Some(BannerAnswer::KeepMine) => doc.watch.keep_mine(),
                None => {}
            }
        }
        if doc.session.is_dirty()
            && let Some(e) = doc.autosave_error()
        {
            chrome::autosave_banner(ui, e, actions);
        }
        if !doc.fonts.dismissed
            && let Some(missing) = doc.fonts.missing(ui.ctx())
            && chrome::fonts_banner(ui, &missing.message())
        {
            doc.fonts.dismissed = true;
        }
        doc.draw(ui, &self.prefs, actions);
    }

    /// Brings a tab to the front, or closes one (asking about unsaved work).
    fn pick_tab(&mut self, ctx: &egui::Context, pick: tabs::Pick) {
        match pick {
            tabs::Pick::Document(i) if i < self.docs.len() => {
                self.active = i;
                self.comparing = false;
            }
            tabs::Pick::Compare => self.comparing = self.compare.is_some(),
            tabs::Pick::CloseDocument(i) if i < self.docs.len() => {
                let id = self.docs[i].id();
                self.active = i;
                self.comparing = false;
                self.guard_unsaved(ctx, Pending::Close(id));
            }
            tabs::Pick::CloseCompare => {
                self.comparing = self.compare.is_some();
                self.guard_gold(ctx, Pending::CloseCompare);
            }
            _ => {}
        }
    }

    /// The modal prompt, Argmark's own file dialog or the recovery prompt:
    /// at most one at a time, in that order.
    fn draw_dialogs(&mut self, ctx: &egui::Context) {
        if let Some(modal) = self.modal.clone() {
            let about = match self.unsaved_gold() {
                Some(gold) if self.is_comparing() => match gold.save_path() {
                    Some(_) => format!("the gold map {}", gold.display_name()),
                    None => "the gold map".to_owned(),
                },
                _ => self.doc().session.display_name(),
            };
            if let Some(answer) = dialogs::modal(ctx, &modal, &about) {
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

    /// Autosave and the outside-change check of every open document: cheap
    /// per frame, and the window is woken when either is next due.
    fn keep_safe(&mut self, ctx: &egui::Context) {
        let now = std::time::Instant::now();
        let mut wake: Option<std::time::Duration> = None;
        for doc in &mut self.docs {
            let tick = doc.keep_safe(now);
            if let Some(d) = tick.wake {
                wake = Some(wake.map_or(d, |w| w.min(d)));
            }
            if let Some(n) = tick.notice {
                self.notice = Some(n);
            }
            if tick.repaint {
                // Show (or hide) the banner now, not at the next event.
                ctx.request_repaint();
            }
        }
        if let Some(gold) = self.compare.as_ref().and_then(Comparison::gold)
            && let Some(saver) = &self.saver
        {
            let a = self
                .gold_autosave
                .get_or_insert_with(|| crate::autosave::Autosave::with_saver(saver.clone()));
            if let Some(d) = a.tick(gold, now) {
                wake = Some(wake.map_or(d, |w| w.min(d)));
            }
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
                self.recover(entry);
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

    /// Opens recovered work in a tab of its own.
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
        self.show_new(Session::recovered(map, origin));
        let doc = self.doc_mut();
        if let Some(a) = &mut doc.autosave {
            a.adopt(&entry, &doc.session);
        }
        self.notice = Some(format!(
            "Recovered {} ({} units, copied {}). Save to keep it.",
            entry.header.name,
            self.session().map().units().len(),
            entry.ago()
        ));
    }

    /// Draws the compare view (see [`super::compare`]) under the menu bar.
    fn draw_compare(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let outcome = match self.compare.as_mut() {
            Some(view) => view.show(ui, self.prefs.text_size),
            None => None,
        };
        match outcome {
            Some(compare::Outcome::Close) => self.guard_gold(&ctx, Pending::CloseCompare),
            Some(compare::Outcome::Error(e)) => self.modal = Some(Modal::Error(e)),
            Some(compare::Outcome::EditGold) => self.edit_gold(),
            Some(compare::Outcome::OpenInTab(session)) => self.open_session(*session),
            None => {}
        }
        if let Some(Comparison::Same(view)) = self.compare.as_mut()
            && view.take_save_request()
        {
            self.request_file(&ctx, FileIntent::SaveGold { then: None });
        }
    }

    /// The gold map being curated, when it has unsaved changes.
    fn unsaved_gold(&self) -> Option<&Session> {
        self.compare
            .as_ref()
            .and_then(Comparison::gold)
            .filter(|g| g.is_dirty())
    }

    /// Runs `then` now, or first asks about the gold map's unsaved curation
    /// (bringing the compare tab forward).
    fn guard_gold(&mut self, ctx: &egui::Context, then: Pending) {
        if self.unsaved_gold().is_some() {
            self.comparing = true;
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.continue_pending(ctx, then);
        }
    }

    /// Ends the comparison (its gold map was saved, opened in a tab or
    /// deliberately discarded by now).
    fn close_compare(&mut self) {
        if let Some(mut a) = self.gold_autosave.take() {
            a.forget();
        }
        self.compare = None;
        self.comparing = false;
    }

    /// Opens the compare view on prepared annotations (the first is A), as
    /// a tab in front; a comparison open before ends (its gold map was
    /// asked about, see `compare_with`).
    pub fn open_compare(&mut self, view: Comparison) {
        if let Some(mut a) = self.gold_autosave.take() {
            a.forget();
        }
        self.compare = Some(view);
        self.comparing = true;
    }

    /// The compare view, if open on annotations of one text.
    pub fn compare_view(&self) -> Option<&CompareView> {
        self.compare.as_ref().and_then(Comparison::same)
    }

    /// Moves the compare view's gold map into a tab of its own, to edit
    /// freely; the comparison ends.
    fn edit_gold(&mut self) {
        let Some(gold) = self.compare.take().and_then(Comparison::into_gold) else {
            return;
        };
        // The tab copies it from now on.
        if let Some(mut a) = self.gold_autosave.take() {
            a.forget();
        }
        self.comparing = false;
        self.show_new(gold);
        self.notice = Some("Editing the gold map; Save asks where to put it.".into());
    }

    /// File ▸ Compare with…: this document against maps the user picks.
    fn compare_with(&mut self, paths: &[PathBuf]) {
        let session = self.session();
        let name = session.suggested_save_name();
        let mut all = vec![compare::Annotation {
            name: name
                .trim_end_matches(".ron")
                .trim_end_matches(".argmap")
                .to_owned(),
            path: session.save_path().map(Path::to_owned),
            map: session.map().clone(),
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
            Ok(view) => self.open_compare(view),
            Err(e) => self.modal = Some(Modal::Error(e)),
        }
    }

    /// Handles the window close button: asks about unsaved changes first.
    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && (self.docs.iter().any(|d| d.session.is_dirty()) || self.unsaved_gold().is_some())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.quit(ctx);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = if self.is_comparing() {
            let name = self.compare.as_ref().map(Comparison::title);
            format!("{} — Argmark", name.unwrap_or_default())
        } else {
            format!("{} — Argmark", self.doc().tab_title())
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Applies one action: the window's own here, the rest by the front document.
    pub fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(cmd) => self.run(ctx, cmd),
            Action::OpenPath(path) => self.open_path(&path),
            Action::SwitchScheme(name) => self.switch_scheme(&name),
            other => {
                if self.is_comparing() {
                    // The compare tab's panels act on their own state.
                    return;
                }
                if let Some(said) = self.doc_mut().apply(other) {
                    self.notice = Some(said);
                }
            }
        }
    }

    /// Runs a named command.
    pub fn run(&mut self, ctx: &egui::Context, cmd: Command) {
        if self.is_comparing()
            && let Some(view) = self.compare.as_mut()
        {
            match view.run(cmd) {
                Ok(true) => {
                    if let Comparison::Same(view) = view
                        && view.take_save_request()
                    {
                        self.request_file(ctx, FileIntent::SaveGold { then: None });
                    }
                    return;
                }
                Ok(false) => {}
                Err(e) => return self.modal = Some(Modal::Error(e)),
            }
        }
        match cmd {
            Command::NewFromText => self.request_file(ctx, FileIntent::Open(PickKind::Text)),
            Command::Open | Command::Import => {
                self.request_file(ctx, FileIntent::Open(PickKind::Any));
            }
            Command::Save => self.save_then(ctx, None),
            Command::SaveAs => self.request_file(ctx, FileIntent::SaveAs { then: None }),
            Command::Quit => self.quit(ctx),
            Command::CloseTab if self.is_comparing() => self.guard_gold(ctx, Pending::CloseCompare),
            Command::CloseTab => {
                let id = self.doc().id();
                self.guard_unsaved(ctx, Pending::Close(id));
            }
            Command::NextTab | Command::PreviousTab => self.step_tab(cmd == Command::NextTab),
            Command::Reload => {
                let id = self.doc().id();
                self.guard_unsaved(ctx, Pending::Reload(id));
            }
            Command::RecoverWork => self.offer_recovery(),
            Command::TextBigger => self.prefs.text_size = (self.prefs.text_size + 1.0).min(32.0),
            Command::TextSmaller => self.prefs.text_size = (self.prefs.text_size - 1.0).max(11.0),
            Command::ToggleTheme => self.prefs.dark = !self.prefs.dark,
            Command::ToggleLens => self.prefs.lens = !self.prefs.lens,
            Command::ToggleMap => self.prefs.map = !self.prefs.map,
            Command::ExportMap => self.request_file(ctx, FileIntent::Export),
            Command::ExportAs(target) => self.request_file(ctx, FileIntent::ExportAs(target)),
            Command::CompareWith => self.guard_gold(ctx, Pending::CompareWith),
            _ if self.is_comparing() => {
                // Help and Esc still work on the compare tab.
                if matches!(cmd, Command::Help | Command::Cancel) {
                    self.doc_mut().run(cmd);
                }
            }
            _ => {
                if let Some(said) = self.doc_mut().run(cmd) {
                    self.notice = Some(said);
                }
            }
        }
    }

    /// Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, the compare tab last.
    fn step_tab(&mut self, forward: bool) {
        let n = self.docs.len() + usize::from(self.compare.is_some());
        let here = if self.is_comparing() {
            self.docs.len()
        } else {
            self.active
        };
        let next = if forward {
            (here + 1) % n
        } else {
            (here + n - 1) % n
        };
        if next == self.docs.len() {
            self.comparing = true;
        } else {
            self.comparing = false;
            self.active = next;
        }
    }

    fn switch_scheme(&mut self, name: &str) {
        let Some(scheme) = TagScheme::builtin(name) else {
            return;
        };
        self.prefs.scheme = name.to_owned();
        let map = self.session().map();
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
        if let Err(e) = self.doc_mut().edit(Edit::Batch(batch)) {
            self.notice = Some(e);
        }
    }

    /// Runs `then` now, or first asks about the front document's unsaved changes.
    fn guard_unsaved(&mut self, ctx: &egui::Context, then: Pending) {
        if self.session().is_dirty() {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.continue_pending(ctx, then);
        }
    }

    /// Quit: asks about each document with unsaved changes in turn (bringing
    /// it to the front), then closes the window.
    fn quit(&mut self, ctx: &egui::Context) {
        if let Some(i) = self.docs.iter().position(|d| d.session.is_dirty()) {
            self.active = i;
            self.comparing = false;
            self.modal = Some(Modal::Unsaved(Pending::Quit));
            return;
        }
        if self.unsaved_gold().is_some() {
            self.comparing = true;
            self.modal = Some(Modal::Unsaved(Pending::Quit));
            return;
        }
        // Saved or deliberately discarded: no recovery copy to leave.
        for doc in &mut self.docs {
            doc.forget_recovery();
        }
        if let Some(a) = &mut self.gold_autosave {
            a.forget();
        }
        self.flush_autosave();
        self.allow_close = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    fn answer_modal(&mut self, ctx: &egui::Context, modal: Modal, answer: dialogs::Answer) {
        use dialogs::Answer;
        match (modal, answer) {
            // Asked about the gold map (the compare tab is in front).
            (Modal::Unsaved(pending), Answer::Save)
                if self.is_comparing() && self.unsaved_gold().is_some() =>
            {
                self.request_file(
                    ctx,
                    FileIntent::SaveGold {
                        then: Some(pending),
                    },
                );
            }
            (Modal::Unsaved(Pending::Quit), Answer::Discard)
                if self.is_comparing() && self.unsaved_gold().is_some() =>
            {
                self.close_compare();
                self.quit(ctx);
            }
            (Modal::Unsaved(pending), Answer::Save) => self.save_then(ctx, Some(pending)),
            (Modal::Unsaved(Pending::Quit), Answer::Discard) => {
                // This document's changes go with its tab; then the next one.
                let id = self.doc().id();
                self.close_document(id);
                self.quit(ctx);
            }
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
        let Some(s) = &self.saver else {
            self.notice = Some("Recovery copies are off in this window.".into());
            return;
        };
        // Our own copies are locked by us, so they are not listed.
        self.recovery_offer = recovery::list(s.dir());
        if self.recovery_offer.is_empty() {
            self.notice = Some(format!(
                "No unsaved work to recover in {}.",
                s.dir().display()
            ));
        }
    }

    /// The dialog question for `intent`, starting beside the open document.
    fn pick_request(&self, intent: &FileIntent) -> PickRequest {
        let session = self.session();
        let beside = match session.origin() {
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
                name: session.suggested_save_name(),
            },
            FileIntent::Export => {
                let base = session.suggested_save_name();
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
            FileIntent::SaveGold { .. } => PickRequest {
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
                name: interchange::suggested_name(&session.suggested_save_name(), *target),
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
            FileIntent::SaveGold { then } => {
                if let Some(Comparison::Same(view)) = self.compare.as_mut() {
                    match view.save_gold_to(&path) {
                        Ok(()) => {
                            if let Some(then) = then {
                                self.continue_pending(ctx, then);
                            }
                        }
                        Err(e) => self.modal = Some(Modal::Error(e)),
                    }
                }
            }
        }
    }

    /// Carries on once unsaved changes were saved or deliberately discarded.
    fn continue_pending(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::Quit => self.quit(ctx),
            Pending::Close(id) => self.close_document(id),
            Pending::Reload(id) => self.reload(id),
            Pending::CloseCompare => self.close_compare(),
            Pending::CompareWith => self.request_file(ctx, FileIntent::CompareWith),
        }
    }

    /// The tab showing the map file at `path`, if one does.
    fn tab_of(&self, path: &Path) -> Option<usize> {
        let wanted = std::fs::canonicalize(path).ok()?;
        self.docs.iter().position(|d| {
            d.session
                .save_path()
                .is_some_and(|p| std::fs::canonicalize(p).ok().as_ref() == Some(&wanted))
        })
    }

    /// Shows a session in a new tab, or brings forward the tab that has its
    /// file open already.
    fn open_session(&mut self, session: Session) {
        match session.save_path().and_then(|p| self.tab_of(p)) {
            Some(i) => {
                self.active = i;
                self.comparing = false;
            }
            None => self.show_new(session),
        }
    }

    /// Opens a file in a new tab (in place of the untouched example; a file
    /// open already comes to the front). On failure shows why and changes nothing.
    pub fn open_path(&mut self, path: &Path) {
        if let Some(i) = self.tab_of(path) {
            self.active = i;
            self.comparing = false;
            self.notice = Some(format!(
                "{} is open already (Reload in the File menu reads it again from disk).",
                path.display()
            ));
            return;
        }
        if let Some(session) = self.read(path) {
            self.show_new(session);
            self.notice = Some(format!("Opened {}.", path.display()));
        }
    }

    /// Reads a file as a session, with its problems and import losses in a
    /// warning; `None` (and an error dialog) when it cannot be opened.
    fn read(&mut self, path: &Path) -> Option<Session> {
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
                self.remember(path);
                if let Some(text) = interchange::import_message(path, &import_warnings) {
                    self.modal = Some(Modal::Warning(match self.modal.take() {
                        Some(Modal::Warning(problems)) => format!("{text}\n{problems}"),
                        _ => text,
                    }));
                }
                Some(session)
            }
            Err(e) => {
                self.modal = Some(Modal::Error(e.to_string()));
                None
            }
        }
    }

    /// Shows `session` in a new tab in front, or in place of the untouched example.
    fn show_new(&mut self, session: Session) {
        let doc = self.new_document(session);
        if self.doc().is_untouched_example() {
            self.docs[self.active] = doc;
        } else {
            self.docs.push(doc);
            self.active = self.docs.len() - 1;
        }
        self.comparing = false;
    }

    /// A tab's document on `session`: the next id, the window's lexicon and
    /// autosave worker, the front tab's left-panel tab and disk-poll interval.
    fn new_document(&mut self, session: Session) -> Document {
        let front = self.doc();
        let (left_tab, interval) = (front.view.left_tab, front.watch.interval());
        let mut doc = Document::new(self.next_id, session, self.lexicon.clone(), left_tab);
        self.next_id += 1;
        if let Some(s) = &self.saver {
            doc.autosave_with(s.clone());
        }
        doc.watch.set_interval(interval);
        doc
    }

    /// Reads a tab's file again, in place (its unsaved edits were dealt with).
    fn reload(&mut self, id: DocId) {
        let Some(i) = self.docs.iter().position(|d| d.id() == id) else {
            return;
        };
        let Some(path) = self.docs[i].session.save_path().map(Path::to_owned) else {
            self.notice = Some("This document has no file to reload from yet.".into());
            return;
        };
        if let Some(session) = self.read(&path) {
            let old = &mut self.docs[i];
            old.forget_recovery();
            let mut doc = Document::new(id, session, self.lexicon.clone(), old.view.left_tab);
            doc.autosave = old.autosave.take();
            doc.watch.set_interval(old.watch.interval());
            self.docs[i] = doc;
            self.notice = Some(format!("Reloaded {}.", path.display()));
        }
    }

    /// Closes a tab whose work was saved or deliberately discarded (its
    /// recovery copy goes); the last tab closed leaves the example.
    fn close_document(&mut self, id: DocId) {
        let Some(i) = self.docs.iter().position(|d| d.id() == id) else {
            return;
        };
        let example = (self.docs.len() == 1).then(|| self.new_document(Session::example()));
        let mut doc = self.docs.remove(i);
        doc.forget_recovery();
        self.docs.extend(example);
        if self.active > i || self.active >= self.docs.len() {
            self.active = self.active.saturating_sub(1).min(self.docs.len() - 1);
        }
        self.notice = Some(format!("Closed {}.", doc.session.display_name()));
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
        match self.session().save_path().map(Path::to_owned) {
            Some(path) if self.doc_mut().watch.conflicts() => {
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

    /// Saves the front document to a path (atomic, keeps a .bak); errors go to a dialog.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let doc = self.doc_mut();
        match doc.session.save_to(path) {
            Ok(()) => {
                doc.watch.track(Some(path));
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

    /// Writes the document as `target` at `path` (File ▸ Export as).
    fn export_as_to(&mut self, target: Target, path: PathBuf) {
        let session = self.session();
        let title = session.display_name();
        match interchange::write_export(session.map(), &title, target, path) {
            Ok(done) => {
                if let Some(text) = done.losses_message() {
                    self.modal = Some(Modal::Warning(text));
                }
                self.notice = Some(done.notice);
            }
            Err(e) => self.modal = Some(Modal::Error(e)),
        }
    }

    /// Writes the map as SVG or PNG (by the extension chosen).
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
        let session = self.session();
        let title = session.display_name();
        let options = crate::graph::LayoutOptions::default();
        let result = export::render(session.map(), &options, format, &title)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|bytes| export::write_file(&path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => self.notice = Some(format!("Exported the map to {}.", path.display())),
            Err(e) => self.modal = Some(Modal::Error(e)),
        }
    }
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
        for doc in &mut self.docs {
            if !doc.session.is_dirty() {
                doc.forget_recovery();
            }
        }
        if self.unsaved_gold().is_none()
            && let Some(a) = &mut self.gold_autosave
        {
            a.forget();
        }
        self.flush_autosave();
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

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
