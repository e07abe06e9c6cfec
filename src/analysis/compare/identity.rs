//! Whether annotations can be compared: the same text (by SHA-256 of its
//! UTF-8 bytes), and which tag names only some schemes have.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The SHA-256 of a text, as lower-case hex.
pub fn text_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A tag of one annotator's scheme that another annotator's scheme lacks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnmatchedTag {
    /// The annotator whose scheme has it.
    pub annotator: String,
    /// The tag name.
    pub tag: String,
    /// The annotators whose schemes lack it.
    pub missing_in: Vec<String>,
}

/// Tags (by name) that are not in every scheme, in annotator then scheme order.
pub fn unmatched_tags(schemes: &[(&str, Vec<&str>)]) -> Vec<UnmatchedTag> {
    let mut out = Vec::new();
    for (name, tags) in schemes {
        for tag in tags {
            let missing_in: Vec<String> = schemes
                .iter()
                .filter(|(_, other)| !other.contains(tag))
                .map(|(n, _)| (*n).to_owned())
                .collect();
            if !missing_in.is_empty() {
                out.push(UnmatchedTag {
                    annotator: (*name).to_owned(),
                    tag: (*tag).to_owned(),
                    missing_in,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_strings() {
        // FIPS 180-2 test vector and the empty string.
        assert_eq!(
            text_sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            text_sha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn tags_missing_from_some_scheme_are_listed() {
        let u = unmatched_tags(&[
            ("A", vec!["Claim", "Evidence"]),
            ("B", vec!["Claim", "Fact"]),
            ("C", vec!["Claim", "Fact"]),
        ]);
        let got: Vec<(&str, &str, usize)> = u
            .iter()
            .map(|t| (t.annotator.as_str(), t.tag.as_str(), t.missing_in.len()))
            .collect();
        assert_eq!(
            got,
            [("A", "Evidence", 2), ("B", "Fact", 1), ("C", "Fact", 1)]
        );
    }
}
