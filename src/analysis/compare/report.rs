//! The comparison as one serialisable report (`argmark compare --json`), and
//! its assembly from the measures. Units are named by id, tag and span, so a
//! window can select and highlight every aligned pair and disagreement.

use super::align::{self, Pair};
use super::coding::{self, Coefficient};
use super::identity::{UnmatchedTag, unmatched_tags};
use super::relations::{RelationAgreement, relation_agreement};
use super::scenarios::{ScenarioAgreement, scenario_agreement};
use super::spans::{SpanF1, span_f1};
use super::tokens;
use super::unitizing::{AlphaU, UnitizingStudy};
use super::{Annotator, Options};
use crate::model::{ArgumentMap, Unit, UnitId};
use serde::Serialize;
use std::ops::Range;

/// A unit as reports name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnitRef {
    pub id: UnitId,
    pub tag: String,
    pub start: usize,
    pub end: usize,
}

impl UnitRef {
    /// The reference to a map's unit.
    pub fn of(u: &Unit) -> UnitRef {
        UnitRef {
            id: u.id.clone(),
            tag: u.kind.clone(),
            start: u.start,
            end: u.end,
        }
    }
}

/// Two aligned units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlignedPair {
    pub a: UnitRef,
    pub b: UnitRef,
    /// Chars both spans cover.
    pub overlap: usize,
    /// Char-span Jaccard index.
    pub jaccard: f64,
    /// Same start and end.
    pub exact: bool,
    /// Same tag name.
    pub same_tag: bool,
    /// b.start − a.start, in chars.
    pub start_diff: i64,
    /// b.end − a.end, in chars.
    pub end_diff: i64,
}

/// What kind of difference a [`Disagreement`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// A unit of A with no aligned unit in B.
    OnlyInA,
    /// A unit of B with no aligned unit in A.
    OnlyInB,
    /// Aligned units with different tags (boundaries may differ too).
    TagDiffers,
    /// Aligned units with the same tag but different boundaries.
    BoundaryDiffers,
}

/// One difference between two annotators, in text order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    pub kind: DisagreementKind,
    pub a: Option<UnitRef>,
    pub b: Option<UnitRef>,
    /// b.start − a.start for aligned units.
    pub start_diff: i64,
    /// b.end − a.end for aligned units.
    pub end_diff: i64,
}

impl Disagreement {
    /// Where it starts in the text, for sorting and scrolling.
    pub fn start(&self) -> usize {
        self.a.as_ref().or(self.b.as_ref()).map_or(0, |u| u.start)
    }
}

/// The alignment counts of one pair of annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairAlignment {
    pub a: String,
    pub b: String,
    /// Aligned unit pairs.
    pub aligned: usize,
    /// Of those, with the same span.
    pub exact: usize,
    /// Of those, with the same tag.
    pub same_tag: usize,
    /// Units of A, of B, without a partner.
    pub only_a: usize,
    pub only_b: usize,
    /// Mean of |start_diff| + |end_diff| over aligned pairs, in chars.
    pub mean_boundary_diff: Option<f64>,
}

/// The alignment rule and its counts per pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlignmentSummary {
    /// Least char-span Jaccard index for a pair.
    pub min_overlap: f64,
    pub pairs: Vec<PairAlignment>,
}

/// Everything measured between two annotators.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairReport {
    pub a: String,
    pub b: String,
    pub span_f1: SpanF1,
    /// Over word tokens.
    pub cohen_kappa: Coefficient,
    pub relations: RelationAgreement,
    pub scenarios: ScenarioAgreement,
    /// Aligned pairs in A's text order.
    pub aligned: Vec<AlignedPair>,
    /// Units without partner, tag and boundary differences, in text order.
    pub disagreements: Vec<Disagreement>,
}

/// An annotation taking part.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnnotatorInfo {
    pub name: String,
    pub scheme: String,
    pub units: usize,
    pub relations: usize,
    pub scenarios: usize,
}

/// The word tokens the coded measures use.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TokenSummary {
    /// UAX #29 words in the text.
    pub words: usize,
    /// Labels in use: `none`, then tag names.
    pub labels: Vec<String>,
}

/// Everything `argmark compare --json` prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// SHA-256 of the common text.
    pub text_sha256: String,
    /// Its length in chars.
    pub chars: usize,
    pub annotators: Vec<AnnotatorInfo>,
    /// Tags not in every annotator's scheme (units keep being compared by name).
    pub unmatched_tags: Vec<UnmatchedTag>,
    pub tokens: TokenSummary,
    pub alignment: AlignmentSummary,
    /// Every pair of annotators, in input order.
    pub pairs: Vec<PairReport>,
    /// Over word tokens, all annotators.
    pub fleiss_kappa: Coefficient,
    /// Over word tokens, all annotators.
    pub krippendorff_alpha: Coefficient,
    /// Over the char continuum, all annotators.
    pub alpha_u: AlphaU,
}

/// The word tokens and every annotator's label per token.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenItems {
    /// Char ranges of the words.
    pub words: Vec<Range<usize>>,
    /// Label names; index 0 is `none`.
    pub labels: Vec<String>,
    /// `codes[annotator][word]`: index into `labels`.
    pub codes: Vec<Vec<u16>>,
}

/// Tokenises the common text and labels every word for every annotator.
pub fn token_items(annotators: &[Annotator]) -> TokenItems {
    let mut labels = vec!["none".to_owned()];
    let mut add = |name: &str| {
        if !labels.iter().any(|l| l == name) {
            labels.push(name.to_owned());
        }
    };
    for a in annotators {
        a.map.scheme().tags.iter().for_each(|t| add(&t.name));
    }
    for a in annotators {
        a.map.units().iter().for_each(|u| add(&u.kind));
    }
    let words = annotators
        .first()
        .map(|a| tokens::words(a.map.text()))
        .unwrap_or_default();
    let codes = annotators
        .iter()
        .map(|a| {
            let unit_codes: Vec<u16> = a
                .map
                .units()
                .iter()
                .map(|u| labels.iter().position(|l| *l == u.kind).unwrap_or(0) as u16)
                .collect();
            tokens::labels(&words, a.map.units(), &unit_codes)
        })
        .collect();
    TokenItems {
        words,
        labels,
        codes,
    }
}

/// The aligned pairs of two maps, as positions in their unit lists.
pub fn alignment(a: &ArgumentMap, b: &ArgumentMap, options: &Options) -> Vec<Pair> {
    align::align(a.units(), b.units(), options.min_overlap)
}

/// Builds the report; the texts are known to be the same.
pub(super) fn build(sha: String, annotators: &[Annotator], options: &Options) -> Report {
    let n = annotators.len();
    let indices: Vec<(usize, usize)> = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect();
    // Words on this thread; α_U and the alignments on another.
    let other = || {
        let aligned: Vec<Vec<Pair>> = indices
            .iter()
            .map(|&(i, j)| alignment(annotators[i].map, annotators[j].map, options))
            .collect();
        (alpha_u(annotators), aligned)
    };
    let (items, (alpha, alignments)) = std::thread::scope(|s| {
        let handle = s.spawn(other);
        let items = token_items(annotators);
        (items, handle.join().unwrap_or_else(|_| other()))
    });
    let mut pairs = Vec::new();
    let mut summaries = Vec::new();
    for (&(i, j), aligned) in indices.iter().zip(&alignments) {
        let (x, y) = (&annotators[i], &annotators[j]);
        let report = pair_report(x, y, aligned, &items.codes[i], &items.codes[j]);
        summaries.push(summarise(&report, x.map, y.map));
        pairs.push(report);
    }
    let all: Vec<&[u16]> = items.codes.iter().map(Vec::as_slice).collect();
    let words = items.words.len();
    let coded: Vec<Vec<Option<u16>>> = items
        .codes
        .iter()
        .map(|c| c.iter().copied().map(Some).collect())
        .collect();
    let schemes: Vec<(&str, Vec<&str>)> = annotators
        .iter()
        .map(|a| {
            let tags = a
                .map
                .scheme()
                .tags
                .iter()
                .map(|t| t.name.as_str())
                .collect();
            (a.name, tags)
        })
        .collect();
    Report {
        text_sha256: sha,
        chars: annotators[0].map.source().len_chars(),
        annotators: annotators
            .iter()
            .map(|a| AnnotatorInfo {
                name: a.name.to_owned(),
                scheme: a.map.scheme().name.clone(),
                units: a.map.units().len(),
                relations: a.map.relations().len(),
                scenarios: a.map.scenarios().len(),
            })
            .collect(),
        unmatched_tags: unmatched_tags(&schemes),
        tokens: TokenSummary {
            words,
            labels: items.labels.clone(),
        },
        alignment: AlignmentSummary {
            min_overlap: options.min_overlap,
            pairs: summaries,
        },
        pairs,
        fleiss_kappa: Coefficient {
            value: coding::fleiss_kappa(&all),
            items: words,
            excluded: 0,
        },
        krippendorff_alpha: coding::krippendorff_alpha(&coded),
        alpha_u: alpha,
    }
}

/// α_U of all annotators over the text's chars.
pub fn alpha_u(annotators: &[Annotator]) -> AlphaU {
    let mut study = UnitizingStudy {
        begin: 0,
        length: annotators
            .first()
            .map_or(0, |a| a.map.source().len_chars() as u64),
        raters: annotators.len(),
        units: Vec::new(),
    };
    for (r, a) in annotators.iter().enumerate() {
        for u in a.map.units() {
            study.add(u.start as u64, (u.end - u.start) as u64, r, &u.kind);
        }
    }
    study.alpha()
}

/// Every measure between two annotators, given their alignment and word labels.
pub fn pair_report(
    x: &Annotator,
    y: &Annotator,
    aligned: &[Pair],
    codes_x: &[u16],
    codes_y: &[u16],
) -> PairReport {
    let (ua, ub) = (x.map.units(), y.map.units());
    let pairs: Vec<AlignedPair> = aligned
        .iter()
        .map(|p| {
            let (a, b) = (&ua[p.a], &ub[p.b]);
            AlignedPair {
                a: UnitRef::of(a),
                b: UnitRef::of(b),
                overlap: p.overlap,
                jaccard: align::jaccard(a, b),
                exact: a.start == b.start && a.end == b.end,
                same_tag: a.kind == b.kind,
                start_diff: b.start as i64 - a.start as i64,
                end_diff: b.end as i64 - a.end as i64,
            }
        })
        .collect();
    let mut disagreements = Vec::new();
    let mut has_a = vec![false; ua.len()];
    let mut has_b = vec![false; ub.len()];
    for (p, ap) in aligned.iter().zip(&pairs) {
        has_a[p.a] = true;
        has_b[p.b] = true;
        let kind = if !ap.same_tag {
            DisagreementKind::TagDiffers
        } else if !ap.exact {
            DisagreementKind::BoundaryDiffers
        } else {
            continue;
        };
        disagreements.push(Disagreement {
            kind,
            a: Some(ap.a.clone()),
            b: Some(ap.b.clone()),
            start_diff: ap.start_diff,
            end_diff: ap.end_diff,
        });
    }
    let lonely = |units: &[Unit], has: &[bool], kind| {
        units
            .iter()
            .zip(has)
            .filter(|(_, h)| !**h)
            .map(|(u, _)| Disagreement {
                kind,
                a: (kind == DisagreementKind::OnlyInA).then(|| UnitRef::of(u)),
                b: (kind == DisagreementKind::OnlyInB).then(|| UnitRef::of(u)),
                start_diff: 0,
                end_diff: 0,
            })
            .collect::<Vec<_>>()
    };
    disagreements.extend(lonely(ua, &has_a, DisagreementKind::OnlyInA));
    disagreements.extend(lonely(ub, &has_b, DisagreementKind::OnlyInB));
    disagreements.sort_by_key(|d| d.start());
    PairReport {
        a: x.name.to_owned(),
        b: y.name.to_owned(),
        span_f1: span_f1(ua, ub, aligned),
        cohen_kappa: Coefficient {
            value: coding::cohen_kappa(codes_x, codes_y),
            items: codes_x.len(),
            excluded: 0,
        },
        relations: relation_agreement(x.map, y.map, aligned),
        scenarios: scenario_agreement(x.map, y.map, aligned),
        aligned: pairs,
        disagreements,
    }
}

fn summarise(r: &PairReport, a: &ArgumentMap, b: &ArgumentMap) -> PairAlignment {
    let n = r.aligned.len();
    let boundary: i64 = r
        .aligned
        .iter()
        .map(|p| p.start_diff.abs() + p.end_diff.abs())
        .sum();
    PairAlignment {
        a: r.a.clone(),
        b: r.b.clone(),
        aligned: n,
        exact: r.aligned.iter().filter(|p| p.exact).count(),
        same_tag: r.aligned.iter().filter(|p| p.same_tag).count(),
        only_a: a.units().len() - n,
        only_b: b.units().len() - n,
        mean_boundary_diff: (n > 0).then(|| boundary as f64 / n as f64),
    }
}
