//! Opening files for a command: every command reports unreadable files,
//! kept sections and structural problems the same way `check` does, so a
//! script sees exit 1 and the same `FILE:LINE:COL: message` lines whichever
//! command met the broken map first.

use crate::io::{self, FileError, FileKind};
use crate::model::{ArgumentMap, Problem, ProblemKind, TagScheme, validate};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// A file opened for a command, with its source when it is a map (for
/// pointing problems at lines).
pub(crate) struct Opened {
    pub map: ArgumentMap,
    pub source: String,
}

/// Reads a map or a text, printing its error (or a map's warnings) to `err`.
pub(crate) fn open_any(path: &Path, err: &mut impl Write) -> Option<Opened> {
    let result = match FileKind::of(path) {
        Some(FileKind::Map) => io::read_text(path).and_then(|source| {
            let parsed = io::parse_map(&source, path)?;
            for w in &parsed.warnings {
                let _ = writeln!(err, "{}", warning(w));
            }
            Ok(Opened {
                map: parsed.map,
                source,
            })
        }),
        _ => io::open(path, TagScheme::argument()).map(|map| Opened {
            map,
            source: String::new(),
        }),
    };
    match result {
        Ok(o) => Some(o),
        Err(e) => {
            let _ = writeln!(err, "{e}");
            None
        }
    }
}

/// A warning as the CLI prints it: `FILE:LINE:COL: warning: message`.
pub(crate) fn warning(w: &FileError) -> FileError {
    FileError::at(&w.path, w.location, format!("warning: {}", w.message))
}

/// Reads a file for a command that needs a sound map: structural problems
/// (dangling ids, offsets past the text, duplicate ids) are printed as
/// `check` prints them and the command fails.
pub(crate) fn open_for_cli(path: &Path, err: &mut impl Write) -> Option<ArgumentMap> {
    let Opened { map, source } = open_any(path, err)?;
    // The source is as big as the map again: let it go before the command
    // works, and read it back only to point problems at lines.
    drop(source);
    let structural: Vec<Problem> = validate(&map)
        .into_iter()
        .filter(Problem::is_structural)
        .collect();
    if structural.is_empty() {
        return Some(map);
    }
    let source = io::read_text(path).unwrap_or_default();
    report_problems(path, &source, &structural, err);
    None
}

/// Prints each problem at the line where its item is written; a duplicate
/// id points at the copy it is about (the second, third …).
pub(crate) fn report_problems(
    path: &Path,
    source: &str,
    problems: &[Problem],
    err: &mut impl Write,
) {
    let mut copies: HashMap<&str, usize> = HashMap::new();
    for p in problems {
        let location = p.subject.id().and_then(|id| {
            if p.kind == ProblemKind::DuplicateId {
                let n = copies.entry(id).or_insert(0);
                *n += 1;
                io::locate_id_nth(source, id, *n)
            } else {
                io::locate_id(source, id)
            }
        });
        let _ = writeln!(err, "{}", FileError::at(path, location, p.to_string()));
    }
}
