//! One row per map, for comparing pieces of different texts (`argmark
//! profile`): units per tag, coverage per role, the speculative share, the
//! coach's checks as counts, the longest chain of support and scenarios.

use crate::analysis::{checks, covered, stats};
use crate::model::{ArgumentMap, RelationKind, Role};
use serde::Serialize;
use std::collections::BTreeMap;

/// The profile of one map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profile {
    pub title: String,
    /// Length of the text in chars.
    pub chars: usize,
    pub units: usize,
    pub relations: usize,
    /// Units per tag name, including the scheme's unused tags.
    pub units_by_tag: BTreeMap<String, usize>,
    /// Share of the text's chars covered by each role the scheme has, and `any`.
    pub coverage: BTreeMap<&'static str, f64>,
    /// Share of the marked chars that speculation units cover (0 when nothing is marked).
    pub speculative_share: f64,
    /// Claims no support relation targets.
    pub unsupported_claims: usize,
    /// Attacks on claims nobody answers.
    pub unanswered_attacks: usize,
    /// Claims with speculation in their chain of support.
    pub rests_on_speculation: usize,
    /// Units on the longest chain of support (source to target, outside circular support).
    pub longest_support_chain: usize,
    pub scenarios: usize,
}

/// Profiles one map.
pub fn profile(map: &ArgumentMap) -> Profile {
    let s = stats(map);
    let findings = checks::check(map);
    let len = map.source().len_chars();
    let any = covered(map.units().iter().map(|u| u.span()), len);
    let speculation = covered(
        map.units()
            .iter()
            .filter(|u| map.scheme().role_of(&u.kind) == Role::Speculation)
            .map(|u| u.span()),
        len,
    );
    let mut coverage = s.coverage;
    coverage.remove("unmarked");
    Profile {
        title: s.title,
        chars: s.chars,
        units: s.units,
        relations: s.relations,
        units_by_tag: s.by_kind,
        coverage,
        speculative_share: if any == 0 {
            0.0
        } else {
            speculation as f64 / any as f64
        },
        unsupported_claims: findings.unsupported_claims.len(),
        unanswered_attacks: findings.unanswered_attacks.len(),
        rests_on_speculation: findings
            .rests_on_speculation
            .iter()
            .filter(|d| !d.is_empty())
            .count(),
        longest_support_chain: longest_support_chain(map),
        scenarios: map.scenarios().len(),
    }
}

/// Units on the longest path of support edges (each source to the target),
/// in the part of the graph outside circular support: Kahn's topological
/// order, then longest path by dynamic programming. 0 without support.
pub fn longest_support_chain(map: &ArgumentMap) -> usize {
    let n = map.units().len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for r in map.relations() {
        if r.kind != RelationKind::Support {
            continue;
        }
        let Some(t) = map.unit_index(&r.target) else {
            continue;
        };
        for s in &r.sources {
            if let Some(s) = map.unit_index(s)
                && s != t
            {
                out[s].push(t);
                indegree[t] += 1;
            }
        }
    }
    let mut length = vec![1usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut best = 0;
    let mut any_edge = false;
    while let Some(v) = queue.pop() {
        for &w in &out[v] {
            any_edge = true;
            length[w] = length[w].max(length[v] + 1);
            best = best.max(length[w]);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push(w);
            }
        }
    }
    if any_edge { best } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind::{Attack, Support};
    use crate::model::TagScheme;
    use crate::model::fixture::{link, marked};

    #[test]
    fn profile_by_hand() {
        // Speculation "It might rain." is 14 chars of the 12 + 14 + 8 = 34 marked.
        let mut m = marked(
            "[Claim:Prices rose.] [Speculation:It might rain.] [Premise:It ends.] x",
            TagScheme::argument(),
        );
        link(&mut m, Support, &[3], 2);
        link(&mut m, Support, &[2], 1);
        link(&mut m, Attack, &[3], 1);
        let p = profile(&m);
        assert_eq!(p.units, 3);
        assert_eq!(p.units_by_tag["Speculation"], 1);
        assert_eq!(p.units_by_tag["Evidence"], 0);
        assert_eq!(p.longest_support_chain, 3);
        assert_eq!(p.unsupported_claims, 0);
        assert_eq!(p.unanswered_attacks, 1);
        assert_eq!(p.rests_on_speculation, 1);
        assert!(
            (p.speculative_share - 14.0 / 34.0).abs() < 1e-12,
            "{}",
            p.speculative_share
        );
    }

    #[test]
    fn chains_skip_circular_support() {
        let mut m = marked(
            "[Claim:a] [Claim:b] [Claim:c] [Claim:d]",
            TagScheme::argument(),
        );
        assert_eq!(longest_support_chain(&m), 0);
        link(&mut m, Support, &[1], 2);
        link(&mut m, Support, &[2], 1); // a circle
        link(&mut m, Support, &[3], 4);
        assert_eq!(longest_support_chain(&m), 2);
    }
}
