//! The window's view of the analyses: the speculation lens reading (once per
//! text), and checks and suggestions (once per revision of the map).

use crate::analysis::checks::{self, Findings, SpeculativeDependency, Summary, SupportIndex};
use crate::analysis::lens::{self, Lexicon, SentenceReading, Suggestion};
use crate::graph::BACKGROUND_UNITS;
use crate::model::{ArgumentMap, UnitId};
use crate::session::Session;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// What the checks of one revision found.
struct Computed {
    findings: Findings,
    support: SupportIndex,
    suggestions: Vec<Suggestion>,
    summary: Option<Summary>,
    /// Coverage per role, from the same computation as `argmark stats`.
    coverage: Vec<(&'static str, f64)>,
}

fn compute(map: &ArgumentMap, readings: Option<&[SentenceReading]>) -> Computed {
    let findings = checks::check(map);
    let (suggestions, summary) = match readings {
        Some(r) => (lens::suggestions(map, r), Some(checks::summary(map, r))),
        None => (Vec::new(), None),
    };
    Computed {
        findings,
        support: SupportIndex::new(map),
        suggestions,
        summary,
        coverage: crate::analysis::stats(map).coverage.into_iter().collect(),
    }
}

/// Checks of a large map running on a worker thread, for this revision.
struct Job {
    revision: u64,
    /// The lens reading was there when the job started.
    with_lens: bool,
    done: Receiver<Computed>,
}

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
    /// Checks of a large map being computed; the last results stay shown.
    job: Option<Job>,
    /// Support relations by target, with the revision they index, for the
    /// selected unit's speculative ground.
    support: Option<(u64, SupportIndex)>,
    /// The lens reading a long text on a worker thread; until it is done
    /// the window has no lens (the frame never waits for it).
    lens_job: Option<Receiver<Vec<SentenceReading>>>,
}

/// Texts longer than this (bytes) are read by the lens on a worker thread:
/// reading 5 MB takes the better part of a second.
pub const LENS_BACKGROUND_BYTES: usize = 200_000;

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
            self.read_with_lens(session);
        }
        let revision = session.structure_revision();
        if let Some(job) = &self.job {
            match job.done.try_recv() {
                Ok(done) => {
                    // Computed before the lens read the text: checks again.
                    let r = if job.with_lens == self.readings.is_some() {
                        job.revision
                    } else {
                        0
                    };
                    self.install(done, r);
                    self.job = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.job = None,
            }
        }
        if self.revision == revision && self.findings.is_some() {
            return;
        }
        let map = session.map();
        if self.revision != revision {
            self.tag_counts.clear();
            for u in map.units() {
                *self.tag_counts.entry(u.kind.clone()).or_default() += 1;
            }
        }
        if map.units().len() <= BACKGROUND_UNITS {
            let done = compute(map, self.readings.as_deref().map(Vec::as_slice));
            self.install(done, revision);
            return;
        }
        // A large map: checked on a worker thread, one run at a time (edits
        // made meanwhile are checked together when it is done).
        if self.job.is_none() {
            let (tx, rx) = mpsc::channel();
            let map = map.clone();
            let readings = self.readings.clone();
            std::thread::spawn(move || {
                let _ = tx.send(compute(&map, readings.as_deref().map(Vec::as_slice)));
            });
            self.job = Some(Job {
                revision,
                with_lens: self.readings.is_some(),
                done: rx,
            });
        }
    }

    /// Reads the text with the lens: at once for a short text, else on a
    /// worker thread whose reading is picked up by a later frame (then the
    /// checks run again, with the lens).
    fn read_with_lens(&mut self, session: &Session) {
        if let Some(job) = &self.lens_job {
            match job.try_recv() {
                Ok(readings) => {
                    self.readings = Some(Arc::new(readings));
                    self.revision = 0;
                    self.lens_job = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.lens_job = None,
            }
            return;
        }
        let text = session.map().text();
        if text.len() <= LENS_BACKGROUND_BYTES {
            let lexicon = self
                .lexicon
                .as_deref()
                .unwrap_or_else(|| Lexicon::builtin());
            self.readings = Some(Arc::new(lens::read(text, lexicon)));
            self.revision = 0;
            return;
        }
        let (tx, rx) = mpsc::channel();
        let (text, lexicon) = (text.to_owned(), self.lexicon.clone());
        std::thread::spawn(move || {
            let lexicon = lexicon.as_deref().unwrap_or_else(|| Lexicon::builtin());
            let _ = tx.send(lens::read(&text, lexicon));
        });
        self.lens_job = Some(rx);
    }

    fn install(&mut self, done: Computed, revision: u64) {
        self.findings = Some(done.findings);
        self.support = Some((revision, done.support));
        self.coverage = done.coverage;
        if self.readings.is_some() {
            self.suggestions = done.suggestions;
            self.summary = done.summary;
        }
        self.revision = revision;
    }

    /// Whether checks of a newer revision are being computed (the ones
    /// shown are older); callers should repaint soon.
    pub fn is_pending(&self) -> bool {
        self.job.is_some() || self.lens_job.is_some()
    }

    /// Works out what the selected unit rests on, once per selection and
    /// revision, from the support index the checks built (so selecting a
    /// unit in a 20,000-unit map walks its chain, not the whole map).
    pub fn select(&mut self, session: &Session, unit: Option<&UnitId>) {
        let Some(unit) = unit else {
            self.selected = None;
            return;
        };
        let Some((revision, index)) = &self.support else {
            return;
        };
        let fresh = self
            .selected
            .as_ref()
            .is_some_and(|(rev, u, _)| rev == revision && u == unit);
        if !fresh {
            let deps = index.dependencies(session.map(), unit);
            self.selected = Some((*revision, unit.clone(), deps));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::synthetic;
    use crate::session::Origin;
    use std::path::PathBuf;

    #[test]
    fn a_large_map_is_checked_in_the_background_and_picked_up_later() {
        let map = synthetic(600_000, BACKGROUND_UNITS + 500, 1_000);
        let session = Session::new(map, Origin::Text(PathBuf::from("big.txt")));
        let mut view = AnalysisView::default();
        view.refresh(&session, false);
        // The frame that asked does not wait for the checks.
        assert!(view.is_pending() || view.findings().is_some());
        for _ in 0..600 {
            if !view.is_pending() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            view.refresh(&session, false);
        }
        assert!(!view.is_pending());
        let expected = checks::check(session.map());
        assert_eq!(
            view.findings().map(|f| f.status.len()),
            Some(expected.status.len())
        );
    }
}
