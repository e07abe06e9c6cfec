//! The compare window's reading pane: the common text once, laid out per
//! paragraph like the main reading pane (galleys from egui's cache, only
//! visible paragraphs laid out and painted), with the difference kind as a
//! tint behind the text and three lanes in tag colours: A's units above each
//! line, B's and then the gold map's below it.

use super::items::{Item, ItemKind, runs};
use crate::model::{ArgumentMap, Unit};
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// Width of the reading column in multiples of the font size.
const MEASURE_EM: f32 = 38.0;

#[derive(Clone, Default)]
struct Para {
    galley: Option<Arc<Galley>>,
    height: f32,
}

/// Layout state of the pane, kept across frames.
#[derive(Default)]
pub struct Pane {
    paras: Vec<Para>,
    tops: Vec<f32>,
    key: Option<(f32, f32)>,
    origin: Pos2,
    column_x: f32,
}

/// What the pane shows this frame.
pub struct Look<'a> {
    pub text: &'a ArgumentMap,
    pub a: &'a ArgumentMap,
    pub b: &'a ArgumentMap,
    /// The gold map being built (its own lane, so progress shows in place).
    pub gold: &'a ArgumentMap,
    pub items: &'a [Item],
    /// Per paragraph, indices into `items` touching it.
    pub by_para: &'a [Vec<usize>],
    pub selected: Option<usize>,
    pub scroll_to: Option<usize>,
    pub font_size: f32,
    /// A is an answer key (labels in a student's terms).
    pub key: bool,
}

impl Pane {
    /// Draws the text; returns the item clicked, if any.
    pub fn show(&mut self, ui: &mut Ui, look: &Look<'_>) -> Option<usize> {
        let index = look.text.source().index();
        let n = index.paragraphs().len();
        if self.paras.len() != n {
            self.paras = vec![Para::default(); n];
            self.key = None;
        }
        let fs = look.font_size;
        let pad = (fs * 1.5).max(16.0);
        let width = (ui.available_width() - 2.0 * pad).clamp(160.0, fs * MEASURE_EM);
        if self.key != Some((width, fs)) {
            let chars_per_row = (width / (fs * 0.48)).max(10.0);
            for (p, para) in self.paras.iter_mut().enumerate() {
                let len = index.paragraphs()[p].len() as f32;
                para.galley = None;
                para.height = (len / chars_per_row).ceil() * row_height(fs);
            }
            self.key = Some((width, fs));
        }
        self.column_x = ((ui.available_width() - width) / 2.0).max(pad);
        self.recompute_tops(fs);
        let mut area = egui::ScrollArea::vertical()
            .id_salt("compare text")
            .auto_shrink([false, false]);
        if let Some(c) = look.scroll_to {
            let p = index.paragraph_of(c.min(index.len_chars()));
            self.layout(ui, look.text, p);
            self.recompute_tops(fs);
            let local = c.saturating_sub(index.paragraphs()[p].start);
            let dy = self.paras[p]
                .galley
                .as_ref()
                .map_or(0.0, |g| g.pos_from_cursor(CCursor::new(local)).min.y);
            let y = self.tops[p] + dy;
            area = area.vertical_scroll_offset((y - ui.available_height() * 0.3).max(0.0));
        }
        area.show_viewport(ui, |ui, viewport| self.content(ui, viewport, look))
            .inner
    }

    fn recompute_tops(&mut self, fs: f32) {
        let gap = fs * 0.8;
        self.tops.clear();
        let mut y = gap;
        for p in &self.paras {
            self.tops.push(y);
            y += p.height + if p.height > 0.0 { gap } else { gap * 0.5 };
        }
        self.tops.push(y + gap * 4.0);
    }

    /// Lays out paragraph `p`; returns whether its height changed.
    fn layout(&mut self, ui: &Ui, map: &ArgumentMap, p: usize) -> bool {
        let Some((width, fs)) = self.key else {
            return false;
        };
        let range = map.source().index().paragraphs()[p].clone();
        let text = map.source().slice(range).unwrap_or_default().to_owned();
        let mut format = TextFormat::simple(FontId::proportional(fs), Color32::PLACEHOLDER);
        format.line_height = Some(row_height(fs));
        format.valign = egui::Align::TOP;
        let mut job = LayoutJob::single_section(text, format);
        job.wrap.max_width = width;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let para = &mut self.paras[p];
        let changed = (para.height - galley.size().y).abs() > 0.5;
        para.height = galley.size().y;
        para.galley = Some(galley);
        changed
    }

    fn first_visible(&self, y: f32) -> usize {
        let tops = &self.tops[..self.paras.len()];
        tops.partition_point(|&t| t <= y).saturating_sub(1)
    }

    fn content(&mut self, ui: &mut Ui, viewport: Rect, look: &Look<'_>) -> Option<usize> {
        let fs = look.font_size;
        let mut p = self.first_visible(viewport.min.y);
        while p < self.paras.len() && self.tops[p] < viewport.max.y {
            if self.layout(ui, look.text, p) {
                self.recompute_tops(fs);
            }
            p += 1;
        }
        let total = self.tops.last().copied().unwrap_or(0.0);
        let origin = ui.max_rect().min;
        self.origin = origin;
        ui.set_min_size(vec2(ui.available_width(), total));
        let screen = viewport.translate(origin.to_vec2());
        let response = ui.interact(screen, ui.scope_id().with("compare text"), Sense::click());
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Compared text"));
        let dark = ui.visuals().dark_mode;
        let text_color = ui.visuals().text_color();
        let painter = ui.painter_at(screen);
        let index = look.text.source().index();
        let mut hovered: Option<usize> = None;
        let pointer = response.hover_pos();
        let mut p = self.first_visible(viewport.min.y);
        while p < self.paras.len() && self.tops[p] < viewport.max.y {
            let Some(galley) = self.paras[p].galley.clone() else {
                p += 1;
                continue;
            };
            let at = pos2(origin.x + self.column_x, origin.y + self.tops[p]);
            let range = index.paragraphs()[p].clone();
            // egui centres glyphs in the tall row: the text band is in the middle.
            let text_h = fs * 1.4;
            let pad = LANE_PAD;
            let here = look.by_para.get(p).map_or(&[][..], Vec::as_slice);
            for (r, kind) in runs(here.iter().map(|&i| &look.items[i]), range.clone()) {
                for rect in row_rects(&galley, r) {
                    let rect =
                        Rect::from_min_size(rect.min + vec2(0.0, pad), vec2(rect.width(), text_h));
                    painter.rect_filled(rect.translate(at.to_vec2()), 2.0, kind.tint(dark));
                }
            }
            // A single map (side by side): its units tinted in tag colours.
            if look.items.is_empty() {
                for u in look.a.units_overlapping(range.clone()) {
                    let Some(tag) = look.a.scheme().tag(&u.kind) else {
                        continue;
                    };
                    for rect in row_rects(&galley, local_range(&range, u.span())) {
                        let rect = Rect::from_min_size(
                            rect.min + vec2(0.0, pad),
                            vec2(rect.width(), text_h),
                        );
                        let tint = super::super::colors::tint(tag.color, dark);
                        painter.rect_filled(rect.translate(at.to_vec2()), 2.0, tint);
                    }
                }
            }
            if let Some(sel) = look.selected.and_then(|i| look.items.get(i)) {
                let h = sel.hull();
                let local = local_range(&range, h);
                let stroke = Stroke::new(2.0, sel.kind.stroke(dark));
                for rect in row_rects(&galley, local) {
                    let rect =
                        Rect::from_min_size(rect.min + vec2(0.0, pad), vec2(rect.width(), text_h));
                    painter.rect_stroke(
                        rect.translate(at.to_vec2()).expand(1.5),
                        3.0,
                        stroke,
                        egui::StrokeKind::Outside,
                    );
                }
            }
            let below = pad + text_h + 2.0;
            for (y, map) in [
                (pad - 5.0, look.a),
                (below, look.b),
                (below + 6.0, look.gold),
            ] {
                for u in map.units_overlapping(range.clone()) {
                    let color = tag_color(map, u, dark);
                    for rect in row_rects(&galley, local_range(&range, u.span())) {
                        let bar = Rect::from_min_max(
                            pos2(rect.min.x + 1.0, rect.min.y + y),
                            pos2(rect.max.x - 1.0, rect.min.y + y + 3.0),
                        );
                        painter.rect_filled(bar.translate(at.to_vec2()), 1.0, color);
                    }
                }
            }
            painter.galley(at, galley.clone(), text_color);
            if let Some(pos) = pointer
                && hovered.is_none()
                && let Some(c) = char_under(&galley, pos - at.to_vec2())
            {
                hovered = item_at(look.items, here, range.start + c);
            }
            p += 1;
        }
        if let Some(i) = hovered {
            let item = &look.items[i];
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(item.kind.label(look.key));
                for (who, map, u) in [("A", look.a, &item.a), ("B", look.b, &item.b)] {
                    match u {
                        Some(u) => {
                            let quote = map.quote_of(u.start..u.end).unwrap_or_default();
                            ui.label(format!("{who}: {} {} — “{}”", u.id, u.tag, short(quote)));
                        }
                        None => {
                            ui.weak(format!("{who}: nothing here"));
                        }
                    }
                }
            });
        }
        if response.clicked() { hovered } else { None }
    }
}

/// Room above and below each line of text for the lanes.
const LANE_PAD: f32 = 12.0;

/// Row height: a line of text plus room for the lanes.
fn row_height(fs: f32) -> f32 {
    fs * 1.4 + 2.0 * LANE_PAD
}

fn local_range(para: &Range<usize>, r: Range<usize>) -> Range<usize> {
    let s = r.start.clamp(para.start, para.end) - para.start;
    let e = r.end.clamp(para.start, para.end) - para.start;
    s..e
}

fn tag_color(map: &ArgumentMap, u: &Unit, dark: bool) -> Color32 {
    map.scheme().tag(&u.kind).map_or(Color32::GRAY, |t| {
        super::super::colors::stroke(t.color, dark)
    })
}

/// The most specific item covering char `c` (shortest hull).
fn item_at(items: &[Item], here: &[usize], c: usize) -> Option<usize> {
    here.iter()
        .map(|&n| (n, &items[n]))
        .filter(|(_, i)| i.hull().contains(&c))
        .min_by_key(|(_, i)| (i.kind == ItemKind::Agree, i.hull().len()))
        .map(|(n, _)| n)
}

/// At most 60 chars of a quote, cut at a word break.
pub fn short(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= 60 {
        return s.to_owned();
    }
    let cut: String = s.chars().take(60).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// The char under a galley-relative position, if a glyph is there.
fn char_under(galley: &Galley, local: Pos2) -> Option<usize> {
    let mut at = 0usize;
    for row in &galley.rows {
        let rect = row.rect();
        if local.y >= rect.min.y && local.y < rect.max.y {
            let x = local.x - row.pos.x;
            let i = row
                .glyphs
                .iter()
                .position(|g| x >= g.pos.x && x < g.pos.x + g.advance_width)?;
            return Some(at + i);
        }
        at += row.char_count_including_newline().0;
    }
    None
}

/// Rectangles (galley-relative) covering local chars `range`, one per row.
fn row_rects(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
    let mut out = Vec::new();
    if range.start >= range.end {
        return out;
    }
    let mut at = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let (a, b) = (range.start.max(at), range.end.min(at + n));
        if a < b {
            let x0 = row.x_offset(egui::text::CharIndex(a - at));
            let x1 = row.x_offset(egui::text::CharIndex(b - at));
            out.push(Rect::from_min_max(
                pos2(row.pos.x + x0, row.pos.y),
                pos2(row.pos.x + x1, row.pos.y + row.height()),
            ));
        }
        at += row.char_count_including_newline().0;
        if at >= range.end {
            break;
        }
    }
    out
}
