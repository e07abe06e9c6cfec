//! The argument map as a standalone SVG 1.1 document: a header with the
//! title and source, the map exactly as [`MapLayout`] places it, and a
//! legend. Every node is a `<g class="node …" id="u12">` (scenarios `s3`,
//! junctions `jr4`; unlinked units also have class `aside`) holding its
//! label as `<text>`; every relation is one `<g class="edge support" id="r4">`,
//! however many segments it has.

use super::xml::{escape, num};
use crate::graph::style::{self, EdgeKind};
use crate::graph::text::{LABEL_FONT_FAMILY, baseline_in_line, text_width, wrap};
use crate::graph::{EdgePath, LayoutOptions, MapLayout, NodeBox, NodeKind, Placement, Point, Rect};
use crate::model::{ArgumentMap, RelationId, Rgb, Role};
use std::collections::HashMap;
use std::fmt::Write;

/// Margin around everything, in layout units.
const MARGIN: f32 = 28.0;
/// The document is never narrower than this, so header and legend fit.
const MIN_WIDTH: f32 = 760.0;
const TITLE_SIZE: f32 = 24.0;
const SOURCE_SIZE: f32 = 13.0;
const LEGEND_SIZE: f32 = 13.0;
const LEGEND_ROW: f32 = 24.0;
const BACKGROUND: Rgb = Rgb([0xff, 0xff, 0xff]);
const MUTED: Rgb = Rgb([0x5f, 0x66, 0x6d]);
const FRAME: Rgb = Rgb([0xb8, 0xbe, 0xc4]);

/// An SVG document and its size in user units (CSS pixels).
#[derive(Clone, Debug, PartialEq)]
pub struct SvgDocument {
    pub svg: String,
    pub width: f32,
    pub height: f32,
}

/// Lays out `map` with `options` and renders it. `fallback_title` is used
/// when the map has no title (e.g. the file name).
pub fn render(map: &ArgumentMap, options: &LayoutOptions, fallback_title: &str) -> SvgDocument {
    let layout = MapLayout::compute(map, options);
    document(map, &layout, fallback_title)
}

/// Renders an already computed layout of `map`.
pub fn document(map: &ArgumentMap, layout: &MapLayout, fallback_title: &str) -> SvgDocument {
    document_with_edge_width(map, layout, fallback_title, None)
}

/// As [`document`], with every edge (not the legend's) stroked
/// `edge_width` wide when given: the PNG of a map with tens of thousands
/// of long edges draws them as hairlines, which rasterise several times
/// faster than wide strokes and read better than a solid mass.
pub fn document_with_edge_width(
    map: &ArgumentMap,
    layout: &MapLayout,
    fallback_title: &str,
    edge_width: Option<f32>,
) -> SvgDocument {
    let b = layout.bounds;
    let width = (b.width() + 2.0 * MARGIN).max(MIN_WIDTH).ceil();
    let inner = width - 2.0 * MARGIN;

    let mut header = String::new();
    let mut header_h = write_header(&mut header, map, fallback_title, inner);
    // A PNG of a dense map says what it left out (see `png::keep_shortest_edges`).
    if let (Some(_), Some(note)) = (edge_width, &layout.notice) {
        for line in wrap(note, inner, SOURCE_SIZE) {
            header_h += SOURCE_SIZE * 1.5;
            let _ = writeln!(
                header,
                r#"<text class="notice" x="0" y="{}" font-size="{}" fill="{MUTED}">{}</text>"#,
                num(header_h - SOURCE_SIZE * 0.3),
                num(SOURCE_SIZE),
                escape(&line)
            );
        }
    }
    let map_top = MARGIN + header_h + 28.0;
    let map_left = MARGIN + (inner - b.width()) / 2.0;
    let legend_top = map_top + b.height() + 36.0;
    let mut legend = String::new();
    let legend_h = write_legend(&mut legend, map, layout, inner);
    let height = (legend_top + legend_h + MARGIN).ceil();

    let mut s = String::with_capacity(4096 + layout.nodes.len() * 600);
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{f}, sans-serif" font-weight="300">"#,
        w = num(width),
        h = num(height),
        f = LABEL_FONT_FAMILY,
    );
    let _ = writeln!(
        s,
        "<title>{}</title>",
        escape(&title_of(map, fallback_title))
    );
    let _ = writeln!(
        s,
        r#"<rect id="background" x="0" y="0" width="{}" height="{}" fill="{BACKGROUND}"/>"#,
        num(width),
        num(height)
    );
    let _ = writeln!(
        s,
        r#"<g id="header" transform="translate({m} {m})">"#,
        m = num(MARGIN)
    );
    s.push_str(&header);
    s.push_str("</g>\n");
    let _ = writeln!(
        s,
        r#"<g id="map" transform="translate({} {})">"#,
        num(map_left - b.min.x),
        num(map_top - b.min.y)
    );
    if let Some(a) = layout.aside {
        write_aside(&mut s, a, layout);
    }
    s.push_str("<g id=\"edges\">\n");
    write_edges(&mut s, layout, edge_width);
    s.push_str("</g>\n<g id=\"nodes\">\n");
    for n in &layout.nodes {
        write_node(&mut s, layout, n);
    }
    s.push_str("</g>\n</g>\n");
    let _ = writeln!(
        s,
        r#"<g id="legend" transform="translate({} {})">"#,
        num(MARGIN),
        num(legend_top)
    );
    s.push_str(&legend);
    s.push_str("</g>\n</svg>\n");
    SvgDocument {
        svg: s,
        width,
        height,
    }
}

/// The map's title, or the fallback.
fn title_of(map: &ArgumentMap, fallback: &str) -> String {
    let t = map.meta().title.trim();
    if t.is_empty() {
        fallback.to_owned()
    } else {
        t.to_owned()
    }
}

/// Title and source lines; returns the header's height.
fn write_header(s: &mut String, map: &ArgumentMap, fallback_title: &str, width: f32) -> f32 {
    let m = map.meta();
    let mut y = 0.0;
    for line in wrap(&title_of(map, fallback_title), width, TITLE_SIZE) {
        y += TITLE_SIZE * 1.25;
        let _ = writeln!(
            s,
            r#"<text class="title" x="0" y="{}" font-size="{}" fill="{}">{}</text>"#,
            num(y - TITLE_SIZE * 0.3),
            num(TITLE_SIZE),
            style::TEXT,
            escape(&line)
        );
    }
    let mut source: Vec<String> = Vec::new();
    if !m.author.trim().is_empty() {
        source.push(format!("by {}", m.author.trim()));
    }
    if !m.published.trim().is_empty() {
        source.push(m.published.trim().to_owned());
    }
    if !m.source_url.trim().is_empty() {
        source.push(m.source_url.trim().to_owned());
    }
    if !m.annotator.trim().is_empty() {
        source.push(format!("annotated by {}", m.annotator.trim()));
    }
    if !source.is_empty() {
        for line in wrap(&source.join(" · "), width, SOURCE_SIZE) {
            y += SOURCE_SIZE * 1.5;
            let _ = writeln!(
                s,
                r#"<text class="source" x="0" y="{}" font-size="{}" fill="{MUTED}">{}</text>"#,
                num(y - SOURCE_SIZE * 0.3),
                num(SOURCE_SIZE),
                escape(&line)
            );
        }
    }
    y
}

/// A faint frame and caption around the grid of unlinked units.
fn write_aside(s: &mut String, a: Rect, layout: &MapLayout) {
    let f = a.expand(10.0);
    let size = layout.text.font_size - 1.0;
    let _ = writeln!(
        s,
        r#"<g id="unlinked"><rect x="{}" y="{}" width="{}" height="{}" rx="6" fill="none" stroke="{FRAME}" stroke-dasharray="3 3"/><text x="{}" y="{}" font-size="{}" fill="{MUTED}">Not linked yet</text></g>"#,
        num(f.min.x),
        num(f.min.y),
        num(f.width()),
        num(f.height()),
        num(a.min.x),
        num(a.min.y + size),
        num(size)
    );
}

/// Edges grouped by relation, in first-appearance order; scenario edges one by one.
/// Grouped through a map from relation to its segments: one pass, not a
/// scan of all edges per edge (44,850 relations made that quadratic).
fn write_edges(s: &mut String, layout: &MapLayout, width: Option<f32>) {
    let mut segments: HashMap<&RelationId, Vec<usize>> = HashMap::new();
    for (j, e) in layout.edges.iter().enumerate() {
        if let Some(r) = &e.relation {
            segments.entry(r).or_default().push(j);
        }
    }
    for (i, e) in layout.edges.iter().enumerate() {
        let group = match &e.relation {
            // Written with its first segment; later ones are done then.
            Some(r) => match segments.remove(r) {
                Some(group) => group,
                None => continue,
            },
            None => vec![i],
        };
        // A tooltip naming the ends ("u2, u3 → u1"); SVG 1.1 has no data-* attributes.
        // Sources are the ends no segment of the group leads to; the target
        // is the end no segment leaves (a junction is both).
        let parts: Vec<&EdgePath> = group.iter().map(|&j| &layout.edges[j]).collect();
        let sources: Vec<&str> = parts
            .iter()
            .map(|p| p.from.as_str())
            .filter(|f| !parts.iter().any(|p| p.to == *f))
            .collect();
        let target = parts
            .iter()
            .map(|p| p.to.as_str())
            .find(|t| !parts.iter().any(|p| p.from == *t))
            .unwrap_or(e.to.as_str());
        let ends = format!("{} → {}", sources.join(", "), target);
        match &e.relation {
            Some(r) => {
                let _ = writeln!(
                    s,
                    r#"<g class="edge {}" id="{}"><title>{} {}: {}</title>"#,
                    e.kind.key(),
                    escape(r.as_str()),
                    escape(r.as_str()),
                    e.kind.key(),
                    escape(&ends)
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    r#"<g class="edge {}"><title>{}: {}</title>"#,
                    e.kind.key(),
                    e.kind.legend(),
                    escape(&ends)
                );
            }
        }
        for &j in &group {
            write_edge_path(s, &layout.edges[j], width);
        }
        s.push_str("</g>\n");
    }
}

fn write_edge_path(s: &mut String, e: &EdgePath, width: Option<f32>) {
    let color = e.kind.color();
    let dash = e
        .kind
        .dash()
        .map(|(on, off)| format!(r#" stroke-dasharray="{} {}""#, num(on), num(off)))
        .unwrap_or_default();
    let _ = writeln!(
        s,
        r#"<path d="{}" fill="none" stroke="{color}" stroke-width="{}" stroke-linecap="round" stroke-linejoin="round"{dash}/>"#,
        path_data(&e.stroke_points(), false),
        num(width.unwrap_or(e.kind.width())),
    );
    let (triangle, bar) = e.head_shapes();
    if !triangle.is_empty() {
        let _ = writeln!(
            s,
            r#"<path class="head" d="{}" fill="{color}"/>"#,
            path_data(&triangle, true)
        );
    }
    if !bar.is_empty() {
        let _ = writeln!(
            s,
            r#"<path class="head" d="{}" stroke="{color}" stroke-width="2.4" stroke-linecap="round"/>"#,
            path_data(&bar, false)
        );
    }
}

fn path_data(points: &[Point], close: bool) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {} ",
            if i == 0 { 'M' } else { 'L' },
            num(p.x),
            num(p.y)
        );
    }
    if close {
        d.push('Z');
    }
    d.trim_end().to_owned()
}

fn write_node(s: &mut String, layout: &MapLayout, n: &NodeBox) {
    let r = n.rect;
    let id = escape(&n.id);
    match &n.kind {
        NodeKind::Junction { .. } => {
            let c = r.center();
            let _ = writeln!(
                s,
                r#"<g class="node junction" id="{id}"><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{BACKGROUND}" stroke-width="1.5"/></g>"#,
                num(c.x),
                num(c.y),
                num(r.width() / 2.0),
                n.color
            );
            return;
        }
        NodeKind::Unit { tag, role, .. } => {
            let aside = if n.placement == Placement::Aside {
                " aside"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                r#"<g class="node unit{aside} role-{}" id="{id}"><title>{id} · {}</title>"#,
                role.key(),
                escape(tag)
            );
            let stroke_w = if *role == Role::MainClaim { 2.8 } else { 1.3 };
            let _ = writeln!(
                s,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="{stroke_w}"/>"#,
                num(r.min.x),
                num(r.min.y),
                num(r.width()),
                num(r.height()),
                num(style::UNIT_CORNER),
                style::tint(n.color, style::FILL_TINT),
                n.color
            );
        }
        NodeKind::Scenario { .. } => {
            let _ = writeln!(
                s,
                r#"<g class="node scenario" id="{id}"><title>{id} · scenario</title>"#
            );
            let (on, off) = style::SCENARIO_DASH;
            let _ = writeln!(
                s,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="1.6" stroke-dasharray="{} {}"/>"#,
                num(r.min.x),
                num(r.min.y),
                num(r.width()),
                num(r.height()),
                num(r.height() / 2.0),
                style::tint(n.color, 0.9),
                n.color,
                num(on),
                num(off)
            );
        }
    }
    let size = layout.text.font_size;
    let _ = write!(
        s,
        r#"<text font-size="{}" text-anchor="middle" fill="{}">"#,
        num(size),
        style::TEXT
    );
    for (i, line) in n.lines.iter().enumerate() {
        let p = layout.line_baseline(n, i);
        let _ = write!(
            s,
            r#"<tspan x="{}" y="{}" textLength="{}" lengthAdjust="spacingAndGlyphs">{}</tspan>"#,
            num(p.x),
            num(p.y),
            num(text_width(line, size)),
            escape(line)
        );
    }
    s.push_str("</text></g>\n");
}

/// One legend entry: a swatch and a label.
enum Swatch {
    Tag(Rgb),
    Scenario(Rgb),
    Edge(EdgeKind),
    Junction,
}

/// Tags of the scheme (and a scenario chip), then the edge kinds in use;
/// entries flow in rows across `width`. Returns the legend's height.
fn write_legend(s: &mut String, map: &ArgumentMap, layout: &MapLayout, width: f32) -> f32 {
    let mut tags: Vec<(Swatch, String)> = map
        .scheme()
        .tags
        .iter()
        .map(|t| (Swatch::Tag(t.color), t.name.clone()))
        .collect();
    let scenario_color = layout
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Scenario { .. }))
        .map(|n| n.color);
    if let Some(c) = scenario_color {
        tags.push((Swatch::Scenario(c), "Scenario".to_owned()));
    }
    let mut links: Vec<(Swatch, String)> = EdgeKind::ALL
        .iter()
        .filter(|k| layout.edges.iter().any(|e| e.kind == **k))
        .map(|&k| (Swatch::Edge(k), k.legend().to_owned()))
        .collect();
    if links.is_empty() {
        links = [EdgeKind::Support, EdgeKind::Attack, EdgeKind::Rephrase]
            .into_iter()
            .map(|k| (Swatch::Edge(k), k.legend().to_owned()))
            .collect();
    }
    if layout.junctions().next().is_some() {
        links.push((
            Swatch::Junction,
            "linked argument (sources together)".to_owned(),
        ));
    }
    let mut y = 0.0;
    for group in [tags, links] {
        let mut x = 0.0;
        y += LEGEND_ROW;
        for (swatch, label) in group {
            let sw = match swatch {
                Swatch::Edge(_) => 34.0,
                Swatch::Scenario(_) => 26.0,
                _ => 14.0,
            };
            let item = sw + 6.0 + text_width(&label, LEGEND_SIZE) + 22.0;
            if x > 0.0 && x + item > width {
                x = 0.0;
                y += LEGEND_ROW;
            }
            let mid = y - LEGEND_ROW / 2.0;
            write_swatch(s, &swatch, x, mid, sw);
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>"#,
                num(x + sw + 6.0),
                num(mid + baseline_in_line(LEGEND_SIZE, LEGEND_SIZE) - LEGEND_SIZE / 2.0),
                num(LEGEND_SIZE),
                style::TEXT,
                escape(&label)
            );
            x += item;
        }
    }
    y
}

fn write_swatch(s: &mut String, swatch: &Swatch, x: f32, mid: f32, w: f32) {
    match *swatch {
        Swatch::Tag(c) => {
            let _ = writeln!(
                s,
                r#"<rect class="chip" x="{}" y="{}" width="14" height="14" rx="3" fill="{}" stroke="{c}" stroke-width="1.3"/>"#,
                num(x),
                num(mid - 7.0),
                style::tint(c, style::FILL_TINT)
            );
        }
        Swatch::Scenario(c) => {
            let (on, off) = style::SCENARIO_DASH;
            let _ = writeln!(
                s,
                r#"<rect class="chip" x="{}" y="{}" width="{}" height="14" rx="7" fill="{}" stroke="{c}" stroke-width="1.3" stroke-dasharray="{} {}"/>"#,
                num(x),
                num(mid - 7.0),
                num(w),
                style::tint(c, 0.9),
                num(on / 2.0),
                num(off / 2.0)
            );
        }
        Swatch::Edge(kind) => {
            let e = EdgePath {
                kind,
                relation: None,
                from: String::new(),
                to: String::new(),
                points: vec![Point::new(x, mid), Point::new(x + w, mid)],
                head: kind.head(),
            };
            write_edge_path(s, &e, None);
        }
        Swatch::Junction => {
            let _ = writeln!(
                s,
                r#"<circle cx="{}" cy="{}" r="5" fill="{}"/>"#,
                num(x + 7.0),
                num(mid),
                EdgeKind::Support.color()
            );
        }
    }
}
