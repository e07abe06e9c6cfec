//! Keeps the last layout until the map or the options change, so a pane
//! drawn every frame lays the map out only after an edit. Large maps are
//! laid out on a worker thread while the last layout is still shown.

use super::layout::{LayoutOptions, MapLayout};
use super::spatial::SpatialIndex;
use crate::model::ArgumentMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// Maps with more units than this are laid out on a worker thread by
/// [`LayoutCache::latest`]; smaller ones take milliseconds, so in place.
pub const BACKGROUND_UNITS: usize = 500;

/// A layout being computed on a worker thread, for this key.
#[derive(Debug)]
struct Job {
    key: (u64, LayoutOptions),
    done: Receiver<(MapLayout, SpatialIndex)>,
}

/// The layout of one map revision, with its spatial index. Revisions come
/// from whoever owns the map (e.g. a counter bumped on every applied edit,
/// undo and redo).
#[derive(Debug, Default)]
pub struct LayoutCache {
    key: Option<(u64, LayoutOptions)>,
    /// Shared, so a pane can hold this frame's layout while it moves its camera.
    layout: Arc<MapLayout>,
    index: Arc<SpatialIndex>,
    job: Option<Job>,
}

impl LayoutCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The layout of `map` at `revision`, recomputed only when the revision
    /// or the options differ from the last call.
    pub fn get(
        &mut self,
        revision: u64,
        map: &ArgumentMap,
        options: &LayoutOptions,
    ) -> Arc<MapLayout> {
        let fresh = matches!(&self.key, Some((r, o)) if *r == revision && o == options);
        if !fresh {
            let layout = MapLayout::compute(map, options);
            self.index = Arc::new(SpatialIndex::build(&layout));
            self.layout = Arc::new(layout);
            self.key = Some((revision, *options));
            self.job = None;
        }
        self.layout.clone()
    }

    /// The newest layout there is for `map` at `revision`, with its index:
    /// the current one when it is ready, else the last one while a worker
    /// thread lays out the new revision (maps over [`BACKGROUND_UNITS`]
    /// units; smaller ones are laid out here and now). Call every frame;
    /// [`Self::is_pending`] says whether to come back soon.
    pub fn latest(
        &mut self,
        revision: u64,
        map: &ArgumentMap,
        options: &LayoutOptions,
    ) -> (Arc<MapLayout>, Arc<SpatialIndex>) {
        let key = (revision, *options);
        if self.key == Some(key) {
            return (self.layout.clone(), self.index.clone());
        }
        if map.units().len() <= BACKGROUND_UNITS {
            self.get(revision, map, options);
            return (self.layout.clone(), self.index.clone());
        }
        // One worker at a time: while it runs, newer revisions wait, and
        // when it is done the newest one starts (dragging a boundary word by
        // word lays the map out a few times, not once per word).
        if let Some(job) = &self.job {
            match job.done.try_recv() {
                Ok((layout, index)) => {
                    self.layout = Arc::new(layout);
                    self.index = Arc::new(index);
                    self.key = Some(job.key);
                    self.job = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.job = None,
            }
        }
        if self.job.is_none() && self.key != Some(key) {
            let (tx, rx) = mpsc::channel();
            let map = map.clone();
            let options = *options;
            std::thread::spawn(move || {
                let layout = MapLayout::compute(&map, &options);
                let index = SpatialIndex::build(&layout);
                // The receiver is gone when the cache was cleared meanwhile.
                let _ = tx.send((layout, index));
            });
            self.job = Some(Job { key, done: rx });
        }
        (self.layout.clone(), self.index.clone())
    }

    /// Whether a worker thread is laying out a newer revision (call
    /// [`Self::latest`] again soon to pick it up).
    pub fn is_pending(&self) -> bool {
        self.job.is_some()
    }

    /// Waits for the worker thread, if any, and takes its layout (tests).
    pub fn wait(&mut self) {
        if let Some(job) = self.job.take()
            && let Ok((layout, index)) = job.done.recv()
        {
            self.layout = Arc::new(layout);
            self.index = Arc::new(index);
            self.key = Some(job.key);
        }
    }

    /// Forgets the layout, e.g. when another map is opened with a revision
    /// counter that starts again.
    pub fn clear(&mut self) {
        self.key = None;
        self.layout = Arc::default();
        self.index = Arc::default();
        self.job = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{link, marked};
    use crate::model::{Edit, Pos, RelationKind, TagScheme, apply};

    #[test]
    fn recomputes_only_for_a_new_revision_or_new_options() {
        let mut map = marked(
            "[Main claim:A longer main claim] [Premise:B]",
            TagScheme::argument(),
        );
        link(&mut map, RelationKind::Support, &[2], 1);
        let mut cache = LayoutCache::new();
        let o = LayoutOptions::default();
        let before = cache.get(1, &map, &o).node("u2").map(|n| n.rect);
        apply(
            &mut map,
            Edit::SetPosition {
                node: "u2".into(),
                pos: Some(Pos { x: 500.0, y: 500.0 }),
            },
        )
        .unwrap();
        // Same revision: the old layout is kept.
        assert_eq!(cache.get(1, &map, &o).node("u2").map(|n| n.rect), before);
        let moved = cache.get(2, &map, &o).node("u2").map(|n| n.rect.center());
        assert_eq!(moved, Some(crate::graph::Point::new(500.0, 500.0)));
        let wider = LayoutOptions {
            font_size: 20.0,
            ..o
        };
        let w1 = cache.get(2, &map, &o).node("u1").map(|n| n.rect.width());
        let w2 = cache
            .get(2, &map, &wider)
            .node("u1")
            .map(|n| n.rect.width());
        assert!(w2 > w1);
    }

    #[test]
    fn a_large_map_is_laid_out_in_the_background_showing_the_old_layout() {
        let mut map = crate::model::fixture::synthetic(600_000, 3_000, 1_000);
        let mut cache = LayoutCache::new();
        let o = LayoutOptions::default();
        // Nothing shown yet while the first layout is made.
        let (first, _) = cache.latest(1, &map, &o);
        assert!(first.nodes.is_empty());
        cache.wait();
        let (shown, index) = cache.latest(1, &map, &o);
        assert!(!shown.nodes.is_empty());
        let node = shown.nodes[0].clone();
        assert_eq!(
            index.node_at(&shown, node.rect.center()).map(|n| &n.id),
            Some(&node.id)
        );
        apply(
            &mut map,
            Edit::SetPosition {
                node: node.id.clone(),
                pos: Some(Pos {
                    x: -900.0,
                    y: -900.0,
                }),
            },
        )
        .unwrap();
        // The old layout stays on screen until the new one is ready.
        let (meanwhile, _) = cache.latest(2, &map, &o);
        assert!(Arc::ptr_eq(&meanwhile, &shown) || !cache.is_pending());
        cache.wait();
        let (moved, _) = cache.latest(2, &map, &o);
        assert_eq!(
            moved.node(&node.id).map(|n| n.rect.center()),
            Some(crate::graph::Point::new(-900.0, -900.0))
        );
        assert!(!cache.is_pending());
        // Revisions arriving while the worker runs wait for it: one job at
        // a time, and the newest revision is the one laid out in the end.
        for r in 3..8 {
            let _ = cache.latest(r, &map, &o);
            assert!(cache.job.as_ref().is_none_or(|j| j.key.0 == 3));
        }
        for _ in 0..1000 {
            let (l, _) = cache.latest(7, &map, &o);
            if !cache.is_pending() {
                assert_eq!(cache.key.map(|k| k.0), Some(7));
                assert!(!l.nodes.is_empty());
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the newest revision was never laid out");
    }
}
