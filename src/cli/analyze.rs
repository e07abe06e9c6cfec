//! `argmark suggest` and `argmark analyze`: the speculation lens and the
//! argument checks on the command line, as text for a coach or JSON for tools.

use super::open::open_for_cli;
use crate::analysis::checks::{self, Status};
use crate::analysis::lens::{
    self, Cue, DismissedSpans, Label, Lexicon, MarkedSpans, SentenceReading,
};
use crate::model::{ArgumentMap, UnitId};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The lexicon named on the command line, or the built-in one; prints the
/// error (`FILE:LINE:COL: message`) and gives `None` if it cannot be used.
fn lexicon_for_cli(path: Option<&Path>, err: &mut impl Write) -> Option<Lexicon> {
    match path {
        None => Some(Lexicon::builtin().clone()),
        Some(p) => match Lexicon::load(p) {
            Ok(l) => Some(l),
            Err(e) => {
                let _ = writeln!(err, "{e}");
                None
            }
        },
    }
}

/// A cue as `suggest --json` prints it.
#[derive(Serialize)]
struct CueJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    kind: &'static str,
    /// `strong_hedge`, `prediction`, `conditional`; null for attribution cues.
    strength: Option<&'static str>,
}

/// A sentence as `suggest --json` prints it.
#[derive(Serialize)]
struct SentenceJson<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    label: &'static str,
    /// Whether a speculation-role unit already overlaps it.
    marked: bool,
    /// Whether the annotator dismissed it as a suggestion.
    dismissed: bool,
    cues: Vec<CueJson<'a>>,
}

fn cue_json<'a>(map: &'a ArgumentMap, c: &Cue) -> CueJson<'a> {
    CueJson {
        text: c.text(map.source()),
        start: c.span.start,
        end: c.span.end,
        kind: c.class.key(),
        strength: c.class.strength().map(|s| s.key()),
    }
}

/// The sentences `suggest --json` prints, serialised one at a time as the
/// JSON array is written (no list of them, no JSON string of it all).
struct SentencesJson<'a> {
    map: &'a ArgumentMap,
    shown: &'a [SentenceReading],
    marked: &'a MarkedSpans,
    dismissed: &'a DismissedSpans<'a>,
}

impl Serialize for SentencesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.shown.iter().map(|r| SentenceJson {
            start: r.span.start,
            end: r.span.end,
            text: self.map.quote_of(r.span.clone()).unwrap_or_default(),
            label: r.label.key(),
            marked: self.marked.overlaps(&r.span),
            dismissed: self.dismissed.contains(&r.span),
            cues: r.cues.iter().map(|c| cue_json(self.map, c)).collect(),
        }))
    }
}

/// Runs `argmark suggest`. The lens streams through the text and only the
/// sentences to print are kept; marks and dismissals are looked up in
/// indexes built once (not a scan of the units per sentence).
pub(super) fn suggest(
    path: &Path,
    json: bool,
    lexicon: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    let Some(lexicon) = lexicon_for_cli(lexicon, err) else {
        return false;
    };
    let Some(map) = open_for_cli(path, err) else {
        return false;
    };
    let mut all = 0;
    let mut shown = Vec::new();
    lens::read_each(map.text(), &lexicon, |r| {
        all += 1;
        if r.label != Label::Neither {
            shown.push(r);
        }
    });
    let marked = MarkedSpans::new(&map);
    let dismissed = DismissedSpans::new(&map);
    let mut out = std::io::BufWriter::new(out);
    let written = if json {
        let items = SentencesJson {
            map: &map,
            shown: &shown,
            marked: &marked,
            dismissed: &dismissed,
        };
        serde_json::to_writer_pretty(&mut out, &items)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        let found = Found {
            all,
            shown: &shown,
            marked: &marked,
            dismissed: &dismissed,
        };
        write_suggestions_text(&map, &found, path, &mut out)
    };
    written.and_then(|()| out.flush()).is_ok()
}

/// What the lens found in a text, for the text form of `suggest`.
struct Found<'a> {
    /// Sentences read.
    all: usize,
    /// Those that speculate or report what others say.
    shown: &'a [SentenceReading],
    marked: &'a MarkedSpans,
    dismissed: &'a DismissedSpans<'a>,
}

fn write_suggestions_text(
    map: &ArgumentMap,
    found: &Found,
    path: &Path,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let shown = found.shown;
    let count = |l: Label| shown.iter().filter(|r| r.label == l).count();
    writeln!(
        out,
        "{}: {} of {} sentences speculate, {} report what others say",
        path.display(),
        count(Label::Speculation),
        found.all,
        count(Label::Attribution)
    )?;
    for r in shown {
        let mark = if r.label != Label::Speculation {
            ""
        } else if found.marked.overlaps(&r.span) {
            " (marked)"
        } else if found.dismissed.contains(&r.span) {
            " (dismissed)"
        } else {
            ""
        };
        writeln!(out)?;
        writeln!(
            out,
            "[{}] {}..{}{mark}",
            r.label.key(),
            r.span.start,
            r.span.end
        )?;
        writeln!(
            out,
            "  {}",
            map.quote_of(r.span.clone()).unwrap_or_default()
        )?;
        let cues: Vec<String> = r
            .cues
            .iter()
            .map(|c| match c.class.strength() {
                Some(s) => format!("“{}” {}", c.text(map.source()), s.label()),
                None => format!("“{}” attribution", c.text(map.source())),
            })
            .collect();
        writeln!(out, "  cues: {}", cues.join(", "))?;
    }
    Ok(())
}

/// Runs `argmark analyze`.
pub(super) fn analyze(
    path: &Path,
    json: bool,
    lexicon: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> bool {
    let Some(lexicon) = lexicon_for_cli(lexicon, err) else {
        return false;
    };
    let Some(map) = open_for_cli(path, err) else {
        return false;
    };
    let findings = checks::check(&map);
    // The summary only counts sentences: the lens streams, nothing is kept.
    let mut tally = checks::SentenceTally::new(&map);
    lens::read_each(map.text(), &lexicon, |r| tally.add(&r));
    let summary = checks::summary_counted(&map, &tally);
    let report = checks::report(&map, &findings, &summary);
    let mut out = std::io::BufWriter::new(out);
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        write_report_text(&map, &report, &mut out)
    };
    written.and_then(|()| out.flush()).is_ok()
}

/// A unit as a coach reads it: `u3 (Claim) “the quote, shortened…”`.
fn describe(map: &ArgumentMap, id: &UnitId) -> String {
    match map.unit(id) {
        Some(u) => format!("{id} ({}) “{}”", u.kind, shorten(&u.quote, 70)),
        None => id.to_string(),
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

fn ids(v: &[UnitId]) -> String {
    v.iter().map(UnitId::as_str).collect::<Vec<_>>().join(", ")
}

fn write_report_text(
    map: &ArgumentMap,
    r: &checks::Report,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let title = if map.meta().title.is_empty() {
        "(untitled)"
    } else {
        &map.meta().title
    };
    writeln!(out, "{title}")?;
    let section = |out: &mut dyn Write, name: &str, n: usize| {
        writeln!(out)?;
        if n == 0 {
            writeln!(out, "{name}: none")
        } else {
            writeln!(out, "{name} ({n}):")
        }
    };

    let claims: Vec<&crate::model::Unit> = map
        .units()
        .iter()
        .filter(|u| map.scheme().role_of(&u.kind).is_claim())
        .collect();
    section(out, "Which claims stand", claims.len())?;
    for u in &claims {
        let status = r.status.get(&u.id).copied().unwrap_or(Status::Undecided);
        writeln!(out, "  {:<9}  {}", status.key(), describe(map, &u.id))?;
    }

    section(out, "Claims with no support", r.unsupported_claims.len())?;
    for e in &r.unsupported_claims {
        writeln!(out, "  {}", describe(map, &e.unit))?;
    }

    section(out, "Attacks nobody answers", r.unanswered_attacks.len())?;
    for a in &r.unanswered_attacks {
        writeln!(out, "  {}: {} attacks", a.relation, ids(&a.attackers))?;
        writeln!(out, "      {}", describe(map, &a.target))?;
        for s in &a.attackers {
            writeln!(out, "    attacker {}", describe(map, s))?;
        }
    }

    section(
        out,
        "Claims that rest on speculation",
        r.rests_on_speculation.len(),
    )?;
    for d in &r.rests_on_speculation {
        writeln!(out, "  {}", describe(map, &d.unit))?;
        if !d.scenarios.is_empty() {
            writeln!(out, "    depends on: {}", d.scenarios.join("; "))?;
        }
        if !d.speculation_units.is_empty() {
            writeln!(
                out,
                "    speculation below it: {}",
                ids(&d.speculation_units)
            )?;
        }
    }

    section(out, "Circular support", r.cycles.len())?;
    for c in &r.cycles {
        let mut path: Vec<&str> = c.path.iter().map(UnitId::as_str).collect();
        if let Some(first) = path.first().copied() {
            path.push(first);
        }
        writeln!(
            out,
            "  {} (units {})",
            path.join(" supports "),
            ids(&c.units)
        )?;
    }

    section(
        out,
        "Loose ends (premises and evidence linked to nothing)",
        r.loose_ends.len(),
    )?;
    for e in &r.loose_ends {
        writeln!(out, "  {}", describe(map, &e.unit))?;
    }

    let s = &r.summary;
    writeln!(out)?;
    writeln!(out, "Summary ({} characters):", s.chars)?;
    for (key, _) in checks::SHARE_GROUPS {
        let share = s.share.get(key).copied().unwrap_or(0.0);
        writeln!(out, "  {key:<12} {:>5.1}%", share * 100.0)?;
    }
    let unmarked = s.share.get("unmarked").copied().unwrap_or(0.0);
    writeln!(out, "  {:<12} {:>5.1}%", "unmarked", unmarked * 100.0)?;
    writeln!(
        out,
        "  speculative sentences: {} found by the lens, {} of them marked",
        s.speculative_sentences_found, s.speculative_sentences_marked
    )?;
    Ok(())
}
