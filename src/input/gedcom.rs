//! GEDCOM 5.5.1 and 7.0 family trees into a case file.
