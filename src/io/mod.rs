//! Files in and out: the `.argmap.ron` format, plain-text import, atomic
//! saving. Knows nothing of egui; errors name the file and the place.

mod error;
mod files;
pub mod formats;
pub mod recovery;
mod ron_format;
pub mod stamp;

pub use error::{FileError, Location, location_of};
pub use files::{
    FileKind, MAX_FILE_BYTES, backup_path, decode_utf8, import_text, load_map, open, read_bytes,
    save_map, write_atomic,
};
pub use ron_format::{from_ron_str, locate_id, to_ron_string};
