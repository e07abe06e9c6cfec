//! Undo/redo over [`Edit`]s, with merging of consecutive small edits and
//! tracking of whether the map differs from what was last saved.

use super::edit::{Edit, EditError, apply, restore};
use super::map::ArgumentMap;

#[derive(Clone, Debug)]
struct Step {
    /// What redo applies.
    forward: Edit,
    /// What undo applies.
    inverse: Edit,
    /// Unique per content state, so "saved" survives undo/redo exactly.
    state: u64,
}

/// The undo and redo stacks of one open map.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// When set, the next edit starts a new step even if it could merge.
    sealed: bool,
    next_state: u64,
    /// The state that was last saved (0: the state before any edit).
    saved_state: u64,
}

impl History {
    /// An empty history whose starting state counts as saved.
    pub fn new() -> Self {
        Self {
            next_state: 1,
            ..Self::default()
        }
    }

    /// Applies `edit` as a new undo step, or merges it into the previous step
    /// when both have the same [`Edit::merge_key`] and the step is not sealed.
    pub fn apply(&mut self, map: &mut ArgumentMap, edit: Edit) -> Result<(), EditError> {
        let inverse = apply(map, edit.clone())?;
        self.redo.clear();
        let state = self.fresh_state();
        let key = edit.merge_key();
        match self.undo.last_mut() {
            Some(last) if !self.sealed && key.is_some() && last.forward.merge_key() == key => {
                // The previous inverse still restores the state before the
                // whole run; the newest "set" edit is the run's total effect.
                last.forward = edit;
                last.state = state;
            }
            _ => self.undo.push(Step {
                forward: edit,
                inverse,
                state,
            }),
        }
        self.sealed = false;
        Ok(())
    }

    /// Ends the current run of mergeable edits (focus left a field, drag ended).
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Undoes the last step; returns its label, or `None` if there was nothing.
    pub fn undo(&mut self, map: &mut ArgumentMap) -> Option<&'static str> {
        let mut step = self.undo.pop()?;
        let label = step.forward.label();
        let inverse = std::mem::replace(&mut step.inverse, Edit::Batch(Vec::new()));
        if restore(map, inverse).is_err() {
            // Cannot happen for inverses produced by `apply`; drop the
            // history rather than leave it out of step with the map.
            self.clear();
            return None;
        }
        // The original forward edit applies again to the restored state.
        self.redo.push(step);
        self.sealed = true;
        Some(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, map: &mut ArgumentMap) -> Option<&'static str> {
        let mut step = self.redo.pop()?;
        match apply(map, step.forward.clone()) {
            Ok(inverse) => {
                step.inverse = inverse;
                let label = step.forward.label();
                self.undo.push(step);
                self.sealed = true;
                Some(label)
            }
            Err(_) => {
                self.clear();
                None
            }
        }
    }

    /// Forgets all steps (the map itself is kept); the current state stays
    /// dirty or clean as it was.
    fn clear(&mut self) {
        let dirty = self.is_dirty();
        self.undo.clear();
        self.redo.clear();
        self.saved_state = if dirty { u64::MAX } else { 0 };
    }

    /// Label of the step Undo would revert.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.forward.label())
    }

    /// Label of the step Redo would reapply.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.forward.label())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Marks the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.current_state();
        self.sealed = true;
    }

    /// Marks the current state as not saved anywhere (work recovered after a
    /// crash), so closing asks about it and Save writes it.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// Whether the map differs from the last saved (or loaded) state.
    pub fn is_dirty(&self) -> bool {
        self.current_state() != self.saved_state
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.state)
    }

    fn fresh_state(&mut self) -> u64 {
        self.next_state = self.next_state.max(1);
        let s = self.next_state;
        self.next_state += 1;
        s
    }
}
