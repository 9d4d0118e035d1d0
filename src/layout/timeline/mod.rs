//! The timeline layout: calendar and age axes, lanes, bands, and labels that never overlap.
