//! Suggestions: speculative sentences the annotator has neither marked nor
//! dismissed, and the undoable edits that accept or dismiss one.

use super::lexicon::CueClass;
use super::{Label, SentenceReading};
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
    pub cues: Vec<SuggestionCue>,
}

/// A cue of a [`Suggestion`], with its text: suggestions are few and shown
/// as a list, so each carries what it shows (a reading's cues do not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestionCue {
    /// Char offsets into the text.
    pub span: Range<usize>,
    /// The text at those offsets, as written.
    pub text: String,
    /// What it signals.
    pub class: CueClass,
}

/// Whether a unit whose tag has the speculation role overlaps `span`.
pub fn is_marked(map: &ArgumentMap, span: Range<usize>) -> bool {
    map.units_overlapping(span)
        .any(|u| map.scheme().role_of(&u.kind) == Role::Speculation)
}

/// The chars covered by speculation-role units, as sorted disjoint spans, so
/// that many sentences can be tested in O(log n) each.
#[derive(Clone, Debug, Default)]
pub struct MarkedSpans(Vec<Range<usize>>);

impl MarkedSpans {
    /// Collects the speculation-role units of `map`.
    pub fn new(map: &ArgumentMap) -> Self {
        let mut merged: Vec<Range<usize>> = Vec::new();
        // Units are sorted by start.
        for u in map.units() {
            if u.start >= u.end || map.scheme().role_of(&u.kind) != Role::Speculation {
                continue;
            }
            match merged.last_mut() {
                Some(last) if u.start <= last.end => last.end = last.end.max(u.end),
                _ => merged.push(u.span()),
            }
        }
        Self(merged)
    }

    /// Whether some speculation-role unit overlaps `span` (same answer as [`is_marked`]).
    pub fn overlaps(&self, span: &Range<usize>) -> bool {
        let i = self.0.partition_point(|m| m.end <= span.start);
        self.0.get(i).is_some_and(|m| m.start < span.end)
    }
}

/// Whether the annotator dismissed the sentence at `span`: a dismissed span
/// covers at least half of it (so a dismissal survives small changes in
/// segmentation).
pub fn is_dismissed(map: &ArgumentMap, span: &Range<usize>) -> bool {
    let d = map.dismissed();
    // Sorted by start: only spans starting before the sentence ends can overlap it.
    d[..d.partition_point(|d| d.start < span.end)]
        .iter()
        .any(|d| covers_half(d, span))
}

fn covers_half(d: &Range<usize>, span: &Range<usize>) -> bool {
    let overlap = d.end.min(span.end).saturating_sub(d.start.max(span.start));
    overlap > 0 && overlap * 2 >= span.len()
}

/// The map's dismissed spans with the furthest end reached so far, so that
/// many sentences can be tested without scanning every dismissal before
/// each (as [`is_dismissed`] does): only spans that reach into the sentence
/// are looked at.
#[derive(Clone, Debug, Default)]
pub struct DismissedSpans<'m> {
    spans: &'m [Range<usize>],
    /// `reach[i]`: the largest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl<'m> DismissedSpans<'m> {
    /// Indexes the map's dismissed spans (sorted by start).
    pub fn new(map: &'m ArgumentMap) -> Self {
        let spans = map.dismissed();
        let reach = spans
            .iter()
            .scan(0, |far, d| {
                *far = d.end.max(*far);
                Some(*far)
            })
            .collect();
        Self { spans, reach }
    }

    /// The same answer as [`is_dismissed`].
    pub fn contains(&self, span: &Range<usize>) -> bool {
        let mut i = self.spans.partition_point(|d| d.start < span.end);
        // Walk back while some earlier span still reaches past the start.
        while i > 0 && self.reach[i - 1] > span.start {
            i -= 1;
            if covers_half(&self.spans[i], span) {
                return true;
            }
        }
        false
    }
}

/// The speculative sentences of `readings` (from [`super::read_map`] on this
/// map's text) that no speculation-role unit overlaps and that were not
/// dismissed, in text order.
pub fn suggestions(map: &ArgumentMap, readings: &[SentenceReading]) -> Vec<Suggestion> {
    let marked = MarkedSpans::new(map);
    let dismissed = DismissedSpans::new(map);
    readings
        .iter()
        .filter(|r| r.label == Label::Speculation)
        .filter(|r| !marked.overlaps(&r.span) && !dismissed.contains(&r.span))
        .filter_map(|r| {
            Some(Suggestion {
                sentence: r.span.clone(),
                unit_span: word_span(map, r.span.clone())?,
                cues: r
                    .speculation_cues()
                    .map(|c| SuggestionCue {
                        span: c.span.clone(),
                        text: c.text(map.source()).to_owned(),
                        class: c.class,
                    })
                    .collect(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lens::{Lexicon, read_map};
    use crate::model::TagScheme;
    use crate::model::fixture::marked;

    #[test]
    fn marked_spans_agree_with_is_marked() {
        let m = marked(
            "[Speculation:aa [Speculation:bb] cc] dd [Claim:ee] [Speculation:ff] gg",
            TagScheme::argument(),
        );
        let set = MarkedSpans::new(&m);
        let len = m.text().chars().count();
        for start in 0..len {
            for end in start + 1..=len {
                assert_eq!(
                    set.overlaps(&(start..end)),
                    is_marked(&m, start..end),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn dismissed_spans_agree_with_is_dismissed() {
        let mut m = marked(&"word ".repeat(8), TagScheme::argument());
        // Nested, overlapping, long and short dismissals.
        for span in [0..30, 2..4, 3..9, 12..13, 12..20, 25..27, 31..40] {
            let edit = Edit::SetDismissed {
                span,
                dismissed: true,
            };
            crate::model::apply(&mut m, edit).unwrap();
        }
        let set = DismissedSpans::new(&m);
        let len = m.text().chars().count();
        for start in 0..len {
            for end in start + 1..=len {
                let span = start..end;
                assert_eq!(set.contains(&span), is_dismissed(&m, &span), "{span:?}");
            }
        }
    }

    #[test]
    fn unit_span_keeps_a_final_accent_and_drops_quotes_and_stop() {
        let m = marked("“They might open a cafe\u{301}.”", TagScheme::argument());
        let s = suggestions(&m, &read_map(&m, Lexicon::builtin()));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].sentence, 0..26);
        assert_eq!(
            m.quote_of(s[0].unit_span.clone()),
            Some("They might open a cafe\u{301}")
        );
    }

    #[test]
    fn a_dismissal_covering_half_a_sentence_still_counts() {
        let mut m = marked("Talks might resume soon.", TagScheme::argument());
        let readings = read_map(&m, Lexicon::builtin());
        crate::model::apply(
            &mut m,
            Edit::SetDismissed {
                span: 0..12,
                dismissed: true,
            },
        )
        .unwrap();
        assert!(is_dismissed(&m, &(0..24)));
        assert!(suggestions(&m, &readings).is_empty());
        crate::model::apply(
            &mut m,
            Edit::SetDismissed {
                span: 0..12,
                dismissed: false,
            },
        )
        .unwrap();
        crate::model::apply(
            &mut m,
            Edit::SetDismissed {
                span: 0..11,
                dismissed: true,
            },
        )
        .unwrap();
        assert!(!is_dismissed(&m, &(0..24)));
    }
}
