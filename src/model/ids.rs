//! Stable, short, human-readable identifiers (`u12`, `r3`, `s2`).
//!
//! Ids are what files, exports and other annotators refer to, so they are
//! never derived from positions and never reused within a document's history.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The letter every id of this kind starts with.
            pub const PREFIX: &'static str = $prefix;

            /// The id with the given sequence number, e.g. `u7`.
            pub fn from_number(n: u64) -> Self {
                Self(format!("{}{}", $prefix, n))
            }

            /// The sequence number, when the id has the canonical form.
            pub fn number(&self) -> Option<u64> {
                self.0.strip_prefix($prefix)?.parse().ok()
            }

            /// The id as written in files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        /// Numeric order (`u2` before `u10`), then text order for hand-written ids.
        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                (self.number(), &self.0).cmp(&(other.number(), &other.0))
            }
        }
    };
}

id_type!(
    /// Identifies a [`crate::model::Unit`].
    UnitId,
    "u"
);
id_type!(
    /// Identifies a [`crate::model::Relation`].
    RelationId,
    "r"
);
id_type!(
    /// Identifies a [`crate::model::Scenario`].
    ScenarioId,
    "s"
);

/// The next free sequence number for each kind of id.
///
/// Stored in the file so that deleting the newest unit and adding another
/// does not hand out the deleted id again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextIds {
    pub unit: u64,
    pub relation: u64,
    pub scenario: u64,
}
