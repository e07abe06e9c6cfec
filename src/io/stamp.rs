//! Noticing that a file changed on disk behind our back: a stamp of its
//! modification time, size and content hash, taken when it was opened or
//! saved, compared cheaply (metadata only) and confirmed by content.

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::SystemTime;

/// What a file looked like when we last read or wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    modified: Option<SystemTime>,
    len: u64,
    hash: u64,
}

/// How a file compares with its stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Same as stamped (or touched without a change of content).
    Same,
    /// Someone wrote different content; the new stamp is included.
    Changed(FileStamp),
    /// The file is gone (moved away or deleted).
    Missing,
}

impl FileStamp {
    /// Stamps `path` now; `None` if it cannot be read.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = fs::metadata(path).ok()?;
        let bytes = fs::read(path).ok()?;
        Some(Self {
            modified: meta.modified().ok(),
            len: bytes.len() as u64,
            hash: hash(&bytes),
        })
    }

    /// Compares the file with this stamp. Only metadata is read unless the
    /// time or size moved; then the content decides, so a `touch` or a
    /// save of identical bytes is not reported (and the stamp takes the new
    /// time, so that file is not read again on the next check).
    pub fn check(&mut self, path: &Path) -> Change {
        let Ok(meta) = fs::metadata(path) else {
            return Change::Missing;
        };
        if meta.modified().ok() == self.modified && meta.len() == self.len {
            return Change::Same;
        }
        match Self::of(path) {
            Some(now) if now.hash == self.hash && now.len == self.len => {
                self.modified = now.modified;
                Change::Same
            }
            Some(now) => Change::Changed(now),
            None => Change::Missing,
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_not_the_clock() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.argmap.ron");
        fs::write(&p, "one").unwrap();
        let mut stamp = FileStamp::of(&p).unwrap();
        assert_eq!(stamp.check(&p), Change::Same);
        // Same bytes rewritten (a new mtime): not a change.
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&p, "one").unwrap();
        assert_eq!(stamp.check(&p), Change::Same);
        fs::write(&p, "two").unwrap();
        assert!(matches!(stamp.check(&p), Change::Changed(_)));
        fs::remove_file(&p).unwrap();
        assert_eq!(stamp.check(&p), Change::Missing);
    }
}
