//! One open document: the map, its undo history, where it lives on disk.
//! Used by the window and by tests alike; knows nothing of egui.

use crate::io::{self, FileError, FileKind};
use crate::model::{ArgumentMap, Edit, EditError, History, Problem, TagScheme, validate};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The bundled demo: Korybko's RELOS op-ed, annotated.
pub const EXAMPLE_RON: &str = include_str!("../examples/relos.argmap.ron");
/// The name the example is shown under.
pub const EXAMPLE_NAME: &str = "relos.argmap.ron (example)";

/// Where the open document came from, which decides what Save does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The compiled-in example: Save asks where to put a copy.
    Example,
    /// A `.argmap.ron` on disk: Save writes back to it.
    Map(PathBuf),
    /// A new annotation of a text file: Save asks for a `.argmap.ron` path,
    /// suggesting one beside the text.
    Text(PathBuf),
}

/// An open document.
#[derive(Debug)]
pub struct Session {
    /// Shared with autosave snapshots: a copy costs a reference count, and
    /// an edit clones the map only if a snapshot is still being written.
    map: Arc<ArgumentMap>,
    history: History,
    origin: Origin,
    /// Bumped on every change to the map, so views can cache per revision.
    revision: u64,
    /// Bumped on every change except to notes and document info, which no
    /// analysis or map layout reads: typing a note does not re-run them.
    structure_revision: u64,
}

impl Session {
    /// A session over a map that has not been saved anywhere yet.
    pub fn new(map: ArgumentMap, origin: Origin) -> Self {
        Self {
            map: Arc::new(map),
            history: History::new(),
            origin,
            revision: 1,
            structure_revision: 1,
        }
    }

    /// Work recovered after a crash: it counts as unsaved, so closing asks
    /// about it and Save writes it where `origin` says.
    pub fn recovered(map: ArgumentMap, origin: Origin) -> Self {
        let mut s = Self::new(map, origin);
        s.history.mark_unsaved();
        s
    }

    /// The bundled RELOS example.
    pub fn example() -> Self {
        let map = io::from_ron_str(EXAMPLE_RON, Path::new(EXAMPLE_NAME))
            .unwrap_or_else(|_| ArgumentMap::new("", TagScheme::argument()));
        Self::new(map, Origin::Example)
    }

    /// Opens a map, or starts annotating a text file in `scheme`.
    /// Structural problems (ids that point nowhere, offsets past the text)
    /// refuse the file so the window never shows a half-broken map.
    pub fn open(path: &Path, scheme: TagScheme) -> Result<Self, OpenError> {
        Self::open_with_warnings(path, scheme).map(|(session, _)| session)
    }

    /// [`Session::open`], also returning what the user should know about a
    /// file that did open: sections kept from a newer format version.
    pub fn open_with_warnings(
        path: &Path,
        scheme: TagScheme,
    ) -> Result<(Self, Vec<String>), OpenError> {
        let (map, warnings) = match FileKind::of(path) {
            Some(FileKind::Map) => {
                let parsed = io::load_map_with_warnings(path).map_err(OpenError::File)?;
                let warnings = parsed.warnings.iter().map(ToString::to_string).collect();
                (parsed.map, warnings)
            }
            _ => (io::open(path, scheme).map_err(OpenError::File)?, Vec::new()),
        };
        let structural: Vec<Problem> = validate(&map)
            .into_iter()
            .filter(Problem::is_structural)
            .collect();
        if !structural.is_empty() {
            return Err(OpenError::Invalid(path.to_owned(), structural));
        }
        let origin = match FileKind::of(path) {
            Some(FileKind::Map) => Origin::Map(path.to_owned()),
            _ => Origin::Text(path.to_owned()),
        };
        Ok((Self::new(map, origin), warnings))
    }

    /// The map as it is now.
    pub fn map(&self) -> &ArgumentMap {
        &self.map
    }

    /// The map as it is now, shared: what autosave hands its worker. Costs
    /// a reference count instead of a copy of the whole map on the UI thread.
    pub fn snapshot(&self) -> Arc<ArgumentMap> {
        Arc::clone(&self.map)
    }

    /// Where the document came from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// Changes whenever the map does.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Changes whenever units, relations, scenarios, the scheme or map
    /// positions do (not for notes or document info).
    pub fn structure_revision(&self) -> u64 {
        self.structure_revision
    }

    /// Applies an edit as an undo step (merging typing runs).
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        let prose_only = matches!(
            edit,
            Edit::SetUnitNote { .. } | Edit::SetRelationNote { .. } | Edit::SetMeta(_)
        );
        self.history.apply(Arc::make_mut(&mut self.map), edit)?;
        self.revision += 1;
        if !prose_only {
            self.structure_revision += 1;
        }
        Ok(())
    }

    /// Ends the current run of mergeable edits.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Undoes one step; returns its label.
    pub fn undo(&mut self) -> Option<&'static str> {
        if !self.history.can_undo() {
            return None;
        }
        let label = self.history.undo(Arc::make_mut(&mut self.map))?;
        self.revision += 1;
        self.structure_revision += 1;
        Some(label)
    }

    /// Redoes one step; returns its label.
    pub fn redo(&mut self) -> Option<&'static str> {
        if !self.history.can_redo() {
            return None;
        }
        let label = self.history.redo(Arc::make_mut(&mut self.map))?;
        self.revision += 1;
        self.structure_revision += 1;
        Some(label)
    }

    /// The undo history (labels, can-undo).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether there are changes since the last save or open.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The `.argmap.ron` path Save writes to, if the document has one.
    pub fn save_path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Map(p) => Some(p),
            _ => None,
        }
    }

    /// A good default for Save As: beside the text, or the map's own name.
    pub fn suggested_save_name(&self) -> String {
        match &self.origin {
            Origin::Example => "relos.argmap.ron".to_owned(),
            Origin::Map(p) => file_name(p),
            Origin::Text(p) => {
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("untitled");
                format!("{stem}.argmap.ron")
            }
        }
    }

    /// Saves to `path` and makes it the document's home.
    pub fn save_to(&mut self, path: &Path) -> Result<(), FileError> {
        io::save_map(&self.map, path)?;
        self.origin = Origin::Map(path.to_owned());
        self.history.mark_saved();
        Ok(())
    }

    /// The short name for the title bar and status line.
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::Example => EXAMPLE_NAME.to_owned(),
            Origin::Map(p) => file_name(p),
            Origin::Text(p) => format!("{} (new annotation)", file_name(p)),
        }
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Why a file could not be opened in the window.
#[derive(Debug)]
pub enum OpenError {
    /// It could not be read or parsed.
    File(FileError),
    /// It parsed, but its content is inconsistent.
    Invalid(PathBuf, Vec<Problem>),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::File(e) => write!(f, "{e}"),
            OpenError::Invalid(path, problems) => {
                writeln!(
                    f,
                    "{}: the map is inconsistent and was not opened:",
                    path.display()
                )?;
                for p in problems.iter().take(20) {
                    writeln!(f, "  {p}")?;
                }
                if problems.len() > 20 {
                    writeln!(
                        f,
                        "  … and {} more (run `argmark check`)",
                        problems.len() - 20
                    )?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_is_shared_until_an_edit_and_keeps_what_it_saw() {
        let mut s = Session::example();
        let snap = s.snapshot();
        assert!(Arc::ptr_eq(&snap, &s.snapshot()), "no copy per snapshot");
        let before = snap.meta().title.clone();
        let meta = crate::model::Meta {
            title: "changed".into(),
            ..s.map().meta().clone()
        };
        s.apply(Edit::SetMeta(meta)).unwrap();
        assert_eq!(snap.meta().title, before, "the snapshot is not edited");
        assert_eq!(s.map().meta().title, "changed");
        drop(snap);
        let alone = s.snapshot();
        assert!(s.undo().is_some());
        assert_eq!(alone.meta().title, "changed");
        assert_eq!(s.map().meta().title, before);
        assert!(s.redo().is_some() && s.redo().is_none());
        assert_eq!(s.map().meta().title, "changed");
    }

    #[test]
    fn notes_change_the_revision_but_not_the_structure() {
        let mut s = Session::example();
        let u = s.map().units()[0].id.clone();
        let (r, sr) = (s.revision(), s.structure_revision());
        s.apply(Edit::SetUnitNote {
            unit: u.clone(),
            note: "typed".into(),
        })
        .unwrap();
        assert!(s.revision() > r);
        assert_eq!(s.structure_revision(), sr, "a note re-runs no analysis");
        s.apply(Edit::SetUnitKind {
            unit: u,
            kind: "Claim".into(),
        })
        .unwrap();
        assert!(s.structure_revision() > sr);
        s.undo();
        assert!(s.structure_revision() > sr + 1, "undo counts as a change");
    }
}
