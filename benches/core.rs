//! Core speed on a large document: 1 MB of text, 5,000 units, 3,000 relations.
//! Run with `cargo bench --bench core`.

use argmark::io::{from_ron_str, to_ron_string};
use argmark::model::fixture::synthetic;
use argmark::model::validate;
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

criterion_group!(benches, core);
criterion_main!(benches);
