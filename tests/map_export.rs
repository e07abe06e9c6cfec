//! The exports as a reader gets them: the SVG of the RELOS example is valid
//! XML with one group per node and per relation; the PNG decodes at slide size.

use argmark::export::{self, Format, png as png_export, svg};
use argmark::graph::{LayoutOptions, MapLayout, NodeKind, Placement};
use argmark::io::load_map;
use argmark::model::fixture::{link, marked};
use argmark::model::{
    ArgumentMap, Edit, Meta, RelationKind, Scenario, ScenarioId, TagScheme, apply,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn relos() -> ArgumentMap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/relos.argmap.ron");
    load_map(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn class_has(node: &roxmltree::Node, word: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|w| w == word))
}

/// Units that take part in a relation or a scenario, and the scenarios.
fn expected_nodes(map: &ArgumentMap) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for r in map.relations() {
        ids.insert(r.target.0.clone());
        ids.extend(r.sources.iter().map(|s| s.0.clone()));
    }
    for u in map.units() {
        if u.scenario.is_some() {
            ids.insert(u.id.0.clone());
        }
    }
    ids.extend(map.scenarios().iter().map(|s| s.id.0.clone()));
    ids
}

#[test]
fn relos_svg_has_one_group_per_node_and_per_relation() {
    let map = relos();
    let doc = svg::render(&map, &LayoutOptions::default(), "relos");
    let xml = roxmltree::Document::parse(&doc.svg).expect("the SVG is well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("version"), Some("1.1"));
    let vb: Vec<f32> = root
        .attribute("viewBox")
        .unwrap()
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(vb, [0.0, 0.0, doc.width, doc.height]);
    assert_eq!(
        root.attribute("width").unwrap().parse::<f32>().unwrap(),
        doc.width
    );
    assert_eq!(
        root.attribute("height").unwrap().parse::<f32>().unwrap(),
        doc.height
    );

    // Nodes: one group per unit in a relation or scenario, one per scenario.
    let ids_of = |aside: bool| -> Vec<String> {
        xml.descendants()
            .filter(|n| n.has_tag_name("g") && class_has(n, "node") && !class_has(n, "junction"))
            .filter(|n| class_has(n, "aside") == aside)
            .map(|n| n.attribute("id").unwrap().to_owned())
            .collect()
    };
    let node_ids = ids_of(false);
    let unique: BTreeSet<String> = node_ids.iter().cloned().collect();
    assert_eq!(unique.len(), node_ids.len(), "node ids are unique");
    let expected = expected_nodes(&map);
    assert_eq!(unique, expected);
    // The units in neither are drawn too, set aside in a captioned frame.
    let unlinked: Vec<String> = map
        .units()
        .iter()
        .map(|u| u.id.0.clone())
        .filter(|id| !expected.contains(id))
        .collect();
    assert_eq!(ids_of(true), unlinked);
    assert_eq!(
        xml.descendants()
            .any(|n| n.attribute("id") == Some("unlinked")),
        !unlinked.is_empty()
    );

    // Each node group holds its label as text.
    for n in xml
        .descendants()
        .filter(|n| n.has_tag_name("g") && class_has(n, "node") && !class_has(n, "junction"))
    {
        let text = n
            .children()
            .find(|c| c.has_tag_name("text"))
            .expect("a <text>");
        let spans: Vec<&str> = text
            .children()
            .filter(|c| c.has_tag_name("tspan"))
            .filter_map(|t| t.text())
            .collect();
        assert!(!spans.is_empty() && spans.iter().all(|s| !s.trim().is_empty()));
    }

    // Relations: exactly one edge group per relation id, of the right kind.
    let mut edges: BTreeMap<String, usize> = BTreeMap::new();
    for g in xml
        .descendants()
        .filter(|n| n.has_tag_name("g") && class_has(n, "edge"))
    {
        if let Some(id) = g.attribute("id") {
            *edges.entry(id.to_owned()).or_default() += 1;
            let r = map
                .relation(&id.into())
                .expect("an edge id names a relation");
            assert!(
                class_has(&g, r.kind.key()),
                "{id} is drawn as {:?}",
                g.attribute("class")
            );
            let paths = g
                .children()
                .filter(|c| c.has_tag_name("path") && !class_has(c, "head"))
                .count();
            let expected_segments = if r.sources.len() > 1 {
                r.sources.len() + 1
            } else {
                1
            };
            assert_eq!(paths, expected_segments, "segments of {id}");
        }
    }
    let relation_ids: BTreeMap<String, usize> = map
        .relations()
        .iter()
        .map(|r| (r.id.0.clone(), 1))
        .collect();
    assert_eq!(edges, relation_ids);

    // Junctions: one per linked argument.
    let linked_arguments = map
        .relations()
        .iter()
        .filter(|r| r.sources.len() > 1)
        .count();
    let junctions = xml
        .descendants()
        .filter(|n| n.has_tag_name("g") && class_has(n, "junction"))
        .count();
    assert_eq!(junctions, linked_arguments);

    // Header (the title may wrap over several lines) and legend.
    let title: Vec<&str> = xml
        .descendants()
        .filter(|n| class_has(n, "title"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(title.join(" "), map.meta().title);
    let source: String = xml
        .descendants()
        .filter(|n| class_has(n, "source"))
        .filter_map(|n| n.text())
        .collect();
    assert!(source.contains(&map.meta().author), "{source}");
    let legend = xml
        .descendants()
        .find(|n| n.attribute("id") == Some("legend"))
        .expect("a legend");
    let legend_text: Vec<&str> = legend.descendants().filter_map(|n| n.text()).collect();
    for tag in &map.scheme().tags {
        assert!(
            legend_text.contains(&tag.name.as_str()),
            "legend lacks {}",
            tag.name
        );
    }
    for k in ["supports", "attacks", "rephrases"] {
        assert!(legend_text.contains(&k), "legend lacks {k}");
    }
}

#[test]
fn relos_layout_is_readable() {
    let map = relos();
    let l = MapLayout::compute(&map, &LayoutOptions::default());
    for (i, a) in l.nodes.iter().enumerate() {
        for b in &l.nodes[i + 1..] {
            assert!(!a.rect.overlaps(&b.rect), "{} overlaps {}", a.id, b.id);
        }
    }
    let main: Vec<_> = l.nodes.iter().filter(|n| n.is_main_claim()).collect();
    assert_eq!(main.len(), 1);
    assert_eq!(main[0].placement, Placement::Layered { layer: 0 });
    let top = l
        .nodes
        .iter()
        .map(|n| n.rect.min.y)
        .fold(f32::INFINITY, f32::min);
    assert_eq!(main[0].rect.min.y, top, "the main claim is the topmost box");
    assert!(
        l.nodes
            .iter()
            .filter(|n| n.id != main[0].id && !matches!(n.placement, Placement::Aside))
            .all(|n| n.rect.min.y > main[0].rect.max.y),
        "nothing beside the main claim"
    );
    assert!(
        l.nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::Scenario { .. }))
            .count()
            == map.scenarios().len()
    );
}

#[test]
fn relos_png_decodes_at_slide_resolution() {
    let map = relos();
    let layout = MapLayout::compute(&map, &LayoutOptions::default());
    let doc = svg::document(&map, &layout, "relos");
    let bytes = png_export::render(&doc).expect("renders");
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let (w, h) = (reader.info().width, reader.info().height);
    let (ew, eh, _) = png_export::raster_size(doc.width, doc.height).unwrap();
    assert_eq!((w, h), (ew, eh));
    assert!(w >= 1600, "{w} px wide");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut buf).expect("pixels");
    let pixels = &buf[..frame.buffer_size()];
    // Something is drawn, and it includes dark text, not just coloured boxes.
    let channels = frame.color_type.samples();
    let dark = pixels
        .chunks(channels)
        .filter(|p| p[..3].iter().all(|&c| c < 80))
        .count();
    let total = pixels.len() / channels;
    assert!(dark > total / 1000, "{dark} dark pixels of {total}");
    assert!(dark < total / 5, "{dark} dark pixels of {total}");
}

#[test]
fn svg_escapes_markup_in_quotes_names_and_meta() {
    let mut map = marked(
        "[Main claim:Tom & Jerry say \"x < y\"] because [Premise:it's <b>bold</b>].",
        TagScheme::argument(),
    );
    link(&mut map, RelationKind::Support, &[2], 1);
    apply(
        &mut map,
        Edit::AddScenario(Scenario {
            id: ScenarioId::from("s1"),
            name: "A & B <both>".into(),
            description: String::new(),
            hedge: "might".into(),
            depends_on: Vec::new(),
        }),
    )
    .unwrap();
    apply(
        &mut map,
        Edit::SetUnitScenario {
            unit: "u2".into(),
            scenario: Some("s1".into()),
        },
    )
    .unwrap();
    apply(
        &mut map,
        Edit::SetMeta(Meta {
            title: "Cats & <dogs>".into(),
            author: "O'Brien".into(),
            ..Meta::default()
        }),
    )
    .unwrap();
    let bytes = export::render(&map, &LayoutOptions::default(), Format::Svg, "x").unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let xml = roxmltree::Document::parse(&text).expect("well-formed despite the markup");
    let all: String = xml
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    for needle in [
        "Tom & Jerry say \"x < y\"",
        "<b>bold</b>",
        "A & B <both>",
        "Cats & <dogs>",
        "O'Brien",
    ] {
        assert!(
            all.contains(needle),
            "{needle:?} not in the text of the SVG"
        );
    }
    assert!(
        xml.descendants()
            .any(|n| n.attribute("id") == Some("s1") && class_has(&n, "scenario"))
    );
}

#[test]
fn an_empty_map_still_exports() {
    let map = ArgumentMap::new("Nothing marked yet.", TagScheme::argument());
    let doc = svg::render(&map, &LayoutOptions::default(), "empty");
    roxmltree::Document::parse(&doc.svg).expect("valid");
    let bytes = png_export::render(&doc).expect("renders");
    assert!(bytes.starts_with(b"\x89PNG"));
}

/// The hairline edges a dense map's PNG uses: every relation's stroke is
/// that wide, the legend's samples keep their width, and every relation is
/// still drawn (grouped by relation as before).
#[test]
fn edges_drawn_as_hairlines_keep_every_relation_and_the_legend() {
    let map = relos();
    let layout = MapLayout::compute(&map, &LayoutOptions::default());
    let normal = svg::document(&map, &layout, "relos");
    let thin = svg::document_with_edge_width(&map, &layout, "relos", Some(0.25));
    let strokes = |doc: &svg::SvgDocument, under: &str| -> Vec<String> {
        let xml = roxmltree::Document::parse(&doc.svg).expect("well-formed");
        let group = xml
            .descendants()
            .find(|n| n.attribute("id") == Some(under))
            .expect("the group");
        group
            .descendants()
            .filter(|n| n.tag_name().name() == "path" && !class_has(n, "head"))
            .filter_map(|n| n.attribute("stroke-width").map(str::to_owned))
            .collect()
    };
    let (before, after) = (strokes(&normal, "edges"), strokes(&thin, "edges"));
    assert_eq!(before.len(), after.len(), "every edge drawn");
    assert!(!after.is_empty());
    assert!(after.iter().all(|w| w == "0.25"), "{after:?}");
    assert!(before.iter().all(|w| w != "0.25"), "{before:?}");
    assert_eq!(strokes(&normal, "legend"), strokes(&thin, "legend"));
}

/// A dense map's PNG keeps the shortest edges within its pixel budget and
/// says in its header how many it drew.
#[test]
fn over_the_edge_budget_the_shortest_edges_are_kept_and_the_rest_named() {
    let map = relos();
    let full = MapLayout::compute(&map, &LayoutOptions::default());
    let length = |e: &argmark::graph::EdgePath| -> f32 {
        e.points.windows(2).map(|w| w[0].distance(w[1])).sum()
    };
    let total: f32 = full.edges.iter().map(length).sum();
    // A scale at which the edges come to three times the budget.
    let scale = (3.0 * png_export::EDGE_PIXEL_BUDGET) as f32 / total;
    let mut cut = full.clone();
    png_export::keep_shortest_edges(&mut cut, scale);
    assert!(!cut.edges.is_empty() && cut.edges.len() < full.edges.len());
    let drawn: f32 = cut.edges.iter().map(length).sum::<f32>() * scale;
    assert!(f64::from(drawn) <= png_export::EDGE_PIXEL_BUDGET * 1.001);
    let longest_kept = cut.edges.iter().map(length).fold(0.0, f32::max);
    let dropped = full.edges.iter().filter(|e| !cut.edges.contains(e));
    assert!(dropped.map(length).all(|l| l >= longest_kept));
    let note = cut.notice.clone().expect("a notice");
    assert!(note.contains(&format!(
        "the {} shortest of {}",
        cut.edges.len(),
        full.edges.len()
    )));
    let doc = svg::document_with_edge_width(&map, &cut, "relos", Some(0.5));
    assert!(doc.svg.contains("class=\"notice\""), "the header says so");
    // Under the budget nothing changes.
    let mut same = full.clone();
    png_export::keep_shortest_edges(&mut same, 1.0);
    assert_eq!(same.edges.len(), full.edges.len());
    assert_eq!(same.notice, full.notice);
}
