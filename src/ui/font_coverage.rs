//! Which letters of a text no installed font can draw. On a bare machine
//! (no Noto fonts) Devanagari, Chinese or Thai show as boxes; the window
//! says so, naming the scripts, instead of leaving a reader to guess.
//!
//! The text's distinct characters are gathered once per document on a
//! worker thread (a 5 MB text takes tens of milliseconds); the window then
//! asks egui's fonts, which include the system's, about each one.

use crate::model::ArgumentMap;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::thread::JoinHandle;

/// What the window tells the user about a text's fonts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingFonts {
    /// The scripts with letters no font has, in order of first code point,
    /// each with one of its letters as an example.
    pub scripts: Vec<(&'static str, char)>,
}

impl MissingFonts {
    /// The banner's sentence.
    pub fn message(&self) -> String {
        let names: Vec<String> = self
            .scripts
            .iter()
            .map(|(name, c)| format!("{name} (e.g. U+{:04X})", *c as u32))
            .collect();
        format!(
            "No installed font has the {} letters of this text: they show as boxes. \
             Install fonts that cover them (on Debian and Ubuntu: fonts-noto-core, fonts-noto-cjk) \
             and restart Argmark.",
            names.join(", ")
        )
    }
}

/// Gathers a text's distinct characters off the UI thread, then checks them
/// against the fonts once.
#[derive(Default)]
pub struct FontCheck {
    gathering: Option<JoinHandle<BTreeSet<char>>>,
    /// `Some` once checked: what is missing (`None` inside: nothing).
    result: Option<Option<MissingFonts>>,
    /// The user closed the banner.
    pub dismissed: bool,
}

impl FontCheck {
    /// Starts gathering the characters of `map`'s text.
    pub fn start(map: Arc<ArgumentMap>) -> Self {
        let gathering = std::thread::Builder::new()
            .name("argmark font check".into())
            .spawn(move || distinct_letters(map.text()))
            .ok();
        FontCheck {
            gathering,
            result: None,
            dismissed: false,
        }
    }

    /// Whether the characters were checked against the fonts.
    pub fn is_done(&self) -> bool {
        self.result.is_some()
    }

    /// The scripts to warn about, once known (checks when the worker is done).
    pub fn missing(&mut self, ctx: &egui::Context) -> Option<&MissingFonts> {
        if self.result.is_none()
            && let Some(handle) = self.gathering.take_if(|h| h.is_finished())
        {
            let letters = handle.join().unwrap_or_default();
            self.result = Some(missing_scripts(&letters, |c| {
                ctx.fonts_mut(|f| f.has_glyph(&egui::FontId::proportional(16.0), c))
            }));
        }
        if self.gathering.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        self.result.as_ref().and_then(Option::as_ref)
    }
}

/// The distinct characters of `text` that a font must draw: not ASCII
/// (always covered), spaces or controls (no glyphs), nor the format and
/// generic combining marks of [`is_format`].
pub fn distinct_letters(text: &str) -> BTreeSet<char> {
    // ASCII is covered by every font egui ships; skip it cheaply.
    text.chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control())
        .filter(|c| !is_format(*c))
        .collect()
}

/// Zero-width and direction marks, variation selectors and the generic
/// combining accents: fonts often lack them as glyphs of their own, and
/// egui draws the letter they sit on anyway.
fn is_format(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0xFEFF | 0xFE00..=0xFE0F)
}

/// The scripts among `letters` that `has_glyph` says nothing can draw.
pub fn missing_scripts(
    letters: &BTreeSet<char>,
    mut has_glyph: impl FnMut(char) -> bool,
) -> Option<MissingFonts> {
    let mut scripts: Vec<(&'static str, char)> = Vec::new();
    for &c in letters {
        let name = script_of(c);
        if scripts.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if !has_glyph(c) {
            scripts.push((name, c));
        }
    }
    (!scripts.is_empty()).then_some(MissingFonts { scripts })
}

/// A script's everyday name for a character, by Unicode block.
pub fn script_of(c: char) -> &'static str {
    match c as u32 {
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "Greek",
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => "Cyrillic",
        0x0530..=0x058F => "Armenian",
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => "Hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            "Arabic"
        }
        0x0700..=0x074F => "Syriac",
        0x0780..=0x07BF => "Thaana",
        0x0900..=0x097F | 0xA8E0..=0xA8FF => "Devanagari",
        0x0980..=0x09FF => "Bengali",
        0x0A00..=0x0A7F => "Gurmukhi",
        0x0A80..=0x0AFF => "Gujarati",
        0x0B00..=0x0B7F => "Odia",
        0x0B80..=0x0BFF => "Tamil",
        0x0C00..=0x0C7F => "Telugu",
        0x0C80..=0x0CFF => "Kannada",
        0x0D00..=0x0D7F => "Malayalam",
        0x0D80..=0x0DFF => "Sinhala",
        0x0E00..=0x0E7F => "Thai",
        0x0E80..=0x0EFF => "Lao",
        0x0F00..=0x0FFF => "Tibetan",
        0x1000..=0x109F => "Myanmar",
        0x10A0..=0x10FF => "Georgian",
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Korean",
        0x1200..=0x139F => "Ethiopic",
        0x13A0..=0x13FF => "Cherokee",
        0x1780..=0x17FF => "Khmer",
        0x1800..=0x18AF => "Mongolian",
        0x3040..=0x309F => "Hiragana",
        0x30A0..=0x30FF | 0x31F0..=0x31FF => "Katakana",
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF => {
            "Chinese (Han)"
        }
        0x20000..=0x3FFFF => "Chinese (Han)",
        0x1F000..=0x1FAFF => "emoji",
        0x0080..=0x024F | 0x1E00..=0x1EFF => "Latin",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_skip_ascii_spaces_and_format_marks() {
        let l = distinct_letters("Ab café\u{200F} e\u{301} हिन्दी  中文 中");
        assert!(l.contains(&'é') && l.contains(&'ह') && l.contains(&'中'));
        assert!(!l.contains(&'A') && !l.contains(&' ') && !l.contains(&'\u{200F}'));
        assert!(
            !l.contains(&'\u{301}'),
            "a combining accent rides on its letter"
        );
        assert_eq!(l.iter().filter(|c| **c == '中').count(), 1);
    }

    #[test]
    fn each_missing_script_is_named_once_with_its_first_letter() {
        let letters = distinct_letters("café हिन्दी 中文 русский");
        // A font with Latin and Cyrillic only.
        let has = |c: char| matches!(script_of(c), "Latin" | "Cyrillic");
        let missing = missing_scripts(&letters, has).expect("something is missing");
        let names: Vec<&str> = missing.scripts.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["Devanagari", "Chinese (Han)"]);
        assert!(missing.message().contains("Devanagari (e.g. U+0926)"));
        assert!(missing_scripts(&letters, |_| true).is_none());
    }

    #[test]
    fn a_script_is_tried_until_one_of_its_letters_is_missing() {
        // The font has "é" but not "ő": Latin is still reported.
        let letters = distinct_letters("éő");
        let missing = missing_scripts(&letters, |c| c == 'é').unwrap();
        assert_eq!(missing.scripts, vec![("Latin", 'ő')]);
    }
}
