//! Exports of the argument map for readers without Argmark: SVG for the
//! web and print, PNG for slides. Both draw the same [`crate::graph::MapLayout`]
//! as the window.

pub mod png;
pub mod svg;
mod xml;

pub use svg::SvgDocument;

use crate::graph::{LayoutOptions, MapLayout};
use crate::io::FileError;
use crate::model::ArgumentMap;
use std::path::Path;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }
}

/// Where an export goes by default: next to the map, `NAME.argmap.ron` →
/// `NAME.svg` (the whole `.argmap.ron` suffix is replaced).
pub fn default_output(input: &Path, format: Format) -> std::path::PathBuf {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_ascii_lowercase();
    let stem = [".argmap.ron", ".ron", ".txt", ".md", ".markdown"]
        .iter()
        .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len())
        .map_or(name.as_str(), |ext| &name[..name.len() - ext.len()]);
    let stem = if stem.is_empty() { "map" } else { stem };
    input.with_file_name(format!("{stem}.{}", format.extension()))
}

/// Renders `map` in `format` (the layout computed with `options`); the
/// title falls back to `fallback_title` when the map has none.
pub fn render(
    map: &ArgumentMap,
    options: &LayoutOptions,
    format: Format,
    fallback_title: &str,
) -> Result<Vec<u8>, png::PngError> {
    let layout = MapLayout::compute(map, options);
    let doc = svg::document(map, &layout, fallback_title);
    match format {
        Format::Svg => Ok(doc.svg.into_bytes()),
        Format::Png => {
            let scale = png::raster_size(doc.width, doc.height).map_or(1.0, |(_, _, s)| s);
            let dense = layout.edges.len() > png::DENSE_EDGES;
            let mut layout = layout;
            if dense {
                // Tens of thousands of long edges: one-pixel hairlines, the
                // shortest first up to a budget of drawn pixels.
                png::keep_shortest_edges(&mut layout, scale);
                let hairline = png::HAIRLINE_PX / scale;
                let doc =
                    svg::document_with_edge_width(map, &layout, fallback_title, Some(hairline));
                if scale * layout.text.font_size >= png::MIN_LABEL_PX {
                    return png::render(&doc);
                }
            } else if scale * layout.text.font_size >= png::MIN_LABEL_PX {
                return png::render(&doc);
            }
            // Labels this small are grey smudges, and turning tens of
            // thousands of them into glyph outlines takes gigabytes: a map
            // this large is drawn as boxes and edges (the SVG keeps the text).
            let mut bare = layout;
            for n in &mut bare.nodes {
                n.lines.clear();
            }
            let hairline = dense.then_some(png::HAIRLINE_PX / scale);
            png::render(&svg::document_with_edge_width(
                map,
                &bare,
                fallback_title,
                hairline,
            ))
        }
    }
}

/// Writes an export: whole or not at all, through symlinks, never over a
/// pipe or device (see [`crate::io::write_safely`]), without the `.bak`
/// that saving a map keeps.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    crate::io::write_safely(
        path,
        bytes,
        crate::io::WriteOptions {
            backup: false,
            // An export is for sharing: readable by others, like any new file.
            new_file_mode: Some(0o644),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_output_replaces_the_map_suffix() {
        assert_eq!(
            default_output(Path::new("ex/relos.argmap.ron"), Format::Svg),
            Path::new("ex/relos.svg")
        );
        assert_eq!(
            default_output(Path::new("notes.RON"), Format::Png),
            Path::new("notes.png")
        );
        assert_eq!(
            default_output(Path::new("essay.txt"), Format::Png),
            Path::new("essay.png")
        );
    }
}
