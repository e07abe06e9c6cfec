//! Keeps the last layout until the map or the options change, so a pane
//! drawn every frame lays the map out only after an edit.

use super::layout::{LayoutOptions, MapLayout};
use crate::model::ArgumentMap;
use std::sync::Arc;

/// The layout of one map revision. Revisions come from whoever owns the
/// map (e.g. a counter bumped on every applied edit, undo and redo).
#[derive(Clone, Debug, Default)]
pub struct LayoutCache {
    key: Option<(u64, LayoutOptions)>,
    /// Shared, so a pane can hold this frame's layout while it moves its camera.
    layout: Arc<MapLayout>,
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
            self.layout = Arc::new(MapLayout::compute(map, options));
            self.key = Some((revision, *options));
        }
        self.layout.clone()
    }

    /// Forgets the layout, e.g. when another map is opened with a revision
    /// counter that starts again.
    pub fn clear(&mut self) {
        self.key = None;
        self.layout = Arc::default();
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
}
