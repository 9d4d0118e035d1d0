//! Renderers: read only a scene (or, for tables, a checked case) and write a document.

pub mod html;
pub mod pdf;
pub mod png;
pub mod svg;
pub mod table;

use std::fmt;

/// A document could not be made. Never caused by the case file (a checked case always
/// draws); the message says what to try instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub message: String,
}

impl RenderError {
    pub fn new(message: impl Into<String>) -> RenderError {
        RenderError {
            message: message.into(),
        }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}
