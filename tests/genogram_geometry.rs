//! The geometry promises of `genogram_checks::geometry`, read from the drawing alone (the
//! layout JSON and the SVG), on every family in `genogram_checks::families`: every line on
//! the sheet and a key that shows what is drawn, as drawn, one style per meaning; and on
//! plain trees, every child's line joined to her own parents and no one else.

mod genogram_checks;
mod support;

use genochron::layout::genogram::generate::Mix;
use genogram_checks::families::{self, Promises};

#[test]
fn golden_cases_keep_the_sheet_promises() {
    families::assert_kept(families::golden(), Promises::Sheet);
}

#[test]
fn the_examples_keep_the_sheet_promises() {
    families::assert_kept(families::examples(), Promises::Sheet);
}

#[test]
fn gedcom_families_keep_the_sheet_promises() {
    families::assert_kept(families::gedcom(), Promises::Sheet);
}

#[test]
fn generated_families_keep_the_sheet_promises() {
    families::assert_kept(
        families::generated(Mix::REALISTIC, "generated", 16, 200),
        Promises::Sheet,
    );
}

#[test]
fn generated_plain_trees_keep_the_line_promises() {
    families::assert_kept(
        families::generated(Mix::TREE, "generated tree", 24, 300),
        Promises::Lines,
    );
}

/// A run once reported with a child's line through a partnership's dates (`GEN_SEED`
/// 12849118830133511830), kept as a fixed case.
#[test]
fn the_plain_trees_of_a_reported_seed_keep_the_line_promises() {
    families::assert_kept(
        families::generated_from(
            12_849_118_830_133_511_830,
            Mix::TREE,
            "generated tree",
            24,
            300,
        ),
        Promises::Lines,
    );
}
