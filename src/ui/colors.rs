//! Tag colours as tints and strokes that stay readable in light and dark themes.

use crate::model::Rgb;
use egui::Color32;

/// The tag's colour at full strength, for chips and underlines. In dark
/// mode it is lifted a little so it does not sink into the background.
pub fn stroke(rgb: Rgb, dark: bool) -> Color32 {
    let [r, g, b] = rgb.0;
    if dark {
        let lift = |c: u8| c + (255 - c) / 4;
        Color32::from_rgb(lift(r), lift(g), lift(b))
    } else {
        Color32::from_rgb(r, g, b)
    }
}

/// A translucent fill behind text; overlapping units stack into a darker band.
pub fn tint(rgb: Rgb, dark: bool) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgba_unmultiplied(r, g, b, if dark { 64 } else { 44 })
}

/// The highlight for find matches (`current` is the one Find next landed on).
pub fn find_match(dark: bool, current: bool) -> Color32 {
    match (dark, current) {
        (false, false) => Color32::from_rgba_unmultiplied(255, 214, 0, 90),
        (false, true) => Color32::from_rgba_unmultiplied(255, 150, 0, 150),
        (true, false) => Color32::from_rgba_unmultiplied(255, 214, 0, 60),
        (true, true) => Color32::from_rgba_unmultiplied(255, 160, 0, 120),
    }
}

/// A small colour swatch in line with text (painted, so no font needs the glyph).
pub fn chip(ui: &mut egui::Ui, color: Color32) {
    let size = ui.text_style_height(&egui::TextStyle::Body) * 0.7;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

/// The faint tint of a sentence the lens reads as speculative.
pub fn speculative_sentence(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgba_unmultiplied(190, 120, 255, 22)
    } else {
        Color32::from_rgba_unmultiplied(142, 68, 173, 16)
    }
}

/// The dotted underline of a lens cue, by strength; `None` is attribution.
pub fn cue(strength: Option<crate::analysis::lens::Strength>, dark: bool) -> Color32 {
    use crate::analysis::lens::Strength;
    let rgb = match strength {
        Some(Strength::StrongHedge) => [0xc0, 0x39, 0x2b],
        Some(Strength::Prediction) => [0x8e, 0x44, 0xad],
        Some(Strength::Conditional) => [0xd6, 0x89, 0x10],
        None => [0x2e, 0x86, 0xc1],
    };
    stroke(Rgb(rgb), dark)
}
