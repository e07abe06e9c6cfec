//! Map layout speed on a large argument graph: 2,000 units joined by 3,000
//! relations (plus the SVG export of it). Run with `cargo bench --bench map`.

use argmark::export::svg;
use argmark::graph::{LabelSource, LayoutOptions, MapGraph, MapLayout, from_graph};
use argmark::model::fixture::synthetic;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;

fn map_layout(c: &mut Criterion) {
    let map = synthetic(400_000, 2_000, 3_000);
    let options = LayoutOptions::default();
    let graph = MapGraph::build(&map, LabelSource::Quote, options.max_words);
    let started = Instant::now();
    let layout = MapLayout::compute(&map, &options);
    println!(
        "synthetic map: {} units, {} relations -> {} nodes, {} edges; one layout took {:.0?}",
        map.units().len(),
        map.relations().len(),
        graph.nodes.len(),
        graph.edges.len(),
        started.elapsed()
    );
    println!(
        "layout: {} x {} units, {} crossings",
        layout.bounds.width().round(),
        layout.bounds.height().round(),
        layout.crossings
    );
    let mut g = c.benchmark_group("2k_units_3k_relations");
    g.sample_size(10);
    g.bench_function("build_graph", |b| {
        b.iter(|| MapGraph::build(black_box(&map), LabelSource::Quote, options.max_words))
    });
    g.bench_function("layout", |b| {
        b.iter(|| from_graph(black_box(&graph), &map, &options))
    });
    g.bench_function("compute_all", |b| {
        b.iter(|| MapLayout::compute(black_box(&map), &options))
    });
    g.bench_function("svg_document", |b| {
        b.iter(|| svg::document(&map, black_box(&layout), "bench"))
    });
    g.finish();
}

criterion_group!(benches, map_layout);
criterion_main!(benches);
