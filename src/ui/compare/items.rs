//! The compare window's list of items: every aligned pair and every
//! disagreement of one pair of annotators, in text order, each with a kind
//! that decides its colour and its label. Pure (no egui drawing), so it is
//! unit-tested.

use crate::analysis::compare::report::DisagreementKind;
use crate::analysis::compare::{PairReport, UnitRef};
use egui::Color32;
use std::ops::Range;

/// How the two annotators relate at one place in the text, as curation tools
/// colour it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// Same span, same tag.
    Agree,
    /// Aligned, tagged differently.
    TagDiffers,
    /// Aligned, same tag, different boundaries.
    BoundaryDiffers,
    /// Marked by A only.
    OnlyA,
    /// Marked by B only.
    OnlyB,
}

impl ItemKind {
    /// Every kind, in legend order.
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Agree,
        ItemKind::TagDiffers,
        ItemKind::BoundaryDiffers,
        ItemKind::OnlyA,
        ItemKind::OnlyB,
    ];

    /// The legend's words; with an answer key (A = key, B = student) in a
    /// student's terms.
    pub fn label(self, key: bool) -> &'static str {
        match (self, key) {
            (ItemKind::Agree, false) => "agree",
            (ItemKind::Agree, true) => "correct",
            (ItemKind::TagDiffers, false) => "tag differs",
            (ItemKind::TagDiffers, true) => "wrong tag",
            (ItemKind::BoundaryDiffers, false) => "boundary differs",
            (ItemKind::BoundaryDiffers, true) => "boundary off",
            (ItemKind::OnlyA, false) => "only in A",
            (ItemKind::OnlyA, true) => "missed",
            (ItemKind::OnlyB, false) => "only in B",
            (ItemKind::OnlyB, true) => "extra",
        }
    }

    /// Which of two overlapping items colours the text (disagreements win).
    fn weight(self) -> u8 {
        match self {
            ItemKind::Agree => 0,
            ItemKind::BoundaryDiffers => 1,
            ItemKind::TagDiffers => 2,
            ItemKind::OnlyA | ItemKind::OnlyB => 3,
        }
    }

    /// Full-strength colour (swatches, outlines), chosen to stay apart for
    /// the common colour-vision deficiencies: blue-green, orange, yellow,
    /// reddish purple, sky blue (Okabe–Ito).
    pub fn stroke(self, dark: bool) -> Color32 {
        let rgb = match self {
            ItemKind::Agree => [0x00, 0x9e, 0x73],
            ItemKind::TagDiffers => [0xd5, 0x5e, 0x00],
            ItemKind::BoundaryDiffers => [0xc8, 0xa0, 0x00],
            ItemKind::OnlyA => [0xcc, 0x79, 0xa7],
            ItemKind::OnlyB => [0x56, 0xb4, 0xe9],
        };
        super::super::colors::stroke(crate::model::Rgb(rgb), dark)
    }

    /// The translucent fill behind text.
    pub fn tint(self, dark: bool) -> Color32 {
        let [r, g, b, _] = self.stroke(dark).to_array();
        let alpha = match (self, dark) {
            (ItemKind::Agree, false) => 30,
            (ItemKind::Agree, true) => 40,
            (_, false) => 70,
            (_, true) => 80,
        };
        Color32::from_rgba_unmultiplied(r, g, b, alpha)
    }
}

/// One place where the annotators agree or differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub a: Option<UnitRef>,
    pub b: Option<UnitRef>,
}

impl Item {
    /// The chars either side covers (the hull of both spans).
    pub fn hull(&self) -> Range<usize> {
        let spans = self.a.iter().chain(&self.b);
        let start = spans.clone().map(|u| u.start).min().unwrap_or(0);
        let end = spans.map(|u| u.end).max().unwrap_or(0);
        start..end
    }

    /// Whether it is a disagreement (everything but `Agree`).
    pub fn differs(&self) -> bool {
        self.kind != ItemKind::Agree
    }
}

/// Every item of a pair, in text order (ties: longer first).
pub fn items(pair: &PairReport) -> Vec<Item> {
    let mut out: Vec<Item> = pair
        .aligned
        .iter()
        .filter(|p| p.exact && p.same_tag)
        .map(|p| Item {
            kind: ItemKind::Agree,
            a: Some(p.a.clone()),
            b: Some(p.b.clone()),
        })
        .collect();
    out.extend(pair.disagreements.iter().map(|d| Item {
        kind: match d.kind {
            DisagreementKind::OnlyInA => ItemKind::OnlyA,
            DisagreementKind::OnlyInB => ItemKind::OnlyB,
            DisagreementKind::TagDiffers => ItemKind::TagDiffers,
            DisagreementKind::BoundaryDiffers => ItemKind::BoundaryDiffers,
        },
        a: d.a.clone(),
        b: d.b.clone(),
    }));
    out.sort_by_key(|i| {
        let h = i.hull();
        (h.start, std::cmp::Reverse(h.end))
    });
    out
}

/// The kind colouring each char of `range`, as runs `(local range, kind)`
/// relative to `range.start`; chars no item covers are left out. Where items
/// overlap, the more serious difference wins.
pub fn runs<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    range: Range<usize>,
) -> Vec<(Range<usize>, ItemKind)> {
    let len = range.end - range.start;
    let mut per_char: Vec<Option<ItemKind>> = vec![None; len];
    for item in items {
        let h = item.hull();
        let (s, e) = (h.start.max(range.start), h.end.min(range.end));
        for c in per_char
            .iter_mut()
            .take(e.saturating_sub(range.start))
            .skip(s.saturating_sub(range.start))
        {
            if c.is_none_or(|k| k.weight() < item.kind.weight()) {
                *c = Some(item.kind);
            }
        }
    }
    let mut out: Vec<(Range<usize>, ItemKind)> = Vec::new();
    for (i, k) in per_char.into_iter().enumerate() {
        let Some(k) = k else { continue };
        match out.last_mut() {
            Some((r, last)) if r.end == i && *last == k => r.end = i + 1,
            _ => out.push((i..i + 1, k)),
        }
    }
    out
}

/// For each paragraph, the items touching it, so the pane looks only at
/// those (computed once per pair, like the main pane's units per paragraph).
pub fn by_paragraph(items: &[Item], index: &crate::model::TextIndex) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); index.paragraphs().len()];
    for (i, item) in items.iter().enumerate() {
        let h = item.hull();
        let first = index.paragraph_of(h.start);
        let last = index.paragraph_of(h.end.saturating_sub(1).max(h.start));
        for list in out.iter_mut().take(last + 1).skip(first) {
            list.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::compare::{Annotator, Options, compare};
    use crate::model::TagScheme;
    use crate::model::fixture::marked;

    fn parse(s: &str) -> crate::model::ArgumentMap {
        marked(s, TagScheme::argument())
    }

    #[test]
    fn items_follow_the_engine_and_overlaps_show_the_worse_kind() {
        let a = parse("[Claim:One two] three [Premise:four five] six [Claim:seven] eight.");
        let b = parse("[Claim:One two] three [Claim:four five] six seven [Claim:eight].");
        let report = compare(
            &[
                Annotator { name: "a", map: &a },
                Annotator { name: "b", map: &b },
            ],
            &Options::default(),
        )
        .unwrap();
        let list = items(&report.pairs[0]);
        let kinds: Vec<ItemKind> = list.iter().map(|i| i.kind).collect();
        assert_eq!(
            kinds,
            [
                ItemKind::Agree,
                ItemKind::TagDiffers,
                ItemKind::OnlyA,
                ItemKind::OnlyB
            ]
        );
        let text_len = a.source().len_chars();
        let r = runs(&list, 0..text_len);
        let per_para = by_paragraph(&list, a.source().index());
        assert_eq!(per_para, [vec![0, 1, 2, 3]]);
        assert_eq!(r[0], (0..7, ItemKind::Agree));
        assert_eq!(r[1].1, ItemKind::TagDiffers);
        assert_eq!(r.len(), 4);
    }
}
