//! Text measurement and wrapping for map labels.
//!
//! Widths come from the advance widths of the font the labels are drawn in
//! (egui's default proportional font, Ubuntu Light, bundled with egui), so
//! boxes sized here fit their text on screen, in SVG and in PNG alike. The
//! model is deterministic: no system fonts, no shaping, no hinting.

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, MetadataProvider};
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// The font labels are set in: egui's default proportional face. The SVG
/// names it and the PNG renderer loads these very bytes.
pub const LABEL_FONT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The family name the bundled font registers under, for SVG `font-family`.
pub const LABEL_FONT_FAMILY: &str = "Ubuntu";

/// Width in em of a character the font lacks and that is not wide (CJK, emoji).
const MISSING_EM: f32 = 0.55;

/// Per-em metrics read once from [`LABEL_FONT`].
struct FontMetrics {
    font: Option<FontRef<'static>>,
    glyphs: Option<GlyphMetrics<'static>>,
    ascii: [f32; 128],
    ascent: f32,
    descent: f32,
}

fn metrics() -> &'static FontMetrics {
    static METRICS: OnceLock<FontMetrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let font = FontRef::new(LABEL_FONT).ok();
        let (glyphs, ascent, descent) = match &font {
            Some(f) => {
                let m = f.metrics(Size::new(1.0), LocationRef::default());
                (
                    Some(f.glyph_metrics(Size::new(1.0), LocationRef::default())),
                    m.ascent,
                    -m.descent,
                )
            }
            None => (None, 0.93, 0.19),
        };
        let mut fm = FontMetrics {
            font,
            glyphs,
            ascii: [MISSING_EM; 128],
            ascent,
            descent,
        };
        for b in 0u8..128 {
            fm.ascii[usize::from(b)] = fm.lookup(char::from(b));
        }
        fm
    })
}

impl FontMetrics {
    fn lookup(&self, c: char) -> f32 {
        if c.is_control() || is_zero_width(c) {
            return 0.0;
        }
        let advance = self.font.as_ref().and_then(|f| {
            let gid = f.charmap().map(c)?;
            self.glyphs.as_ref()?.advance_width(gid)
        });
        match advance {
            Some(a) => a,
            None if is_wide(c) => 1.0,
            None => MISSING_EM,
        }
    }

    fn em_width(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(&w) => w,
            None => self.lookup(c),
        }
    }
}

/// Combining marks and joiners take no room of their own.
fn is_zero_width(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF)
}

/// East Asian wide characters and emoji, one em each when the font lacks them.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F000..=0x1FAFF
            | 0x20000..=0x3FFFD)
}

/// Width of `text` set in the label font at `font_size` (pixels).
pub fn text_width(text: &str, font_size: f32) -> f32 {
    let m = metrics();
    text.chars().map(|c| m.em_width(c)).sum::<f32>() * font_size
}

/// Distance from the top of a line box of `line_height` to the baseline,
/// with the glyphs centred vertically in the line (as SVG needs a baseline).
pub fn baseline_in_line(font_size: f32, line_height: f32) -> f32 {
    let m = metrics();
    let glyph_height = (m.ascent + m.descent) * font_size;
    (line_height - glyph_height) / 2.0 + m.ascent * font_size
}

/// Breaks `text` into lines no wider than `max_width` at `font_size`:
/// greedily at whitespace, and inside a word (between graphemes) only when
/// the word alone is too wide. Runs of whitespace collapse to one space.
pub fn wrap(text: &str, max_width: f32, font_size: f32) -> Vec<String> {
    let space = text_width(" ", font_size);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    for word in text.split_whitespace() {
        let w = text_width(word, font_size);
        if !line.is_empty() && width + space + w <= max_width {
            line.push(' ');
            line.push_str(word);
            width += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= max_width {
            line.push_str(word);
            width = w;
            continue;
        }
        // A word wider than a line: cut it between graphemes.
        width = 0.0;
        for g in word.graphemes(true) {
            let gw = text_width(g, font_size);
            if !line.is_empty() && width + gw > max_width {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            line.push_str(g);
            width += gw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The first `max_words` words of `text`, with "…" when some were cut.
pub fn first_words(text: &str, max_words: usize) -> String {
    let mut words = text.split_whitespace();
    let kept: Vec<&str> = words.by_ref().take(max_words.max(1)).collect();
    let cut = words.next().is_some();
    let mut s = kept.join(" ");
    if cut {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let i = text_width("i", 14.0);
        let m = text_width("m", 14.0);
        assert!(i > 0.0 && m > 2.0 * i, "i={i} m={m}");
        assert_eq!(text_width("mm", 14.0), 2.0 * m);
        assert_eq!(text_width("m", 28.0), 2.0 * m);
        // Cyrillic is in the font; CJK is not and counts one em.
        assert!(text_width("Россия", 14.0) > 0.0);
        assert_eq!(text_width("中", 10.0), 10.0);
        assert_eq!(text_width("e\u{301}", 10.0), text_width("e", 10.0));
    }

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let text = "The agreement will likely presage more   naval drills in\nthe ocean";
        let lines = wrap(text, 100.0, 14.0);
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(text_width(l, 14.0) <= 100.0, "{l:?} too wide");
        }
        assert_eq!(
            lines.join(" "),
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn overlong_words_break_between_graphemes() {
        let url = "https://andrewkorybko.substack.com/p/russia-india-relos-agreement";
        let lines = wrap(url, 80.0, 14.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), url);
        for l in &lines {
            assert!(text_width(l, 14.0) <= 80.0);
        }
        assert_eq!(wrap("👩‍🔬👩‍🔬", 14.0, 14.0), ["👩‍🔬", "👩‍🔬"]);
    }

    #[test]
    fn long_quotes_are_cut_with_an_ellipsis() {
        assert_eq!(first_words("a b  c", 12), "a b c");
        assert_eq!(first_words("one two three four", 2), "one two…");
        assert_eq!(first_words("", 12), "");
    }

    #[test]
    fn baseline_sits_inside_the_line() {
        let b = baseline_in_line(14.0, 18.0);
        assert!(b > 9.0 && b < 18.0, "{b}");
    }
}
