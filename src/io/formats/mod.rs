//! The field's interchange formats, so a map can travel to and from the tools
//! researchers and teachers already use: AIF JSON (AIFdb, and OVA3 save files
//! on import), Argdown, brat stand-off, CSV tables and a self-contained
//! HTML or Markdown report. One module per format; this one picks the
//! format from a path, names the output files, and says what a format
//! cannot hold (the "losses" `argmark convert` prints). Knows nothing of egui.

pub mod aif;
pub mod argdown;
pub mod brat;
pub mod csv;
mod html_text;
pub mod ova;
pub mod report;

use super::FileError;
use crate::model::{ArgumentMap, RelationKind, TagScheme};
use std::path::{Path, PathBuf};

/// What `argmark convert --to` and File ▸ Export as can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Target {
    /// Argmark's own `.argmap.ron` (for importing the other formats).
    #[value(alias = "ron")]
    Argmap,
    /// AIF JSON as AIFdb writes it, with Argmark's extras in fields AIF readers ignore.
    #[value(alias = "json")]
    Aif,
    /// Argdown: statements, relations, linked arguments as premise–conclusion structures.
    Argdown,
    /// brat stand-off: `NAME.txt` + `NAME.ann`.
    Brat,
    /// Two tables: `NAME.units.csv` and `NAME.relations.csv`.
    Csv,
    /// One self-contained web page: text, legend, map, notes, checks.
    Html,
    /// The same report in Markdown.
    #[value(alias = "md")]
    Markdown,
}

impl Target {
    /// Every target, in menu order.
    pub const ALL: [Target; 7] = [
        Target::Aif,
        Target::Argdown,
        Target::Brat,
        Target::Csv,
        Target::Html,
        Target::Markdown,
        Target::Argmap,
    ];

    /// What menus call it.
    pub fn label(self) -> &'static str {
        match self {
            Target::Argmap => "Argmark map (.argmap.ron)",
            Target::Aif => "AIF JSON (AIFdb)",
            Target::Argdown => "Argdown",
            Target::Brat => "brat stand-off (.txt + .ann)",
            Target::Csv => "CSV tables (units, relations)",
            Target::Html => "HTML report",
            Target::Markdown => "Markdown report",
        }
    }

    /// One line for tooltips: what the format is for and what it keeps.
    pub fn description(self) -> &'static str {
        match self {
            Target::Argmap => "Argmark's own file: keeps everything",
            Target::Aif => {
                "For AIFdb, OVA and arguebuf: the argument graph, with Argmark's details in extra fields"
            }
            Target::Argdown => {
                "Statements, support and attack, linked arguments and scenario groups for Argdown tools"
            }
            Target::Brat => {
                "Spans and relations for brat and corpus tools; linked arguments split per source"
            }
            Target::Csv => "Units and relations as two tables for spreadsheets and statistics",
            Target::Html => {
                "One page anyone can open offline: highlighted text, map, checks and notes"
            }
            Target::Markdown => "The report as text and tables, for wikis and course platforms",
        }
    }

    /// The extension of the main output file, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Target::Argmap => "argmap.ron",
            Target::Aif => "json",
            Target::Argdown => "argdown",
            Target::Brat => "ann",
            Target::Csv => "csv",
            Target::Html => "html",
            Target::Markdown => "md",
        }
    }

    /// The target a chosen file name asks for, by its extension.
    pub fn from_path(path: &Path) -> Option<Target> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "ron" => Target::Argmap,
            "json" => Target::Aif,
            "argdown" | "ad" => Target::Argdown,
            "ann" => Target::Brat,
            "csv" => Target::Csv,
            "html" | "htm" => Target::Html,
            "md" | "markdown" => Target::Markdown,
            _ => return None,
        })
    }
}

/// One file an export writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes (the main file, or a sibling such as `NAME.txt`).
    pub path: PathBuf,
    /// Its whole content, written at once.
    pub bytes: Vec<u8>,
}

/// What an export produced and what the format could not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The files to write, main file first.
    pub files: Vec<OutputFile>,
    /// One line per kind of content the format drops or changes, naming the items.
    pub losses: Vec<String>,
}

/// A map read from another format, with what did not come across cleanly.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// The map, valid as far as the file allowed (what was skipped is in `warnings`).
    pub map: ArgumentMap,
    /// `FILE:LINE: message` lines (or `FILE: message`) for things changed or dropped.
    pub warnings: Vec<String>,
}

/// Where a conversion of `input` to `target` goes by default: beside the
/// input, `NAME.EXT` (the whole `.argmap.ron` suffix, or the last extension, replaced).
pub fn default_output(input: &Path, target: Target) -> PathBuf {
    input.with_file_name(format!("{}.{}", stem_of(input), target.extension()))
}

/// The file name without `.argmap.ron`, `.units.csv` or its last extension.
pub fn stem_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let stem = [".argmap.ron", ".units.csv", ".relations.csv"]
        .iter()
        .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len())
        .map(|ext| &name[..name.len() - ext.len()])
        .or_else(|| {
            name.rsplit_once('.')
                .map(|(s, _)| s)
                .filter(|s| !s.is_empty())
        })
        .unwrap_or(&name);
    if stem.is_empty() {
        "map".to_owned()
    } else {
        stem.to_owned()
    }
}

/// Writes `map` as `target`; `out` names the main file (brat adds the
/// `.txt` beside it, CSV writes `STEM.units.csv` and `STEM.relations.csv`).
/// `title` is used where the map has none.
pub fn export(map: &ArgumentMap, target: Target, out: &Path, title: &str) -> Exported {
    let sibling = |suffix: &str| out.with_file_name(format!("{}{suffix}", stem_of(out)));
    let one = |bytes: String| {
        vec![OutputFile {
            path: out.to_owned(),
            bytes: bytes.into_bytes(),
        }]
    };
    let files = match target {
        Target::Argmap => one(super::to_ron_string(map)),
        Target::Aif => one(aif::to_json(map)),
        Target::Argdown => one(argdown::to_argdown(map, title)),
        Target::Brat => {
            let (txt, ann) = brat::to_brat(map);
            vec![
                OutputFile {
                    path: sibling(".ann"),
                    bytes: ann.into_bytes(),
                },
                OutputFile {
                    path: sibling(".txt"),
                    bytes: txt.into_bytes(),
                },
            ]
        }
        Target::Csv => vec![
            OutputFile {
                path: sibling(".units.csv"),
                bytes: csv::units(map).into_bytes(),
            },
            OutputFile {
                path: sibling(".relations.csv"),
                bytes: csv::relations(map).into_bytes(),
            },
        ],
        Target::Html => one(report::html(map, title)),
        Target::Markdown => one(report::markdown(map, title)),
    };
    Exported {
        files,
        losses: losses(map, target),
    }
}

/// What `target` cannot hold of this particular map, one line per kind,
/// naming the items, so nobody is surprised after a round trip.
pub fn losses(map: &ArgumentMap, target: Target) -> Vec<String> {
    let mut out = Vec::new();
    let name = match target {
        Target::Argmap | Target::Aif => return out,
        Target::Argdown => "Argdown",
        Target::Brat => "brat",
        Target::Csv => "CSV",
        Target::Html | Target::Markdown => return out,
    };
    let ids = |v: Vec<String>| {
        let n = v.len();
        let mut s = v.into_iter().take(8).collect::<Vec<_>>().join(", ");
        if n > 8 {
            s.push_str(&format!(", … ({n} in all)"));
        }
        s
    };
    if !map.positions().is_empty() {
        out.push(format!(
            "{name} keeps no map positions ({} placed by hand)",
            map.positions().len()
        ));
    }
    if !map.dismissed().is_empty() {
        out.push(format!(
            "{name} keeps no dismissed suggestions ({})",
            map.dismissed().len()
        ));
    }
    let linked: Vec<String> = map
        .relations()
        .iter()
        .filter(|r| r.sources.len() > 1)
        .map(|r| r.id.to_string())
        .collect();
    let rephrase: Vec<String> = map
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::Rephrase)
        .map(|r| r.id.to_string())
        .collect();
    let deps: Vec<String> = map
        .scenarios()
        .iter()
        .filter(|s| !s.depends_on.is_empty() || !s.description.is_empty() || !s.hedge.is_empty())
        .map(|s| s.id.to_string())
        .collect();
    match target {
        Target::Brat => {
            if !linked.is_empty() {
                out.push(format!(
                    "brat relations have one source: linked arguments become one relation per source ({})",
                    ids(linked)
                ));
            }
            if !map.scenarios().is_empty() {
                out.push(format!(
                    "brat keeps scenario membership as a Scenario attribute, not scenario names, descriptions, hedges or dependencies ({})",
                    ids(map.scenarios().iter().map(|s| s.id.to_string()).collect())
                ));
            }
            if map.units().iter().any(|u| u.note.contains('\n'))
                || map.relations().iter().any(|r| r.note.contains('\n'))
            {
                out.push("brat notes are one line: line breaks in notes become spaces".into());
            }
            out.push(
                "brat keeps no tag colours, keys or descriptions, and no document info".into(),
            );
        }
        Target::Argdown => {
            if !rephrase.is_empty() {
                out.push(format!(
                    "Argdown has no rephrase relation: written as comments ({})",
                    ids(rephrase)
                ));
            }
            if !deps.is_empty() {
                out.push(format!(
                    "Argdown groups keep scenario names and members; descriptions, hedges and dependencies go into the group's data ({})",
                    ids(deps)
                ));
            }
            let multi_line: Vec<String> = map
                .units()
                .iter()
                .filter(|u| u.quote.contains(['\n', '\r']))
                .map(|u| u.id.to_string())
                .collect();
            if !multi_line.is_empty() {
                out.push(format!(
                    "Argdown statements are one line: line breaks inside these units become spaces ({})",
                    ids(multi_line)
                ));
            }
        }
        Target::Csv => {
            out.push(
                "CSV keeps units and relations only: no text outside units, scenario details, scheme or document info"
                    .into(),
            );
        }
        _ => {}
    }
    out
}

/// What a file to import holds, judged by its extension and, for JSON, its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `.argmap.ron`
    Argmap,
    /// `.txt`/`.md` with no `.ann` beside it: a text to annotate.
    Text,
    /// `.json`: AIF (AIFdb) or an OVA3 save file, told apart by content.
    Json,
    /// `.ann`, or a `.txt` with a `.ann` of the same name beside it.
    Brat,
}

impl Source {
    /// The kind of a file to import, or `None` for extensions Argmark does not read.
    pub fn of(path: &Path) -> Option<Source> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ron" => Some(Source::Argmap),
            "json" => Some(Source::Json),
            "ann" => Some(Source::Brat),
            "txt" if path.with_extension("ann").is_file() => Some(Source::Brat),
            "txt" | "md" | "markdown" => Some(Source::Text),
            _ => None,
        }
    }

    /// Whether opening such a file goes through an import (not `.argmap.ron` or a plain text).
    pub fn is_interchange(self) -> bool {
        matches!(self, Source::Json | Source::Brat)
    }
}

/// Reads any file Argmark understands into a map. `scheme` is used where the
/// file brings none (plain texts, brat, foreign AIF): brat types and guessed
/// AIF roles are mapped onto its tags.
pub fn import(path: &Path, scheme: &TagScheme) -> Result<Imported, FileError> {
    let plain = |map| Imported {
        map,
        warnings: Vec::new(),
    };
    match Source::of(path) {
        Some(Source::Argmap) => super::load_map(path).map(plain),
        Some(Source::Text) => super::import_text(path, scheme.clone()).map(plain),
        Some(Source::Brat) => brat::import(path, scheme),
        Some(Source::Json) => {
            let src = super::decode_utf8(path, super::read_bytes(path)?)?;
            let value = parse_json(&src, path)?;
            if value.get("AIF").is_some()
                && (value.get("OVA").is_some() || value.get("text").is_some())
            {
                ova::import(&value, &src, path, scheme)
            } else {
                aif::import(&value, &src, path, scheme)
            }
        }
        None => Err(FileError::new(
            path,
            "is not a file Argmark reads (expected .argmap.ron, .txt, .md, .json (AIF or OVA3) or .ann (brat))",
        )),
    }
}

/// Parses JSON, naming the line and column of a syntax error.
fn parse_json(src: &str, path: &Path) -> Result<serde_json::Value, FileError> {
    serde_json::from_str(src).map_err(|e| {
        FileError::at(
            path,
            Some(super::Location {
                line: e.line(),
                col: e.column(),
            }),
            format!("is not valid JSON: {e}"),
        )
    })
}

/// Unit text on one line: runs of whitespace (line breaks included) become one space.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The tag for a role in `scheme`: the first tag with that role, else the first tag.
pub(crate) fn tag_for_role(scheme: &TagScheme, role: crate::model::Role) -> String {
    scheme
        .first_with_role(role)
        .or_else(|| scheme.tags.first())
        .map(|t| t.name.clone())
        .unwrap_or_else(|| "Claim".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_follow_extensions() {
        assert_eq!(Target::from_path(Path::new("a/b.JSON")), Some(Target::Aif));
        assert_eq!(
            Target::from_path(Path::new("x.argmap.ron")),
            Some(Target::Argmap)
        );
        assert_eq!(Target::from_path(Path::new("x.md")), Some(Target::Markdown));
        assert_eq!(Target::from_path(Path::new("x.pdf")), None);
        assert_eq!(Target::from_path(Path::new("noext")), None);
    }

    #[test]
    fn default_outputs_replace_the_whole_map_suffix() {
        assert_eq!(
            default_output(Path::new("d/relos.argmap.ron"), Target::Aif),
            Path::new("d/relos.json")
        );
        assert_eq!(
            default_output(Path::new("essay01.ann"), Target::Argmap),
            Path::new("essay01.argmap.ron")
        );
        assert_eq!(stem_of(Path::new("x/t.units.csv")), "t");
        assert_eq!(stem_of(Path::new(".hidden")), ".hidden");
    }
}
