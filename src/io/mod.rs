//! Files in and out: the `.argmap.ron` format, plain-text import, atomic
//! saving. Knows nothing of egui; errors name the file and the place.

mod error;
mod files;
pub mod formats;
pub mod recovery;
mod ron_errors;
mod ron_format;
mod ron_scan;
mod ron_strings;
mod safe_write;
mod scheme_file;
pub mod stamp;

pub use error::{FileError, Location, location_of};
pub use files::{
    FileKind, MAX_FILE_BYTES, backup_path, decode_utf8, import_text, load_map,
    load_map_with_warnings, map_path_for_text, open, read_bytes, read_text, save_map, write_atomic,
};
pub use ron_format::{
    FORMAT_MINOR, ParsedMap, comment_locations, from_ron_str, locate_id, locate_id_nth, parse_map,
    to_ron_string,
};
pub use ron_strings::needs_escape;
pub use safe_write::{WriteOptions, read_regular, write_safely, write_target};
pub use scheme_file::load_scheme;
