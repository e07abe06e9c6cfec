//! The map as a PNG for slides: the SVG export rasterised with resvg, at
//! least [`MIN_WIDTH_PX`] wide. The bundled label and emoji fonts come
//! first, so Latin text and emoji render the same on machines without any
//! system fonts; the system's fonts (when there are any) follow, as in the
//! window, so Chinese, Japanese, Arabic, … labels are drawn rather than left blank.

use super::svg::SvgDocument;
use crate::graph::text::{LABEL_FONT, LABEL_FONT_FAMILY};
use resvg::{tiny_skia, usvg};
use std::fmt;
use std::sync::{Arc, OnceLock};

/// The narrowest PNG written: wide enough for a slide.
pub const MIN_WIDTH_PX: u32 = 1600;
/// Width a small map is scaled up to (a full-HD slide).
pub const TARGET_WIDTH_PX: f32 = 1920.0;
/// Largest scale used for small maps; larger maps get at least 2× for sharp text.
const PREFERRED_SCALE: f32 = 2.0;
/// Refuse to allocate more pixels than this (about 96 MB of RGBA, so an
/// export stays well under 500 MB with the encoder's buffers).
pub const MAX_PIXELS: u64 = 24_000_000;

/// Smallest scale for a map too tall for a slide-wide PNG: drawn as a
/// narrower strip at this scale or more (labels at least their size), or refused.
pub const MIN_STRIP_SCALE: f32 = 1.0;

/// Box labels smaller than this (pixels) are left out of a PNG: unreadable,
/// and costly to outline by the ten thousand.
pub const MIN_LABEL_PX: f32 = 5.0;

/// Maps with more edges than this are drawn in a PNG with hairline edges
/// ([`HAIRLINE_PX`]): a 300-unit clique's 44,850 long edges at full width
/// took 10 s to rasterise and merged into one dark mass anyway.
pub const DENSE_EDGES: usize = 20_000;

/// Width in pixels of the edges of a dense map's PNG; at most one pixel,
/// so the rasteriser draws them as anti-aliased hairlines.
pub const HAIRLINE_PX: f32 = 0.9;

/// Pixels of edge a dense map's PNG draws at most (about 3 s of hairlines):
/// the 300-unit clique's edges add up to 430 million and took 31 s.
pub const EDGE_PIXEL_BUDGET: f64 = 40_000_000.0;

/// Keeps the shortest edges of a dense layout whose lengths at `scale`
/// add up to at most [`EDGE_PIXEL_BUDGET`] pixels, in their order, and says
/// so in the layout's notice (written in the PNG's header) when any are left out.
pub fn keep_shortest_edges(layout: &mut crate::graph::MapLayout, scale: f32) {
    let length = |e: &crate::graph::EdgePath| -> f64 {
        e.points
            .windows(2)
            .map(|w| f64::from(w[0].distance(w[1]) * scale))
            .sum()
    };
    let lengths: Vec<f64> = layout.edges.iter().map(length).collect();
    if lengths.iter().sum::<f64>() <= EDGE_PIXEL_BUDGET {
        return;
    }
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by(|&a, &b| lengths[a].total_cmp(&lengths[b]));
    let mut keep = vec![false; lengths.len()];
    let mut used = 0.0;
    for i in order {
        used += lengths[i];
        if used > EDGE_PIXEL_BUDGET {
            break;
        }
        keep[i] = true;
    }
    let total = layout.edges.len();
    let mut kept = keep.into_iter();
    layout.edges.retain(|_| kept.next().unwrap_or(false));
    let note = format!(
        "This PNG draws the {} shortest of {total} edges; the SVG export has them all.",
        layout.edges.len()
    );
    layout.notice = Some(match layout.notice.take() {
        Some(n) => format!("{n} {note}"),
        None => note,
    });
}

/// Why a PNG could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PngError(pub String);

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PngError {}

/// The pixel size and scale a document of `width` × `height` user units is
/// rendered at: 2× (or enough for a 1920 px slide, whichever is more),
/// reduced for huge maps but never below [`MIN_WIDTH_PX`]. `None` when even
/// the minimum would exceed [`MAX_PIXELS`].
pub fn raster_size(width: f32, height: f32) -> Option<(u32, u32, f32)> {
    if !(width > 0.0 && height > 0.0 && width.is_finite() && height.is_finite()) {
        return None;
    }
    let min_scale = MIN_WIDTH_PX as f32 / width;
    let mut scale = PREFERRED_SCALE.max(TARGET_WIDTH_PX / width);
    // Whole pixels, forgiving float noise (800 × 2.4 is 1920, not 1921).
    let px = |v: f32| (v - 1e-3).ceil().max(1.0);
    let pixels = |s: f32| f64::from(px(width * s)) * f64::from(px(height * s));
    if pixels(scale) > MAX_PIXELS as f64 {
        scale = ((MAX_PIXELS as f64 / f64::from(width * height)).sqrt() as f32).max(min_scale);
    }
    let (w, h) = (px(width * scale), px(height * scale));
    if f64::from(w) * f64::from(h) > MAX_PIXELS as f64 * 1.01 {
        // A tall, narrow map (a dense graph stacks one box per layer): a
        // strip narrower than a slide, as long as labels keep their size.
        let fit = (MAX_PIXELS as f64 / f64::from(width * height)).sqrt() as f32 * 0.999;
        if fit < MIN_STRIP_SCALE {
            return None;
        }
        return Some((px(width * fit) as u32, px(height * fit) as u32, fit));
    }
    Some((w as u32, h as u32, scale))
}

/// Renders an SVG export to PNG bytes at [`raster_size`].
pub fn render(doc: &SvgDocument) -> Result<Vec<u8>, PngError> {
    let (w, h, scale) = raster_size(doc.width, doc.height).ok_or_else(|| {
        PngError(format!(
            "the map is too large for a PNG ({} × {} units); export SVG instead",
            doc.width, doc.height
        ))
    })?;
    raster(doc, w, h, scale)?
        .encode_png()
        .map_err(|e| PngError(format!("could not encode the PNG: {e}")))
}

/// Rasterises `doc` at `scale` into a white `w` × `h` image.
fn raster(doc: &SvgDocument, w: u32, h: u32, scale: f32) -> Result<tiny_skia::Pixmap, PngError> {
    let options = usvg::Options {
        font_family: LABEL_FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&doc.svg, &options)
        .map_err(|e| PngError(format!("could not read the SVG export: {e}")))?;
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| PngError(format!("cannot allocate a {w} × {h} image")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The fonts labels are drawn with, loaded once per process: the bundled
/// label font, egui's bundled emoji font, then the system's fonts
/// (memory-mapped, not read), which resvg falls back to for characters the
/// bundled ones lack.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(LABEL_FONT.to_vec());
            db.load_font_data(epaint_default_fonts::NOTO_EMOJI_REGULAR.to_vec());
            db.load_system_fonts();
            Arc::new(db)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_maps_fill_a_slide_and_large_ones_stay_sharp() {
        let (w, h, s) = raster_size(800.0, 400.0).unwrap();
        assert_eq!((w, h), (1920, 960));
        assert!((s - 2.4).abs() < 1e-6);
        let (w, _, s) = raster_size(3000.0, 1000.0).unwrap();
        assert_eq!((w, s), (6000, 2.0));
    }

    #[test]
    fn huge_maps_shrink_but_not_below_the_minimum_width() {
        let (w, h, _) = raster_size(20_000.0, 8_000.0).unwrap();
        assert!(w >= MIN_WIDTH_PX);
        assert!(u64::from(w) * u64::from(h) <= MAX_PIXELS * 101 / 100);
        assert_eq!(raster_size(100.0, 1_000_000.0), None);
        // A tall strip (the 300-unit clique's 300 layers) fits narrower.
        let (w, h, s) = raster_size(760.0, 26_542.0).unwrap();
        assert!(w < MIN_WIDTH_PX && s >= MIN_STRIP_SCALE, "{w} × {h} at {s}");
        assert!(u64::from(w) * u64::from(h) <= MAX_PIXELS);
        assert_eq!(raster_size(0.0, 10.0), None);
    }

    /// Pixels of the PNG of a map with one unit quoting `text`, darker than light grey.
    fn ink(text: &str) -> usize {
        use crate::graph::{LayoutOptions, MapLayout};
        use crate::model::TagScheme;
        use crate::model::fixture::marked;
        let map = marked(&format!("[Claim:{text}]"), TagScheme::argument());
        let layout = MapLayout::compute(&map, &LayoutOptions::default());
        let doc = crate::export::svg::document(&map, &layout, "fonts");
        let (w, h, scale) = raster_size(doc.width, doc.height).unwrap();
        let pixmap = raster(&doc, w, h, scale).unwrap();
        pixmap
            .pixels()
            .iter()
            .filter(|p| p.red() < 120 && p.green() < 120 && p.blue() < 120)
            .count()
    }

    #[test]
    fn emoji_and_other_scripts_are_drawn_not_left_blank() {
        // Emoji come from the bundled emoji font: drawn on every machine.
        let blank = ink("\u{3000}\u{3000}\u{3000}");
        assert!(ink("😀👩‍🔬🌍") > blank + 200, "emoji drawn");
        // Chinese and Japanese come from the system's fonts, when it has one.
        let cjk = fonts().faces().any(|f| {
            f.families
                .iter()
                .any(|(n, _)| n.contains("CJK") || n.contains("Fallback"))
        });
        if cjk {
            assert!(ink("両国は来年") > blank + 200, "Japanese drawn");
        }
    }

    #[test]
    fn the_bundled_font_registers_under_the_family_the_svg_names() {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(LABEL_FONT.to_vec());
        let families: Vec<String> = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
            .collect();
        assert!(
            families.iter().any(|f| f == LABEL_FONT_FAMILY),
            "{families:?}"
        );
    }
}
