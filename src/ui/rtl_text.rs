//! Short right-to-left texts outside the reading pane (the units list, the
//! inspector's quote), laid out in display order as the pane does: Arabic
//! letters joined ([`super::arabic`]), each right-to-left grapheme shaped
//! alone ([`super::bidi::shaping_pieces`]), rows reordered ([`super::bidi`]).

use super::{arabic, bidi};
use egui::text::{ByteIndex, LayoutJob, LayoutSection, TextFormat};
use egui::{Color32, FontId, Galley, Sense, Ui, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// `text` wrapped at `width` in display order; `None` when it has no
/// right-to-left letters (draw it as usual). The bool is the base
/// direction: `true` means the galley's rows end at x = 0 (right-aligned).
pub fn galley(
    ui: &Ui,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> Option<(Arc<Galley>, bool)> {
    if !bidi::has_rtl(text) {
        return None;
    }
    let text = arabic::joined_forms(text).into_owned();
    let format = TextFormat::simple(font, color);
    let mut job = pieces(text, &format);
    job.wrap.max_width = width;
    let logical = ui.fonts_mut(|f| f.layout_job(job));
    let order = bidi::reorder(logical.text(), &logical_rows(&logical))?;
    let mut job = pieces(order.visual, &format);
    if order.rtl {
        job.halign = egui::Align::RIGHT;
    }
    Some((ui.fonts_mut(|f| f.layout_job(job)), order.rtl))
}

/// Draws a [`galley`] result of `text` in a `width`-wide space:
/// right-aligned when the text runs right to left, and clipped at the left
/// (where a right-to-left line ends) when it is too long.
pub fn show(
    ui: &mut Ui,
    text: &str,
    (galley, rtl): (Arc<Galley>, bool),
    width: f32,
) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(width, galley.size().y), Sense::hover());
    let at = if rtl {
        pos2(rect.max.x, rect.min.y)
    } else {
        rect.min
    };
    let clip = rect.intersect(ui.clip_rect());
    ui.painter()
        .with_clip_rect(clip)
        .galley(at, galley.clone(), ui.visuals().text_color());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response
}

/// A layout job for text with right-to-left letters, one section per
/// [`bidi::shaping_pieces`] piece, so each of its chars gets one glyph.
pub fn pieces(text: String, format: &TextFormat) -> LayoutJob {
    let mut job = LayoutJob::default();
    for p in bidi::shaping_pieces(&text) {
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(p.start)..ByteIndex(p.end),
            format: format.clone(),
        });
    }
    job.text = text;
    job
}

/// The rows of a galley in logical order, as char ranges (without the line
/// break a row may end with).
pub fn logical_rows(galley: &Galley) -> Vec<Range<usize>> {
    let mut at = 0usize;
    galley
        .rows
        .iter()
        .map(|row| {
            let r = at..at + row.char_count_excluding_newline().0;
            at += row.char_count_including_newline().0;
            r
        })
        .collect()
}
