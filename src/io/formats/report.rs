//! A report for readers without Argmark: one self-contained HTML page (the
//! text highlighted by tag with a legend, the argument map as inline SVG,
//! the coach's checks, scenarios, notes, and tables of units and relations;
//! no scripts, fonts or images to fetch, everything escaped), and the same
//! content in Markdown for wikis and course platforms.

use crate::analysis::checks::{self, Findings, Status};
use crate::export::svg;
use crate::graph::LayoutOptions;
use crate::model::{ArgumentMap, RelationKind, Rgb, Role, Unit, UnitId};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values; drops control characters.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn title_of<'a>(map: &'a ArgumentMap, fallback: &'a str) -> &'a str {
    if map.meta().title.trim().is_empty() {
        fallback
    } else {
        &map.meta().title
    }
}

/// The unit's tag colour, grey for tags the scheme lacks.
fn colour(map: &ArgumentMap, kind: &str) -> Rgb {
    map.scheme()
        .tag(kind)
        .map_or(Rgb([0x8a, 0x8f, 0x98]), |t| t.color)
}

/// CSS class for a tag: its index in the scheme (`tag-3`), `tag-x` if unknown.
fn tag_class(map: &ArgumentMap, kind: &str) -> String {
    map.scheme()
        .tags
        .iter()
        .position(|t| t.name == kind)
        .map_or_else(|| "tag-x".to_owned(), |i| format!("tag-{i}"))
}

const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1d2125; --muted: #5f666d; --bg: #ffffff; --panel: #f4f5f7; --line: #d5d9de; --link: #1f5fbf; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8ea; --muted: #a3aab2; --bg: #17191c; --panel: #22262a; --line: #3a4047; --link: #8ab4f8; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 1.3rem; margin: 40px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 22px 0 6px; }
a { color: var(--link); }
.meta { color: var(--muted); margin: 0 0 14px; }
.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0 0; padding: 0; list-style: none; }
.summary li { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; }
.summary b { font-size: 1.15rem; }
nav { margin: 18px 0 0; color: var(--muted); }
nav a { margin-right: 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 16px; margin: 0 0 16px; padding: 10px 14px; background: var(--panel); border-radius: 8px; font-size: 0.92rem; }
.legend span { display: inline-flex; align-items: center; gap: 6px; }
.legend i { display: inline-block; width: 14px; height: 14px; border-radius: 3px; }
.text { font-family: Georgia, "Noto Serif", "Times New Roman", serif; font-size: 1.08rem; line-height: 1.85; max-width: 46em; }
.text p { margin: 0 0 0.9em; white-space: pre-wrap; }
mark { color: inherit; border-radius: 2px; padding: 1px 0; }
mark.nested { text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 4px; }
sup.uid { font: 600 0.66rem system-ui, sans-serif; color: var(--muted); margin: 0 2px 0 1px; }
.map { overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 8px; background: #fff; padding: 8px; }
.map svg { display: block; width: 100%; height: auto; }
.hint { color: var(--muted); font-size: 0.9rem; margin: -4px 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: 0.93rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
td.q { max-width: 34em; }
.chip { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 0.85rem; white-space: nowrap; }
.status-accepted { color: #1d7a3a; } .status-rejected { color: #b3261e; } .status-undecided { color: var(--muted); }
@media (prefers-color-scheme: dark) { .status-accepted { color: #6fcf8f; } .status-rejected { color: #f28b82; } }
.check { margin: 0 0 8px; padding: 10px 14px; background: var(--panel); border-left: 4px solid var(--line); border-radius: 4px; }
.check.found { border-left-color: #c77c02; }
.check.none { border-left-color: #2e8b57; }
.check ul { margin: 6px 0 0; padding-left: 20px; }
.none-found { color: var(--muted); }
blockquote { margin: 6px 0; padding-left: 12px; border-left: 3px solid var(--line); color: var(--muted); }
footer { margin-top: 48px; color: var(--muted); font-size: 0.85rem; }
@media print { nav, .hint { display: none; } .map { border: none; max-height: none; overflow: visible; } .map > div { width: 100% !important; } }
"#;

/// One unit reference: `u12` linked to its row, with a short quote.
fn unit_ref(map: &ArgumentMap, id: &UnitId) -> String {
    let quote = map
        .unit(id)
        .map(|u| short(&u.quote, 14))
        .unwrap_or_default();
    format!(
        "<a href=\"#unit-{id}\">{id}</a> <q>{}</q>",
        escape(&quote),
        id = escape(id.as_str())
    )
}

/// The first `words` words of a quote, with an ellipsis if cut.
fn short(s: &str, words: usize) -> String {
    let w: Vec<&str> = s.split_whitespace().collect();
    if w.len() > words {
        format!("{} …", w[..words].join(" "))
    } else {
        w.join(" ")
    }
}

/// The self-contained HTML report; `title` is used when the map has none.
pub fn html(map: &ArgumentMap, title: &str) -> String {
    let title = title_of(map, title);
    let findings = checks::check(map);
    let mut s = String::with_capacity(map.text().len() * 3 + 64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"Argmark\">\n<title>{}</title>\n<style>{STYLE}",
        escape(title)
    );
    for (i, t) in map.scheme().tags.iter().enumerate() {
        let [r, g, b] = t.color.0;
        let _ = writeln!(
            s,
            ".tag-{i} {{ background: rgba({r},{g},{b},0.26); text-decoration-color: rgb({r},{g},{b}); }} \
.tag-{i}.nested {{ background: rgba({r},{g},{b},0.42); }}"
        );
    }
    s.push_str(
        ".tag-x { background: rgba(138,143,152,0.26); }\n</style>\n</head>\n<body>\n<main>\n",
    );
    header(&mut s, map, title);
    s.push_str("<section id=\"text\">\n<h2>Text</h2>\n");
    legend(&mut s, map);
    text(&mut s, map);
    s.push_str("</section>\n<section id=\"map\">\n<h2>Argument map</h2>\n");
    let doc = svg::render(map, &LayoutOptions::default(), title);
    // Shown near its natural size (labels stay legible), scrolling inside
    // its box; printed to the page width.
    let _ = write!(
        s,
        "<p class=\"hint\">Conclusions on top; arrows point at what they bear on. Scroll inside the box to see all of it.</p>\n\
<div class=\"map\"><div style=\"width: max(100%, {}px)\">\n",
        (doc.width * 0.85).round()
    );
    let body = doc
        .svg
        .split_once("?>")
        .map_or(doc.svg.as_str(), |(_, rest)| rest)
        .trim();
    s.push_str(body);
    s.push_str("\n</div></div>\n</section>\n");
    checks_section(&mut s, map, &findings);
    scenarios_section(&mut s, map);
    notes_section(&mut s, map);
    units_section(&mut s, map, &findings.status);
    relations_section(&mut s, map);
    let _ = write!(
        s,
        "<footer>Made with Argmark. Offsets are character (Unicode scalar) offsets into the text; \
the scheme is “{}”.</footer>\n</main>\n</body>\n</html>\n",
        escape(&map.scheme().name)
    );
    s
}

fn header(s: &mut String, map: &ArgumentMap, title: &str) {
    let m = map.meta();
    let _ = writeln!(s, "<header>\n<h1>{}</h1>", escape(title));
    let mut parts = Vec::new();
    if !m.author.is_empty() {
        parts.push(format!("by {}", escape(&m.author)));
    }
    if !m.published.is_empty() {
        parts.push(escape(&m.published));
    }
    if !m.source_url.is_empty() {
        let url = escape(&m.source_url);
        if m.source_url.starts_with("http://") || m.source_url.starts_with("https://") {
            parts.push(format!("<a href=\"{url}\">{url}</a>"));
        } else {
            parts.push(url);
        }
    }
    if !m.annotator.is_empty() {
        parts.push(format!("annotated by {}", escape(&m.annotator)));
    }
    if !parts.is_empty() {
        let _ = writeln!(s, "<p class=\"meta\">{}</p>", parts.join(" · "));
    }
    let claims = map
        .units()
        .iter()
        .filter(|u| map.scheme().role_of(&u.kind).is_claim())
        .count();
    let _ = writeln!(
        s,
        "<ul class=\"summary\"><li><b>{}</b> units</li><li><b>{claims}</b> claims</li><li><b>{}</b> relations</li><li><b>{}</b> scenarios</li></ul>",
        map.units().len(),
        map.relations().len(),
        map.scenarios().len()
    );
    s.push_str(
        "<nav><a href=\"#text\">Text</a><a href=\"#map\">Map</a><a href=\"#checks\">Checks</a>\
<a href=\"#scenarios\">Scenarios</a><a href=\"#notes\">Notes</a><a href=\"#units\">Units</a>\
<a href=\"#relations\">Relations</a></nav>\n</header>\n",
    );
}

fn legend(s: &mut String, map: &ArgumentMap) {
    s.push_str("<div class=\"legend\" aria-label=\"Legend\">");
    for t in &map.scheme().tags {
        let n = map.units().iter().filter(|u| u.kind == t.name).count();
        let desc = if t.description.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape(&t.description))
        };
        let _ = write!(
            s,
            "<span{desc}><i style=\"background:{}\"></i>{} ({n})</span>",
            t.color,
            escape(&t.name)
        );
    }
    s.push_str("</div>\n");
}

/// The text, one `<p>` per paragraph, each stretch covered by units inside a
/// `<mark>` coloured by the innermost unit; `<sup>` ids where units start.
fn text(s: &mut String, map: &ArgumentMap) {
    s.push_str("<div class=\"text\">\n");
    let src = map.source();
    for para in src.index().paragraphs() {
        if para.is_empty() {
            continue;
        }
        // Right-to-left paragraphs (Arabic, Hebrew) by their own first letter:
        // `dir="auto"` would take it from the Latin unit ids.
        let dir = if starts_rtl(src.slice(para.clone()).unwrap_or_default()) {
            "rtl"
        } else {
            "ltr"
        };
        let _ = write!(s, "<p dir=\"{dir}\">");
        let units: Vec<&Unit> = map.units_overlapping(para.clone()).collect();
        let mut cuts: Vec<usize> = vec![para.start, para.end];
        for u in &units {
            cuts.push(u.start.clamp(para.start, para.end));
            cuts.push(u.end.clamp(para.start, para.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            for u in units.iter().filter(|u| u.start == a) {
                let _ = write!(
                    s,
                    "<sup class=\"uid\" id=\"t-{id}\">{id}</sup>",
                    id = escape(u.id.as_str())
                );
            }
            let piece = escape(src.slice(a..b).unwrap_or_default());
            let covering: Vec<&&Unit> = units
                .iter()
                .filter(|u| u.start <= a && u.end >= b)
                .collect();
            match covering.iter().min_by_key(|u| (u.end - u.start, u.start)) {
                None => s.push_str(&piece),
                Some(inner) => {
                    let label: Vec<String> = covering
                        .iter()
                        .map(|u| format!("{} {}", u.id, u.kind))
                        .collect();
                    let nested = if covering.len() > 1 { " nested" } else { "" };
                    let _ = write!(
                        s,
                        "<mark class=\"{}{nested}\" title=\"{}\">{piece}</mark>",
                        tag_class(map, &inner.kind),
                        escape(&label.join("; "))
                    );
                }
            }
        }
        s.push_str("</p>\n");
    }
    s.push_str("</div>\n");
}

/// Whether the first letter of `s` belongs to a right-to-left script.
fn starts_rtl(s: &str) -> bool {
    s.chars().find(|c| c.is_alphabetic()).is_some_and(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
    })
}

fn check_block(s: &mut String, title: &str, what: &str, items: &[String]) {
    let class = if items.is_empty() { "none" } else { "found" };
    let _ = write!(
        s,
        "<div class=\"check {class}\"><b>{}</b> — {}",
        escape(title),
        escape(what)
    );
    if items.is_empty() {
        s.push_str("<div class=\"none-found\">None found.</div>");
    } else {
        s.push_str("<ul>");
        for i in items {
            let _ = write!(s, "<li>{i}</li>");
        }
        s.push_str("</ul>");
    }
    s.push_str("</div>\n");
}

fn checks_section(s: &mut String, map: &ArgumentMap, f: &Findings) {
    s.push_str("<section id=\"checks\">\n<h2>Coach’s checks</h2>\n");
    let units = |ids: &[UnitId]| ids.iter().map(|u| unit_ref(map, u)).collect::<Vec<_>>();
    check_block(
        s,
        "Unsupported claims",
        "claims nothing supports",
        &units(&f.unsupported_claims),
    );
    let attacks: Vec<String> = f
        .unanswered_attacks
        .iter()
        .map(|a| {
            let by: Vec<String> = a.attackers.iter().map(|u| unit_ref(map, u)).collect();
            format!(
                "{} on {}: by {}",
                escape(a.relation.as_str()),
                unit_ref(map, &a.target),
                by.join(", ")
            )
        })
        .collect();
    check_block(
        s,
        "Unanswered attacks",
        "attacks on claims that nobody answers",
        &attacks,
    );
    let spec: Vec<String> = f
        .rests_on_speculation
        .iter()
        .map(|d| {
            let mut parts = Vec::new();
            let names = d.scenario_names(map);
            if !names.is_empty() {
                parts.push(format!("scenarios {}", escape(&names.join("; "))));
            }
            if !d.speculation_units.is_empty() {
                let ids: Vec<&str> = d.speculation_units.iter().map(|u| u.as_str()).collect();
                parts.push(format!("speculation {}", escape(&ids.join(", "))));
            }
            format!(
                "{} rests on {}",
                unit_ref(map, &d.unit),
                parts.join(" and ")
            )
        })
        .collect();
    check_block(
        s,
        "Resting on speculation",
        "claims whose support includes speculation",
        &spec,
    );
    let cycles: Vec<String> = f
        .cycles
        .iter()
        .map(|c| {
            let mut path: Vec<&str> = c.path.iter().map(|u| u.as_str()).collect();
            if let Some(first) = path.first().copied() {
                path.push(first);
            }
            escape(&path.join(" → "))
        })
        .collect();
    check_block(
        s,
        "Circular support",
        "units that support each other in a circle",
        &cycles,
    );
    check_block(
        s,
        "Loose ends",
        "premises and evidence in no relation",
        &units(&f.loose_ends),
    );
    let standing: Vec<String> = map
        .units()
        .iter()
        .filter(|u| map.scheme().role_of(&u.kind).is_claim())
        .map(|u| {
            let st = f.status.get(&u.id).copied().unwrap_or(Status::Undecided);
            format!(
                "<span class=\"status-{k}\">{k}</span>: {}",
                unit_ref(map, &u.id),
                k = st.key()
            )
        })
        .collect();
    check_block(
        s,
        "Which claims stand",
        "accepted when every attack fails and some support holds",
        &standing,
    );
    s.push_str("</section>\n");
}

fn scenarios_section(s: &mut String, map: &ArgumentMap) {
    s.push_str("<section id=\"scenarios\">\n<h2>Scenarios</h2>\n");
    if map.scenarios().is_empty() {
        s.push_str("<p class=\"none-found\">No scenarios.</p>\n");
    }
    for sc in map.scenarios() {
        let _ = write!(
            s,
            "<h3 id=\"scenario-{}\">{}</h3>",
            escape(sc.id.as_str()),
            escape(&sc.name)
        );
        let mut facts = Vec::new();
        if !sc.hedge.is_empty() {
            facts.push(format!("hedge: “{}”", escape(&sc.hedge)));
        }
        let deps: Vec<String> = sc
            .depends_on
            .iter()
            .map(|d| {
                map.scenario(d)
                    .map_or_else(|| escape(d.as_str()), |d| escape(&d.name))
            })
            .collect();
        if !deps.is_empty() {
            facts.push(format!("if {}", deps.join(", ")));
        }
        if !facts.is_empty() {
            let _ = write!(s, "<p class=\"meta\">{}</p>", facts.join(" · "));
        }
        if !sc.description.is_empty() {
            let _ = write!(s, "<p>{}</p>", escape(&sc.description));
        }
        let members: Vec<String> = map.units_in(&sc.id).map(|u| unit_ref(map, &u.id)).collect();
        if !members.is_empty() {
            let _ = write!(s, "<ul><li>{}</li></ul>", members.join("</li><li>"));
        }
        s.push('\n');
    }
    s.push_str("</section>\n");
}

fn notes_section(s: &mut String, map: &ArgumentMap) {
    s.push_str("<section id=\"notes\">\n<h2>Notes</h2>\n");
    let mut any = false;
    if !map.meta().notes.trim().is_empty() {
        any = true;
        let _ = writeln!(
            s,
            "<h3>On the document</h3><p style=\"white-space:pre-wrap\">{}</p>",
            escape(&map.meta().notes)
        );
    }
    let unit_notes: Vec<&Unit> = map
        .units()
        .iter()
        .filter(|u| !u.note.trim().is_empty())
        .collect();
    if !unit_notes.is_empty() {
        any = true;
        s.push_str("<h3>On units</h3><ul>");
        for u in unit_notes {
            let _ = write!(
                s,
                "<li>{}<blockquote style=\"white-space:pre-wrap\">{}</blockquote></li>",
                unit_ref(map, &u.id),
                escape(&u.note)
            );
        }
        s.push_str("</ul>\n");
    }
    let rel_notes: Vec<_> = map
        .relations()
        .iter()
        .filter(|r| !r.note.trim().is_empty())
        .collect();
    if !rel_notes.is_empty() {
        any = true;
        s.push_str("<h3>On relations</h3><ul>");
        for r in rel_notes {
            let _ = write!(
                s,
                "<li><a href=\"#rel-{id}\">{id}</a>: {}</li>",
                escape(&r.note),
                id = escape(r.id.as_str())
            );
        }
        s.push_str("</ul>\n");
    }
    if !any {
        s.push_str("<p class=\"none-found\">No notes.</p>\n");
    }
    s.push_str("</section>\n");
}

fn units_section(s: &mut String, map: &ArgumentMap, status: &BTreeMap<UnitId, Status>) {
    s.push_str(
        "<section id=\"units\">\n<h2>Units</h2>\n<table>\n<thead><tr><th>Id</th><th>Tag</th><th>Text</th>\
<th>Scenario</th><th>Status</th><th>Chars</th></tr></thead>\n<tbody>\n",
    );
    for u in map.units() {
        let [r, g, b] = colour(map, &u.kind).0;
        let scenario = u
            .scenario
            .as_ref()
            .and_then(|id| map.scenario(id))
            .map_or(String::new(), |sc| escape(&sc.name));
        let st = status
            .get(&u.id)
            .copied()
            .unwrap_or(Status::Undecided)
            .key();
        let _ = writeln!(
            s,
            "<tr id=\"unit-{id}\"><td><a href=\"#t-{id}\">{id}</a></td><td><span class=\"chip\" style=\"background:rgba({r},{g},{b},0.3)\">{kind}</span></td>\
<td class=\"q\">{q}</td><td>{scenario}</td><td class=\"status-{st}\">{st}</td><td>{}–{}</td></tr>",
            u.start,
            u.end,
            id = escape(u.id.as_str()),
            kind = escape(&u.kind),
            q = escape(&u.quote),
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

fn relations_section(s: &mut String, map: &ArgumentMap) {
    s.push_str(
        "<section id=\"relations\">\n<h2>Relations</h2>\n<table>\n<thead><tr><th>Id</th><th>Kind</th>\
<th>From</th><th>To</th></tr></thead>\n<tbody>\n",
    );
    for r in map.relations() {
        let from: Vec<String> = r.sources.iter().map(|u| unit_ref(map, u)).collect();
        let linked = if r.sources.len() > 1 { " (linked)" } else { "" };
        let _ = writeln!(
            s,
            "<tr id=\"rel-{id}\"><td>{id}</td><td>{}{linked}</td><td>{}</td><td>{}</td></tr>",
            r.kind.key(),
            from.join("<br>"),
            unit_ref(map, &r.target),
            id = escape(r.id.as_str()),
        );
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

/// Escapes Markdown inline text (and table cells): one line; emphasis, code,
/// link, HTML and table characters escaped anywhere, block markers (`#`,
/// `-`, `+`, `!`) only where a line starts.
pub fn md_escape(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in super::one_line(s).chars().enumerate() {
        if "\\`*_[]<>|~".contains(c) || (i == 0 && "#-+!".contains(c)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The report in Markdown (GitHub-flavoured tables); `title` is used when the map has none.
pub fn markdown(map: &ArgumentMap, title: &str) -> String {
    let title = title_of(map, title);
    let f = checks::check(map);
    let m = map.meta();
    let mut s = format!("# {}\n\n", md_escape(title));
    let mut parts = Vec::new();
    if !m.author.is_empty() {
        parts.push(format!("by {}", md_escape(&m.author)));
    }
    if !m.published.is_empty() {
        parts.push(md_escape(&m.published));
    }
    if !m.source_url.is_empty() {
        parts.push(format!("<{}>", m.source_url.replace(['<', '>', ' '], "")));
    }
    if !m.annotator.is_empty() {
        parts.push(format!("annotated by {}", md_escape(&m.annotator)));
    }
    if !parts.is_empty() {
        let _ = writeln!(s, "{}\n", parts.join(" · "));
    }
    let _ = writeln!(
        s,
        "{} units, {} relations, {} scenarios (scheme “{}”).\n",
        map.units().len(),
        map.relations().len(),
        map.scenarios().len(),
        md_escape(&map.scheme().name)
    );
    let q = |id: &UnitId| {
        let quote = map
            .unit(id)
            .map(|u| short(&u.quote, 14))
            .unwrap_or_default();
        format!("**{}** “{}”", id, md_escape(&quote))
    };
    s.push_str("## Coach’s checks\n\n");
    let mut block = |name: &str, items: Vec<String>| {
        let _ = writeln!(s, "### {name}\n");
        if items.is_empty() {
            s.push_str("None found.\n\n");
        } else {
            for i in items {
                let _ = writeln!(s, "- {i}");
            }
            s.push('\n');
        }
    };
    block(
        "Unsupported claims",
        f.unsupported_claims.iter().map(q).collect(),
    );
    block(
        "Unanswered attacks",
        f.unanswered_attacks
            .iter()
            .map(|a| {
                let by: Vec<&str> = a.attackers.iter().map(|u| u.as_str()).collect();
                format!("{} on {} by {}", a.relation, q(&a.target), by.join(", "))
            })
            .collect(),
    );
    block(
        "Resting on speculation",
        f.rests_on_speculation
            .iter()
            .map(|d| {
                let names = d.scenario_names(map);
                let ids: Vec<&str> = d.speculation_units.iter().map(|u| u.as_str()).collect();
                format!(
                    "{} rests on scenarios: {}; speculation: {}",
                    q(&d.unit),
                    md_escape(&names.join("; ")),
                    ids.join(", ")
                )
            })
            .collect(),
    );
    block(
        "Circular support",
        f.cycles
            .iter()
            .map(|c| {
                c.path
                    .iter()
                    .map(|u| u.as_str())
                    .collect::<Vec<_>>()
                    .join(" → ")
            })
            .collect(),
    );
    block("Loose ends", f.loose_ends.iter().map(q).collect());
    block(
        "Which claims stand",
        map.units()
            .iter()
            .filter(|u| map.scheme().role_of(&u.kind).is_claim())
            .map(|u| {
                let st = f.status.get(&u.id).copied().unwrap_or(Status::Undecided);
                format!("{}: {}", st.key(), q(&u.id))
            })
            .collect(),
    );
    s.push_str(
        "## Units\n\n| Id | Tag | Role | Text | Scenario | Note |\n|---|---|---|---|---|---|\n",
    );
    for u in map.units() {
        let scenario = u
            .scenario
            .as_ref()
            .and_then(|id| map.scenario(id))
            .map_or(String::new(), |sc| md_escape(&sc.name));
        let role: Role = map.scheme().role_of(&u.kind);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {scenario} | {} |",
            u.id,
            md_escape(&u.kind),
            role.key(),
            md_escape(&u.quote),
            md_escape(&u.note)
        );
    }
    s.push_str("\n## Relations\n\n| Id | Kind | From | To | Note |\n|---|---|---|---|---|\n");
    for r in map.relations() {
        let from: Vec<&str> = r.sources.iter().map(|u| u.as_str()).collect();
        let kind = if r.sources.len() > 1 && r.kind != RelationKind::Rephrase {
            format!("{} (linked)", r.kind.key())
        } else {
            r.kind.key().to_owned()
        };
        let _ = writeln!(
            s,
            "| {} | {kind} | {} | {} | {} |",
            r.id,
            from.join(" + "),
            r.target,
            md_escape(&r.note)
        );
    }
    if !map.scenarios().is_empty() {
        s.push_str("\n## Scenarios\n\n");
        for sc in map.scenarios() {
            let members: Vec<&str> = map.units_in(&sc.id).map(|u| u.id.as_str()).collect();
            let _ = write!(s, "- **{}** ({})", md_escape(&sc.name), members.join(", "));
            if !sc.hedge.is_empty() {
                let _ = write!(s, ", hedge “{}”", md_escape(&sc.hedge));
            }
            if !sc.depends_on.is_empty() {
                let deps: Vec<&str> = sc.depends_on.iter().map(|d| d.as_str()).collect();
                let _ = write!(s, ", if {}", deps.join(", "));
            }
            if !sc.description.is_empty() {
                let _ = write!(s, ": {}", md_escape(&sc.description));
            }
            s.push('\n');
        }
    }
    if !m.notes.trim().is_empty() {
        let _ = writeln!(s, "\n## Notes\n\n{}", md_escape(&m.notes));
    }
    s.push_str("\n## Text\n\n");
    for para in map.source().index().paragraphs() {
        if let Some(p) = map.source().slice(para.clone())
            && !p.trim().is_empty()
        {
            let _ = writeln!(s, "> {}\n>", md_escape(p));
        }
    }
    s.push_str(
        "\n*Made with Argmark; the map itself is in the HTML report or `argmark export`.*\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagScheme;
    use crate::model::fixture::{link, marked};

    fn sample() -> ArgumentMap {
        let mut m = marked(
            "[Main claim:We <script>alert(1)</script> act]. [Premise:It is [Evidence:urgent & \"real\"]].\n\nSecond paragraph.",
            TagScheme::argument(),
        );
        link(&mut m, RelationKind::Support, &[2], 1);
        m
    }

    #[test]
    fn html_escapes_everything_and_is_self_contained() {
        let h = html(&sample(), "t <b>");
        assert!(!h.contains("<script>"), "raw script in output");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(h.contains("<title>t &lt;b&gt;</title>"));
        assert!(h.contains("urgent &amp; &quot;real&quot;"));
        assert!(!h.contains("src=\"http") && !h.contains("<link") && !h.contains("@import"));
        assert!(h.contains("<svg"), "inline map");
        assert_eq!(
            h.matches("<p dir=\"ltr\">").count(),
            2,
            "one <p> per non-empty paragraph"
        );
        // The nested Evidence unit is marked inside the Premise.
        assert!(
            h.contains("<mark class=\"tag-3 nested\" title=\"u2 Premise; u3 Evidence\">"),
            "{h}"
        );
        assert!(h.contains("Unsupported claims"));
    }

    #[test]
    fn right_to_left_paragraphs_are_marked() {
        let m = marked("[Claim:يجب أن نتحرك] الآن\nWe act", TagScheme::argument());
        let h = html(&m, "t");
        assert!(h.contains("<p dir=\"rtl\"><sup"), "{h}");
        assert!(h.contains("<p dir=\"ltr\">We act</p>"));
    }

    #[test]
    fn markdown_escapes_markup_in_cells() {
        let md = markdown(&sample(), "t");
        assert!(
            md.contains(
                "| u1 | Main claim | main_claim | We \\<script\\>alert(1)\\</script\\> act |"
            ),
            "{md}"
        );
        assert!(md.contains("| r1 | support | u2 | u1 |  |"), "{md}");
    }
}
