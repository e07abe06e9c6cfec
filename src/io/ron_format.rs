//! The `.argmap.ron` format: pretty, deterministic RON that people can read,
//! hand-edit and diff.
//!
//! The file mirrors [`ArgumentMap`] through [`MapFile`], a plain serde struct,
//! so the in-memory model can change shape without changing the format. The
//! text comes last, one string per line of the source, so a change in one
//! paragraph shows as a one-line diff.

use super::error::{FileError, Location, location_of};
use crate::model::{
    ArgumentMap, FORMAT_VERSION, MapParts, Meta, NextIds, Pos, Relation, Scenario, TagScheme, Unit,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// The on-disk shape of a map, field order being file order. Unknown
/// fields are errors, so a hand-edit typo is reported instead of dropped.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    format: u32,
    #[serde(default)]
    meta: Meta,
    scheme: TagScheme,
    #[serde(default)]
    units: Vec<Unit>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    scenarios: Vec<Scenario>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    positions: BTreeMap<String, Pos>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dismissed: Vec<Range<usize>>,
    #[serde(default)]
    next_ids: NextIds,
    /// The text split at `\n` (a `\r` before it stays on its line).
    text: Vec<String>,
}

/// Just enough of a file to read its format version before anything else.
#[derive(Deserialize)]
struct VersionProbe {
    format: u32,
}

/// The map as `.argmap.ron` text. Same map, same bytes.
///
/// Written field by field so that each unit, relation, scenario and line of
/// text sits on a line of its own: a change to one shows as a one-line diff.
pub fn to_ron_string(map: &ArgumentMap) -> String {
    let parts = map.to_parts();
    let text: Vec<&str> = parts.text.split('\n').collect();
    let mut out = format!(
        "// Argmark argument map, format {FORMAT_VERSION}. Offsets count Unicode characters in `text`.\n(\n"
    );
    field(&mut out, "format", &FORMAT_VERSION, 0);
    field(&mut out, "meta", &parts.meta, 1);
    field(
        &mut out,
        "scheme",
        &parts.scheme.unwrap_or_else(TagScheme::argument),
        2,
    );
    field(&mut out, "units", &parts.units, 1);
    field(&mut out, "relations", &parts.relations, 1);
    field(&mut out, "scenarios", &parts.scenarios, 1);
    if !parts.positions.is_empty() {
        field(&mut out, "positions", &parts.positions, 1);
    }
    if !parts.dismissed.is_empty() {
        field(&mut out, "dismissed", &parts.dismissed, 1);
    }
    field(&mut out, "next_ids", &parts.next_ids, 0);
    field(&mut out, "text", &text, 1);
    out.push_str(")\n");
    out
}

/// Appends `  name: value,` with the value pretty-printed to `depth` levels
/// of nesting (deeper levels stay on one line).
fn field<T: Serialize + ?Sized>(out: &mut String, name: &str, value: &T, depth: usize) {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .depth_limit(depth)
        .struct_names(false)
        .separate_tuple_members(false);
    // Plain structs of strings and numbers always serialize.
    let body = ron::ser::to_string_pretty(value, config).unwrap_or_default();
    let body = unescape_apostrophes(&body);
    out.push_str("  ");
    out.push_str(name);
    out.push_str(": ");
    out.push_str(&body.replace('\n', "\n  "));
    out.push_str(",\n");
}

/// ron escapes `'` inside strings as `\'`, which makes notes with
/// apostrophes hard to read; `'` needs no escape in a `"…"` string.
fn unescape_apostrophes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\'') => out.push('\''),
                Some(next) => {
                    out.push(c);
                    out.push(next);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses `.argmap.ron` text. `path` is only used to name the file in errors.
/// Content is not validated here; see [`crate::model::validate`].
pub fn from_ron_str(src: &str, path: &Path) -> Result<ArgumentMap, FileError> {
    let options = ron::Options::default();
    match options.from_str::<VersionProbe>(src) {
        Ok(probe) if probe.format > FORMAT_VERSION => {
            return Err(FileError::new(
                path,
                format!(
                    "this map uses format {} from a newer Argmark; this version reads format {FORMAT_VERSION} and older",
                    probe.format
                ),
            ));
        }
        Ok(probe) if probe.format == 0 => {
            return Err(FileError::new(
                path,
                "format 0 is not a valid Argmark format version",
            ));
        }
        _ => {}
    }
    let file: MapFile = options.from_str(src).map_err(|e| ron_error(path, &e))?;
    Ok(ArgumentMap::from_parts(MapParts {
        meta: file.meta,
        scheme: Some(file.scheme),
        text: file.text.join("\n"),
        units: file.units,
        scenarios: file.scenarios,
        relations: file.relations,
        positions: file.positions,
        dismissed: file.dismissed,
        next_ids: file.next_ids,
    }))
}

/// Turns a RON error into a message with the position the parser reports.
fn ron_error(path: &Path, e: &ron::error::SpannedError) -> FileError {
    let pos = e.span.start;
    let location = (pos.line > 0).then_some(Location {
        line: pos.line,
        col: pos.col.max(1),
    });
    FileError::at(path, location, explain(&e.code))
}

/// Says what the parser expected in words a person editing the file understands.
fn explain(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("missing field `{field}` in {outer}"),
            None => format!("missing field `{field}`"),
        },
        E::Eof => "the file ends too early (an unclosed bracket or string?)".to_owned(),
        other => other.to_string(),
    }
}

/// Finds where an item with this id is written, so content problems found
/// after parsing can point at a line: the first `id: "u3"` in the file.
pub fn locate_id(src: &str, id: &str) -> Option<Location> {
    let needle = format!("id: \"{id}\"");
    src.find(&needle).map(|b| location_of(src, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, UnitId, apply};

    fn sample() -> ArgumentMap {
        let mut map = ArgumentMap::new(
            "Détente “now”.\r\nSecond line with \"quotes\", it's \\' and \\ backslash.\n\nЛюбовь 中文 👩‍🔬",
            TagScheme::argument(),
        );
        apply(
            &mut map,
            Edit::AddUnit(Unit {
                id: UnitId::from_number(1),
                kind: "Claim".into(),
                start: 0,
                end: 7,
                quote: String::new(),
                note: "a note\nwith two lines".into(),
                scenario: None,
            }),
        )
        .unwrap();
        map
    }

    #[test]
    fn round_trip_is_exact_and_deterministic() {
        let map = sample();
        let a = to_ron_string(&map);
        let back = from_ron_str(&a, Path::new("x.argmap.ron")).unwrap();
        assert_eq!(back, map);
        assert_eq!(to_ron_string(&back), a);
        assert!(a.contains("quote: \"Détente\""), "{a}");
        assert!(
            a.contains(r#"it's \\' and"#),
            "apostrophes stay readable: {a}"
        );
    }

    #[test]
    fn newer_format_is_refused_with_versions() {
        let src = to_ron_string(&sample()).replace("format: 1,", "format: 7,");
        let e = from_ron_str(&src, Path::new("new.argmap.ron")).unwrap_err();
        assert!(e.message.contains("format 7"), "{e}");
        assert!(e.to_string().starts_with("new.argmap.ron: "), "{e}");
    }

    #[test]
    fn a_misspelt_field_is_reported_not_dropped() {
        let src = to_ron_string(&sample()).replacen("note: ", "notes: ", 1);
        let e = from_ron_str(&src, Path::new("typo.argmap.ron")).unwrap_err();
        assert!(e.message.contains("notes"), "{e}");
        assert!(e.location.is_some(), "{e}");
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let src = to_ron_string(&sample()).replacen("kind: \"Claim\",", "kind: \"Claim\" oops,", 1);
        let e = from_ron_str(&src, Path::new("bad.argmap.ron")).unwrap_err();
        let loc = e.location.expect("a position");
        let line = src.lines().nth(loc.line - 1).unwrap();
        assert!(line.contains("oops"), "line {} is {line:?}: {e}", loc.line);
    }
}
