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
    DismissedSpans, MarkedSpans, Suggestion, SuggestionCue, accept_edit, dismiss_edit,
    is_dismissed, is_marked, suggestions,
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
    let mut out = Vec::new();
    read_each(text, lexicon, |r| out.push(r));
    out
}

/// Reads every sentence of `text`, handing each reading to `sink` in text
/// order instead of keeping them: a command that only counts or prints
/// some (`analyze`, `suggest`) then holds no reading of a 100 MB text.
pub fn read_each(text: &str, lexicon: &Lexicon, mut sink: impl FnMut(SentenceReading)) {
    read_in_parts(text, lexicon, PART_BYTES, &mut sink);
}

/// Text read at a time: tokens of the whole text of a 200 MB map would
/// take gigabytes; a part's tokens take a few megabytes and are dropped
/// once its sentences are read. A quarter of a megabyte: a 1 MB part's
/// tokens and buffers took ~50 MB, a fixed cost that made `analyze` on a
/// 10 MB map use 9× its size.
const PART_BYTES: usize = 1 << 18;

/// Sentences held back at the end of a part, read again with the next one:
/// a sentence boundary is decided by a few tokens around it, so those
/// before the last held-back sentence are final.
const HELD_BACK: usize = 3;

/// [`read`] in parts of about `part` bytes cut at whitespace; the same
/// readings as reading the text in one piece.
fn read_in_parts(
    text: &str,
    lexicon: &Lexicon,
    part: usize,
    sink: &mut dyn FnMut(SentenceReading),
) {
    let mut carry: Vec<tokens::Token> = Vec::new();
    // Whether the first carried token starts the text or a line.
    let mut carry_at_line_start = true;
    let (mut from, mut chars_before) = (0usize, 0usize);
    while from < text.len() {
        let to = part_end(text, from, part);
        let fresh = tokens::tokenize_part(text, from, to, chars_before);
        chars_before += text[from..to].chars().count();
        from = to;
        let last = from >= text.len();
        if carry.is_empty() {
            carry_at_line_start = fresh
                .first()
                .is_none_or(|t| t.breaks_before > 0 || t.chars.start == 0);
        }
        carry.extend(fresh);
        let found = sentences::segment_from(&carry, carry_at_line_start);
        let done = if last {
            found.len()
        } else {
            found.len().saturating_sub(HELD_BACK)
        };
        for r in &found[..done] {
            sink(reading(text, &carry[r.clone()], lexicon));
        }
        if last {
            break;
        }
        let keep = found.get(done).map_or(carry.len(), |r| r.start);
        if keep > 0 {
            carry_at_line_start = false;
        }
        carry.drain(..keep);
    }
}

/// Where a part that starts at byte `from` ends: at the first whitespace
/// run starting `size` bytes or more later (tokens never cross whitespace,
/// and a whole run stays with the token after it, which counts its line
/// breaks), or at the end of the text.
fn part_end(text: &str, from: usize, size: usize) -> usize {
    let mut at = from.saturating_add(size).min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    let mut prev_space = text[..at]
        .chars()
        .next_back()
        .is_none_or(char::is_whitespace);
    for (k, c) in text[at..].char_indices() {
        let space = c.is_whitespace();
        if space && !prev_space && at + k > from {
            return at + k;
        }
        prev_space = space;
    }
    text.len()
}

/// The reading of one sentence's tokens.
fn reading(text: &str, sentence: &[tokens::Token], lexicon: &Lexicon) -> SentenceReading {
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
}

/// Reads the map's text.
pub fn read_map(map: &ArgumentMap, lexicon: &Lexicon) -> Vec<SentenceReading> {
    read(map.text(), lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The labelled sentences joined into one text with every kind of
    /// separator the segmenter cares about: spaces, line breaks, blank
    /// lines, list markers, headings.
    fn corpus() -> String {
        let seps = [" ", "\n", "\n\n", "\n- ", "\n1. ", "  ", "\n## ", " \r\n"];
        include_str!("../../../tests/data/speculation_sentences.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(_, s)| s))
            .enumerate()
            .flat_map(|(i, s)| [s, seps[i % seps.len()]])
            .collect()
    }

    fn in_parts(text: &str, lexicon: &Lexicon, part: usize) -> Vec<SentenceReading> {
        let mut out = Vec::new();
        read_in_parts(text, lexicon, part, &mut |r| out.push(r));
        out
    }

    #[test]
    fn reading_in_parts_reads_exactly_as_in_one_piece() {
        let lexicon = Lexicon::builtin();
        let synthetic = crate::model::fixture::synthetic(40_000, 10, 0);
        for text in [corpus(), synthetic.text().to_owned()] {
            let whole = in_parts(&text, lexicon, usize::MAX);
            assert!(whole.len() > 100);
            for part in [1, 13, 200, 4_096] {
                assert_eq!(
                    in_parts(&text, lexicon, part),
                    whole,
                    "parts of {part} bytes"
                );
            }
        }
    }

    #[test]
    fn parts_end_where_whitespace_starts() {
        let t = "ab  cd\n\nef";
        assert_eq!(part_end(t, 0, 1), 2);
        assert_eq!(part_end(t, 2, 1), 6);
        assert_eq!(part_end(t, 6, 1), t.len());
        assert_eq!(part_end("één twee", 0, 1), 5);
    }
}
