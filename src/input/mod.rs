//! Input: reads case files (YAML, JSON, TOML) and imports (GEDCOM, pedigree tables, CSV
//! entries) into [`case_file::CaseFile`], keeping the line and column of every value.

pub mod case_file;
pub mod entries_csv;
pub mod gedcom;
pub mod pedigree;
pub mod write;
