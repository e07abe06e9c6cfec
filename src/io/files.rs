//! Reading and writing files: maps, plain texts to annotate, atomic saves.

use super::error::{FileError, location_of};
use super::ron_format::{ParsedMap, parse_map, to_ron_string};
use super::safe_write::{WriteOptions, read_regular, write_safely};
use crate::model::{ArgumentMap, Meta, TagScheme};
use std::path::{Path, PathBuf};

/// Files larger than this are refused before reading: far beyond any essay
/// or corpus document, and a sign the wrong file was picked.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What kind of file a path names, judged by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `*.argmap.ron` (or any `.ron`): a saved map.
    Map,
    /// `.txt` or `.md`: a text to start annotating.
    Text,
}

impl FileKind {
    /// The kind for a path, or `None` for extensions Argmark does not open.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ron" => Some(FileKind::Map),
            "txt" | "md" | "markdown" => Some(FileKind::Text),
            _ => None,
        }
    }
}

/// Reads a file's bytes, refusing folders, pipes, devices and oversized
/// files with a message (see [`read_regular`]).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    read_regular(path, MAX_FILE_BYTES)
}

/// Decodes UTF-8, dropping a byte-order mark. Anything else is refused with
/// the line and column of the first bad byte, never silently replaced.
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String, FileError> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // Everything before `valid` is UTF-8, so the position is exact.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let loc = location_of(prefix, valid);
        FileError::at(
            path,
            Some(loc),
            format!(
                "is not valid UTF-8 (byte 0x{:02X} at offset {valid}); save it as UTF-8 and try again",
                bytes[valid]
            ),
        )
    })
}

/// Loads a saved map.
pub fn load_map(path: &Path) -> Result<ArgumentMap, FileError> {
    load_map_with_warnings(path).map(|p| p.map)
}

/// Loads a saved map and what its reader should be told (sections kept from
/// a newer format version, each at its line), for the window and the CLI.
pub fn load_map_with_warnings(path: &Path) -> Result<ParsedMap, FileError> {
    parse_map(&read_text(path)?, path)
}

/// A file's text: read with the size limit, refusing special files, UTF-8
/// checked and the BOM dropped.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    decode_utf8(path, read_bytes(path)?)
}

/// Starts a new, empty map over a `.txt` or `.md` file, titled after the file.
/// Line endings are kept exactly as in the file.
pub fn import_text(path: &Path, scheme: TagScheme) -> Result<ArgumentMap, FileError> {
    let text = decode_utf8(path, read_bytes(path)?)?;
    let mut map = ArgumentMap::new(text, scheme);
    let title = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    // A fresh map has no history, so its meta is set directly.
    map.meta = Meta {
        title,
        ..Meta::default()
    };
    Ok(map)
}

/// Opens any file Argmark understands: a map, or a text to annotate.
pub fn open(path: &Path, scheme_for_text: TagScheme) -> Result<ArgumentMap, FileError> {
    match FileKind::of(path) {
        Some(FileKind::Map) => load_map(path),
        Some(FileKind::Text) => import_text(path, scheme_for_text),
        None => Err(FileError::new(
            path,
            "is not a file Argmark opens (expected .argmap.ron, .txt or .md)",
        )),
    }
}

/// Where a new map for a text goes by default: beside it, with the text's
/// extension replaced (`relos.txt` → `relos.argmap.ron`).
pub fn map_path_for_text(text: &Path) -> PathBuf {
    let stem = text
        .file_stem()
        .filter(|s| !s.is_empty())
        .map_or_else(|| "map".into(), |s| s.to_os_string());
    let mut name = stem;
    name.push(".argmap.ron");
    text.with_file_name(name)
}

/// The path of the backup kept beside a saved file: `NAME.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves the map atomically (see [`write_atomic`]).
pub fn save_map(map: &ArgumentMap, path: &Path) -> Result<(), FileError> {
    write_atomic(path, to_ron_string(map).as_bytes())
}

/// Writes `bytes` to `path` so that a crash leaves either the old or the new
/// file, never half of one, keeping the previous version as `NAME.bak`
/// (see [`write_safely`]: symlinks are written through, special files refused).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_safely(
        path,
        bytes,
        WriteOptions {
            backup: true,
            // A new map is an ordinary document: what the umask allows.
            new_file_mode: Some(0o666),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn bom_is_dropped_and_crlf_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.txt");
        fs::write(&p, b"\xEF\xBB\xBFone\r\ntwo").unwrap();
        let map = import_text(&p, TagScheme::argument()).unwrap();
        assert_eq!(map.text(), "one\r\ntwo");
        assert_eq!(map.meta().title, "t");
    }

    #[test]
    fn non_utf8_is_refused_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("latin1.txt");
        fs::write(&p, b"ok line\ncaf\xE9").unwrap();
        let e = import_text(&p, TagScheme::argument()).unwrap_err();
        assert_eq!(e.location.map(|l| (l.line, l.col)), Some((2, 4)));
        assert!(
            e.to_string().contains("latin1.txt:2:4: is not valid UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn save_keeps_backup_and_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.argmap.ron");
        let map = ArgumentMap::new("first", TagScheme::argument());
        save_map(&map, &p).unwrap();
        assert!(!backup_path(&p).exists());
        let map2 = ArgumentMap::new("second", TagScheme::argument());
        save_map(&map2, &p).unwrap();
        assert_eq!(load_map(&backup_path(&p)).unwrap().text(), "first");
        assert_eq!(load_map(&p).unwrap().text(), "second");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".argmark-save-")
            })
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn unknown_extension_and_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = open(&dir.path().join("x.pdf"), TagScheme::argument()).unwrap_err();
        assert!(e.message.contains("expected .argmap.ron"), "{e}");
        let e = load_map(dir.path()).unwrap_err();
        assert!(e.message.contains("folder"), "{e}");
    }
}
