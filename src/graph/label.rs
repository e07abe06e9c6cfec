//! What a map node says: the unit's quote (or the first line of its note),
//! cut to a dozen words so boxes stay small enough to read a whole map.

use super::text::first_words;
use crate::model::{Scenario, Unit};

/// Which text a unit's box shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LabelSource {
    /// The quoted passage (the default).
    #[default]
    Quote,
    /// The first non-empty line of the annotator's note; the quote when
    /// there is no note.
    Note,
}

/// How many words a label keeps before the ellipsis.
pub const DEFAULT_MAX_WORDS: usize = 12;

/// The label text of a unit, before wrapping; the unit's id when its text is empty.
pub fn unit_label(unit: &Unit, source: LabelSource, max_words: usize) -> String {
    let note = unit.note.lines().map(str::trim).find(|l| !l.is_empty());
    let text = match (source, note) {
        (LabelSource::Note, Some(line)) => line,
        _ => unit.quote.as_str(),
    };
    non_empty(first_words(text, max_words), unit.id.as_str())
}

/// The label text of a scenario: its name, with the author's hedge when given.
pub fn scenario_label(scenario: &Scenario, max_words: usize) -> String {
    let text = if scenario.hedge.trim().is_empty() {
        scenario.name.clone()
    } else {
        format!("{} ({})", scenario.name.trim(), scenario.hedge.trim())
    };
    non_empty(first_words(&text, max_words), scenario.id.as_str())
}

fn non_empty(s: String, fallback: &str) -> String {
    if s.is_empty() { fallback.to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ScenarioId, UnitId};

    fn unit(quote: &str, note: &str) -> Unit {
        Unit {
            id: UnitId::from("u7"),
            kind: "Claim".into(),
            start: 0,
            end: 1,
            quote: quote.into(),
            note: note.into(),
            scenario: None,
        }
    }

    #[test]
    fn quote_or_note_first_line() {
        let u = unit("India and Russia signed RELOS", "\n  Key claim \nmore");
        assert_eq!(
            unit_label(&u, LabelSource::Quote, 12),
            "India and Russia signed RELOS"
        );
        assert_eq!(unit_label(&u, LabelSource::Note, 12), "Key claim");
        assert_eq!(unit_label(&unit("a b c", ""), LabelSource::Note, 2), "a b…");
        assert_eq!(unit_label(&unit(" ", ""), LabelSource::Quote, 12), "u7");
    }

    #[test]
    fn scenarios_show_name_and_hedge() {
        let s = Scenario {
            id: ScenarioId::from("s2"),
            name: "New Détente".into(),
            description: String::new(),
            hedge: "might".into(),
            depends_on: Vec::new(),
        };
        assert_eq!(scenario_label(&s, 12), "New Détente (might)");
    }
}
