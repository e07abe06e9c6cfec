//! The map diff: one argument map of both annotations — A's units and
//! relations plus B's that A lacks — laid out by the ordinary map layout,
//! with nodes coloured by the item kind of their unit and relations by
//! whether both, only A or only B drew them. Building the union is pure;
//! drawing fits the layout into the pane.

use super::items::{Item, ItemKind};
use crate::graph::{LayoutOptions, MapLayout, Point};
use crate::model::{ArgumentMap, Edit, Relation, RelationId, RelationKind, Unit, UnitId, apply};
use egui::{Color32, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};
use std::collections::HashMap;

/// Who drew a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeStatus {
    Both,
    OnlyA,
    OnlyB,
}

impl EdgeStatus {
    /// The colour of its line: as the item kinds agree / only in A / only in B.
    fn color(self, dark: bool) -> Color32 {
        match self {
            EdgeStatus::Both => ItemKind::Agree.stroke(dark),
            EdgeStatus::OnlyA => ItemKind::OnlyA.stroke(dark),
            EdgeStatus::OnlyB => ItemKind::OnlyB.stroke(dark),
        }
    }
}

/// The laid-out union map with its colouring.
pub struct MapDiff {
    pub layout: MapLayout,
    /// Unit node id → (its item's kind, the item's index).
    pub nodes: HashMap<String, (ItemKind, usize)>,
    /// Relation → who drew it.
    pub edges: HashMap<RelationId, EdgeStatus>,
}

type RelKey = (RelationKind, Vec<UnitId>, UnitId);

fn key(kind: RelationKind, mut sources: Vec<UnitId>, target: UnitId) -> RelKey {
    sources.sort();
    (kind, sources, target)
}

/// Builds the union of A and B over A's ids (B's unaligned units and
/// unmatched relations get new ids) and lays it out.
pub fn build(a: &ArgumentMap, b: &ArgumentMap, items: &[Item]) -> MapDiff {
    let mut parts = a.to_parts();
    parts.positions.clear();
    let mut union = ArgumentMap::from_parts(parts);
    let mut nodes = HashMap::new();
    let mut b_to_union: HashMap<UnitId, UnitId> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        match (&item.a, &item.b) {
            (Some(ua), ub) => {
                nodes.insert(ua.id.to_string(), (item.kind, i));
                if let Some(ub) = ub {
                    b_to_union.insert(ub.id.clone(), ua.id.clone());
                }
            }
            (None, Some(ub)) => {
                let id = union.next_unit_id();
                let unit = Unit {
                    id: id.clone(),
                    kind: ub.tag.clone(),
                    start: ub.start,
                    end: ub.end,
                    quote: union
                        .quote_of(ub.start..ub.end)
                        .unwrap_or_default()
                        .to_owned(),
                    note: String::new(),
                    scenario: None,
                };
                // A tag A's scheme lacks leaves the unit out of the picture.
                if apply(&mut union, Edit::AddUnit(unit)).is_ok() {
                    nodes.insert(id.to_string(), (ItemKind::OnlyB, i));
                    b_to_union.insert(ub.id.clone(), id);
                }
            }
            (None, None) => {}
        }
    }
    let in_a: HashMap<RelKey, RelationId> = a
        .relations()
        .iter()
        .map(|r| {
            (
                key(r.kind, r.sources.clone(), r.target.clone()),
                r.id.clone(),
            )
        })
        .collect();
    let mut edges: HashMap<RelationId, EdgeStatus> = a
        .relations()
        .iter()
        .map(|r| (r.id.clone(), EdgeStatus::OnlyA))
        .collect();
    for r in b.relations() {
        let sources: Option<Vec<UnitId>> = r
            .sources
            .iter()
            .map(|s| b_to_union.get(s).cloned())
            .collect();
        let (Some(sources), Some(target)) = (sources, b_to_union.get(&r.target).cloned()) else {
            continue;
        };
        if let Some(id) = in_a.get(&key(r.kind, sources.clone(), target.clone())) {
            edges.insert(id.clone(), EdgeStatus::Both);
            continue;
        }
        let id = union.next_relation_id();
        let rel = Relation {
            id: id.clone(),
            kind: r.kind,
            sources,
            target,
            note: String::new(),
        };
        if apply(&mut union, Edit::AddRelation(rel)).is_ok() {
            edges.insert(id, EdgeStatus::OnlyB);
        }
    }
    MapDiff {
        layout: MapLayout::compute(&union, &LayoutOptions::default()),
        nodes,
        edges,
    }
}

/// Draws the diff fitted into the available space; returns the item whose
/// node was clicked.
pub fn show(ui: &mut Ui, diff: &MapDiff, selected: Option<usize>) -> Option<usize> {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        ui.weak("Relations:");
        for (s, name) in [
            (EdgeStatus::Both, "both drew"),
            (EdgeStatus::OnlyA, "only A"),
            (EdgeStatus::OnlyB, "only B"),
        ] {
            super::super::colors::chip(ui, s.color(dark));
            ui.label(name);
        }
        ui.weak("Units are coloured like the text; click one to select it.");
    });
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Map diff"));
    let b = diff.layout.bounds;
    let (bw, bh) = (b.width().max(1.0), b.height().max(1.0));
    let scale = ((rect.width() - 24.0) / bw)
        .min((rect.height() - 24.0) / bh)
        .min(1.2);
    let off = rect.center() - vec2(bw * scale / 2.0, bh * scale / 2.0);
    let to = |p: Point| {
        pos2(
            off.x + (p.x - b.min.x) * scale,
            off.y + (p.y - b.min.y) * scale,
        )
    };
    let painter = ui.painter_at(rect);
    let neutral = ui.visuals().weak_text_color();
    for e in &diff.layout.edges {
        let color = e
            .relation
            .as_ref()
            .and_then(|r| diff.edges.get(r))
            .map_or(neutral, |s| s.color(dark));
        let pts: Vec<Pos2> = e.stroke_points().into_iter().map(to).collect();
        painter.add(egui::Shape::line(pts, Stroke::new(1.8, color)));
        let (tri, bar) = e.head_shapes();
        if tri.len() >= 3 {
            let tri: Vec<Pos2> = tri.into_iter().map(to).collect();
            painter.add(egui::Shape::convex_polygon(tri, color, Stroke::NONE));
        }
        if bar.len() >= 2 {
            let bar: Vec<Pos2> = bar.into_iter().map(to).collect();
            painter.add(egui::Shape::line(bar, Stroke::new(2.0, color)));
        }
    }
    let text_color = ui.visuals().text_color();
    let fs = diff.layout.text.font_size * scale;
    let bg = ui.visuals().extreme_bg_color;
    for n in &diff.layout.nodes {
        let r = Rect::from_min_max(to(n.rect.min), to(n.rect.max));
        let item = diff.nodes.get(&n.id);
        match item {
            Some((kind, i)) => {
                painter.rect_filled(r, 4.0, bg);
                painter.rect_filled(r, 4.0, kind.tint(dark));
                let width = if selected == Some(*i) { 3.0 } else { 1.5 };
                painter.rect_stroke(
                    r,
                    4.0,
                    Stroke::new(width, kind.stroke(dark)),
                    egui::StrokeKind::Inside,
                );
            }
            None => {
                painter.rect_stroke(r, 4.0, Stroke::new(1.0, neutral), egui::StrokeKind::Inside);
            }
        }
        if fs >= 6.0 {
            for (li, line) in n.lines.iter().enumerate() {
                painter.text(
                    to(diff.layout.line_top(n, li)),
                    egui::Align2::CENTER_TOP,
                    line,
                    egui::FontId::proportional(fs),
                    text_color,
                );
            }
        }
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        let p = Point::new(
            (p.x - off.x) / scale + b.min.x,
            (p.y - off.y) / scale + b.min.y,
        );
        return diff
            .layout
            .node_at(p)
            .and_then(|n| diff.nodes.get(&n.id))
            .map(|(_, i)| *i);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::{Annotator, Options, compare};
    use crate::model::TagScheme;
    use crate::model::fixture::{link, marked};

    #[test]
    fn the_union_has_both_sides_and_colours_relations_by_who_drew_them() {
        let mut a = marked(
            "[Claim:One two] three [Premise:four five] six seven [Evidence:eight].",
            TagScheme::argument(),
        );
        let mut b = marked(
            "[Claim:One two] three [Claim:four five] six [Evidence:seven] [Evidence:eight].",
            TagScheme::argument(),
        );
        link(&mut a, RelationKind::Support, &[2], 1); // A only (B: 2 → 1 is an attack)
        link(&mut a, RelationKind::Support, &[3], 1); // both (B's u4 is A's u3)
        link(&mut b, RelationKind::Attack, &[2], 1);
        link(&mut b, RelationKind::Support, &[4], 1);
        link(&mut b, RelationKind::Support, &[3], 1); // B only: "seven" is B's alone
        let report = compare(
            &[
                Annotator { name: "a", map: &a },
                Annotator { name: "b", map: &b },
            ],
            &Options::default(),
        )
        .unwrap();
        let items = super::super::items::items(&report.pairs[0]);
        let diff = build(&a, &b, &items);
        let kinds: Vec<ItemKind> = {
            let mut v: Vec<_> = diff.nodes.values().map(|(k, _)| *k).collect();
            v.sort_by_key(|k| format!("{k:?}"));
            v
        };
        assert_eq!(
            kinds,
            [
                ItemKind::Agree,
                ItemKind::Agree,
                ItemKind::OnlyB,
                ItemKind::TagDiffers
            ]
        );
        let mut statuses: Vec<EdgeStatus> = diff.edges.values().copied().collect();
        statuses.sort_by_key(|s| format!("{s:?}"));
        assert_eq!(
            statuses,
            [
                EdgeStatus::Both,
                EdgeStatus::OnlyA,
                EdgeStatus::OnlyB,
                EdgeStatus::OnlyB
            ]
        );
        // Every relation of the union is drawn.
        let drawn = diff
            .layout
            .edges
            .iter()
            .filter(|e| e.relation.is_some())
            .count();
        assert!(drawn >= 4, "{drawn}");
    }
}
