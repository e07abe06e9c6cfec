//! One headless frame of the whole window on a large document: 1 MB of text,
//! 5,000 units, 3,000 relations. Reports the first frame (cold caches) and
//! the steady-state frame after warm-up. Run with `cargo bench --bench ui`.

use argmark::model::fixture::synthetic;
use argmark::session::{Origin, Session};
use argmark::ui::ArgmarkApp;
use argmark::ui::analysis_view::AnalysisView;
use argmark::ui::map_pane::MapPane;
use argmark::ui::state::View;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::path::PathBuf;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    }
}

fn app() -> ArgmarkApp {
    let map = synthetic(1_000_000, 5_000, 3_000);
    ArgmarkApp::new(Session::new(
        map,
        Origin::Text(PathBuf::from("synthetic.txt")),
    ))
}

fn frames(c: &mut Criterion) {
    let template = app();
    let map = template.session().map();
    println!(
        "document: {} chars, {} paragraphs, {} units, {} relations",
        map.source().len_chars(),
        map.source().index().paragraphs().len(),
        map.units().len(),
        map.relations().len()
    );
    let mut g = c.benchmark_group("window_1MB_5k_units");
    g.sample_size(20);
    g.bench_function("first_frame", |b| {
        b.iter_batched(
            || (egui::Context::default(), app()),
            |(ctx, mut app)| ctx.run_ui(input(), |ui| app.draw(ui)),
            BatchSize::LargeInput,
        )
    });
    let ctx = egui::Context::default();
    let mut warm = app();
    for _ in 0..5 {
        let _ = ctx.run_ui(input(), |ui| warm.draw(ui));
    }
    g.bench_function("frame_after_warm_up", |b| {
        b.iter(|| ctx.run_ui(input(), |ui| warm.draw(ui)))
    });
    g.finish();

    // The map pane alone on a 2,000-unit, 3,000-relation argument graph.
    let map = synthetic(400_000, 2_000, 3_000);
    let session = Session::new(map, Origin::Text(PathBuf::from("graph.txt")));
    let view = View::default();
    let mut analysis = AnalysisView::default();
    analysis.refresh(&session, false);
    let mut pane = MapPane::default();
    let ctx = egui::Context::default();
    let mut frame = || {
        ctx.run_ui(input(), |ui| {
            let mut actions = Vec::new();
            pane.show(ui, &session, &view, &analysis, &mut actions);
        })
    };
    let mut g = c.benchmark_group("map_pane_2k_nodes_3k_edges");
    g.sample_size(20);
    g.bench_function("first_frame_with_layout", |b| {
        b.iter_batched(
            || (egui::Context::default(), MapPane::default()),
            |(ctx, mut pane)| {
                ctx.run_ui(input(), |ui| {
                    let mut actions = Vec::new();
                    pane.show(ui, &session, &view, &analysis, &mut actions);
                })
            },
            BatchSize::LargeInput,
        )
    });
    for _ in 0..3 {
        let _ = frame();
    }
    g.bench_function("frame_after_warm_up", |b| b.iter(&mut frame));
    g.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
