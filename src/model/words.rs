//! Word-level positions in the text: snapping a rough selection to whole
//! words and stepping a boundary by one word. Works within one paragraph at
//! a time, so the cost is bounded by paragraph length, never the whole text.

use super::map::SourceText;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// Word segments of the paragraph containing char `c`, as global char ranges,
/// with whether each is a word (has a letter or digit) rather than space or punctuation.
fn segments_around(text: &SourceText, c: usize) -> Vec<(Range<usize>, bool)> {
    let index = text.index();
    let para = index.paragraphs()[index.paragraph_of(c)].clone();
    let Some(slice) = text.slice(para.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = para.start;
    for seg in slice.split_word_bounds() {
        let n = seg.chars().count();
        out.push((at..at + n, seg.chars().any(char::is_alphanumeric)));
        at += n;
    }
    out
}

/// Widens or narrows `range` to whole words: the start moves back to the
/// start of its word (or forward past spaces and punctuation), the end moves
/// forward to the end of its word (or back before spaces and punctuation).
/// Returns `None` when the range holds no word at all.
pub fn snap_to_words(text: &SourceText, range: Range<usize>) -> Option<Range<usize>> {
    let len = text.len_chars();
    let (a, b) = (range.start.min(len), range.end.min(len));
    if a >= b {
        return None;
    }
    let start = {
        let segs = segments_around(text, a);
        let i = segs.iter().position(|(r, _)| r.contains(&a))?;
        match segs[i..].iter().find(|(_, word)| *word) {
            Some((r, _)) if r.start < b => r.start,
            _ => return None,
        }
    };
    let end = {
        let segs = segments_around(text, b - 1);
        let i = segs.iter().position(|(r, _)| r.contains(&(b - 1)))?;
        segs[..=i].iter().rev().find(|(_, word)| *word)?.0.end
    };
    (start < end).then_some(balance_quotes(text, start..end))
}

/// Quote marks as (opening, closing) pairs.
const QUOTE_PAIRS: [(char, char); 4] = [('“', '”'), ('‘', '’'), ('«', '»'), ('„', '“')];

/// Takes in a closing (or opening) quote mark just outside the span when the
/// span holds its partner, so `“agreed in principle` becomes `“agreed in principle”`.
fn balance_quotes(text: &SourceText, span: Range<usize>) -> Range<usize> {
    let Some(inner) = text.slice(span.clone()) else {
        return span;
    };
    let after = text
        .slice(span.end..span.end + 1)
        .and_then(|s| s.chars().next());
    let before = span
        .start
        .checked_sub(1)
        .and_then(|b| text.slice(b..span.start))
        .and_then(|s| s.chars().next());
    let count = |c: char| inner.chars().filter(|&x| x == c).count();
    let (mut start, mut end) = (span.start, span.end);
    for (open, close) in QUOTE_PAIRS {
        if count(open) > count(close) && after == Some(close) {
            end += 1;
        }
        if count(close) > count(open) && before == Some(open) {
            start -= 1;
        }
    }
    start..end
}

/// The next word end after `c` in its paragraph (or `c` if there is none).
pub fn next_word_end(text: &SourceText, c: usize) -> usize {
    let segs = segments_around(text, c.min(text.len_chars().saturating_sub(1)));
    segs.iter()
        .find(|(r, word)| *word && r.end > c)
        .map_or(c, |(r, _)| r.end)
}

/// The previous word start before `c` in its paragraph (or `c` if there is none).
pub fn prev_word_start(text: &SourceText, c: usize) -> usize {
    let segs = segments_around(text, c.saturating_sub(1));
    segs.iter()
        .rev()
        .find(|(r, word)| *word && r.start < c)
        .map_or(c, |(r, _)| r.start)
}

/// The word end before `c` (to shrink a unit from its end by one word).
pub fn prev_word_end(text: &SourceText, c: usize) -> usize {
    let segs = segments_around(text, c.saturating_sub(1));
    segs.iter()
        .rev()
        .find(|(r, word)| *word && r.end < c)
        .map_or(c, |(r, _)| r.end)
}

/// The word start after `c` (to shrink a unit from its start by one word).
pub fn next_word_start(text: &SourceText, c: usize) -> usize {
    let segs = segments_around(text, c);
    segs.iter()
        .find(|(r, word)| *word && r.start > c)
        .map_or(c, |(r, _)| r.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> SourceText {
        SourceText::new(s.to_owned())
    }

    fn snapped(s: &str, r: Range<usize>) -> Option<String> {
        let text = t(s);
        snap_to_words(&text, r).map(|r| text.slice(r).unwrap().to_owned())
    }

    #[test]
    fn snaps_partial_words_outward() {
        let s = "They finally signed their RELOS pact.";
        assert_eq!(snapped(s, 7..15).as_deref(), Some("finally signed"));
        assert_eq!(
            snapped(s, 4..20).as_deref(),
            Some("finally signed"),
            "spaces trimmed"
        );
        assert_eq!(
            snapped(s, 26..37).as_deref(),
            Some("RELOS pact"),
            "final stop dropped"
        );
        assert_eq!(snapped(s, 4..5), None, "only a space");
    }

    #[test]
    fn snapping_counts_chars_not_bytes() {
        let s = "Détente “New” Россия 中文 👩‍🔬 end";
        // Select from inside "New" to inside "Россия".
        assert_eq!(
            snapped(s, 10..17).as_deref(),
            Some("“New” Россия"),
            "and balances the quote"
        );
        let c = s.chars().position(|c| c == '👩').unwrap();
        assert_eq!(
            snapped(s, c..c + 5).as_deref(),
            Some("end"),
            "emoji is not a word"
        );
    }

    #[test]
    fn an_open_quote_inside_takes_its_closing_partner() {
        let s = "The ministers “agreed in principle” on Tuesday";
        let a = s.chars().position(|c| c == 'm').unwrap();
        let e = s.chars().position(|c| c == '”').unwrap();
        assert_eq!(
            snapped(s, a..e - 2).as_deref(),
            Some("ministers “agreed in principle”")
        );
        let o = s.chars().position(|c| c == 'a').unwrap();
        assert_eq!(
            snapped(s, o..e + 3).as_deref(),
            Some("“agreed in principle” on")
        );
        assert_eq!(
            snapped(s, o..e - 2).as_deref(),
            Some("agreed in principle"),
            "no quote inside, none added"
        );
    }

    #[test]
    fn word_steps() {
        let text = t("one two three");
        assert_eq!(next_word_end(&text, 3), 7);
        assert_eq!(prev_word_start(&text, 7), 4);
        assert_eq!(prev_word_end(&text, 7), 3);
        assert_eq!(next_word_start(&text, 4), 8);
        assert_eq!(next_word_end(&text, 13), 13);
    }
}
