//! Layout: turns a checked case into a scene of positioned shapes. Knows nothing of SVG.

pub mod genogram;
pub(crate) mod marks;
pub mod scene;
pub(crate) mod scores;
pub mod timeline;
