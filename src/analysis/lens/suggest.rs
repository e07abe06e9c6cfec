//! Suggestions: speculative sentences the annotator has neither marked nor
//! dismissed, and the undoable edits that accept or dismiss one.

use super::{Cue, Label, SentenceReading};
use crate::model::{ArgumentMap, Edit, Role, Unit};
use std::ops::Range;

/// A speculative sentence not yet marked as speculation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The sentence's char span; dismissing stores this span.
    pub sentence: Range<usize>,
    /// The span a unit would get: the sentence trimmed to its first and last
    /// word (no leading quotes or trailing full stop).
    pub unit_span: Range<usize>,
    /// The speculation cues that triggered it, for the tooltip.
    pub cues: Vec<Cue>,
}

/// Whether a unit whose tag has the speculation role overlaps `span`.
pub fn is_marked(map: &ArgumentMap, span: Range<usize>) -> bool {
    map.units_overlapping(span)
        .any(|u| map.scheme().role_of(&u.kind) == Role::Speculation)
}

/// Whether the annotator dismissed this sentence: a dismissed span covers at
/// least half of it (so a dismissal survives small changes in segmentation).
fn is_dismissed(map: &ArgumentMap, span: &Range<usize>) -> bool {
    map.dismissed().iter().any(|d| {
        let overlap = d.end.min(span.end).saturating_sub(d.start.max(span.start));
        overlap > 0 && overlap * 2 >= span.len()
    })
}

/// The speculative sentences of `readings` (from [`super::read_map`] on this
/// map's text) that no speculation-role unit overlaps and that were not
/// dismissed, in text order.
pub fn suggestions(map: &ArgumentMap, readings: &[SentenceReading]) -> Vec<Suggestion> {
    readings
        .iter()
        .filter(|r| r.label == Label::Speculation)
        .filter(|r| !is_marked(map, r.span.clone()) && !is_dismissed(map, &r.span))
        .filter_map(|r| {
            Some(Suggestion {
                sentence: r.span.clone(),
                unit_span: word_span(map, r.span.clone())?,
                cues: r.speculation_cues().cloned().collect(),
            })
        })
        .collect()
}

/// The edit that accepts a suggestion: a new unit with the scheme's first
/// speculation tag over [`Suggestion::unit_span`], id `map.next_unit_id()`.
/// `None` when the scheme has no speculation tag.
pub fn accept_edit(map: &ArgumentMap, suggestion: &Suggestion) -> Option<Edit> {
    let tag = map.scheme().first_with_role(Role::Speculation)?;
    let span = suggestion.unit_span.clone();
    Some(Edit::AddUnit(Unit {
        id: map.next_unit_id(),
        kind: tag.name.clone(),
        quote: map.quote_of(span.clone())?.to_owned(),
        start: span.start,
        end: span.end,
        note: String::new(),
        scenario: None,
    }))
}

/// The edit that dismisses a suggestion (undo brings it back).
pub fn dismiss_edit(suggestion: &Suggestion) -> Edit {
    Edit::SetDismissed {
        span: suggestion.sentence.clone(),
        dismissed: true,
    }
}

/// `span` trimmed to start at its first letter or digit and end after its
/// last one (and any accents on it); `None` if it has none.
fn word_span(map: &ArgumentMap, span: Range<usize>) -> Option<Range<usize>> {
    let s = map.quote_of(span.clone())?;
    let mut first = None;
    let mut last = 0;
    for (i, c) in s.chars().enumerate() {
        if c.is_alphanumeric() {
            first.get_or_insert(i);
            last = i + 1;
        }
    }
    let start = span.start + first?;
    let mut end = span.start + last;
    let (text, index) = (map.text(), map.source().index());
    while end < span.end && !index.is_grapheme_boundary(text, end) {
        end += 1;
    }
    Some(start..end)
}
