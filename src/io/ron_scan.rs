//! A small lexical pass over RON source, independent of serde: where the
//! top-level fields are (so fields from a newer format can be kept verbatim),
//! where comments are (so `fmt` can say what it drops), and where strings and
//! brackets open and close (so a parse error can point at the quote or
//! bracket a person has to fix rather than at the end of the file).

use std::ops::Range;

/// One top-level `name: value` of the file's outer struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TopField {
    pub name: String,
    /// Byte offset of the name.
    pub at: usize,
    /// Byte range of the value, as written (comments inside included).
    pub value: Range<usize>,
}

/// What [`scan`] found.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scan {
    /// Byte ranges of `//` and `/* */` comments.
    pub comments: Vec<Range<usize>>,
    /// The outer struct's fields in file order (empty if it has none or the
    /// file's structure could not be followed).
    pub fields: Vec<TopField>,
    /// Byte ranges of string literals that contain a line break.
    pub multiline_strings: Vec<Range<usize>>,
    /// Where a string starts that is never closed.
    pub unclosed_string: Option<usize>,
    /// Brackets opened and never closed, outermost first (byte offsets).
    pub unclosed_brackets: Vec<usize>,
    /// A closing bracket that does not match the one open: (close, open).
    pub mismatched_bracket: Option<(usize, Option<usize>)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    Word,
    Other,
}

/// Scans `src` once, never failing: whatever cannot be followed is reported
/// through the fields of [`Scan`].
pub(crate) fn scan(src: &str) -> Scan {
    let b = src.as_bytes();
    let mut out = Scan::default();
    let mut toks: Vec<(Tok, Range<usize>)> = Vec::new();
    let mut stack: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = src[i..].find('\n').map_or(b.len(), |n| i + n);
                out.comments.push(i..end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = block_comment_end(b, i);
                out.comments.push(i..end);
                i = end;
            }
            b'"' => {
                let start = i;
                match string_end(b, i) {
                    Some(end) => {
                        if b[start..end].contains(&b'\n') {
                            out.multiline_strings.push(start..end);
                        }
                        toks.push((Tok::Other, start..end));
                        i = end;
                    }
                    None => {
                        out.unclosed_string = Some(start);
                        break;
                    }
                }
            }
            b'r' if raw_string_start(b, i).is_some() => {
                let (hashes, quote) = raw_string_start(b, i).unwrap_or((0, i));
                let mut closing = String::from("\"");
                closing.push_str(&"#".repeat(hashes));
                match src[quote + 1..].find(&closing) {
                    Some(n) => {
                        let end = quote + 1 + n + closing.len();
                        toks.push((Tok::Other, i..end));
                        i = end;
                    }
                    None => {
                        out.unclosed_string = Some(i);
                        break;
                    }
                }
            }
            b'\'' => {
                // A char literal: 'x' or '\n' or '\u{..}'.
                let mut j = i + 1;
                while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                let end = (j + 1).min(b.len());
                toks.push((Tok::Other, i..end));
                i = end;
            }
            b'(' | b'[' | b'{' => {
                stack.push((c, i));
                toks.push((Tok::Open(c), i..i + 1));
                i += 1;
            }
            b')' | b']' | b'}' => {
                let want = match c {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                match stack.pop() {
                    Some((open, _)) if open == want => {}
                    other => {
                        if out.mismatched_bracket.is_none() {
                            out.mismatched_bracket = Some((i, other.map(|(_, at)| at)));
                        }
                    }
                }
                toks.push((Tok::Close(c), i..i + 1));
                i += 1;
            }
            b',' => {
                toks.push((Tok::Comma, i..i + 1));
                i += 1;
            }
            b':' => {
                toks.push((Tok::Colon, i..i + 1));
                i += 1;
            }
            _ if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80 => {
                let start = i;
                while i < b.len() {
                    let d = b[i];
                    if d == b'_' || d == b'#' || d == b'.' || d.is_ascii_alphanumeric() || d >= 0x80
                    {
                        i += 1;
                    } else {
                        break;
                    }
                }
                // Keep multi-byte chars whole.
                while !src.is_char_boundary(i) {
                    i += 1;
                }
                toks.push((Tok::Word, start..i));
            }
            _ => {
                toks.push((Tok::Other, i..i + 1));
                i += 1;
            }
        }
    }
    out.unclosed_brackets = stack.iter().map(|&(_, at)| at).collect();
    out.fields = top_fields(src, &toks);
    out
}

/// The byte just past a `/* */` comment starting at `i` (they nest in RON).
fn block_comment_end(b: &[u8], i: usize) -> usize {
    let mut depth = 0usize;
    let mut j = i;
    while j + 1 < b.len() {
        if b[j] == b'/' && b[j + 1] == b'*' {
            depth += 1;
            j += 2;
        } else if b[j] == b'*' && b[j + 1] == b'/' {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    b.len()
}

/// The byte just past the closing quote of a `"…"` string starting at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// For `r"` or `r#…#"` at `i` (not inside a word): the number of `#` and the
/// offset of the opening quote.
fn raw_string_start(b: &[u8], i: usize) -> Option<(usize, usize)> {
    if i > 0 && (b[i - 1] == b'_' || b[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let mut j = i + 1;
    while b.get(j) == Some(&b'#') {
        j += 1;
    }
    (b.get(j) == Some(&b'"')).then_some((j - i - 1, j))
}

/// The fields of the first struct opened at the outermost level.
fn top_fields(src: &str, toks: &[(Tok, Range<usize>)]) -> Vec<TopField> {
    let mut depth = 0usize;
    let mut k = 0;
    // Find the outer `(` (attributes like `#![enable(..)]` open it deeper).
    while k < toks.len() {
        match toks[k].0 {
            Tok::Open(b'(') if depth == 0 => break,
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        k += 1;
    }
    let mut fields = Vec::new();
    k += 1;
    // At depth 1: NAME `:` VALUE (`,` | `)`)
    while k + 1 < toks.len() {
        let (t, ref r) = toks[k];
        if t == Tok::Close(b')') {
            break;
        }
        if t != Tok::Word || toks[k + 1].0 != Tok::Colon {
            return Vec::new();
        }
        let name = src[r.clone()].to_owned();
        let at = r.start;
        k += 2;
        let value_start = match toks.get(k) {
            Some((_, r)) => r.start,
            None => return Vec::new(),
        };
        let mut value_end = value_start;
        let mut depth = 0usize;
        while k < toks.len() {
            let (t, ref r) = toks[k];
            match t {
                Tok::Open(_) => depth += 1,
                Tok::Close(_) if depth == 0 => break,
                Tok::Close(_) => depth -= 1,
                Tok::Comma if depth == 0 => break,
                _ => {}
            }
            value_end = r.end;
            k += 1;
        }
        fields.push(TopField {
            name,
            at,
            value: value_start..value_end,
        });
        if toks.get(k).map(|t| t.0) == Some(Tok::Comma) {
            k += 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_fields_comments_and_strings() {
        let src = "// head\n#![enable(implicit_some)]\n(\n  a: 1,\n  b: (x: [1, 2], y: \"s, ) \\\" \"), /* c */\n  c: r#\"raw \" \"#\n)\n";
        let s = scan(src);
        let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(
            &src[s.fields[1].value.clone()],
            "(x: [1, 2], y: \"s, ) \\\" \")"
        );
        assert_eq!(&src[s.fields[2].value.clone()], "r#\"raw \" \"#");
        assert_eq!(s.comments.len(), 2);
        assert!(s.unclosed_string.is_none() && s.unclosed_brackets.is_empty());
    }

    #[test]
    fn reports_unclosed_strings_and_brackets() {
        let s = scan("(\n a: \"open,\n b: 2\n");
        assert_eq!(s.unclosed_string, Some(6));
        let s = scan("(\n a: [1, 2,\n b: 2\n)");
        assert_eq!(s.mismatched_bracket, Some((19, Some(6))));
        let s = scan("(\n a: (1, 2,\n");
        assert_eq!(s.unclosed_brackets, vec![0, 6]);
    }
}
