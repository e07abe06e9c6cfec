//! `argmark convert IN… --to FORMAT [-o OUT]`: reads maps, texts, AIF/OVA3
//! JSON and brat files, and writes them in another format, saying what each
//! format could not hold. A progress bar shows on a terminal for several inputs.

use crate::export;
use crate::io::formats::{self, Target};
use crate::model::{Problem, TagScheme, validate};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The scheme named on the command line: a built-in name or a `.ron` scheme file.
pub(super) fn scheme_for_cli(name: &str) -> Result<TagScheme, String> {
    if let Some(s) = TagScheme::builtin(name) {
        return Ok(s);
    }
    let path = Path::new(name);
    if !path.is_file() {
        let names: Vec<&str> = crate::model::BUILTIN_SCHEMES
            .iter()
            .map(|b| b.name)
            .collect();
        return Err(format!(
            "--scheme {name}: not a built-in scheme ({}) nor a scheme file",
            names.join(", ")
        ));
    }
    let src = crate::io::decode_utf8(
        path,
        crate::io::read_bytes(path).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let scheme: TagScheme = ron::from_str(&src).map_err(|e| {
        let p = e.span.start;
        format!("{}:{}:{}: {}", path.display(), p.line, p.col, e.code)
    })?;
    let problems = scheme.problems();
    if !problems.is_empty() {
        return Err(format!("{}: {}", path.display(), problems.join("; ")));
    }
    Ok(scheme)
}

/// Runs `argmark convert`; `true` when every input was converted.
pub(super) fn convert(
    inputs: &[PathBuf],
    target: Target,
    out_arg: Option<&Path>,
    scheme: &str,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    let scheme = match scheme_for_cli(scheme) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return false;
        }
    };
    let into_folder = inputs.len() > 1 || out_arg.is_some_and(Path::is_dir);
    if let Some(dir) = out_arg.filter(|_| into_folder)
        && !dir.is_dir()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let _ = writeln!(err, "{}: could not create the folder: {e}", dir.display());
        return false;
    }
    let bar = (inputs.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    });
    let mut ok = true;
    for input in inputs {
        if let Some(b) = &bar {
            b.set_message(input.display().to_string());
        }
        let target_path = match out_arg {
            Some(dir) if into_folder => {
                let name = formats::default_output(input, target);
                dir.join(name.file_name().unwrap_or_default())
            }
            Some(file) => file.to_owned(),
            None => formats::default_output(input, target),
        };
        let mut lines_out = Vec::new();
        let mut lines_err = Vec::new();
        ok &= convert_one(
            input,
            target,
            &target_path,
            inputs,
            &scheme,
            &mut lines_out,
            &mut lines_err,
        );
        let mut print = || {
            for l in &lines_err {
                let _ = writeln!(err, "{l}");
            }
            for l in &lines_out {
                let _ = writeln!(out, "{l}");
            }
        };
        match &bar {
            Some(b) => {
                b.suspend(print);
                b.inc(1);
            }
            None => print(),
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    ok
}

/// Converts one input; results and problems go into the two line lists.
fn convert_one(
    input: &Path,
    target: Target,
    target_path: &Path,
    inputs: &[PathBuf],
    scheme: &TagScheme,
    out: &mut Vec<String>,
    err: &mut Vec<String>,
) -> bool {
    let imported = match formats::import(input, scheme) {
        Ok(i) => i,
        Err(e) => {
            err.push(e.to_string());
            return false;
        }
    };
    for w in &imported.warnings {
        err.push(format!("warning: {w}"));
    }
    let map = imported.map;
    let problems: Vec<Problem> = validate(&map);
    if problems.iter().any(Problem::is_structural) {
        for p in problems.iter().filter(|p| p.is_structural()) {
            err.push(format!("{}: {p}", input.display()));
        }
        return false;
    }
    for p in &problems {
        err.push(format!("warning: {}: {p}", input.display()));
    }
    let title = formats::stem_of(input);
    let exported = formats::export(&map, target, target_path, &title);
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    };
    // A brat input is a pair of files; neither may be overwritten.
    let mut protected: Vec<PathBuf> = inputs.to_vec();
    if formats::Source::of(input) == Some(formats::Source::Brat) {
        protected.push(input.with_extension("ann"));
        protected.push(input.with_extension("txt"));
    }
    if let Some(clash) = exported
        .files
        .iter()
        .find(|f| protected.iter().any(|i| same(&f.path, i)))
    {
        err.push(format!(
            "{}: converting would overwrite {}, an input; choose another name with -o",
            input.display(),
            clash.path.display()
        ));
        return false;
    }
    let mut written = Vec::new();
    for f in &exported.files {
        if let Err(e) = export::write_file(&f.path, &f.bytes) {
            err.push(e.to_string());
            return false;
        }
        written.push(f.path.display().to_string());
    }
    for l in &exported.losses {
        err.push(format!("note: {}: {l}", target_path.display()));
    }
    out.push(format!(
        "{}: wrote {}",
        input.display(),
        written.join(" and ")
    ));
    true
}
