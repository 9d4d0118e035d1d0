//! Chronology entries from a spreadsheet (CSV) into a case file.
