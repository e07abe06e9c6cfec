//! Finds the lexicon's cues in one sentence and applies the scope rules:
//! per-entry context rules, quoted titles and headlines (no cues count inside),
//! concessive clauses (speculation set aside, not asserted) and "if … then".

use super::lexicon::{CueClass, Lexicon, Pattern, Rule};
use super::tokens::{Token, TokenKind};
use crate::model::SourceText;
use std::ops::Range;

/// One cue found in the text. It holds no text of its own (a reading of a
/// long text has hundreds of thousands of cues): [`Cue::text`] slices it
/// from the document when it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cue {
    /// Char offsets into the whole text.
    pub span: Range<usize>,
    /// What it signals.
    pub class: CueClass,
}

impl Cue {
    /// The cue as written in `text`, the document it was read from.
    pub fn text<'t>(&self, text: &'t SourceText) -> &'t str {
        text.slice(self.span.clone()).unwrap_or_default()
    }
}

/// Adverbs that may sit between a modal and its verb: "will likely presage".
const ADVERBS: &[&str] = &[
    "not",
    "also",
    "even",
    "still",
    "well",
    "soon",
    "never",
    "already",
    "surely",
    "certainly",
    "likely",
    "probably",
    "possibly",
    "perhaps",
    "eventually",
    "ultimately",
    "actually",
    "really",
    "just",
    "only",
    "indeed",
    "easily",
    "again",
    "yet",
    "always",
    "no",
    "longer",
    "then",
    "now",
    "therefore",
    "thus",
    "instead",
    "quickly",
    "finally",
    "increasingly",
    "further",
];

/// Words that cannot begin the verb phrase after an auxiliary, so the cue
/// before them is a noun ("might is", "will of") or not a modal at all.
const NOT_VERB_START: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "but", "nor", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "into", "than", "is", "are", "was", "were", "has", "does", "did", "this",
    "these", "those", "which", "who", "whom", "whose", "his", "her", "their", "its", "our", "my",
    "your",
];

/// Words before "will" or "might" that make it a noun.
const NOUN_MARKERS: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "whose",
    "free",
    "political",
    "popular",
    "public",
    "good",
    "ill",
    "own",
    "strong",
    "sheer",
    "iron",
    "military",
    "economic",
    "naval",
    "collective",
    "general",
    "last",
    "national",
    "of",
    "with",
    "against",
    "at",
    "no",
    "any",
    "much",
    "little",
];

/// `'s` words that are contractions, not possessives.
const CONTRACTIONS: &[&str] = &[
    "it's", "that's", "there's", "here's", "what's", "who's", "he's", "she's", "let's", "where's",
    "how's", "why's", "when's",
];

/// Punctuation that ends a clause (and so a concessive's scope).
fn ends_clause(t: &Token) -> bool {
    t.punct()
        .is_some_and(|c| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')'))
}

/// Punctuation after which a word counts as the start of a sentence.
fn opens(t: &Token) -> bool {
    t.punct().is_some_and(|c| {
        matches!(
            c,
            '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | ':' | '—' | '–' | '¿' | '¡'
        )
    })
}

/// The cues of the sentence `toks` (a slice of the text's tokens).
pub(crate) fn find_cues(text: &str, toks: &[Token], lex: &Lexicon) -> Vec<Cue> {
    let ctx = Context::new(toks, lex);
    let mut consumed = vec![false; toks.len()];
    let mut found: Vec<(usize, usize, &Pattern)> = Vec::new();
    for k in 0..toks.len() {
        if consumed[k] || toks[k].punct().is_some() {
            continue;
        }
        let candidates = lex
            .by_first
            .get(&toks[k].norm)
            .map_or(&[][..], Vec::as_slice);
        let hit = candidates.iter().map(|&i| &lex.patterns[i]).find_map(|p| {
            let end = k + p.words.len();
            let words_match =
                end <= toks.len() && toks[k..end].iter().zip(&p.words).all(|(t, w)| t.norm == *w);
            (words_match && ctx.allows(k, end, p)).then_some((end, p))
        });
        if let Some((end, p)) = hit {
            consumed[k..end].iter_mut().for_each(|c| *c = true);
            if ctx.counts(k, p.class) {
                found.push((k, end, p));
            }
            continue;
        }
        if toks[k].is_word()
            && let Some(p) = lex
                .suffixes
                .iter()
                .map(|&i| &lex.patterns[i])
                .find(|p| ends_with(text, &toks[k], &p.words[0]) && ctx.allows(k, k + 1, p))
            && ctx.counts(k, p.class)
        {
            consumed[k] = true;
            found.push((k, k + 1, p));
        }
    }
    let mut cues: Vec<Cue> = Vec::with_capacity(found.len() + 1);
    for &(k, end, p) in &found {
        if p.has(Rule::Suffix) {
            cues.push(suffix_cue(&toks[k], &p.words[0], p.class));
        } else {
            cues.push(cue_over(&toks[k..end], p.class));
        }
        if p.has(Rule::PairsWithThen)
            && let Some(m) = (end..toks.len()).find(|&m| {
                !consumed[m]
                    && toks[m].norm == "then"
                    && toks[m - 1]
                        .punct()
                        .is_some_and(|c| matches!(c, ',' | ';' | '—' | '–'))
            })
            && ctx.counts(m, p.class)
        {
            consumed[m] = true;
            cues.push(cue_over(&toks[m..m + 1], p.class));
        }
    }
    cues.sort_by_key(|c| c.span.start);
    cues
}

/// Per-sentence facts the rules consult.
struct Context<'t> {
    toks: &'t [Token],
    /// Inside a quoted title or a headline: no cue counts.
    in_title: Vec<bool>,
    /// Inside a concessive clause: speculation cues are set aside.
    conceded: Vec<bool>,
}

impl<'t> Context<'t> {
    fn new(toks: &'t [Token], lex: &Lexicon) -> Self {
        let mut in_title = vec![false; toks.len()];
        if is_headline(toks) {
            in_title.iter_mut().for_each(|t| *t = true);
        } else {
            for r in quoted_regions(toks) {
                if is_title_case(&toks[r.clone()]) {
                    in_title[r].iter_mut().for_each(|t| *t = true);
                }
            }
        }
        let mut conceded = vec![false; toks.len()];
        for k in 0..toks.len() {
            for phrase in &lex.concessive {
                let end = k + phrase.len();
                if end <= toks.len() && toks[k..end].iter().zip(phrase).all(|(t, w)| t.norm == *w) {
                    let stop = (end..toks.len())
                        .find(|&m| ends_clause(&toks[m]))
                        .unwrap_or(toks.len());
                    conceded[k..stop].iter_mut().for_each(|c| *c = true);
                }
            }
        }
        Self {
            toks,
            in_title,
            conceded,
        }
    }

    /// Whether a cue of `class` at token `k` is reported.
    fn counts(&self, k: usize, class: CueClass) -> bool {
        let conceded = class.is_speculation() && self.conceded[k];
        !self.in_title[k] && !conceded
    }

    /// Whether token `k` begins the sentence or a quotation or clause within it.
    fn initial(&self, k: usize) -> bool {
        k == 0 || opens(&self.toks[k - 1])
    }

    /// The first token at or after `from` that is not an adverb.
    fn skip_adverbs(&self, from: usize) -> usize {
        (from..self.toks.len())
            .find(|&m| !ADVERBS.contains(&self.toks[m].norm.as_str()))
            .unwrap_or(self.toks.len())
    }

    /// Whether the token at `m` can begin a verb phrase.
    fn verb_like(&self, m: usize) -> bool {
        self.toks
            .get(m)
            .is_some_and(|t| t.is_word() && !NOT_VERB_START.contains(&t.norm.as_str()))
    }

    /// Whether the entry's context rules hold for a match over `k..end`.
    fn allows(&self, k: usize, end: usize, p: &Pattern) -> bool {
        let toks = self.toks;
        let prev = k
            .checked_sub(1)
            .map(|i| &toks[i])
            .filter(|t| t.punct().is_none());
        let next = toks.get(end);
        if prev.is_some_and(|t| p.not_after.contains(&t.norm)) {
            return false;
        }
        if next.is_some_and(|t| p.not_before.contains(&t.norm)) {
            return false;
        }
        if !p.only_before.is_empty() && !next.is_some_and(|t| p.only_before.contains(&t.norm)) {
            return false;
        }
        let first = &toks[k];
        p.rules.iter().all(|rule| match rule {
            Rule::Auxiliary => {
                if self.initial(k) {
                    // Questions put the subject first: "Will the deal hold?";
                    // otherwise a capitalised first word may be a name: "Will Harper".
                    let question = toks[k..].iter().any(|t| t.is('?'));
                    let next_lower = toks.get(k + 1).is_some_and(|t| t.starts_lower());
                    toks.get(k + 1).is_some_and(|t| t.kind != TokenKind::Number)
                        && (question || next_lower || !first.capitalised)
                } else {
                    !first.capitalised && self.verb_like(self.skip_adverbs(k + 1))
                }
            }
            Rule::BeforeVerb => {
                let m = self.skip_adverbs(end);
                self.verb_like(m) && !toks[m].capitalised
            }
            Rule::NotNoun => {
                let noun_before = prev.is_some_and(|t| {
                    NOUN_MARKERS.contains(&t.norm.as_str())
                        || ((t.norm.ends_with("'s") || t.norm.ends_with("s'"))
                            && !CONTRACTIONS.contains(&t.norm.as_str()))
                });
                let before_of = next.is_some_and(|t| t.norm == "of");
                !noun_before && !before_of
            }
            Rule::NotDate => {
                let number = |t: Option<&Token>| t.is_some_and(|t| t.kind == TokenKind::Number);
                let prev_any = k.checked_sub(1).map(|i| &toks[i]);
                let month_name = first.capitalised && !self.initial(k);
                let beside_number = number(prev_any) || number(next);
                !month_name && !beside_number
            }
            Rule::PairsWithThen | Rule::Suffix => true,
        })
    }
}

/// Whether the word token ends with the (normalised) suffix.
fn ends_with(text: &str, t: &Token, suffix: &str) -> bool {
    t.norm.ends_with(suffix)
        && t.norm.len() > suffix.len()
        && suffix_bytes(text, t, suffix).is_some()
}

/// The byte range of the suffix within the token, checked against the raw text.
fn suffix_bytes(text: &str, t: &Token, suffix: &str) -> Option<Range<usize>> {
    let raw = text.get(t.bytes.clone())?;
    let n = suffix.chars().count();
    let (cut, _) = raw.char_indices().rev().nth(n.checked_sub(1)?)?;
    (super::tokens::normalise(&raw[cut..]) == suffix).then(|| t.bytes.start + cut..t.bytes.end)
}

/// A cue over the end of a token (`ends_with` has checked the raw text).
fn suffix_cue(t: &Token, suffix: &str, class: CueClass) -> Cue {
    let n = suffix.chars().count().min(t.chars.len());
    Cue {
        span: t.chars.end - n..t.chars.end,
        class,
    }
}

fn cue_over(toks: &[Token], class: CueClass) -> Cue {
    let (first, last) = (&toks[0], &toks[toks.len() - 1]);
    Cue {
        span: first.chars.start..last.chars.end,
        class,
    }
}

/// Token ranges inside quotation marks (without the marks). An unclosed
/// quotation runs to the end of the sentence.
fn quoted_regions(toks: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let close = match toks[k].punct() {
            Some('“') => '”',
            Some('«') => '»',
            Some('"') => '"',
            _ => {
                k += 1;
                continue;
            }
        };
        let end = (k + 1..toks.len())
            .find(|&m| toks[m].is(close))
            .unwrap_or(toks.len());
        out.push(k + 1..end);
        k = end + 1;
    }
    out
}

/// Whether the words look like a title: at least two words of four or more
/// letters, at least three quarters of them capitalised, the first word too.
fn is_title_case(toks: &[Token]) -> bool {
    let mut words = toks.iter().filter(|t| t.is_word());
    let Some(first) = words.next() else {
        return false;
    };
    let long: Vec<&Token> = std::iter::once(first)
        .chain(words)
        .filter(|t| t.chars.len() >= 4)
        .collect();
    let caps = long.iter().filter(|t| t.capitalised).count();
    first.capitalised && long.len() >= 2 && caps * 4 >= long.len() * 3
}

/// Whether the sentence is a headline: no closing punctuation and title case
/// with at least three long words.
fn is_headline(toks: &[Token]) -> bool {
    let ends_properly = toks.iter().rev().find_map(|t| match t.punct() {
        Some('”' | '"' | '’' | ')' | ']' | '»') => None,
        Some(c) => Some(matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')),
        None => Some(false),
    });
    let long = toks
        .iter()
        .filter(|t| t.is_word() && t.chars.len() >= 4)
        .count();
    ends_properly != Some(true) && long >= 3 && is_title_case(toks)
}
