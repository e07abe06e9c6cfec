//! The document model: a text, its tagged units, scenarios and relations,
//! the edits that change them, and validation. Knows nothing of egui or files.

mod edit;
pub mod fixture;
mod history;
mod ids;
mod kept;
mod map;
mod scheme;
mod text;
mod validate;
pub mod words;

pub use edit::{Edit, EditError, MergeKey, ScenarioField, apply, apply_one_by_one, restore};
pub use history::History;
pub use ids::{NextIds, RelationId, ScenarioId, UnitId};
pub use kept::{KeptField, KeptFields};
pub use map::{
    ArgumentMap, FORMAT_VERSION, MapParts, Meta, Pos, Relation, RelationKind, Scenario, SourceText,
    Unit,
};
pub use scheme::{BUILTIN_SCHEMES, BuiltinScheme, Rgb, Role, Tag, TagScheme};
pub use text::TextIndex;
pub use validate::{Problem, ProblemKind, Subject, validate};
