//! Tag schemes: which kinds of unit an annotator can mark, how they look,
//! which key makes them, and which argumentative role each one plays.
//!
//! Analyses never look at tag names, only at roles, so a class can rename
//! "Evidence" to "Fact" without breaking the checks.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a tag means to the analyses, whatever the scheme calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// The thesis the whole text argues for.
    MainClaim,
    /// A conclusion the author wants accepted, possibly an intermediate one.
    Claim,
    /// A reason offered for a claim.
    Premise,
    /// A checkable fact, datum, quote or source.
    Evidence,
    /// A hypothetical, prediction or hedged possibility.
    Speculation,
    /// Anything else a scheme wants to mark (opinion, attribution, …).
    Other,
}

impl Role {
    /// Every role, in the order reports list them.
    pub const ALL: [Role; 6] = [
        Role::MainClaim,
        Role::Claim,
        Role::Premise,
        Role::Evidence,
        Role::Speculation,
        Role::Other,
    ];

    /// Whether units of this role are conclusions that need support.
    pub fn is_claim(self) -> bool {
        matches!(self, Role::MainClaim | Role::Claim)
    }

    /// The snake_case name used in JSON reports.
    pub fn key(self) -> &'static str {
        match self {
            Role::MainClaim => "main_claim",
            Role::Claim => "claim",
            Role::Premise => "premise",
            Role::Evidence => "evidence",
            Role::Speculation => "speculation",
            Role::Other => "other",
        }
    }
}

/// An sRGB colour, written `"#rrggbb"` in files so people can edit it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Rgb::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a colour like \"#3a7bd5\", found {s:?}"))
        })
    }
}

/// One kind of unit an annotator can mark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    /// The name units refer to, e.g. "Claim".
    pub name: String,
    /// What the role means analytically.
    pub role: Role,
    /// A mid-tone colour that stays legible as a tint on light and dark backgrounds.
    pub color: Rgb,
    /// The digit 1–9 that tags a selection; 0 for none.
    pub key: u8,
    /// One line for tooltips and the legend.
    #[serde(default)]
    pub description: String,
}

/// A named set of tags; embedded in every map so a file is self-contained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagScheme {
    pub name: String,
    pub tags: Vec<Tag>,
}

/// A built-in scheme: its source is compiled into the binary.
pub struct BuiltinScheme {
    pub name: &'static str,
    pub source: &'static str,
}

/// The schemes shipped under `assets/schemes/`.
pub const BUILTIN_SCHEMES: [BuiltinScheme; 3] = [
    BuiltinScheme {
        name: "argument",
        source: include_str!("../../assets/schemes/argument.ron"),
    },
    BuiltinScheme {
        name: "media-literacy",
        source: include_str!("../../assets/schemes/media-literacy.ron"),
    },
    BuiltinScheme {
        name: "essay",
        source: include_str!("../../assets/schemes/essay.ron"),
    },
];

impl TagScheme {
    /// A built-in scheme by name (`argument`, `media-literacy`, `essay`).
    pub fn builtin(name: &str) -> Option<TagScheme> {
        let b = BUILTIN_SCHEMES.iter().find(|b| b.name == name)?;
        // The sources are compiled in and covered by tests.
        ron::from_str(b.source).ok()
    }

    /// The default scheme for argument mapping.
    pub fn argument() -> TagScheme {
        Self::builtin("argument").unwrap_or_else(|| TagScheme {
            name: "argument".into(),
            tags: Vec::new(),
        })
    }

    /// The tag of that name.
    pub fn tag(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// The tag bound to digit `key`.
    pub fn tag_for_key(&self, key: u8) -> Option<&Tag> {
        self.tags.iter().find(|t| t.key == key && key != 0)
    }

    /// The role of a tag name; `Other` for names the scheme lacks.
    pub fn role_of(&self, name: &str) -> Role {
        self.tag(name).map_or(Role::Other, |t| t.role)
    }

    /// The first tag with the given role, e.g. where to put accepted speculation.
    pub fn first_with_role(&self, role: Role) -> Option<&Tag> {
        self.tags.iter().find(|t| t.role == role)
    }

    /// Problems that make the scheme unusable: duplicate names or keys, bad keys.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, t) in self.tags.iter().enumerate() {
            if t.name.trim().is_empty() {
                out.push(format!("tag #{} has an empty name", i + 1));
            }
            if t.key > 9 {
                out.push(format!("tag {:?} has key {}, expected 0-9", t.name, t.key));
            }
            if self.tags[..i].iter().any(|o| o.name == t.name) {
                out.push(format!("tag name {:?} is used twice", t.name));
            }
            if t.key != 0 && self.tags[..i].iter().any(|o| o.key == t.key) {
                out.push(format!("key {} is bound to two tags", t.key));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_schemes_parse_and_are_sound() {
        for b in &BUILTIN_SCHEMES {
            let s: TagScheme = ron::from_str(b.source)
                .unwrap_or_else(|e| panic!("scheme {} does not parse: {e}", b.name));
            assert_eq!(s.name, b.name);
            assert!(s.problems().is_empty(), "{}: {:?}", b.name, s.problems());
            assert!(!s.tags.is_empty());
        }
        let arg = TagScheme::argument();
        assert_eq!(arg.tag_for_key(1).map(|t| t.role), Some(Role::MainClaim));
        assert!(arg.first_with_role(Role::Speculation).is_some());
    }

    #[test]
    fn colours_round_trip_and_reject_garbage() {
        assert_eq!(Rgb::parse("#3a7bd5"), Some(Rgb([0x3a, 0x7b, 0xd5])));
        assert_eq!(Rgb([0x3a, 0x7b, 0xd5]).to_string(), "#3a7bd5");
        assert_eq!(Rgb::parse("3a7bd5"), None);
        assert_eq!(Rgb::parse("#3a7bd"), None);
        assert_eq!(Rgb::parse("#zzzzzz"), None);
        assert_eq!(Rgb::parse("#éé12"), None);
    }

    #[test]
    fn problems_name_duplicates() {
        let mut s = TagScheme::argument();
        let dup = s.tags[0].clone();
        s.tags.push(dup);
        let p = s.problems();
        assert!(p.iter().any(|m| m.contains("used twice")), "{p:?}");
        assert!(p.iter().any(|m| m.contains("bound to two tags")), "{p:?}");
    }
}
