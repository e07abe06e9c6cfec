//! The command line: `argmark [FILE]` opens the window; subcommands inspect
//! and tidy files without one. Exit codes: 0 success, 1 the files have
//! problems (or could not be read), 2 usage errors (from clap).

use crate::analysis;
use crate::export;
use crate::graph::{LabelSource, LayoutOptions};
use crate::io::{self, FileError, FileKind};
use crate::model::{ArgumentMap, validate};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod analyze;
mod compare;
mod convert;
mod csv;
mod new;
mod open;
mod profile;
pub mod save_drill;

use open::{Opened, open_any, open_for_cli, report_problems, warning};

/// Argmark: annotate the structure of an argument.
#[derive(Parser, Debug)]
#[command(name = "argmark", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A map (.argmap.ron) or a text (.txt, .md) to open in the window;
    /// without one, the bundled RELOS example opens.
    pub file: Option<PathBuf>,

    /// A speculation-cue lexicon (.ron) for the window's lens instead of the
    /// built-in one (see assets/lexicon/speculation.ron for the format).
    #[arg(long, value_name = "LEXICON.ron")]
    pub lexicon: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do without opening the window.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check maps for problems; prints FILE:LINE:COL: message for each.
    Check {
        /// Files to check (.argmap.ron, or .txt/.md to check their encoding).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Summarise a map: units, relations, scenarios, coverage by role.
    Stats {
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Rewrite maps in canonical form after hand edits (keeps NAME.bak).
    Fmt {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the sentences that speculate or report what others say, with their cue words.
    Suggest {
        /// A text (.txt, .md) or a map (.argmap.ron).
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Use this cue lexicon instead of the built-in one.
        #[arg(long, value_name = "LEXICON.ron")]
        lexicon: Option<PathBuf>,
    },
    /// Check an argument: unsupported claims, unanswered attacks, what rests on
    /// speculation, circular support, loose ends, and which claims stand.
    Analyze {
        /// A map (.argmap.ron), or a text (.txt, .md) for the summary alone.
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Use this cue lexicon for the speculative-sentence counts.
        #[arg(long, value_name = "LEXICON.ron")]
        lexicon: Option<PathBuf>,
    },
    /// Start maps over texts (.txt, .md): one map per text, beside it as
    /// NAME.argmap.ron unless -o says otherwise.
    New {
        /// The texts to annotate.
        #[arg(required = true, value_name = "TEXT")]
        texts: Vec<PathBuf>,
        /// The map to write; with several texts, an existing folder to write them into.
        #[arg(short = 'o', long = "output", value_name = "MAP")]
        out: Option<PathBuf>,
        /// A built-in scheme (argument, media-literacy, essay) or a scheme .ron file.
        #[arg(long, value_name = "NAME")]
        scheme: Option<String>,
        /// Replace maps that already exist (the old one is kept as .bak).
        #[arg(long)]
        force: bool,
    },
    /// Draw the argument map as SVG or PNG, with a header and a legend.
    Export {
        /// The map to draw (.argmap.ron).
        file: PathBuf,
        /// Output format.
        #[arg(long = "to", value_enum)]
        to: export::Format,
        /// Where to write; default: FILE with .svg or .png instead of .argmap.ron.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        out: Option<PathBuf>,
        /// What unit boxes show.
        #[arg(long, value_enum, default_value = "quote")]
        labels: Labels,
    },
    /// Test aid for crash recovery: tags TEXT word by word with autosave on,
    /// exactly as the window does, and never saves (a test kills it).
    #[command(hide = true)]
    AutosaveDrill {
        text: PathBuf,
        /// How many units to add.
        #[arg(long, default_value_t = 12)]
        units: usize,
        /// Pause between edits, in milliseconds.
        #[arg(long, default_value_t = 40)]
        every_ms: u64,
        /// Seconds to keep running after the last edit.
        #[arg(long, default_value_t = 60)]
        linger: u64,
    },
    /// Test aid for safe saving: saves MAP in place ROUNDS times through the
    /// window's save path (a test kills it mid-save).
    #[command(hide = true)]
    SaveDrill {
        map: PathBuf,
        /// How many saves to make.
        #[arg(long, default_value_t = 1000)]
        rounds: u64,
    },
    /// Convert maps to and from other tools' formats: AIF JSON (AIFdb; OVA3
    /// save files on import), Argdown, brat, CSV, an HTML or Markdown report.
    /// Prints what the target format cannot hold.
    Convert {
        /// Inputs: .argmap.ron, .txt/.md, .json (AIF or OVA3), .ann (brat, with
        /// its .txt beside it; a .txt with a .ann beside it is read as brat too).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long = "to", value_enum)]
        to: crate::io::formats::Target,
        /// Output file for one input, or a folder (for several inputs);
        /// default: beside each input, NAME.EXT.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        out: Option<PathBuf>,
        /// Tag scheme for inputs that bring none (texts, brat, foreign AIF):
        /// a built-in name or a scheme .ron file. brat types map onto it.
        #[arg(long, value_name = "NAME|FILE.ron", default_value = "argument")]
        scheme: String,
    },
    /// Compare annotations of one text: unit alignment, span F1, Cohen's and
    /// Fleiss' κ, Krippendorff's α and α_U, relations, scenarios; with --key,
    /// a feedback handout per student.
    Compare {
        /// Maps of the same text (.argmap.ron): two or more, or one with --key.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The answer key to score every map against.
        #[arg(long, value_name = "KEY.argmap.ron")]
        key: Option<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Also write the coded items (words, unit pairs) as CSV.
        #[arg(long, value_name = "FILE.csv")]
        items: Option<PathBuf>,
        /// Least char-span Jaccard index for two units to align (0 to 1).
        #[arg(long, value_name = "X", default_value_t = 0.5, value_parser = unit_interval)]
        min_overlap: f64,
        /// Open the compare window instead of printing (with --key: the
        /// key as A, each student as B).
        #[arg(long, conflicts_with_all = ["json", "items"])]
        window: bool,
    },
    /// One row per map (units per tag, coverage, speculation, checks, longest
    /// support chain, scenarios), for comparing pieces of different texts.
    Profile {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print CSV instead of a table.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

/// Parses a number from 0 to 1.
fn unit_interval(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!("expected a number from 0 to 1, found {s:?}")),
    }
}

/// What unit boxes show on an exported map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Labels {
    /// The quoted passage, cut to about twelve words.
    Quote,
    /// The first line of the unit's note (the quote when there is none).
    Note,
}

/// Runs a subcommand, writing results to stdout and problems to stderr.
pub fn run(command: Command) -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let (mut out, mut err) = (stdout.lock(), stderr.lock());
    let ok = match command {
        Command::Check { files } => files
            .iter()
            .map(|f| check(f, &mut out, &mut err))
            .fold(true, |a, b| a & b),
        Command::Stats { file, json } => stats(&file, json, &mut out, &mut err),
        Command::Fmt { files } => files
            .iter()
            .map(|f| fmt(f, &mut out, &mut err))
            .fold(true, |a, b| a & b),
        Command::Suggest {
            file,
            json,
            lexicon,
        } => analyze::suggest(&file, json, lexicon.as_deref(), &mut out, &mut err),
        Command::Analyze {
            file,
            json,
            lexicon,
        } => analyze::analyze(&file, json, lexicon.as_deref(), &mut out, &mut err),
        Command::Export {
            file,
            to,
            out: target,
            labels,
        } => export_map(&file, to, target.as_deref(), labels, &mut out, &mut err),
        Command::AutosaveDrill {
            text,
            units,
            every_ms,
            linger,
        } => crate::autosave::drill(&text, units, every_ms, linger, &mut out, &mut err),
        Command::SaveDrill { map, rounds } => save_drill::drill(&map, rounds, &mut out, &mut err),
        Command::Convert {
            files,
            to,
            out: target,
            scheme,
        } => convert::convert(&files, to, target.as_deref(), &scheme, &mut out, &mut err),
        Command::New {
            texts,
            out: target,
            scheme,
            force,
        } => {
            let args = new::NewMaps {
                texts: &texts,
                out: target.as_deref(),
                scheme: scheme.as_deref(),
                force,
            };
            return new::run(args, &mut out, &mut err);
        }
        Command::Compare {
            files,
            key,
            json,
            items,
            min_overlap,
            ..
        } => compare::compare(
            &compare::Request {
                files: &files,
                key: key.as_deref(),
                json,
                items: items.as_deref(),
                min_overlap,
            },
            &mut out,
            &mut err,
        ),
        Command::Profile { files, csv, json } => {
            let output = match (csv, json) {
                (true, _) => profile::Output::Csv,
                (_, true) => profile::Output::Json,
                _ => profile::Output::Table,
            };
            profile::profile(&files, output, &mut out, &mut err)
        }
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn check(path: &Path, out: &mut impl Write, err: &mut impl Write) -> bool {
    let Some(Opened { map, source }) = open_any(path, err) else {
        return false;
    };
    let problems = validate(&map);
    if problems.is_empty() {
        let _ = writeln!(
            out,
            "{}: ok ({} units, {} relations, {} scenarios)",
            path.display(),
            map.units().len(),
            map.relations().len(),
            map.scenarios().len()
        );
        return true;
    }
    // Point at the line where each item is written, when it can be found.
    report_problems(path, &source, &problems, err);
    false
}

fn stats(path: &Path, json: bool, out: &mut impl Write, err: &mut impl Write) -> bool {
    let Some(map) = open_for_cli(path, err) else {
        return false;
    };
    let s = analysis::stats(&map);
    let written = if json {
        serde_json::to_string_pretty(&s)
            .map_err(std::io::Error::other)
            .and_then(|j| writeln!(out, "{j}"))
    } else {
        write_stats_text(&s, &map, out)
    };
    written.is_ok()
}

fn write_stats_text(
    s: &analysis::Stats,
    map: &ArgumentMap,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let title = if s.title.is_empty() {
        "(untitled)"
    } else {
        &s.title
    };
    writeln!(out, "{title}")?;
    if !map.meta().author.is_empty() {
        writeln!(out, "by {}", map.meta().author)?;
    }
    writeln!(out, "{} characters, scheme \"{}\"", s.chars, s.scheme)?;
    writeln!(out)?;
    writeln!(out, "Units: {}", s.units)?;
    for tag in &map.scheme().tags {
        let n = s.by_kind.get(&tag.name).copied().unwrap_or(0);
        writeln!(out, "  {:<14} {n:>4}", tag.name)?;
    }
    for (kind, n) in &s.by_kind {
        if map.scheme().tag(kind).is_none() {
            writeln!(out, "  {kind:<14} {n:>4}  (not in the scheme)")?;
        }
    }
    let kinds: Vec<String> = s
        .relations_by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    writeln!(out, "Relations: {} ({})", s.relations, kinds.join(", "))?;
    writeln!(out, "Scenarios: {}", s.scenarios.len())?;
    for sc in map.scenarios() {
        let units = map.units_in(&sc.id).count();
        let deps: Vec<&str> = sc
            .depends_on
            .iter()
            .filter_map(|d| map.scenario(d).map(|d| d.name.as_str()))
            .collect();
        let plural = if units == 1 { "" } else { "s" };
        write!(out, "  {} ({units} unit{plural}", sc.name)?;
        if !deps.is_empty() {
            write!(out, "; if {}", deps.join(", "))?;
        }
        writeln!(out, ")")?;
    }
    writeln!(out, "Coverage of the text:")?;
    for (role, share) in &s.coverage {
        writeln!(out, "  {role:<12} {:>5.1}%", share * 100.0)?;
    }
    Ok(())
}

fn fmt(path: &Path, out: &mut impl Write, err: &mut impl Write) -> bool {
    if FileKind::of(path) != Some(FileKind::Map) {
        let _ = writeln!(
            err,
            "{}: only .argmap.ron files can be formatted",
            path.display()
        );
        return false;
    }
    let Some(Opened { map, source }) = open_any(path, err) else {
        return false;
    };
    for at in io::comment_locations(&source) {
        let dropped = FileError::at(
            path,
            Some(at),
            "this comment is dropped (fmt keeps no comments)",
        );
        let _ = writeln!(err, "{}", warning(&dropped));
    }
    match io::save_map(&map, path) {
        Ok(()) => {
            let _ = writeln!(out, "{}: formatted", path.display());
            true
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            false
        }
    }
}

fn export_map(
    path: &Path,
    format: export::Format,
    target: Option<&Path>,
    labels: Labels,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    let Some(map) = open_for_cli(path, err) else {
        return false;
    };
    let target = target.map_or_else(|| export::default_output(path, format), Path::to_owned);
    let options = LayoutOptions {
        labels: match labels {
            Labels::Quote => LabelSource::Quote,
            Labels::Note => LabelSource::Note,
        },
        ..LayoutOptions::default()
    };
    let title = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = match export::render(&map, &options, format, &title) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{}: {e}", path.display());
            return false;
        }
    };
    match export::write_file(&target, &bytes) {
        Ok(()) => {
            let _ = writeln!(out, "{}: wrote {}", path.display(), target.display());
            true
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            false
        }
    }
}
