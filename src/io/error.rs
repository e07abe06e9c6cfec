//! Load and save errors that name the file and, where known, the line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub col: usize,
}

/// Why a file could not be read, parsed or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The file concerned, as the user named it.
    pub path: PathBuf,
    /// Where in the file, when the problem has a place.
    pub location: Option<Location>,
    /// What went wrong and, where possible, what was expected.
    pub message: String,
}

impl FileError {
    /// An error about the file as a whole.
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            location: None,
            message: message.into(),
        }
    }

    /// An error at a place in the file.
    pub fn at(path: &Path, location: Option<Location>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            location,
            message: message.into(),
        }
    }
}

/// `FILE:LINE:COL: message`, or `FILE: message`, as compilers print them.
impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(Location { line, col }) = self.location {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FileError {}

/// The 1-based line and column of a byte offset in `src`, counting columns in chars.
pub fn location_of(src: &str, byte: usize) -> Location {
    let byte = byte.min(src.len());
    let before = &src.as_bytes()[..byte];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Location { line, col }
}
