//! Comparing annotations of one text: unit alignment, inter-annotator
//! agreement, and scoring students against an answer key (`argmark compare`),
//! plus one-row profiles of maps of different texts (`argmark profile`).
//! Pure functions of maps; no egui. Every result is a serde struct, so the
//! command line prints it as JSON and a window can show it.
//!
//! Each measure is computed as the field defines it:
//! - [`align`]: one-to-one alignment maximising total char overlap, a pair
//!   counting when the char-span Jaccard index is at least `min_overlap`.
//! - [`spans`]: span F1 per tag, micro and macro, exact and overlap matching.
//! - [`coding`] over [`tokens`]: Cohen's κ (Cohen 1960, as scikit-learn's
//!   `cohen_kappa_score`), Fleiss' κ (Fleiss 1971, as statsmodels'
//!   `fleiss_kappa`) and Krippendorff's α for nominal data with missing
//!   values (Krippendorff 2011, as the `krippendorff` Python package), over
//!   the text's UAX #29 words, a word's label being the tag of the innermost
//!   unit covering it, or `none`.
//! - [`unitizing`]: Krippendorff's unitizing α_U over the char continuum per
//!   tag and overall, as DKPro Statistics' `KrippendorffAlphaUnitizingAgreement`
//!   (Krippendorff 1995; 2004, pp. 251–256).
//! - [`relations`]: relation F1 through the alignment, partial credit for
//!   linked arguments, κ over ordered pairs of aligned units.
//! - [`scenarios`]: scenario membership of aligned units.
//! - [`key`]: a student's P/R/F1 against an answer key and a feedback handout.
//! - [`profile`]: one row per map for comparing pieces.
//!
//! Every measure reports how many items it used and how many it left out.

pub mod align;
pub mod coding;
pub mod identity;
pub mod key;
pub mod profile;
pub mod relations;
pub mod report;
pub mod scenarios;
pub mod spans;
pub mod tokens;
pub mod unitizing;

pub use coding::Coefficient;
pub use identity::{UnmatchedTag, text_sha256};
pub use key::{Feedback, FeedbackKind, KeyReport, StudentReport, score_against_key};
pub use profile::{Profile, profile};
pub use report::{
    AlignedPair, AlignmentSummary, AnnotatorInfo, Disagreement, PairReport, Report, TokenSummary,
    UnitRef,
};
pub use unitizing::AlphaU;

use crate::model::ArgumentMap;
use std::fmt;

/// One annotation taking part in a comparison, with the name reports use.
#[derive(Clone, Copy, Debug)]
pub struct Annotator<'m> {
    pub name: &'m str,
    pub map: &'m ArgumentMap,
}

/// Settings of a comparison.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Least char-span Jaccard index for two units to be aligned (0..=1).
    pub min_overlap: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_overlap: 0.5 }
    }
}

/// Why annotations cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareError {
    /// Fewer than two annotations.
    TooFew,
    /// The texts differ: each annotator's name with its text's SHA-256.
    DifferentTexts(Vec<(String, String)>),
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::TooFew => write!(f, "comparing needs at least two annotations"),
            CompareError::DifferentTexts(texts) => {
                writeln!(
                    f,
                    "these annotations are of different texts, so they cannot be compared:"
                )?;
                for (i, (name, sha)) in texts.iter().enumerate() {
                    let same = texts[..i]
                        .iter()
                        .find(|(_, s)| s == sha)
                        .map(|(n, _)| format!(" (same as {n})"))
                        .unwrap_or_default();
                    write!(f, "  {name}: text SHA-256 {}…{same}", &sha[..12])?;
                    if i + 1 < texts.len() {
                        writeln!(f)?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CompareError {}

/// Checks that all annotations are of one text; returns its SHA-256.
pub fn same_text(annotators: &[Annotator]) -> Result<String, CompareError> {
    if annotators.len() < 2 {
        return Err(CompareError::TooFew);
    }
    // Equal texts are found by comparing bytes; hashes are only computed
    // once, or for each text when they differ.
    let first = annotators[0].map.text();
    if annotators.iter().all(|a| a.map.text() == first) {
        return Ok(text_sha256(first));
    }
    let hashes: Vec<(String, String)> = annotators
        .iter()
        .map(|a| (a.name.to_owned(), text_sha256(a.map.text())))
        .collect();
    Err(CompareError::DifferentTexts(hashes))
}

/// Compares two or more annotations of one text: every measure, for every
/// pair of annotators and (for Fleiss' κ, α and α_U) for all together.
/// The maps must be free of structural problems
/// ([`crate::model::validate`]: spans inside the text and not empty).
pub fn compare(annotators: &[Annotator], options: &Options) -> Result<Report, CompareError> {
    let sha = same_text(annotators)?;
    Ok(report::build(sha, annotators, options))
}
