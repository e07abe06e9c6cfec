//! When to copy unsaved work to its recovery file. The window and the
//! `autosave-drill` test subcommand both call [`Autosave::tick`] after
//! edits, so a crash test exercises exactly the window's code path.
//!
//! A copy is sent once edits pause for [`QUIET`], and at the latest
//! [`MAX_BEHIND`] after the first unsaved edit, so a steady stream of edits
//! is still copied. The copy is the session's shared map ([`Session::snapshot`],
//! a reference count, not a clone) handed to the [`Autosaver`] worker;
//! serialising and writing happen off the UI thread.
//! Knows nothing of egui.

use crate::io::recovery::{Autosaver, RecoveredFrom, RecoveryEntry, RecoveryHeader};
use crate::session::{Origin, Session};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Edits pausing this long trigger a copy.
pub const QUIET: Duration = Duration::from_millis(800);
/// No unsaved edit waits longer than this for a copy.
pub const MAX_BEHIND: Duration = Duration::from_secs(3);

/// What the window and the drill say when there is no folder for recovery
/// files (no `HOME`, `XDG_DATA_HOME` or `ARGMARK_RECOVERY_DIR`).
pub const NO_FOLDER: &str = "Autosave is off: there is no folder for recovery files \
     (set HOME, XDG_DATA_HOME or ARGMARK_RECOVERY_DIR). Save your work often.";

/// Keeps the open document's recovery file in step with its unsaved edits.
pub struct Autosave {
    /// Shared by every open document of a window: one worker, one folder.
    saver: Arc<Autosaver>,
    /// Names the open document's recovery file.
    key: String,
    /// The revision last handed to the worker (0: none).
    sent: u64,
    /// The revision seen by the last tick, and when it changed.
    seen: u64,
    last_change: Option<Instant>,
    /// When the oldest edit not yet copied was seen.
    behind_since: Option<Instant>,
    /// Whether a recovery file for `key` may exist.
    has_file: bool,
}

impl Autosave {
    /// Autosaves into `dir` (created on the first copy).
    pub fn new(dir: PathBuf) -> Self {
        Self::with_saver(Arc::new(Autosaver::start(dir)))
    }

    /// Autosaves one more document through a worker another document
    /// already uses (a window with several tabs has one worker).
    pub fn with_saver(saver: Arc<Autosaver>) -> Self {
        let key = saver.new_key("untitled");
        Self {
            saver,
            key,
            sent: 0,
            seen: 0,
            last_change: None,
            behind_since: None,
            has_file: false,
        }
    }

    /// The folder copies go to.
    pub fn dir(&self) -> &std::path::Path {
        self.saver.dir()
    }

    /// Call after every frame or edit. Sends a copy when one is due; returns
    /// how long until the next one would be due, so an idle window can ask
    /// to be woken then.
    pub fn tick(&mut self, session: &Session, now: Instant) -> Option<Duration> {
        let revision = session.revision();
        if !session.is_dirty() {
            // Saved, or undone back to what was saved: nothing to recover.
            if self.has_file {
                self.saver.remove(&self.key);
                self.has_file = false;
            }
            self.sent = revision;
            self.seen = revision;
            self.behind_since = None;
            return None;
        }
        if revision == self.sent {
            return None;
        }
        if revision != self.seen {
            self.seen = revision;
            self.last_change = Some(now);
            self.behind_since.get_or_insert(now);
        }
        let last = self.last_change.unwrap_or(now);
        let behind = self.behind_since.unwrap_or(now);
        let due = (last + QUIET).min(behind + MAX_BEHIND);
        if now < due {
            return Some(due - now);
        }
        self.send(session);
        None
    }

    /// Sends a copy of the current state now (before a risky step, in tests).
    pub fn send(&mut self, session: &Session) {
        if !self.has_file {
            self.key = self.saver.new_key(&session.display_name());
        }
        let (origin, path) = match session.origin() {
            Origin::Example => (RecoveredFrom::Example, None),
            Origin::Map(p) => (RecoveredFrom::Map, Some(p.clone())),
            Origin::Text(p) => (RecoveredFrom::Text, Some(p.clone())),
        };
        let map = session.snapshot();
        let header = RecoveryHeader::now(origin, path, session.display_name(), map.units().len());
        self.saver.write(&self.key, session.revision(), header, map);
        self.sent = session.revision();
        self.has_file = true;
        self.behind_since = None;
    }

    /// The open document is being replaced or closed with its work saved or
    /// deliberately discarded: its recovery file goes.
    pub fn forget(&mut self) {
        if self.has_file {
            self.saver.remove(&self.key);
        }
        self.has_file = false;
        self.sent = 0;
        self.seen = 0;
        self.last_change = None;
        self.behind_since = None;
    }

    /// The session now shows recovered work: keep writing to its file
    /// instead of starting another.
    pub fn adopt(&mut self, entry: &RecoveryEntry, session: &Session) {
        self.forget();
        self.key = entry.key();
        self.saver.adopt(&self.key, session.revision());
        self.sent = session.revision();
        self.seen = session.revision();
        self.has_file = true;
    }

    /// Waits until every queued copy or removal is on disk.
    pub fn flush(&self) {
        self.saver.flush();
    }

    /// Why the last copy failed, if it did.
    pub fn error(&self) -> Option<String> {
        self.saver.error()
    }

    /// Whether the worker has written the session's current revision.
    pub fn is_current(&self, session: &Session) -> bool {
        self.saver.status().written.get(&self.key) == Some(&session.revision())
    }
}

/// The `autosave-drill` test subcommand: opens `text`, adds `units` units
/// one word at a time (`every_ms` apart) with [`Autosave::tick`] after each
/// edit and every 50 ms after, printing `added ID START END` per unit and
/// `edits done`, then idles for `linger` seconds without saving, as a window
/// with unsaved work does. The recovery folder is the window's
/// ([`crate::io::recovery::default_dir`]).
pub fn drill(
    text: &std::path::Path,
    units: usize,
    every_ms: u64,
    linger: u64,
    out: &mut impl std::io::Write,
    err: &mut impl std::io::Write,
) -> bool {
    use crate::model::{Edit, TagScheme, Unit};
    let Some(dir) = crate::io::recovery::default_dir() else {
        let _ = writeln!(err, "argmark: {NO_FOLDER}");
        return false;
    };
    let mut session = match Session::open(text, TagScheme::argument()) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return false;
        }
    };
    let kind = session.map().scheme().tags[0].name.clone();
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in session.map().text().chars().chain([' ']).enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    let mut autosave = Autosave::new(dir);
    for w in words.into_iter().take(units) {
        let id = session.map().next_unit_id();
        let edit = Edit::AddUnit(Unit {
            id: id.clone(),
            kind: kind.clone(),
            start: w.start,
            end: w.end,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        });
        if let Err(e) = session.apply(edit) {
            let _ = writeln!(err, "argmark: could not add {id}: {e}");
            return false;
        }
        let _ = writeln!(out, "added {id} {} {}", w.start, w.end);
        let _ = out.flush();
        autosave.tick(&session, Instant::now());
        std::thread::sleep(Duration::from_millis(every_ms));
    }
    let _ = writeln!(out, "edits done");
    let _ = out.flush();
    let until = Instant::now() + Duration::from_secs(linger);
    while Instant::now() < until {
        autosave.tick(&session, Instant::now());
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::recovery::list;
    use crate::model::{Edit, TagScheme, Unit, UnitId};

    fn unit(n: u64, start: usize, end: usize) -> Edit {
        Edit::AddUnit(Unit {
            id: UnitId::from_number(n),
            kind: "Claim".into(),
            start,
            end,
            quote: String::new(),
            note: String::new(),
            scenario: None,
        })
    }

    #[test]
    fn copies_after_a_pause_or_at_the_latest_and_goes_when_saved() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("t.txt");
        std::fs::write(&text, "one two three four five six").unwrap();
        let mut s = Session::open(&text, TagScheme::argument()).unwrap();
        let mut a = Autosave::new(dir.path().join("rec"));
        let t0 = Instant::now();
        assert_eq!(a.tick(&s, t0), None, "nothing unsaved");
        s.apply(unit(1, 0, 3)).unwrap();
        assert_eq!(a.tick(&s, t0), Some(QUIET));
        // Edits keep coming every half second: the copy still goes at MAX_BEHIND.
        let mut t = t0;
        let mut n = 0;
        while t < t0 + MAX_BEHIND {
            t += Duration::from_millis(500);
            n += 1;
            s.apply(Edit::SetUnitNote {
                unit: UnitId::from_number(1),
                note: format!("note {n}"),
            })
            .unwrap();
            if a.tick(&s, t).is_none() {
                break;
            }
        }
        assert!(t <= t0 + MAX_BEHIND, "copied within {MAX_BEHIND:?}");
        a.flush();
        assert!(a.is_current(&s));
        drop(a);
        let found = list(&dir.path().join("rec"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].load().unwrap().units(), s.map().units());

        // A new autosave over the same folder: saving removes its copy.
        let mut a = Autosave::new(dir.path().join("rec"));
        let next = s.map().next_unit_id().number().unwrap_or(2);
        s.apply(unit(next, 20, 23)).unwrap();
        a.send(&s);
        a.flush();
        s.save_to(&dir.path().join("t.argmap.ron")).unwrap();
        a.tick(&s, Instant::now());
        a.flush();
        drop(a);
        assert_eq!(
            list(&dir.path().join("rec")).len(),
            1,
            "only the older copy"
        );
    }
}
