//! The `.argmap.ron` format: pretty, deterministic RON that people can read,
//! hand-edit and diff.
//!
//! The file mirrors [`ArgumentMap`] through [`MapFile`], a plain serde struct,
//! so the in-memory model can change shape without changing the format. The
//! text comes last, one string per line of the source, so a change in one
//! paragraph shows as a one-line diff.
//!
//! # Versions
//! `format: 1` is the major version; `minor: N` follows it when N > 0 (a
//! file without `minor` is 1.0, so every older file still loads). A reader
//! refuses a newer major version. A newer minor version may only add
//! top-level sections: this reader keeps them verbatim ([`KeptFields`]),
//! writes them back on save (with the file's minor version) and warns that
//! it did. Unknown fields in a file of this version or older are typos and
//! refused, as are unknown fields inside items (units, relations …) in any
//! version, which this reader could not keep. So a future version adds new
//! data as new top-level sections and bumps `minor`; anything else bumps
//! `format`.

use super::error::{FileError, location_of};
use super::ron_errors::ron_error;
use super::ron_scan::{Scan, scan};
use super::ron_strings::respell_strings;
use crate::model::{
    ArgumentMap, FORMAT_VERSION, KeptField, KeptFields, MapParts, Meta, NextIds, Pos, Relation,
    Scenario, TagScheme, Unit,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// The minor format version this build writes (written only when above 0,
/// so files stay readable by builds from before minor versions existed).
pub const FORMAT_MINOR: u32 = 0;

/// The top-level fields this build understands, in file order.
const KNOWN_FIELDS: [&str; 11] = [
    "format",
    "minor",
    "meta",
    "scheme",
    "units",
    "relations",
    "scenarios",
    "positions",
    "dismissed",
    "next_ids",
    "text",
];

/// Declares the on-disk shape of a map twice: strictly (unknown fields are
/// errors, so a hand-edit typo is reported instead of dropped) and leniently
/// (for a newer minor version, whose extra sections are kept by the scan).
macro_rules! map_file {
    ($name:ident $(, #[$attr:meta])?) => {
        /// The on-disk shape of a map, field order being file order.
        #[derive(Deserialize)]
        $(#[$attr])?
        struct $name {
            #[allow(dead_code)] // read by the version probe
            format: u32,
            #[serde(default)]
            #[allow(dead_code)]
            minor: u32,
            #[serde(default)]
            meta: Meta,
            scheme: TagScheme,
            #[serde(default)]
            units: Vec<Unit>,
            #[serde(default)]
            relations: Vec<Relation>,
            #[serde(default)]
            scenarios: Vec<Scenario>,
            #[serde(default)]
            positions: BTreeMap<String, Pos>,
            #[serde(default)]
            dismissed: Vec<Range<usize>>,
            #[serde(default)]
            next_ids: NextIds,
            /// The text split at `\n` (a `\r` before it stays on its line),
            /// joined back as it is read (no list of lines is ever held).
            #[serde(deserialize_with = "joined_lines")]
            text: String,
        }

        impl $name {
            fn into_map(mut self) -> ArgumentMap {
                // Lists grown by doubling while read hold up to twice their
                // items: give the slack back (a 50 MB file's text alone
                // would keep 10 MB unused).
                self.text.shrink_to_fit();
                self.units.shrink_to_fit();
                self.relations.shrink_to_fit();
                ArgumentMap::from_parts(MapParts {
                    meta: self.meta,
                    scheme: Some(self.scheme),
                    text: self.text,
                    units: self.units,
                    scenarios: self.scenarios,
                    relations: self.relations,
                    positions: self.positions,
                    dismissed: self.dismissed,
                    next_ids: self.next_ids,
                })
            }
        }
    };
}

/// Reads the `text` list of lines straight into one `String` joined with
/// `\n`: a 50 MB text is held once while loading, not as a list of lines
/// plus its joined copy.
fn joined_lines<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_seq(LinesVisitor)
}

/// Visits the `text` list, appending each line to one `String`.
struct LinesVisitor;

impl<'de> serde::de::Visitor<'de> for LinesVisitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of lines of text")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<String, A::Error> {
        let mut text = String::new();
        let mut first = true;
        while let Some(()) = seq.next_element_seed(AppendLine {
            text: &mut text,
            first,
        })? {
            first = false;
        }
        Ok(text)
    }
}

/// Appends one line (after a `\n` unless it is the first) to the text.
struct AppendLine<'a> {
    text: &'a mut String,
    first: bool,
}

impl<'de> serde::de::DeserializeSeed<'de> for AppendLine<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for AppendLine<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a line of text (a string)")
    }

    fn visit_str<E: serde::de::Error>(self, line: &str) -> Result<(), E> {
        if !self.first {
            self.text.push('\n');
        }
        self.text.push_str(line);
        Ok(())
    }
}

map_file!(MapFile, #[serde(deny_unknown_fields)]);
map_file!(LenientMapFile);

/// Just enough of a file to read its format version before anything else.
#[derive(Deserialize)]
struct VersionProbe {
    format: u32,
    #[serde(default)]
    minor: u32,
}

/// The map as `.argmap.ron` text. Same map, same bytes.
///
/// Written field by field so that each unit, relation, scenario and line of
/// text sits on a line of its own: a change to one shows as a one-line diff.
/// Strings are spelt by [`super::ron_strings`]: every script as itself.
pub fn to_ron_string(map: &ArgumentMap) -> String {
    let parts = map.to_parts();
    let kept = map.kept_fields();
    // A file from a newer minor version keeps saying so; ours is the floor.
    #[allow(clippy::unnecessary_min_or_max)] // FORMAT_MINOR is 0 today
    let minor = kept.minor.max(FORMAT_MINOR);
    let text: Vec<&str> = parts.text.split('\n').collect();
    let version = if minor > 0 {
        format!("{FORMAT_VERSION}.{minor}")
    } else {
        FORMAT_VERSION.to_string()
    };
    let mut out = format!(
        "// Argmark argument map, format {version}. Offsets count Unicode characters in `text`.\n(\n"
    );
    field(&mut out, "format", &FORMAT_VERSION, 0);
    if minor > 0 {
        field(&mut out, "minor", &minor, 0);
    }
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
    for k in &kept.fields {
        out.push_str("  ");
        out.push_str(&k.name);
        out.push_str(": ");
        out.push_str(&k.raw);
        out.push_str(",\n");
    }
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
    let body = respell_strings(&body);
    out.push_str("  ");
    out.push_str(name);
    out.push_str(": ");
    out.push_str(&body.replace('\n', "\n  "));
    out.push_str(",\n");
}

/// A map read from RON, with what its reader should be told.
#[derive(Clone, Debug)]
pub struct ParsedMap {
    pub map: ArgumentMap,
    /// Things that did not stop the load but the user should know, each at
    /// its place: sections kept from a newer format version.
    pub warnings: Vec<FileError>,
}

/// Parses `.argmap.ron` text. `path` is only used to name the file in errors.
/// Content is not validated here; see [`crate::model::validate`].
pub fn from_ron_str(src: &str, path: &Path) -> Result<ArgumentMap, FileError> {
    parse_map(src, path).map(|p| p.map)
}

/// Parses `.argmap.ron` text, keeping sections from a newer minor version
/// and saying so in `warnings`.
pub fn parse_map(src: &str, path: &Path) -> Result<ParsedMap, FileError> {
    let options = ron::Options::default();
    // The lexical scan is only needed to explain an error or keep sections.
    let mut newer_minor = None;
    match options.from_str::<VersionProbe>(src) {
        Ok(probe) if probe.format > FORMAT_VERSION => {
            return Err(FileError::new(
                path,
                format!(
                    "this map was made by a newer Argmark (format {}.x); this Argmark reads {FORMAT_VERSION}.x and older: update Argmark to open it",
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
        Ok(probe) if probe.format == FORMAT_VERSION && probe.minor > FORMAT_MINOR => {
            newer_minor = Some((probe.format, probe.minor));
        }
        _ => {}
    }
    let Some((major, minor)) = newer_minor else {
        let file: MapFile = options
            .from_str(src)
            .map_err(|e| ron_error(path, src, &scan(src), &e, None))?;
        return Ok(ParsedMap {
            map: file.into_map(),
            warnings: Vec::new(),
        });
    };
    let file: LenientMapFile = options
        .from_str(src)
        .map_err(|e| ron_error(path, src, &scan(src), &e, newer_minor))?;
    let mut map = file.into_map();
    let scanned = scan(src);
    if scanned.fields.is_empty() {
        // Never drop what a newer Argmark wrote without saying so.
        return Err(FileError::new(
            path,
            format!(
                "this map is from a newer Argmark (format {major}.{minor}) and its layout could not be followed to keep its new sections; open it with a newer Argmark"
            ),
        ));
    }
    let (kept, warnings) = keep_unknown(src, path, &scanned, major, minor);
    map.set_kept_fields(kept);
    Ok(ParsedMap { map, warnings })
}

/// The top-level sections this build does not know, verbatim, and a
/// warning for each.
fn keep_unknown(
    src: &str,
    path: &Path,
    scanned: &Scan,
    major: u32,
    minor: u32,
) -> (KeptFields, Vec<FileError>) {
    let mut kept = KeptFields {
        minor,
        fields: Vec::new(),
    };
    let mut warnings = Vec::new();
    for f in &scanned.fields {
        if KNOWN_FIELDS.contains(&f.name.as_str()) {
            continue;
        }
        kept.fields.push(KeptField {
            name: f.name.clone(),
            raw: src[f.value.clone()].to_owned(),
        });
        warnings.push(FileError::at(
            path,
            Some(location_of(src, f.at)),
            format!(
                "`{}` comes from a newer Argmark (format {major}.{minor}); this Argmark does not show it but keeps it and writes it back when saving",
                f.name
            ),
        ));
    }
    (kept, warnings)
}

/// Where comments are in a map file's source (1-based line and column),
/// except the header Argmark writes itself: `fmt` and saving drop them.
pub fn comment_locations(src: &str) -> Vec<super::Location> {
    scan(src)
        .comments
        .iter()
        .filter(|r| !src[(*r).clone()].starts_with("// Argmark argument map, format "))
        .map(|r| location_of(src, r.start))
        .collect()
}

/// Finds where an item with this id is written, so content problems found
/// after parsing can point at a line: the first `id: "u3"` in the file.
pub fn locate_id(src: &str, id: &str) -> Option<super::Location> {
    locate_id_nth(src, id, 0)
}

/// Where the `n`-th (0-based) item with this id is written: a duplicate id
/// is reported at its second copy.
pub fn locate_id_nth(src: &str, id: &str, n: usize) -> Option<super::Location> {
    let needle = format!("id: \"{id}\"");
    src.match_indices(&needle)
        .nth(n)
        .map(|(b, _)| location_of(src, b))
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
