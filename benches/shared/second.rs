//! A second annotator for the compare benches, derived from the first so
//! the two agree on most units and differ in known ways.

use argmark::model::{ArgumentMap, TagScheme};

/// A second annotator: every 7th unit retagged, every 5th trimmed by two
/// chars, every 11th dropped.
pub fn second(a: &ArgumentMap) -> ArgumentMap {
    let mut parts = a.to_parts();
    let tags: Vec<String> = TagScheme::argument()
        .tags
        .iter()
        .map(|t| t.name.clone())
        .collect();
    let mut kept = Vec::with_capacity(parts.units.len());
    for (n, mut u) in parts.units.into_iter().enumerate() {
        if n % 11 == 3 {
            continue;
        }
        if n % 7 == 0 {
            u.kind = tags[(n / 7) % tags.len()].clone();
        }
        if n % 5 == 0 && u.end - u.start > 4 {
            u.end -= 2;
        }
        kept.push(u);
    }
    parts.units = kept;
    let ids: std::collections::HashSet<_> = parts.units.iter().map(|u| u.id.clone()).collect();
    parts
        .relations
        .retain(|r| ids.contains(&r.target) && r.sources.iter().all(|s| ids.contains(s)));
    ArgumentMap::from_parts(parts)
}
