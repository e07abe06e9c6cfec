//! Counts and coverage: how much of a text is marked as what.

use crate::model::{ArgumentMap, Role};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// A summary of one map, as `argmark stats --json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub title: String,
    pub scheme: String,
    /// Length of the text in chars.
    pub chars: usize,
    pub units: usize,
    pub relations: usize,
    /// Relation count per kind (`support`, `attack`, `rephrase`).
    pub relations_by_kind: BTreeMap<&'static str, usize>,
    /// Scenario names in id order.
    pub scenarios: Vec<String>,
    /// Unit count per tag name, including tags with no units.
    pub by_kind: BTreeMap<String, usize>,
    /// Share of the text's chars (0..1) covered by units of each role present
    /// in the scheme, plus `any` (covered by some unit) and `unmarked`.
    pub coverage: BTreeMap<&'static str, f64>,
}

/// Computes the summary.
pub fn stats(map: &ArgumentMap) -> Stats {
    let len = map.source().len_chars();
    let mut by_kind: BTreeMap<String, usize> = map
        .scheme()
        .tags
        .iter()
        .map(|t| (t.name.clone(), 0))
        .collect();
    for u in map.units() {
        *by_kind.entry(u.kind.clone()).or_default() += 1;
    }
    let mut relations_by_kind = BTreeMap::new();
    for r in map.relations() {
        *relations_by_kind.entry(r.kind.key()).or_default() += 1;
    }
    let share = |n: usize| if len == 0 { 0.0 } else { n as f64 / len as f64 };
    let mut coverage = BTreeMap::new();
    for role in Role::ALL {
        if map.scheme().tags.iter().any(|t| t.role == role) {
            let spans = map
                .units()
                .iter()
                .filter(|u| map.scheme().role_of(&u.kind) == role)
                .map(|u| u.span());
            coverage.insert(role.key(), share(covered(spans, len)));
        }
    }
    let any = covered(map.units().iter().map(|u| u.span()), len);
    coverage.insert("any", share(any));
    coverage.insert("unmarked", share(len - any));
    Stats {
        title: map.meta().title.clone(),
        scheme: map.scheme().name.clone(),
        chars: len,
        units: map.units().len(),
        relations: map.relations().len(),
        relations_by_kind,
        scenarios: map.scenarios().iter().map(|s| s.name.clone()).collect(),
        by_kind,
        coverage,
    }
}

/// Number of chars in `0..len` covered by the union of `spans`.
pub fn covered(spans: impl Iterator<Item = Range<usize>>, len: usize) -> usize {
    let mut spans: Vec<Range<usize>> = spans
        .map(|s| s.start.min(len)..s.end.min(len))
        .filter(|s| s.start < s.end)
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut total = 0;
    let mut reach = 0;
    for s in spans {
        let from = s.start.max(reach);
        if s.end > from {
            total += s.end - from;
            reach = s.end;
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covered_merges_overlaps_and_clamps() {
        assert_eq!(covered([0..5, 3..8, 10..12].into_iter(), 20), 10);
        assert_eq!(covered([2..4, 0..10].into_iter(), 20), 10);
        assert_eq!(covered(std::iter::once(15..30), 20), 5);
        assert_eq!(covered(std::iter::empty(), 20), 0);
    }
}
