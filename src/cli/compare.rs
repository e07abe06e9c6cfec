//! `argmark compare`: agreement between annotations of one text as a
//! readable table or JSON, a handout per student against an answer key, and
//! the coded items as CSV for rerunning the statistics elsewhere.

use super::csv;
use super::open_for_cli;
use crate::analysis::compare::relations::pair_labels;
use crate::analysis::compare::report::{DisagreementKind, alignment, token_items};
use crate::analysis::compare::{
    Annotator, Coefficient, KeyReport, Options, Report, compare as compare_maps, score_against_key,
};
use crate::model::{ArgumentMap, validate};
use std::io::Write;
use std::path::{Path, PathBuf};

/// More ordered unit pairs than this and `--items` writes only the related ones.
const ALL_PAIRS_UP_TO: u64 = 1_000_000;

/// What `argmark compare` was asked.
pub(super) struct Request<'a> {
    pub files: &'a [PathBuf],
    pub key: Option<&'a Path>,
    pub json: bool,
    pub items: Option<&'a Path>,
    pub min_overlap: f64,
}

/// A name for each file: its name without `.argmap.ron`, made unique.
fn names(paths: &[&Path]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paths {
        let file = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let base = file
            .strip_suffix(".argmap.ron")
            .or_else(|| file.rsplit_once('.').map(|(b, _)| b))
            .unwrap_or(&file)
            .to_owned();
        let mut name = base.clone();
        let mut n = 2;
        while out.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        out.push(name);
    }
    out
}

/// Runs the command; false when a file could not be read or the texts differ.
pub(super) fn compare(req: &Request, out: &mut impl Write, err: &mut impl Write) -> bool {
    let mut paths: Vec<&Path> = req.key.into_iter().collect();
    paths.extend(req.files.iter().map(PathBuf::as_path));
    if paths.len() < 2 {
        let _ = writeln!(
            err,
            "argmark compare: give at least two maps, or one map and --key KEY"
        );
        return false;
    }
    let maps: Option<Vec<ArgumentMap>> = paths.iter().map(|p| open_for_cli(p, err)).collect();
    let Some(maps) = maps else {
        return false;
    };
    // Spans past the text or empty, dangling ids: nothing to measure safely.
    for (p, m) in paths.iter().zip(&maps) {
        if validate(m).iter().any(|problem| problem.is_structural()) {
            let _ = writeln!(
                err,
                "{}: the map has structural problems (run `argmark check` on it); not compared",
                p.display()
            );
            return false;
        }
    }
    let mut names = names(&paths);
    if req.key.is_some() {
        names[0] = "key".into();
        if names[1..].contains(&names[0]) {
            names[0] = "answer-key".into();
        }
    }
    let annotators: Vec<Annotator> = names
        .iter()
        .zip(&maps)
        .map(|(name, map)| Annotator { name, map })
        .collect();
    let options = Options {
        min_overlap: req.min_overlap,
    };
    let report = match compare_maps(&annotators, &options) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "argmark compare: {e}");
            for (p, n) in paths.iter().zip(&names) {
                let _ = writeln!(err, "  {n} = {}", p.display());
            }
            return false;
        }
    };
    let key = match req.key {
        Some(_) => match score_against_key(&annotators[0], &annotators[1..], &options) {
            Ok(k) => Some(k),
            Err(e) => {
                let _ = writeln!(err, "argmark compare: {e}");
                return false;
            }
        },
        None => None,
    };
    if let Some(items) = req.items
        && let Err(e) = write_items(items, &annotators, &options, err)
    {
        let _ = writeln!(err, "{}: could not write the items: {e}", items.display());
        return false;
    }
    let written = if req.json {
        json(&report, key.as_ref(), out)
    } else {
        // With a key the handouts are the output; the table is for researchers.
        match &key {
            Some(k) => handout(k, out),
            None => table(&report, &paths, out),
        }
    };
    written.is_ok()
}

fn json(report: &Report, key: Option<&KeyReport>, out: &mut impl Write) -> std::io::Result<()> {
    let mut value = serde_json::to_value(report).map_err(std::io::Error::other)?;
    if let (Some(k), Some(obj)) = (key, value.as_object_mut()) {
        obj.insert(
            "key".into(),
            serde_json::to_value(k).map_err(std::io::Error::other)?,
        );
    }
    let text = serde_json::to_string_pretty(&value).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

/// A coefficient or score to three decimals, "n/a" when undefined.
fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

fn coefficient(c: &Coefficient) -> String {
    let mut s = format!("{} ({} items", num(c.value), c.items);
    if c.excluded > 0 {
        s.push_str(&format!(", {} excluded", c.excluded));
    }
    s.push(')');
    s
}

/// The readable report.
fn table(r: &Report, paths: &[&Path], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "Comparing {} annotations of one text ({} chars, {} words, SHA-256 {}…)",
        r.annotators.len(),
        r.chars,
        r.tokens.words,
        &r.text_sha256[..12]
    )?;
    let w = r
        .annotators
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0);
    for (a, p) in r.annotators.iter().zip(paths) {
        writeln!(
            out,
            "  {:<w$} {:>5} units {:>5} relations {:>3} scenarios  {}",
            a.name,
            a.units,
            a.relations,
            a.scenarios,
            p.display()
        )?;
    }
    for t in &r.unmatched_tags {
        writeln!(
            out,
            "  note: tag “{}” of {} is not in the scheme of {}",
            t.tag,
            t.annotator,
            t.missing_in.join(", ")
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Alignment (one-to-one, most overlap; a pair needs char Jaccard ≥ {:.2})",
        r.alignment.min_overlap
    )?;
    let pw = 2 * w + 3;
    writeln!(
        out,
        "  {:<pw$} {:>7} {:>6} {:>8} {:>6} {:>6} {:>14}",
        "pair", "aligned", "exact", "same tag", "only A", "only B", "boundary diff"
    )?;
    for p in &r.alignment.pairs {
        writeln!(
            out,
            "  {:<pw$} {:>7} {:>6} {:>8} {:>6} {:>6} {:>14}",
            format!("{} – {}", p.a, p.b),
            p.aligned,
            p.exact,
            p.same_tag,
            p.only_a,
            p.only_b,
            p.mean_boundary_diff
                .map_or_else(|| "n/a".into(), |d| format!("{d:.1} chars"))
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Span F1, label-aware (exact / overlap)")?;
    for p in &r.pairs {
        writeln!(out, "  {} – {}", p.a, p.b)?;
        for (tag, e) in &p.span_f1.exact.by_tag {
            let o = &p.span_f1.overlap.by_tag[tag];
            writeln!(
                out,
                "    {:<16} {:>6} / {:<6}  ({} vs {} units)",
                tag,
                num(e.f1),
                num(o.f1),
                e.reference,
                e.predicted
            )?;
        }
        writeln!(
            out,
            "    {:<16} {:>6} / {:<6}",
            "micro",
            num(p.span_f1.exact.micro.f1),
            num(p.span_f1.overlap.micro.f1)
        )?;
        writeln!(
            out,
            "    {:<16} {:>6} / {:<6}",
            "macro",
            num(p.span_f1.exact.macro_f1),
            num(p.span_f1.overlap.macro_f1)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Word agreement (UAX #29 words; a word's label is its innermost unit's tag, or none)"
    )?;
    let cw = pw + 10;
    for p in &r.pairs {
        let name = format!("Cohen's κ {} – {}", p.a, p.b);
        writeln!(out, "  {name:<cw$} {}", coefficient(&p.cohen_kappa))?;
    }
    let fleiss = coefficient(&r.fleiss_kappa);
    writeln!(out, "  {:<cw$} {fleiss}", "Fleiss' κ")?;
    let alpha = coefficient(&r.krippendorff_alpha);
    writeln!(out, "  {:<cw$} {alpha}", "Krippendorff's α")?;
    writeln!(out)?;
    writeln!(
        out,
        "Unitizing α_U over characters (Krippendorff; as DKPro Statistics)"
    )?;
    writeln!(out, "  {:<cw$} {}", "overall", num(r.alpha_u.overall))?;
    for (tag, a) in &r.alpha_u.by_tag {
        let dropped = if a.excluded > 0 {
            format!(", {} overlapping dropped", a.excluded)
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:<cw$} {} ({} units{dropped})",
            tag,
            num(a.alpha),
            a.units
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Relations through the alignment")?;
    for p in &r.pairs {
        let x = &p.relations;
        writeln!(
            out,
            "  {} – {}: F1 {} ({} matched of {} and {}; {} and {} name unaligned units)",
            p.a,
            p.b,
            num(x.f1),
            x.matched,
            x.relations_a,
            x.relations_b,
            x.excluded_a,
            x.excluded_b
        )?;
        writeln!(
            out,
            "    linked arguments, partial credit {:.2} over {} pairs: F1 {}",
            x.partial_credit,
            x.partial_pairs,
            num(x.f1_with_partial)
        )?;
        writeln!(
            out,
            "    κ over ordered pairs of aligned units: {}",
            coefficient(&x.pair_kappa)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "Scenario membership of aligned units")?;
    for p in &r.pairs {
        let s = &p.scenarios;
        writeln!(
            out,
            "  {} – {}: in a scenario κ {}; units put together: Jaccard {} ({} both, {} only {}, {} only {})",
            p.a,
            p.b,
            coefficient(&s.membership_kappa),
            num(s.together_jaccard),
            s.together_both,
            s.together_a - s.together_both,
            p.a,
            s.together_b - s.together_both,
            p.b
        )?;
        for m in &s.matches {
            writeln!(out, "    “{}” ~ “{}” ({} units)", m.a, m.b, m.shared_units)?;
        }
    }
    const SHOWN: usize = 15;
    for p in &r.pairs {
        if p.disagreements.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "Disagreements {} – {} ({})",
            p.a,
            p.b,
            p.disagreements.len()
        )?;
        for d in p.disagreements.iter().take(SHOWN) {
            let unit = |u: &Option<crate::analysis::compare::UnitRef>| {
                u.as_ref().map_or_else(
                    || "—".to_owned(),
                    |u| format!("{} {} {}..{}", u.id, u.tag, u.start, u.end),
                )
            };
            let kind = match d.kind {
                DisagreementKind::OnlyInA => format!("only {}", p.a),
                DisagreementKind::OnlyInB => format!("only {}", p.b),
                DisagreementKind::TagDiffers => "tag differs".into(),
                DisagreementKind::BoundaryDiffers => "boundary differs".into(),
            };
            writeln!(
                out,
                "  {:<kw$} {:<32} {}",
                kind,
                unit(&d.a),
                unit(&d.b),
                kw = (w + 5).max(16)
            )?;
        }
        if p.disagreements.len() > SHOWN {
            writeln!(
                out,
                "  … and {} more (--json lists all)",
                p.disagreements.len() - SHOWN
            )?;
        }
    }
    Ok(())
}

/// One handout per student.
fn handout(k: &KeyReport, out: &mut impl Write) -> std::io::Result<()> {
    for s in &k.students {
        writeln!(out, "Feedback for {} (against {})", s.student, k.key)?;
        writeln!(out, "{}", "=".repeat(40))?;
        writeln!(
            out,
            "  {:<16} {:>9} {:>6} {:>6}",
            "units", "precision", "recall", "F1"
        )?;
        for (tag, p) in &s.units.by_tag {
            writeln!(
                out,
                "  {:<16} {:>9} {:>6} {:>6}",
                tag,
                num(p.precision),
                num(p.recall),
                num(p.f1)
            )?;
        }
        let m = &s.units.micro;
        writeln!(
            out,
            "  {:<16} {:>9} {:>6} {:>6}",
            "all",
            num(m.precision),
            num(m.recall),
            num(m.f1)
        )?;
        writeln!(
            out,
            "  Relations: F1 {} ({} of the key's {} found)",
            num(s.relations.f1),
            s.relations.matched,
            s.relations.relations_a
        )?;
        let sf = &s.speculation_vs_fact;
        writeln!(
            out,
            "  Speculation vs fact: {} of the key's {} words labelled the same ({}); κ {}",
            sf.agreeing_words,
            sf.key_words,
            sf.agreement
                .map_or_else(|| "n/a".into(), |a| format!("{:.0}%", a * 100.0)),
            num(sf.kappa.value)
        )?;
        writeln!(out)?;
        if s.feedback.is_empty() {
            writeln!(out, "  Every unit matches the key.")?;
        }
        for f in &s.feedback {
            writeln!(out, "  • {}", f.message)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The coded items as CSV: one row per word with each annotator's label, then
/// per pair of annotators one row per ordered pair of aligned units with the
/// relation kind each gives it.
fn write_items(
    path: &Path,
    annotators: &[Annotator],
    options: &Options,
    err: &mut impl Write,
) -> std::io::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut w = std::io::BufWriter::new(file);
    let mut header: Vec<String> = [
        "item",
        "pair",
        "start",
        "end",
        "text",
        "target_start",
        "target_end",
        "target_text",
    ]
    .map(String::from)
    .to_vec();
    header.extend(annotators.iter().map(|a| a.name.to_owned()));
    csv::record(&mut w, &header)?;
    let items = token_items(annotators);
    let text = annotators[0].map.source();
    for (i, word) in items.words.iter().enumerate() {
        let mut row: Vec<String> = vec![
            "word".into(),
            String::new(),
            word.start.to_string(),
            word.end.to_string(),
            text.slice(word.clone()).unwrap_or_default().to_owned(),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend(
            items
                .codes
                .iter()
                .map(|c| items.labels[c[i] as usize].clone()),
        );
        csv::record(&mut w, &row)?;
    }
    const KINDS: [&str; 4] = ["none", "support", "attack", "rephrase"];
    for i in 0..annotators.len() {
        for j in i + 1..annotators.len() {
            let (a, b) = (annotators[i].map, annotators[j].map);
            let aligned = alignment(a, b, options);
            let (labels, _) = pair_labels(a, b, &aligned);
            let k = aligned.len() as u64;
            let all = k * k.saturating_sub(1) <= ALL_PAIRS_UP_TO;
            let mut cells: Vec<(usize, usize, [usize; 2])> = if all {
                let mut v = Vec::new();
                for x in &aligned {
                    for y in &aligned {
                        if x.a != y.a {
                            let l = labels.get(&(x.a, y.a)).copied().unwrap_or([0, 0]);
                            v.push((x.a, y.a, l));
                        }
                    }
                }
                v
            } else {
                let _ = writeln!(
                    err,
                    "{}: {} – {}: {} ordered pairs of aligned units; writing only the {} with a relation",
                    path.display(),
                    annotators[i].name,
                    annotators[j].name,
                    k * k.saturating_sub(1),
                    labels.len()
                );
                labels.iter().map(|(&(x, y), &l)| (x, y, l)).collect()
            };
            cells.sort_unstable();
            let pair = format!("{}~{}", annotators[i].name, annotators[j].name);
            let units = a.units();
            for (x, y, l) in cells {
                let (s, t) = (&units[x], &units[y]);
                let mut row: Vec<String> = vec![
                    "relation".into(),
                    pair.clone(),
                    s.start.to_string(),
                    s.end.to_string(),
                    a.quote_of(s.span()).unwrap_or_default().to_owned(),
                    t.start.to_string(),
                    t.end.to_string(),
                    a.quote_of(t.span()).unwrap_or_default().to_owned(),
                ];
                for n in 0..annotators.len() {
                    row.push(match n {
                        _ if n == i => KINDS[l[0]].into(),
                        _ if n == j => KINDS[l[1]].into(),
                        _ => String::new(),
                    });
                }
                csv::record(&mut w, &row)?;
            }
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_drop_the_extension_and_stay_unique() {
        let p = [
            Path::new("a/alice.argmap.ron"),
            Path::new("b/alice.argmap.ron"),
            Path::new("bob.txt"),
        ];
        assert_eq!(names(&p), ["alice", "alice-2", "bob"]);
    }
}
