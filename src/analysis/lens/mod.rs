//! The speculation lens: reads a text sentence by sentence and says which
//! sentences speculate (hedge, predict, suppose) and which report what others
//! said, naming the cue words, so a coach can check what the annotator marked
//! and the annotator can accept the sentences they missed.
//!
//! Everything is in char offsets (Unicode scalar values), like the model.
//! The pipeline is: [`tokens`] (one pass over the text) → [`sentences`]
//! (segmentation) → [`cues`] (lexicon matching with scope rules, using the
//! [`Lexicon`]) → a [`Label`] per sentence → [`suggest`] (suggestions and the
//! edits that accept or dismiss them).

mod cues;
mod lexicon;
mod sentences;
mod suggest;
mod tokens;

pub use cues::Cue;
pub use lexicon::{
    BUILTIN_LEXICON, CueClass, Lexicon, LexiconError, Rule, SpeculationKind, Strength,
};
pub use sentences::sentences;
pub use suggest::{
    MarkedSpans, Suggestion, accept_edit, dismiss_edit, is_dismissed, is_marked, suggestions,
};

use crate::model::ArgumentMap;
use std::ops::Range;

/// What a sentence does, as the lens reads it. Speculation wins over
/// attribution when a sentence has cues of both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// Hedges, predicts or supposes.
    Speculation,
    /// Reports what someone else says, without speculating.
    Attribution,
    /// Neither.
    Neither,
}

impl Label {
    /// The snake_case name used in JSON and in the labelled test set.
    pub fn key(self) -> &'static str {
        match self {
            Label::Speculation => "speculation",
            Label::Attribution => "attribution",
            Label::Neither => "neither",
        }
    }

    /// The label named by [`Label::key`].
    pub fn from_key(key: &str) -> Option<Label> {
        [Label::Speculation, Label::Attribution, Label::Neither]
            .into_iter()
            .find(|l| l.key() == key)
    }
}

/// The lens's reading of one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceReading {
    /// Char offsets of the sentence, without surrounding blanks or list markers.
    pub span: Range<usize>,
    /// Its cues in text order, speculation and attribution alike.
    pub cues: Vec<Cue>,
    /// What the sentence does, from its cues.
    pub label: Label,
}

impl SentenceReading {
    /// The speculation cues only.
    pub fn speculation_cues(&self) -> impl Iterator<Item = &Cue> {
        self.cues.iter().filter(|c| c.class.is_speculation())
    }
}

/// Reads every sentence of `text`.
pub fn read(text: &str, lexicon: &Lexicon) -> Vec<SentenceReading> {
    let toks = tokens::tokenize(text);
    sentences::segment(&toks)
        .into_iter()
        .map(|r| {
            let sentence = &toks[r];
            let cues = cues::find_cues(text, sentence, lexicon);
            let label = if cues.iter().any(|c| c.class.is_speculation()) {
                Label::Speculation
            } else if cues.is_empty() {
                Label::Neither
            } else {
                Label::Attribution
            };
            SentenceReading {
                span: sentence[0].chars.start..sentence[sentence.len() - 1].chars.end,
                cues,
                label,
            }
        })
        .collect()
}

/// Reads the map's text.
pub fn read_map(map: &ArgumentMap, lexicon: &Lexicon) -> Vec<SentenceReading> {
    read(map.text(), lexicon)
}
