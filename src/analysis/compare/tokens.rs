//! Word tokens as coded items: the text's UAX #29 words (unicode-segmentation's
//! `unicode_word_indices`: word-bound segments holding a letter or digit), in
//! char offsets, and each annotator's label per word: the tag of the innermost
//! unit (the shortest one; the later in text order on a tie) that covers the
//! whole word, or "none".

use crate::model::Unit;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The label index every token outside all units gets.
pub const NONE: u16 = 0;

/// The UAX #29 words of `text` as char ranges, in text order. Long texts are
/// cut at line breaks (where UAX #29 always breaks) and read on two threads.
pub fn words(text: &str) -> Vec<Range<usize>> {
    const PARALLEL_FROM: usize = 1 << 20;
    if text.len() < PARALLEL_FROM {
        return words_from(text, 0);
    }
    let mut cut = text.len() / 2;
    while cut < text.len() && text.as_bytes()[cut] != b'\n' {
        cut += 1;
    }
    let (head, tail) = text.split_at(cut);
    let (mut first, second) = std::thread::scope(|s| {
        let t = s.spawn(|| {
            let offset = head.chars().count();
            words_from(tail, offset)
        });
        let first = words_from(head, 0);
        (first, t.join().unwrap_or_default())
    });
    first.extend(second);
    first
}

/// The words of `text`, with char offsets shifted by `offset`.
fn words_from(text: &str, offset: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let (mut byte, mut char) = (0usize, offset);
    for (at, word) in text.unicode_word_indices() {
        char += count_chars(&text[byte..at]);
        let len = count_chars(word);
        out.push(char..char + len);
        char += len;
        byte = at + word.len();
    }
    out
}

/// Chars in `s`, counting the bytes that start one (fast on ASCII).
fn count_chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Each token's label for one annotator: `label(unit)` of the innermost unit
/// covering the token, or [`NONE`]. `units` must be in text order (as a map
/// keeps them). One sweep over tokens and units.
pub fn labels(tokens: &[Range<usize>], units: &[Unit], label: impl Fn(&Unit) -> u16) -> Vec<u16> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut next = 0;
    let mut active: Vec<&Unit> = Vec::new();
    for t in tokens {
        while next < units.len() && units[next].start <= t.start {
            active.push(&units[next]);
            next += 1;
        }
        // A unit ending before this token's end covers no later token either.
        active.retain(|u| u.end >= t.end);
        let inner = active
            .iter()
            .rev()
            .min_by_key(|u| u.end - u.start)
            .map_or(NONE, |u| label(u));
        out.push(inner);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagScheme;
    use crate::model::fixture::marked;

    #[test]
    fn words_are_uax29_words_in_char_offsets() {
        let text = "Le café “Détente” — 3.5 ans, l’Россия!";
        let w: Vec<&str> = words(text)
            .iter()
            .map(|r| {
                let s: String = text.chars().skip(r.start).take(r.len()).collect();
                s.leak() as &str
            })
            .collect();
        assert_eq!(w, ["Le", "café", "Détente", "3.5", "ans", "l’Россия"]);
    }

    #[test]
    fn long_texts_split_at_a_line_break_give_the_same_words() {
        let para = "Détente might come, they say — or not.\n";
        let text = para.repeat((1 << 20) / para.len() + 10);
        let w = words(&text);
        assert_eq!(w, words_from(&text, 0));
        assert_eq!(w.len(), 7 * (text.len() / para.len()));
    }

    #[test]
    fn innermost_covering_unit_labels_a_word() {
        // u1 Claim over "a b c d", u2 Premise over "b c d", u3 Evidence over "c";
        // "x" and "ff" are in no unit.
        let m = marked(
            "[Claim:a [Premise:b [Evidence:c] d]] x ff",
            TagScheme::argument(),
        );
        let tokens = words(m.text());
        let tags = ["none", "Claim", "Premise", "Evidence"];
        let l = labels(&tokens, m.units(), |u| {
            tags.iter().position(|t| *t == u.kind).unwrap() as u16
        });
        let names: Vec<&str> = l.iter().map(|&i| tags[i as usize]).collect();
        assert_eq!(
            names,
            ["Claim", "Premise", "Evidence", "Premise", "none", "none"]
        );
    }
}
