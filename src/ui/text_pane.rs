//! The reading pane: the text laid out per paragraph at a comfortable
//! measure, drawn only where visible, with unit highlights, find matches,
//! mouse selection snapped to words, and draggable unit boundaries.
//!
//! Galleys are cached per paragraph and carry no colours (text uses the
//! theme colour at paint time), so edits and theme switches never re-lay
//! out text; only a change of width or font size does. Paragraphs not yet
//! laid out have an estimated height until they scroll into view.

use super::arabic;
use super::bidi::{self, Reordered};
use super::colors;
use super::para_layout::ParaLayout;
use super::rtl_text;
use super::state::{Action, TextSelection, View};
use crate::analysis::lens::{Label, SentenceReading};
use crate::model::words::snap_to_words;
use crate::model::{ArgumentMap, Edit, Unit, UnitId};
use crate::session::Session;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Width of the reading column in multiples of the font size (≈ 80 characters).
const MEASURE_EM: f32 = 38.0;

#[derive(Clone, Default)]
struct Para {
    /// The galley as painted: in display order when `bidi` is set.
    galley: Option<Arc<Galley>>,
    height: f32,
    /// Display order of a paragraph with right-to-left text.
    bidi: Option<Arc<Reordered>>,
    /// The logical-order galley `bidi` was computed from (egui's cache
    /// hands back the same `Arc` while the layout is unchanged).
    bidi_for: Option<Arc<Galley>>,
    /// Offset of a right-aligned galley: the column width.
    dx: f32,
    /// This block continues the line of the one before (no paragraph gap).
    continues: bool,
}

impl Para {
    /// Lays out a paragraph with right-to-left text from its logical-order
    /// galley: rows reordered for display (reusing the reordering while the
    /// logical galley is unchanged), right-aligned when the base direction is
    /// right to left (then its rows end at `width`).
    fn set_display_order(
        &mut self,
        ui: &Ui,
        logical: Arc<Galley>,
        format: &TextFormat,
        width: f32,
    ) {
        if !self
            .bidi_for
            .as_ref()
            .is_some_and(|g| Arc::ptr_eq(g, &logical))
        {
            let rows = rtl_text::logical_rows(&logical);
            self.bidi = bidi::reorder(logical.text(), &rows).map(Arc::new);
            self.bidi_for = Some(logical.clone());
        }
        let Some(order) = &self.bidi else {
            self.dx = 0.0;
            self.galley = Some(logical);
            return;
        };
        let mut job = rtl_text::pieces(order.visual.clone(), format);
        if order.rtl {
            job.halign = egui::Align::RIGHT;
        }
        self.dx = if order.rtl { width } else { 0.0 };
        self.galley = Some(ui.fonts_mut(|f| f.layout_job(job)));
    }

    /// The paragraph's geometry, if it was laid out.
    fn layout(&self) -> Option<ParaLayout<'_>> {
        Some(ParaLayout {
            galley: self.galley.as_deref()?,
            bidi: self.bidi.as_deref(),
            dx: self.dx,
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
struct LayoutKey {
    width: f32,
    font_size: f32,
}

/// What a drag in the pane is doing.
#[derive(Clone, Debug)]
enum Drag {
    Select { anchor: usize },
    Boundary { unit: UnitId, end: bool },
}

/// Layout caches and pointer state of the text pane.
#[derive(Default)]
pub struct TextPane {
    key: Option<LayoutKey>,
    paras: Vec<Para>,
    /// Top of each paragraph in content coordinates; one extra entry for the end.
    tops: Vec<f32>,
    tops_dirty: bool,
    /// Indices into `map.units()` of the units touching each paragraph.
    units_by_para: Vec<Vec<usize>>,
    units_revision: u64,
    /// Screen position of the content's top-left corner in the last frame.
    origin: Pos2,
    column_x: f32,
    gap: f32,
    drag: Option<Drag>,
    /// Handles of the selected unit drawn in the last frame: (unit, start, end).
    handles: Option<(UnitId, Rect, Rect)>,
    /// Whether the pane was shown before: a new pane (a newly opened
    /// document) starts at the top, not where the last document was scrolled.
    shown: bool,
}

impl TextPane {
    /// Draws the pane and reports what the user did.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        view: &View,
        font_size: f32,
        lens: Option<&[SentenceReading]>,
        actions: &mut Vec<Action>,
    ) {
        let map = session.map();
        self.sync(map, session.revision());
        let pad = (font_size * 1.5).max(16.0);
        let width = (ui.available_width() - 2.0 * pad).clamp(160.0, font_size * MEASURE_EM);
        self.set_key(LayoutKey { width, font_size }, map);
        self.gap = font_size * 0.8;
        self.column_x = ((ui.available_width() - width) / 2.0).max(pad);

        let mut area = egui::ScrollArea::vertical()
            .id_salt("text pane")
            .auto_shrink([false, false]);
        if !self.shown {
            area = area.vertical_scroll_offset(0.0);
            self.shown = true;
        }
        if let Some(c) = view.scroll_to {
            let y = self.y_of_char(ui, map, c);
            area = area.vertical_scroll_offset((y - ui.available_height() * 0.3).max(0.0));
        }
        area.show_viewport(ui, |ui, viewport| {
            self.show_content(ui, viewport, session, view, lens, actions);
        });
    }

    /// Rebuilds the per-paragraph unit index when the map changed.
    fn sync(&mut self, map: &ArgumentMap, revision: u64) {
        let n = map.source().index().paragraphs().len();
        if self.paras.len() != n {
            let index = map.source().index();
            self.paras = (0..n)
                .map(|p| Para {
                    continues: index.continues_line(p),
                    ..Para::default()
                })
                .collect();
            self.key = None;
            self.units_revision = 0;
        }
        if self.units_revision != revision {
            let index = map.source().index();
            let mut by_para = vec![Vec::new(); n];
            for (i, u) in map.units().iter().enumerate() {
                let first = index.paragraph_of(u.start);
                let last = index.paragraph_of(u.end.saturating_sub(1).max(u.start));
                for list in by_para.iter_mut().take(last + 1).skip(first) {
                    list.push(i);
                }
            }
            self.units_by_para = by_para;
            self.units_revision = revision;
        }
    }

    /// The shortest unit containing char `c`, looked up in its paragraph's
    /// unit index (hovering costs the units of one paragraph, not the map's).
    fn innermost_at<'m>(&self, map: &'m ArgumentMap, c: usize) -> Option<&'m Unit> {
        let p = map.source().index().paragraph_of(c);
        let units = map.units();
        self.units_by_para
            .get(p)?
            .iter()
            .map(|&i| &units[i])
            .filter(|u| u.start <= c && c < u.end)
            .min_by_key(|u| u.end - u.start)
    }

    fn set_key(&mut self, key: LayoutKey, map: &ArgumentMap) {
        if self.key == Some(key) {
            return;
        }
        let row = key.font_size * 1.5;
        let chars_per_row = (key.width / (key.font_size * 0.48)).max(10.0);
        let index = map.source().index();
        for (p, para) in self.paras.iter_mut().enumerate() {
            let len = index.paragraphs()[p].len() as f32;
            para.galley = None;
            para.height = if len == 0.0 {
                0.0
            } else {
                (len / chars_per_row).ceil() * row
            };
        }
        self.key = Some(key);
        self.tops_dirty = true;
    }

    fn recompute_tops(&mut self) {
        self.tops.clear();
        let mut y = self.gap;
        for (i, p) in self.paras.iter().enumerate() {
            self.tops.push(y);
            // A long line split into blocks reads as one paragraph.
            let joined = self.paras.get(i + 1).is_some_and(|n| n.continues);
            y += p.height
                + if joined {
                    0.0
                } else if p.height > 0.0 {
                    self.gap
                } else {
                    self.gap * 0.5
                };
        }
        self.tops.push(y + self.gap * 4.0);
        self.tops_dirty = false;
    }

    /// Lays out paragraph `p` for this frame; returns whether its height
    /// changed. egui's galley cache makes repeat layouts of unchanged
    /// paragraphs a hash lookup, and keeps galleys valid across font-atlas
    /// rebuilds, which a galley held across frames would not be.
    fn ensure_layout(&mut self, ui: &Ui, map: &ArgumentMap, p: usize) -> bool {
        let Some(key) = self.key else { return false };
        let range = map.source().index().paragraphs()[p].clone();
        let text = map.source().slice(range).unwrap_or_default().to_owned();
        let mut format =
            TextFormat::simple(FontId::proportional(key.font_size), Color32::PLACEHOLDER);
        format.line_height = Some(key.font_size * 1.5);
        let has_rtl = bidi::has_rtl(&text);
        let mut job = if has_rtl {
            // Arabic letters in their joined forms (same chars count, so offsets hold).
            let text = arabic::joined_forms(&text).into_owned();
            rtl_text::pieces(text, &format)
        } else {
            LayoutJob::single_section(text, format.clone())
        };
        job.wrap.max_width = key.width;
        let logical = ui.fonts_mut(|f| f.layout_job(job));
        let para = &mut self.paras[p];
        if has_rtl {
            para.set_display_order(ui, logical, &format, key.width);
        } else {
            para.bidi = None;
            para.bidi_for = None;
            para.dx = 0.0;
            para.galley = Some(logical);
        }
        let height = para.galley.as_ref().map_or(0.0, |g| g.size().y);
        let changed = (para.height - height).abs() > 0.5;
        para.height = height;
        if changed {
            self.tops_dirty = true;
        }
        changed
    }

    /// Content y of char `c` (laying out its paragraph if needed).
    fn y_of_char(&mut self, ui: &Ui, map: &ArgumentMap, c: usize) -> f32 {
        let index = map.source().index();
        let p = index.paragraph_of(c.min(index.len_chars()));
        self.ensure_layout(ui, map, p);
        if self.tops_dirty || self.tops.len() != self.paras.len() + 1 {
            self.recompute_tops();
        }
        let local = c.saturating_sub(index.paragraphs()[p].start);
        let dy = self.paras[p]
            .layout()
            .map_or(0.0, |l| l.caret_rect(local).min.y);
        self.tops[p] + dy
    }

    fn show_content(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        session: &Session,
        view: &View,
        lens: Option<&[SentenceReading]>,
        actions: &mut Vec<Action>,
    ) {
        let map = session.map();
        if self.tops_dirty || self.tops.len() != self.paras.len() + 1 {
            self.recompute_tops();
        }
        // Lay out what is visible; if heights changed, positions below shift.
        let mut p = self.first_visible(viewport.min.y);
        let mut relayout = false;
        while p < self.paras.len() && self.tops[p] < viewport.max.y {
            relayout |= self.ensure_layout(ui, map, p);
            if relayout {
                self.recompute_tops();
            }
            p += 1;
        }
        if relayout {
            ui.ctx().request_repaint();
        }
        let total = self.tops.last().copied().unwrap_or(0.0);
        let origin = ui.max_rect().min;
        self.origin = origin;
        let full_width = ui.available_width();
        ui.set_min_size(vec2(full_width, total));

        let screen_view = viewport.translate(origin.to_vec2());
        let id = ui.scope_id().with("text");
        let response = ui.interact(screen_view, id, Sense::click_and_drag());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Document text"));

        let dark = ui.visuals().dark_mode;
        let text_color = ui.visuals().text_color();
        let painter = ui.painter_at(screen_view);
        self.handles = None;
        let first = self.first_visible(viewport.min.y);
        let mut p = first;
        while p < self.paras.len() && self.tops[p] < viewport.max.y {
            let para_origin = pos2(origin.x + self.column_x, origin.y + self.tops[p]);
            if self.paras[p].galley.is_some() {
                let look = Look {
                    map,
                    view,
                    lens,
                    dark,
                    text_color,
                };
                self.paint_paragraph(ui, &painter, &look, p, para_origin);
            }
            p += 1;
        }

        self.handle_pointer(ui, &response, screen_view, map, view, actions);
        scroll_by_keys(ui, screen_view.height(), total);
    }

    fn first_visible(&self, y: f32) -> usize {
        let tops = &self.tops[..self.paras.len()];
        tops.partition_point(|&t| t <= y).saturating_sub(1)
    }

    #[allow(clippy::too_many_arguments)]
    fn paint_paragraph(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        look: &Look<'_>,
        p: usize,
        origin: Pos2,
    ) {
        let para = self.paras[p].clone();
        let Some(layout) = para.layout() else { return };
        let Look {
            map,
            view,
            lens,
            dark,
            text_color,
        } = *look;
        let range = map.source().index().paragraphs()[p].clone();
        let local = |r: Range<usize>| -> Range<usize> {
            let s = r.start.clamp(range.start, range.end) - range.start;
            let e = r.end.clamp(range.start, range.end) - range.start;
            s..e
        };
        // Accessibility: each visible paragraph is a text node.
        let para_rect = layout.rect().translate(origin.to_vec2());
        let resp = ui.interact(para_rect, ui.scope_id().with(("para", p)), Sense::hover());
        // The label (in logical order) is built only when accessibility output is wanted.
        let text = map.source().slice(range.clone()).unwrap_or_default();
        resp.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Paragraph, true, text));

        // Speculation lens: a faint tint under speculative sentences.
        let readings = lens.map_or(&[][..], |all| {
            let from = all.partition_point(|r| r.span.end <= range.start);
            let to = all.partition_point(|r| r.span.start < range.end.max(range.start + 1));
            &all[from..to.max(from)]
        });
        for r in readings.iter().filter(|r| r.label == Label::Speculation) {
            for rect in layout.rects(local(r.span.clone())) {
                painter.rect_filled(
                    rect.translate(origin.to_vec2()),
                    0.0,
                    colors::speculative_sentence(dark),
                );
            }
        }
        let units: Vec<&Unit> = self.units_by_para[p]
            .iter()
            .filter_map(|&i| map.units().get(i))
            .collect();
        let mut depth_of = Vec::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
            let d = units[..i]
                .iter()
                .filter(|o| o.start < u.end && u.start < o.end)
                .count()
                .min(3);
            depth_of.push(d);
            let Some(tag) = map.scheme().tag(&u.kind) else {
                continue;
            };
            for r in layout.rects(local(u.span())) {
                painter.rect_filled(
                    r.translate(origin.to_vec2()),
                    2.0,
                    colors::tint(tag.color, dark),
                );
            }
        }
        // Find matches.
        let find = &view.find;
        if find.open && !find.matches.is_empty() {
            let from = find.matches.partition_point(|m| m.end <= range.start);
            for (k, m) in find.matches[from..].iter().enumerate() {
                if m.start >= range.end.max(range.start + 1) {
                    break;
                }
                let current = from + k == find.current;
                for r in layout.rects(local(m.clone())) {
                    painter.rect_filled(
                        r.translate(origin.to_vec2()),
                        2.0,
                        colors::find_match(dark, current),
                    );
                }
            }
        }
        // Mouse selection.
        if let Some(sel) = view.text_selection {
            let fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
            for r in layout.rects(local(sel.range())) {
                painter.rect_filled(r.translate(origin.to_vec2()), 0.0, fill);
            }
        }
        if let Some(galley) = &para.galley {
            painter.galley(origin + vec2(layout.dx, 0.0), galley.clone(), text_color);
        }
        let baseline = layout
            .galley
            .rows
            .iter()
            .find_map(|r| r.glyphs.first())
            .map_or(0.0, |g| g.pos.y);
        for cue in readings.iter().flat_map(|r| &r.cues) {
            let color = colors::cue(cue.class.strength(), dark);
            for r in layout.rects(local(cue.span.clone())) {
                let y = origin.y + cue_line_y(r, baseline);
                let line = [
                    pos2(origin.x + r.min.x + 1.0, y),
                    pos2(origin.x + r.max.x - 1.0, y),
                ];
                painter.extend(egui::Shape::dotted_line(&line, color, 3.5, 1.1));
            }
        }
        // Underlines, stacked by nesting depth so overlaps stay distinguishable.
        for (u, depth) in units.iter().zip(depth_of) {
            let Some(tag) = map.scheme().tag(&u.kind) else {
                continue;
            };
            let stroke = Stroke::new(2.0, colors::stroke(tag.color, dark));
            for r in layout.rects(local(u.span())) {
                let y = origin.y + unit_line_y(r, depth);
                painter.hline((origin.x + r.min.x)..=(origin.x + r.max.x), y, stroke);
            }
        }
        // Outline and boundary handles of the selected units.
        for id in &view.selected {
            let Some(u) = map.unit(id) else { continue };
            if u.end <= range.start || u.start >= range.end.max(range.start + 1) {
                continue;
            }
            let rects: Vec<Rect> = layout
                .rects(local(u.span()))
                .into_iter()
                .map(|r| r.translate(origin.to_vec2()).expand(1.5))
                .collect();
            for r in &rects {
                painter.rect_stroke(
                    *r,
                    3.0,
                    Stroke::new(1.5, text_color),
                    egui::StrokeKind::Outside,
                );
            }
            if Some(id) == view.primary() {
                let handle = |x: f32, r: &Rect| {
                    Rect::from_center_size(pos2(x, r.center().y), vec2(6.0, r.height() + 6.0))
                };
                let (mut start, mut end) = self
                    .handles
                    .take()
                    .filter(|(h, ..)| h == id)
                    .map_or((None, None), |(_, s, e)| (Some(s), Some(e)));
                // Handles sit on the span's logical ends: the leading edge of
                // its first char and the trailing edge of its last (right-hand
                // edges in right-to-left text).
                let on_screen =
                    |(x, r): (f32, Rect)| (x + origin.x, r.translate(origin.to_vec2()).expand(1.5));
                let (first, last) = if layout.bidi.is_some() {
                    (
                        layout
                            .edge(u.start.saturating_sub(range.start), false)
                            .map(on_screen),
                        layout
                            .edge(u.end.saturating_sub(range.start + 1), true)
                            .map(on_screen),
                    )
                } else {
                    (
                        rects.first().map(|r| (r.min.x, *r)),
                        rects.last().map(|r| (r.max.x, *r)),
                    )
                };
                if u.start >= range.start
                    && let Some((x, r)) = first
                {
                    start = Some(handle(x, &r));
                }
                if u.end <= range.end
                    && let Some((x, r)) = last
                {
                    end = Some(handle(x, &r));
                }
                let fill = ui.visuals().selection.stroke.color;
                for h in [start, end].into_iter().flatten() {
                    painter.rect_filled(h.shrink2(vec2(1.5, 0.0)), 2.0, fill);
                }
                if let (Some(s), Some(e)) = (start, end) {
                    self.handles = Some((id.clone(), s, e));
                } else {
                    let far = Rect::NOTHING;
                    self.handles = Some((id.clone(), start.unwrap_or(far), end.unwrap_or(far)));
                }
            }
        }
    }

    fn handle_pointer(
        &mut self,
        ui: &mut Ui,
        response: &egui::Response,
        screen_view: Rect,
        map: &ArgumentMap,
        view: &View,
        actions: &mut Vec<Action>,
    ) {
        let modifiers = ui.input(|i| i.modifiers);
        if response.drag_started() {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos());
            if let Some(pos) = origin {
                let on_handle = self.handles.as_ref().and_then(|(id, s, e)| {
                    if s.expand(4.0).contains(pos) {
                        Some((id.clone(), false))
                    } else if e.expand(4.0).contains(pos) {
                        Some((id.clone(), true))
                    } else {
                        None
                    }
                });
                self.drag = Some(match on_handle {
                    Some((unit, end)) => Drag::Boundary { unit, end },
                    None => Drag::Select {
                        anchor: self.char_at(map, pos),
                    },
                });
            }
        }
        if response.dragged()
            && let (Some(pos), Some(drag)) = (response.interact_pointer_pos(), self.drag.clone())
        {
            let c = self.char_at(map, pos);
            match drag {
                Drag::Select { anchor } => {
                    actions.push(Action::SetTextSelection(Some(TextSelection {
                        anchor,
                        head: c,
                        exact: modifiers.alt,
                    })));
                }
                Drag::Boundary { unit, end } => {
                    if let Some(u) = map.unit(&unit)
                        && let Some(span) = boundary_drag_span(map, u, c, end, modifiers.alt)
                        && span != u.span()
                    {
                        actions.push(Action::Edit(Edit::SetUnitSpan {
                            unit: unit.clone(),
                            start: span.start,
                            end: span.end,
                        }));
                    }
                }
            }
            // Keep selecting past the edge of the view.
            let margin = 24.0;
            if pos.y > screen_view.max.y - margin {
                ui.scroll_with_delta(vec2(0.0, -12.0));
            } else if pos.y < screen_view.min.y + margin {
                ui.scroll_with_delta(vec2(0.0, 12.0));
            }
        }
        if response.drag_stopped() {
            match self.drag.take() {
                Some(Drag::Boundary { .. }) => actions.push(Action::Seal),
                Some(Drag::Select { .. })
                    if view.text_selection.is_some_and(|s| s.anchor == s.head) =>
                {
                    actions.push(Action::SetTextSelection(None));
                }
                _ => {}
            }
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            actions.push(Action::SetTextSelection(None));
            match self
                .char_under(map, pos)
                .and_then(|c| self.innermost_at(map, c))
            {
                Some(u) => actions.push(Action::ClickUnit {
                    unit: u.id.clone(),
                    add: modifiers.command || modifiers.ctrl,
                }),
                None => actions.push(Action::ClearSelection),
            }
        }
        if let Some(pos) = response.hover_pos()
            && self.drag.is_none()
        {
            if let Some(u) = self
                .char_under(map, pos)
                .and_then(|c| self.innermost_at(map, c))
            {
                if view.link.is_some() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                }
                let u = u.clone();
                response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| unit_tooltip(ui, map, &u));
            } else if self
                .handles
                .as_ref()
                .is_some_and(|(_, s, e)| s.expand(4.0).contains(pos) || e.expand(4.0).contains(pos))
            {
                ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
            } else {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
            }
        }
    }

    /// Paragraph under screen y, its char range and its position on screen.
    fn para_at(&self, map: &ArgumentMap, y: f32) -> Option<(Range<usize>, ParaLayout<'_>, Pos2)> {
        if self.paras.is_empty() || self.tops.len() != self.paras.len() + 1 {
            return None;
        }
        let p = self.first_visible(y - self.origin.y);
        let range = map.source().index().paragraphs()[p].clone();
        let origin = pos2(self.origin.x + self.column_x, self.origin.y + self.tops[p]);
        Some((range, self.paras[p].layout()?, origin))
    }

    /// The char offset under a screen position (clamped into the text): the
    /// nearest caret position, right for selecting.
    pub fn char_at(&self, map: &ArgumentMap, pos: Pos2) -> usize {
        if self.paras.is_empty() || self.tops.len() != self.paras.len() + 1 {
            return 0;
        }
        let Some((range, layout, origin)) = self.para_at(map, pos.y) else {
            let p = self.first_visible(pos.y - self.origin.y);
            return map.source().index().paragraphs()[p].start;
        };
        (range.start + layout.caret_at(pos - origin)).min(range.end)
    }

    /// The char whose glyph is under a screen position, if any: unlike
    /// [`Self::char_at`] (the nearest caret position, right for selecting),
    /// this is right for clicking and hovering a highlight, and is `None` in
    /// margins and past the end of a line.
    pub fn char_under(&self, map: &ArgumentMap, pos: Pos2) -> Option<usize> {
        let (range, layout, origin) = self.para_at(map, pos.y)?;
        let c = layout.char_under(pos - origin)?;
        Some((range.start + c).min(range.end))
    }

    /// Screen position of char `c` as drawn in the last frame (its caret
    /// position, vertically centred), if its paragraph was visible. For tests and tools.
    pub fn screen_pos_of_char(&self, map: &ArgumentMap, c: usize) -> Option<Pos2> {
        let index = map.source().index();
        let p = index.paragraph_of(c);
        let layout = self.paras.get(p)?.layout()?;
        let local = c.checked_sub(index.paragraphs()[p].start)?;
        let r = layout.caret_rect(local);
        let top = *self.tops.get(p)?;
        Some(pos2(self.origin.x + self.column_x, self.origin.y + top) + vec2(r.min.x, r.center().y))
    }

    /// Screen box of char `c`'s glyph as drawn in the last frame (in
    /// right-to-left text, where the char really is), if visible. For tests and tools.
    pub fn screen_rect_of_char(&self, map: &ArgumentMap, c: usize) -> Option<Rect> {
        let index = map.source().index();
        let p = index.paragraph_of(c);
        let layout = self.paras.get(p)?.layout()?;
        let local = c.checked_sub(index.paragraphs()[p].start)?;
        let top = *self.tops.get(p)?;
        let origin = pos2(self.origin.x + self.column_x, self.origin.y + top);
        Some(layout.char_rect(local)?.translate(origin.to_vec2()))
    }
}

/// Arrow keys, Page Up/Down, Home and End scroll the text when no field has focus.
fn scroll_by_keys(ui: &mut Ui, page: f32, total: f32) {
    if ui.ctx().text_edit_focused() {
        return;
    }
    let line = ui.text_style_height(&egui::TextStyle::Body) * 2.0;
    let delta = ui.input(|i| {
        let plain = i.modifiers.is_none();
        let mut d = 0.0;
        if plain && i.key_pressed(egui::Key::ArrowDown) {
            d -= line;
        }
        if plain && i.key_pressed(egui::Key::ArrowUp) {
            d += line;
        }
        if i.key_pressed(egui::Key::PageDown) {
            d -= page * 0.9;
        }
        if i.key_pressed(egui::Key::PageUp) {
            d += page * 0.9;
        }
        if i.key_pressed(egui::Key::Home) {
            d += total;
        }
        if i.key_pressed(egui::Key::End) {
            d -= total;
        }
        d
    });
    if delta != 0.0 {
        ui.scroll_with_delta(vec2(0.0, delta));
    }
}

/// What paragraphs are painted from, for one frame.
#[derive(Clone, Copy)]
struct Look<'a> {
    map: &'a ArgumentMap,
    view: &'a View,
    lens: Option<&'a [SentenceReading]>,
    dark: bool,
    text_color: Color32,
}

/// Where a lens cue's dotted underline runs in row box `row`: just under
/// the baseline (`baseline` is its offset from the row's top), inside the
/// row and above the unit underlines at the bottom of the row, so it marks
/// this row's words and not the next row's.
fn cue_line_y(row: Rect, baseline: f32) -> f32 {
    (row.min.y + baseline + 2.0).min(row.max.y - 4.0)
}

/// Where a unit's underline at nesting `depth` runs in row box `row`.
fn unit_line_y(row: Rect, depth: usize) -> f32 {
    row.max.y - 1.0 + depth as f32 * 3.0
}

/// The span a boundary drag would give: the dragged end follows the pointer,
/// snapped to a word boundary unless Alt is held; never empty or inverted.
fn boundary_drag_span(
    map: &ArgumentMap,
    u: &Unit,
    c: usize,
    end: bool,
    exact: bool,
) -> Option<Range<usize>> {
    let source = map.source();
    let span = if end {
        if c <= u.start {
            return None;
        }
        if exact {
            u.start..c
        } else {
            u.start..snap_to_words(source, u.start..c)?.end
        }
    } else {
        if c >= u.end {
            return None;
        }
        if exact {
            c..u.end
        } else {
            snap_to_words(source, c..u.end)?.start..u.end
        }
    };
    (span.start < span.end).then_some(span)
}

/// What hovering a unit shows: tag, scenario, note and relation count.
fn unit_tooltip(ui: &mut Ui, map: &ArgumentMap, u: &Unit) {
    ui.set_max_width(360.0);
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        if let Some(tag) = map.scheme().tag(&u.kind) {
            let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
            ui.painter()
                .rect_filled(r, 2.0, colors::stroke(tag.color, dark));
        }
        ui.strong(format!("{} · {}", u.kind, u.id));
    });
    if let Some(s) = u.scenario.as_ref().and_then(|s| map.scenario(s)) {
        ui.label(format!("Scenario: {}", s.name));
    }
    if !u.note.is_empty() {
        ui.label(egui::RichText::new(&u.note).italics());
    }
    let n = map.relations_of(&u.id).count();
    if n > 0 {
        ui.weak(format!("{n} relation{}", if n == 1 { "" } else { "s" }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagScheme;
    use crate::model::fixture::marked;

    #[test]
    fn cue_underlines_stay_in_their_row_clear_of_unit_underlines() {
        // Rows as the pane lays them out: 1.5 × the font size, the baseline
        // a little below the middle (measured from egui's layout).
        for font_size in [12.0f32, 16.0, 22.0] {
            let ctx = egui::Context::default();
            let mut baseline = 0.0;
            let mut row = Rect::NOTHING;
            let mut out = ctx.run_ui(Default::default(), |ui| {
                let mut format =
                    TextFormat::simple(FontId::proportional(font_size), Color32::WHITE);
                format.line_height = Some(font_size * 1.5);
                let job = LayoutJob::single_section("If they agree, then".into(), format);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                baseline = galley.rows[0].glyphs[0].pos.y;
                row = galley.rows[0].rect();
            });
            out.textures_delta.clear();
            let cue = cue_line_y(row, baseline);
            assert!(
                cue > row.min.y + baseline,
                "below the baseline ({font_size})"
            );
            assert!(cue < row.max.y, "inside the row ({font_size})");
            // The unit underline (2 px wide) starts below the dotted cue line (1.1 px).
            assert!(
                cue + 0.55 < unit_line_y(row, 0) - 1.0,
                "clear of the unit underline ({font_size}): {cue} vs {}",
                unit_line_y(row, 0)
            );
        }
    }

    #[test]
    fn boundary_drag_snaps_and_never_inverts() {
        let map = marked(
            "They [Claim:finally signed] the RELOS pact",
            TagScheme::argument(),
        );
        let u = map.units()[0].clone();
        // Drag the end into the middle of "RELOS": snaps to its end.
        let c = map.text().find("LOS").unwrap();
        let span = boundary_drag_span(&map, &u, c, true, false).unwrap();
        assert_eq!(map.quote_of(span).unwrap(), "finally signed the RELOS");
        // Exact with Alt.
        let span = boundary_drag_span(&map, &u, c, true, true).unwrap();
        assert_eq!(map.quote_of(span).unwrap(), "finally signed the RE");
        // Dragging the end before the start is refused.
        assert_eq!(boundary_drag_span(&map, &u, 2, true, false), None);
        // Start handle into "They" snaps to its start.
        let span = boundary_drag_span(&map, &u, 2, false, false).unwrap();
        assert_eq!(map.quote_of(span).unwrap(), "They finally signed");
    }
}
