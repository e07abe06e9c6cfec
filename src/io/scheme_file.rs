//! Tag schemes kept in their own `.ron` files (the shape of
//! `assets/schemes/*.ron`), for `argmark new --scheme FILE`.

use super::error::FileError;
use super::files::read_text;
use super::ron_errors::ron_error;
use super::ron_scan::scan;
use crate::model::TagScheme;
use std::path::Path;

/// Reads a scheme file, refusing one that parses but is unusable
/// (duplicate names or keys), with every problem in the message.
pub fn load_scheme(path: &Path) -> Result<TagScheme, FileError> {
    let src = read_text(path)?;
    let scheme: TagScheme = ron::Options::default()
        .from_str(&src)
        .map_err(|e| ron_error(path, &src, &scan(&src), &e, None))?;
    let problems = scheme.problems();
    if !problems.is_empty() {
        return Err(FileError::new(
            path,
            format!("this scheme cannot be used: {}", problems.join("; ")),
        ));
    }
    Ok(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_builtin_scheme_file_loads_and_a_broken_one_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("essay.ron");
        std::fs::write(&p, crate::model::BUILTIN_SCHEMES[2].source).unwrap();
        assert_eq!(load_scheme(&p).unwrap().name, "essay");
        std::fs::write(&p, "(name: \"x\", tags: [(name: \"A\", role: Claimz)])").unwrap();
        let e = load_scheme(&p).unwrap_err();
        assert!(e.message.contains("unknown value `Claimz`"), "{e}");
        assert!(e.location.is_some(), "{e}");
    }
}
