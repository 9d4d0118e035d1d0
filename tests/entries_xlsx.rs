//! Entries from Excel workbooks: a workbook written here with `rust_xlsxwriter` (serial dates,
//! a date with a time, text dates, a merged title, headings merged over sub-headings, a date
//! merged down two rows, the spreadsheet's own codes) and a small workbook saved by
//! LibreOffice Calc (`fixtures/spreadsheets/entries.xlsx`).

mod support;
use support::*;

use genochron::diagnostic::{Places, to_text_in};
use genochron::input::case_file::ImpactInput;
use genochron::input::entries_csv::{ReadOptions, parse_mapping, parse_values};
use genochron::input::entries_xlsx;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A council-style chronology workbook. The first sheet is notes, so `--sheet` is needed.
fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Read me").unwrap();
    notes
        .write_string(0, 0, "Keep entries on the Chronology sheet")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Chronology").unwrap();
    let plain = Format::new();
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let day_time = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    sheet
        .merge_range(0, 0, 0, 6, "Chronology for Amy and Ben", &plain)
        .unwrap();
    for (column, heading) in [(0, "No."), (1, "Date of event"), (2, "What happened")] {
        sheet
            .merge_range(1, column, 2, column, heading, &plain)
            .unwrap();
    }
    sheet.merge_range(1, 3, 1, 4, "Impact", &plain).unwrap();
    sheet.write_string(2, 3, "Amy").unwrap();
    sheet.write_string(2, 4, "Ben").unwrap();
    sheet.merge_range(1, 5, 2, 5, "Sig.", &plain).unwrap();
    sheet.merge_range(1, 6, 2, 6, "Source", &plain).unwrap();
    // Row 4: a real Excel date (a serial number shown as a date).
    sheet.write_number(3, 0, 1).unwrap();
    let date = ExcelDateTime::from_ymd(2019, 3, 14).unwrap();
    sheet.write_datetime_with_format(3, 1, &date, &day).unwrap();
    sheet
        .write_string(3, 2, "Police attended a domestic incident")
        .unwrap();
    sheet.write_string(3, 3, "Amy was frightened").unwrap();
    sheet.write_number(3, 5, 3).unwrap();
    sheet.write_string(3, 6, "Police").unwrap();
    // Row 5: a date typed as text, the British way.
    sheet.write_number(4, 0, 2).unwrap();
    sheet.write_string(4, 1, "14/05/2019").unwrap();
    sheet.write_string(4, 2, "School meeting").unwrap();
    sheet.write_string(4, 4, "Ben was quiet").unwrap();
    sheet.write_number(4, 5, 1).unwrap();
    sheet.write_string(4, 6, "School").unwrap();
    // Row 6: a date with a time.
    sheet.write_number(5, 0, 3).unwrap();
    let visit = ExcelDateTime::from_ymd(2020, 1, 2)
        .unwrap()
        .and_hms(10, 30, 0)
        .unwrap();
    sheet
        .write_datetime_with_format(5, 1, &visit, &day_time)
        .unwrap();
    sheet.write_string(5, 2, "Home visit").unwrap();
    sheet.write_number(5, 5, 2).unwrap();
    sheet.write_string(5, 6, "Social worker").unwrap();
    // Rows 7 and 8: one date merged down over two events.
    let moved = ExcelDateTime::from_ymd(2021, 6, 1).unwrap();
    sheet.merge_range(6, 1, 7, 1, "", &day).unwrap();
    sheet
        .write_datetime_with_format(6, 1, &moved, &day)
        .unwrap();
    sheet.write_number(6, 0, 4).unwrap();
    sheet.write_string(6, 2, "Moved to grandmother's").unwrap();
    sheet.write_number(7, 0, 5).unwrap();
    sheet.write_string(7, 2, "Started at a new school").unwrap();
    book.save_to_buffer().unwrap()
}

fn options(sheet: &str) -> ReadOptions {
    ReadOptions {
        headings: vec![
            parse_mapping("Date of event=date").unwrap(),
            parse_mapping("What happened=event").unwrap(),
            parse_mapping("Sig.=significance").unwrap(),
        ],
        values: vec![parse_values("significance: 1=low, 2=medium, 3=high").unwrap()],
        sheet: Some(sheet.to_string()),
    }
}

#[test]
fn a_workbook_reads_with_dates_merged_headings_and_codes() {
    let bytes = workbook();
    let (file, diagnostics) = entries_xlsx::read(&bytes, &options("chronology"));
    assert!(
        diagnostics.iter().all(|d| !d.is_problem()),
        "{diagnostics:?}"
    );
    let file = file.expect("entries are read");
    let dates: Vec<&str> = file
        .entries
        .iter()
        .map(|e| e.date.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(
        dates,
        [
            "2019-03-14",
            "14/05/2019",
            "2020-01-02",
            "2021-06-01",
            "2021-06-01"
        ]
    );
    let significance: Vec<Option<&str>> = file
        .entries
        .iter()
        .map(|e| e.significance.as_ref().map(|s| s.value.as_str()))
        .collect();
    assert_eq!(
        significance,
        [Some("high"), Some("low"), Some("medium"), None, None]
    );
    // "Impact" merged over "Amy" and "Ben" is an impact per child.
    match file.entries[0].impact.as_ref().unwrap() {
        ImpactInput::PerChild(list) => {
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].child.as_ref().unwrap().value, "amy");
            assert_eq!(list[0].text.as_ref().unwrap().value, "Amy was frightened");
        }
        other => panic!("{other:?}"),
    }
    // Places are the sheet's own: the first entry's date is in B4.
    let at = file.entries[0].date.as_ref().unwrap().at;
    assert_eq!((at.line, at.column), (4, 2));
    let text = to_text_in(
        "entries.xlsx",
        &Places::Cells {
            sheet: "Chronology".into(),
        },
        &diagnostics,
    );
    assert!(
        text.contains("Chronology row 1:"),
        "the title is noted: {text}"
    );
    assert!(
        text.contains("Chronology!B6:") && text.contains("only the date was read"),
        "the time left out is said: {text}"
    );
}

#[test]
fn problems_name_the_sheet_row_and_column_letter() {
    let bytes = workbook();
    let mut opts = options("Chronology");
    opts.values.clear();
    let loaded = genochron::load_with_options("entries.xlsx", &bytes, &opts);
    assert!(loaded.case.is_none());
    let text = to_text_in("entries.xlsx", &loaded.places, &loaded.diagnostics);
    // Without the codes, 3 in F4 is not a significance, and the checker says where.
    assert!(
        text.contains("Problem in entries.xlsx, Chronology!F4:"),
        "{text}"
    );
    // The first sheet is notes only: reading it says there are no entry columns.
    let loaded = genochron::load_with_options("entries.xlsx", &bytes, &ReadOptions::default());
    assert!(loaded.case.is_none());
    let text = to_text_in("entries.xlsx", &loaded.places, &loaded.diagnostics);
    assert!(text.contains("'Read me'"), "{text}");
    // A sheet that does not exist is named with the near one.
    let (_, diagnostics) = entries_xlsx::read(&bytes, &options("Chronolgy"));
    let help = diagnostics[0].help.as_deref().unwrap_or("");
    assert!(help.contains("Did you mean \"Chronology\"?"), "{help}");
}

#[test]
fn a_workbook_with_codes_checks_and_draws() {
    let bytes = workbook();
    let loaded = genochron::load_with_options("entries.xlsx", &bytes, &options("Chronology"));
    let problems: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_problem())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let case = loaded.case.expect("the workbook checks");
    assert_eq!(case.entries.len(), 5);
}

#[test]
fn a_code_not_given_gets_a_suggestion() {
    assert!(
        parse_values("significance: 1=hihg")
            .unwrap_err()
            .contains("Did you mean \"high\"?")
    );
    assert!(parse_values("sig: 1=high").is_err());
    assert!(parse_values("significance 1=high").is_err());
    assert!(parse_values("significance: 1").is_err());
    assert!(parse_values("status: A=agreed, D=disputed").is_ok());
}

#[test]
fn a_workbook_that_is_not_one_is_reported() {
    let (file, diagnostics) = entries_xlsx::read(b"date,event\n", &ReadOptions::default());
    assert!(file.is_none());
    assert!(diagnostics[0].is_problem());
    assert!(diagnostics[0].message.contains("Excel workbook"));
}

/// The workbook LibreOffice Calc saved: its dates are serial numbers, as Excel's are.
#[test]
fn a_workbook_saved_by_a_spreadsheet_program_imports_and_draws() {
    let fixture = "fixtures/spreadsheets/entries.xlsx";
    let output = genochron(&[
        "import",
        fixture,
        "--map",
        "Date of event=date",
        "--values",
        "significance: 1=low, 2=medium, 3=high",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let yaml = String::from_utf8_lossy(&output.stdout);
    assert!(yaml.contains("date: 2019-03-14"), "{yaml}");
    assert!(yaml.contains("significance: high"), "{yaml}");
    let dir = std::env::temp_dir().join(format!("genochron-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("timeline.svg");
    let output = genochron(&[
        "timeline",
        fixture,
        "--map",
        "Date of event=date",
        "--values",
        "significance: 1=low, 2=medium, 3=high",
        "-o",
        svg.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    // Without the codes, the problem names the cell.
    let output = genochron(&[
        "timeline",
        fixture,
        "--map",
        "Date of event=date",
        "-o",
        svg.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("entries.xlsx, entries!F2:"), "{stderr}");
}
