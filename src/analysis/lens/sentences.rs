//! Sentence segmentation for essays, news and speeches, so that the lens can
//! label whole sentences and suggest them as units.
//!
//! Rules, applied to the tokens of [`super::tokens`]:
//! - A blank line always ends a sentence. A single line break ends one unless
//!   the line does not end in punctuation and the next begins in lower case
//!   (a hard-wrapped line).
//! - A list marker at the start of a line (`* `, `- `, `• `, `# `, `1. `, `2) `)
//!   ends the sentence before it and is left out of the next one, so
//!   `* 27 January 2024: “Title”` is one sentence, `27 January 2024: “Title”`.
//! - `.`, `!`, `?`, `…` (with any closing quotes or brackets right after them)
//!   end a sentence when whitespace and a word that is not lower case follow.
//!   `“Why?” he asked` stays one sentence. `。！？` need no whitespace.
//! - A `.` after an abbreviation does not end a sentence: never after titles
//!   and Latin abbreviations (Mr., Dr., St., e.g., i.e., vs.), not after
//!   "No."/"Jan." before a number, and after "etc.", "Inc.", "U.S.", initials
//!   and the like only when a typical sentence opener (The, It, But, …) follows.
//! - Colons never end a sentence, so a dated heading like "27 January 2024:"
//!   stays with what it introduces.

use super::tokens::{Token, TokenKind, tokenize};
use std::ops::Range;

/// Abbreviations that are never the last word of a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "rev", "hon", "sen", "rep", "gov", "pres", "amb", "supt", "e.g", "i.e", "cf",
    "vs", "viz", "approx", "ca",
];

/// Abbreviations that stand before a number ("No. 5", "Jan. 27", "p. 12").
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "vol", "fig", "figs", "art", "sec", "ch", "pp", "p", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Abbreviations that may end a sentence.
const MAY_BE_FINAL: &[&str] = &[
    "etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "dept", "govt", "est", "al", "plc",
];

/// Words that typically open a sentence; after an ambiguous abbreviation
/// they signal a new sentence ("in the U.S. The next day").
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "if",
    "when",
    "while",
    "as",
    "however",
    "meanwhile",
    "there",
    "here",
    "what",
    "why",
    "how",
    "who",
    "his",
    "her",
    "their",
    "our",
    "my",
    "some",
    "many",
    "most",
    "all",
    "no",
    "after",
    "before",
    "since",
    "then",
    "now",
    "still",
    "also",
    "such",
    "both",
    "each",
    "every",
    "another",
    "despite",
    "although",
    "though",
    "because",
    "unless",
    "until",
    "with",
    "without",
    "by",
    "from",
    "to",
    "of",
    "nevertheless",
    "moreover",
    "instead",
    "yes",
    "one",
];

/// Char spans of the sentences of `text`, in order, without surrounding
/// whitespace or list markers.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let tokens = tokenize(text);
    segment(&tokens)
        .into_iter()
        .map(|r| tokens[r.start].chars.start..tokens[r.end - 1].chars.end)
        .collect()
}

/// Token index ranges of the sentences; each holds at least one word or number.
pub(crate) fn segment(tokens: &[Token]) -> Vec<Range<usize>> {
    segment_from(tokens, true)
}

/// [`segment`] of tokens that start a sentence somewhere in a text: the
/// first token counts as a line start only if `first_at_line_start` or a
/// line break precedes it (so a carried-over sentence is read as in the
/// whole text).
pub(crate) fn segment_from(tokens: &[Token], first_at_line_start: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut push = |r: Range<usize>| {
        if tokens[r.clone()].iter().any(|t| t.punct().is_none()) {
            out.push(r);
        }
    };
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let at_line_start = (i == 0 && first_at_line_start) || tokens[i].breaks_before > 0;
        if at_line_start {
            if i > 0 && line_break_ends_sentence(tokens, i) {
                push(start..i);
                start = i;
            }
            if let Some(n) = list_marker_len(tokens, i) {
                push(start..i);
                i += n;
                start = i;
                continue;
            }
        }
        let Some(c) = tokens[i].punct().filter(|&c| is_terminal(c)) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tokens.len()
            && !tokens[j].space_before
            && tokens[j]
                .punct()
                .is_some_and(|d| is_terminal(d) || is_closer(d))
        {
            j += 1;
        }
        if j < tokens.len() && tokens[j].breaks_before == 0 {
            let next = &tokens[j];
            let spaced = next.space_before || is_cjk_terminal(c);
            if spaced && !next.starts_lower() && !abbreviation_holds(tokens, i, j) {
                push(start..j);
                start = j;
            }
        }
        i = j;
    }
    if start < tokens.len() {
        push(start..tokens.len());
    }
    out
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉') || is_cjk_terminal(c)
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '"' | '’' | '\'' | ')' | ']' | '»' | '›' | '」' | '』' | '）'
    )
}

/// Whether a single or double line break before token `i` ends the sentence.
fn line_break_ends_sentence(tokens: &[Token], i: usize) -> bool {
    if tokens[i].breaks_before >= 2 {
        return true;
    }
    let ends_line = tokens[i - 1]
        .punct()
        .is_some_and(|c| is_terminal(c) || is_closer(c) || matches!(c, ':' | ';'));
    ends_line || !tokens[i].starts_lower()
}

/// The number of tokens of a list marker at token `i` (at a line start), if any.
fn list_marker_len(tokens: &[Token], i: usize) -> Option<usize> {
    let spaced_after = |k: usize| tokens.get(k).is_some_and(|t| t.space_before);
    let t = &tokens[i];
    match t.kind {
        TokenKind::Punct('*' | '-' | '•' | '–' | '—' | '+' | '▪' | '◦') if spaced_after(i + 1) => {
            Some(1)
        }
        TokenKind::Punct('#') => {
            let n = tokens[i..].iter().take_while(|t| t.is('#')).count();
            spaced_after(i + n).then_some(n)
        }
        TokenKind::Number if t.norm.len() <= 2 && t.norm.chars().all(|c| c.is_ascii_digit()) => {
            let dot = tokens.get(i + 1)?;
            (!dot.space_before && (dot.is('.') || dot.is(')')) && spaced_after(i + 2)).then_some(2)
        }
        _ => None,
    }
}

/// Whether the `.` at token `dot` belongs to an abbreviation and so does not
/// end the sentence before token `next`.
fn abbreviation_holds(tokens: &[Token], dot: usize, next: usize) -> bool {
    if !tokens[dot].is('.') || next != dot + 1 || dot == 0 || tokens[dot].space_before {
        return false;
    }
    let word = &tokens[dot - 1];
    if !word.is_word() {
        return false;
    }
    let w = word.norm.as_str();
    let following = &tokens[next];
    if NEVER_FINAL.contains(&w) {
        return true;
    }
    if BEFORE_NUMBER.contains(&w) && following.kind == TokenKind::Number {
        return true;
    }
    let initialism = w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2);
    let initial = word.capitalised && word.chars.len() == 1;
    if MAY_BE_FINAL.contains(&w) || BEFORE_NUMBER.contains(&w) || initialism || initial {
        let opener = following.is_word() && OPENERS.contains(&following.norm.as_str());
        return !opener;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        sentences(text)
            .into_iter()
            .map(|r| text.chars().skip(r.start).take(r.len()).collect())
            .collect()
    }

    #[test]
    fn splits_at_terminal_punctuation_with_closing_quotes() {
        assert_eq!(
            split("He said, “It is over.” Then he left! Did he? Yes…  Maybe."),
            [
                "He said, “It is over.”",
                "Then he left!",
                "Did he?",
                "Yes…",
                "Maybe."
            ]
        );
    }

    #[test]
    fn question_inside_quotes_before_lower_case_does_not_split() {
        assert_eq!(
            split("“Will it hold?” she asked. The briefing “Why Now?” was read widely."),
            [
                "“Will it hold?” she asked.",
                "The briefing “Why Now?” was read widely."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            split(
                "Mr. Smith met Dr. Jones in St. Petersburg. Costs rose, e.g. for fuel. \
                 George W. Bush spoke. It happened in the U.S. The next day was calm. \
                 U.S. officials agreed on Jan. 27 to pay No. 5 first. Pens, paper, etc. were sold."
            ),
            [
                "Mr. Smith met Dr. Jones in St. Petersburg.",
                "Costs rose, e.g. for fuel.",
                "George W. Bush spoke.",
                "It happened in the U.S.",
                "The next day was calm.",
                "U.S. officials agreed on Jan. 27 to pay No. 5 first.",
                "Pens, paper, etc. were sold."
            ]
        );
    }

    #[test]
    fn list_bullets_and_dated_headings() {
        let text = "Here are the briefings:\n* 27 January 2024: “Why Now?”\n- 5 May 2024: “Next Steps”\n1. First point.\n## Heading\nLast line";
        assert_eq!(
            split(text),
            [
                "Here are the briefings:",
                "27 January 2024: “Why Now?”",
                "5 May 2024: “Next Steps”",
                "First point.",
                "Heading",
                "Last line"
            ]
        );
    }

    #[test]
    fn wrapped_lines_join_and_blank_lines_split() {
        assert_eq!(
            split("The deal was signed\nlast week in Delhi\n\nnew paragraph here\nNew line"),
            [
                "The deal was signed\nlast week in Delhi",
                "new paragraph here",
                "New line"
            ]
        );
    }

    #[test]
    fn numbers_cjk_and_offsets_in_chars() {
        let text = "Prices rose 3.5 per cent. 中文句子。第二句。 Россия — да.";
        let spans = sentences(text);
        assert_eq!(
            split(text),
            [
                "Prices rose 3.5 per cent.",
                "中文句子。",
                "第二句。",
                "Россия — да."
            ]
        );
        assert_eq!(spans[3].end, text.chars().count());
    }
}
