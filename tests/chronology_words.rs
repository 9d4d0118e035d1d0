//! One chronology, many formats: for the same rows, Markdown, CSV, the HTML table, the HTML
//! report and the PDF print the same words. The words come from the row model
//! (`genochron::chronology`); a format that adds, drops or rewords a cell fails here.

mod support;

use genochron::chronology::{Chronology, Filter, Row, chronology};
use genochron::layout::{genogram, timeline};
use genochron::model::Case;
use genochron::render::table::{self, TableOptions};
use genochron::render::{html, pdf};
use std::collections::BTreeMap;
use std::path::Path;

/// Every case these tests read: the golden chronology cases and the bundled examples.
fn cases() -> Vec<(String, Case)> {
    let mut out: Vec<(String, Case)> = support::case_dirs("chronology")
        .into_iter()
        .map(|dir| (dir.display().to_string(), support::load_case(&dir)))
        .collect();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<_> = std::fs::read_dir(&examples)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for file in files {
        let loaded = genochron::load_file(&file).unwrap();
        let case = loaded
            .case
            .unwrap_or_else(|| panic!("{}: {:?}", file.display(), loaded.diagnostics));
        out.push((file.display().to_string(), case));
    }
    assert!(out.len() >= 4);
    out
}

/// The cells of a row as the one-column-per-field tables print them.
fn cells(row: &Row) -> Vec<String> {
    let mut c = vec![
        row.number.to_string(),
        row.date.clone(),
        row.event_text(),
        row.source_text(),
    ];
    c.extend(row.children.iter().map(|k| k.age.clone()));
    c.extend(row.children.iter().map(|k| k.impact.clone()));
    c.extend([
        row.action.clone(),
        row.significance_word.clone(),
        row.status_text(),
    ]);
    c
}

/// Words without the colon a label or a status ends in ("Alleged: father denies" and
/// "Alleged" over "father denies" are the same words).
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_end_matches(':').to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a row: its cells, with the source and reference as two (the tables join
/// them with "; ", the court table puts the reference on its own line).
fn row_words(row: &Row) -> Vec<String> {
    let mut c = cells(row);
    c[3] = format!("{} {}", row.source, row.reference);
    c.iter().flat_map(|c| words(c)).collect()
}

fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of an HTML fragment, tags taken out.
fn html_text(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape_html(&out)
}

/// The HTML rows whose opening tag starts with `prefix` followed by the entry number.
fn html_rows(page: &str, prefix: &str) -> BTreeMap<u32, String> {
    let mut rows = BTreeMap::new();
    for piece in page.split("<tr").skip(1) {
        let Some(rest) = piece.strip_prefix(prefix) else {
            continue;
        };
        let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let body = &piece[piece.find('>').unwrap() + 1..piece.find("</tr>").unwrap()];
        rows.insert(number.parse().unwrap(), html_text(body));
    }
    rows
}

/// Labels the five-column court table adds before a cell's words: they say what a line is,
/// and are not words of the entry.
fn court_labels(table: &Chronology) -> Vec<String> {
    let mut labels: Vec<String> = words("Action: Ref: Status note:");
    for child in &table.children {
        labels.extend(words(&child.short));
    }
    labels
}

fn without(mut have: Vec<String>, remove: &[String]) -> Vec<String> {
    for word in remove {
        if let Some(i) = have.iter().position(|w| w == word) {
            have.remove(i);
        }
    }
    have
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn markdown_and_html_tables_print_the_row_model_cell_for_cell() {
    for (name, case) in cases() {
        let options = TableOptions::default();
        let table = chronology(&case, &Filter::default());
        let md = table::markdown(&case, &options);
        let md_rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).skip(1).collect();
        assert_eq!(md_rows.len(), table.rows.len(), "{name}");
        let page = table::html(&case, &options);
        let html = html_rows(&page, " id=\"entry-");
        for (row, line) in table.rows.iter().zip(&md_rows) {
            let md_cells: Vec<String> = line
                .trim_matches('|')
                .split(" | ")
                .map(|c| {
                    let mut t = c.trim().to_string();
                    for ch in ['\\', '|', '*', '_', '`', '[', ']', '#'] {
                        t = t.replace(&format!("\\{ch}"), &ch.to_string());
                    }
                    unescape_html(&t)
                })
                .collect();
            let expected: Vec<String> = cells(row)
                .iter()
                .map(|c| c.replace(['\n', '\r'], " ").trim().to_string())
                .collect();
            assert_eq!(md_cells, expected, "{name}: Markdown row {}", row.number);
            assert_eq!(
                words(&html[&row.number]),
                cells(row).iter().flat_map(|c| words(c)).collect::<Vec<_>>(),
                "{name}: HTML row {}",
                row.number
            );
        }
    }
}

#[test]
fn csv_ages_and_texts_are_the_row_model_words() {
    for (name, case) in cases() {
        let table = chronology(&case, &Filter::default());
        let csv = table::csv(&case, &TableOptions::default());
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let heads: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let column = |h: &str| heads.iter().position(|x| x == h).unwrap();
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(records.len(), table.rows.len(), "{name}");
        for (row, record) in table.rows.iter().zip(&records) {
            assert_eq!(record[column("No.")], row.number.to_string());
            for (child, cells) in table.children.iter().zip(&row.children) {
                assert_eq!(
                    record[column(&format!("Age ({})", child.id))],
                    cells.age,
                    "{name}: row {}",
                    row.number
                );
            }
            let plain = |s: &str| s.trim_start_matches('\'').to_string();
            assert_eq!(plain(&record[column("Event")]), row.event);
            assert_eq!(plain(&record[column("Source")]), row.source);
            assert_eq!(plain(&record[column("Action")]), row.action);
            assert_eq!(
                record[column("Significance")],
                row.significance_word.to_lowercase()
            );
            assert_eq!(record[column("Status")], row.status.to_lowercase());
        }
    }
}

#[test]
fn the_html_report_prints_the_row_model_words_and_only_labels_besides() {
    for (name, case) in cases() {
        let case = genochron::redact::full(&case);
        let table = chronology(&case, &Filter::default());
        let labels = court_labels(&table);
        let page = html::report(
            &case,
            &genogram::genogram(&case, &Default::default()),
            &timeline::timeline(&case, &Default::default()),
            &html::Options::default(),
        );
        let rows = html_rows(&page, " id=\"entry-row-");
        assert_eq!(rows.len(), table.rows.len(), "{name}");
        for row in &table.rows {
            let printed = words(&rows[&row.number]);
            let extra = without(printed.clone(), &row_words(row));
            assert!(
                extra.iter().all(|w| labels.contains(w)),
                "{name}: row {} adds {extra:?}",
                row.number
            );
            assert_eq!(
                sorted(without(printed, &extra)),
                sorted(row_words(row)),
                "{name}: row {}",
                row.number
            );
        }
    }
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext), not installed"
)]
fn the_pdf_table_prints_the_row_model_words_and_only_labels_besides() {
    support::require(&["pdftotext"]);
    for (n, (name, case)) in cases().into_iter().enumerate() {
        let case = genochron::redact::full(&case);
        let table = chronology(&case, &Filter::default());
        let out = pdf::report(
            &case,
            &genogram::genogram(&case, &Default::default()),
            &timeline::timeline(&case, &Default::default()),
            &pdf::Options::default(),
        )
        .unwrap();
        let path = support::scratch(&format!("words-{n}.pdf"));
        std::fs::write(&path, &out.bytes).unwrap();
        let first = (out.pages - out.chronology_pages + 1).to_string();
        let text = support::run(
            "pdftotext",
            &["-raw", "-f", &first, &path.to_string_lossy(), "-"],
        );
        let printed = words(&text);
        let expected: Vec<String> = table.rows.iter().flat_map(row_words).collect();
        let missing = without(expected.clone(), &printed);
        assert!(missing.is_empty(), "{name}: the PDF lacks {missing:?}");
        // Besides the rows: the column headings, labels, the page heading and footer.
        let mut allowed = court_labels(&table);
        for heading in genochron::chronology::COURT_COLUMNS {
            allowed.extend(words(heading));
        }
        allowed.extend(words("Chronology (page of ) (cont.) Page Case"));
        allowed.extend(words(&case.details.reference));
        let extra = without(printed, &expected);
        let unexplained: Vec<&String> = extra
            .iter()
            .filter(|w| {
                !allowed.contains(w) && !w.trim_matches(')').chars().all(|c| c.is_ascii_digit())
            })
            .collect();
        assert!(
            unexplained.is_empty(),
            "{name}: the PDF table adds {unexplained:?}"
        );
    }
}
