//! Every child's line one unbroken, unmistakable line to her own parents, and every line
//! clear of people (`genogram_checks::geometry::broken_lines`), on every family in
//! `genogram_checks::families`. Read from the layout JSON alone.

mod genogram_checks;
mod support;

use genochron::layout::genogram::generate::Mix;
use genogram_checks::families::{self, Promises};

#[test]
fn the_examples_keep_the_line_promises() {
    families::assert_kept(families::examples(), Promises::Lines);
}

#[test]
fn generated_families_keep_the_line_promises() {
    families::assert_kept(
        families::generated(Mix::REALISTIC, "generated", 24, 200),
        Promises::Lines,
    );
}

/// Published trees with partners from different generations (the Bible and Ptolemaic
/// families): their partnership lines run between the rows without sharing a path.
#[test]
fn gedcom_families_keep_the_line_promises() {
    families::assert_kept(families::gedcom(), Promises::Lines);
}

#[test]
fn generated_hard_families_keep_the_line_promises() {
    families::assert_kept(
        families::generated(Mix::HARD, "generated hard", 6, 2000),
        Promises::Lines,
    );
}
