//! The argument map beside the text: the layered layout of `graph`, drawn
//! with pan and zoom, kept in step with the selection. Nodes can be dragged
//! (saved as hand positions) and Shift+dragged onto another node to link them.

use super::analysis_view::AnalysisView;
use super::colors;
use super::rtl_text;
use super::state::{Action, View};
use crate::analysis::checks::Status;
use crate::graph::spatial::{self, SpatialIndex};
use crate::graph::style;
use crate::graph::{
    LayoutCache, LayoutOptions, MapLayout, NodeBox, NodeKind, Point, Rect as GRect,
};
use crate::model::{ArgumentMap, Edit, Pos, RelationKind, UnitId};
use crate::session::Session;
use egui::{Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};
use std::collections::HashSet;
use std::sync::Arc;

/// What a drag on the map is doing.
#[derive(Clone, Debug, PartialEq)]
enum MapDrag {
    Pan,
    /// Moving a node; `offset` is in map coordinates.
    Move {
        node: String,
        offset: Vec2,
    },
    /// Drawing a relation from a unit node toward the pointer.
    Link {
        from: UnitId,
    },
}

/// A relation drawn on the map, waiting for its kind.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingLink {
    pub from: UnitId,
    pub to: UnitId,
    /// Where to show the kind menu (screen).
    at: Pos2,
}

/// Layout cache and camera of the map pane.
pub struct MapPane {
    cache: LayoutCache,
    options: LayoutOptions,
    /// Screen offset of the map origin from the pane's top-left corner.
    pan: Vec2,
    zoom: f32,
    /// Fit the whole map on the next frame.
    fit: bool,
    /// The camera has been placed for this document.
    framed: bool,
    drag: Option<MapDrag>,
    pending: Option<PendingLink>,
    /// The unit last brought into view, so the camera follows new selections only.
    followed: Option<UnitId>,
    /// The pane's rect when the followed unit was brought into view. The
    /// inspector above grows the frame after a selection, shrinking the
    /// pane, so the node is checked again while the rect settles (until the
    /// user pans or zooms).
    followed_in: Option<Rect>,
    /// The pane's rectangle in the last frame, for tests.
    last_rect: Rect,
}

impl Default for MapPane {
    fn default() -> Self {
        Self {
            cache: LayoutCache::new(),
            options: LayoutOptions::default(),
            pan: vec2(24.0, 24.0),
            zoom: 1.0,
            fit: false,
            framed: false,
            drag: None,
            pending: None,
            followed: None,
            followed_in: None,
            last_rect: Rect::NOTHING,
        }
    }
}

impl MapPane {
    /// Asks for the whole map to be fitted into the pane (Ctrl+0).
    pub fn fit(&mut self) {
        self.fit = true;
        self.followed_in = None;
    }

    /// Closes the kind menu of a drawn relation; returns whether one was open.
    pub fn cancel_pending(&mut self) -> bool {
        self.pending.take().is_some()
    }

    /// Screen centre of a node as drawn in the last frame (for tests).
    pub fn screen_center_of(&mut self, session: &Session, id: &str) -> Option<Pos2> {
        let origin = self.last_rect.min + self.pan;
        let zoom = self.zoom;
        let layout = self.layout_for(session);
        let c = layout.node(id)?.rect.center();
        Some(origin + vec2(c.x, c.y) * zoom)
    }

    /// Draws the map and reports what the user did.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        view: &View,
        analysis: &AnalysisView,
        actions: &mut Vec<Action>,
    ) {
        let map = session.map();
        ui.horizontal(|ui| {
            ui.strong("Map");
            if ui
                .button("Fit")
                .on_hover_text("Show the whole map (Ctrl+0)")
                .clicked()
            {
                self.fit = true;
            }
            let pinned = !map.positions().is_empty();
            if ui
                .add_enabled(pinned, egui::Button::new("Re-layout"))
                .on_hover_text("Forget hand-placed positions and lay the map out again")
                .clicked()
            {
                actions.push(Action::Edit(Edit::SetPositions(Default::default())));
            }
            ui.weak("Drag: move · Shift+drag: link · wheel: zoom");
        });
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Argument map"));
        self.last_rect = rect;
        let (layout, index) =
            self.cache
                .latest(session.structure_revision(), session.map(), &self.options);
        if self.cache.is_pending() {
            // The worker's result is picked up by a later frame.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(30));
        }
        if self.fit && !layout.nodes.is_empty() {
            self.fit_to(rect, &layout);
            self.fit = false;
            self.framed = true;
        }
        // A large map's first layout arrives a few frames late: frame it then.
        if !self.framed && !layout.nodes.is_empty() {
            self.frame_top(rect, &layout);
            self.framed = true;
        }
        self.follow_selection(rect, view, &layout);
        self.handle_input(ui, &response, rect, map, (&layout, &index), actions);
        self.paint(ui, rect, map, view, analysis, (&layout, &index));
        if layout.nodes.is_empty() {
            let message = if self.cache.is_pending() {
                "Laying out the map…"
            } else {
                "Units you tag appear here; link them to build the map."
            };
            ui.painter().text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                message,
                FontId::proportional(14.0),
                ui.visuals().weak_text_color(),
            );
        }
        if let Some(note) = &layout.notice {
            let galley = ui.painter().layout(
                note.clone(),
                FontId::proportional(11.0),
                ui.visuals().weak_text_color(),
                (rect.width() - 16.0).max(40.0),
            );
            let at = pos2(rect.left() + 8.0, rect.bottom() - 8.0 - galley.size().y);
            ui.painter_at(rect)
                .galley(at, galley, ui.visuals().weak_text_color());
        }
        self.pending_menu(ui, actions);
    }

    /// The layout of the map as it stands, computed once per structural
    /// revision (typing a note does not lay the map out again).
    fn layout_for(&mut self, session: &Session) -> Arc<MapLayout> {
        self.cache
            .latest(session.structure_revision(), session.map(), &self.options)
            .0
    }

    /// Whether the map shown is older than the document (a worker thread
    /// is laying out the newest revision).
    pub fn is_pending(&self) -> bool {
        self.cache.is_pending()
    }

    fn to_screen(&self, rect: Rect, p: Point) -> Pos2 {
        rect.min + self.pan + vec2(p.x, p.y) * self.zoom
    }

    fn to_map(&self, rect: Rect, p: Pos2) -> Point {
        let v = (p - rect.min - self.pan) / self.zoom;
        Point::new(v.x, v.y)
    }

    /// Fits the whole map into the pane, but never below [`READABLE_ZOOM`]
    /// (labels stay legible): a map too big for that is shown from its top,
    /// main claim first, and the rest is a pan away.
    fn fit_to(&mut self, rect: Rect, layout: &MapLayout) {
        let b = layout.bounds;
        if b.width() <= 0.0 || b.height() <= 0.0 {
            return;
        }
        let margin = 24.0;
        let zoom = ((rect.width() - 2.0 * margin) / b.width())
            .min((rect.height() - 2.0 * margin) / b.height())
            .min(2.0);
        if zoom < READABLE_ZOOM {
            self.zoom = READABLE_ZOOM;
            if let Some(n) = top_node(layout) {
                let c = n.rect.center();
                let (top, room) = top_of(layout, n);
                self.pan = vec2(rect.width() / 2.0 - c.x * self.zoom, room - top * self.zoom);
            }
            return;
        }
        self.zoom = zoom;
        let size = vec2(b.width(), b.height()) * zoom;
        self.pan = (rect.size() - size) / 2.0 - vec2(b.min.x, b.min.y) * zoom;
    }

    /// The first view of a map: at full size, the main claim at the top
    /// centre (labels legible; Ctrl+0 shows the whole map instead).
    fn frame_top(&mut self, rect: Rect, layout: &MapLayout) {
        let Some(n) = top_node(layout) else { return };
        self.zoom = 1.0;
        let c = n.rect.center();
        let (top, room) = top_of(layout, n);
        self.pan = vec2(rect.width() / 2.0 - c.x, room - top);
    }

    /// Brings a newly selected unit's node into view; a unit just created
    /// is followed as soon as the layout that has its node arrives.
    fn follow_selection(&mut self, rect: Rect, view: &View, layout: &MapLayout) {
        let primary = view.primary().cloned();
        if primary == self.followed {
            if self.followed_in.is_some_and(|old| old != rect)
                && let Some(node) = primary.as_ref().and_then(|u| layout.node(u.as_str()))
            {
                self.followed_in = Some(rect);
                self.bring_into_view(rect, node);
            }
            return;
        }
        let Some(node) = primary.as_ref().and_then(|u| layout.node(u.as_str())) else {
            if primary.is_none() || !self.cache.is_pending() {
                self.followed = primary;
                self.followed_in = None;
            }
            return;
        };
        self.followed = primary;
        self.followed_in = Some(rect);
        self.bring_into_view(rect, node);
    }

    /// Centres `node` if any of it is outside the pane (with a margin).
    fn bring_into_view(&mut self, rect: Rect, node: &NodeBox) {
        let r = self.node_rect(rect, node);
        if !rect.shrink(16.0).contains_rect(r) {
            self.pan += rect.center() - r.center();
        }
    }

    fn node_rect(&self, rect: Rect, node: &NodeBox) -> Rect {
        let min = self.to_screen(rect, node.rect.min);
        Rect::from_min_size(min, vec2(node.rect.width(), node.rect.height()) * self.zoom)
    }

    fn handle_input(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        rect: Rect,
        map: &ArgumentMap,
        (layout, index): (&MapLayout, &SpatialIndex),
        actions: &mut Vec<Action>,
    ) {
        // Zoom with the wheel around the pointer.
        if let Some(hover) = response.hover_pos() {
            let (scroll, zoom_delta) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = zoom_delta * (scroll / 400.0).exp();
            if (factor - 1.0).abs() > 1e-4 {
                let before = self.to_map(rect, hover);
                self.zoom = (self.zoom * factor).clamp(0.05, 4.0);
                let after = self.to_screen(rect, before);
                self.pan += hover - after;
            }
        }
        let wheel = ui.input(|i| i.smooth_scroll_delta.y != 0.0 || i.zoom_delta() != 1.0);
        if response.dragged() || response.hovered() && wheel {
            // The user moves the camera now: stop re-following the selection.
            self.followed_in = None;
        }
        let shift = ui.input(|i| i.modifiers.shift);
        if response.drag_started()
            && let Some(p) = ui.input(|i| i.pointer.press_origin())
        {
            let hit = index.node_at(layout, self.to_map(rect, p)).cloned();
            self.drag = Some(match hit {
                Some(NodeBox {
                    kind: NodeKind::Unit { unit, .. },
                    ..
                }) if shift => MapDrag::Link { from: unit },
                // Junctions follow their sources; only units and scenarios are placed by hand.
                Some(NodeBox {
                    kind: NodeKind::Junction { .. },
                    ..
                }) => MapDrag::Pan,
                Some(n) => MapDrag::Move {
                    node: n.id,
                    offset: Vec2::ZERO,
                },
                None => MapDrag::Pan,
            });
        }
        if response.dragged() {
            let delta = response.drag_delta();
            match &mut self.drag {
                Some(MapDrag::Pan) => self.pan += delta,
                Some(MapDrag::Move { offset, .. }) => *offset += delta / self.zoom,
                _ => {}
            }
        }
        if response.drag_stopped() {
            let pointer = response
                .interact_pointer_pos()
                .or(ui.input(|i| i.pointer.hover_pos()));
            match self.drag.take() {
                Some(MapDrag::Move { node, offset }) if offset.length() > 0.5 => {
                    if let Some(n) = layout.node(&node) {
                        let c = n.rect.center();
                        actions.push(Action::Edit(Edit::SetPosition {
                            node,
                            pos: Some(Pos {
                                x: (c.x + offset.x).round(),
                                y: (c.y + offset.y).round(),
                            }),
                        }));
                        actions.push(Action::Seal);
                    }
                }
                Some(MapDrag::Link { from }) => {
                    let target = pointer.and_then(|p| index.node_at(layout, self.to_map(rect, p)));
                    if let (
                        Some(p),
                        Some(NodeBox {
                            kind: NodeKind::Unit { unit, .. },
                            ..
                        }),
                    ) = (pointer, target)
                        && *unit != from
                    {
                        self.pending = Some(PendingLink {
                            from,
                            to: unit.clone(),
                            at: p,
                        });
                    }
                }
                _ => {}
            }
        }
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let at = self.to_map(rect, p);
            match index.node_at(layout, at).map(|n| &n.kind) {
                Some(NodeKind::Unit { unit, .. }) => {
                    let add = ui.input(|i| i.modifiers.command);
                    actions.push(Action::ClickUnit {
                        unit: unit.clone(),
                        add,
                    });
                    if let Some(u) = map.unit(unit) {
                        actions.push(Action::ScrollToChar(u.start));
                    }
                }
                Some(NodeKind::Scenario { .. }) => {
                    actions.push(Action::SetLeftTab(super::state::LeftTab::Scenarios));
                }
                Some(NodeKind::Junction { relation }) => {
                    actions.push(Action::SelectRelation(Some(relation.clone())));
                }
                None => {
                    let edge = index.edge_at(layout, at, 6.0 / self.zoom);
                    actions.push(Action::SelectRelation(
                        edge.and_then(|e| e.relation.clone()),
                    ));
                }
            }
        }
        // Hover: the full quote and note.
        if self.drag.is_none()
            && let Some(p) = response.hover_pos()
            && let Some(NodeBox {
                kind: NodeKind::Unit { unit, .. },
                ..
            }) = index.node_at(layout, self.to_map(rect, p))
            && let Some(u) = map.unit(unit)
        {
            let u = u.clone();
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.set_max_width(360.0);
                ui.strong(format!("{} · {}", u.kind, u.id));
                ui.label(&u.quote);
                if !u.note.is_empty() {
                    ui.label(egui::RichText::new(&u.note).italics());
                }
            });
        }
    }

    fn paint(
        &self,
        ui: &Ui,
        rect: Rect,
        map: &ArgumentMap,
        view: &View,
        analysis: &AnalysisView,
        (layout, index): (&MapLayout, &SpatialIndex),
    ) {
        let painter = ui.painter_at(rect);
        let dark = ui.visuals().dark_mode;
        painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
        let zoom = self.zoom;
        let moved = match &self.drag {
            Some(MapDrag::Move { node, offset }) => Some((node.as_str(), *offset)),
            _ => None,
        };
        let shift_of = |id: &str| match moved {
            Some((n, off)) if n == id => off,
            _ => Vec2::ZERO,
        };
        // The neighbourhood of the selection is drawn strongly.
        let selected: HashSet<&str> = view.selected.iter().map(UnitId::as_str).collect();
        let mut near: HashSet<String> = HashSet::new();
        for id in &view.selected {
            for r in map.relations_of(id) {
                near.insert(r.target.0.clone());
                near.extend(r.sources.iter().map(|s| s.0.clone()));
                near.insert(crate::graph::junction_id(&r.id));
            }
        }
        if let Some(a) = layout.aside {
            let r = Rect::from_min_max(self.to_screen(rect, a.min), self.to_screen(rect, a.max))
                .expand(8.0 * zoom);
            painter.rect_stroke(
                r,
                6.0,
                Stroke::new(1.0, ui.visuals().weak_text_color()),
                egui::StrokeKind::Outside,
            );
            // The caption stays whole inside the pane, even when the
            // frame runs past its right or top edge.
            let caption = painter.layout_no_wrap(
                "not linked yet".to_owned(),
                FontId::proportional(12.0),
                ui.visuals().weak_text_color(),
            );
            let size = caption.size();
            let x = (r.left() + 4.0)
                .min(rect.right() - size.x - 4.0)
                .max(rect.left() + 4.0);
            let y = (r.top() - 2.0 - size.y).max(rect.top() + 2.0);
            if r.intersects(rect) {
                painter.galley(pos2(x, y), caption, ui.visuals().weak_text_color());
            }
        }
        // Only what the view shows: nodes and edges from the layout's
        // buckets, edges clipped to the view (dashes only where seen), and
        // simpler shapes when zoomed far out.
        let view_map = {
            let (lo, hi) = (self.to_map(rect, rect.min), self.to_map(rect, rect.max));
            GRect { min: lo, max: hi }
        };
        let far = zoom < FAR_ZOOM;
        let clip = rect.expand(8.0);
        let edges: Vec<usize> = match moved {
            // A dragged node drags its edges from anywhere.
            Some(_) => (0..layout.edges.len()).collect(),
            None => index.edges_in(&view_map),
        };
        let mut far_seen: HashSet<(i32, i32, i32, i32)> = HashSet::new();
        for i in edges {
            let e = &layout.edges[i];
            let strong = e
                .relation
                .as_ref()
                .is_some_and(|r| view.selected_relation.as_ref() == Some(r))
                || selected.contains(e.from.as_str())
                || selected.contains(e.to.as_str());
            let color = colors::stroke(e.kind.color(), dark);
            let color = if strong || view.selected.is_empty() {
                color
            } else {
                color.gamma_multiply(0.55)
            };
            if far && !strong {
                // Bundled: one thin line per pair of screen cells.
                let (Some(a), Some(b)) = (e.points.first(), e.points.last()) else {
                    continue;
                };
                let (a, b) = (self.to_screen(rect, *a), self.to_screen(rect, *b));
                let cell = |p: Pos2| ((p.x / 6.0) as i32, (p.y / 6.0) as i32);
                let (ka, kb) = (cell(a), cell(b));
                if far_seen.insert((ka.0, ka.1, kb.0, kb.1)) {
                    painter.line_segment([a, b], Stroke::new(0.6, color.gamma_multiply(0.7)));
                }
                continue;
            }
            let width = e.kind.width() * zoom.sqrt() * if strong { 2.0 } else { 1.0 };
            let last = e.points.len().saturating_sub(1);
            let pts: Vec<Pos2> = e
                .stroke_points()
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let off = if i == last {
                        shift_of(&e.to)
                    } else if i == 0 {
                        shift_of(&e.from)
                    } else {
                        Vec2::ZERO
                    };
                    self.to_screen(rect, *p) + off * zoom
                })
                .collect();
            let stroke = Stroke::new(width, color);
            stroke_clipped(
                &painter,
                &pts,
                clip,
                stroke,
                e.kind.dash().map(|(d, g)| (d * zoom, g * zoom)),
            );
            if moved.is_none() && !far {
                let (tri, bar) = e.head_shapes();
                if !tri.is_empty() {
                    let tri: Vec<Pos2> = tri.iter().map(|p| self.to_screen(rect, *p)).collect();
                    painter.add(Shape::convex_polygon(tri, color, Stroke::NONE));
                }
                if bar.len() >= 2 {
                    let bar: Vec<Pos2> = bar.iter().map(|p| self.to_screen(rect, *p)).collect();
                    painter.add(Shape::line(bar, Stroke::new(width * 1.5, color)));
                }
            }
        }
        let text_color = ui.visuals().text_color();
        let status = analysis.findings().map(|f| &f.status);
        let nodes: Vec<usize> = match moved {
            Some(_) => (0..layout.nodes.len()).collect(),
            None => index.nodes_in(&view_map),
        };
        for i in nodes {
            let n = &layout.nodes[i];
            let r = self.node_rect(rect, n).translate(shift_of(&n.id) * zoom);
            if !rect.intersects(r) {
                continue;
            }
            let color = colors::stroke(n.color, dark);
            let is_selected = selected.contains(n.id.as_str());
            let is_near = near.contains(&n.id);
            if far && !is_selected && !is_near {
                // Boxes without text, borders or rounding.
                painter.rect_filled(r, 0.0, color.gamma_multiply(0.8));
                continue;
            }
            match &n.kind {
                NodeKind::Junction { .. } => {
                    painter.circle_filled(r.center(), (r.width() / 2.0).max(2.0), color);
                    continue;
                }
                NodeKind::Scenario { .. } => {
                    painter.rect_filled(r, 14.0 * zoom, colors::tint(n.color, dark));
                    let outline = rounded_outline(r, 14.0 * zoom);
                    painter.extend(Shape::dashed_line(
                        &outline,
                        Stroke::new(1.5, color),
                        6.0,
                        4.0,
                    ));
                }
                NodeKind::Unit { .. } => {
                    let fill = if dark {
                        colors::tint(n.color, true)
                    } else {
                        let t = style::tint(n.color, style::FILL_TINT);
                        Color32::from_rgb(t.0[0], t.0[1], t.0[2])
                    };
                    painter.rect_filled(r, 6.0 * zoom, fill);
                    let w = if n.is_main_claim() { 2.5 } else { 1.2 };
                    painter.rect_stroke(
                        r,
                        6.0 * zoom,
                        Stroke::new(w, color),
                        egui::StrokeKind::Inside,
                    );
                }
            }
            if is_selected || is_near {
                let ring = if is_selected { 3.0 } else { 1.5 };
                painter.rect_stroke(
                    r.expand(2.0),
                    7.0 * zoom,
                    Stroke::new(ring, text_color),
                    egui::StrokeKind::Outside,
                );
            }
            if zoom >= 0.35 {
                let font = FontId::proportional(layout.text.font_size * zoom);
                for (i, line) in n.lines.iter().enumerate() {
                    let top = self.to_screen(rect, layout.line_top(n, i)) + shift_of(&n.id) * zoom;
                    match label_line(ui, top, line, font.clone(), text_color) {
                        Some(shape) => {
                            painter.add(shape);
                        }
                        None => {
                            painter.text(
                                top,
                                egui::Align2::CENTER_TOP,
                                line,
                                font.clone(),
                                text_color,
                            );
                        }
                    }
                }
            }
            if let NodeKind::Unit { unit, role, .. } = &n.kind
                && role.is_claim()
                && let Some(s) = status.and_then(|s| s.get(unit))
            {
                let (fill, mark) = match s {
                    Status::Accepted => (Color32::from_rgb(0x23, 0x9b, 0x56), "✔"),
                    Status::Rejected => (Color32::from_rgb(0xc0, 0x39, 0x2b), "✖"),
                    Status::Undecided => (Color32::from_rgb(0x80, 0x80, 0x80), "?"),
                };
                let c = r.right_top() + vec2(-2.0, 2.0);
                painter.circle_filled(c, 7.0, fill);
                painter.text(
                    c,
                    egui::Align2::CENTER_CENTER,
                    mark,
                    FontId::proportional(9.0),
                    Color32::WHITE,
                );
            }
            // Each node is reachable by name (screen readers, tests).
            let resp = ui.interact(r, ui.scope_id().with(("map node", &n.id)), Sense::hover());
            let label = format!("Map node {}: {}", n.id, n.lines.join(" "));
            resp.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
        }
        if let Some(MapDrag::Link { from }) = &self.drag
            && let (Some(n), Some(p)) = (
                layout.node(from.as_str()),
                ui.input(|i| i.pointer.hover_pos()),
            )
        {
            let start = self.node_rect(rect, n).center();
            painter.arrow(
                start,
                p - start,
                Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
    }

    /// The small menu that asks which kind a drawn relation is.
    fn pending_menu(&mut self, ui: &Ui, actions: &mut Vec<Action>) {
        let Some(p) = self.pending.clone() else {
            return;
        };
        let mut close = false;
        egui::Area::new(ui.scope_id().with("link kind"))
            .order(egui::Order::Foreground)
            .fixed_pos(p.at)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(format!("{} ➡ {}", p.from, p.to));
                    for kind in RelationKind::ALL {
                        if ui.button(super::inspector::kind_name(kind)).clicked() {
                            actions.push(Action::AddRelation {
                                kind,
                                sources: vec![p.from.clone()],
                                target: p.to.clone(),
                            });
                            close = true;
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        if close {
            self.pending = None;
        }
    }
}

/// A node's label line with right-to-left letters (Hebrew, Arabic …),
/// centred under `top` in display order, so it reads right to left as in
/// the text pane; `None` for other lines (drawn as usual).
pub(crate) fn label_line(
    ui: &Ui,
    top: Pos2,
    line: &str,
    font: FontId,
    color: Color32,
) -> Option<Shape> {
    let (galley, _) = rtl_text::galley(ui, line, font, color, f32::INFINITY)?;
    let at = pos2(top.x - galley.rect.center().x, top.y);
    Some(Shape::galley(at, galley, color))
}

/// Fit does not zoom out further than this: 14 px labels stay about 10 px.
pub const READABLE_ZOOM: f32 = 0.7;

/// The node a first view starts from: the main claim, else the topmost.
fn top_node(layout: &MapLayout) -> Option<&NodeBox> {
    layout.nodes.iter().find(|n| n.is_main_claim()).or_else(|| {
        layout
            .nodes
            .iter()
            .min_by(|a, b| a.rect.min.y.total_cmp(&b.rect.min.y))
    })
}

/// Where the first view's top is (map y) and how far below the pane's top
/// edge it goes (screen px): the top node, or the frame and caption of the
/// "not linked yet" grid when the top node sits in it.
fn top_of(layout: &MapLayout, n: &NodeBox) -> (f32, f32) {
    match layout.aside {
        Some(a) if a.contains(n.rect.center()) => (a.min.y, 56.0),
        _ => (n.rect.min.y, 32.0),
    }
}

/// Below this zoom the map is drawn for its shape only: plain boxes, thin
/// bundled edges, no heads, no labels.
const FAR_ZOOM: f32 = 0.2;

/// Strokes the parts of polyline `pts` inside `clip`, dashed when `dash`
/// is (dash, gap): the dash pattern continues where the line re-enters,
/// as if the whole line had been dashed, but only visible parts cost work.
fn stroke_clipped(
    painter: &egui::Painter,
    pts: &[Pos2],
    clip: Rect,
    stroke: Stroke,
    dash: Option<(f32, f32)>,
) {
    let r = GRect {
        min: Point::new(clip.min.x, clip.min.y),
        max: Point::new(clip.max.x, clip.max.y),
    };
    let mut along = 0.0f32;
    let mut run: Vec<Pos2> = Vec::new();
    let mut run_start = 0.0f32;
    let flush = |run: &mut Vec<Pos2>, start: f32| {
        if run.len() >= 2 {
            let line = std::mem::take(run);
            match dash {
                Some((d, g)) if d > 0.0 && g >= 0.0 => {
                    let period = d + g;
                    painter.extend(Shape::dashed_line_with_offset(
                        &line,
                        stroke,
                        &[d],
                        &[g],
                        start % period,
                    ));
                }
                _ => {
                    painter.add(Shape::line(line, stroke));
                }
            }
        }
        run.clear();
    };
    for w in pts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = a.distance(b);
        let clipped = spatial::clip_segment(Point::new(a.x, a.y), Point::new(b.x, b.y), &r);
        match clipped {
            Some((t0, t1)) => {
                let p0 = a + (b - a) * t0;
                let p1 = a + (b - a) * t1;
                if run.last() != Some(&p0) || t0 > 0.0 {
                    flush(&mut run, run_start);
                    run_start = along + len * t0;
                    run.push(p0);
                }
                run.push(p1);
                if t1 < 1.0 {
                    flush(&mut run, run_start);
                }
            }
            None => flush(&mut run, run_start),
        }
        along += len;
    }
    flush(&mut run, run_start);
}

/// Points around a rounded rectangle, for a dashed outline.
fn rounded_outline(r: Rect, radius: f32) -> Vec<Pos2> {
    let radius = radius.min(r.width() / 2.0).min(r.height() / 2.0);
    let mut pts = Vec::new();
    let corners = [
        (r.right_top() + vec2(-radius, radius), -90.0f32),
        (r.right_bottom() + vec2(-radius, -radius), 0.0),
        (r.left_bottom() + vec2(radius, -radius), 90.0),
        (r.left_top() + vec2(radius, radius), 180.0),
    ];
    for (c, start) in corners {
        for k in 0..=6 {
            let a = (start + 15.0 * k as f32).to_radians();
            pts.push(c + vec2(a.cos(), a.sin()) * radius);
        }
    }
    pts.push(pts[0]);
    pts
}
