//! What the window shows besides the document: selection, pending link,
//! find, filters. Panels read it and emit [`Action`]s; only the app mutates it.

use super::command::Command;
use crate::model::{Edit, RelationId, RelationKind, ScenarioId, UnitId};
use std::ops::Range;
use std::path::PathBuf;

/// A mouse selection in the text, in char offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSelection {
    pub anchor: usize,
    pub head: usize,
    /// Alt was held: keep exact characters instead of snapping to words.
    pub exact: bool,
}

impl TextSelection {
    /// The selected chars, ordered.
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }
}

/// A relation being made: sources chosen, target still to be clicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkDraft {
    pub kind: RelationKind,
    pub sources: Vec<UnitId>,
}

/// The tabs of the left panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LeftTab {
    #[default]
    Units,
    Scenarios,
    Checks,
    Suggestions,
    Document,
}

/// The search box state.
#[derive(Clone, Debug, Default)]
pub struct Find {
    pub open: bool,
    pub query: String,
    /// Char ranges of all matches of `query`.
    pub matches: Vec<Range<usize>>,
    pub current: usize,
    /// The query `matches` were computed for.
    pub searched: String,
    /// Focus the field on the next frame.
    pub focus: bool,
}

/// Window state that is not part of the document.
#[derive(Clone, Debug, Default)]
pub struct View {
    /// Selected units; the last one is shown in the inspector.
    pub selected: Vec<UnitId>,
    pub text_selection: Option<TextSelection>,
    pub link: Option<LinkDraft>,
    /// Scroll the text so this char is visible on the next frame.
    pub scroll_to: Option<usize>,
    pub left_tab: LeftTab,
    /// Units list filter: tag name.
    pub filter_tag: Option<String>,
    /// Units list filter: scenario (`Some(None)` = units in no scenario).
    pub filter_scenario: Option<Option<ScenarioId>>,
    pub find: Find,
    pub help_open: bool,
    /// A relation picked on the map (Delete removes it).
    pub selected_relation: Option<RelationId>,
}

impl View {
    /// The unit the inspector shows.
    pub fn primary(&self) -> Option<&UnitId> {
        self.selected.last()
    }
}

/// Something a panel asks the app to do after the frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Run(Command),
    Edit(Edit),
    /// End a run of merged edits (a field lost focus, a drag ended).
    Seal,
    /// A unit was clicked: completes a pending link, else selects it
    /// (`add`: Ctrl+click adds to the selection).
    ClickUnit {
        unit: UnitId,
        add: bool,
    },
    /// Select a unit and bring it into view.
    Reveal(UnitId),
    ClearSelection,
    SetTextSelection(Option<TextSelection>),
    /// Link the selected units as sources of a new relation whose target
    /// is the next unit clicked.
    StartLink(RelationKind),
    /// Create a scenario and put the unit in it.
    NewScenarioFor(UnitId),
    OpenPath(PathBuf),
    SwitchScheme(String),
    SetFilters {
        tag: Option<String>,
        scenario: Option<Option<ScenarioId>>,
    },
    SetLeftTab(LeftTab),
    ScrollToChar(usize),
    /// Pick (or clear) a relation, e.g. by clicking its edge on the map.
    SelectRelation(Option<RelationId>),
    /// Make a relation whose ends are already known (drawn on the map).
    AddRelation {
        kind: RelationKind,
        sources: Vec<UnitId>,
        target: UnitId,
    },
    /// A short message for the status bar.
    Notice(String),
}
