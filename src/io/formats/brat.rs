//! brat stand-off annotation: the text in `NAME.txt`, the annotations in
//! `NAME.ann`, one per line: `T` text-bound spans (`T3\tPremise 10 42\tquote`,
//! code-point offsets, fragments after `;`), `R` relations
//! (`R1\tsupports Arg1:T3 Arg2:T2`), `A` attributes (`A1\tStance T2 For`) and
//! `#` notes (`#1\tAnnotatorNotes T3\tnote`).
//!
//! Type names map onto a scheme: a tag of the same name first, then the
//! Argument Annotated Essays conventions (MajorClaim, Claim, Premise;
//! supports, attacks; a claim's `Stance` For/Against becomes a support or
//! attack of the first major claim). Unknown types become new tags with the
//! role Other, so the imported map is valid. Discontinuous spans are imported
//! over their whole extent and reported.

use super::{Imported, one_line};
use crate::io::{FileError, Location, decode_utf8, read_bytes};
use crate::model::{
    ArgumentMap, MapParts, Meta, NextIds, Relation, RelationId, RelationKind, Rgb, Role, Scenario,
    ScenarioId, Tag, TagScheme, Unit, UnitId,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

/// The brat relation type for a kind (AAE names).
fn relation_type(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Support => "supports",
        RelationKind::Attack => "attacks",
        RelationKind::Rephrase => "rephrases",
    }
}

/// A tag name as a brat type (brat types have no spaces).
fn type_name(tag: &str) -> String {
    tag.split_whitespace().collect::<Vec<_>>().join("_")
}

/// Writes the map as brat: `(txt, ann)`. Units keep their numbers (`u12` →
/// `T12`); a linked argument becomes one `R` per source.
pub fn to_brat(map: &ArgumentMap) -> (String, String) {
    let mut ann = String::new();
    let mut used = HashSet::new();
    let mut tid: HashMap<&UnitId, String> = HashMap::new();
    let mut next = map
        .units()
        .iter()
        .filter_map(|u| u.id.number())
        .max()
        .unwrap_or(0)
        + 1;
    for u in map.units() {
        let n = match u.id.number() {
            Some(n) if used.insert(n) => n,
            _ => {
                next += 1;
                next - 1
            }
        };
        tid.insert(&u.id, format!("T{n}"));
    }
    for u in map.units() {
        let _ = writeln!(
            ann,
            "{}\t{} {} {}\t{}",
            tid[&u.id],
            type_name(&u.kind),
            u.start,
            u.end,
            one_line(&u.quote)
        );
    }
    let mut next_r = map
        .relations()
        .iter()
        .filter_map(|r| r.id.number())
        .max()
        .unwrap_or(0)
        + 1;
    let mut rid: Vec<(String, &Relation)> = Vec::new();
    for r in map.relations() {
        for (i, s) in r.sources.iter().enumerate() {
            let id = match r.id.number() {
                Some(n) if i == 0 => format!("R{n}"),
                _ => {
                    next_r += 1;
                    format!("R{}", next_r - 1)
                }
            };
            if let (Some(a), Some(b)) = (tid.get(s), tid.get(&r.target)) {
                let _ = writeln!(ann, "{id}\t{} Arg1:{a} Arg2:{b}\t", relation_type(r.kind));
                rid.push((id, r));
            }
        }
    }
    let mut a = 0;
    for u in map.units() {
        if let Some(s) = &u.scenario {
            a += 1;
            let _ = writeln!(ann, "A{a}\tScenario {} {s}", tid[&u.id]);
        }
    }
    let mut note = 0;
    for u in map.units().iter().filter(|u| !u.note.is_empty()) {
        note += 1;
        let _ = writeln!(
            ann,
            "#{note}\tAnnotatorNotes {}\t{}",
            tid[&u.id],
            one_line(&u.note)
        );
    }
    for (id, r) in rid.iter().filter(|(_, r)| !r.note.is_empty()) {
        note += 1;
        let _ = writeln!(ann, "#{note}\tAnnotatorNotes {id}\t{}", one_line(&r.note));
    }
    (map.text().to_owned(), ann)
}

/// How a brat type maps onto the scheme.
fn map_type(ty: &str, scheme: &TagScheme) -> Option<String> {
    let norm = |s: &str| s.replace(['_', ' ', '-'], "").to_lowercase();
    if let Some(t) = scheme.tags.iter().find(|t| norm(&t.name) == norm(ty)) {
        return Some(t.name.clone());
    }
    let role = match norm(ty).as_str() {
        "majorclaim" | "mainclaim" | "thesis" => Role::MainClaim,
        "claim" | "conclusion" => Role::Claim,
        "premise" | "reason" => Role::Premise,
        "evidence" | "fact" | "data" => Role::Evidence,
        "speculation" | "hypothesis" | "prediction" => Role::Speculation,
        _ => return None,
    };
    scheme.first_with_role(role).map(|t| t.name.clone())
}

/// A relation kind from a brat relation type.
fn map_relation(ty: &str) -> Option<RelationKind> {
    match ty.to_lowercase().as_str() {
        "supports" | "support" | "supported_by" => Some(RelationKind::Support),
        "attacks" | "attack" | "attacked_by" => Some(RelationKind::Attack),
        "rephrases" | "rephrase" | "restates" => Some(RelationKind::Rephrase),
        _ => None,
    }
}

/// Reads `NAME.ann` and `NAME.txt` (either may be named) into a map in `scheme`.
pub fn import(path: &Path, scheme: &TagScheme) -> Result<Imported, FileError> {
    let ann_path = path.with_extension("ann");
    let txt_path = path.with_extension("txt");
    let text = decode_utf8(&txt_path, read_bytes(&txt_path)?)?;
    let ann = decode_utf8(&ann_path, read_bytes(&ann_path)?)?;
    let mut imp = from_brat(&text, &ann, &ann_path, scheme)?;
    imp.map.meta = Meta {
        title: super::stem_of(&ann_path),
        ..Meta::default()
    };
    Ok(imp)
}

/// Builds a map from a text and its `.ann` (named `ann_path` in messages).
pub fn from_brat(
    text: &str,
    ann: &str,
    ann_path: &Path,
    scheme: &TagScheme,
) -> Result<Imported, FileError> {
    let mut scheme = scheme.clone();
    let mut warnings = Vec::new();
    let len = text.chars().count();
    let index = crate::model::TextIndex::new(text);
    let at = |line: usize| Some(Location { line, col: 1 });
    let warn = |w: &mut Vec<String>, line: usize, m: String| {
        w.push(format!("{}:{line}: {m}", ann_path.display()));
    };
    let mut units: Vec<Unit> = Vec::new();
    let mut by_t: HashMap<String, usize> = HashMap::new();
    let mut rels: Vec<(usize, String, RelationKind, String, String)> = Vec::new();
    let mut attrs: Vec<(usize, String, String, String)> = Vec::new();
    let mut notes: Vec<(usize, String, String)> = Vec::new();
    let mut taken: HashSet<UnitId> = HashSet::new();
    let mut new_types: BTreeMap<String, String> = BTreeMap::new();
    // T ids first, so forward references work.
    for (n, line) in ann.lines().enumerate() {
        let ln = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or_default();
        let Some(body) = cols.next() else {
            return Err(FileError::at(
                ann_path,
                at(ln),
                format!("expected ID<TAB>annotation, found {line:?}"),
            ));
        };
        let quoted = cols.next();
        let mut words = body.split_whitespace();
        let head = words.next().unwrap_or_default().to_owned();
        match id.chars().next() {
            Some('T') => {
                let rest = body[body.find(&head).unwrap_or(0) + head.len()..].trim();
                let mut frags = Vec::new();
                for f in rest.split(';') {
                    let nums: Vec<Option<usize>> =
                        f.split_whitespace().map(|x| x.parse().ok()).collect();
                    match nums.as_slice() {
                        [Some(s), Some(e)] => frags.push((*s, *e)),
                        _ => {
                            return Err(FileError::at(
                                ann_path,
                                at(ln),
                                format!(
                                    "{id}: expected \"TYPE START END\" offsets, found {body:?}"
                                ),
                            ));
                        }
                    }
                }
                let start = frags.iter().map(|f| f.0).min().unwrap_or(0);
                let end = frags.iter().map(|f| f.1).max().unwrap_or(0);
                if start >= end || end > len || frags.iter().any(|f| f.0 > f.1) {
                    warn(
                        &mut warnings,
                        ln,
                        format!(
                            "{id} spans {rest}, outside the text ({len} chars) or empty; skipped"
                        ),
                    );
                    continue;
                }
                if frags.len() > 1 {
                    warn(
                        &mut warnings,
                        ln,
                        format!(
                            "{id} is discontinuous ({rest}); imported as one unit over {start}-{end}"
                        ),
                    );
                }
                let slice = index.slice(text, start..end).unwrap_or_default();
                if let Some(q) = quoted
                    && frags.len() == 1
                    && one_line(q) != one_line(slice)
                {
                    warn(
                        &mut warnings,
                        ln,
                        format!(
                            "{id}: the quoted text {q:?} differs from the text at {start}-{end} ({slice:?}); the offsets win"
                        ),
                    );
                }
                let kind = match map_type(&head, &scheme) {
                    Some(k) => k,
                    None => {
                        new_types
                            .entry(head.clone())
                            .or_insert_with(|| id.to_owned());
                        head.replace('_', " ")
                    }
                };
                if by_t.contains_key(id) {
                    return Err(FileError::at(
                        ann_path,
                        at(ln),
                        format!("{id} is defined twice"),
                    ));
                }
                let uid = id[1..]
                    .parse::<u64>()
                    .ok()
                    .map(UnitId::from_number)
                    .filter(|u| !taken.contains(u))
                    .unwrap_or_else(|| UnitId::from(format!("t-{id}").as_str()));
                taken.insert(uid.clone());
                by_t.insert(id.to_owned(), units.len());
                units.push(Unit {
                    id: uid,
                    kind,
                    start,
                    end,
                    quote: slice.to_owned(),
                    note: String::new(),
                    scenario: None,
                });
            }
            Some('R') => {
                let args: Vec<&str> = words.collect();
                let arg = |i: usize| {
                    args.get(i)
                        .and_then(|a| a.split_once(':'))
                        .map(|(_, t)| t.to_owned())
                };
                let (Some(a), Some(b)) = (arg(0), arg(1)) else {
                    return Err(FileError::at(
                        ann_path,
                        at(ln),
                        format!("{id}: expected \"TYPE Arg1:T1 Arg2:T2\", found {body:?}"),
                    ));
                };
                match map_relation(&head) {
                    Some(kind) => rels.push((ln, id.to_owned(), kind, a, b)),
                    None => warn(
                        &mut warnings,
                        ln,
                        format!(
                            "{id}: relation type {head:?} is neither supports, attacks nor rephrases; skipped"
                        ),
                    ),
                }
            }
            Some('A' | 'M') => {
                let target = words.next().unwrap_or_default().to_owned();
                let value = words.collect::<Vec<_>>().join(" ");
                attrs.push((ln, head, target, value));
            }
            Some('#') => {
                let target = words.next().unwrap_or_default().to_owned();
                notes.push((ln, target, quoted.unwrap_or_default().to_owned()));
            }
            _ => warn(
                &mut warnings,
                ln,
                format!(
                    "{id}: {head} annotations (events, normalisations, equivalences) are not read; skipped"
                ),
            ),
        }
    }
    for (ty, first) in &new_types {
        let name = ty.replace('_', " ");
        scheme.tags.push(Tag {
            name: name.clone(),
            role: Role::Other,
            color: Rgb([0x8a, 0x8f, 0x98]),
            key: 0,
            description: format!("brat type {ty}"),
        });
        warnings.push(format!(
            "{}: type {ty:?} (first at {first}) is not in the scheme {:?}; added as tag {name:?} with role Other",
            ann_path.display(),
            scheme.name
        ));
    }
    // Relations, from R lines and from AAE stances.
    let mut major: Vec<&Unit> = units
        .iter()
        .filter(|u| scheme.role_of(&u.kind) == Role::MainClaim)
        .collect();
    major.sort_by_key(|u| u.start);
    let main_claim = major.first().map(|u| u.id.clone());
    let has_stances = attrs.iter().any(|(_, name, ..)| name == "Stance");
    if has_stances && major.len() > 1 {
        let others: Vec<&str> = major[1..].iter().map(|u| u.id.as_str()).collect();
        warnings.push(format!(
            "{}: stances point at the first major claim, {}; the other major claims ({}) are not linked to it",
            ann_path.display(),
            major[0].id,
            others.join(", ")
        ));
    }
    let mut relations: Vec<Relation> = Vec::new();
    let mut rel_ids: HashMap<String, usize> = HashMap::new();
    let mut used_r: HashSet<RelationId> = HashSet::new();
    let unit_of = |t: &str| by_t.get(t).map(|&i| units[i].id.clone());
    let mut push = |relations: &mut Vec<Relation>,
                    warnings: &mut Vec<String>,
                    ln: usize,
                    rid: Option<&str>,
                    kind,
                    source: UnitId,
                    target: UnitId| {
        if source == target {
            warn(
                warnings,
                ln,
                format!("{source} would support or attack itself; skipped"),
            );
            return None;
        }
        if relations
            .iter()
            .any(|r| r.kind == kind && r.target == target && r.sources == [source.clone()])
        {
            return None;
        }
        let id = rid
            .and_then(|r| r[1..].parse::<u64>().ok())
            .map(RelationId::from_number)
            .filter(|r| !used_r.contains(r))
            .unwrap_or_else(|| {
                (1u64..)
                    .map(RelationId::from_number)
                    .find(|r| !used_r.contains(r))
                    .unwrap_or_else(|| RelationId::from("r0"))
            });
        used_r.insert(id.clone());
        relations.push(Relation {
            id,
            kind,
            sources: vec![source],
            target,
            note: String::new(),
        });
        Some(relations.len() - 1)
    };
    // R lines keep their numbers; stances (read after them) take free ones.
    for (ln, id, kind, a, b) in &rels {
        match (unit_of(a), unit_of(b)) {
            (Some(s), Some(t)) => {
                if let Some(i) = push(&mut relations, &mut warnings, *ln, Some(id), *kind, s, t) {
                    rel_ids.insert(id.clone(), i);
                }
            }
            _ => warn(
                &mut warnings,
                *ln,
                format!(
                    "{id} links {a} and {b}, which are not both text-bound annotations; skipped"
                ),
            ),
        }
    }
    let mut scenarios: BTreeMap<String, ScenarioId> = BTreeMap::new();
    let mut notes_by_unit: HashMap<usize, Vec<String>> = HashMap::new();
    for (ln, name, target, value) in &attrs {
        let Some(&ui) = by_t.get(target) else {
            warn(
                &mut warnings,
                *ln,
                format!(
                    "attribute {name} names {target}, which is not a text-bound annotation; skipped"
                ),
            );
            continue;
        };
        match name.as_str() {
            "Scenario" => {
                let n = scenarios.len() as u64 + 1;
                let sid = scenarios
                    .entry(value.clone())
                    .or_insert_with(|| {
                        let own = ScenarioId::from(value.as_str());
                        if own.number().is_some() {
                            own
                        } else {
                            ScenarioId::from_number(n)
                        }
                    })
                    .clone();
                units[ui].scenario = Some(sid);
            }
            "Stance" => {
                let kind = match value.to_lowercase().as_str() {
                    "for" => RelationKind::Support,
                    "against" => RelationKind::Attack,
                    _ => {
                        warn(
                            &mut warnings,
                            *ln,
                            format!("stance {value:?} is neither For nor Against; skipped"),
                        );
                        continue;
                    }
                };
                match &main_claim {
                    Some(mc) => {
                        let s = units[ui].id.clone();
                        push(
                            &mut relations,
                            &mut warnings,
                            *ln,
                            None,
                            kind,
                            s,
                            mc.clone(),
                        );
                    }
                    None => warn(
                        &mut warnings,
                        *ln,
                        format!("stance of {target} has no major claim to point at; skipped"),
                    ),
                }
            }
            _ => notes_by_unit
                .entry(ui)
                .or_default()
                .push(if value.is_empty() {
                    name.clone()
                } else {
                    format!("{name}={value}")
                }),
        }
    }
    for (ln, target, note) in &notes {
        if let Some(&ui) = by_t.get(target) {
            notes_by_unit.entry(ui).or_default().push(note.clone());
        } else if let Some(&ri) = rel_ids.get(target) {
            relations[ri].note = note.clone();
        } else {
            warn(
                &mut warnings,
                *ln,
                format!("note on {target}, which was not imported; skipped"),
            );
        }
    }
    for (ui, lines) in notes_by_unit {
        units[ui].note = lines.join("\n");
    }
    let scenarios = scenarios
        .into_iter()
        .map(|(name, id)| Scenario {
            id,
            name,
            description: String::new(),
            hedge: String::new(),
            depends_on: Vec::new(),
        })
        .collect();
    let map = ArgumentMap::from_parts(MapParts {
        meta: Meta::default(),
        scheme: Some(scheme),
        text: text.to_owned(),
        units,
        scenarios,
        relations,
        positions: BTreeMap::new(),
        dismissed: Vec::new(),
        next_ids: NextIds::default(),
    });
    Ok(Imported { map, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{link, marked};
    use crate::model::{Edit, apply, validate};

    /// An essay in the Argument Annotated Essays style, with code points
    /// beyond ASCII before the spans.
    const TEXT: &str =
        "Café culture — good?\nWe should ban cars. Streets get safer. Noise drops. Some disagree.";
    const ANN: &str = "T1\tMajorClaim 21 40\tWe should ban cars.\n\
T2\tPremise 41 59\tStreets get safer\n\
T3\tPremise 60 65;66 71\tNoise drops\n\
T4\tClaim 73 86\tome disagree.\n\
T5\tOpinion 0 4\tCafé\n\
R1\tsupports Arg1:T2 Arg2:T1\t\n\
R2\tsupports Arg1:T3 Arg2:T1\t\n\
A1\tStance T4 Against\n\
#1\tAnnotatorNotes T2\tsafety first\n\
E1\tEvent:T2\n";

    #[test]
    fn aae_conventions_map_onto_the_scheme_and_problems_are_reported() {
        let imp = from_brat(TEXT, ANN, Path::new("e.ann"), &TagScheme::argument()).unwrap();
        let m = &imp.map;
        assert!(validate(m).is_empty(), "{:?}", validate(m));
        let kinds: Vec<(&str, Role)> = m
            .units()
            .iter()
            .map(|u| (u.quote.as_str(), m.scheme().role_of(&u.kind)))
            .collect();
        assert_eq!(kinds[0], ("Café", Role::Other));
        assert_eq!(kinds[1], ("We should ban cars.", Role::MainClaim));
        assert_eq!(kinds[3], ("Noise drops", Role::Premise));
        // The stance became an attack on the major claim.
        let attack = m
            .relations()
            .iter()
            .find(|r| r.kind == RelationKind::Attack)
            .unwrap();
        assert_eq!(
            (attack.sources[0].as_str(), attack.target.as_str()),
            ("u4", "u1")
        );
        assert_eq!(m.relations().len(), 3);
        assert_eq!(m.unit(&"u2".into()).unwrap().note, "safety first");
        let w = imp.warnings.join("\n");
        assert!(
            w.contains("e.ann:3: T3 is discontinuous (60 65;66 71)"),
            "{w}"
        );
        assert!(w.contains("e.ann:4: T4: the quoted text"), "{w}");
        assert!(w.contains("e.ann:10: E1"), "{w}");
        assert!(w.contains("type \"Opinion\""), "{w}");
    }

    #[test]
    fn stances_point_at_the_first_of_several_major_claims() {
        let text = "Ban cars. Safer streets. In short, ban cars.";
        let ann = "T1\tMajorClaim 0 8\tBan cars\nT2\tClaim 10 23\tSafer streets\n\
T3\tMajorClaim 35 43\tban cars\nA1\tStance T2 For\n";
        let imp = from_brat(text, ann, Path::new("m.ann"), &TagScheme::argument()).unwrap();
        let r = &imp.map.relations()[0];
        assert_eq!((r.sources[0].as_str(), r.target.as_str()), ("u2", "u1"));
        assert!(
            imp.warnings
                .iter()
                .any(|w| w.contains("other major claims (u3)")),
            "{:?}",
            imp.warnings
        );
    }

    #[test]
    fn bad_lines_are_errors_with_file_and_line() {
        let e = from_brat(
            "abc",
            "T1\tClaim 0 x\tabc\n",
            Path::new("b.ann"),
            &TagScheme::argument(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("b.ann:1:1: T1: expected"), "{e}");
        let e = from_brat(
            "abc",
            "T1\tClaim 0 3\tabc\nR1 supports\n",
            Path::new("b.ann"),
            &TagScheme::argument(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("b.ann:2:1:"), "{e}");
    }

    #[test]
    fn round_trip_keeps_units_tags_relations_scenarios_and_notes() {
        let mut m = marked(
            "[Main claim:Détente works]. [Premise:Trade rose] and [Speculation:it may last].",
            TagScheme::argument(),
        );
        link(&mut m, RelationKind::Support, &[2], 1);
        link(&mut m, RelationKind::Attack, &[3], 2);
        link(&mut m, RelationKind::Rephrase, &[3], 1);
        let sid = m.next_scenario_id();
        apply(
            &mut m,
            Edit::AddScenario(Scenario {
                id: sid.clone(),
                name: "Thaw".into(),
                description: String::new(),
                hedge: String::new(),
                depends_on: Vec::new(),
            }),
        )
        .unwrap();
        apply(
            &mut m,
            Edit::SetUnitScenario {
                unit: "u3".into(),
                scenario: Some(sid),
            },
        )
        .unwrap();
        apply(
            &mut m,
            Edit::SetUnitNote {
                unit: "u2".into(),
                note: "from the report".into(),
            },
        )
        .unwrap();
        let (txt, ann) = to_brat(&m);
        let back = from_brat(&txt, &ann, Path::new("m.ann"), &TagScheme::argument()).unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        let b = &back.map;
        assert_eq!(b.text(), m.text());
        assert_eq!(b.units().len(), 3);
        for (x, y) in m.units().iter().zip(b.units()) {
            assert_eq!(
                (&x.id, &x.kind, x.start, x.end, &x.note),
                (&y.id, &y.kind, y.start, y.end, &y.note)
            );
            assert_eq!(x.scenario.is_some(), y.scenario.is_some());
        }
        assert_eq!(b.relations(), m.relations());
        assert_eq!(b.scenarios().len(), 1);
    }
}
