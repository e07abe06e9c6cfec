//! What autosave costs the UI thread on issue 12's large map (5 MB of text,
//! 20,000 units): one snapshot per copy, every 0.8–3 s while editing.
//! Run with `cargo bench --bench autosave`.

use argmark::autosave::Autosave;
use argmark::model::fixture::large;
use argmark::model::{Edit, Meta};
use argmark::session::{Origin, Session};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn autosave(c: &mut Criterion) {
    let mut session = Session::new(large(), Origin::Example);
    let meta = Meta {
        title: "edited".into(),
        ..session.map().meta().clone()
    };
    session.apply(Edit::SetMeta(meta)).expect("a valid edit");
    let dir = tempfile::tempdir().expect("a temp folder");
    let mut autosave = Autosave::new(dir.path().join("recovery"));

    let mut g = c.benchmark_group("autosave_5MB_20k_units");
    g.sample_size(20);
    // What each copy cost before snapshots were shared: a clone of the map
    // (freed outside the timing, as the worker freed it).
    g.bench_function("clone_whole_map", |b| {
        b.iter_with_large_drop(|| black_box(session.map()).clone())
    });
    // What each copy costs now: the UI thread's part of `Autosave::send`
    // (a shared snapshot, a header, a message to the worker).
    g.bench_function("send_snapshot", |b| {
        b.iter(|| {
            autosave.send(black_box(&session));
        })
    });
    autosave.flush();
    // An edit with no copy in flight: the map is edited in place.
    let mut n = 0u64;
    let mut retitle = |session: &mut Session| {
        n += 1;
        let meta = Meta {
            title: format!("edit {n}"),
            ..session.map().meta().clone()
        };
        session.apply(Edit::SetMeta(meta)).expect("a valid edit");
    };
    g.bench_function("edit_alone", |b| b.iter(|| retitle(&mut session)));
    // An edit landing while the worker still writes the last copy (it holds
    // the snapshot while it serialises): the map is cloned first. The old
    // map is freed outside the timing, as the worker frees it.
    g.bench_function("edit_while_a_copy_is_written", |b| {
        b.iter_with_large_drop(|| {
            let held = session.snapshot();
            retitle(&mut session);
            held
        })
    });
    g.finish();
}

criterion_group!(benches, autosave);
criterion_main!(benches);
