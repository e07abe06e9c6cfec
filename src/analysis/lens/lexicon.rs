//! The cue lexicon: which words and phrases signal speculation or
//! attribution, and the scope rules that keep false friends out. Shipped as
//! `assets/lexicon/speculation.ron` so a teacher can read and edit it; a
//! user file replaces the built-in one.

use super::tokens::{normalise, tokenize};
use crate::io::{self, FileError, Location};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in lexicon's source, compiled in.
pub const BUILTIN_LEXICON: &str = include_str!("../../../assets/lexicon/speculation.ron");

/// How sure of itself a speculative cue is; coaches read the three differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Strength {
    /// A hedged possibility: might, perhaps, seems.
    StrongHedge,
    /// A claim about what will happen: will, going to, presage.
    Prediction,
    /// A hypothetical that holds only if something else does: if … then, unless.
    Conditional,
}

impl Strength {
    /// The snake_case name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Strength::StrongHedge => "strong_hedge",
            Strength::Prediction => "prediction",
            Strength::Conditional => "conditional",
        }
    }

    /// Words for a coach: "strong hedge".
    pub fn label(self) -> &'static str {
        match self {
            Strength::StrongHedge => "strong hedge",
            Strength::Prediction => "prediction",
            Strength::Conditional => "conditional",
        }
    }
}

/// The grammatical class of a speculation cue, for explaining a suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum SpeculationKind {
    /// might, may, could.
    EpistemicModal,
    /// likely, perhaps, possibly, potentially, speculative.
    Hedge,
    /// if … then, unless, in the event that.
    Conditional,
    /// will, would, going to, one day, presage.
    Prediction,
    /// seems, appears.
    Appearance,
    /// Fixed phrases: "remains to be seen", "best-case scenario".
    Phrase,
}

impl SpeculationKind {
    /// The snake_case name used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            SpeculationKind::EpistemicModal => "epistemic_modal",
            SpeculationKind::Hedge => "hedge",
            SpeculationKind::Conditional => "conditional",
            SpeculationKind::Prediction => "prediction",
            SpeculationKind::Appearance => "appearance",
            SpeculationKind::Phrase => "phrase",
        }
    }
}

/// A scope rule: a condition on the context a cue must meet to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum Rule {
    /// Used as an auxiliary verb: not capitalised inside a sentence (a name,
    /// a month, a title) and followed, after adverbs like "not" or "even", by
    /// a word that can begin a verb phrase (not "of", "the", "is", a number
    /// or punctuation). Keeps out "military might is", "the will of".
    Auxiliary,
    /// The next word is a lower-case word that can begin a verb phrase:
    /// "going to win", not "going to the station" or "going to Paris".
    BeforeVerb,
    /// Not the noun: not after a determiner, possessive or adjective like
    /// "the", "free", "political", "Russia's", and not before "of".
    NotNoun,
    /// Not the month: not capitalised inside a sentence and not next to a
    /// number ("in May 2024", "May 5", "5 May").
    NotDate,
    /// A later "then" in the same sentence is part of the cue: "if … then".
    PairsWithThen,
    /// Matches the end of a word: "'ll" in "that'll".
    Suffix,
}

/// One entry of the `speculation` list, as written in the file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeculationEntry {
    cue: String,
    kind: SpeculationKind,
    strength: Strength,
    #[serde(default)]
    rules: Vec<Rule>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    only_before: Vec<String>,
}

/// One entry of the `attribution` list, as written in the file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributionEntry {
    cue: String,
    #[serde(default)]
    rules: Vec<Rule>,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    only_before: Vec<String>,
}

/// The file as written.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    speculation: Vec<SpeculationEntry>,
    #[serde(default)]
    attribution: Vec<AttributionEntry>,
    #[serde(default)]
    concessive: Vec<String>,
}

/// What a cue signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Speculation, of a kind and strength.
    Speculation(SpeculationKind, Strength),
    /// Someone else is reported as saying it.
    Attribution,
}

impl CueClass {
    /// Whether the cue signals speculation.
    pub fn is_speculation(self) -> bool {
        matches!(self, CueClass::Speculation(..))
    }

    /// The strength, for speculation cues.
    pub fn strength(self) -> Option<Strength> {
        match self {
            CueClass::Speculation(_, s) => Some(s),
            CueClass::Attribution => None,
        }
    }

    /// The snake_case kind used in JSON: `epistemic_modal`, …, `attribution`.
    pub fn key(self) -> &'static str {
        match self {
            CueClass::Speculation(k, _) => k.key(),
            CueClass::Attribution => "attribution",
        }
    }
}

/// A compiled lexicon entry: the words to match and the rules to check.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// Normalised tokens to match in sequence (for suffix patterns, one
    /// string: the suffix).
    pub words: Vec<String>,
    pub class: CueClass,
    pub rules: Vec<Rule>,
    pub not_after: Vec<String>,
    pub not_before: Vec<String>,
    pub only_before: Vec<String>,
}

impl Pattern {
    /// Whether the entry has the rule.
    pub fn has(&self, rule: Rule) -> bool {
        self.rules.contains(&rule)
    }
}

/// A parsed, checked lexicon, indexed for matching.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub(crate) patterns: Vec<Pattern>,
    /// Patterns by their first word, longest first.
    pub(crate) by_first: HashMap<String, Vec<usize>>,
    /// Suffix patterns.
    pub(crate) suffixes: Vec<usize>,
    /// Phrases that open a concessive clause ("even if"): speculation cues
    /// up to the next comma are set aside, not asserted.
    pub(crate) concessive: Vec<Vec<String>>,
}

/// Why a lexicon file was refused, with the place in the file when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    /// Line and column in the lexicon file, when the problem has a place.
    pub location: Option<Location>,
    /// What is wrong and, where possible, what was expected.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = self.location {
            write!(f, "{}:{}: ", l.line, l.col)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for LexiconError {}

impl Lexicon {
    /// The lexicon compiled into the binary (parsed once).
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        // The built-in source is covered by tests; an empty lexicon is the
        // harmless fallback should it ever fail to parse.
        BUILTIN.get_or_init(|| Lexicon::from_ron(BUILTIN_LEXICON).unwrap_or_default())
    }

    /// Parses and checks a lexicon written in RON.
    pub fn from_ron(src: &str) -> Result<Lexicon, LexiconError> {
        let file: LexiconFile = ron::Options::default().from_str(src).map_err(|e| {
            let pos = e.span.start;
            LexiconError {
                location: (pos.line > 0).then_some(Location {
                    line: pos.line,
                    col: pos.col.max(1),
                }),
                message: e.code.to_string(),
            }
        })?;
        let mut lex = Lexicon::default();
        for e in file.speculation {
            let class = CueClass::Speculation(e.kind, e.strength);
            lex.add(
                src,
                e.cue,
                class,
                e.rules,
                [e.not_after, e.not_before, e.only_before],
            )?;
        }
        for e in file.attribution {
            let class = CueClass::Attribution;
            lex.add(
                src,
                e.cue,
                class,
                e.rules,
                [e.not_after, e.not_before, e.only_before],
            )?;
        }
        for phrase in file.concessive {
            let words = words_of(&phrase);
            if words.is_empty() {
                return Err(entry_error(
                    src,
                    &phrase,
                    "a concessive phrase has no words",
                ));
            }
            lex.concessive.push(words);
        }
        for ids in lex.by_first.values_mut() {
            ids.sort_by_key(|&i| std::cmp::Reverse(lex.patterns[i].words.len()));
        }
        Ok(lex)
    }

    /// Reads a lexicon file; errors read `FILE:LINE:COL: message`.
    pub fn load(path: &Path) -> Result<Lexicon, FileError> {
        let src = io::decode_utf8(path, io::read_bytes(path)?)?;
        Lexicon::from_ron(&src).map_err(|e| FileError::at(path, e.location, e.message))
    }

    /// Number of cue entries.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the lexicon has no cues at all.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    fn add(
        &mut self,
        src: &str,
        cue: String,
        class: CueClass,
        rules: Vec<Rule>,
        [not_after, not_before, only_before]: [Vec<String>; 3],
    ) -> Result<(), LexiconError> {
        let suffix = rules.contains(&Rule::Suffix);
        let words = if suffix {
            vec![normalise(cue.trim())]
        } else {
            words_of(&cue)
        };
        if words.is_empty() || words[0].is_empty() {
            return Err(entry_error(src, &cue, "a cue must contain a word"));
        }
        if suffix && cue.trim().contains(char::is_whitespace) {
            return Err(entry_error(
                src,
                &cue,
                "a Suffix cue must be a single word ending, like \"'ll\"",
            ));
        }
        let fold = |v: Vec<String>| v.iter().map(|w| normalise(w.trim())).collect();
        let id = self.patterns.len();
        if suffix {
            self.suffixes.push(id);
        } else {
            self.by_first.entry(words[0].clone()).or_default().push(id);
        }
        self.patterns.push(Pattern {
            words,
            class,
            rules,
            not_after: fold(not_after),
            not_before: fold(not_before),
            only_before: fold(only_before),
        });
        Ok(())
    }
}

/// The normalised tokens of a phrase, as the matcher will see them.
fn words_of(phrase: &str) -> Vec<String> {
    tokenize(phrase).into_iter().map(|t| t.norm).collect()
}

/// An error about an entry, located at the place its text is written.
fn entry_error(src: &str, cue: &str, message: &str) -> LexiconError {
    let needle = format!("{cue:?}");
    LexiconError {
        location: src.find(&needle).map(|b| io::location_of(src, b)),
        message: format!("{message} (entry {cue:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_covers_every_class() {
        let lex = Lexicon::from_ron(BUILTIN_LEXICON).expect("the built-in lexicon parses");
        assert!(lex.len() > 80, "{} entries", lex.len());
        let has = |c: CueClass| lex.patterns.iter().any(|p| p.class == c);
        for kind in [
            SpeculationKind::EpistemicModal,
            SpeculationKind::Hedge,
            SpeculationKind::Conditional,
            SpeculationKind::Prediction,
            SpeculationKind::Appearance,
            SpeculationKind::Phrase,
        ] {
            assert!(
                lex.patterns
                    .iter()
                    .any(|p| matches!(p.class, CueClass::Speculation(k, _) if k == kind)),
                "{kind:?}"
            );
        }
        assert!(has(CueClass::Attribution));
        assert!(!lex.concessive.is_empty());
        assert_eq!(Lexicon::builtin().len(), lex.len());
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let e = Lexicon::from_ron("(\n  speculation: [\n    (cue: \"might\", kind: Modal, strength: StrongHedge),\n  ],\n)")
            .unwrap_err();
        let loc = e.location.expect("a position");
        assert_eq!(loc.line, 3, "{e}");
        assert!(e.message.contains("Modal"), "{e}");
    }

    #[test]
    fn empty_cues_are_refused_at_their_line() {
        let e = Lexicon::from_ron(
            "(\n  speculation: [\n    (cue: \"might\", kind: EpistemicModal, strength: StrongHedge),\n    (cue: \"  \", kind: Hedge, strength: StrongHedge),\n  ],\n)",
        )
        .unwrap_err();
        assert_eq!(e.location.map(|l| l.line), Some(4), "{e}");
    }
}
