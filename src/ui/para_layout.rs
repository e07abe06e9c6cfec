//! Geometry of one laid-out paragraph of the reading pane, in logical char
//! offsets: the rectangles covering a span, the char under the pointer, the
//! caret nearest to it and the edges a unit's boundary handles sit on.
//!
//! A left-to-right paragraph is one egui galley in logical order. A
//! paragraph with right-to-left text is a galley of its rows in display
//! order ([`super::bidi::Reordered`]), right-aligned when its base direction
//! is right to left; every query goes through the display ↔ logical map, so
//! a span covering words in a Hebrew line covers exactly those words on
//! screen, possibly in several pieces.

use super::bidi::Reordered;
use egui::text::{CCursor, CharIndex};
use egui::{Galley, Rect, Vec2, pos2, vec2};
use std::ops::Range;

/// A paragraph's galley, its display order and its horizontal offset.
/// All positions are relative to the paragraph's top-left corner (the left
/// edge of the text column).
#[derive(Clone, Copy)]
pub struct ParaLayout<'a> {
    /// The galley as painted (display order).
    pub galley: &'a Galley,
    /// The display ↔ logical map, for paragraphs with right-to-left text.
    pub bidi: Option<&'a Reordered>,
    /// Where the galley's x = 0 lies: the column width for a right-aligned
    /// paragraph (its rows end at x = 0), zero otherwise.
    pub dx: f32,
}

impl ParaLayout<'_> {
    /// The rectangle the text occupies.
    pub fn rect(&self) -> Rect {
        self.galley.rect.translate(vec2(self.dx, 0.0))
    }

    /// Rectangles covering logical chars `range`: one per row for
    /// left-to-right text, one per contiguous display piece otherwise.
    pub fn rects(&self, range: Range<usize>) -> Vec<Rect> {
        let mut out = Vec::new();
        if range.start >= range.end {
            return out;
        }
        let Some(bidi) = self.bidi else {
            return row_rects(self.galley, range)
                .into_iter()
                .map(|r| r.translate(vec2(self.dx, 0.0)))
                .collect();
        };
        let mut v = 0usize;
        for row in &self.galley.rows {
            let mut piece: Option<(f32, f32)> = None;
            let band = |(x0, x1): (f32, f32)| {
                Rect::from_min_max(
                    pos2(self.dx + row.pos.x + x0, row.pos.y),
                    pos2(self.dx + row.pos.x + x1, row.pos.y + row.height()),
                )
            };
            for (i, g) in row.glyphs.iter().enumerate() {
                let inside = bidi.logical_of(v + i).is_some_and(|l| range.contains(&l));
                match (inside, piece) {
                    (true, Some((x0, _))) => piece = Some((x0, g.max_x())),
                    (true, None) => piece = Some((g.pos.x, g.max_x())),
                    (false, Some(p)) => {
                        out.push(band(p));
                        piece = None;
                    }
                    (false, None) => {}
                }
            }
            if let Some(p) = piece {
                out.push(band(p));
            }
            v += row.char_count_including_newline().0;
        }
        out
    }

    /// Row index, row-local glyph index of logical char `l`, if shown.
    fn glyph_of(&self, l: usize) -> Option<(usize, usize)> {
        let target = match self.bidi {
            Some(b) => b.visual_of(l)?,
            None => l,
        };
        let mut at = 0usize;
        for (r, row) in self.galley.rows.iter().enumerate() {
            let n = row.char_count_excluding_newline().0;
            if target < at + n {
                return Some((r, target - at));
            }
            at += row.char_count_including_newline().0;
        }
        None
    }

    /// The box of logical char `l`'s glyph (its advance × the row height).
    pub fn char_rect(&self, l: usize) -> Option<Rect> {
        let (r, i) = self.glyph_of(l)?;
        let row = &self.galley.rows[r];
        let g = &row.glyphs[i];
        Some(Rect::from_min_max(
            pos2(self.dx + row.pos.x + g.pos.x, row.pos.y),
            pos2(self.dx + row.pos.x + g.max_x(), row.pos.y + row.height()),
        ))
    }

    /// Where a span starting at logical char `l` begins (`end == false`:
    /// the char's leading edge) or a span ending with char `l` ends (`end ==
    /// true`: its trailing edge), with the char's box. Leading is left for
    /// left-to-right chars and right for right-to-left ones.
    pub fn edge(&self, l: usize, end: bool) -> Option<(f32, Rect)> {
        let rect = self.char_rect(l)?;
        let rtl = self.bidi.is_some_and(|b| b.is_rtl_char(l));
        let x = if rtl != end { rect.max.x } else { rect.min.x };
        Some((x, rect))
    }

    /// The caret position at logical char `l` (for scrolling to it).
    pub fn caret_rect(&self, l: usize) -> Rect {
        match self.bidi {
            None => self
                .galley
                .pos_from_cursor(CCursor::new(l))
                .translate(vec2(self.dx, 0.0)),
            Some(_) => self
                .char_rect(l)
                .or_else(|| self.char_rect(l.saturating_sub(1)))
                .unwrap_or(Rect::from_min_size(pos2(self.dx, 0.0), Vec2::ZERO)),
        }
    }

    /// The logical char whose glyph is under `pos`, if any (`None` in the
    /// margins and past the end of a row).
    pub fn char_under(&self, pos: Vec2) -> Option<usize> {
        let pos = pos - vec2(self.dx, 0.0);
        let mut at = 0usize;
        for row in &self.galley.rows {
            let rect = row.rect();
            if pos.y >= rect.min.y && pos.y < rect.max.y {
                let x = pos.x - row.pos.x;
                let i = row
                    .glyphs
                    .iter()
                    .position(|g| x >= g.pos.x && x < g.max_x())?;
                return match self.bidi {
                    Some(b) => b.logical_of(at + i),
                    None => Some(at + i),
                };
            }
            at += row.char_count_including_newline().0;
        }
        None
    }

    /// The logical caret position nearest to `pos` (for selecting): before
    /// the glyph under the pointer when the pointer is on its leading half,
    /// after it on its trailing half.
    pub fn caret_at(&self, pos: Vec2) -> usize {
        let pos = pos - vec2(self.dx, 0.0);
        let Some(bidi) = self.bidi else {
            return self.galley.cursor_from_pos(pos).index.0;
        };
        // The row nearest to the pointer, then the glyph nearest in it.
        let mut best: Option<(f32, usize, usize)> = None;
        let mut at = 0usize;
        for (r, row) in self.galley.rows.iter().enumerate() {
            let rect = row.rect();
            let dist = if pos.y < rect.min.y {
                rect.min.y - pos.y
            } else {
                (pos.y - rect.max.y).max(0.0)
            };
            if !row.glyphs.is_empty() && best.is_none_or(|(d, ..)| dist < d) {
                best = Some((dist, r, at));
            }
            at += row.char_count_including_newline().0;
        }
        let Some((_, r, at)) = best else { return 0 };
        let row = &self.galley.rows[r];
        let x = pos.x - row.pos.x;
        let (i, g) = row
            .glyphs
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| {
                let da = (x - (a.pos.x + a.max_x()) / 2.0).abs();
                let db = (x - (b.pos.x + b.max_x()) / 2.0).abs();
                da.total_cmp(&db)
            })
            .expect("a row with glyphs");
        let Some(l) = bidi.logical_of(at + i) else {
            return 0;
        };
        let on_right_half = x >= (g.pos.x + g.max_x()) / 2.0;
        if on_right_half != bidi.is_rtl_char(l) {
            l + 1
        } else {
            l
        }
    }
}

/// Rectangles (relative to the galley) covering local chars `range` of a
/// galley in logical order, one per row.
fn row_rects(galley: &Galley, range: Range<usize>) -> Vec<Rect> {
    let mut out = Vec::new();
    let mut at = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let (a, b) = (range.start.max(at), range.end.min(at + n));
        if a < b {
            let x0 = row.x_offset(CharIndex(a - at));
            let x1 = row.x_offset(CharIndex(b - at));
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
