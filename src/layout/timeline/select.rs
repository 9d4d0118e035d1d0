//! The timeline's own choice of lanes; which entries it shows is chosen in
//! [`crate::chronology::select`], shared with the tables.

pub(crate) use crate::chronology::select::category_key;
pub use crate::chronology::select::{Filter, Focus, LeftOut, Selection, select};

/// How entries are grouped into lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lanes {
    /// One lane per category (the default).
    #[default]
    Category,
    /// One lane per person involved; an entry appears in the lane of everyone it names.
    Person,
    /// One lane per subject child; an entry appears in the lane of every child it concerns.
    Child,
}
