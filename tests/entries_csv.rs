//! Entries from spreadsheets: any bytes and any table of text are read or reported, never a
//! panic. The cases under `tests/cases/entries-csv/` are checked one test per case in
//! `golden_cases.rs`.

mod support;

use genochron::input::entries_csv::read;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn any_bytes_are_read_or_reported_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let (file, diagnostics) = read(&bytes, &[]);
        prop_assert!(file.is_some() || diagnostics.iter().any(|d| d.is_problem()));
    }

    #[test]
    fn any_table_of_text_is_read_or_reported(cells in proptest::collection::vec(proptest::collection::vec("[a-z0-9 ,;\"\n-]{0,12}", 1..5), 1..8)) {
        let mut text = String::from("date,event,source\n");
        for row in &cells {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let (file, diagnostics) = read(text.as_bytes(), &[]);
        prop_assert!(file.is_some() || diagnostics.iter().any(|d| d.is_problem()));
    }
}
