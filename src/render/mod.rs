//! Renderers: read only a scene (or, for tables, a checked case) and write a document.

pub mod svg;
pub mod table;
