//! `argmark profile`: one row per map for comparing pieces of different
//! texts, as a table, CSV or JSON. Maps are read and profiled in parallel;
//! a progress bar shows on large batches when stderr is a terminal.

use super::csv;
use crate::analysis::compare::{Profile, profile as profile_map};
use crate::io::{self, FileError};
use crate::model::{Role, TagScheme};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// From this many files on, a progress bar shows (on a terminal).
const PROGRESS_FROM: usize = 20;

/// How `argmark profile` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Output {
    Table,
    Csv,
    Json,
}

/// One row of the output.
#[derive(Serialize)]
struct Row<'a> {
    file: String,
    #[serde(flatten)]
    profile: &'a Profile,
}

/// Reads and profiles every file, on all cores, keeping the input order.
fn profile_all(files: &[PathBuf]) -> Vec<Result<Profile, FileError>> {
    let bar = (files.len() >= PROGRESS_FROM && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} maps {eta}") {
            bar.set_style(style);
        }
        bar
    });
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    let mut results: Vec<Result<Profile, FileError>> = Vec::with_capacity(files.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let bar = bar.as_ref();
                s.spawn(move || {
                    part.iter()
                        .map(|f| {
                            let r = io::open(f, TagScheme::argument()).map(|m| profile_map(&m));
                            if let Some(b) = bar {
                                b.inc(1);
                            }
                            r
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok(part) => results.extend(part),
                Err(_) => results.push(Err(FileError::at(
                    std::path::Path::new("argmark profile"),
                    None,
                    "a worker thread failed".to_owned(),
                ))),
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    results
}

/// Runs the command; false if a file could not be read.
pub(super) fn profile(
    files: &[PathBuf],
    output: Output,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    let results = profile_all(files);
    let mut rows = Vec::new();
    let mut ok = true;
    for (f, r) in files.iter().zip(&results) {
        match r {
            Ok(p) => rows.push(Row {
                file: f.display().to_string(),
                profile: p,
            }),
            Err(e) => {
                let _ = writeln!(err, "{e}");
                ok = false;
            }
        }
    }
    let written = match output {
        Output::Json => serde_json::to_string_pretty(&rows)
            .map_err(std::io::Error::other)
            .and_then(|j| writeln!(out, "{j}")),
        Output::Csv => write_csv(&rows, out),
        Output::Table => write_table(&rows, out),
    };
    ok && written.is_ok()
}

/// Tag names over all rows, in first-seen order.
fn all_tags(rows: &[Row]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for r in rows {
        for t in r.profile.units_by_tag.keys() {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
    }
    tags
}

/// Coverage keys in report order: roles, then `any`.
fn coverage_keys() -> Vec<&'static str> {
    Role::ALL.iter().map(|r| r.key()).chain(["any"]).collect()
}

fn write_csv(rows: &[Row], out: &mut impl Write) -> std::io::Result<()> {
    let tags = all_tags(rows);
    let mut header: Vec<String> = ["file", "title", "chars", "units", "relations"]
        .map(String::from)
        .to_vec();
    header.extend(tags.iter().map(|t| format!("units: {t}")));
    header.extend(coverage_keys().iter().map(|k| format!("coverage: {k}")));
    header.extend(
        [
            "speculative_share",
            "unsupported_claims",
            "unanswered_attacks",
            "rests_on_speculation",
            "longest_support_chain",
            "scenarios",
        ]
        .map(String::from),
    );
    csv::record(out, &header)?;
    for r in rows {
        let p = r.profile;
        let mut row = vec![
            r.file.clone(),
            p.title.clone(),
            p.chars.to_string(),
            p.units.to_string(),
            p.relations.to_string(),
        ];
        row.extend(
            tags.iter()
                .map(|t| p.units_by_tag.get(t).copied().unwrap_or(0).to_string()),
        );
        row.extend(coverage_keys().iter().map(|k| {
            p.coverage
                .get(k)
                .map_or_else(String::new, |c| format!("{c:.4}"))
        }));
        row.extend([
            format!("{:.4}", p.speculative_share),
            p.unsupported_claims.to_string(),
            p.unanswered_attacks.to_string(),
            p.rests_on_speculation.to_string(),
            p.longest_support_chain.to_string(),
            p.scenarios.to_string(),
        ]);
        csv::record(out, &row)?;
    }
    Ok(())
}

fn write_table(rows: &[Row], out: &mut impl Write) -> std::io::Result<()> {
    let w = rows
        .iter()
        .map(|r| r.file.chars().count())
        .max()
        .unwrap_or(0)
        .max(3);
    writeln!(
        out,
        "{:<w$} {:>7} {:>5} {:>5} {:>7} {:>11} {:>10} {:>9} {:>5} {:>9}",
        "map",
        "chars",
        "units",
        "rels",
        "spec %",
        "unsupported",
        "unanswered",
        "on spec.",
        "chain",
        "scenarios"
    )?;
    for r in rows {
        let p = r.profile;
        writeln!(
            out,
            "{:<w$} {:>7} {:>5} {:>5} {:>6.1}% {:>11} {:>10} {:>9} {:>5} {:>9}",
            r.file,
            p.chars,
            p.units,
            p.relations,
            p.speculative_share * 100.0,
            p.unsupported_claims,
            p.unanswered_attacks,
            p.rests_on_speculation,
            p.longest_support_chain,
            p.scenarios
        )?;
        let tags: Vec<String> = p
            .units_by_tag
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        writeln!(out, "    {}", tags.join(", "))?;
    }
    Ok(())
}
