//! The argument map: one text, its annotations, and the scheme they use.
//!
//! Fields are private: every change goes through [`crate::model::Edit`] so
//! undo and dirty tracking (and, later, autosave) see it. Lookups by id go
//! through [`Lookup`], kept current item by item as edits insert and remove.

use super::ids::{NextIds, RelationId, ScenarioId, UnitId};
use super::kept::KeptFields;
use super::scheme::TagScheme;
use super::text::TextIndex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// The version of the `.argmap.ron` format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Bibliographic facts about the annotated text and who annotated it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub source_url: String,
    /// Publication date as written by the annotator (ISO 8601 preferred).
    pub published: String,
    pub annotator: String,
    pub notes: String,
}

/// A tagged passage of the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: UnitId,
    /// The name of a tag in the map's scheme.
    pub kind: String,
    /// First char (Unicode scalar offset into the text).
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The exact text between `start` and `end`, kept for readers and for
    /// re-anchoring when the source text changes.
    pub quote: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioId>,
}

impl Unit {
    /// The unit's char span.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// A hypothetical the author entertains, grouping the units that speculate about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: ScenarioId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The author's hedge, e.g. "will likely", "might", "could".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hedge: String,
    /// Scenarios this one presupposes ("if the New Détente bears fruit, then …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<ScenarioId>,
}

/// How the sources of a relation bear on its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationKind {
    Support,
    Attack,
    /// The sources restate the target.
    Rephrase,
}

impl RelationKind {
    /// Every kind, in menu order.
    pub const ALL: [RelationKind; 3] = [
        RelationKind::Support,
        RelationKind::Attack,
        RelationKind::Rephrase,
    ];

    /// Lower-case name for reports and exports.
    pub fn key(self) -> &'static str {
        match self {
            RelationKind::Support => "support",
            RelationKind::Attack => "attack",
            RelationKind::Rephrase => "rephrase",
        }
    }
}

/// Support, attack or restatement from one or more units to one unit.
/// Several sources form a linked argument: they bear on the target only together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub id: RelationId,
    pub kind: RelationKind,
    pub sources: Vec<UnitId>,
    pub target: UnitId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A node's position on the argument map, placed by hand.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pos {
    pub x: f32,
    pub y: f32,
}

/// The source text with its char/byte index; immutable once a map exists.
#[derive(Clone, Debug, Default)]
pub struct SourceText {
    text: String,
    index: TextIndex,
}

impl SourceText {
    /// Wraps and indexes a text.
    pub fn new(text: String) -> Self {
        let index = TextIndex::new(&text);
        Self { text, index }
    }

    /// The whole text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its char/byte/paragraph index.
    pub fn index(&self) -> &TextIndex {
        &self.index
    }

    /// Length in chars.
    pub fn len_chars(&self) -> usize {
        self.index.len_chars()
    }

    /// The text between two char offsets, if valid.
    pub fn slice(&self, chars: Range<usize>) -> Option<&str> {
        self.index.slice(&self.text, chars)
    }
}

impl PartialEq for SourceText {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// Everything one `.argmap.ron` file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ArgumentMap {
    pub(crate) meta: Meta,
    pub(crate) scheme: TagScheme,
    pub(crate) text: SourceText,
    /// Sorted by (start, end, id).
    pub(crate) units: Vec<Unit>,
    /// Sorted by id.
    pub(crate) scenarios: Vec<Scenario>,
    /// Sorted by id.
    pub(crate) relations: Vec<Relation>,
    /// Hand-placed map positions by node id (unit or scenario id).
    pub(crate) positions: BTreeMap<String, Pos>,
    /// Speculation suggestions the annotator dismissed, as char spans.
    pub(crate) dismissed: Vec<Range<usize>>,
    pub(crate) next_ids: NextIds,
    /// Sections from a newer format version, written back unread.
    pub(crate) kept: KeptFields,
    pub(crate) lookup: Lookup,
}

/// Finding items by id, derived from the vectors. Nothing here is a
/// position: units are found by binary search on their sort key (kept per
/// id), scenarios and relations by binary search on their id (their sort
/// order). Inserting or removing one item therefore leaves the lookup valid
/// for every other, and an edit (or a batch of k edits) updates it in
/// O(1) per item instead of rebuilding it over the whole map.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lookup {
    /// Canonical unit id (`u12`) by its number → (start, end) of its first
    /// occurrence: no copy of the id, 24 bytes an entry (a copied id and
    /// its heap block took 72), which counts on a 100,000-unit map.
    numbered: HashMap<u64, (usize, usize)>,
    /// Any other unit id (hand-written, `u012`) → (start, end).
    named: HashMap<UnitId, (usize, usize)>,
    /// Some id occurs twice (a damaged file): edits rebuild in full.
    pub(crate) duplicates: bool,
}

impl Lookup {
    fn get(&self, id: &UnitId) -> Option<&(usize, usize)> {
        match canonical_number(id) {
            Some(n) => self.numbered.get(&n),
            None => self.named.get(id),
        }
    }

    fn insert(&mut self, id: &UnitId, key: (usize, usize)) {
        match canonical_number(id) {
            Some(n) => self.numbered.insert(n, key),
            None => self.named.insert(id.clone(), key),
        };
    }

    fn remove(&mut self, id: &UnitId) {
        match canonical_number(id) {
            Some(n) => self.numbered.remove(&n),
            None => self.named.remove(id),
        };
    }
}

/// The number of an id written as [`UnitId::from_number`] writes it (no
/// leading zero or sign), so that two ids never share a number.
fn canonical_number(id: &UnitId) -> Option<u64> {
    let digits = id.0.strip_prefix(UnitId::PREFIX)?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits.len() == 1 || !digits.starts_with('0'));
    canonical.then(|| digits.parse().ok()).flatten()
}

impl PartialEq for Lookup {
    fn eq(&self, _: &Self) -> bool {
        true // derived data
    }
}

/// The parts a map is made of, for loaders and generators that build one whole.
#[derive(Clone, Debug, Default)]
pub struct MapParts {
    pub meta: Meta,
    pub scheme: Option<TagScheme>,
    pub text: String,
    pub units: Vec<Unit>,
    pub scenarios: Vec<Scenario>,
    pub relations: Vec<Relation>,
    pub positions: BTreeMap<String, Pos>,
    pub dismissed: Vec<Range<usize>>,
    pub next_ids: NextIds,
}

impl ArgumentMap {
    /// An empty annotation of `text` in `scheme`.
    pub fn new(text: impl Into<String>, scheme: TagScheme) -> Self {
        Self::from_parts(MapParts {
            text: text.into(),
            scheme: Some(scheme),
            ..MapParts::default()
        })
    }

    /// Assembles a map, sorting collections into canonical order and raising
    /// the id counters above every id present. Content is not validated here;
    /// see [`crate::model::validate`].
    pub fn from_parts(parts: MapParts) -> Self {
        let mut map = Self {
            meta: parts.meta,
            scheme: parts.scheme.unwrap_or_else(TagScheme::argument),
            text: SourceText::new(parts.text),
            units: parts.units,
            scenarios: parts.scenarios,
            relations: parts.relations,
            positions: parts.positions,
            dismissed: parts.dismissed,
            next_ids: parts.next_ids,
            kept: KeptFields::default(),
            lookup: Lookup::default(),
        };
        map.units.sort_by(unit_order);
        map.scenarios.sort_by(|a, b| a.id.cmp(&b.id));
        map.relations.sort_by(|a, b| a.id.cmp(&b.id));
        map.dismissed.sort_by_key(|r| (r.start, r.end));
        let ids = &mut map.next_ids;
        for u in &map.units {
            ids.unit = ids.unit.max(u.id.number().map_or(0, |n| n + 1));
        }
        for s in &map.scenarios {
            ids.scenario = ids.scenario.max(s.id.number().map_or(0, |n| n + 1));
        }
        for r in &map.relations {
            ids.relation = ids.relation.max(r.id.number().map_or(0, |n| n + 1));
        }
        ids.unit = ids.unit.max(1);
        ids.scenario = ids.scenario.max(1);
        ids.relation = ids.relation.max(1);
        map.reindex();
        map
    }

    /// Sections from a newer format version that this map carries unread.
    pub fn kept_fields(&self) -> &KeptFields {
        &self.kept
    }

    /// Attaches sections read from a file's newer format version; only a
    /// loader calls this, before the map is edited (it is not an edit).
    pub fn set_kept_fields(&mut self, kept: KeptFields) {
        self.kept = kept;
    }

    /// Takes the map apart, e.g. for writing it out.
    pub fn to_parts(&self) -> MapParts {
        MapParts {
            meta: self.meta.clone(),
            scheme: Some(self.scheme.clone()),
            text: self.text.as_str().to_owned(),
            units: self.units.clone(),
            scenarios: self.scenarios.clone(),
            relations: self.relations.clone(),
            positions: self.positions.clone(),
            dismissed: self.dismissed.clone(),
            next_ids: self.next_ids,
        }
    }

    pub(crate) fn reindex(&mut self) {
        // Duplicate ids keep their first occurrence; validation reports the rest.
        let mut lookup = Lookup::default();
        lookup.numbered.reserve(self.units.len());
        for u in &self.units {
            let fresh = lookup.get(&u.id).is_none();
            if fresh {
                lookup.insert(&u.id, (u.start, u.end));
            }
            lookup.duplicates |= !fresh;
        }
        lookup.duplicates |= self.scenarios.windows(2).any(|w| w[0].id == w[1].id)
            || self.relations.windows(2).any(|w| w[0].id == w[1].id);
        self.lookup = lookup;
    }

    /// Records where a unit just inserted or moved sits (its sort key).
    pub(crate) fn note_unit(&mut self, id: &UnitId, start: usize, end: usize) {
        self.lookup.insert(id, (start, end));
    }

    /// Forgets a unit just removed.
    pub(crate) fn forget_unit(&mut self, id: &UnitId) {
        self.lookup.remove(id);
    }

    /// Title, author, source and the annotator's notes.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }
    /// The tag scheme, embedded in the file.
    pub fn scheme(&self) -> &TagScheme {
        &self.scheme
    }
    /// The annotated text and its index.
    pub fn source(&self) -> &SourceText {
        &self.text
    }
    /// The annotated text.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }
    /// Units in text order.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }
    /// Scenarios in id order.
    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }
    /// Relations in id order.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }
    /// Hand-placed node positions on the map.
    pub fn positions(&self) -> &BTreeMap<String, Pos> {
        &self.positions
    }
    /// Dismissed speculation suggestions (char spans).
    pub fn dismissed(&self) -> &[Range<usize>] {
        &self.dismissed
    }
    /// The id counters.
    pub fn next_ids(&self) -> NextIds {
        self.next_ids
    }

    /// The unit with that id.
    pub fn unit(&self, id: &UnitId) -> Option<&Unit> {
        self.unit_index(id).map(|i| &self.units[i])
    }
    /// Position of the unit in [`Self::units`] (O(log n)).
    pub fn unit_index(&self, id: &UnitId) -> Option<usize> {
        let &(start, end) = self.lookup.get(id)?;
        let i = self
            .units
            .partition_point(|u| (u.start, u.end, &u.id) < (start, end, id));
        (self.units.get(i)?.id == *id).then_some(i)
    }
    /// Every unit's position in [`Self::units`] by id, for a pass that looks
    /// up many ids (every relation's ends, say): built in O(n), then one
    /// hash lookup an id instead of [`Self::unit_index`]'s hash plus a binary
    /// search over the units (about 250 ns an id on 20,000 units, mostly
    /// cache misses). A duplicate id keeps its first unit, as there.
    pub fn unit_positions(&self) -> HashMap<&UnitId, usize> {
        let mut at = HashMap::with_capacity(self.units.len());
        for (i, u) in self.units.iter().enumerate() {
            at.entry(&u.id).or_insert(i);
        }
        at
    }
    pub(crate) fn scenario_index(&self, id: &ScenarioId) -> Option<usize> {
        let i = self.scenarios.partition_point(|s| s.id < *id);
        (self.scenarios.get(i)?.id == *id).then_some(i)
    }
    pub(crate) fn relation_index(&self, id: &RelationId) -> Option<usize> {
        let i = self.relations.partition_point(|r| r.id < *id);
        (self.relations.get(i)?.id == *id).then_some(i)
    }
    /// The scenario with that id.
    pub fn scenario(&self, id: &ScenarioId) -> Option<&Scenario> {
        self.scenario_index(id).map(|i| &self.scenarios[i])
    }
    /// The relation with that id.
    pub fn relation(&self, id: &RelationId) -> Option<&Relation> {
        self.relation_index(id).map(|i| &self.relations[i])
    }

    /// The id the next new unit gets.
    pub fn next_unit_id(&self) -> UnitId {
        UnitId::from_number(self.next_ids.unit)
    }
    /// The id the next new relation gets.
    pub fn next_relation_id(&self) -> RelationId {
        RelationId::from_number(self.next_ids.relation)
    }
    /// The id the next new scenario gets.
    pub fn next_scenario_id(&self) -> ScenarioId {
        ScenarioId::from_number(self.next_ids.scenario)
    }

    /// The text between two char offsets, if they are valid.
    pub fn quote_of(&self, span: Range<usize>) -> Option<&str> {
        self.text.slice(span)
    }

    /// Relations that name the unit as source or target.
    pub fn relations_of<'a>(&'a self, id: &'a UnitId) -> impl Iterator<Item = &'a Relation> + 'a {
        self.relations
            .iter()
            .filter(move |r| &r.target == id || r.sources.contains(id))
    }

    /// Units that belong to the scenario.
    pub fn units_in<'a>(&'a self, id: &'a ScenarioId) -> impl Iterator<Item = &'a Unit> + 'a {
        self.units
            .iter()
            .filter(move |u| u.scenario.as_ref() == Some(id))
    }

    /// Units that overlap the char range, in text order: a binary search
    /// bounds the units starting before the range's end, then a linear filter
    /// on their ends. Hot paths should index units per paragraph instead.
    pub fn units_overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Unit> + '_ {
        let end = self.units.partition_point(|u| u.start < range.end);
        self.units[..end]
            .iter()
            .filter(move |u| u.end > range.start)
    }
}

/// Canonical unit order: by position, then id.
pub(crate) fn unit_order(a: &Unit, b: &Unit) -> std::cmp::Ordering {
    (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, start: usize) -> Unit {
        Unit {
            id: UnitId(id.into()),
            kind: "Claim".into(),
            start,
            end: start + 1,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        }
    }

    #[test]
    fn ids_that_parse_to_one_number_are_found_apart() {
        let ids = [
            "u12",
            "u012",
            "u+12",
            "u",
            "x12",
            "u99999999999999999999999",
            "u0",
        ];
        let map = ArgumentMap::from_parts(MapParts {
            text: "abcdefgh".into(),
            units: ids.iter().enumerate().map(|(k, id)| unit(id, k)).collect(),
            ..MapParts::default()
        });
        for (k, id) in ids.iter().enumerate() {
            let found = map.unit(&UnitId((*id).into())).map(|u| u.start);
            assert_eq!(found, Some(k), "{id}");
        }
        assert!(map.unit(&UnitId("u13".into())).is_none());
        assert!(!map.lookup.duplicates);
        assert_eq!(canonical_number(&UnitId("u0".into())), Some(0));
        assert_eq!(canonical_number(&UnitId("u012".into())), None);
    }

    #[test]
    fn unit_positions_agree_with_unit_index_even_for_a_duplicate() {
        let ids = ["u3", "u1", "u3", "x", "u2"];
        let map = ArgumentMap::from_parts(MapParts {
            text: "abcdefgh".into(),
            units: ids.iter().enumerate().map(|(k, id)| unit(id, k)).collect(),
            ..MapParts::default()
        });
        let at = map.unit_positions();
        assert_eq!(at.len(), 4);
        for u in map.units() {
            assert_eq!(at.get(&u.id).copied(), map.unit_index(&u.id), "{}", u.id);
        }
        assert_eq!(at[&UnitId("u3".into())], 0, "the first copy");
    }
}
