//! Conversions between the char offsets stored in files and the byte offsets
//! Rust strings use, plus paragraph boundaries.
//!
//! Built once per text (O(n)), then every lookup is O(log n) plus a short scan,
//! so nothing ever walks the whole text per frame.

use std::ops::Range;
use unicode_segmentation::GraphemeCursor;

/// Every `STRIDE`-th char's byte offset is remembered.
const STRIDE: usize = 64;

/// An index over one text for char ↔ byte conversion and paragraph lookup.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// Byte offset of chars 0, STRIDE, 2·STRIDE, …
    checkpoints: Vec<usize>,
    len_chars: usize,
    len_bytes: usize,
    ascii: bool,
    /// Char ranges of the paragraphs (lines), without their line terminator.
    paragraphs: Vec<Range<usize>>,
}

impl TextIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut paragraphs = Vec::new();
        let mut len_chars = 0;
        let mut para_start = 0;
        let mut prev_cr = false;
        for (byte, c) in text.char_indices() {
            if len_chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            if c == '\n' {
                let end = if prev_cr { len_chars - 1 } else { len_chars };
                paragraphs.push(para_start..end);
                para_start = len_chars + 1;
            }
            prev_cr = c == '\r';
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
        }
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
    /// the `\n` or `\r\n`. Always at least one (possibly empty) paragraph.
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
    fn grapheme_boundaries_respect_combining_marks() {
        let t = "e\u{301}x";
        let ix = TextIndex::new(t);
        assert!(ix.is_grapheme_boundary(t, 0));
        assert!(!ix.is_grapheme_boundary(t, 1));
        assert!(ix.is_grapheme_boundary(t, 2));
        assert!(ix.is_grapheme_boundary(t, 3));
    }
}
