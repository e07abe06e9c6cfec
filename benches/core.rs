//! Core speed on a large document: 1 MB of text, 5,000 units, 3,000 relations.
//! Run with `cargo bench --bench core`.

use argmark::io::{from_ron_str, to_ron_string};
use argmark::model::fixture::{large, synthetic};
use argmark::model::{Edit, apply, validate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn core(c: &mut Criterion) {
    let map = synthetic(1_000_000, 5_000, 3_000);
    let ron = to_ron_string(&map);
    assert!(validate(&map).is_empty(), "synthetic map must be valid");
    println!(
        "synthetic map: {} chars, {} units, {} relations, {} bytes of RON",
        map.source().len_chars(),
        map.units().len(),
        map.relations().len(),
        ron.len()
    );
    let mut g = c.benchmark_group("1MB_5k_units_3k_relations");
    g.sample_size(20);
    g.bench_function("save_to_ron", |b| b.iter(|| to_ron_string(black_box(&map))));
    g.bench_function("load_from_ron", |b| {
        b.iter(|| from_ron_str(black_box(&ron), Path::new("bench.argmap.ron")))
    });
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&map))));
    g.finish();
}

/// Issue 12's size: 5 MB, 20,000 units, 12,000 relations, 892 scenarios;
/// plus one batch of 1,000 edits (a whole-document accept, say), which must
/// rebuild the id lookups once, not once per edit.
fn large_core(c: &mut Criterion) {
    let map = large();
    let ron = to_ron_string(&map);
    println!(
        "large map: {} bytes of text, {} units, {} relations, {} scenarios, {} bytes of RON",
        map.text().len(),
        map.units().len(),
        map.relations().len(),
        map.scenarios().len(),
        ron.len()
    );
    let mut g = c.benchmark_group("5MB_20k_units_12k_relations");
    g.sample_size(10);
    g.bench_function("save_to_ron", |b| b.iter(|| to_ron_string(black_box(&map))));
    g.bench_function("load_from_ron", |b| {
        b.iter(|| from_ron_str(black_box(&ron), Path::new("bench.argmap.ron")))
    });
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&map))));
    let batch = Edit::Batch(
        map.relations()
            .iter()
            .take(1_000)
            .map(|r| Edit::RemoveRelation(r.id.clone()))
            .collect(),
    );
    g.bench_function("batch_of_1000_removals", |b| {
        b.iter_batched(
            || map.clone(),
            |mut m| apply(&mut m, batch.clone()),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, core, large_core);
criterion_main!(benches);
