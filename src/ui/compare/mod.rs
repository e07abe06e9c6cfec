//! The compare window: two or more annotations of one text side by side in
//! one reading pane, the engine's agreement table and disagreement list
//! beside it, and a gold map built by taking units and relations from either
//! annotator. With "A is the answer key" the same view shows a student's
//! missed, extra and wrong-tag units with the engine's feedback.
//!
//! [`CompareView`] owns copies of the compared maps (read-only), the
//! engine's [`Report`], and the gold [`Session`]; the app holds it in an
//! `Option` and draws it instead of the normal panels while it is open.

pub mod curation;
pub mod items;
mod list;
pub mod mapdiff;
mod pane;
pub mod profiles;
pub mod scenario_diff;
mod scenario_take;
mod side;

use crate::analysis::compare::{Annotator, KeyReport, Options, Report, compare, score_against_key};
use crate::model::{ArgumentMap, Edit, Problem, TagScheme, validate};
use crate::session::Session;
use crate::ui::command::Command;
use crate::ui::files::with_map_extension;
use items::Item;
use std::path::{Path, PathBuf};

/// One compared annotation.
pub struct Annotation {
    /// Unique short name (the file's stem) used in reports.
    pub name: String,
    /// Where it was read from, if from a file.
    pub path: Option<PathBuf>,
    pub map: ArgumentMap,
}

/// What the app must do after the compare view drew a frame.
#[derive(Debug)]
pub enum Outcome {
    /// Leave compare mode.
    Close,
    /// Show this error in a dialog.
    Error(String),
    /// Leave compare mode and edit the gold map as the window's document.
    EditGold,
    /// Open this map in a tab (from side by side), or bring its tab forward.
    OpenInTab(Box<Session>),
}

/// The open comparison.
pub struct CompareView {
    annotations: Vec<Annotation>,
    report: Report,
    key_report: Option<KeyReport>,
    /// Index into `report.pairs`.
    pair: usize,
    items: Vec<Item>,
    /// How the pair's scenarios correspond, and where they differ.
    matching: scenario_diff::ScenarioMatching,
    scenario_items: Vec<scenario_diff::ScenarioItem>,
    /// The selected scenario item (a unit item and a scenario item are
    /// never selected at once).
    selected_scenario: Option<usize>,
    /// Per paragraph, the items touching it.
    by_para: Vec<Vec<usize>>,
    key_mode: bool,
    selected: Option<usize>,
    scroll_to: Option<usize>,
    only_differences: bool,
    gold: Session,
    pane: pane::Pane,
    notice: Option<String>,
    /// Save was asked for; the window asks where (see `take_save_request`).
    save_requested: bool,
    /// The map diff instead of the text.
    show_map: bool,
    /// The map diff of the pair it was built for (built on first view).
    diff: Option<(usize, mapdiff::MapDiff)>,
}

/// Commands that act on the main document's text or map, which the compare
/// window does not show: they do nothing while it is open.
fn edits_document(cmd: Command) -> bool {
    matches!(
        cmd,
        Command::Tag(_)
            | Command::DeleteSelected
            | Command::Link(_)
            | Command::GrowEnd
            | Command::ShrinkEnd
            | Command::GrowStart
            | Command::ShrinkStart
            | Command::Find
            | Command::FindNext
            | Command::FindPrevious
            | Command::ToggleLens
            | Command::ToggleMap
            | Command::FitMap
            | Command::ExportMap
    )
}

/// What the compare window shows: annotations of one text with their
/// agreement, or maps of different texts side by side with their profiles.
pub enum Comparison {
    Same(Box<CompareView>),
    Different(Box<profiles::SideBySide>),
}

impl Comparison {
    /// Compares annotations of one text; maps of different texts go side
    /// by side instead.
    pub fn new(annotations: Vec<Annotation>, key_mode: bool) -> Result<Self, String> {
        let sha = |a: &Annotation| crate::analysis::compare::text_sha256(a.map.text());
        let differ = annotations.iter().any(|a| sha(a) != sha(&annotations[0]));
        if differ && !key_mode {
            return Ok(Comparison::Different(Box::new(profiles::SideBySide::new(
                annotations,
            ))));
        }
        CompareView::new(annotations, key_mode).map(|v| Comparison::Same(Box::new(v)))
    }

    /// Opens the files at `paths`: agreement when they share a text (with
    /// `key_mode`, the first is the answer key), side by side when not.
    pub fn open(paths: &[PathBuf], key_mode: bool) -> Result<Self, String> {
        let annotations = paths.iter().map(|p| load(p)).collect::<Result<_, _>>()?;
        Self::new(annotations, key_mode)
    }

    /// The gold map, ending the comparison (for editing it in the window).
    pub fn into_gold(self) -> Option<Session> {
        match self {
            Comparison::Same(v) => Some(v.gold),
            Comparison::Different(_) => None,
        }
    }

    /// What the tab strip and the window title call it.
    pub fn title(&self) -> String {
        match self {
            Comparison::Same(v) => v.title(),
            Comparison::Different(v) => v.title(),
        }
    }

    /// The gold map being curated, whose history the toolbar's Undo shows.
    pub fn gold(&self) -> Option<&Session> {
        self.same().map(|v| &v.gold)
    }

    /// Maps of different texts side by side, when that is what is open.
    pub fn side_by_side(&self) -> Option<&profiles::SideBySide> {
        match self {
            Comparison::Same(_) => None,
            Comparison::Different(v) => Some(v),
        }
    }

    /// The agreement view, when the texts are the same.
    pub fn same(&self) -> Option<&CompareView> {
        match self {
            Comparison::Same(v) => Some(v),
            Comparison::Different(_) => None,
        }
    }

    /// Draws the view in place of the normal panels.
    pub fn show(&mut self, ui: &mut egui::Ui, font_size: f32) -> Option<Outcome> {
        match self {
            Comparison::Same(v) => v.show(ui, font_size),
            Comparison::Different(v) => v.show(ui, font_size),
        }
    }

    /// Handles a window command (see [`CompareView::run`]).
    pub fn run(&mut self, cmd: Command) -> Result<bool, String> {
        match self {
            Comparison::Same(v) => v.run(cmd),
            Comparison::Different(_) => Ok(edits_document(cmd)
                || matches!(
                    cmd,
                    Command::Undo
                        | Command::Redo
                        | Command::RedoAlt
                        | Command::Save
                        | Command::SaveAs
                )),
        }
    }
}

/// Reads a map to compare; the message names the file and the problem.
pub fn load(path: &Path) -> Result<Annotation, String> {
    let session = Session::open(path, TagScheme::argument()).map_err(|e| e.to_string())?;
    Ok(Annotation {
        name: stem(path),
        path: Some(path.to_owned()),
        map: session.map().clone(),
    })
}

fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("annotation");
    name.trim_end_matches(".ron")
        .trim_end_matches(".argmap")
        .to_owned()
}

impl CompareView {
    /// Compares `annotations` (the first is A; with `key_mode`, the answer
    /// key). Fails with a readable message when the texts differ or a map
    /// has structural problems.
    pub fn new(mut annotations: Vec<Annotation>, key_mode: bool) -> Result<Self, String> {
        for a in &annotations {
            let structural: Vec<Problem> = validate(&a.map)
                .into_iter()
                .filter(Problem::is_structural)
                .collect();
            if let Some(p) = structural.first() {
                return Err(format!("{} cannot be compared: {p}", a.name));
            }
        }
        for i in 1..annotations.len() {
            let base = annotations[i].name.clone();
            let mut n = 2;
            while annotations[..i]
                .iter()
                .any(|a| a.name == annotations[i].name)
            {
                annotations[i].name = format!("{base} ({n})");
                n += 1;
            }
        }
        let who: Vec<Annotator> = annotations
            .iter()
            .map(|a| Annotator {
                name: &a.name,
                map: &a.map,
            })
            .collect();
        let options = Options::default();
        let report = compare(&who, &options).map_err(|e| e.to_string())?;
        let key_report = score_against_key(&who[0], &who[1..], &options).ok();
        let gold = curation::new_gold(&annotations[0].map, annotations[0].path.as_deref());
        let mut view = CompareView {
            annotations,
            report,
            key_report,
            pair: 0,
            items: Vec::new(),
            matching: Default::default(),
            scenario_items: Vec::new(),
            selected_scenario: None,
            by_para: Vec::new(),
            key_mode,
            selected: None,
            scroll_to: None,
            only_differences: true,
            gold,
            pane: pane::Pane::default(),
            notice: None,
            save_requested: false,
            show_map: false,
            diff: None,
        };
        view.set_pair(0);
        Ok(view)
    }

    /// Opens the files at `paths` and compares them.
    pub fn open(paths: &[PathBuf], key_mode: bool) -> Result<Self, String> {
        let annotations = paths.iter().map(|p| load(p)).collect::<Result<_, _>>()?;
        Self::new(annotations, key_mode)
    }

    fn set_pair(&mut self, pair: usize) {
        self.pair = pair.min(self.report.pairs.len().saturating_sub(1));
        self.items = items::items(&self.report.pairs[self.pair]);
        self.by_para = items::by_paragraph(&self.items, self.annotations[0].map.source().index());
        let (a, b) = self.pair_maps();
        let matching = scenario_diff::ScenarioMatching::between(&a.map, &b.map, &self.items);
        self.scenario_items = scenario_diff::scenario_items(&a.map, &b.map, &self.items, &matching);
        self.matching = matching;
        self.selected = None;
        self.selected_scenario = None;
    }

    /// The engine's report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The items of the pair shown, in text order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The scenarios of the pair shown, paired, with their differences.
    pub fn scenario_items(&self) -> &[scenario_diff::ScenarioItem] {
        &self.scenario_items
    }

    /// The selected scenario item.
    pub fn selected_scenario(&self) -> Option<usize> {
        self.selected_scenario
    }

    /// The pair shown, with its scenario pairing, as curation takes it.
    fn sides(&self) -> curation::Sides<'_> {
        let (a, b) = self.pair_maps();
        curation::Sides {
            a: &a.map,
            b: &b.map,
            matching: &self.matching,
        }
    }

    /// The gold map being built.
    pub fn gold(&self) -> &Session {
        &self.gold
    }

    /// The status line of the compare view.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The two annotations of the pair shown.
    fn pair_maps(&self) -> (&Annotation, &Annotation) {
        let (a, b) = self.pair_indices();
        (&self.annotations[a], &self.annotations[b])
    }

    /// Positions in `annotations` of the pair shown.
    fn pair_indices(&self) -> (usize, usize) {
        let p = &self.report.pairs[self.pair];
        let find = |n: &str| {
            self.annotations
                .iter()
                .position(|a| a.name == n)
                .unwrap_or(0)
        };
        (find(&p.a), find(&p.b))
    }

    fn apply(&mut self, edit: Option<Edit>, what: &str) {
        match edit {
            Some(e) => match self.gold.apply(e) {
                Ok(()) => {
                    self.gold.seal();
                    self.notice = Some(format!("Gold map: {what}."));
                }
                Err(e) => self.notice = Some(format!("Could not {what}: {e}")),
            },
            None => self.notice = Some(format!("Gold map already has that ({what}).")),
        }
    }

    /// Adds every agreed unit and relation to the gold map in one step.
    pub fn take_all_agreed(&mut self) {
        let edit = curation::take_all_agreed(
            self.gold.map(),
            self.sides(),
            &self.items,
            &self.scenario_items,
        );
        self.apply(edit, "took all agreed units, scenarios and relations");
    }

    /// Takes item `i`'s unit from A (`from_b` false) or B into the gold map.
    pub fn take(&mut self, i: usize, from_b: bool) {
        let Some(item) = self.items.get(i) else {
            return;
        };
        let (unit, rival) = if from_b {
            (&item.b, &item.a)
        } else {
            (&item.a, &item.b)
        };
        let Some(unit) = unit else { return };
        let take = curation::take_unit(self.gold.map(), self.sides(), from_b, unit, rival.as_ref());
        let mut what = format!(
            "took {} {} from {}",
            unit.id,
            unit.tag,
            if from_b { "B" } else { "A" }
        );
        if let Some(t) = &take
            && !t.scenarios_added.is_empty()
        {
            what += &format!(" with its scenario “{}”", t.scenarios_added.join("”, “"));
        }
        self.apply(take.map(|t| t.edit), &what);
    }

    /// Takes scenario item `i` as A (`from_b` false) or B has it.
    pub fn take_scenario(&mut self, i: usize, from_b: bool) {
        let Some(item) = self.scenario_items.get(i) else {
            return;
        };
        let Some(id) = (if from_b { &item.b } else { &item.a }).clone() else {
            return;
        };
        let source = self.sides().side(from_b);
        let name = source
            .scenario(&id)
            .map_or(id.to_string(), |s| s.name.clone());
        let take = curation::take_scenario(self.gold.map(), self.sides(), from_b, &id);
        let mut what = format!(
            "took scenario “{name}” from {}",
            if from_b { "B" } else { "A" }
        );
        if let Some(t) = &take
            && t.missing_members > 0
        {
            let n = t.missing_members;
            what += &if n == 1 {
                " (1 of its units is not in the gold map yet: take it to add it)".to_owned()
            } else {
                format!(" ({n} of its units are not in the gold map yet: take them to add them)")
            };
        }
        self.apply(take.map(|t| t.edit), &what);
    }

    /// Takes relation `id` of A or B into the gold map.
    fn take_relation(&mut self, from_b: bool, id: &crate::model::RelationId) {
        let (a, b) = self.pair_maps();
        let source = if from_b { &b.map } else { &a.map };
        let Some(r) = source.relation(id) else { return };
        match curation::take_relation(self.gold.map(), source, r) {
            Ok(e) => self.apply(Some(e), &format!("took relation {id}")),
            Err(curation::TakeRelation::Present) => {
                self.notice = Some(format!("Gold map already has relation {id}."));
            }
            Err(curation::TakeRelation::MissingUnits(m)) => {
                let ids: Vec<&str> = m.iter().map(|u| u.as_str()).collect();
                self.notice = Some(format!(
                    "Take its units first: {} of {}.",
                    ids.join(", "),
                    if from_b { "B" } else { "A" }
                ));
            }
        }
    }

    /// Selects item `i` and scrolls the text to it.
    pub fn select(&mut self, i: usize) {
        if let Some(item) = self.items.get(i) {
            self.selected = Some(i);
            self.selected_scenario = None;
            self.scroll_to = Some(item.hull().start);
        }
    }

    /// Selects scenario item `i` and scrolls the text to its first member.
    pub fn select_scenario(&mut self, i: usize) {
        let Some(item) = self.scenario_items.get(i) else {
            return;
        };
        self.selected = None;
        self.selected_scenario = Some(i);
        let (a, b) = self.pair_maps();
        let first = |m: &ArgumentMap, id: &Option<crate::model::ScenarioId>| {
            id.as_ref()
                .and_then(|id| m.units_in(id).map(|u| u.start).min())
        };
        let start = [first(&a.map, &item.a), first(&b.map, &item.b)]
            .into_iter()
            .flatten()
            .min();
        if start.is_some() {
            self.scroll_to = start;
        }
    }

    /// Selects the next or previous disagreement after the selection,
    /// wrapping around, and scrolls to it.
    pub fn step(&mut self, forward: bool) {
        let n = self.items.len();
        if n == 0 {
            return;
        }
        let from = self.selected.unwrap_or(if forward { n - 1 } else { 0 });
        let next = (1..=n)
            .map(|k| {
                if forward {
                    (from + k) % n
                } else {
                    (from + n - k % n) % n
                }
            })
            .find(|&i| self.items[i].differs());
        if let Some(i) = next {
            self.select(i);
        }
    }

    /// The selected item.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Handles the window's commands while comparing: undo and redo act on
    /// the gold map, Save saves it, Escape clears the selection. Returns
    /// whether the command was used.
    pub fn run(&mut self, cmd: Command) -> Result<bool, String> {
        match cmd {
            Command::Undo => {
                self.notice = self.gold.undo().map(|l| format!("Gold map: undid {l}."));
            }
            Command::Redo | Command::RedoAlt => {
                self.notice = self.gold.redo().map(|l| format!("Gold map: redid {l}."));
            }
            Command::Save | Command::SaveAs => self.save_requested = true,
            // "Find next" steps through the differences, as in diff tools.
            Command::FindNext => self.step(true),
            Command::FindPrevious => self.step(false),
            Command::Cancel => {
                self.selected = None;
                self.selected_scenario = None;
            }
            // The rest (open, new, theme, text size, help) work as usual.
            _ => return Ok(edits_document(cmd)),
        }
        Ok(true)
    }

    /// Whether Save was asked for since the last call: the window then asks
    /// where (through its file dialogs) and calls [`CompareView::save_gold_to`].
    pub fn take_save_request(&mut self) -> bool {
        std::mem::take(&mut self.save_requested)
    }

    /// What the tab strip calls the comparison.
    pub fn title(&self) -> String {
        let (a, b) = self.pair_maps();
        if self.key_mode {
            format!("Key: {} vs {}", a.name, b.name)
        } else {
            format!("Compare: {} vs {}", a.name, b.name)
        }
    }

    /// The name a dialog suggests for the gold map.
    pub fn gold_save_name(&self) -> String {
        self.gold.suggested_save_name()
    }

    /// Saves the gold map as a new `.argmap.ron` at `path`.
    pub fn save_gold_to(&mut self, path: &std::path::Path) -> Result<(), String> {
        let path = with_map_extension(path.to_owned());
        self.gold.save_to(&path).map_err(|e| e.to_string())?;
        self.notice = Some(format!("Saved the gold map as {}.", path.display()));
        Ok(())
    }

    /// Draws the whole compare view in place of the normal panels.
    pub fn show(&mut self, ui: &mut egui::Ui, font_size: f32) -> Option<Outcome> {
        let mut out = None;
        let mut acts = Vec::new();
        side::top_bar(ui, self, &mut acts);
        side::side_panel(ui, self, &mut acts);
        if self.show_map && self.diff.as_ref().is_none_or(|(p, _)| *p != self.pair) {
            let (a, b) = self.pair_maps();
            let diff = mapdiff::build(&a.map, &b.map, &self.items);
            self.diff = Some((self.pair, diff));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.selectable_label(!self.show_map, "Text").clicked() {
                    self.show_map = false;
                }
                if ui
                    .selectable_label(self.show_map, "Map diff")
                    .on_hover_text("Both annotations as one argument map, coloured by agreement")
                    .clicked()
                {
                    self.show_map = true;
                }
            });
            if self.show_map {
                if let Some((_, diff)) = &self.diff
                    && let Some(i) = mapdiff::show(ui, diff, self.selected)
                {
                    acts.push(side::Act::Select(i, true));
                }
                return;
            }
            let (ia, ib) = self.pair_indices();
            let scroll_to = self.scroll_to.take();
            let (a, b) = (&self.annotations[ia], &self.annotations[ib]);
            let look = pane::Look {
                text: &a.map,
                a: &a.map,
                b: &b.map,
                gold: self.gold.map(),
                items: &self.items,
                by_para: &self.by_para,
                selected: self.selected,
                scroll_to,
                font_size,
                key: self.key_mode,
            };
            if let Some(i) = self.pane.show(ui, &look) {
                acts.push(side::Act::Select(i, false));
            }
        });
        for act in acts {
            match act {
                side::Act::Select(i, scroll) => {
                    self.selected = Some(i);
                    self.selected_scenario = None;
                    if scroll {
                        self.select(i);
                    }
                }
                side::Act::Pair(p) => self.set_pair(p),
                side::Act::KeyMode(k) => {
                    self.key_mode = k;
                    if k {
                        self.set_pair(0);
                    }
                }
                side::Act::OnlyDifferences(v) => self.only_differences = v,
                side::Act::Take(i, from_b) => self.take(i, from_b),
                side::Act::TakeRelation(from_b, id) => self.take_relation(from_b, &id),
                side::Act::TakeAllAgreed => self.take_all_agreed(),
                side::Act::SelectScenario(i) => self.select_scenario(i),
                side::Act::TakeScenario(i, from_b) => self.take_scenario(i, from_b),
                side::Act::Step(forward) => self.step(forward),
                side::Act::Run(cmd) => {
                    if let Err(e) = self.run(cmd) {
                        out = Some(Outcome::Error(e));
                    }
                }
                side::Act::Close => out = Some(Outcome::Close),
                side::Act::EditGold => out = Some(Outcome::EditGold),
            }
        }
        out
    }
}
