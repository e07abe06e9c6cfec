//! Conversions between the char offsets stored in files and the byte offsets
//! Rust strings use, plus paragraph boundaries.
//!
//! Built once per text (O(n)), then every lookup is O(log n) plus a short scan,
//! so nothing ever walks the whole text per frame.

use std::ops::Range;
use unicode_segmentation::GraphemeCursor;

/// Every `STRIDE`-th char's byte offset is remembered.
const STRIDE: usize = 64;

/// Lines longer than this many chars are split into blocks for layout, so
/// the reading pane never lays out (or re-lays out) a megabyte at once.
pub const MAX_BLOCK: usize = 4_096;

/// An index over one text for char ↔ byte conversion and paragraph lookup.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// Byte offset of chars 0, STRIDE, 2·STRIDE, …
    checkpoints: Vec<usize>,
    len_chars: usize,
    len_bytes: usize,
    ascii: bool,
    /// Char ranges of the paragraphs (lines, split into blocks of at most
    /// [`MAX_BLOCK`] chars), without their line terminator.
    paragraphs: Vec<Range<usize>>,
    /// Indices of blocks that continue the line of the block before them.
    continued: Vec<usize>,
}

impl TextIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut paragraphs = Vec::new();
        let mut continued = Vec::new();
        let mut len_chars = 0;
        let mut para_start = 0;
        let mut prev_cr = false;
        let mut prev = '\n';
        // Latest places a long line may be split: after the space that
        // follows a sentence's end, and after any space.
        let (mut sentence_cut, mut word_cut) = (0usize, 0usize);
        for (byte, c) in text.char_indices() {
            if len_chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            if c == '\n' {
                let end = if prev_cr { len_chars - 1 } else { len_chars };
                paragraphs.push(para_start..end);
                para_start = len_chars + 1;
            } else {
                if len_chars - para_start >= MAX_BLOCK {
                    // The block is full: end it at the last sentence end in
                    // its second half, else the last space, else right here.
                    let cut = if sentence_cut > para_start + MAX_BLOCK / 2 {
                        sentence_cut
                    } else if word_cut > para_start {
                        word_cut
                    } else {
                        len_chars
                    };
                    paragraphs.push(para_start..cut);
                    continued.push(paragraphs.len());
                    para_start = cut;
                }
                if c == ' ' || c == '\t' || c == '\u{3000}' {
                    word_cut = len_chars + 1;
                    if matches!(prev, '.' | '!' | '?' | '…' | '"' | '”' | ')') {
                        sentence_cut = len_chars + 1;
                    }
                } else if matches!(c, '。' | '！' | '？') {
                    // CJK text has no spaces: cut after its full stops.
                    word_cut = len_chars + 1;
                    sentence_cut = len_chars + 1;
                }
            }
            prev_cr = c == '\r';
            prev = c;
            len_chars += 1;
        }
        if len_chars % STRIDE == 0 {
            checkpoints.push(text.len());
        }
        paragraphs.push(para_start..len_chars);
        Self {
            checkpoints,
            len_chars,
            len_bytes: text.len(),
            ascii,
            paragraphs,
            continued,
        }
    }

    /// Whether block `p` of [`Self::paragraphs`] continues the line of the
    /// block before it (a long line split for layout), rather than starting
    /// after a line break.
    pub fn continues_line(&self, p: usize) -> bool {
        self.continued.binary_search(&p).is_ok()
    }

    /// Number of Unicode scalar values in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Byte offset of char offset `c`, or `None` past the end.
    /// `text` must be the string this index was built from.
    pub fn char_to_byte(&self, text: &str, c: usize) -> Option<usize> {
        if c > self.len_chars {
            return None;
        }
        if self.ascii {
            return Some(c);
        }
        if c == self.len_chars {
            return Some(self.len_bytes);
        }
        let base = self.checkpoints[c / STRIDE];
        let skip = c % STRIDE;
        text[base..].char_indices().nth(skip).map(|(b, _)| base + b)
    }

    /// Char offset of byte offset `b`, or `None` when `b` is past the end or
    /// inside a multi-byte char.
    pub fn byte_to_char(&self, text: &str, b: usize) -> Option<usize> {
        if b > self.len_bytes || !text.is_char_boundary(b) {
            return None;
        }
        if self.ascii {
            return Some(b);
        }
        let block = self.checkpoints.partition_point(|&cp| cp <= b) - 1;
        let base = self.checkpoints[block];
        Some(block * STRIDE + text[base..b].chars().count())
    }

    /// The slice of `text` between two char offsets, if both are in range and ordered.
    pub fn slice<'t>(&self, text: &'t str, chars: Range<usize>) -> Option<&'t str> {
        if chars.start > chars.end {
            return None;
        }
        let start = self.char_to_byte(text, chars.start)?;
        let end = self.char_to_byte(text, chars.end)?;
        Some(&text[start..end])
    }

    /// Whether char offset `c` lies between two grapheme clusters, so a
    /// unit boundary there does not split "é" (e + accent), a flag or CRLF.
    pub fn is_grapheme_boundary(&self, text: &str, c: usize) -> bool {
        let Some(b) = self.char_to_byte(text, c) else {
            return false;
        };
        GraphemeCursor::new(b, text.len(), true)
            .is_boundary(text, 0)
            .unwrap_or(false)
    }

    /// Char ranges of the paragraphs: the text split at line breaks, without
    /// the `\n` or `\r\n`, and lines longer than [`MAX_BLOCK`] chars split
    /// further into blocks at a sentence end or a space (see
    /// [`Self::continues_line`]), so that layout works on bounded pieces.
    /// Always at least one (possibly empty) paragraph.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// Index of the paragraph containing char offset `c` (a line break
    /// belongs to the paragraph it ends).
    pub fn paragraph_of(&self, c: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.start <= c)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_identity() {
        let t = "hello\nworld";
        let ix = TextIndex::new(t);
        assert_eq!(ix.len_chars(), 11);
        assert_eq!(ix.char_to_byte(t, 6), Some(6));
        assert_eq!(ix.char_to_byte(t, 12), None);
        assert_eq!(ix.paragraphs(), &[0..5, 6..11]);
    }

    #[test]
    fn multibyte_offsets_match_naive_scan() {
        let t = "Détente “New” Россия 中文 👩‍🔬 🇮🇳!".repeat(20);
        let ix = TextIndex::new(&t);
        let naive: Vec<usize> = t.char_indices().map(|(b, _)| b).chain([t.len()]).collect();
        assert_eq!(ix.len_chars(), naive.len() - 1);
        for (c, &b) in naive.iter().enumerate() {
            assert_eq!(ix.char_to_byte(&t, c), Some(b), "char {c}");
            assert_eq!(ix.byte_to_char(&t, b), Some(c), "byte {b}");
        }
        assert_eq!(ix.byte_to_char(&t, 2), None, "inside é");
    }

    #[test]
    fn crlf_paragraphs_exclude_the_terminator() {
        let t = "one\r\ntwo\r\n";
        let ix = TextIndex::new(t);
        assert_eq!(ix.paragraphs(), &[0..3, 5..8, 10..10]);
        assert_eq!(ix.paragraph_of(4), 0);
        assert_eq!(ix.paragraph_of(5), 1);
        assert!(!ix.is_grapheme_boundary(t, 4), "between CR and LF");
    }

    #[test]
    fn a_text_without_line_breaks_is_split_at_sentence_ends() {
        let sentence = "The agreement will likely presage more naval drills. ";
        let t = sentence.repeat(1_000);
        let ix = TextIndex::new(&t);
        let blocks = ix.paragraphs();
        assert!(blocks.len() > 10);
        assert_eq!(blocks[0].start, 0);
        assert_eq!(blocks.last().unwrap().end, ix.len_chars());
        for (i, b) in blocks.iter().enumerate() {
            assert!(b.len() <= MAX_BLOCK, "block {i} has {}", b.len());
            if i > 0 {
                assert_eq!(blocks[i - 1].end, b.start, "blocks tile the line");
                assert!(ix.continues_line(i));
                assert!(
                    t[b.start..].starts_with("The "),
                    "block {i} starts a sentence"
                );
            }
        }
        assert!(!ix.continues_line(0));
        // Short lines are left alone.
        let ix = TextIndex::new("one\ntwo");
        assert_eq!(ix.paragraphs(), &[0..3, 4..7]);
        assert!(!ix.continues_line(1));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Blocks tile every line exactly, none is longer than
        /// [`MAX_BLOCK`], and a line is cut only after a space (or, in a
        /// run with no space at all, exactly at the limit).
        #[test]
        fn blocks_tile_lines_and_cut_after_spaces(
            words in proptest::collection::vec(
                (
                    proptest::prop_oneof![60 => "[a-zé中]{1,30}", 1 => "[a-z]{3000,5000}"],
                    proptest::prop_oneof![
                        300 => proptest::strategy::Just(" "),
                        60 => proptest::strategy::Just(". "),
                        20 => proptest::strategy::Just(""),
                        10 => proptest::strategy::Just("。"),
                        5 => proptest::strategy::Just("  "),
                        1 => proptest::strategy::Just("\n"),
                    ],
                ),
                1..1500,
            )
        ) {
            let t: String = words.iter().flat_map(|(w, s)| [w.as_str(), *s]).collect();
            let chars: Vec<char> = t.chars().collect();
            let ix = TextIndex::new(&t);
            let blocks = ix.paragraphs();
            let mut line_start = 0;
            for (i, b) in blocks.iter().enumerate() {
                proptest::prop_assert!(b.len() <= MAX_BLOCK);
                if ix.continues_line(i) {
                    proptest::prop_assert_eq!(blocks[i - 1].end, b.start);
                    let before = chars[b.start - 1];
                    let cut_at_space = matches!(before, ' ' | '\t' | '。');
                    let full = blocks[i - 1].len() == MAX_BLOCK
                        && !chars[blocks[i - 1].clone()].iter().any(|c| matches!(c, ' ' | '\t' | '。'));
                    proptest::prop_assert!(cut_at_space || full, "cut {} after {:?}", b.start, before);
                } else {
                    proptest::prop_assert_eq!(b.start, line_start);
                }
                proptest::prop_assert!(!chars[b.clone()].contains(&'\n'));
                if b.end < chars.len() && chars[b.end] == '\n' {
                    line_start = b.end + 1;
                }
            }
            proptest::prop_assert_eq!(blocks.last().map(|b| b.end), Some(chars.len()));
        }
    }

    #[test]
    fn grapheme_boundaries_respect_combining_marks() {
        let t = "e\u{301}x";
        let ix = TextIndex::new(t);
        assert!(ix.is_grapheme_boundary(t, 0));
        assert!(!ix.is_grapheme_boundary(t, 1));
        assert!(ix.is_grapheme_boundary(t, 2));
        assert!(ix.is_grapheme_boundary(t, 3));
    }
}
