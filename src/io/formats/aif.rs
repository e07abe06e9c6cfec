//! AIF JSON as AIFdb writes it: I-nodes for units; RA, CA and MA nodes for
//! support, attack and rephrase (a linked argument is one RA with several
//! premise edges); an L-node per unit, asserted through a YA node, with the
//! unit's char span in `locutions`. Argmark's own details (unit ids, tags,
//! offsets, scenarios, the text, the scheme) ride in `argmark` fields that
//! AIF readers ignore, so an Argmark → AIF → Argmark round trip is exact.
//!
//! Import reads those fields when present; a foreign AIF graph gets a text
//! built from its I-nodes (one paragraph each) and tags guessed from its
//! structure (see [`assemble`]).

use super::{Imported, tag_for_role};
use crate::io::{FileError, Location};
use crate::model::{
    ArgumentMap, MapParts, Meta, NextIds, Pos, Relation, RelationId, RelationKind, Role, Scenario,
    TagScheme, Unit, UnitId,
};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

/// The version of the `argmark` extension fields.
const EXTENSION_VERSION: u32 = 1;

/// The AIF node type and default scheme text for a relation kind.
fn scheme_node(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::Support => ("RA", "Default Inference"),
        RelationKind::Attack => ("CA", "Default Conflict"),
        RelationKind::Rephrase => ("MA", "Default Rephrase"),
    }
}

/// Writes the map as AIF JSON (pretty-printed, deterministic).
pub fn to_json(map: &ArgumentMap) -> String {
    let mut next = 0u64;
    let mut fresh = move || {
        next += 1;
        next.to_string()
    };
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut locutions = Vec::new();
    let edge = |from: &str, to: &str, edges: &mut Vec<Value>| {
        let id = edges.len() + 1;
        edges.push(
            json!({"edgeID": id.to_string(), "fromID": from, "toID": to, "formEdgeID": null}),
        );
    };
    let mut inode: HashMap<&UnitId, String> = HashMap::new();
    for u in map.units() {
        let i = fresh();
        nodes.push(json!({
            "nodeID": i, "text": u.quote, "type": "I",
            "argmark": {"unit": u.id, "kind": u.kind, "start": u.start, "end": u.end,
                        "scenario": u.scenario, "note": u.note},
        }));
        let l = fresh();
        nodes.push(json!({"nodeID": l, "text": u.quote, "type": "L"}));
        locutions.push(
            json!({"nodeID": l, "personID": "1", "start": u.start, "end": u.end, "source": null}),
        );
        let ya = fresh();
        nodes.push(json!({"nodeID": ya, "text": "Asserting", "type": "YA"}));
        edge(&l, &ya, &mut edges);
        edge(&ya, &i, &mut edges);
        inode.insert(&u.id, i);
    }
    for r in map.relations() {
        let (ty, text) = scheme_node(r.kind);
        let s = fresh();
        nodes.push(json!({
            "nodeID": s, "text": text, "type": ty,
            "argmark": {"relation": r.id, "note": r.note},
        }));
        for src in &r.sources {
            if let Some(i) = inode.get(src) {
                edge(i, &s, &mut edges);
            }
        }
        if let Some(t) = inode.get(&r.target) {
            edge(&s, t, &mut edges);
        }
    }
    let annotator = if map.meta().annotator.is_empty() {
        "Annotator"
    } else {
        map.meta().annotator.as_str()
    };
    let doc = json!({
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": [{"participantID": "1", "firstname": annotator, "surname": ""}],
        "argmark": {
            "version": EXTENSION_VERSION,
            "text": map.text(),
            "meta": map.meta(),
            "scheme": map.scheme(),
            "scenarios": map.scenarios(),
            "positions": map.positions(),
            "dismissed": map.dismissed().iter().map(|r| [r.start, r.end]).collect::<Vec<_>>(),
        },
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// An AIF node id as a string (AIFdb writes numbers or strings).
fn id_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The line of the node with this id in the source, for messages.
pub(super) fn node_location(src: &str, id: &str) -> Option<Location> {
    let mut from = 0;
    while let Some(at) = src[from..].find("\"nodeID\"") {
        let start = from + at;
        let rest = src[start + 8..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start();
        let rest = rest.strip_prefix('"').unwrap_or(rest);
        if rest.starts_with(id) && !rest[id.len()..].starts_with(|c: char| c.is_alphanumeric()) {
            return Some(crate::io::location_of(src, start));
        }
        from = start + 8;
    }
    None
}

/// A unit as an I-node carries it (from Argmark's extension, if any).
#[derive(Clone, Debug, Default)]
pub(super) struct INode {
    pub id: String,
    pub text: String,
    pub unit: Option<UnitId>,
    pub kind: Option<String>,
    pub span: Option<Range<usize>>,
    pub scenario: Option<crate::model::ScenarioId>,
    pub note: String,
}

/// A relation as an RA/CA/MA node with its edges.
#[derive(Clone, Debug)]
pub(super) struct SNode {
    pub id: String,
    pub kind: RelationKind,
    pub relation: Option<RelationId>,
    pub note: String,
    pub premises: Vec<String>,
    pub conclusions: Vec<String>,
}

/// The argument part of an AIF graph: I-nodes, S-nodes, and which L-node
/// asserts which I-node (through YA nodes), for OVA's highlighted spans.
#[derive(Clone, Debug, Default)]
pub(super) struct Graph {
    pub inodes: Vec<INode>,
    pub snodes: Vec<SNode>,
    /// L-node id → the I-nodes it asserts.
    pub asserts: HashMap<String, Vec<String>>,
}

/// Reads nodes and edges of an AIF object (`{nodes, edges, …}`).
pub(super) fn read_graph(
    aif: &Value,
    src: &str,
    path: &Path,
    warnings: &mut Vec<String>,
) -> Result<Graph, FileError> {
    let at = |id: &str| node_location(src, id);
    let Some(nodes) = aif.get("nodes").and_then(Value::as_array) else {
        return Err(FileError::new(
            path,
            "has no \"nodes\" list; expected AIF JSON (AIFdb) or an OVA3 save file",
        ));
    };
    let edges = aif
        .get("edges")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut graph = Graph::default();
    let mut types: HashMap<String, String> = HashMap::new();
    for (n, node) in nodes.iter().enumerate() {
        let Some(id) = node.get("nodeID").and_then(id_of) else {
            return Err(FileError::new(
                path,
                format!("node #{} has no nodeID", n + 1),
            ));
        };
        let ty = node.get("type").and_then(Value::as_str).unwrap_or_default();
        let text = node
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let ext = node.get("argmark");
        let ext_str = |k: &str| ext.and_then(|e| e.get(k)).and_then(Value::as_str);
        let ext_num = |k: &str| {
            ext.and_then(|e| e.get(k))
                .and_then(Value::as_u64)
                .map(|n| n as usize)
        };
        match ty {
            "I" => {
                let span = match (ext_num("start"), ext_num("end")) {
                    (Some(s), Some(e)) => Some(s..e),
                    _ => None,
                };
                graph.inodes.push(INode {
                    id: id.clone(),
                    text,
                    unit: ext_str("unit").map(UnitId::from),
                    kind: ext_str("kind").map(str::to_owned),
                    span,
                    scenario: ext_str("scenario").map(Into::into),
                    note: ext_str("note").unwrap_or_default().to_owned(),
                });
            }
            "RA" | "CA" | "MA" => {
                let kind = match ty {
                    "RA" => RelationKind::Support,
                    "CA" => RelationKind::Attack,
                    _ => RelationKind::Rephrase,
                };
                graph.snodes.push(SNode {
                    id: id.clone(),
                    kind,
                    relation: ext_str("relation").map(RelationId::from),
                    note: ext_str("note").unwrap_or_default().to_owned(),
                    premises: Vec::new(),
                    conclusions: Vec::new(),
                });
            }
            "L" | "YA" | "TA" | "PA" | "" => {}
            other => warnings.push(located(
                path,
                at(&id),
                &format!("node {id} has type {other:?}, which Argmark does not read; skipped"),
            )),
        }
        if types.insert(id.clone(), ty.to_owned()).is_some() {
            return Err(FileError::at(
                path,
                at(&id),
                format!("nodeID {id} is used twice"),
            ));
        }
    }
    let sindex: HashMap<String, usize> = graph
        .snodes
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    let mut ya_from: HashMap<String, Vec<String>> = HashMap::new();
    let mut ya_to: HashMap<String, Vec<String>> = HashMap::new();
    for e in &edges {
        let (Some(from), Some(to)) = (
            e.get("fromID").and_then(id_of),
            e.get("toID").and_then(id_of),
        ) else {
            warnings.push(format!(
                "{}: an edge without fromID/toID was skipped",
                path.display()
            ));
            continue;
        };
        let (tf, tt) = (
            types.get(&from).map(String::as_str),
            types.get(&to).map(String::as_str),
        );
        let (from_s, to_s) = (sindex.get(&from).copied(), sindex.get(&to).copied());
        match (tf, tt, from_s, to_s) {
            (Some("I"), Some(_), _, Some(s)) => graph.snodes[s].premises.push(from),
            // Into an I-node, or into another inference (an undercut, which
            // has no unit to stand for its target and is reported later).
            (Some(_), Some(_), Some(s), _) if tt == Some("I") || to_s.is_some() => {
                graph.snodes[s].conclusions.push(to);
            }
            (Some("L"), Some("YA"), ..) => ya_from.entry(to).or_default().push(from),
            (Some("YA"), Some("I"), ..) => ya_to.entry(from).or_default().push(to),
            (None, ..) | (_, None, ..) => warnings.push(format!(
                "{}: edge {from} → {to} names a node that does not exist; skipped",
                path.display()
            )),
            _ => {}
        }
    }
    for (ya, ls) in ya_from {
        for l in ls {
            let is = ya_to.get(&ya).cloned().unwrap_or_default();
            graph.asserts.entry(l).or_default().extend(is);
        }
    }
    Ok(graph)
}

/// `FILE:LINE: message`, or `FILE: message` without a place.
pub(super) fn located(path: &Path, at: Option<Location>, message: &str) -> String {
    match at {
        Some(l) => format!("{}:{}: {message}", path.display(), l.line),
        None => format!("{}: {message}", path.display()),
    }
}

/// The parts of a map that only Argmark's extension carries.
#[derive(Default)]
pub(super) struct Extras {
    pub meta: Meta,
    pub scheme: Option<TagScheme>,
    pub scenarios: Vec<Scenario>,
    pub positions: BTreeMap<String, Pos>,
    pub dismissed: Vec<Range<usize>>,
}

/// Builds a map from a graph whose I-nodes have been placed in `text`
/// (`spans`: I-node id → char span); `path` and its `src` are for messages. I-nodes without a span are skipped with
/// a warning, and so are relations that lose their target or every source.
/// Without Argmark's tags, roles are guessed from the structure: units no
/// relation starts from are claims (the main claim when there is exactly one),
/// everything else is a premise.
pub(super) fn assemble(
    graph: &Graph,
    text: String,
    spans: &HashMap<String, Range<usize>>,
    extras: Extras,
    fallback_scheme: &TagScheme,
    (path, src): (&Path, &str),
    warnings: &mut Vec<String>,
) -> Imported {
    let scheme = extras
        .scheme
        .clone()
        .unwrap_or_else(|| fallback_scheme.clone());
    let mut taken: HashSet<UnitId> = graph.inodes.iter().filter_map(|i| i.unit.clone()).collect();
    let mut next_unit = 1u64;
    let mut unit_of: HashMap<&str, UnitId> = HashMap::new();
    let mut seen: HashSet<UnitId> = HashSet::new();
    let mut skipped = Vec::new();
    let mut units = Vec::new();
    for i in &graph.inodes {
        let Some(span) = spans.get(&i.id) else {
            skipped.push(i.id.clone());
            continue;
        };
        let id = match &i.unit {
            Some(u) if seen.insert(u.clone()) => u.clone(),
            _ => loop {
                let cand = UnitId::from_number(next_unit);
                next_unit += 1;
                if taken.insert(cand.clone()) {
                    seen.insert(cand.clone());
                    break cand;
                }
            },
        };
        unit_of.insert(&i.id, id.clone());
        units.push(Unit {
            id,
            kind: i.kind.clone().unwrap_or_default(),
            start: span.start,
            end: span.end,
            quote: String::new(),
            note: i.note.clone(),
            scenario: i.scenario.clone(),
        });
    }
    for id in &skipped {
        warnings.push(located(
            path,
            node_location(src, id),
            &format!("I-node {id} has no place in the text; skipped"),
        ));
    }
    let mut relations = Vec::new();
    let mut rel_taken: HashSet<RelationId> = graph
        .snodes
        .iter()
        .filter_map(|s| s.relation.clone())
        .collect();
    let mut next_rel = 1u64;
    for s in &graph.snodes {
        let targets: Vec<&UnitId> = s
            .conclusions
            .iter()
            .filter_map(|c| unit_of.get(c.as_str()))
            .collect();
        let mut sources: Vec<UnitId> = Vec::new();
        for p in &s.premises {
            if let Some(u) = unit_of.get(p.as_str())
                && !sources.contains(u)
            {
                sources.push(u.clone());
            }
        }
        let warn = |m: &str| located(path, node_location(src, &s.id), m);
        if s.conclusions
            .iter()
            .any(|c| graph.snodes.iter().any(|o| &o.id == c))
        {
            warnings.push(warn(&format!(
                "{} node {} bears on an inference, not a proposition (an undercut), which Argmark cannot hold; skipped",
                scheme_node(s.kind).0,
                s.id
            )));
            continue;
        }
        if targets.len() != 1 || s.conclusions.len() != 1 {
            warnings.push(warn(&format!(
                "{} node {} has {} conclusions Argmark can place (needs exactly one I-node); skipped",
                scheme_node(s.kind).0,
                s.id,
                targets.len()
            )));
            continue;
        }
        let target = targets[0].clone();
        sources.retain(|u| *u != target);
        if sources.is_empty() {
            warnings.push(warn(&format!(
                "{} node {} has no premise Argmark can place; skipped",
                scheme_node(s.kind).0,
                s.id
            )));
            continue;
        }
        if sources.len() < s.premises.len() {
            warnings.push(warn(&format!(
                "{} node {} lost premises that are not placed I-nodes",
                scheme_node(s.kind).0,
                s.id
            )));
        }
        let id = match &s.relation {
            Some(r) if relations.iter().all(|x: &Relation| &x.id != r) => r.clone(),
            _ => loop {
                let cand = RelationId::from_number(next_rel);
                next_rel += 1;
                if rel_taken.insert(cand.clone()) {
                    break cand;
                }
            },
        };
        relations.push(Relation {
            id,
            kind: s.kind,
            sources,
            target,
            note: s.note.clone(),
        });
    }
    if units.iter().any(|u| u.kind.is_empty()) {
        guess_kinds(&mut units, &relations, &scheme);
        warnings.push(format!(
            "{}: the file has no Argmark tags; tags were guessed from the structure (conclusions {:?}, the rest {:?})",
            path.display(),
            tag_for_role(&scheme, Role::Claim),
            tag_for_role(&scheme, Role::Premise)
        ));
    }
    let mut map = ArgumentMap::from_parts(MapParts {
        meta: extras.meta,
        scheme: Some(scheme),
        text,
        units,
        scenarios: extras.scenarios,
        relations,
        positions: extras.positions,
        dismissed: extras.dismissed,
        next_ids: NextIds::default(),
    });
    fill_quotes(&mut map);
    Imported {
        map,
        warnings: std::mem::take(warnings),
    }
}

/// Sets every unit's quote from the text (imports carry offsets as the truth).
pub(super) fn fill_quotes(map: &mut ArgumentMap) {
    let quotes: Vec<String> = map
        .units
        .iter()
        .map(|u| map.text.slice(u.span()).unwrap_or_default().to_owned())
        .collect();
    for (u, q) in map.units.iter_mut().zip(quotes) {
        u.quote = q;
    }
}

/// Tags for units that came without one, from their place in the relations.
fn guess_kinds(units: &mut [Unit], relations: &[Relation], scheme: &TagScheme) {
    let sources: HashSet<&UnitId> = relations.iter().flat_map(|r| &r.sources).collect();
    let roots: Vec<UnitId> = units
        .iter()
        .filter(|u| !sources.contains(&u.id) && relations.iter().any(|r| r.target == u.id))
        .map(|u| u.id.clone())
        .collect();
    for u in units.iter_mut().filter(|u| u.kind.is_empty()) {
        let role = if roots.len() == 1 && roots[0] == u.id {
            Role::MainClaim
        } else if sources.contains(&u.id) {
            Role::Premise
        } else {
            Role::Claim
        };
        u.kind = tag_for_role(scheme, role);
    }
}

/// Reads AIF JSON (already parsed from `src`).
pub fn import(
    value: &Value,
    src: &str,
    path: &Path,
    scheme: &TagScheme,
) -> Result<Imported, FileError> {
    let mut warnings = Vec::new();
    let graph = read_graph(value, src, path, &mut warnings)?;
    let ext = value.get("argmark");
    let field = |k: &str| ext.and_then(|e| e.get(k)).cloned();
    let bad = |what: &str, e: serde_json::Error| {
        FileError::new(
            path,
            format!("its argmark.{what} field cannot be read: {e}"),
        )
    };
    let mut extras = Extras::default();
    if let Some(v) = field("version").and_then(|v| v.as_u64())
        && v > u64::from(EXTENSION_VERSION)
    {
        warnings.push(format!(
            "{}: written by a newer Argmark (extension version {v}); some details may be missing",
            path.display()
        ));
    }
    if let Some(m) = field("meta") {
        extras.meta = serde_json::from_value(m).map_err(|e| bad("meta", e))?;
    }
    if let Some(s) = field("scheme") {
        extras.scheme = Some(serde_json::from_value(s).map_err(|e| bad("scheme", e))?);
    }
    if let Some(s) = field("scenarios") {
        extras.scenarios = serde_json::from_value(s).map_err(|e| bad("scenarios", e))?;
    }
    if let Some(p) = field("positions") {
        extras.positions = serde_json::from_value(p).map_err(|e| bad("positions", e))?;
    }
    if let Some(d) = field("dismissed") {
        let pairs: Vec<[usize; 2]> = serde_json::from_value(d).map_err(|e| bad("dismissed", e))?;
        extras.dismissed = pairs.into_iter().map(|[s, e]| s..e).collect();
    }
    let mut spans = HashMap::new();
    let text = match field("text").as_ref().and_then(Value::as_str) {
        Some(text) => {
            let len = text.chars().count();
            for i in &graph.inodes {
                match &i.span {
                    Some(s) if s.start < s.end && s.end <= len => {
                        spans.insert(i.id.clone(), s.clone());
                    }
                    Some(s) => warnings.push(located(
                        path,
                        node_location(src, &i.id),
                        &format!(
                            "I-node {} has span {}..{} outside the text ({len} chars)",
                            i.id, s.start, s.end
                        ),
                    )),
                    None => {
                        if let Some(s) = find_chars(text, &i.text) {
                            spans.insert(i.id.clone(), s);
                        }
                    }
                }
            }
            text.to_owned()
        }
        None => {
            // A foreign graph: its propositions, one paragraph each, become the text.
            let mut text = String::new();
            let mut at = 0usize;
            for i in &graph.inodes {
                if !text.is_empty() {
                    text.push_str("\n\n");
                    at += 2;
                }
                let line = super::one_line(&i.text);
                let n = line.chars().count();
                if n > 0 {
                    spans.insert(i.id.clone(), at..at + n);
                }
                text.push_str(&line);
                at += n;
            }
            if !graph.inodes.is_empty() {
                warnings.push(format!(
                    "{}: no source text in the file; the text is built from the {} propositions, one paragraph each",
                    path.display(),
                    graph.inodes.len()
                ));
            }
            text
        }
    };
    Ok(assemble(
        &graph,
        text,
        &spans,
        extras,
        scheme,
        (path, src),
        &mut warnings,
    ))
}

/// The char span of the first occurrence of `needle` in `text`.
fn find_chars(text: &str, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let b = text.find(needle)?;
    let start = text[..b].chars().count();
    Some(start..start + needle.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{link, marked};

    fn sample() -> ArgumentMap {
        let mut m = marked(
            "[Main claim:Détente works]. [Premise:Trade rose] and [Evidence:talks held]. [Claim:Critics doubt it].",
            TagScheme::argument(),
        );
        link(&mut m, RelationKind::Support, &[2, 3], 1);
        link(&mut m, RelationKind::Attack, &[4], 1);
        link(&mut m, RelationKind::Rephrase, &[3], 2);
        m
    }

    #[test]
    fn linked_argument_is_one_ra_with_two_premises() {
        let v: Value = serde_json::from_str(&to_json(&sample())).unwrap();
        let nodes = v["nodes"].as_array().unwrap();
        let count = |t: &str| nodes.iter().filter(|n| n["type"] == t).count();
        assert_eq!(
            (count("I"), count("RA"), count("CA"), count("MA")),
            (4, 1, 1, 1)
        );
        assert_eq!((count("L"), count("YA")), (4, 4));
        let ra = nodes.iter().find(|n| n["type"] == "RA").unwrap()["nodeID"].clone();
        let into_ra = v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["toID"] == ra)
            .count();
        assert_eq!(into_ra, 2);
        let loc = &v["locutions"][0];
        assert_eq!(
            (loc["start"].as_u64(), loc["end"].as_u64()),
            (Some(0), Some(13))
        );
    }

    #[test]
    fn own_export_round_trips_exactly() {
        let m = sample();
        let src = to_json(&m);
        let v: Value = serde_json::from_str(&src).unwrap();
        let back = import(&v, &src, Path::new("x.json"), &TagScheme::argument()).unwrap();
        assert!(back.warnings.is_empty(), "{:?}", back.warnings);
        assert_eq!(back.map, m);
    }

    #[test]
    fn foreign_graph_gets_a_text_and_guessed_tags() {
        let src = r#"{"nodes":[{"nodeID":1,"text":"We should act","type":"I"},
            {"nodeID":2,"text":"It is urgent","type":"I"},{"nodeID":3,"text":"Default Inference","type":"RA"},
            {"nodeID":4,"text":"x","type":"CA"}],
          "edges":[{"edgeID":1,"fromID":2,"toID":3},{"edgeID":2,"fromID":3,"toID":1}],"locutions":[]}"#;
        let v: Value = serde_json::from_str(src).unwrap();
        let imp = import(&v, src, Path::new("f.json"), &TagScheme::argument()).unwrap();
        let m = &imp.map;
        assert_eq!(m.text(), "We should act\n\nIt is urgent");
        assert_eq!(m.units().len(), 2);
        assert_eq!(m.scheme().role_of(&m.units()[0].kind), Role::MainClaim);
        assert_eq!(m.scheme().role_of(&m.units()[1].kind), Role::Premise);
        assert_eq!(m.relations().len(), 1);
        assert!(crate::model::validate(m).is_empty());
        // The CA node with no edges is reported with its line.
        assert!(
            imp.warnings
                .iter()
                .any(|w| w.starts_with("f.json:3: CA node 4")),
            "{:?}",
            imp.warnings
        );
    }

    #[test]
    fn an_undercut_is_reported_and_the_inference_it_attacks_kept() {
        let src = r#"{"nodes":[{"nodeID":"1","text":"We act","type":"I"},
            {"nodeID":"2","text":"It is urgent","type":"I"},{"nodeID":"3","text":"Default Inference","type":"RA"},
            {"nodeID":"4","text":"Urgency is no reason","type":"I"},{"nodeID":"5","text":"Default Conflict","type":"CA"},
            {"nodeID":"6","text":"Arguing","type":"YA"}],
          "edges":[{"edgeID":1,"fromID":"2","toID":"3"},{"edgeID":2,"fromID":"3","toID":"1"},
            {"edgeID":3,"fromID":"4","toID":"5"},{"edgeID":4,"fromID":"5","toID":"3"},
            {"edgeID":5,"fromID":"6","toID":"3"}],"locutions":[]}"#;
        let v: Value = serde_json::from_str(src).unwrap();
        let imp = import(&v, src, Path::new("u.json"), &TagScheme::argument()).unwrap();
        assert_eq!(imp.map.relations().len(), 1, "the RA stays");
        assert_eq!(imp.map.relations()[0].kind, RelationKind::Support);
        assert!(
            imp.warnings
                .iter()
                .any(|w| w.starts_with("u.json:3: CA node 5 bears on an inference")),
            "{:?}",
            imp.warnings
        );
        assert!(
            !imp.warnings.iter().any(|w| w.contains("RA node 3")),
            "{:?}",
            imp.warnings
        );
    }

    #[test]
    fn missing_nodes_is_an_error_naming_the_file() {
        let v: Value = serde_json::from_str("{\"x\": 1}").unwrap();
        let e = import(&v, "", Path::new("bad.json"), &TagScheme::argument()).unwrap_err();
        assert!(
            e.to_string().starts_with("bad.json: has no \"nodes\""),
            "{e}"
        );
    }
}
