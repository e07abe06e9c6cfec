//! A one-screen summary for a class: how much of the text is fact, claim or
//! speculation, how much is unmarked, and how many speculative sentences the
//! lens found against how many the annotator marked.

use crate::analysis::covered;
use crate::analysis::lens::{Label, MarkedSpans, SentenceReading};
use crate::model::{ArgumentMap, Role};
use serde::Serialize;
use std::collections::BTreeMap;

/// The role groups a summary reports, in display order, with their JSON keys.
pub const SHARE_GROUPS: [(&str, &[Role]); 5] = [
    ("evidence", &[Role::Evidence]),
    ("claim", &[Role::MainClaim, Role::Claim]),
    ("premise", &[Role::Premise]),
    ("speculation", &[Role::Speculation]),
    ("other", &[Role::Other]),
];

/// The class summary of one annotated text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Length of the text in chars.
    pub chars: usize,
    /// Share (0..1) of the text's chars covered by units of each role group
    /// (`evidence`, `claim` = main claim + claim, `premise`, `speculation`,
    /// `other`) and `unmarked` (covered by no unit). Units may nest, so the
    /// groups can add up to more than 1.
    pub share: BTreeMap<&'static str, f64>,
    /// Sentences the lens labels speculation.
    pub speculative_sentences_found: usize,
    /// Of those, the ones a speculation-role unit overlaps.
    pub speculative_sentences_marked: usize,
}

/// Summarises `map`, given the lens's reading of its text.
pub fn summary(map: &ArgumentMap, readings: &[SentenceReading]) -> Summary {
    let mut tally = SentenceTally::new(map);
    readings.iter().for_each(|r| tally.add(r));
    summary_counted(map, &tally)
}

/// Speculative sentences found and marked, counted one reading at a time,
/// so a command can summarise a text the lens streams through
/// ([`crate::analysis::lens::read_each`]) without keeping its readings.
#[derive(Clone, Debug)]
pub struct SentenceTally {
    marked: MarkedSpans,
    found: usize,
    found_marked: usize,
}

impl SentenceTally {
    /// Nothing counted yet, against the map's speculation-role units.
    pub fn new(map: &ArgumentMap) -> Self {
        Self {
            marked: MarkedSpans::new(map),
            found: 0,
            found_marked: 0,
        }
    }

    /// Counts one sentence's reading.
    pub fn add(&mut self, r: &SentenceReading) {
        if r.label == Label::Speculation {
            self.found += 1;
            self.found_marked += usize::from(self.marked.overlaps(&r.span));
        }
    }
}

/// Summarises `map`, given the sentences counted while its text was read.
pub fn summary_counted(map: &ArgumentMap, tally: &SentenceTally) -> Summary {
    let len = map.source().len_chars();
    let share_of = |n: usize| if len == 0 { 0.0 } else { n as f64 / len as f64 };
    let roles: Vec<Role> = map
        .units()
        .iter()
        .map(|u| map.scheme().role_of(&u.kind))
        .collect();
    let mut share = BTreeMap::new();
    for (key, group) in SHARE_GROUPS {
        let spans = map
            .units()
            .iter()
            .zip(&roles)
            .filter(|(_, r)| group.contains(r))
            .map(|(u, _)| u.span());
        share.insert(key, share_of(covered(spans, len)));
    }
    let any = covered(map.units().iter().map(|u| u.span()), len);
    share.insert("unmarked", share_of(len - any));
    Summary {
        chars: len,
        share,
        speculative_sentences_found: tally.found,
        speculative_sentences_marked: tally.found_marked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::lens::{Lexicon, read_map};
    use crate::model::TagScheme;
    use crate::model::fixture::marked;

    #[test]
    fn shares_and_sentence_counts() {
        // 40 chars: "Prices rose. It might rain. It will end."
        let m = marked(
            "[Evidence:Prices rose.] [Speculation:It might] rain. [Claim:It] will end.",
            TagScheme::argument(),
        );
        assert_eq!(m.text().chars().count(), 40);
        let s = summary(&m, &read_map(&m, Lexicon::builtin()));
        assert_eq!(s.chars, 40);
        let close = |k: &str, v: f64| (s.share[k] - v).abs() < 1e-9;
        assert!(close("evidence", 12.0 / 40.0), "{s:?}");
        assert!(close("speculation", 8.0 / 40.0), "{s:?}");
        assert!(close("claim", 2.0 / 40.0), "{s:?}");
        assert!(close("premise", 0.0), "{s:?}");
        assert!(close("unmarked", 18.0 / 40.0), "{s:?}");
        assert_eq!(s.speculative_sentences_found, 2);
        assert_eq!(s.speculative_sentences_marked, 1);
    }

    #[test]
    fn a_tally_of_the_streamed_readings_gives_the_same_summary() {
        let m = marked(
            "[Speculation:It might rain.] It will end. Talks may resume.\nThey said so. Prices rose.",
            TagScheme::argument(),
        );
        let readings = read_map(&m, Lexicon::builtin());
        let mut tally = SentenceTally::new(&m);
        let mut streamed = 0;
        crate::analysis::lens::read_each(m.text(), Lexicon::builtin(), |r| {
            streamed += 1;
            tally.add(&r);
        });
        assert_eq!(streamed, readings.len());
        let s = summary_counted(&m, &tally);
        assert_eq!(s, summary(&m, &readings));
        assert_eq!(s.speculative_sentences_found, 3);
        assert_eq!(s.speculative_sentences_marked, 1);
    }

    #[test]
    fn empty_text_has_zero_shares() {
        let m = ArgumentMap::new("", TagScheme::argument());
        let s = summary(&m, &[]);
        assert!(s.share.values().all(|&v| v == 0.0));
    }
}
