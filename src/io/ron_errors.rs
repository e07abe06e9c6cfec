//! Parse errors in words a person editing a map file can act on, at the line
//! they have to fix. ron reports where it noticed the problem: an unclosed
//! quote at the end of the file, a missing comma at the next item. The
//! lexical [`scan`](super::ron_scan) finds the quote or bracket instead.

use super::error::{FileError, Location, location_of};
use super::ron_scan::Scan;
use ron::error::{Error as E, SpannedError};
use std::path::Path;

/// Turns a RON error into a message at the place to fix. `newer_minor` is
/// the file's minor version when it is newer than this build's.
pub(crate) fn ron_error(
    path: &Path,
    src: &str,
    scan: &Scan,
    e: &SpannedError,
    newer_minor: Option<(u32, u32)>,
) -> FileError {
    let at = |byte: usize| Some(location_of(src, byte));
    let line_of = |byte: usize| location_of(src, byte).line;
    let pos = e.span.start;
    let reported = (pos.line > 0).then_some(Location {
        line: pos.line,
        col: pos.col.max(1),
    });
    let reported_line = reported.map_or(usize::MAX, |l| l.line);

    // A missing quote pairs every later quote wrongly, so ron stops far
    // away. Our files keep each string on one line: the first string that
    // runs across a line break is where a quote is missing, if the parse
    // broke soon after it (or a string never closes at all).
    let first_multiline = scan
        .multiline_strings
        .iter()
        .find(|r| line_of(r.start) <= reported_line);
    let suspect = match first_multiline {
        Some(r) if scan.unclosed_string.is_some() || reported_line <= line_of(r.end) + 1 => {
            Some(r.start)
        }
        _ => scan.unclosed_string,
    };
    if let Some(start) = suspect {
        let line = line_of(start);
        return FileError::at(
            path,
            at(start),
            format!("a quote is not closed on line {line}: add the closing \" where the text ends"),
        );
    }
    // Whatever ron expected at the very end, the fix is a missing bracket.
    // (ron may point at the last character rather than past it.)
    let rest = &src[pos_byte(src, reported).min(src.len())..];
    let at_end = rest.trim().chars().count() <= 1;
    if (at_end || e.code == E::Eof)
        && let Some(&open) = scan.unclosed_brackets.last()
    {
        let line = line_of(open);
        let ch = &src[open..open + 1];
        return FileError::at(
            path,
            at(open),
            format!(
                "the `{ch}` on line {line} is never closed: add `{}` where it should end",
                closing(ch)
            ),
        );
    }
    match &e.code {
        E::Eof => FileError::at(path, reported, "the file ends too early"),
        E::ExpectedArrayEnd | E::ExpectedStructLikeEnd | E::ExpectedMapEnd | E::ExpectedComma => {
            if let Some((close, Some(open))) = scan.mismatched_bracket
                && line_of(close) <= reported_line
            {
                let ch = &src[open..open + 1];
                return FileError::at(
                    path,
                    at(close),
                    format!(
                        "`{}` here does not close the `{ch}` opened on line {}: a bracket is missing or extra",
                        &src[close..close + 1],
                        line_of(open)
                    ),
                );
            }
            let what = match e.code {
                E::ExpectedArrayEnd => "`]` to close the list",
                E::ExpectedStructLikeEnd => "`)` to close the item",
                E::ExpectedMapEnd => "`}` to close the map",
                _ => "a comma",
            };
            let place = previous_token_end(src, pos_byte(src, reported));
            FileError::at(
                path,
                at(place),
                if what == "a comma" {
                    "a comma is missing after this".to_owned()
                } else {
                    format!("a comma is missing after this, or {what}")
                },
            )
        }
        E::IntegerOutOfBounds | E::InvalidValueForType { .. } => {
            let byte = pos_byte(src, reported);
            match negative_sign(src, byte) {
                Some(minus) => FileError::at(path, at(minus), "a number must be 0 or more"),
                None => FileError::at(path, reported, explain(&e.code, newer_minor)),
            }
        }
        code => FileError::at(path, reported, explain(code, newer_minor)),
    }
}

fn closing(open: &str) -> &'static str {
    match open {
        "(" => ")",
        "[" => "]",
        _ => "}",
    }
}

/// The byte offset of a 1-based line and column.
fn pos_byte(src: &str, loc: Option<Location>) -> usize {
    let Some(loc) = loc else { return src.len() };
    let line_start = src
        .split_inclusive('\n')
        .take(loc.line - 1)
        .map(str::len)
        .sum::<usize>();
    let line = &src[line_start.min(src.len())..];
    line_start
        + line
            .char_indices()
            .nth(loc.col - 1)
            .map_or(line.len(), |(i, _)| i)
}

/// The `-` of a negative number ron stopped at (it reports the digits).
fn negative_sign(src: &str, byte: usize) -> Option<usize> {
    let byte = byte.min(src.len());
    let before = src[..byte].trim_end();
    if before.ends_with('-') {
        return Some(before.len() - 1);
    }
    let after = &src[byte..];
    let skipped = after.len() - after.trim_start().len();
    after
        .trim_start()
        .starts_with('-')
        .then_some(byte + skipped)
}

/// Just past the last non-blank char before `byte` (where a missing comma goes).
fn previous_token_end(src: &str, byte: usize) -> usize {
    let before = &src[..byte.min(src.len())];
    before.trim_end().len().saturating_sub(1)
}

/// Says what the parser expected in words a person editing the file understands.
pub(crate) fn explain(code: &E, newer_minor: Option<(u32, u32)>) -> String {
    let outer_in = |outer: &Option<String>| {
        outer
            .as_ref()
            .map_or(String::new(), |o| format!(" in {}", noun(o)))
    };
    match code {
        E::MissingStructField { field, outer } => {
            format!("missing field `{field}`{}", outer_in(outer))
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => match newer_minor {
            Some((major, minor)) => format!(
                "`{found}`{} comes from a newer Argmark (format {major}.{minor}); this Argmark keeps new top-level sections but not new fields inside items, so it cannot open this map safely",
                outer_in(outer)
            ),
            None => format!(
                "unknown field `{found}`{} (a typo?); expected one of {}",
                outer_in(outer),
                list(expected)
            ),
        },
        E::DuplicateStructField { field, outer } => {
            format!("field `{field}` is written twice{}", outer_in(outer))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown value `{found}`{}; expected one of {}",
            outer_in(outer),
            list(expected)
        ),
        E::InvalidValueForType { expected, found } => format!("expected {expected}, found {found}"),
        E::IntegerOutOfBounds => "this number is too large".to_owned(),
        E::ExpectedInteger => "expected a whole number of 0 or more".to_owned(),
        E::ExpectedFloat => "expected a number".to_owned(),
        E::ExpectedBoolean => "expected true or false".to_owned(),
        E::ExpectedString => "expected text in double quotes, like \"this\"".to_owned(),
        E::ExpectedStringEnd => "a quote is not closed: add the closing \"".to_owned(),
        E::ExpectedArray => "expected a list in square brackets, like [ … ]".to_owned(),
        E::ExpectedStructLike => "expected an item in round brackets, like ( … )".to_owned(),
        E::ExpectedNamedStructLike(name) => {
            format!("expected {} in round brackets, like ( … )", noun(name))
        }
        E::ExpectedMap => "expected a map in curly brackets, like { … }".to_owned(),
        E::ExpectedMapColon => "expected `:` between a key and its value".to_owned(),
        E::ExpectedIdentifier => "expected a field name, like `note:`".to_owned(),
        E::ExpectedOption => "expected Some(…) or None".to_owned(),
        E::ExpectedUnit => "expected ()".to_owned(),
        E::ExpectedDifferentLength { expected, found } => {
            format!("expected {expected}, found {found} values")
        }
        E::InvalidEscape(why) => format!(
            "a backslash escape is not valid ({}); write \\\\ for a backslash and \\\" for a quote",
            why.to_lowercase()
        ),
        E::UnexpectedChar(c) => format!("unexpected `{c}` here"),
        E::TrailingCharacters => "there is more after the map's closing `)`".to_owned(),
        E::UnclosedBlockComment => "a /* comment is not closed with */".to_owned(),
        E::UnderscoreAtBeginning => "a number cannot start with `_`".to_owned(),
        E::InvalidIntegerDigit { digit, base } => {
            format!("`{digit}` is not a digit in base {base}")
        }
        E::ExceededRecursionLimit => "the file nests brackets too deeply".to_owned(),
        E::Eof => "the file ends too early".to_owned(),
        E::Message(m) => m.clone(),
        other => other.to_string(),
    }
}

/// A serde struct name as a person would say it: `Unit` → `a unit`.
fn noun(name: &str) -> String {
    match name {
        "Unit" => "a unit".into(),
        "Relation" => "a relation".into(),
        "Scenario" => "a scenario".into(),
        "Meta" => "meta".into(),
        "TagScheme" => "the scheme".into(),
        "Tag" => "a tag".into(),
        "NextIds" => "next_ids".into(),
        "MapFile" | "LenientMapFile" => "the map".into(),
        "RelationKind" => "a relation kind".into(),
        "Role" => "a tag role".into(),
        other => format!("`{other}`"),
    }
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use crate::io::from_ron_str;
    use crate::io::to_ron_string;
    use crate::model::{ArgumentMap, TagScheme};
    use std::path::Path;

    fn broken(from: &str, to: &str) -> (String, crate::io::FileError) {
        let mut map = ArgumentMap::new("one\ntwo\nthree", TagScheme::argument());
        let mut meta = map.meta().clone();
        meta.notes = "a note".into();
        crate::model::apply(&mut map, crate::model::Edit::SetMeta(meta)).unwrap();
        let src = to_ron_string(&map);
        assert!(src.contains(from), "{from:?} not in {src}");
        let src = src.replacen(from, to, 1);
        let e = from_ron_str(&src, Path::new("b.argmap.ron")).unwrap_err();
        (src, e)
    }

    fn line_of<'a>(src: &'a str, e: &crate::io::FileError) -> &'a str {
        let line = e.location.expect("a place").line;
        src.lines().nth(line - 1).unwrap()
    }

    #[test]
    fn common_mistakes_are_named() {
        let (src, e) = broken("notes: \"a note\"", "notes: \"a \\q note\"");
        assert!(e.message.contains("backslash escape is not valid"), "{e}");
        assert!(line_of(&src, &e).contains("notes"), "{e}");

        let (_, e) = broken("(\n  format", "/* open\n(\n  format");
        assert!(e.message.contains("comment is not closed"), "{e}");

        let (_, e) = broken("\"three\",\n  ],\n)\n", "\"three\",\n  ],\n) extra\n");
        assert!(e.message.contains("more after the map's closing"), "{e}");

        let (src, e) = broken("notes: \"a note\"", "notes: \"a note\", notes: \"again\"");
        assert!(e.message.contains("`notes` is written twice"), "{e}");
        assert!(line_of(&src, &e).contains("again"), "{e}");

        let (src, e) = broken("unit: 1", "unit: 99999999999999999999999");
        assert!(e.message.contains("too large"), "{e}");
        assert!(line_of(&src, &e).contains("unit:"), "{e}");
    }

    #[test]
    fn a_real_line_break_in_a_note_is_not_blamed_for_a_later_error() {
        // A hand-written note across two lines is valid RON; the typo is elsewhere.
        let map = ArgumentMap::new("one\ntwo\nthree", TagScheme::argument());
        let src = to_ron_string(&map)
            .replacen("notes: \"\"", "notes: \"a\nnote\"", 1)
            .replacen("\"two\",", "\"two\" oops,", 1);
        assert!(src.contains("a\nnote"), "{src}");
        let e = from_ron_str(&src, Path::new("b.argmap.ron")).unwrap_err();
        assert!(!e.message.contains("quote"), "{e}");
        assert!(line_of(&src, &e).contains("oops"), "{e}");
    }
}
