//! How strings are spelt in a map file: every script readable as itself.
//!
//! ron escapes with `char::escape_debug`, which turns combining marks
//! (Devanagari vowel signs, Arabic harakat, accents typed as two code
//! points), joiners and other format characters into `\u{…}`, so a Hindi
//! note becomes unreadable in the file. [`respell_strings`] re-escapes every
//! string ron wrote with [`escape`], which escapes only:
//! - `"` and `\` (RON syntax), and `\n`, `\r`, `\t`, `\0`;
//! - other control characters (C0, DEL, C1): invisible and unsafe in editors;
//! - bidirectional controls (U+061C, U+200E/F, U+202A–E, U+2066–9): they
//!   reorder how the surrounding file is displayed ("Trojan source"), so
//!   they are shown as escapes where a person can see them;
//! - U+2028/U+2029 (editors break lines at them) and U+FEFF (a stray BOM).
//!
//! Everything else, including combining marks, ZWJ/ZWNJ (needed by emoji and
//! Persian), variation selectors and a combining mark at the very start of a
//! string, is written as itself.

/// Whether `c` is written as an escape (see the module docs).
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
        )
}

/// The body of a RON `"…"` string for `s` (without the quotes).
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => {
                use std::fmt::Write;
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Rewrites every `"…"` string in ron's output with [`escape`]. Outside
/// strings ron writes no backslashes or quotes, so a quote always opens a
/// string here; the escapes decoded are the ones ron's serializer emits.
pub fn respell_strings(ron: &str) -> String {
    let mut out = String::with_capacity(ron.len());
    let mut rest = ron;
    while let Some(q) = rest.find('"') {
        out.push_str(&rest[..q]);
        let body = &rest[q + 1..];
        // Fast path: ron escaped nothing here, and everything we escape it
        // escapes too (all are non-printable to `escape_debug`).
        if let Some(end) = body.find(['"', '\\'])
            && body.as_bytes()[end] == b'"'
        {
            out.push_str(&rest[q..q + 2 + end]);
            rest = &body[end + 1..];
            continue;
        }
        let (value, len) = decode(&rest[q + 1..]);
        out.push('"');
        escape(&value, &mut out);
        out.push('"');
        rest = &rest[q + 1 + len..];
    }
    out.push_str(rest);
    out
}

/// Decodes a string body up to and including its closing quote; returns the
/// value and the bytes consumed. An escape it does not know is kept as written.
fn decode(s: &str) -> (String, usize) {
    let mut value = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, i + 1),
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 'r')) => value.push('\r'),
                Some((_, 't')) => value.push('\t'),
                Some((_, '0')) => value.push('\0'),
                Some((j, 'u')) => {
                    let hex: String = s[j + 1..]
                        .chars()
                        .skip(1)
                        .take_while(|&h| h != '}')
                        .collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) => {
                            value.push(ch);
                            // Skip `{hex}`.
                            for _ in 0..hex.len() + 2 {
                                chars.next();
                            }
                        }
                        None => value.push_str("\\u"),
                    }
                }
                Some((_, other)) => value.push(other),
                None => value.push('\\'),
            },
            c => value.push(c),
        }
    }
    (value, s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelt(s: &str) -> String {
        let mut out = String::new();
        escape(s, &mut out);
        out
    }

    #[test]
    fn scripts_stay_readable() {
        for s in [
            "Любовь",
            "हिन्दी में नोट",
            "العَرَبِيَّة",
            "中文の文章",
            "👩‍🔬 e\u{301}",
        ] {
            assert_eq!(spelt(s), s);
        }
    }

    #[test]
    fn syntax_controls_and_bidi_are_escaped() {
        assert_eq!(spelt("a\"b\\c\nd\re\tf"), "a\\\"b\\\\c\\nd\\re\\tf");
        assert_eq!(spelt("x\u{202E}y\u{7}"), "x\\u{202e}y\\u{7}");
    }

    #[test]
    fn ron_output_is_respelt() {
        let ron = ron::to_string(&("हिन्दी it's \"q\" \\", 3)).unwrap();
        assert!(ron.contains("\\u{"), "ron escapes marks: {ron}");
        assert_eq!(respell_strings(&ron), "(\"हिन्दी it's \\\"q\\\" \\\\\",3)");
    }
}
