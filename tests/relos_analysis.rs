//! The checks on the annotated RELOS example read the piece as a coach would:
//! the main claim is explicitly kept apart from the author's scenarios ("Even
//! if that best-case scenario doesn't unfold"), while the "milestone … in the
//! global systemic transition" claim hangs on the New Détente and the Arctic
//! drills.

use argmark::analysis::checks::{self, Status};
use argmark::analysis::lens::{self, Lexicon};
use argmark::io::load_map;
use argmark::model::{ArgumentMap, Role, Unit, validate};
use std::collections::BTreeSet;
use std::path::Path;

fn relos() -> ArgumentMap {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/relos.argmap.ron");
    let map = load_map(&path).expect("the example loads");
    assert!(validate(&map).is_empty(), "{:?}", validate(&map));
    map
}

/// The one unit whose quote contains `needle`.
fn unit_quoting<'m>(map: &'m ArgumentMap, needle: &str) -> &'m Unit {
    let found: Vec<&Unit> = map
        .units()
        .iter()
        .filter(|u| u.quote.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "units quoting {needle:?}: {found:?}");
    found[0]
}

/// Names of the scenarios a unit rests on.
fn scenario_names(map: &ArgumentMap, unit: &Unit) -> BTreeSet<String> {
    let d = checks::speculative_dependencies(map, &unit.id).expect("unit exists");
    d.scenarios
        .iter()
        .map(|s| map.scenario(s).expect("scenario exists").name.clone())
        .collect()
}

#[test]
fn the_main_claim_does_not_rest_on_speculation() {
    let map = relos();
    let main: Vec<&Unit> = map
        .units()
        .iter()
        .filter(|u| map.scheme().role_of(&u.kind) == Role::MainClaim)
        .collect();
    assert_eq!(main.len(), 1);
    let main = main[0];
    assert!(main.quote.contains("RELOS still confirms the strength"));
    let d = checks::speculative_dependencies(&map, &main.id).unwrap();
    assert!(d.is_empty(), "the main claim rests on {d:?}");
    let findings = checks::check(&map);
    assert!(
        findings
            .rests_on_speculation
            .iter()
            .all(|d| d.unit != main.id),
        "{:?}",
        findings.rests_on_speculation
    );
    // It stands, and the counter-view it discredits does not.
    assert_eq!(findings.status[&main.id], Status::Accepted);
    let counter = unit_quoting(&map, "some observers believe");
    assert_eq!(findings.status[&counter.id], Status::Rejected);
}

#[test]
fn the_global_milestone_claim_rests_on_the_new_detente_and_the_arctic_drills() {
    let map = relos();
    let global = unit_quoting(&map, "global systemic transition");
    assert!(map.scheme().role_of(&global.kind).is_claim());
    // The annotation makes the trilateral drills depend on the New Détente and on
    // Indo-Russian Arctic drills, and the chain of support runs through all three.
    let want: BTreeSet<String> = [
        "New Détente",
        "Indo-Russian Arctic drills under RELOS",
        "Trilateral Arctic naval drills",
    ]
    .map(String::from)
    .into();
    assert_eq!(scenario_names(&map, global), want);
    let d = checks::speculative_dependencies(&map, &global.id).unwrap();
    let best_case = unit_quoting(&map, "if it eventually pairs with the “New Détente”");
    let detente = unit_quoting(&map, "might even agree");
    assert!(d.speculation_units.contains(&best_case.id), "{d:?}");
    assert!(d.speculation_units.contains(&detente.id), "{d:?}");

    // The firm half of the same sentence rests on nothing speculative.
    let firm = unit_quoting(&map, "milestone not only in Indo-Russo relations");
    assert!(scenario_names(&map, firm).is_empty());
    assert!(
        checks::speculative_dependencies(&map, &firm.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_diversification_claims_rest_on_the_indian_ocean_drills_only() {
    let map = relos();
    let trend: Vec<&Unit> = map
        .units()
        .iter()
        .filter(|u| u.quote.contains("diversifying Russia’s “Pivot to Asia”"))
        .collect();
    // The lede and the third paragraph state it alike.
    assert_eq!(trend.len(), 2);
    let findings = checks::check(&map);
    for unit in trend {
        assert!(
            findings
                .rests_on_speculation
                .iter()
                .any(|d| d.unit == unit.id)
        );
        assert_eq!(
            scenario_names(&map, unit),
            BTreeSet::from(["More Russian naval drills in the Indian Ocean".to_owned()]),
        );
    }
}

#[test]
fn the_lens_agrees_with_the_annotation_where_it_speculates() {
    let map = relos();
    let readings = lens::read_map(&map, Lexicon::builtin());
    let summary = checks::summary(&map, &readings);
    assert!(summary.speculative_sentences_found >= 10);
    assert!(summary.speculative_sentences_marked <= summary.speculative_sentences_found);
    // Every speculation unit but one lies in a sentence the lens labels
    // speculation. The exception is speculative by context alone (it names
    // "the most immediate and realistic" implication of the New Détente) and
    // has no hedge word for a lexicon to find.
    let missed: Vec<&str> = map
        .units()
        .iter()
        .filter(|u| map.scheme().role_of(&u.kind) == Role::Speculation)
        .filter(|u| {
            !readings.iter().any(|r| {
                r.span.start <= u.start
                    && u.start < r.span.end
                    && r.label == lens::Label::Speculation
            })
        })
        .map(|u| u.quote.as_str())
        .collect();
    assert_eq!(missed.len(), 1, "{missed:#?}");
    assert!(missed[0].starts_with("The most immediate and realistic among them"));
}
