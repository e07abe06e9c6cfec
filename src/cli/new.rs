//! `argmark new`: empty maps over texts, one or a whole class's worth at
//! once, so a teacher can hand out maps ready to annotate.
//!
//! With one text, `-o` names the map (or a folder to put it in); with
//! several, `-o` must be an existing folder and each map is named after its
//! text. Existing maps are never replaced without `--force`.

use crate::io::{self, FileKind};
use crate::model::{BUILTIN_SCHEMES, TagScheme};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `argmark new` was asked to do.
pub(crate) struct NewMaps<'a> {
    pub texts: &'a [PathBuf],
    pub out: Option<&'a Path>,
    pub scheme: Option<&'a str>,
    pub force: bool,
}

/// Exit code for usage errors, as clap uses.
const USAGE: u8 = 2;

/// Runs `argmark new`: 0 when every map was written, 1 when a text could
/// not be read or a map not written (the others are still made), 2 for
/// usage errors (unknown scheme name, several texts with `-o FILE`).
pub(crate) fn run(args: NewMaps, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    let scheme = match pick_scheme(args.scheme) {
        Ok(s) => s,
        Err(Problem::Usage(m)) => {
            let _ = writeln!(err, "argmark new: {m}");
            return ExitCode::from(USAGE);
        }
        Err(Problem::File(e)) => {
            let _ = writeln!(err, "{e}");
            return ExitCode::from(1);
        }
    };
    let into_folder = match args.out {
        Some(o) if o.is_dir() => true,
        Some(o) if args.texts.len() > 1 => {
            let _ = writeln!(
                err,
                "argmark new: with several texts, -o must be an existing folder; {} is not one",
                o.display()
            );
            return ExitCode::from(USAGE);
        }
        _ => false,
    };
    let mut ok = true;
    for text in args.texts {
        let target = match args.out {
            Some(folder) if into_folder => {
                let name = io::map_path_for_text(text);
                folder.join(name.file_name().unwrap_or_default())
            }
            Some(file) => file.to_path_buf(),
            None => io::map_path_for_text(text),
        };
        ok &= make_one(text, &target, &scheme, args.force, out, err);
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

enum Problem {
    Usage(String),
    File(io::FileError),
}

/// A built-in scheme by name, or a scheme file by path; the default is
/// `argument`.
fn pick_scheme(name: Option<&str>) -> Result<TagScheme, Problem> {
    let Some(name) = name else {
        return Ok(TagScheme::argument());
    };
    if let Some(s) = TagScheme::builtin(name) {
        return Ok(s);
    }
    let path = Path::new(name);
    if path.exists() || name.ends_with(".ron") {
        return io::load_scheme(path).map_err(Problem::File);
    }
    let names: Vec<&str> = BUILTIN_SCHEMES.iter().map(|b| b.name).collect();
    Err(Problem::Usage(format!(
        "unknown scheme `{name}`; use one of {} or the path of a scheme .ron file",
        names.join(", ")
    )))
}

/// Makes one map, printing what happened.
fn make_one(
    text: &Path,
    target: &Path,
    scheme: &TagScheme,
    force: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    if FileKind::of(text) != Some(FileKind::Text) {
        let _ = writeln!(
            err,
            "{}: is not a text to annotate (expected .txt or .md)",
            text.display()
        );
        return false;
    }
    if !force && std::fs::symlink_metadata(target).is_ok() {
        let _ = writeln!(
            err,
            "{}: already exists; add --force to replace it (the old one is kept as .bak)",
            target.display()
        );
        return false;
    }
    let result = io::import_text(text, scheme.clone()).and_then(|map| io::save_map(&map, target));
    match result {
        Ok(()) => {
            let _ = writeln!(out, "{}: wrote {}", text.display(), target.display());
            true
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            false
        }
    }
}
