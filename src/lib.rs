//! genochron turns one structured case file into a genogram and a child-impact chronology.

pub mod diagnostic;
pub mod graph;
pub mod input;
pub mod layout;
pub mod model;
pub mod redact;
pub mod render;
pub mod text;
