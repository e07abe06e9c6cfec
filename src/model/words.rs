//! Word-level positions in the text: snapping a rough selection to whole
//! words and stepping a boundary by one word. Works within one paragraph at
//! a time, so the cost is bounded by paragraph length, never the whole text.
//!
//! Most scripts separate words with spaces, and the Unicode word rules
//! (unicode-segmentation) find them. Chinese, Japanese, Thai, Lao, Khmer and
//! Burmese do not: a paragraph with such letters is segmented with ICU4X's
//! dictionary segmenter (`icu_segmenter`, compiled-in dictionaries), so
//! snapping inside 両国 keeps 両国 whole.

use super::map::SourceText;
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The words (segments with a letter or digit) of the paragraph `para`, as
/// global char ranges.
fn words_in(text: &SourceText, para: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.slice(para.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = para.start;
    let mut push = |seg: &str| {
        let n = seg.chars().count();
        if seg.chars().any(char::is_alphanumeric) {
            out.push(at..at + n);
        }
        at += n;
    };
    if slice.chars().any(needs_dictionary) {
        let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
        let mut from = 0;
        for b in segmenter.segment_str(slice).skip(1) {
            push(&slice[from..b]);
            from = b;
        }
    } else {
        slice.split_word_bounds().for_each(push);
    }
    out
}

/// Whether `c` belongs to a script written without spaces between words
/// (Han, kana, Thai, Lao, Khmer, Burmese), which needs a dictionary to find words.
fn needs_dictionary(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0x20000..=0x3134F) // CJK extensions B–G
}

/// The words of the paragraph containing char `c` (a line break belongs to
/// the paragraph it ends).
fn words_around(text: &SourceText, c: usize) -> Vec<Range<usize>> {
    let index = text.index();
    words_in(text, index.paragraphs()[index.paragraph_of(c)].clone())
}

/// Widens or narrows `range` to whole words: the start moves back to the
/// start of its word (or forward past spaces, punctuation and line breaks),
/// the end moves forward to the end of its word (or back before them). A
/// quote mark the selection opens or closes brings its partner along.
/// Returns `None` when the range holds no word at all.
pub fn snap_to_words(text: &SourceText, range: Range<usize>) -> Option<Range<usize>> {
    let len = text.len_chars();
    let (a, b) = (range.start.min(len), range.end.min(len));
    if a >= b {
        return None;
    }
    let index = text.index();
    let paragraphs = index.paragraphs();
    let (first, last) = (index.paragraph_of(a), index.paragraph_of(b - 1));
    let start = (first..=last)
        .find_map(|p| {
            let words = words_in(text, paragraphs[p].clone());
            words.into_iter().find(|w| w.end > a).map(|w| w.start)
        })
        .filter(|&s| s < b)?;
    let end = (first..=last)
        .rev()
        .find_map(|p| {
            let words = words_in(text, paragraphs[p].clone());
            words.into_iter().rev().find(|w| w.start < b).map(|w| w.end)
        })
        .filter(|&e| e > a)?;
    (start < end).then(|| balance_quotes(text, start..end))
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
    let words = words_around(text, c.min(text.len_chars().saturating_sub(1)));
    words.iter().find(|w| w.end > c).map_or(c, |w| w.end)
}

/// The previous word start before `c` in its paragraph (or `c` if there is none).
pub fn prev_word_start(text: &SourceText, c: usize) -> usize {
    let words = words_around(text, c);
    words
        .iter()
        .rev()
        .find(|w| w.start < c)
        .map_or(c, |w| w.start)
}

/// The word end before `c` (to shrink a unit from its end by one word).
pub fn prev_word_end(text: &SourceText, c: usize) -> usize {
    let words = words_around(text, c.saturating_sub(1));
    words.iter().rev().find(|w| w.end < c).map_or(c, |w| w.end)
}

/// The word start after `c` (to shrink a unit from its start by one word).
pub fn next_word_start(text: &SourceText, c: usize) -> usize {
    let words = words_around(text, c);
    words.iter().find(|w| w.start > c).map_or(c, |w| w.start)
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
    fn selections_touching_line_breaks_still_snap() {
        let s = "First line ends here.\nSecond line starts.\r\nThird.";
        let after_here = s.find(".\n").unwrap() + 1; // on the \n
        let second = s.find("Second").unwrap();
        // Drag from inside "ends" down to the very start of the next line.
        assert_eq!(snapped(s, 13..second).as_deref(), Some("ends here"));
        // Start on the line break, end inside "starts".
        assert_eq!(
            snapped(s, after_here..second + 10).as_deref(),
            Some("Second line")
        );
        // From past the end of line two (on \r) into line three.
        let cr = s.find('\r').unwrap();
        assert_eq!(snapped(s, cr..cr + 5).as_deref(), Some("Third"));
        assert_eq!(snapped(s, after_here..second), None, "only a line break");
    }

    /// Words of the multilingual sample (`/work/shared/texts/multilingual-sample.txt`).
    const CHINESE: &str = "中文：如果谈判继续顺利进行，双方可能会在北极举行联合演习。";
    const JAPANESE: &str = "日本語：両国は来年にも共同演習を行う可能性がある。";

    /// Snaps a selection of the single char at `needle`'s `k`-th char.
    fn snap_inside(s: &str, needle: &str, k: usize) -> Option<String> {
        let c = s[..s.find(needle).unwrap()].chars().count() + k;
        snapped(s, c..c + 1)
    }

    #[test]
    fn japanese_and_chinese_words_stay_whole() {
        // A click on 国 of 両国 snaps to 両国, not to 国 alone.
        assert_eq!(snap_inside(JAPANESE, "両国", 1).as_deref(), Some("両国"));
        assert_eq!(snap_inside(JAPANESE, "共同", 0).as_deref(), Some("共同"));
        assert_eq!(snap_inside(JAPANESE, "演習", 1).as_deref(), Some("演習"));
        assert_eq!(snap_inside(CHINESE, "谈判", 1).as_deref(), Some("谈判"));
        assert_eq!(snap_inside(CHINESE, "北极", 0).as_deref(), Some("北极"));
        assert_eq!(snap_inside(CHINESE, "联合", 1).as_deref(), Some("联合"));
        // A drag from inside 両国 to inside 来年 takes whole words, particles between.
        let a = JAPANESE.chars().position(|c| c == '国').unwrap();
        let b = JAPANESE.chars().position(|c| c == '来').unwrap();
        assert_eq!(snapped(JAPANESE, a..b + 1).as_deref(), Some("両国は来年"));
        // The full-width colon and stop are not words.
        assert_eq!(snap_inside(CHINESE, "：", 0), None);
    }

    #[test]
    fn thai_words_stay_whole() {
        // "สวัสดีครับ" = สวัสดี (hello) + ครับ (polite particle).
        let s = "ภาษาไทย สวัสดีครับ";
        assert_eq!(snap_inside(s, "สวัสดี", 2).as_deref(), Some("สวัสดี"));
        assert_eq!(snap_inside(s, "ครับ", 1).as_deref(), Some("ครับ"));
    }

    #[test]
    fn word_steps_in_japanese() {
        let text = t(JAPANESE);
        let start = JAPANESE.chars().position(|c| c == '両').unwrap();
        assert_eq!(next_word_end(&text, start), start + 2, "両国 is one step");
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
