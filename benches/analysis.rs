//! Analysis speed: the speculation lens on a 1,000-sentence text and on the
//! 1 MB synthetic document, and the argument checks on the large synthetic
//! map (1 MB of text, 5,000 units, 3,000 relations) and on issue 12's (5 MB,
//! 20,000 units, 12,000 relations).
//! Run with `cargo bench --bench analysis`.

use argmark::analysis::checks;
use argmark::analysis::lens::{self, Lexicon};
use argmark::model::fixture::{large, synthetic};
use argmark::model::validate;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// 1,000 sentences from the labelled set, five to a paragraph.
fn thousand_sentences() -> String {
    let set = include_str!("../tests/data/speculation_sentences.tsv");
    let sentences: Vec<&str> = set
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(_, s)| s))
        .collect();
    let mut text = String::new();
    for (i, s) in sentences.iter().cycle().take(1000).enumerate() {
        text.push_str(s);
        text.push(if i % 5 == 4 { '\n' } else { ' ' });
    }
    text
}

fn analysis(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let text = thousand_sentences();
    let readings = lens::read(&text, lexicon);
    println!(
        "lens text: {} chars, {} sentences, {} speculative",
        text.chars().count(),
        readings.len(),
        readings
            .iter()
            .filter(|r| r.label == lens::Label::Speculation)
            .count()
    );
    let map = synthetic(1_000_000, 5_000, 3_000);
    let big = lens::read_map(&map, lexicon);
    let findings = checks::check(&map);
    println!(
        "synthetic map: {} chars, {} units, {} relations; {} sentences; {} unsupported claims, {} cycles, {} claims resting on speculation",
        map.source().len_chars(),
        map.units().len(),
        map.relations().len(),
        big.len(),
        findings.unsupported_claims.len(),
        findings.cycles.len(),
        findings.rests_on_speculation.len()
    );

    let mut g = c.benchmark_group("lens");
    g.bench_function("read_1000_sentences", |b| {
        b.iter(|| lens::read(black_box(&text), lexicon))
    });
    g.sample_size(10);
    g.bench_function("read_1MB_synthetic", |b| {
        b.iter(|| lens::read_map(black_box(&map), lexicon))
    });
    g.bench_function("suggestions_1MB_synthetic", |b| {
        b.iter(|| lens::suggestions(black_box(&map), black_box(&big)))
    });
    g.finish();

    let mut g = c.benchmark_group("checks_1MB_5k_units_3k_relations");
    g.sample_size(20);
    g.bench_function("check_all", |b| b.iter(|| checks::check(black_box(&map))));
    g.bench_function("acceptance", |b| {
        b.iter(|| checks::acceptance(black_box(&map)))
    });
    g.bench_function("summary", |b| {
        b.iter(|| checks::summary(black_box(&map), black_box(&big)))
    });
    g.finish();

    // Issue 12's map: every relation end is looked up by id (checks' graph,
    // the support index the window builds per revision, validation).
    let map = large();
    let mut g = c.benchmark_group("checks_5MB_20k_units_12k_relations");
    g.sample_size(20);
    g.bench_function("check_all", |b| b.iter(|| checks::check(black_box(&map))));
    g.bench_function("support_index", |b| {
        b.iter(|| checks::SupportIndex::new(black_box(&map)))
    });
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&map))));
    g.bench_function("unit_lookups_of_every_relation_end", |b| {
        b.iter(|| {
            black_box(&map)
                .relations()
                .iter()
                .flat_map(|r| r.sources.iter().chain([&r.target]))
                .filter(|id| map.unit_index(id).is_some())
                .count()
        })
    });
    g.bench_function("the_same_through_one_unit_positions_map", |b| {
        b.iter(|| {
            let at = black_box(&map).unit_positions();
            map.relations()
                .iter()
                .flat_map(|r| r.sources.iter().chain([&r.target]))
                .filter(|id| at.contains_key(id))
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
