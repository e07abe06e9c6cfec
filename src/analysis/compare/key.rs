//! Scoring students against an answer key: per student precision, recall and
//! F1 per tag (aligned units with the same tag, key as reference), relation
//! F1, speculation-vs-fact agreement, and a feedback list a teacher can hand
//! out: units missed, extra units, wrong tags and boundaries off, each with
//! its quote.
//!
//! Speculation vs fact: every word is labelled `speculation` (innermost unit's
//! tag has the Speculation role), `fact` (Evidence role) or `other`; the
//! agreement is the share of the key's speculation and fact words the student
//! labels the same, and Cohen's κ over all words.

use super::coding::{Coefficient, cohen_kappa};
use super::relations::{RelationAgreement, relation_agreement};
use super::report::{Disagreement, DisagreementKind, UnitRef, alignment, pair_report};
use super::spans::Scores;
use super::{Annotator, CompareError, Options, same_text, tokens};
use crate::model::{ArgumentMap, Role};
use serde::Serialize;

/// What went wrong with one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackKind {
    /// The key marks it; the student has nothing aligned.
    Missed,
    /// The student marks it; the key has nothing aligned.
    Extra,
    /// Aligned, but tagged differently.
    WrongTag,
    /// Aligned and same tag, but the boundaries differ.
    BoundaryOff,
}

/// One line of the handout.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Feedback {
    pub kind: FeedbackKind,
    /// The key's unit, if any.
    pub key_unit: Option<UnitRef>,
    /// The student's unit, if any.
    pub student_unit: Option<UnitRef>,
    /// The key's passage.
    pub key_quote: String,
    /// The student's passage.
    pub student_quote: String,
    /// The line a student reads.
    pub message: String,
}

/// Speculation-vs-fact agreement with the key, over words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpeculationFact {
    /// Words the key labels speculation or fact.
    pub key_words: usize,
    /// Of those, the words the student labels the same.
    pub agreeing_words: usize,
    /// agreeing_words / key_words.
    pub agreement: Option<f64>,
    /// κ over all words, labels speculation / fact / other.
    pub kappa: Coefficient,
}

/// One student's scores and feedback.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StudentReport {
    pub student: String,
    /// Per tag, micro and macro, aligned units with the same tag.
    pub units: Scores,
    pub relations: RelationAgreement,
    pub speculation_vs_fact: SpeculationFact,
    /// In text order.
    pub feedback: Vec<Feedback>,
}

/// Every student against the key.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyReport {
    pub key: String,
    pub students: Vec<StudentReport>,
}

/// Scores each student against the key (all of one text).
pub fn score_against_key(
    key: &Annotator,
    students: &[Annotator],
    options: &Options,
) -> Result<KeyReport, CompareError> {
    let mut all = vec![*key];
    all.extend_from_slice(students);
    same_text(&all)?;
    let words = tokens::words(key.map.text());
    let role_codes = |m: &ArgumentMap| {
        let unit_codes: Vec<u16> = m
            .units()
            .iter()
            .map(|u| match m.scheme().role_of(&u.kind) {
                Role::Speculation => 1,
                Role::Evidence => 2,
                _ => 3,
            })
            .collect();
        tokens::labels(&words, m.units(), &unit_codes)
            .into_iter()
            // Words in no unit are "other" too.
            .map(|c| if c == tokens::NONE { 3 } else { c })
            .collect::<Vec<u16>>()
    };
    let key_roles = role_codes(key.map);
    let students = students
        .iter()
        .map(|s| {
            let aligned = alignment(key.map, s.map, options);
            let pair = pair_report(key, s, &aligned, &[], &[]);
            let roles = role_codes(s.map);
            let key_words = key_roles.iter().filter(|&&c| c != 3).count();
            let agreeing_words = key_roles
                .iter()
                .zip(&roles)
                .filter(|(k, s)| **k != 3 && k == s)
                .count();
            StudentReport {
                student: s.name.to_owned(),
                units: pair.span_f1.overlap,
                relations: relation_agreement(key.map, s.map, &aligned),
                speculation_vs_fact: SpeculationFact {
                    key_words,
                    agreeing_words,
                    agreement: (key_words > 0).then(|| agreeing_words as f64 / key_words as f64),
                    kappa: Coefficient {
                        value: cohen_kappa(&key_roles, &roles),
                        items: words.len(),
                        excluded: 0,
                    },
                },
                feedback: pair
                    .disagreements
                    .iter()
                    .map(|d| feedback(d, key.map, s.map))
                    .collect(),
            }
        })
        .collect();
    Ok(KeyReport {
        key: key.name.to_owned(),
        students,
    })
}

/// The text of a unit's span, shortened to about 80 chars at word breaks.
fn quote(map: &ArgumentMap, u: Option<&UnitRef>) -> String {
    let Some(u) = u else {
        return String::new();
    };
    let q = map.quote_of(u.start..u.end).unwrap_or_default();
    let n = q.chars().count();
    if n <= 80 {
        return q.to_owned();
    }
    let head: String = q.chars().take(40).collect();
    let tail: String = q.chars().skip(n - 40).collect();
    let head = head.rsplit_once(' ').map_or(head.as_str(), |(h, _)| h);
    let tail = tail.split_once(' ').map_or(tail.as_str(), |(_, t)| t);
    format!("{} … {}", head.trim_end(), tail.trim_start())
}

/// "3 characters later" and the like.
fn shift(n: i64, later: &str, earlier: &str) -> String {
    let chars = if n.abs() == 1 {
        "character"
    } else {
        "characters"
    };
    format!(
        "{} {chars} {}",
        n.abs(),
        if n > 0 { later } else { earlier }
    )
}

fn feedback(d: &Disagreement, key: &ArgumentMap, student: &ArgumentMap) -> Feedback {
    let key_quote = quote(key, d.a.as_ref());
    let student_quote = quote(student, d.b.as_ref());
    let tag = |u: &Option<UnitRef>| u.as_ref().map(|u| u.tag.clone()).unwrap_or_default();
    let (kind, message) = match d.kind {
        DisagreementKind::OnlyInA => (
            FeedbackKind::Missed,
            format!("Missed {}: “{key_quote}”", tag(&d.a)),
        ),
        DisagreementKind::OnlyInB => (
            FeedbackKind::Extra,
            format!(
                "Extra {}: the key marks nothing like “{student_quote}”",
                tag(&d.b)
            ),
        ),
        DisagreementKind::TagDiffers => (
            FeedbackKind::WrongTag,
            format!(
                "Wrong tag: “{key_quote}” is {} in the key; you tagged it {}",
                tag(&d.a),
                tag(&d.b)
            ),
        ),
        DisagreementKind::BoundaryDiffers => {
            let mut parts = Vec::new();
            if d.start_diff != 0 {
                parts.push(format!(
                    "starts {}",
                    shift(d.start_diff, "later", "earlier")
                ));
            }
            if d.end_diff != 0 {
                parts.push(format!("ends {}", shift(d.end_diff, "later", "earlier")));
            }
            (
                FeedbackKind::BoundaryOff,
                format!(
                    "Boundary off: your {} “{student_quote}” {} than the key’s “{key_quote}”",
                    tag(&d.b),
                    parts.join(" and ")
                ),
            )
        }
    };
    Feedback {
        kind,
        key_unit: d.a.clone(),
        student_unit: d.b.clone(),
        key_quote,
        student_quote,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagScheme;
    use crate::model::fixture::marked;

    #[test]
    fn handout_lists_missed_extra_wrong_tag_and_boundary() {
        let key = marked(
            "[Evidence:Prices rose in May.] [Speculation:They might fall.] [Claim:Buy now.] Later.",
            TagScheme::argument(),
        );
        let student = marked(
            "[Evidence:Prices rose in May].  They might fall. [Premise:Buy now.] [Claim:Later.]",
            TagScheme::argument(),
        );
        // The student's text differs (a dot moved, a space added): not comparable.
        let r = score_against_key(
            &Annotator {
                name: "key",
                map: &key,
            },
            &[Annotator {
                name: "sam",
                map: &student,
            }],
            &Options::default(),
        );
        assert!(matches!(r, Err(CompareError::DifferentTexts(_))));

        let student = marked(
            "[Evidence:Prices rose in May]. They might fall. [Premise:Buy now.] [Claim:Later.]",
            TagScheme::argument(),
        );
        let r = score_against_key(
            &Annotator {
                name: "key",
                map: &key,
            },
            &[Annotator {
                name: "sam",
                map: &student,
            }],
            &Options::default(),
        )
        .unwrap();
        let s = &r.students[0];
        let kinds: Vec<FeedbackKind> = s.feedback.iter().map(|f| f.kind).collect();
        use FeedbackKind::*;
        assert_eq!(kinds, [BoundaryOff, Missed, WrongTag, Extra]);
        assert_eq!(
            s.feedback[0].message,
            "Boundary off: your Evidence “Prices rose in May” ends 1 character earlier than the key’s “Prices rose in May.”"
        );
        assert_eq!(
            s.feedback[1].message,
            "Missed Speculation: “They might fall.”"
        );
        assert_eq!(
            s.feedback[2].message,
            "Wrong tag: “Buy now.” is Claim in the key; you tagged it Premise"
        );
        // Units: Evidence matched; key 3 units, student 3, matched 1.
        assert_eq!(s.units.micro.matched, 1);
        assert_eq!(s.units.by_tag["Evidence"].f1, Some(1.0));
        // Speculation/fact words: key has 4 fact + 3 speculation = 7; the student
        // keeps the 4 fact words ("Prices rose in May").
        assert_eq!(s.speculation_vs_fact.key_words, 7);
        assert_eq!(s.speculation_vs_fact.agreeing_words, 4);
    }
}
