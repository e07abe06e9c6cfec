//! Finds every problem in a map at once, each naming the item concerned, so
//! `argmark check` and the window can report them all rather than the first.

use super::ids::{RelationId, ScenarioId, UnitId};
use super::map::ArgumentMap;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The item a problem is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Unit(UnitId),
    Relation(RelationId),
    Scenario(ScenarioId),
    Scheme,
    /// A map position for a node that does not exist.
    Position(String),
}

impl Subject {
    /// The id as written in the file, used to find the line a problem is on.
    pub fn id(&self) -> Option<&str> {
        match self {
            Subject::Unit(id) => Some(id.as_str()),
            Subject::Relation(id) => Some(id.as_str()),
            Subject::Scenario(id) => Some(id.as_str()),
            Subject::Position(id) => Some(id),
            Subject::Scheme => None,
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Unit(id) => write!(f, "unit {id}"),
            Subject::Relation(id) => write!(f, "relation {id}"),
            Subject::Scenario(id) => write!(f, "scenario {id}"),
            Subject::Scheme => f.write_str("tag scheme"),
            Subject::Position(id) => write!(f, "map position {id:?}"),
        }
    }
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// An offset lies beyond the text.
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
    /// `start >= end`.
    EmptySpan {
        start: usize,
        end: usize,
    },
    /// An offset splits a character as a reader sees it (e + accent, a flag, CRLF).
    SplitsCharacter {
        offset: usize,
    },
    /// The stored quote is not the text at the offsets.
    QuoteMismatch {
        quote: String,
        text: String,
    },
    /// Another item of the same kind has this id.
    DuplicateId,
    /// The unit's tag is not in the scheme.
    UnknownTag(String),
    MissingUnit(UnitId),
    MissingScenario(ScenarioId),
    /// A relation whose sources include its target.
    SelfRelation,
    /// A relation with no source.
    NoSources,
    /// Scenario dependencies that loop back, listed in order.
    DependencyCycle(Vec<ScenarioId>),
    /// The scheme itself is unusable.
    Scheme(String),
}

/// One problem found by [`validate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub subject: Subject,
    pub kind: ProblemKind,
}

impl Problem {
    /// Whether the map cannot be shown or edited safely with this problem
    /// (as opposed to a mismatch a person should look at).
    pub fn is_structural(&self) -> bool {
        // A stale map position only loses a hand placement.
        !matches!(self.subject, Subject::Position(_))
            && matches!(
                self.kind,
                ProblemKind::OutOfRange { .. }
                    | ProblemKind::EmptySpan { .. }
                    | ProblemKind::DuplicateId
                    | ProblemKind::MissingUnit(_)
                    | ProblemKind::MissingScenario(_)
                    | ProblemKind::NoSources
            )
    }
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut:?}…")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.subject)?;
        match &self.kind {
            ProblemKind::OutOfRange { start, end, len } => write!(
                f,
                "span {start}..{end} lies beyond the end of the text ({len} characters)"
            ),
            ProblemKind::EmptySpan { start, end } => {
                write!(
                    f,
                    "span {start}..{end} is empty or reversed (start must be below end)"
                )
            }
            ProblemKind::SplitsCharacter { offset } => write!(
                f,
                "offset {offset} falls inside a character (between a letter and its accent, inside an emoji or a line break)"
            ),
            ProblemKind::QuoteMismatch { quote, text } => write!(
                f,
                "quote {} does not match the text at its offsets, which reads {}",
                excerpt(quote),
                excerpt(text)
            ),
            ProblemKind::DuplicateId => f.write_str("this id is used more than once"),
            ProblemKind::UnknownTag(t) => write!(f, "tag {t:?} is not in the tag scheme"),
            ProblemKind::MissingUnit(id) => write!(f, "refers to unit {id}, which does not exist"),
            ProblemKind::MissingScenario(id) => {
                write!(f, "refers to scenario {id}, which does not exist")
            }
            ProblemKind::SelfRelation => f.write_str("links a unit to itself"),
            ProblemKind::NoSources => f.write_str("has no source unit"),
            ProblemKind::DependencyCycle(path) => {
                let names: Vec<&str> = path.iter().map(ScenarioId::as_str).collect();
                write!(
                    f,
                    "scenario dependencies form a cycle: {}",
                    names.join(" → ")
                )
            }
            ProblemKind::Scheme(m) => f.write_str(m),
        }
    }
}

/// Every problem in the map, in file order (scheme, units, relations, scenarios).
pub fn validate(map: &ArgumentMap) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut push = |subject: Subject, kind: ProblemKind| out.push(Problem { subject, kind });
    for m in map.scheme().problems() {
        push(Subject::Scheme, ProblemKind::Scheme(m));
    }

    let text = map.text();
    let index = map.source().index();
    let len = index.len_chars();
    let mut unit_ids = HashSet::new();
    for u in map.units() {
        let subject = || Subject::Unit(u.id.clone());
        if !unit_ids.insert(&u.id) {
            push(subject(), ProblemKind::DuplicateId);
        }
        if map.scheme().tag(&u.kind).is_none() {
            push(subject(), ProblemKind::UnknownTag(u.kind.clone()));
        }
        if let Some(s) = &u.scenario
            && map.scenario(s).is_none()
        {
            push(subject(), ProblemKind::MissingScenario(s.clone()));
        }
        if u.start > len || u.end > len {
            push(
                subject(),
                ProblemKind::OutOfRange {
                    start: u.start,
                    end: u.end,
                    len,
                },
            );
            continue;
        }
        if u.start >= u.end {
            push(
                subject(),
                ProblemKind::EmptySpan {
                    start: u.start,
                    end: u.end,
                },
            );
            continue;
        }
        for offset in [u.start, u.end] {
            if !index.is_grapheme_boundary(text, offset) {
                push(subject(), ProblemKind::SplitsCharacter { offset });
            }
        }
        let actual = index.slice(text, u.span()).unwrap_or_default();
        if actual != u.quote {
            push(
                subject(),
                ProblemKind::QuoteMismatch {
                    quote: u.quote.clone(),
                    text: actual.to_owned(),
                },
            );
        }
    }

    let mut relation_ids = HashSet::new();
    // Relation ends and positions are looked up in the set of unit ids
    // built above (a hash each), not with `map.unit` (a hash and a binary search).
    for r in map.relations() {
        let subject = || Subject::Relation(r.id.clone());
        if !relation_ids.insert(&r.id) {
            push(subject(), ProblemKind::DuplicateId);
        }
        if r.sources.is_empty() {
            push(subject(), ProblemKind::NoSources);
        }
        let mut named = HashSet::new();
        for u in r.sources.iter().chain([&r.target]) {
            if !unit_ids.contains(u) && named.insert(u) {
                push(subject(), ProblemKind::MissingUnit(u.clone()));
            }
        }
        if r.sources.contains(&r.target) {
            push(subject(), ProblemKind::SelfRelation);
        }
    }

    let mut scenario_ids = HashSet::new();
    for s in map.scenarios() {
        let subject = || Subject::Scenario(s.id.clone());
        if !scenario_ids.insert(&s.id) {
            push(subject(), ProblemKind::DuplicateId);
        }
        for d in &s.depends_on {
            if map.scenario(d).is_none() {
                push(subject(), ProblemKind::MissingScenario(d.clone()));
            }
        }
    }
    for cycle in dependency_cycles(map) {
        push(
            Subject::Scenario(cycle[0].clone()),
            ProblemKind::DependencyCycle(cycle),
        );
    }

    for node in map.positions().keys() {
        let known = unit_ids.contains(&UnitId(node.clone()))
            || map.scenario(&ScenarioId(node.clone())).is_some();
        if !known {
            push(
                Subject::Position(node.clone()),
                ProblemKind::MissingUnit(UnitId(node.clone())),
            );
        }
    }
    out
}

/// Each cycle in the scenario dependency graph once, starting at its
/// smallest id and closing with that id again.
fn dependency_cycles(map: &ArgumentMap) -> Vec<Vec<ScenarioId>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    // Depth-first search with an explicit stack, so a hand-written chain of
    // thousands of dependencies cannot overflow the call stack.
    let mut marks: HashMap<&ScenarioId, Mark> = HashMap::new();
    let mut out: Vec<Vec<ScenarioId>> = Vec::new();
    for root in map.scenarios() {
        if marks.contains_key(&root.id) {
            continue;
        }
        // (scenario, index of the next dependency to follow)
        let mut stack: Vec<(&ScenarioId, usize)> = vec![(&root.id, 0)];
        marks.insert(&root.id, Mark::Active);
        while let Some(&mut (s, ref mut next)) = stack.last_mut() {
            let deps = map.scenario(s).map_or(&[][..], |sc| &sc.depends_on[..]);
            let Some(d) = deps.get(*next) else {
                marks.insert(s, Mark::Done);
                stack.pop();
                continue;
            };
            *next += 1;
            match marks.get(d) {
                Some(Mark::Active) => {
                    let from = stack.iter().position(|(p, _)| *p == d).unwrap_or(0);
                    let mut cycle: Vec<ScenarioId> =
                        stack[from..].iter().map(|(p, _)| (*p).clone()).collect();
                    let min = (0..cycle.len()).min_by_key(|&i| &cycle[i]).unwrap_or(0);
                    cycle.rotate_left(min);
                    cycle.push(cycle[0].clone());
                    if !out.contains(&cycle) {
                        out.push(cycle);
                    }
                }
                Some(Mark::Done) => {}
                None => {
                    if map.scenario(d).is_some() {
                        marks.insert(d, Mark::Active);
                        stack.push((d, 0));
                    }
                }
            }
        }
    }
    out
}
