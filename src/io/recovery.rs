//! Crash recovery: unsaved work is copied, a few seconds behind the last
//! edit, into a recovery file per document in the user's data folder (never
//! over the user's own file), and offered back after a crash.
//!
//! A recovery file is one JSON header line (where the work came from, when
//! it was written) followed by the map in the ordinary `.argmap.ron` format,
//! so a person can rescue it by hand too. While a window works on a
//! document it holds an OS lock on `KEY.lock` beside `KEY.recovery`; the OS
//! drops the lock when the process dies, even by `kill -9`, which is how a
//! recovery file of a crashed session is told from one that is in use.
//!
//! Files are written by [`Autosaver`], a worker thread, so the window never
//! waits for the disk.

use super::error::FileError;
use super::ron_format::{from_ron_str, to_ron_string};
use crate::model::ArgumentMap;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

/// Environment variable naming the recovery folder (tests, portable installs).
pub const DIR_ENV: &str = "ARGMARK_RECOVERY_DIR";
/// The first field of every header, so stray files are not taken for ours.
const MAGIC: &str = "argmark-recovery";
/// Header layout version.
const VERSION: u32 = 1;
const DATA_EXT: &str = "recovery";
const LOCK_EXT: &str = "lock";

/// Where the recovered work came from, which decides what Save does with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecoveredFrom {
    /// The bundled example.
    Example,
    /// A saved `.argmap.ron` (its path is in the header).
    Map,
    /// A new annotation of a text file (its path is in the header).
    Text,
}

/// What a recovery file says about itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryHeader {
    /// Always `argmark-recovery`.
    pub format: String,
    /// Header layout version.
    pub version: u32,
    /// Map, text or example.
    pub origin: RecoveredFrom,
    /// The user's file the work belongs to (none for the example).
    pub path: Option<PathBuf>,
    /// When the copy was written, in seconds since 1970 (UTC).
    pub saved_at: u64,
    /// The name the window showed for the document.
    pub name: String,
    /// How many units the copy holds, shown in the prompt without loading it.
    pub units: usize,
}

impl RecoveryHeader {
    /// A header for a copy written now.
    pub fn now(origin: RecoveredFrom, path: Option<PathBuf>, name: String, units: usize) -> Self {
        Self {
            format: MAGIC.to_owned(),
            version: VERSION,
            origin,
            path,
            saved_at: unix_now(),
            name,
            units,
        }
    }
}

/// Seconds since 1970 (UTC), 0 if the clock is before it.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The folder recovery files live in: `$ARGMARK_RECOVERY_DIR`, else the
/// platform data folder (`$XDG_DATA_HOME/argmark/recovery`,
/// `~/.local/share/argmark/recovery`, `%APPDATA%\argmark\recovery`,
/// `~/Library/Application Support/argmark/recovery`).
pub fn default_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(d) = env(DIR_ENV) {
        return Some(d);
    }
    let base = if cfg!(windows) {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
    }?;
    Some(base.join("argmark").join("recovery"))
}

/// One recovery file left by a session that is no longer running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryEntry {
    /// The `KEY.recovery` file.
    pub file: PathBuf,
    /// What it says about itself.
    pub header: RecoveryHeader,
}

impl RecoveryEntry {
    /// The key naming this document's files (the name without extension).
    pub fn key(&self) -> String {
        self.file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Reads the recovered map.
    pub fn load(&self) -> Result<ArgumentMap, FileError> {
        let bytes = super::read_bytes(&self.file)?;
        let src = super::decode_utf8(&self.file, bytes)?;
        let (_, body) = split_header(&src, &self.file)?;
        from_ron_str(body, &self.file)
    }

    /// Deletes the recovery file (the user discarded it or saved the work).
    pub fn remove(&self) -> std::io::Result<()> {
        remove_files(&self.file);
        Ok(())
    }

    /// When it was written, as a person reads it ("2026-12-01 14:03 UTC, 5 minutes ago").
    pub fn describe_time(&self) -> String {
        describe_time(self.header.saved_at, unix_now())
    }

    /// How long ago it was written ("5 minutes ago"), for short messages.
    pub fn ago(&self) -> String {
        ago(unix_now().saturating_sub(self.header.saved_at))
    }
}

/// Lists the recovery files in `dir` that no running Argmark holds, newest
/// first. Files that cannot be read as recovery files are skipped (and left
/// alone); a missing folder means there is nothing to recover.
pub fn list(dir: &Path) -> Vec<RecoveryEntry> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in read.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some(DATA_EXT) {
            continue;
        }
        if in_use(&path) {
            continue;
        }
        if let Some(header) = read_header(&path) {
            out.push(RecoveryEntry { file: path, header });
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.header.saved_at));
    out
}

/// Whether a running session holds the lock of this recovery file.
fn in_use(data: &Path) -> bool {
    let lock = data.with_extension(LOCK_EXT);
    match OpenOptions::new().write(true).open(&lock) {
        Ok(f) => f.try_lock().is_err(),
        // No lock file: written by a session that has ended.
        Err(_) => false,
    }
}

/// Reads one recovery file whether or not a session holds it (tests watch a
/// live session's copy with it).
pub fn read(path: &Path) -> Option<RecoveryEntry> {
    read_header(path).map(|header| RecoveryEntry {
        file: path.to_owned(),
        header,
    })
}

fn read_header(path: &Path) -> Option<RecoveryHeader> {
    use std::io::BufRead;
    let f = File::open(path).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(f).read_line(&mut line).ok()?;
    let header: RecoveryHeader = serde_json::from_str(line.trim_end()).ok()?;
    (header.format == MAGIC).then_some(header)
}

fn split_header<'a>(src: &'a str, path: &Path) -> Result<(RecoveryHeader, &'a str), FileError> {
    let (first, body) = src.split_once('\n').unwrap_or((src, ""));
    let header: RecoveryHeader = serde_json::from_str(first)
        .map_err(|e| FileError::new(path, format!("is not an Argmark recovery file: {e}")))?;
    if header.format != MAGIC {
        return Err(FileError::new(path, "is not an Argmark recovery file"));
    }
    Ok((header, body))
}

/// The whole recovery file: header line, then the map.
pub fn to_recovery_string(header: &RecoveryHeader, map: &ArgumentMap) -> String {
    let mut s = serde_json::to_string(header).unwrap_or_default();
    s.push('\n');
    s.push_str(&to_ron_string(map));
    s
}

fn remove_files(data: &Path) {
    let _ = fs::remove_file(data);
    let _ = fs::remove_file(data.with_extension(LOCK_EXT));
}

/// "2026-12-01 14:03 UTC, 5 minutes ago".
pub fn describe_time(secs: u64, now: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    let ago = ago(now.saturating_sub(secs));
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC, {ago}",
        rest / 3_600,
        rest % 3_600 / 60
    )
}

fn ago(secs: u64) -> String {
    match secs {
        0..60 => "just now".to_owned(),
        60..3_600 => plural(secs / 60, "minute"),
        3_600..86_400 => plural(secs / 3_600, "hour"),
        _ => plural(secs / 86_400, "day"),
    }
}

fn plural(n: u64, unit: &str) -> String {
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// Days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// What the worker last did, for the window's status line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaverStatus {
    /// The latest revision written, per document key.
    pub written: HashMap<String, u64>,
    /// The last failure, if the latest attempt failed ("disk full").
    pub error: Option<String>,
}

enum Job {
    Write {
        key: String,
        revision: u64,
        header: RecoveryHeader,
        map: Arc<ArgumentMap>,
    },
    /// Take over a recovered file: lock it so no other window offers it.
    Adopt {
        key: String,
        revision: u64,
    },
    Remove {
        key: String,
    },
    Flush(Sender<()>),
}

/// Writes recovery files on a worker thread. Snapshots are coalesced: if
/// several arrive while one is written, only the newest is written next.
pub struct Autosaver {
    dir: PathBuf,
    tx: Option<Sender<Job>>,
    worker: Option<JoinHandle<()>>,
    status: Arc<Mutex<SaverStatus>>,
}

impl Autosaver {
    /// Starts the worker for `dir` (created on the first write).
    pub fn start(dir: PathBuf) -> Self {
        let (tx, rx) = mpsc::channel();
        let status = Arc::new(Mutex::new(SaverStatus::default()));
        let worker = {
            let (dir, status) = (dir.clone(), status.clone());
            std::thread::Builder::new()
                .name("argmark autosave".into())
                .spawn(move || work(&dir, &rx, &status))
                .ok()
        };
        Self {
            dir,
            tx: Some(tx),
            worker,
            status,
        }
    }

    /// The folder written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A fresh key for a document's files: its name, the process and the time,
    /// so two windows on the same file never share a recovery file.
    pub fn new_key(&self, name: &str) -> String {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let stem: String = name
            .chars()
            .take_while(|c| *c != '.')
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            .take(40)
            .collect();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let stem = if stem.is_empty() { "untitled" } else { &stem };
        format!("{stem}-{}-{nanos:x}-{n}", std::process::id())
    }

    /// Queues a copy of `map` under `key`. The map is shared, not copied:
    /// the worker serialises it and lets go of it as soon as it is written.
    pub fn write(&self, key: &str, revision: u64, header: RecoveryHeader, map: Arc<ArgumentMap>) {
        self.send(Job::Write {
            key: key.to_owned(),
            revision,
            header,
            map,
        });
    }

    /// Continues an existing recovery file as `key` (after Recover).
    pub fn adopt(&self, key: &str, revision: u64) {
        self.send(Job::Adopt {
            key: key.to_owned(),
            revision,
        });
    }

    /// Queues removal of `key`'s recovery file (saved, discarded, closed).
    pub fn remove(&self, key: &str) {
        self.send(Job::Remove {
            key: key.to_owned(),
        });
    }

    /// Waits until everything queued so far is on disk.
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Flush(tx));
        let _ = rx.recv();
    }

    /// Why the latest write failed, if it did (without copying the rest of
    /// the status: the window asks every frame).
    pub fn error(&self) -> Option<String> {
        self.status.lock().ok().and_then(|s| s.error.clone())
    }

    /// What the worker has done.
    pub fn status(&self) -> SaverStatus {
        self.status.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn send(&self, job: Job) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(job);
        }
    }
}

impl Drop for Autosaver {
    /// Finishes queued work; locks are released when the worker ends.
    fn drop(&mut self) {
        self.tx = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// Temp files of a recovery copy being written.
const TEMP_PREFIX: &str = ".argmark-recovery-";
/// A copy takes milliseconds to write; a temp file this old belongs to a
/// session that was killed while writing (other live sessions share the folder).
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes temp files that killed sessions left in the recovery folder.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if old && entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn work(dir: &Path, rx: &Receiver<Job>, status: &Mutex<SaverStatus>) {
    remove_stale_temps(dir);
    let mut locks: HashMap<String, File> = HashMap::new();
    while let Ok(first) = rx.recv() {
        // Coalesce: of several writes to one key, only the last counts.
        let mut jobs = vec![first];
        jobs.extend(rx.try_iter());
        let last_write: HashMap<&str, usize> = jobs
            .iter()
            .enumerate()
            .filter_map(|(i, j)| match j {
                Job::Write { key, .. } => Some((key.as_str(), i)),
                _ => None,
            })
            .collect();
        let keep: Vec<bool> = jobs
            .iter()
            .enumerate()
            .map(|(i, j)| match j {
                Job::Write { key, .. } => last_write.get(key.as_str()) == Some(&i),
                _ => true,
            })
            .collect();
        for (job, keep) in jobs.into_iter().zip(keep) {
            if !keep {
                continue;
            }
            match job {
                Job::Write {
                    key,
                    revision,
                    header,
                    map,
                } => {
                    let text = to_recovery_string(&header, &map);
                    // Let go of the window's map before the disk work, so an
                    // edit made meanwhile does not have to copy it.
                    drop(map);
                    let result = write_one(dir, &key, &text, &mut locks);
                    if let Ok(mut s) = status.lock() {
                        match result {
                            Ok(()) => {
                                s.written.insert(key, revision);
                                s.error = None;
                            }
                            Err(e) => s.error = Some(e),
                        }
                    }
                }
                Job::Adopt { key, revision } => {
                    if let Ok(lock) = take_lock(dir, &key) {
                        locks.insert(key.clone(), lock);
                    }
                    if let Ok(mut s) = status.lock() {
                        s.written.insert(key, revision);
                    }
                }
                Job::Remove { key } => {
                    // Unlock first: Windows cannot delete a file held open.
                    locks.remove(&key);
                    remove_files(&dir.join(format!("{key}.{DATA_EXT}")));
                    if let Ok(mut s) = status.lock() {
                        s.written.remove(&key);
                    }
                }
                Job::Flush(done) => {
                    let _ = done.send(());
                }
            }
        }
    }
}

/// Why a recovery copy could not be written, naming the folder.
fn cannot_write(e: &std::io::Error, dir: &Path) -> String {
    let why = super::safe_write::reason(e, dir);
    let shown = dir.display().to_string();
    if why.contains(&shown) {
        format!("could not write a recovery copy: {why}")
    } else {
        format!("could not write a recovery copy in {shown}: {why}")
    }
}

fn take_lock(dir: &Path, key: &str) -> Result<File, String> {
    let path = dir.join(format!("{key}.{LOCK_EXT}"));
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| cannot_write(&e, dir))?;
    f.try_lock()
        .map_err(|e| format!("{}: could not lock: {e}", path.display()))?;
    Ok(f)
}

fn write_one(
    dir: &Path,
    key: &str,
    text: &str,
    locks: &mut HashMap<String, File>,
) -> Result<(), String> {
    let fail = |e: std::io::Error| cannot_write(&e, dir);
    fs::create_dir_all(dir).map_err(fail)?;
    if !locks.contains_key(key) {
        locks.insert(key.to_owned(), take_lock(dir, key)?);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_data().map_err(fail)?;
    tmp.persist(dir.join(format!("{key}.{DATA_EXT}")))
        .map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagScheme;

    fn header(units: usize) -> RecoveryHeader {
        RecoveryHeader::now(
            RecoveredFrom::Text,
            Some(PathBuf::from("/tmp/relos.txt")),
            "relos.txt (new annotation)".into(),
            units,
        )
    }

    #[test]
    fn written_copies_are_hidden_while_locked_and_listed_after() {
        let dir = tempfile::tempdir().unwrap();
        let map = crate::model::fixture::marked(
            "They [Claim:finally signed] RELOS",
            TagScheme::argument(),
        );
        let saver = Autosaver::start(dir.path().to_owned());
        let key = saver.new_key("relos.txt");
        saver.write(&key, 7, header(1), Arc::new(map.clone()));
        saver.flush();
        assert_eq!(saver.status().written.get(&key), Some(&7));
        assert!(
            list(dir.path()).is_empty(),
            "a live session's copy is not offered"
        );
        drop(saver);
        let found = list(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key(), key);
        assert_eq!(found[0].header.path, Some(PathBuf::from("/tmp/relos.txt")));
        assert_eq!(found[0].load().unwrap(), map);
        found[0].remove().unwrap();
        assert!(list(dir.path()).is_empty());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "no lock left");
    }

    #[test]
    fn remove_deletes_the_copy_and_newest_write_wins() {
        let dir = tempfile::tempdir().unwrap();
        let saver = Autosaver::start(dir.path().to_owned());
        let key = saver.new_key("a");
        for i in 0..20 {
            let map = ArgumentMap::new(format!("text {i}"), TagScheme::argument());
            saver.write(&key, i, header(0), Arc::new(map));
        }
        saver.flush();
        let data = dir.path().join(format!("{key}.recovery"));
        let src = fs::read_to_string(&data).unwrap();
        assert!(src.contains("text 19"), "{src}");
        saver.remove(&key);
        saver.flush();
        assert!(!data.exists());
    }

    #[test]
    fn temp_files_of_killed_sessions_are_removed_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(format!("{TEMP_PREFIX}old"));
        let fresh = dir.path().join(format!("{TEMP_PREFIX}fresh"));
        let f = File::create(&old).unwrap();
        f.set_modified(SystemTime::now() - STALE_TEMP * 2).unwrap();
        File::create(&fresh).unwrap();
        drop(Autosaver::start(dir.path().to_owned()));
        assert!(!old.exists(), "a killed session's temp file goes");
        assert!(fresh.exists(), "a live session may be writing this one");
    }

    #[test]
    fn stray_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x.recovery"), "not json\n(format: 1)").unwrap();
        fs::write(dir.path().join("notes.txt"), "hello").unwrap();
        assert!(list(dir.path()).is_empty());
        assert!(list(&dir.path().join("missing")).is_empty());
    }

    #[test]
    fn times_read_as_dates() {
        // 2026-12-01 02:55:00 UTC
        let t = 1_796_093_700;
        assert_eq!(describe_time(t, t + 30), "2026-12-01 02:55 UTC, just now");
        assert_eq!(
            describe_time(t, t + 300),
            "2026-12-01 02:55 UTC, 5 minutes ago"
        );
        assert_eq!(
            describe_time(0, 86_400 * 2),
            "1970-01-01 00:00 UTC, 2 days ago"
        );
    }
}
