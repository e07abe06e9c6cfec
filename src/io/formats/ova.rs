//! OVA3 save files (`{"AIF": {…}, "text": "…", "OVA": {…}}`): the AIF graph
//! plus the analysed text as HTML, where each highlighted passage is a
//! `<span class="highlighted" id="nodeN">`. N names an I-node, or an L-node
//! that asserts one (dialogical analyses); the span gives the unit its place.

use super::aif::{self, Extras, located, node_location};
use super::{Imported, html_text};
use crate::io::FileError;
use crate::model::{Meta, TagScheme};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// Reads an OVA3 save file (already parsed from `src`).
pub fn import(
    value: &Value,
    src: &str,
    path: &Path,
    scheme: &TagScheme,
) -> Result<Imported, FileError> {
    let mut warnings = Vec::new();
    let Some(graph_value) = value.get("AIF") else {
        return Err(FileError::new(
            path,
            "has no \"AIF\" object (expected an OVA3 save file)",
        ));
    };
    let graph = aif::read_graph(graph_value, src, path, &mut warnings)?;
    // OVA3 writes the text as a string; some versions wrap it as {"txt": …, "url": …}.
    let text = value.get("text");
    let html = text
        .and_then(Value::as_str)
        .or_else(|| text.and_then(|t| t.get("txt")).and_then(Value::as_str))
        .unwrap_or_default();
    if html.is_empty() {
        warnings.push(format!(
            "{}: the save file holds no text (OVA analyses of a web page keep only its address); units cannot be placed",
            path.display()
        ));
    }
    let read = html_text::read(html);
    let mut spans = HashMap::new();
    let inode_ids: std::collections::HashSet<&str> =
        graph.inodes.iter().map(|i| i.id.as_str()).collect();
    for (span_id, range) in &read.spans {
        let Some(node) = span_id.strip_prefix("node") else {
            continue;
        };
        // OVA writes "node12"; some versions add a suffix ("node12_span").
        let node = node.split('_').next().unwrap_or(node);
        let targets: Vec<String> = if inode_ids.contains(node) {
            vec![node.to_owned()]
        } else {
            graph.asserts.get(node).cloned().unwrap_or_default()
        };
        if targets.is_empty() {
            warnings.push(located(
                path,
                node_location(src, node),
                &format!(
                    "highlighted span {span_id:?} names no I-node or L-node asserting one; skipped"
                ),
            ));
        }
        for t in targets {
            if range.start < range.end {
                spans.insert(t, range.clone());
            }
        }
    }
    let extras = Extras {
        meta: Meta {
            title: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            annotator: annotator(value).unwrap_or_default(),
            ..Meta::default()
        },
        ..Extras::default()
    };
    Ok(aif::assemble(
        &graph,
        read.text,
        &spans,
        extras,
        scheme,
        (path, src),
        &mut warnings,
    ))
}

/// The analyst's name from the OVA part, when given.
fn annotator(value: &Value) -> Option<String> {
    let ova = value.get("OVA")?;
    let first = ova
        .get("firstname")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let last = ova
        .get("surname")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let name = format!("{first} {last}").trim().to_owned();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RelationKind, Role, validate};

    /// An OVA3 save in dialogical mode: spans name L-nodes, which assert
    /// I-nodes through YA nodes.
    const SAVE: &str = r#"{
 "AIF": {
  "nodes": [
   {"nodeID": "1", "text": "We should act now", "type": "I"},
   {"nodeID": "2", "text": "Bob: We should act now", "type": "L"},
   {"nodeID": "3", "text": "Asserting", "type": "YA"},
   {"nodeID": "4", "text": "it is urgent", "type": "I"},
   {"nodeID": "5", "text": "Bob: it is urgent", "type": "L"},
   {"nodeID": "6", "text": "Asserting", "type": "YA"},
   {"nodeID": "7", "text": "Default Inference", "type": "RA"},
   {"nodeID": "8", "text": "never highlighted", "type": "I"}
  ],
  "edges": [
   {"edgeID": "1", "fromID": "2", "toID": "3"}, {"edgeID": "2", "fromID": "3", "toID": "1"},
   {"edgeID": "3", "fromID": "5", "toID": "6"}, {"edgeID": "4", "fromID": "6", "toID": "4"},
   {"edgeID": "5", "fromID": "4", "toID": "7"}, {"edgeID": "6", "fromID": "7", "toID": "1"}
  ],
  "locutions": [], "participants": []
 },
 "text": "Bob said: <span class=\"highlighted\" id=\"node2\">We should act now</span>, because <span class=\"highlighted\" id=\"node5\">it is urgent</span>.<br>The end &amp; more.",
 "OVA": {"firstname": "Ada", "surname": "L", "nodes": [], "edges": []}
}"#;

    #[test]
    fn text_wrapped_in_an_object_is_read_too() {
        let mut v: Value = serde_json::from_str(SAVE).unwrap();
        let html = v["text"].clone();
        v["text"] = serde_json::json!({"txt": html, "url": ""});
        let imp = import(&v, SAVE, Path::new("talk.json"), &TagScheme::argument()).unwrap();
        assert_eq!(imp.map.units().len(), 2);
    }

    #[test]
    fn offsets_come_from_the_highlighted_spans() {
        let v: Value = serde_json::from_str(SAVE).unwrap();
        let imp = import(&v, SAVE, Path::new("talk.json"), &TagScheme::argument()).unwrap();
        let m = &imp.map;
        assert_eq!(
            m.text(),
            "Bob said: We should act now, because it is urgent.\nThe end & more."
        );
        let quotes: Vec<&str> = m.units().iter().map(|u| u.quote.as_str()).collect();
        assert_eq!(quotes, ["We should act now", "it is urgent"]);
        assert_eq!(m.units()[0].start, 10);
        assert_eq!(m.relations().len(), 1);
        assert_eq!(m.relations()[0].kind, RelationKind::Support);
        assert_eq!(m.scheme().role_of(&m.units()[0].kind), Role::MainClaim);
        assert_eq!(m.meta().annotator, "Ada L");
        assert!(validate(m).is_empty(), "{:?}", validate(m));
        assert!(
            imp.warnings
                .iter()
                .any(|w| w.contains("I-node 8 has no place in the text")),
            "{:?}",
            imp.warnings
        );
    }
}
