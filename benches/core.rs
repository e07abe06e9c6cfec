//! Core speed on a large document: 1 MB of text, 5,000 units, 3,000 relations.
//! Run with `cargo bench --bench core`.

use argmark::io::{from_ron_str, to_ron_string};
use argmark::model::fixture::{large, synthetic};
use argmark::model::{
    ArgumentMap, Edit, Relation, RelationId, RelationKind, Unit, UnitId, apply, apply_one_by_one,
    restore, validate,
};
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
/// plus batches of removals and additions and their undo, which must cost
/// O(k + n), not O(k·n).
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
    let batch = additions(&map, 6_000, 4_000);
    g.bench_function("batch_of_10000_additions", |b| {
        b.iter_batched(
            || map.clone(),
            |mut m| apply(&mut m, batch.clone()),
            criterion::BatchSize::LargeInput,
        )
    });
    // Its undo: a batch of 10,000 removals (each with the id counters it
    // restores), one run; and edit by edit, as before runs of removals.
    let undo = {
        let mut m = map.clone();
        let undo = apply(&mut m, batch.clone()).expect("additions apply");
        (m, undo)
    };
    g.bench_function("undo_of_10000_additions", |b| {
        b.iter_batched(
            || undo.clone(),
            |(mut m, undo)| restore(&mut m, undo),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("undo_of_10000_additions_one_by_one", |b| {
        b.iter_batched(
            || undo.clone(),
            |(mut m, undo)| apply_one_by_one(&mut m, undo, true),
            criterion::BatchSize::LargeInput,
        )
    });
    // 5,000 unit removals (every fourth unit), whose relations go or lose a
    // source: as one batch (one run), and edit by edit as before; then their
    // undo (units put back with their relations: one run of insertions).
    let batch = Edit::Batch(
        map.units()
            .iter()
            .step_by(4)
            .map(|u| Edit::RemoveUnit(u.id.clone()))
            .collect(),
    );
    g.bench_function("batch_of_5000_unit_removals", |b| {
        b.iter_batched(
            || map.clone(),
            |mut m| apply(&mut m, batch.clone()),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("batch_of_5000_unit_removals_one_by_one", |b| {
        b.iter_batched(
            || map.clone(),
            |mut m| apply_one_by_one(&mut m, batch.clone(), false),
            criterion::BatchSize::LargeInput,
        )
    });
    let undo = {
        let mut m = map.clone();
        let undo = apply(&mut m, batch.clone()).expect("removals apply");
        (m, undo)
    };
    g.bench_function("undo_of_5000_unit_removals", |b| {
        b.iter_batched(
            || undo.clone(),
            |(mut m, undo)| restore(&mut m, undo),
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("undo_of_5000_unit_removals_one_by_one", |b| {
        b.iter_batched(
            || undo.clone(),
            |(mut m, undo)| apply_one_by_one(&mut m, undo, true),
            criterion::BatchSize::LargeInput,
        )
    });
    g.finish();
}

/// One batch adding `units` new one-word units spread over the text and
/// `relations` relations from them to existing units (a whole-document
/// import, say): merged into the sorted lists once, not shifted k times.
fn additions(map: &ArgumentMap, units: usize, relations: usize) -> Edit {
    let text = map.text();
    let (u0, r0) = (map.next_unit_id(), map.next_relation_id());
    let (u0, r0) = (u0.number().unwrap_or(0), r0.number().unwrap_or(0));
    let mut edits = Vec::with_capacity(units + relations);
    let mut chars = 0;
    let mut byte = 0;
    for k in 0..units {
        // The k-th of `units` evenly spaced words: advance to the next space.
        let want = text.len() * k / units;
        let rest = &text[byte..];
        let skip = rest
            .char_indices()
            .find(|&(i, c)| byte + i >= want && c == ' ')
            .map_or(rest.len(), |(i, _)| i + 1);
        chars += rest[..skip].chars().count();
        byte += skip;
        let len = text[byte..].find(' ').unwrap_or(0);
        let word_chars = text[byte..byte + len].chars().count();
        if word_chars == 0 {
            continue;
        }
        edits.push(Edit::AddUnit(Unit {
            id: UnitId::from_number(u0 + k as u64),
            kind: "Claim".into(),
            start: chars,
            end: chars + word_chars,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        }));
    }
    for k in 0..relations {
        edits.push(Edit::AddRelation(Relation {
            id: RelationId::from_number(r0 + k as u64),
            kind: RelationKind::Support,
            sources: vec![UnitId::from_number(u0 + k as u64)],
            target: map.units()[k * 3].id.clone(),
            note: String::new(),
        }));
    }
    let batch = Edit::Batch(edits);
    assert!(
        apply(&mut map.clone(), batch.clone()).is_ok(),
        "additions apply"
    );
    batch
}

criterion_group!(benches, core, large_core);
criterion_main!(benches);
