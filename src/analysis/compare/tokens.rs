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
///
/// unicode-segmentation takes a fast path for all-ASCII strings, so the text
/// is read in chunks cut after a space that an ASCII char other than a space
/// follows: UAX #29 always breaks there (a space is WSegSpace, which only
/// WB3d joins, to another space; the next char is no Extend, Format or ZWJ
/// that WB4 would attach), so the words are those of the whole text. Runs of
/// ASCII go through the fast path, the rest through the full rules.
fn words_from(text: &str, offset: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let mut chars = offset;
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(non_ascii) = first_non_ascii(&bytes[pos..]).map(|i| pos + i) else {
            chunk(&text[pos..], true, chars, &mut out);
            return out;
        };
        // The ASCII run up to the last cut before the non-ASCII byte.
        let cut_before = (pos..non_ascii)
            .rev()
            .find(|&i| is_cut(bytes, i))
            .unwrap_or(pos);
        if cut_before > pos {
            chars = chunk(&text[pos..cut_before], true, chars, &mut out);
        }
        // Then up to the first cut after it, through the full rules.
        let cut_after = (non_ascii + 1..bytes.len())
            .find(|&i| is_cut(bytes, i))
            .unwrap_or(bytes.len());
        chars = chunk(&text[cut_before..cut_after], false, chars, &mut out);
        pos = cut_after;
    }
    out
}

/// Whether UAX #29 always breaks before byte `i`: after a space that an
/// ASCII char other than a space follows.
fn is_cut(bytes: &[u8], i: usize) -> bool {
    i > 0 && bytes[i - 1] == b' ' && bytes[i] < 0x80 && bytes[i] != b' '
}

/// The position of the first byte ≥ 0x80, looking 64 bytes at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    for block in bytes.chunks(64) {
        if !block.is_ascii() {
            return block.iter().position(|&b| b >= 0x80).map(|i| at + i);
        }
        at += block.len();
    }
    None
}

/// Appends the words of one chunk starting at char `chars`; returns the char
/// offset after it. In an ASCII chunk chars are bytes.
fn chunk(text: &str, ascii: bool, mut chars: usize, out: &mut Vec<Range<usize>>) -> usize {
    let count = |s: &str| if ascii { s.len() } else { count_chars(s) };
    let mut byte = 0;
    for (at, word) in text.unicode_word_indices() {
        chars += count(&text[byte..at]);
        let len = count(word);
        out.push(chars..chars + len);
        chars += len;
        byte = at + word.len();
    }
    chars + count(&text[byte..])
}

/// Chars in `s`, counting the bytes that start one (fast on ASCII).
fn count_chars(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Each token's label for one annotator: `codes[i]` of the innermost unit
/// `units[i]` covering the token, or [`NONE`]. `tokens` and `units` must be
/// in text order (as words come and as a map keeps its units). The tokens
/// each unit covers are found walking forward with the units' starts and
/// galloping to their ends (cache-friendly on long texts); then units are
/// painted longest first, so the shortest covering unit is painted last and,
/// on equal lengths, the later unit in text order.
pub fn labels(tokens: &[Range<usize>], units: &[Unit], codes: &[u16]) -> Vec<u16> {
    let mut covered = Vec::with_capacity(units.len());
    let mut from = 0;
    for x in units {
        while from < tokens.len() && tokens[from].start < x.start {
            from += 1;
        }
        let rest = &tokens[from..];
        let mut bound = 1;
        while bound < rest.len() && rest[bound - 1].end <= x.end {
            bound *= 2;
        }
        let bound = bound.min(rest.len());
        let to = from + rest[..bound].partition_point(|t| t.end <= x.end);
        covered.push(from..to);
    }
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by_key(|&u| {
        let x = &units[u];
        (std::cmp::Reverse(x.end - x.start), x.start, x.end, u)
    });
    let mut out = vec![NONE; tokens.len()];
    for u in order {
        let r = covered[u].clone();
        if r.start < r.end {
            out[r].fill(codes[u]);
        }
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

    /// The words straight from unicode-segmentation, over the whole text.
    fn reference(text: &str) -> Vec<Range<usize>> {
        let char_at = |b: usize| text[..b].chars().count();
        text.unicode_word_indices()
            .map(|(at, w)| char_at(at)..char_at(at + w.len()))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn chunked_reading_gives_the_words_of_the_whole_text(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                " ", "  ", "a", "Ab", "9", "3.5", "’", "'", ".", ",", "\n", "\t", "é", "e\u{301}",
                " \u{301}", "\u{200d}", "👩\u{200d}🔬", "中文", "Россия", "🇺🇸", "\u{a0}", "-", "_",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(words_from(&text, 0), reference(&text));
        }
    }

    #[test]
    fn long_texts_split_at_a_line_break_give_the_same_words() {
        let para = "Détente might come, they say — or not.\n";
        let text = para.repeat((1 << 20) / para.len() + 10);
        let w = words(&text);
        assert_eq!(w, reference(&text));
        assert_eq!(w.len(), 7 * (text.len() / para.len()));
    }

    /// The definition, word by word: the shortest covering unit, the later
    /// in text order on a tie.
    fn innermost(tokens: &[Range<usize>], units: &[Unit], codes: &[u16]) -> Vec<u16> {
        tokens
            .iter()
            .map(|t| {
                units
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.start <= t.start && t.end <= u.end)
                    .min_by_key(|(i, u)| (u.end - u.start, std::cmp::Reverse(*i)))
                    .map_or(NONE, |(i, _)| codes[i])
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn painting_gives_the_innermost_unit(
            spans in proptest::collection::vec((0usize..60, 1usize..30), 0..12)
        ) {
            let text = "ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh ij kl mn op qr";
            let mut units: Vec<Unit> = spans.iter().enumerate().map(|(n, &(s, l))| Unit {
                id: crate::model::UnitId::from_number(n as u64 + 1),
                kind: String::new(),
                start: s,
                end: (s + l).min(text.len()),
                quote: String::new(),
                note: String::new(),
                scenario: None,
            }).collect();
            units.sort_by_key(|u| (u.start, u.end));
            let codes: Vec<u16> = (1..=units.len() as u16).collect();
            let tokens = words(text);
            proptest::prop_assert_eq!(
                labels(&tokens, &units, &codes),
                innermost(&tokens, &units, &codes)
            );
        }
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
        let codes: Vec<u16> = m
            .units()
            .iter()
            .map(|u| tags.iter().position(|t| *t == u.kind).unwrap() as u16)
            .collect();
        let l = labels(&tokens, m.units(), &codes);
        let names: Vec<&str> = l.iter().map(|&i| tags[i as usize]).collect();
        assert_eq!(
            names,
            ["Claim", "Premise", "Evidence", "Premise", "none", "none"]
        );
    }
}
