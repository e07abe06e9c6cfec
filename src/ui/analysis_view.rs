//! The window's view of the analyses: the speculation lens reading (once per
//! text), and checks and suggestions (once per revision of the map).

use crate::analysis::checks::{self, Findings, SpeculativeDependency, Summary};
use crate::analysis::lens::{self, Lexicon, SentenceReading, Suggestion};
use crate::model::UnitId;
use crate::session::Session;
use std::collections::HashMap;
use std::sync::Arc;

/// Analyses of the open document, recomputed only when it changes.
#[derive(Default)]
pub struct AnalysisView {
    /// The cue lexicon the lens reads with; `None` is the built-in one.
    lexicon: Option<Arc<Lexicon>>,
    readings: Option<Arc<Vec<SentenceReading>>>,
    revision: u64,
    findings: Option<Findings>,
    suggestions: Vec<Suggestion>,
    summary: Option<Summary>,
    /// Units per tag name, for the status bar.
    tag_counts: HashMap<String, usize>,
    /// Share of the text per role, exactly as `argmark stats` reports it.
    coverage: Vec<(&'static str, f64)>,
    /// The selected unit's speculative ground, with the revision it is for.
    selected: Option<(u64, UnitId, Option<SpeculativeDependency>)>,
}

impl AnalysisView {
    /// Analyses that read with `lexicon` instead of the built-in one.
    pub fn with_lexicon(lexicon: Option<Arc<Lexicon>>) -> Self {
        Self {
            lexicon,
            ..Self::default()
        }
    }

    /// Brings the checks up to date with the session; reads the text with
    /// the lens the first time `with_lens` is asked for.
    pub fn refresh(&mut self, session: &Session, with_lens: bool) {
        if with_lens && self.readings.is_none() {
            let lexicon = self
                .lexicon
                .as_deref()
                .unwrap_or_else(|| Lexicon::builtin());
            self.readings = Some(Arc::new(lens::read_map(session.map(), lexicon)));
            self.revision = 0;
        }
        if self.revision == session.structure_revision() && self.findings.is_some() {
            return;
        }
        let map = session.map();
        self.findings = Some(checks::check(map));
        self.coverage = crate::analysis::stats(map).coverage.into_iter().collect();
        self.tag_counts.clear();
        for u in map.units() {
            *self.tag_counts.entry(u.kind.clone()).or_default() += 1;
        }
        if let Some(readings) = &self.readings {
            self.suggestions = lens::suggestions(map, readings);
            self.summary = Some(checks::summary(map, readings));
        }
        self.revision = session.structure_revision();
    }

    /// Works out what the selected unit rests on, once per selection and revision.
    pub fn select(&mut self, session: &Session, unit: Option<&UnitId>) {
        let Some(unit) = unit else {
            self.selected = None;
            return;
        };
        let fresh = self
            .selected
            .as_ref()
            .is_some_and(|(rev, u, _)| *rev == session.structure_revision() && u == unit);
        if !fresh {
            let deps = checks::speculative_dependencies(session.map(), unit);
            self.selected = Some((session.structure_revision(), unit.clone(), deps));
        }
    }

    /// What the selected unit rests on (see [`Self::select`]).
    pub fn selected_dependencies(&self) -> Option<&SpeculativeDependency> {
        self.selected.as_ref().and_then(|(_, _, d)| d.as_ref())
    }

    /// How many units carry the tag.
    pub fn tag_count(&self, tag: &str) -> usize {
        self.tag_counts.get(tag).copied().unwrap_or(0)
    }

    /// Sentences with their cues and labels, if the lens has read the text.
    pub fn readings(&self) -> Option<&[SentenceReading]> {
        self.readings.as_deref().map(Vec::as_slice)
    }

    /// The checks of the current revision.
    pub fn findings(&self) -> Option<&Findings> {
        self.findings.as_ref()
    }

    /// Speculative sentences not yet marked or dismissed.
    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }

    /// Share of the text per role (`main_claim`, …, `any`, `unmarked`), from
    /// the same computation as `argmark stats`, so the window and the CLI agree.
    pub fn coverage(&self) -> &[(&'static str, f64)] {
        &self.coverage
    }

    /// Shares of the text per role group and speculative sentences found vs
    /// marked (needs the lens reading).
    pub fn summary(&self) -> Option<&Summary> {
        self.summary.as_ref()
    }
}
