//! Comparison speed: two annotators × 20,000 units on a 5 MB synthetic text
//! (`argmark compare` on a large document: alignment, span F1, word κ/α,
//! α_U, relations, scenarios). Run with `cargo bench --bench compare`.

use argmark::analysis::compare::report::{alignment, alpha_u, pair_report, token_items};
use argmark::analysis::compare::{Annotator, Options, coding, compare, same_text, tokens};
use argmark::model::fixture::synthetic;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

#[path = "shared/second.rs"]
mod second;
use second::second;

fn bench(c: &mut Criterion) {
    let a = synthetic(5_000_000, 20_000, 10_000);
    let b = second(&a);
    let annotators = [
        Annotator { name: "a", map: &a },
        Annotator { name: "b", map: &b },
    ];
    let r = compare(&annotators, &Options::default()).expect("same text");
    println!(
        "compare: {} bytes, {} chars, {} words, {} vs {} units, {} aligned; κ {:.3}, α_U {:.3}",
        a.text().len(),
        r.chars,
        r.tokens.words,
        a.units().len(),
        b.units().len(),
        r.pairs[0].aligned.len(),
        r.pairs[0].cohen_kappa.value.unwrap_or(f64::NAN),
        r.alpha_u.overall.unwrap_or(f64::NAN)
    );
    // Where the time goes, stage by stage (median of 5 runs, printed once).
    let stage = |name: &str, f: &dyn Fn()| {
        let mut t: Vec<f64> = (0..5)
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        println!("  stage {name}: {:.1} ms", t[2]);
    };
    let items = token_items(&annotators);
    let aligned = alignment(&a, &b, &Options::default());
    stage("whole comparison", &|| {
        black_box(compare(&annotators, &Options::default()).ok());
    });
    stage("same text + hash", &|| {
        black_box(same_text(&annotators).ok());
    });
    stage("words", &|| {
        black_box(tokens::words(a.text()));
    });
    stage("words + labels", &|| {
        black_box(token_items(&annotators));
    });
    let words = tokens::words(a.text());
    let codes: Vec<u16> = a.units().iter().map(|u| u.kind.len() as u16).collect();
    stage("labels of one annotator", &|| {
        black_box(tokens::labels(&words, a.units(), &codes));
    });
    stage("alignment", &|| {
        black_box(alignment(&a, &b, &Options::default()));
    });
    stage("pair report", &|| {
        black_box(pair_report(
            &annotators[0],
            &annotators[1],
            &aligned,
            &items.codes[0],
            &items.codes[1],
        ));
    });
    stage("  of which span F1", &|| {
        black_box(argmark::analysis::compare::spans::span_f1(
            a.units(),
            b.units(),
            &aligned,
        ));
    });
    stage("  of which relations", &|| {
        black_box(argmark::analysis::compare::relations::relation_agreement(
            &a, &b, &aligned,
        ));
    });
    stage("  of which scenarios", &|| {
        black_box(argmark::analysis::compare::scenarios::scenario_agreement(
            &a, &b, &aligned,
        ));
    });
    stage("Fleiss + alpha", &|| {
        let all: Vec<&[u16]> = items.codes.iter().map(Vec::as_slice).collect();
        black_box(coding::fleiss_kappa(&all));
        let coded: Vec<Vec<Option<u16>>> = items
            .codes
            .iter()
            .map(|c| c.iter().copied().map(Some).collect())
            .collect();
        black_box(coding::krippendorff_alpha(&coded));
    });
    stage("alpha_U", &|| {
        black_box(alpha_u(&annotators));
    });
    c.bench_function("compare 2 × 20,000 units, 5 MB", |bench| {
        bench.iter(|| compare(black_box(&annotators), &Options::default()))
    });
    // Its parts, to see where the time goes.
    c.bench_function("part: UAX #29 words of 5 MB", |bench| {
        bench.iter(|| tokens::words(black_box(a.text())))
    });
    c.bench_function("part: words and labels, 2 annotators", |bench| {
        bench.iter(|| token_items(black_box(&annotators)))
    });
    c.bench_function("part: alignment of 20,000 units", |bench| {
        bench.iter(|| alignment(black_box(&a), &b, &Options::default()))
    });
    c.bench_function("part: alpha_U", |bench| {
        bench.iter(|| alpha_u(black_box(&annotators)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
