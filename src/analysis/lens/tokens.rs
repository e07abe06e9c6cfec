//! Splits a text into word, number and punctuation tokens carrying both char
//! and byte offsets, in one pass, so that segmentation and cue matching never
//! re-scan the text or convert offsets.

use std::ops::Range;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (and digits, apostrophes, hyphens or dots between them),
    /// starting with a letter: `that’ll`, `best-case`, `U.S`.
    Word,
    /// Starts with a digit: `2024`, `3.5`, `1,000`, `5th`.
    Number,
    /// Any other single visible char: punctuation, quotes, symbols, emoji.
    Punct(char),
}

/// One token of a text.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub kind: TokenKind,
    /// Unicode scalar offsets into the text.
    pub chars: Range<usize>,
    /// Byte offsets into the text.
    pub bytes: Range<usize>,
    /// Lower-case form with curly apostrophes and non-breaking hyphens folded,
    /// for matching; the char itself for punctuation.
    pub norm: String,
    /// Whether the first char is upper- or title-case.
    pub capitalised: bool,
    /// Whether whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Line breaks in that whitespace, capped at 2 (2 means a blank line).
    pub breaks_before: u8,
}

impl Token {
    /// Whether this is a word (not a number or punctuation).
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether this is the punctuation char `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    /// The punctuation char, if this is one.
    pub fn punct(&self) -> Option<char> {
        match self.kind {
            TokenKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    /// Whether the first char is lower-case (so the word cannot start a sentence).
    pub fn starts_lower(&self) -> bool {
        self.is_word()
            && !self.capitalised
            && self.norm.chars().next().is_some_and(char::is_lowercase)
    }
}

/// Marks that continue the letter before them: combining accents, joiners
/// and variation selectors. A decomposed "é" stays one word.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{200D}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Chars that join two runs of letters into one word: apostrophes, hyphens, dots.
fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2011}' | '.')
}

/// Chars that join two runs of digits into one number.
fn joins_number(c: char) -> bool {
    matches!(c, '.' | ',')
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// The matching form of a word: lower case, `’` and `‘` as `'`, U+2011 as `-`.
pub(crate) fn normalise(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' => '\'',
            '\u{2011}' => '-',
            c => c,
        })
        .collect()
}

/// Tokenises `text[from..to]` (which must start and end at whitespace
/// boundaries, or the text's ends), with offsets into the whole text;
/// `chars_before` is the char offset of `from`.
pub(crate) fn tokenize_part(text: &str, from: usize, to: usize, chars_before: usize) -> Vec<Token> {
    let mut out = tokenize(&text[from..to]);
    for t in &mut out {
        t.chars = t.chars.start + chars_before..t.chars.end + chars_before;
        t.bytes = t.bytes.start + from..t.bytes.end + from;
    }
    out
}

/// Tokenises `text`.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::with_capacity(chars.len() / 5 + 1);
    let mut i = 0;
    let mut space_before = false;
    let mut breaks: u8 = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            space_before = true;
            if is_break(c) {
                breaks = breaks.saturating_add(1).min(2);
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_alphabetic() {
            TokenKind::Word
        } else if c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Punct(c)
        };
        i += 1;
        if kind != TokenKind::Punct(c) {
            let joins = if kind == TokenKind::Word {
                joins_word
            } else {
                joins_number
            };
            while i < chars.len() {
                let d = chars[i].1;
                let next_is_alnum = chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if is_word_char(d) || (joins(d) && next_is_alnum) {
                    i += if is_word_char(d) { 1 } else { 2 };
                } else {
                    break;
                }
            }
        }
        let bytes = byte_at(start)..byte_at(i);
        let raw = &text[bytes.clone()];
        out.push(Token {
            kind,
            chars: start..i,
            bytes,
            norm: normalise(raw),
            capitalised: c.is_uppercase()
                || (!c.is_lowercase() && c.to_lowercase().next() != Some(c)),
            space_before: space_before || start == 0,
            breaks_before: breaks,
        });
        space_before = false;
        breaks = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_dots() {
        assert_eq!(
            norms("That’ll be a best-case U.S. plan, e.g. 3.5 or 1,000."),
            [
                "that'll",
                "be",
                "a",
                "best-case",
                "u.s",
                ".",
                "plan",
                ",",
                "e.g",
                ".",
                "3.5",
                "or",
                "1,000",
                "."
            ]
        );
    }

    #[test]
    fn offsets_are_chars_and_bytes() {
        let t = "é “Россия” 中文 👩‍🔬 might";
        let toks = tokenize(t);
        let might = toks.last().unwrap();
        assert_eq!(might.norm, "might");
        assert_eq!(&t[might.bytes.clone()], "might");
        let chars_before = t[..might.bytes.start].chars().count();
        assert_eq!(might.chars.start, chars_before);
        assert_eq!(might.chars.len(), 5);
        assert!(toks.iter().any(|t| t.norm == "россия" && t.capitalised));
    }

    #[test]
    fn combining_marks_stay_in_the_word_and_breaks_are_counted() {
        let toks = tokenize("De\u{301}tente\n\nNext\nline");
        assert_eq!(toks[0].chars, 0..8);
        assert_eq!(toks[1].breaks_before, 2);
        assert_eq!(toks[2].breaks_before, 1);
        assert!(toks[1].capitalised && !toks[2].capitalised);
    }
}
