//! The hidden `save-drill` test aid: saves one map over and over through
//! [`Session::save_to`], the window's own Ctrl+S path, so
//! `tests/file_safety.rs` can `kill -9` it at arbitrary moments and check
//! that the map and its `.bak` are always whole.

use crate::model::{Edit, Meta, TagScheme};
use crate::session::Session;
use std::io::Write;
use std::path::Path;

/// The title prefix each save writes, followed by the save's number.
pub const TITLE: &str = "save drill ";

/// The save number a map's title carries (0 for any other title).
pub fn round_of(title: &str) -> u64 {
    title
        .strip_prefix(TITLE)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Opens `map`, prints `ready`, then `rounds` times sets its title to the
/// next save number and saves it in place, printing `saved N` after each.
pub fn drill(map: &Path, rounds: u64, out: &mut impl Write, err: &mut impl Write) -> bool {
    let mut session = match Session::open(map, TagScheme::argument()) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return false;
        }
    };
    let mut round = round_of(&session.map().meta().title);
    let _ = writeln!(out, "ready {round}");
    let _ = out.flush();
    for _ in 0..rounds {
        round += 1;
        let meta = Meta {
            title: format!("{TITLE}{round}"),
            ..session.map().meta().clone()
        };
        if let Err(e) = session.apply(Edit::SetMeta(meta)) {
            let _ = writeln!(err, "argmark: {e}");
            return false;
        }
        if let Err(e) = session.save_to(map) {
            let _ = writeln!(err, "{e}");
            return false;
        }
        let _ = writeln!(out, "saved {round}");
        let _ = out.flush();
    }
    true
}
