//! One headless frame of the whole window on a large document: 1 MB of text,
//! 5,000 units, 3,000 relations. Reports the first frame (cold caches) and
//! the steady-state frame after warm-up. Then the size of issue 12 (5 MB,
//! 20,000 units, 12,000 relations, 892 scenarios, map shown): opening a
//! `.argmap.ron` to the first frame, and frames that scroll the text, select
//! a unit and hover the text; and the compare tab on two annotations of that
//! text. Run with `cargo bench --bench ui`.

use argmark::io::{from_ron_str, to_ron_string};
use argmark::model::fixture::{large, synthetic};
use argmark::session::{Origin, Session};
use argmark::ui::ArgmarkApp;
use argmark::ui::analysis_view::AnalysisView;
use argmark::ui::map_pane::MapPane;
use argmark::ui::state::{Action, View};
use criterion::{Criterion, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    // Each sample waits (untimed) for its document's background layout and
    // checks, so they do not run during the next sample.
    g.bench_function("first_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (ctx, mut app) = (egui::Context::default(), app());
                let t = Instant::now();
                let _ = ctx.run_ui(input(), |ui| app.draw(ui));
                total += t.elapsed();
                while !app.is_settled() {
                    std::thread::sleep(Duration::from_millis(20));
                    let _ = ctx.run_ui(input(), |ui| app.draw(ui));
                }
            }
            total
        })
    });
    let ctx = egui::Context::default();
    let mut warm = app();
    let _ = ctx.run_ui(input(), |ui| warm.draw(ui));
    while !warm.is_settled() {
        std::thread::sleep(Duration::from_millis(20));
        let _ = ctx.run_ui(input(), |ui| warm.draw(ui));
    }
    for _ in 0..5 {
        let _ = ctx.run_ui(input(), |ui| warm.draw(ui));
    }
    g.bench_function("frame_after_warm_up", |b| {
        b.iter(|| ctx.run_ui(input(), |ui| warm.draw(ui)))
    });
    g.finish();

    // The map pane alone on a 2,000-unit, 3,000-relation argument graph.
    // Maps this size are laid out on a worker thread: the first frame only
    // starts it (untimed: waiting for it between samples).
    let map = synthetic(400_000, 2_000, 3_000);
    let session = Session::new(map, Origin::Text(PathBuf::from("graph.txt")));
    let view = View::default();
    let mut analysis = AnalysisView::default();
    analysis.refresh(&session, false);
    while analysis.is_pending() {
        std::thread::sleep(Duration::from_millis(10));
        analysis.refresh(&session, false);
    }
    let show = |ctx: &egui::Context, pane: &mut MapPane| {
        ctx.run_ui(input(), |ui| {
            let mut actions = Vec::new();
            pane.show(ui, &session, &view, &analysis, &mut actions);
        })
    };
    let mut g = c.benchmark_group("map_pane_2k_nodes_3k_edges");
    g.sample_size(20);
    g.bench_function("first_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (ctx, mut pane) = (egui::Context::default(), MapPane::default());
                let t = Instant::now();
                let _ = show(&ctx, &mut pane);
                total += t.elapsed();
                while pane.is_pending() {
                    std::thread::sleep(Duration::from_millis(10));
                    let _ = show(&ctx, &mut pane);
                }
            }
            total
        })
    });
    let ctx = egui::Context::default();
    let mut pane = MapPane::default();
    let _ = show(&ctx, &mut pane);
    while pane.is_pending() {
        std::thread::sleep(Duration::from_millis(10));
        let _ = show(&ctx, &mut pane);
    }
    for _ in 0..3 {
        let _ = show(&ctx, &mut pane);
    }
    g.bench_function("frame_after_warm_up", |b| b.iter(|| show(&ctx, &mut pane)));
    g.finish();
}

/// A frame's input with these events, the pointer at `pointer`.
fn input_with(pointer: egui::Pos2, events: Vec<egui::Event>) -> egui::RawInput {
    let mut i = input();
    i.events.push(egui::Event::PointerMoved(pointer));
    i.events.extend(events);
    i
}

/// Times `open` plus the first frame, `iters` times. Not timed: waiting for
/// each window's background layout and checks to finish, so they do not
/// slow down the next open.
fn timed_opens(iters: u64, open: impl Fn() -> ArgmarkApp) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let ctx = egui::Context::default();
        let t = Instant::now();
        let mut app = open();
        let _ = ctx.run_ui(input(), |ui| app.draw(ui));
        total += t.elapsed();
        while !app.is_settled() {
            std::thread::sleep(Duration::from_millis(20));
            let _ = ctx.run_ui(input(), |ui| app.draw(ui));
        }
    }
    total
}

/// Where the reading pane is in the 1400×900 window.
const TEXT_AT: egui::Pos2 = egui::pos2(560.0, 420.0);

fn large_window(c: &mut Criterion) {
    let map = large();
    let ron = to_ron_string(&map);
    println!(
        "large document: {} bytes of text, {} chars, {} paragraphs, {} units, {} relations, {} scenarios, {} bytes of RON",
        map.text().len(),
        map.source().len_chars(),
        map.source().index().paragraphs().len(),
        map.units().len(),
        map.relations().len(),
        map.scenarios().len(),
        ron.len()
    );
    let open = |ron: &str| {
        let map = from_ron_str(ron, Path::new("large.argmap.ron")).expect("generated map loads");
        ArgmarkApp::new(Session::new(
            map,
            Origin::Map(PathBuf::from("large.argmap.ron")),
        ))
    };
    // Open until the frames settle (background work done): "interactive".
    let started = Instant::now();
    let ctx = egui::Context::default();
    let mut app = open(&ron);
    let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    let first = started.elapsed();
    let mut frames = 1;
    while frames < 400 {
        let t = Instant::now();
        let _ = ctx.run_ui(input(), |ui| app.draw(ui));
        frames += 1;
        if app.is_settled() && (t.elapsed() < Duration::from_millis(8) || frames > 10) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    println!(
        "open to first frame {first:.0?}; settled (layout and checks in) after {:.0?}, {frames} frames",
        started.elapsed()
    );

    let mut g = c.benchmark_group("window_5MB_20k_units");
    g.sample_size(10);
    // Timed: parse, build the app, draw the first frame.
    g.bench_function("open_to_first_frame", |b| {
        b.iter_custom(|iters| timed_opens(iters, || open(&ron)))
    });
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    }
    let mut down = true;
    let mut step = 0;
    g.bench_function("scroll_frame", |b| {
        b.iter(|| {
            step += 1;
            if step % 200 == 0 {
                down = !down;
            }
            let wheel = egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, if down { -400.0 } else { 400.0 }),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            };
            ctx.run_ui(input_with(TEXT_AT, vec![wheel]), |ui| app.draw(ui))
        })
    });
    let units: Vec<_> = map
        .units()
        .iter()
        .step_by(97)
        .map(|u| u.id.clone())
        .collect();
    let mut k = 0;
    g.bench_function("select_frame", |b| {
        b.iter(|| {
            k = (k + 1) % units.len();
            app.apply(
                &ctx,
                Action::ClickUnit {
                    unit: units[k].clone(),
                    add: false,
                },
            );
            ctx.run_ui(input(), |ui| app.draw(ui))
        })
    });
    let mut x = 0.0;
    g.bench_function("hover_frame", |b| {
        b.iter(|| {
            x = (x + 7.0) % 300.0;
            ctx.run_ui(input_with(TEXT_AT + egui::vec2(x, 0.0), vec![]), |ui| {
                app.draw(ui)
            })
        })
    });
    g.finish();
}

/// The compare tab at the same size: two annotators × 20,000 units on the
/// 5 MB text (the second derived from the first, as in the compare bench).
fn compare_window(c: &mut Criterion) {
    use argmark::ui::command::Command;
    use argmark::ui::compare::{Annotation, Comparison};
    let a = synthetic(5_000_000, 20_000, 10_000);
    let b = second(&a);
    let annotations = || {
        vec![
            Annotation {
                name: "a".into(),
                path: None,
                map: a.clone(),
            },
            Annotation {
                name: "b".into(),
                path: None,
                map: b.clone(),
            },
        ]
    };
    let open = || {
        let mut app = ArgmarkApp::new(Session::new(
            a.clone(),
            Origin::Text(PathBuf::from("a.txt")),
        ));
        app.open_compare(Comparison::new(annotations(), false).expect("same text"));
        app
    };
    let ctx = egui::Context::default();
    let mut app = open();
    let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    let view = app.compare_view().expect("comparing");
    println!(
        "compare window: {} vs {} units, {} items, {} differ",
        a.units().len(),
        b.units().len(),
        view.items().len(),
        view.items().iter().filter(|i| i.differs()).count()
    );
    let mut g = c.benchmark_group("compare_window_5MB_2x20k_units");
    g.sample_size(10);
    // Timed: the engine's report, the items, the gold map and the first frame.
    g.bench_function("open_to_first_frame", |b| {
        b.iter_custom(|iters| timed_opens(iters, open))
    });
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.draw(ui));
    }
    g.bench_function("frame_after_warm_up", |b| {
        b.iter(|| ctx.run_ui(input(), |ui| app.draw(ui)))
    });
    // F3: select the next disagreement, scroll the text and the list to it.
    g.bench_function("next_disagreement_frame", |b| {
        b.iter(|| {
            app.run(&ctx, Command::FindNext);
            ctx.run_ui(input(), |ui| app.draw(ui))
        })
    });
    g.finish();
}

#[path = "shared/second.rs"]
mod second;
use second::second;

criterion_group!(benches, frames, large_window, compare_window);
criterion_main!(benches);
