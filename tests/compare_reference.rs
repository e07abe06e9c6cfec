//! Agreement on real annotations checked against independent implementations.
//!
//! The three maps are the bundled RELOS example and two variants of it made
//! for these tests (tests/data/compare/: a second annotator who drops,
//! retags, trims and adds units and relations, and a student). Reference
//! values were computed once from `argmark compare … --items items.csv`
//! with Python 3.11, scikit-learn 1.9.1, statsmodels 0.15.0 and
//! krippendorff 0.9.0:
//!   sklearn.metrics.cohen_kappa_score(labels[a], labels[b])
//!   statsmodels.stats.inter_rater.fleiss_kappa(aggregate_raters(data)[0], method="fleiss")
//!   krippendorff.alpha(reliability_data=data.T, level_of_measurement="nominal")
//! with `labels` the word rows' label columns (data: the labels as integer codes),
//! and, for the relation κ, cohen_kappa_score over the `relation` rows of one pair.

use argmark::analysis::compare::report::token_items;
use argmark::analysis::compare::{Annotator, Options, compare};
use argmark::model::{ArgumentMap, TagScheme};
use std::path::Path;

fn open(path: &str) -> ArgumentMap {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    argmark::io::open(&p, TagScheme::argument()).expect("test map opens")
}

fn maps() -> Vec<ArgumentMap> {
    vec![
        open("examples/relos.argmap.ron"),
        open("tests/data/compare/relos-second.argmap.ron"),
        open("tests/data/compare/relos-student.argmap.ron"),
    ]
}

const NAMES: [&str; 3] = ["relos", "relos-second", "relos-student"];

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("defined");
    assert!((a - b).abs() < 1e-12, "{a} vs {b}");
}

#[test]
fn three_annotators_match_scikit_learn_statsmodels_and_krippendorff() {
    let maps = maps();
    let annotators: Vec<Annotator> = NAMES
        .iter()
        .zip(&maps)
        .map(|(name, map)| Annotator { name, map })
        .collect();
    let r = compare(&annotators, &Options::default()).expect("same text");
    assert_eq!(r.tokens.words, 1061);
    let kappa: Vec<f64> = r
        .pairs
        .iter()
        .map(|p| p.cohen_kappa.value.unwrap())
        .collect();
    close(Some(kappa[0]), 0.8000518244564321);
    close(Some(kappa[1]), 0.8088987634764068);
    close(Some(kappa[2]), 0.6103840585937981);
    close(r.fleiss_kappa.value, 0.7394875262326747);
    close(r.krippendorff_alpha.value, 0.7395693711820202);
    // κ over ordered pairs of aligned units, relation kind or none.
    assert_eq!(r.pairs[0].relations.pair_kappa.items, 1892);
    close(r.pairs[0].relations.pair_kappa.value, 0.9609601089485331);
    assert_eq!(r.pairs[1].relations.pair_kappa.items, 1980);
    close(r.pairs[1].relations.pair_kappa.value, 0.9799431723215778);
}

#[test]
fn two_annotators_match_statsmodels_and_krippendorff() {
    let maps = maps();
    let annotators: Vec<Annotator> = NAMES[..2]
        .iter()
        .zip(&maps)
        .map(|(name, map)| Annotator { name, map })
        .collect();
    let r = compare(&annotators, &Options::default()).expect("same text");
    close(r.fleiss_kappa.value, 0.7998586362949909);
    close(r.krippendorff_alpha.value, 0.7999529536200168);
    // The word labels are what the reference read back from --items.
    let items = token_items(&annotators);
    assert_eq!(items.codes[0].len(), 1061);
}
