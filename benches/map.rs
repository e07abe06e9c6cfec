//! Map layout speed on large argument graphs of 2,000 units and 3,000
//! relations: the shallow, wide synthetic map of the core bench, and a deep
//! argument tree with long cross links (many dummy nodes). Run with
//! `cargo bench --bench map`.

use argmark::export::{Format, png, render, svg};
use argmark::graph::{LabelSource, LayoutOptions, MapGraph, MapLayout, from_graph};
use argmark::model::fixture::{large, synthetic};
use argmark::model::{
    ArgumentMap, MapParts, Relation, RelationId, RelationKind, TagScheme, Unit, UnitId,
};
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

/// A deep argument: one main claim, every other unit supporting or
/// attacking one of the 40 units before it (a tree of 1,999 edges), plus
/// 1,001 longer-range relations (some linked) that cross many layers.
fn deep_argument(units: usize) -> ArgumentMap {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let scheme = TagScheme::argument();
    let tags: Vec<String> = scheme.tags.iter().map(|t| t.name.clone()).collect();
    let mut parts = MapParts {
        scheme: Some(scheme),
        ..MapParts::default()
    };
    for i in 0..units {
        let quote = format!("unit {i} says that the agreement will likely presage more drills");
        let start = parts.text.chars().count();
        parts.text.push_str(&quote);
        let end = parts.text.chars().count();
        parts.text.push_str(". ");
        parts.units.push(Unit {
            id: UnitId::from_number(i as u64 + 1),
            kind: if i == 0 {
                tags[0].clone()
            } else {
                tags[1 + i % (tags.len() - 1)].clone()
            },
            start,
            end,
            quote,
            note: String::new(),
            scenario: None,
        });
    }
    let relation = |sources: Vec<u64>, target: u64, attack: bool| Relation {
        id: RelationId::from_number(0),
        kind: if attack {
            RelationKind::Attack
        } else {
            RelationKind::Support
        },
        sources: sources.into_iter().map(UnitId::from_number).collect(),
        target: UnitId::from_number(target),
        note: String::new(),
    };
    let mut relations = Vec::new();
    for i in 2..=units as u64 {
        let parent = i - 1 - next() % (i - 1).min(40);
        relations.push(relation(vec![i], parent, next() % 5 == 0));
    }
    for k in 0..1_001u64 {
        let i = 3 + next() % (units as u64 - 2);
        let target = i - 1 - next() % (i - 1).min(300);
        let mut sources = vec![i];
        if k % 10 == 0 && i < units as u64 {
            sources.push(i + 1);
        }
        relations.push(relation(sources, target, next() % 4 == 0));
    }
    for (n, r) in relations.iter_mut().enumerate() {
        r.id = RelationId::from_number(n as u64 + 1);
    }
    parts.relations = relations;
    ArgumentMap::from_parts(parts)
}

fn deep_layout(c: &mut Criterion) {
    let map = deep_argument(2_000);
    let options = LayoutOptions::default();
    let started = Instant::now();
    let layout = MapLayout::compute(&map, &options);
    let layers = layout
        .nodes
        .iter()
        .filter_map(|n| match n.placement {
            argmark::graph::Placement::Layered { layer } => Some(layer),
            _ => None,
        })
        .max()
        .map_or(0, |l| l + 1);
    let bends: usize = layout.edges.iter().map(|e| e.points.len()).sum();
    println!(
        "deep argument: {} units, {} relations -> {} layers, {} polyline points, {} crossings; one layout took {:.0?}",
        map.units().len(),
        map.relations().len(),
        layers,
        bends,
        layout.crossings,
        started.elapsed()
    );
    let mut g = c.benchmark_group("deep_2k_units_3k_relations");
    g.sample_size(10);
    g.bench_function("compute_all", |b| {
        b.iter(|| MapLayout::compute(black_box(&map), &options))
    });
    g.finish();
}

/// The map of issue 12's large document (20,000 units, 12,000 relations,
/// 892 scenarios): layout, and the PNG export with its pixel size.
fn large_layout(c: &mut Criterion) {
    let map = large();
    let options = LayoutOptions::default();
    let started = Instant::now();
    let layout = MapLayout::compute(&map, &options);
    let took = started.elapsed();
    let doc = svg::document(&map, &layout, "bench");
    println!(
        "large map: {} nodes, {} edges; layout {} x {} units ({:?} px as PNG), {} crossings; one layout took {took:.0?}",
        layout.nodes.len(),
        layout.edges.len(),
        layout.bounds.width().round(),
        layout.bounds.height().round(),
        png::raster_size(doc.width, doc.height),
        layout.crossings,
    );
    let started = Instant::now();
    let bytes = render(&map, &options, Format::Png, "bench").map(|b| b.len());
    println!("PNG export: {bytes:?} bytes in {:.1?}", started.elapsed());
    let mut g = c.benchmark_group("20k_units_12k_relations");
    g.sample_size(10);
    g.bench_function("compute_all", |b| {
        b.iter(|| MapLayout::compute(black_box(&map), &options))
    });
    g.bench_function("png_export", |b| {
        b.iter(|| render(black_box(&map), &options, Format::Png, "bench"))
    });
    g.finish();
}

/// A pathological graph: 300 units, each supporting every earlier one
/// (44,850 relations). Laid out within the work budget, with a notice.
fn clique_layout(c: &mut Criterion) {
    let map = argmark::model::fixture::clique(300);
    let options = LayoutOptions::default();
    let layout = MapLayout::compute(&map, &options);
    println!("300-unit clique: notice {:?}", layout.notice);
    let started = Instant::now();
    let png = render(&map, &options, Format::Png, "bench");
    println!(
        "300-unit clique: PNG {:?} bytes in {:.1?}",
        png.as_ref().map(Vec::len),
        started.elapsed()
    );
    assert!(png.is_ok(), "the clique exports: {png:?}");
    let mut g = c.benchmark_group("clique_300_units");
    g.sample_size(10);
    g.bench_function("compute_all", |b| {
        b.iter(|| MapLayout::compute(black_box(&map), &options))
    });
    g.bench_function("png_export", |b| {
        b.iter(|| render(black_box(&map), &options, Format::Png, "bench"))
    });
    g.finish();
}

criterion_group!(
    benches,
    map_layout,
    deep_layout,
    large_layout,
    clique_layout
);
criterion_main!(benches);
