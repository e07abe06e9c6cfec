//! Writing and reading files without ever leaving a half-written file,
//! replacing something that is not a regular file, or hanging on a pipe.
//!
//! A save resolves symlinks to their target (the link stays a link), refuses
//! folders, pipes, sockets and devices, writes a temp file beside the target,
//! keeps the previous version as `NAME.bak` (itself put in place by a rename,
//! so it is never partial), then renames the temp file over the target. The
//! folder is locked (an advisory `flock`) for the whole sequence, so two
//! Argmarks saving the same folder at once take turns instead of racing on
//! the `.bak`. Every failure removes the temp files and names the folder or
//! the file the user gave, never a temp name.

use super::error::FileError;
use std::fs::{self, File, FileType};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// How a safe write treats the file it replaces.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Keep the previous version as `NAME.bak` beside the target (maps do;
    /// exports, which can be made again, do not).
    pub backup: bool,
    /// Unix permission bits for a file that does not exist yet; `None` keeps
    /// the temp file's private `0600`. An existing file keeps its own.
    pub new_file_mode: Option<u32>,
}

/// Symlinks followed before giving up (the kernel's own limit is 40).
const MAX_LINKS: usize = 40;

/// What a non-regular file is, in words for a message.
fn describe(ft: &FileType) -> &'static str {
    if ft.is_dir() {
        return "a folder, not a file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO), not a regular file";
        }
        if ft.is_socket() {
            return "a socket, not a regular file";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device, not a regular file";
        }
    }
    "not a regular file"
}

/// The file a write to `path` must replace: `path` itself, or the end of
/// its chain of symlinks (which may not exist yet). Refuses anything that
/// exists and is not a regular file.
pub fn write_target(path: &Path) -> Result<PathBuf, FileError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&current) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(FileError::new(path, reason(&e, folder_of(&current)))),
        };
        let ft = meta.file_type();
        if ft.is_symlink() {
            let link = fs::read_link(&current).map_err(|e| {
                FileError::new(path, format!("could not follow the link: {}", plain(&e)))
            })?;
            current = if link.is_absolute() {
                link
            } else {
                folder_of(&current).join(link)
            };
            continue;
        }
        if ft.is_file() {
            return Ok(current);
        }
        let what = describe(&ft);
        return Err(if current == path {
            FileError::new(
                path,
                format!("is {what}; Argmark only writes regular files"),
            )
        } else {
            FileError::new(
                path,
                format!(
                    "links to {}, which is {what}; Argmark only writes regular files",
                    current.display()
                ),
            )
        });
    }
    Err(FileError::new(
        path,
        "is a chain of symlinks that does not end (a loop?)",
    ))
}

/// The folder a file lives in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` whole or not at all (see the module docs).
pub fn write_safely(path: &Path, bytes: &[u8], options: WriteOptions) -> Result<(), FileError> {
    let target = write_target(path)?;
    let dir = folder_of(&target).to_path_buf();
    check_folder(path, &dir)?;
    let lock = FolderLock::take(&dir);
    if lock.is_held() {
        remove_stale_temps(&dir);
    }
    let fail =
        |e: io::Error| FileError::new(path, format!("could not write: {}", reason(&e, &dir)));

    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIXES[0]).suffix(".tmp");
    #[cfg(unix)]
    if let Some(mode) = options.new_file_mode {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    // Dropping `tmp` on any early return deletes it.
    let mut tmp = builder.tempfile_in(&dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    let existing = fs::metadata(&target).ok().filter(|m| m.is_file());
    if let Some(meta) = &existing {
        // Keep the saved file's permissions (the temp file starts private).
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    tmp.as_file().sync_all().map_err(fail)?;
    if options.backup && existing.is_some() {
        keep_backup(&target, &dir).map_err(|e| {
            FileError::new(
                path,
                format!(
                    "could not keep a backup before saving, so nothing was changed: {}",
                    reason(&e, &dir)
                ),
            )
        })?;
    }
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    sync_folder(&dir);
    Ok(())
}

/// Refuses a write into a folder that is missing or is not a folder, naming it.
fn check_folder(path: &Path, dir: &Path) -> Result<(), FileError> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(FileError::new(
            path,
            format!("could not write: {} is not a folder", dir.display()),
        )),
        Err(e) => Err(FileError::new(
            path,
            format!("could not write: {}", reason(&e, dir)),
        )),
    }
}

/// Puts the current `target` in place as `target.bak` with one rename, so
/// the backup is either the old one or the complete new one. A hard link
/// costs nothing and cannot be partial; where hard links are not
/// supported, a flushed copy is renamed instead.
fn keep_backup(target: &Path, dir: &Path) -> io::Result<()> {
    let bak = super::files::backup_path(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIXES[1]).suffix(".tmp");
    let staged = match builder.make_in(dir, |p| fs::hard_link(target, p)) {
        Ok(linked) => linked.into_temp_path(),
        Err(_) => {
            let mut copy = builder.tempfile_in(dir)?;
            let mut from = File::open(target)?;
            io::copy(&mut from, copy.as_file_mut())?;
            if let Ok(meta) = from.metadata() {
                let _ = copy.as_file().set_permissions(meta.permissions());
            }
            copy.as_file().sync_all()?;
            copy.into_temp_path()
        }
    };
    staged.persist(&bak).map_err(|e| e.error)
}

/// Name prefixes of the temp files a save makes (the new file, the staged backup).
const TEMP_PREFIXES: [&str; 2] = [".argmark-save-", ".argmark-bak-"];

/// Removes temp files left in `dir` by a save that was killed (`kill -9`,
/// power loss) before it could clean up. Only called with the folder lock
/// held: every save takes that lock before making its temp files, so any
/// that exist now belong to a save that is no longer running.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = TEMP_PREFIXES.iter().any(|p| name.starts_with(p)) && name.ends_with(".tmp");
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes renames in `dir` durable (best effort: not every system allows it).
fn sync_folder(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// An exclusive advisory lock on a folder, held while a save replaces a
/// file and its `.bak` there; released on drop. Where a folder cannot be
/// opened or locked (some network file systems, Windows) saving goes on
/// without it.
struct FolderLock(Option<File>);

impl FolderLock {
    fn take(dir: &Path) -> Self {
        #[cfg(unix)]
        if let Ok(f) = File::open(dir)
            && f.lock().is_ok()
        {
            return Self(Some(f));
        }
        let _ = dir;
        Self(None)
    }

    /// Whether the folder is really locked (not a system without locks).
    fn is_held(&self) -> bool {
        self.0.is_some()
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some(f) = &self.0 {
            let _ = f.unlock();
        }
    }
}

/// Reads a whole regular file of at most `limit` bytes. Folders, pipes,
/// sockets and devices are refused before they are read (a pipe would
/// block, `/dev/zero` would never end), and the open itself does not block.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    let fail = |e: io::Error| FileError::new(path, plain(&e));
    let meta = fs::metadata(path).map_err(fail)?;
    if !meta.is_file() {
        return Err(FileError::new(
            path,
            format!(
                "is {}; Argmark only opens regular files",
                describe(&meta.file_type())
            ),
        ));
    }
    too_big(path, meta.len(), limit)?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // If the file was swapped for a pipe since the check, do not wait for a writer.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if !meta.is_file() {
        return Err(FileError::new(
            path,
            format!(
                "is {}; Argmark only opens regular files",
                describe(&meta.file_type())
            ),
        ));
    }
    too_big(path, meta.len(), limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // `take` bounds the read even if the file grows meanwhile.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(fail)?;
    too_big(path, bytes.len() as u64, limit)?;
    Ok(bytes)
}

fn too_big(path: &Path, len: u64, limit: u64) -> Result<(), FileError> {
    if len <= limit {
        return Ok(());
    }
    const MB: u64 = 1024 * 1024;
    Err(FileError::new(
        path,
        format!(
            "is {} MB; Argmark opens files up to {} MB",
            len / MB,
            limit / MB
        ),
    ))
}

/// The OS reason without Rust's error-kind noise or a temp file's name.
pub(crate) fn plain(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::StorageFull => "the disk is full".to_owned(),
        K::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        K::QuotaExceeded => "the disk quota is used up".to_owned(),
        _ => match e.raw_os_error() {
            // The bare OS message: tempfile's errors append the temp path.
            Some(code) => io::Error::from_raw_os_error(code).to_string(),
            None => e.kind().to_string(),
        },
    }
}

/// Why writing into `dir` failed, naming the folder where that is the cause.
pub(crate) fn reason(e: &io::Error, dir: &Path) -> String {
    use io::ErrorKind as K;
    let d = dir.display();
    match e.kind() {
        K::NotFound => format!("the folder {d} does not exist"),
        K::PermissionDenied => format!("the folder {d} is not writable (permission denied)"),
        K::ReadOnlyFilesystem => format!("the folder {d} is on a read-only file system"),
        K::StorageFull => format!("the disk holding {d} is full"),
        _ => plain(e),
    }
}
