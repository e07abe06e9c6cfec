//! Right-to-left and mixed-direction paragraphs for the reading pane.
//!
//! egui lays text out left to right in logical (memory) order, so a Hebrew
//! or Arabic line would read backwards. For a paragraph containing
//! right-to-left text, the pane first lets egui break the paragraph into
//! rows in logical order, then [`reorder`] puts each row into display order
//! with the Unicode Bidirectional Algorithm (`unicode-bidi`, UAX #9):
//! right-to-left runs are reversed grapheme by grapheme (so combining marks
//! stay on their letter) and paired brackets are mirrored. The pane lays out
//! the reordered rows once more, and [`Reordered`] maps every display
//! position back to the char offset it shows, so hit tests, selections and
//! highlights keep using the model's logical offsets.
//!
//! No egui here: only the reordering and the two-way mapping.

use std::ops::Range;
use unicode_bidi::ParagraphBidiInfo;
use unicode_segmentation::UnicodeSegmentation;

/// One paragraph in display order, with the mapping between display and
/// logical char positions. Positions are paragraph-local char indices.
#[derive(Clone, Debug, PartialEq)]
pub struct Reordered {
    /// The paragraph's base direction is right to left (its first strong
    /// letter is Hebrew, Arabic, …): it is right-aligned.
    pub rtl: bool,
    /// The rows in display order, joined by `\n`.
    pub visual: String,
    /// Logical char of each display char; [`NEWLINE`] for the row breaks.
    vis_to_log: Vec<usize>,
    /// Display char of each logical char.
    log_to_vis: Vec<usize>,
    /// Whether each logical char is displayed right to left (odd level).
    rtl_char: Vec<bool>,
}

/// Marks the `\n` between two display rows in the display → logical map.
const NEWLINE: usize = usize::MAX;

impl Reordered {
    /// The logical char shown at display char `v`, or `None` for a row break.
    pub fn logical_of(&self, v: usize) -> Option<usize> {
        self.vis_to_log.get(v).copied().filter(|&l| l != NEWLINE)
    }

    /// The display position of logical char `l`.
    pub fn visual_of(&self, l: usize) -> Option<usize> {
        self.log_to_vis.get(l).copied()
    }

    /// Whether logical char `l` runs right to left, so that its leading edge
    /// (where a selection starting at it begins) is its right edge.
    pub fn is_rtl_char(&self, l: usize) -> bool {
        self.rtl_char.get(l).copied().unwrap_or(self.rtl)
    }

    /// Number of logical chars.
    pub fn len(&self) -> usize {
        self.log_to_vis.len()
    }

    /// Whether the paragraph is empty.
    pub fn is_empty(&self) -> bool {
        self.log_to_vis.is_empty()
    }
}

/// Whether `text` has any right-to-left letters (a cheap test before
/// running the full algorithm).
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
            | 0x200F | 0x202B | 0x202E | 0x2067)
    })
}

/// Whether a paragraph's base direction is right to left (its first strong
/// letter is Hebrew, Arabic…), so its start is on the right of the screen.
pub fn is_rtl_paragraph(text: &str) -> bool {
    has_rtl(text) && ParagraphBidiInfo::new(text, None).paragraph_level.is_rtl()
}

/// Splits `text` into the pieces egui should shape separately: every
/// grapheme with a right-to-left letter alone, everything between them in
/// one piece (byte ranges, in order, covering the text).
///
/// egui shapes each run with harfrust, which lays a Hebrew or Arabic run
/// out right to left and then gives back more glyphs than chars, so glyph
/// positions no longer match chars. Shaped one grapheme at a time, each
/// char keeps exactly one glyph in text order, and the reordering here
/// decides the direction. (The cost: Arabic letters show their isolated
/// forms, not their joined ones.)
pub fn shaping_pieces(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (b, g) in text.grapheme_indices(true) {
        if has_rtl(g) {
            if start < b {
                out.push(start..b);
            }
            out.push(b..b + g.len());
            start = b + g.len();
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Reorders `text` (one paragraph, no line breaks) into display order, row
/// by row. `rows` are the paragraph's rows as logical char ranges, as the
/// line breaker made them; they cover the text in order. Returns `None` when
/// the paragraph has no right-to-left text (nothing to reorder).
pub fn reorder(text: &str, rows: &[Range<usize>]) -> Option<Reordered> {
    if !has_rtl(text) {
        return None;
    }
    let info = ParagraphBidiInfo::new(text, None);
    if !info.has_rtl() {
        return None;
    }
    // Byte offset of each char, plus the end.
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = byte_of.len() - 1;
    let char_of = |b: usize| byte_of.partition_point(|&x| x < b);
    let mut out = Reordered {
        rtl: info.paragraph_level.is_rtl(),
        visual: String::with_capacity(text.len() + rows.len()),
        vis_to_log: Vec::with_capacity(n + rows.len()),
        log_to_vis: vec![0; n],
        rtl_char: vec![false; n],
    };
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.visual.push('\n');
            out.vis_to_log.push(NEWLINE);
        }
        let (s, e) = (row.start.min(n), row.end.min(n));
        if s >= e {
            continue;
        }
        let line = byte_of[s]..byte_of[e];
        let (levels, runs) = info.visual_runs(line);
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut push = |b: usize, ch: char| {
                let l = char_of(b);
                out.log_to_vis[l] = out.vis_to_log.len();
                out.rtl_char[l] = rtl;
                out.vis_to_log.push(l);
                out.visual.push(if rtl { mirror(ch) } else { ch });
            };
            let slice = &text[run.clone()];
            if rtl {
                for (g, grapheme) in slice.grapheme_indices(true).rev() {
                    for (c, ch) in grapheme.char_indices() {
                        push(run.start + g + c, ch);
                    }
                }
            } else {
                for (c, ch) in slice.char_indices() {
                    push(run.start + c, ch);
                }
            }
        }
    }
    Some(out)
}

/// The mirrored form of a paired punctuation mark shown right to left
/// (UAX #9 rule L4, for the common pairs).
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> usize {
        s.chars().count()
    }

    /// A paragraph of `n` chars on one row.
    fn one_row(n: usize) -> Vec<Range<usize>> {
        std::iter::once(0..n).collect()
    }

    /// The display string of each logical range, read through the map.
    fn shown(r: &Reordered) -> String {
        (0..r.visual.chars().count())
            .map(|v| match r.logical_of(v) {
                Some(_) => r.visual.chars().nth(v).unwrap(),
                None => '|',
            })
            .collect()
    }

    #[test]
    fn right_to_left_graphemes_are_shaped_alone() {
        let text = "ab שָׁל 12";
        let pieces: Vec<&str> = shaping_pieces(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pieces, ["ab ", "שָׁ", "ל", " 12"]);
        assert_eq!(shaping_pieces("plain").len(), 1);
    }

    proptest::proptest! {
        /// Display and logical positions map one to one, whatever the mix
        /// of scripts, numbers, marks and row breaks.
        #[test]
        fn display_and_logical_positions_are_a_bijection(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'Z', ' ', '1', '9', '(', ')', '.', ',', '-', '“', '”',
                    'ש', 'ל', 'ו', 'ם', '\u{05B8}', 'ق', 'ا', 'ل', '\u{064E}', '٣', '\u{200F}',
                ]),
                1..60,
            ),
            cuts in proptest::collection::vec(0usize..60, 0..4),
        ) {
            let text: String = chars.iter().collect();
            let n = chars.len();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % n).filter(|&c| c > 0).collect();
            cuts.sort_unstable();
            cuts.dedup();
            let mut rows = Vec::new();
            let mut at = 0;
            for c in cuts.into_iter().chain(std::iter::once(n)) {
                rows.push(at..c);
                at = c;
            }
            if let Some(r) = reorder(&text, &rows) {
                proptest::prop_assert_eq!(r.len(), n);
                let shown = r.visual.chars().count();
                proptest::prop_assert_eq!(shown, n + rows.len() - 1);
                let mut seen = vec![false; n];
                for v in 0..shown {
                    if let Some(l) = r.logical_of(v) {
                        proptest::prop_assert!(!seen[l]);
                        seen[l] = true;
                        proptest::prop_assert_eq!(r.visual_of(l), Some(v));
                    }
                }
                proptest::prop_assert!(seen.iter().all(|&s| s));
            }
        }
    }

    #[test]
    fn latin_text_is_left_alone() {
        assert_eq!(reorder("They finally signed (RELOS).", &one_row(28)), None);
    }

    #[test]
    fn hebrew_reads_right_to_left_and_maps_back() {
        let text = "שלום עולם";
        let r = reorder(text, &one_row(chars(text))).unwrap();
        assert!(r.rtl);
        assert_eq!(r.visual, "םלוע םולש");
        // The first logical letter (ש) is shown last, at the right.
        assert_eq!(r.visual_of(0), Some(8));
        assert_eq!(r.logical_of(8), Some(0));
        assert!(r.is_rtl_char(0));
        for l in 0..r.len() {
            assert_eq!(r.logical_of(r.visual_of(l).unwrap()), Some(l));
        }
    }

    #[test]
    fn embedded_latin_and_numbers_keep_their_order() {
        let text = "ההסכם RELOS נחתם ב-2025 (סופית)";
        let r = reorder(text, &one_row(chars(text))).unwrap();
        assert!(r.rtl);
        // Latin and digits stay left to right inside the right-to-left line.
        assert!(r.visual.contains("RELOS"), "{}", r.visual);
        assert!(r.visual.contains("2025"), "{}", r.visual);
        // Brackets are mirrored: the logical "(" shows as ")" at the left end.
        assert!(r.visual.starts_with("(תיפוס)"), "{}", r.visual);
        assert!(!r.is_rtl_char(chars("ההסכם ")));
    }

    #[test]
    fn rows_are_reordered_separately() {
        let text = "אחת שתיים שלוש";
        let rows = [0..4, 4..chars(text)];
        let r = reorder(text, &rows).unwrap();
        // Row one holds "אחת " (trailing space at the logical end, i.e. left).
        assert_eq!(shown(&r), " תחא|שולש םייתש");
        assert_eq!(r.logical_of(4), None);
    }

    #[test]
    fn latin_paragraph_with_an_arabic_word_stays_left_to_right() {
        let text = "The word سلام means peace";
        let r = reorder(text, &one_row(chars(text))).unwrap();
        assert!(!r.rtl);
        assert_eq!(r.visual, "The word مالس means peace");
    }

    #[test]
    fn combining_marks_stay_on_their_letter() {
        // Hebrew shin with a point (U+05C1) then bet.
        let text = "\u{05E9}\u{05C1}\u{05D1}";
        let r = reorder(text, &one_row(3)).unwrap();
        assert_eq!(r.visual, "\u{05D1}\u{05E9}\u{05C1}");
        assert_eq!(r.visual_of(0), Some(1));
        assert_eq!(r.visual_of(1), Some(2));
    }
}
