//! Parts of a map file that a newer Argmark wrote and this one does not
//! understand. The model carries them untouched so that opening and saving
//! a file in an older Argmark never throws away a newer one's work.

/// Top-level sections from a newer minor version of the format, kept as
/// the file wrote them and written back on save.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeptFields {
    /// The file's minor format version; saving writes it back so the file
    /// still says which version its extra sections belong to.
    pub minor: u32,
    /// The sections, in file order.
    pub fields: Vec<KeptField>,
}

/// One section: its name and its value exactly as written (RON source).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptField {
    pub name: String,
    pub raw: String,
}
