//! What every command shares: exit codes, loading a case with its messages, writing output.

use genochron::arguments::FilterArguments;
use genochron::diagnostic::{Diagnostic, Places};
use genochron::input::entries_csv::{self, ReadOptions};
use genochron::model::{Case, PartialDate, View};
use genochron::redact::{RedactError, Version};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The exit codes: 0 done, 1 problems in the input, 2 could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Done = 0,
    Problems = 1,
    CouldNotRun = 2,
}

/// How messages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    /// Sentences for people.
    Text,
    /// JSON for other programs.
    Json,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The case file (.yaml, .json or .toml).
    pub case: PathBuf,
    /// How to write the messages.
    #[arg(long, value_enum, default_value = "text")]
    pub format: MessageFormat,
}

/// `genochron check`: every problem and note in the file, and whether it can be drawn.
pub fn check(args: &CheckArgs) -> Exit {
    let Some(loaded) = read(&args.case) else {
        return Exit::CouldNotRun;
    };
    let name = display_name(&args.case);
    match args.format {
        MessageFormat::Json => {
            let report = serde_json::json!({
                "file": name,
                "problems": loaded.problems(),
                "notes": loaded.notes(),
                "diagnostics": loaded.diagnostics,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        MessageFormat::Text => {
            print_diagnostics_in(&name, &loaded.places, &loaded.diagnostics);
            let summary = if loaded.problems() == 0 {
                format!(
                    "{name} is ready to draw: no problems{}.",
                    match loaded.notes() {
                        0 => String::new(),
                        1 => ", 1 note".to_string(),
                        n => format!(", {n} notes"),
                    }
                )
            } else {
                format!(
                    "{name} cannot be drawn until {} fixed.",
                    count(loaded.problems(), "problem is", "problems are")
                )
            };
            eprintln!("{summary}");
        }
    }
    if loaded.problems() == 0 {
        Exit::Done
    } else {
        Exit::Problems
    }
}

/// `genochron schema`: the JSON Schema of the case file.
pub fn schema() -> Exit {
    let schema = schemars::schema_for!(genochron::input::case_file::CaseFile);
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => {
            println!("{text}");
            Exit::Done
        }
        Err(error) => {
            eprintln!("genochron could not write the schema: {error}");
            Exit::CouldNotRun
        }
    }
}

/// The case a drawing is made from and where it goes: shared by `genogram` and `timeline`.
#[derive(clap::Args, Debug, Clone)]
pub struct DrawingArgs {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Where to write the SVG, or a PNG when the name ends in .png (standard output when not
    /// given).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Options every drawing command takes.
#[derive(clap::Args, Debug, Clone)]
pub struct CaseArgs {
    /// The case file (.yaml, .json or .toml).
    pub case: PathBuf,
    /// Draw as at this date instead of the case's `as-at` date (e.g. 2023-06-01).
    #[arg(long, value_name = "DATE")]
    pub as_at: Option<String>,
}

/// Loads and checks the case for a command that makes `what` (e.g. "The genogram"). Prints
/// every message; on problems says that nothing was written and returns the exit code.
pub fn load_case(args: &CaseArgs, what: &str) -> Result<Case, Exit> {
    load_case_mapped(args, &SpreadsheetArgs::default(), what)
}

/// [`load_case`] as at its date (`--as-at`, or the case's own): everything the case file
/// dates later is left out and counted (`genochron::as_at`). Every document is drawn from this.
pub fn load_as_at(args: &CaseArgs, what: &str) -> Result<Case, Exit> {
    load_case(args, what).map(|case| as_at(&case))
}

/// The case as at its date, telling the user what was left out as later.
pub fn as_at(case: &Case) -> Case {
    let cut = genochron::as_at(case);
    if let Some(sentence) = cut.details.cut.as_ref().and_then(|c| c.sentence()) {
        eprintln!("{sentence}");
    }
    cut
}

/// How a spreadsheet of entries is read: `--map`, `--values` and `--sheet`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SpreadsheetArgs {
    /// For a spreadsheet of entries (.csv, .xlsx): which field a column holds, e.g.
    /// "Date of event=date".
    #[arg(long, value_name = "HEADING=FIELD")]
    pub map: Vec<String>,
    /// For a spreadsheet of entries: what the spreadsheet's own codes mean, e.g.
    /// "significance: 1=low, 2=medium, 3=high".
    #[arg(long, value_name = "FIELD: CODE=VALUE, ...")]
    pub values: Vec<String>,
    /// For an Excel workbook: the sheet to read (the first when not given).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

impl SpreadsheetArgs {
    /// The reading options, or what is wrong with them in the user's words.
    pub fn options(&self) -> Result<ReadOptions, String> {
        let mut options = ReadOptions {
            sheet: self.sheet.clone(),
            ..ReadOptions::default()
        };
        for text in &self.map {
            options.headings.push(entries_csv::parse_mapping(text)?);
        }
        for text in &self.values {
            options.values.push(entries_csv::parse_values(text)?);
        }
        Ok(options)
    }
}

/// True when the file is a spreadsheet of entries by its name.
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["csv", "xlsx", "xlsm"]
            .iter()
            .any(|s| e.eq_ignore_ascii_case(s))
    })
}

/// [`load_case`] for a file that may be a spreadsheet of entries, with `--map` headings
/// ("Date of event=date"), `--values` codes and `--sheet`.
pub fn load_case_mapped(
    args: &CaseArgs,
    spreadsheet: &SpreadsheetArgs,
    what: &str,
) -> Result<Case, Exit> {
    let options = match spreadsheet.options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}\n{what} was not drawn. Nothing was written.");
            return Err(Exit::CouldNotRun);
        }
    };
    if !options.is_empty() && !is_spreadsheet(&args.case) {
        eprintln!(
            "--map, --values and --sheet are for spreadsheets of entries (.csv, .xlsx); they \
             were not used."
        );
    }
    let loaded = match genochron::load_file_with_options(&args.case, &options) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!(
                "genochron could not open {}: {}.",
                args.case.display(),
                plain_io_error(&error)
            );
            return Err(Exit::CouldNotRun);
        }
    };
    let name = display_name(&args.case);
    print_diagnostics_in(&name, &loaded.places, &loaded.diagnostics);
    let Some(mut case) = loaded.case else {
        eprintln!(
            "{what} was not drawn because of {}. Nothing was written.",
            count(loaded.problems(), "problem", "problems")
        );
        return Err(Exit::Problems);
    };
    if let Some(text) = &args.as_at {
        match PartialDate::parse(text) {
            Ok(date) if !date.is_uncertain() => case.details.as_at = date.start(),
            _ => {
                eprintln!(
                    "The --as-at date \"{text}\" is not a whole, exact date. Write it as 2024-11-01."
                );
                return Err(Exit::CouldNotRun);
            }
        }
    }
    Ok(case)
}

/// The version of the case a document shows: the audience's (see `genochron::redact`), or
/// the whole case when no audience is named. Every command makes its documents from this, so
/// mentions are written out and nothing an audience may not see reaches a layout.
///
/// When the redaction check finds what the audience may not see, every place is listed with
/// its line and column and nothing is written (exit 1).
pub fn version(
    case: Case,
    audience: Option<&str>,
    file: &Path,
    what: &str,
) -> Result<Version, Exit> {
    match genochron::redact::version(&case, audience) {
        Ok(version) => {
            if let Some(audience) = audience {
                withheld_note(&case, &version, audience);
            }
            Ok(version)
        }
        Err(error @ RedactError::UnknownAudience { .. }) => {
            eprintln!("{error}\n{what} was not made. Nothing was written.");
            Err(Exit::CouldNotRun)
        }
        Err(error @ RedactError::Refused { .. }) => {
            // Read again only to point at lines and columns: the case itself came from the
            // checked file.
            let source = std::fs::read(file)
                .ok()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
            print_diagnostics(&display_name(file), &error.diagnostics(source.as_deref()));
            eprintln!(
                "{error}\n{what} was not made. Nothing was written. See docs/report.md \
                 (\"Redacted versions\") for mentions, wordings and accepting a reviewed match."
            );
            Err(Exit::Problems)
        }
    }
}

/// Refuses to make a document of a view the audience does not get.
pub fn require_view(version: &Version, view: View, what: &str) -> Result<(), Exit> {
    if version.includes(view) {
        return Ok(());
    }
    eprintln!(
        "The \u{201c}{}\u{201d} audience does not get the {}: its `views` in the case file do not list \
         `{}`. {what} was not made. Nothing was written.",
        version.audience().unwrap_or_default(),
        view.word().replace('-', " "),
        view.word()
    );
    Err(Exit::Problems)
}

/// Writes the private table of master and version numbers, when asked for.
pub fn write_numbering(version: &Version, path: Option<&Path>) -> Exit {
    match path {
        Some(path) => write_output(
            Some(path),
            version.numbering_csv().as_bytes(),
            "The numbering table",
        ),
        None => Exit::Done,
    }
}

/// Tells the author (never the document) which entries the audience's version leaves out,
/// so nothing is lost without their knowing.
fn withheld_note(case: &Case, version: &Version, audience: &str) {
    let kept: std::collections::BTreeSet<u32> = version
        .numbering()
        .iter()
        .map(|(master, _)| *master)
        .collect();
    let left_out: Vec<String> = case
        .entries
        .iter()
        .filter(|e| !kept.contains(&e.number))
        .map(|e| e.number.to_string())
        .collect();
    if !left_out.is_empty() {
        eprintln!(
            "{} left out of the \"{audience}\" version, as the case file says (No{} {}). \
             Its entries are numbered 1 to {} without gaps.",
            match left_out.len() {
                1 => "1 entry is".to_string(),
                n => format!("{n} entries are"),
            },
            if left_out.len() == 1 { "." } else { "s." },
            left_out.join(", "),
            kept.len()
        );
    }
    if version.invisible_removed() > 0 {
        eprintln!(
            "{} invisible character{} (zero-width spaces, direction controls) taken out of the text.",
            version.invisible_removed(),
            if version.invisible_removed() == 1 {
                " was"
            } else {
                "s were"
            }
        );
    }
}

/// The filters the timeline and the chronology share.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Only these categories (repeat, or separate with commas).
    #[arg(long, value_delimiter = ',')]
    pub category: Vec<String>,
    /// Only entries about these subject children (their ids).
    #[arg(long, value_delimiter = ',')]
    pub child: Vec<String>,
    /// Only these significance levels: high, medium, low.
    #[arg(long, value_delimiter = ',')]
    pub significance: Vec<String>,
    /// Make the version for this audience (declared under `audiences`): people shown by
    /// initials or role, hidden details and withheld entries left out.
    #[arg(long)]
    pub audience: Option<String>,
    #[command(flatten)]
    pub spreadsheet: SpreadsheetArgs,
    /// With --audience: also write a private table of master entry numbers and the version's
    /// numbers (CSV). It is for the author, never part of the document.
    #[arg(long, value_name = "FILE", requires = "audience")]
    pub numbering: Option<PathBuf>,
}

impl FilterArgs {
    /// The filters as the library reads them.
    pub fn arguments(&self) -> FilterArguments {
        FilterArguments {
            categories: self.category.clone(),
            children: self.child.clone(),
            significance: self.significance.clone(),
            audience: self.audience.clone(),
        }
    }

    /// Loads the case (a case file or a spreadsheet of entries) as at its date and makes the
    /// audience's version when one is named; refused when the audience does not get `view`.
    pub fn load(&self, case: &CaseArgs, view: View, what: &str) -> Result<Version, Exit> {
        let (_, version) = self.load_both(case, what)?;
        require_view(&version, view, what)?;
        Ok(version)
    }

    /// [`FilterArgs::load`], also giving the case as the file has it (cut to its date, not
    /// redacted): options that name people by the file's ids look them up there.
    pub fn load_both(&self, case: &CaseArgs, what: &str) -> Result<(Case, Version), Exit> {
        let loaded =
            load_case_mapped(case, &self.spreadsheet, what).map(|loaded| as_at(&loaded))?;
        let version = version(loaded.clone(), self.audience.as_deref(), &case.case, what)?;
        match write_numbering(&version, self.numbering.as_deref()) {
            Exit::Done => Ok((loaded, version)),
            exit => Err(exit),
        }
    }
}

/// Writes an output file (or standard output when no path is given), saying what happened.
pub fn write_output(path: Option<&Path>, bytes: &[u8], what: &str) -> Exit {
    match path {
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return Exit::CouldNotRun;
            }
            Exit::Done
        }
        Some(path) => match std::fs::write(path, bytes) {
            Ok(()) => {
                eprintln!("{what} was written to {}.", path.display());
                Exit::Done
            }
            Err(error) => {
                eprintln!(
                    "{what} could not be written to {}: {}. Check the folder exists and you can write to it.",
                    path.display(),
                    plain_io_error(&error)
                );
                Exit::CouldNotRun
            }
        },
    }
}

fn read(path: &Path) -> Option<genochron::Loaded> {
    match genochron::load_file(path) {
        Ok(loaded) => Some(loaded),
        Err(error) => {
            eprintln!(
                "genochron could not open {}: {}.",
                path.display(),
                plain_io_error(&error)
            );
            None
        }
    }
}

pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// How notes are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Notes {
    /// One note for each kind, with a count and the first few places of the others.
    Grouped,
    /// Every note.
    All,
}

static NOTES: std::sync::OnceLock<Notes> = std::sync::OnceLock::new();

/// Sets `--notes` for the whole run (it applies to every command's messages).
pub fn set_notes(notes: Notes) {
    let _ = NOTES.set(notes);
}

/// Prints diagnostics for people: file, line, what is wrong and what to do. Notes of one kind
/// are grouped unless `--notes all` was given.
pub fn print_diagnostics(file: &str, diagnostics: &[Diagnostic]) {
    print_diagnostics_in(file, &Places::Lines, diagnostics);
}

/// [`print_diagnostics`] for a file whose places may be a sheet's cells (`Sheet1!C14`).
pub fn print_diagnostics_in(file: &str, places: &Places, diagnostics: &[Diagnostic]) {
    let text = match NOTES.get().copied().unwrap_or(Notes::Grouped) {
        Notes::All => genochron::diagnostic::to_text_in(file, places, diagnostics),
        Notes::Grouped => genochron::diagnostic::to_text_in(
            file,
            places,
            &genochron::diagnostic::group_notes_in(places, diagnostics),
        ),
    };
    eprint!("{text}");
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub fn plain_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission was refused".into(),
        std::io::ErrorKind::IsADirectory => "that is a folder, not a file".into(),
        _ => error.to_string(),
    }
}

/// What a drawing command writes: SVG, or PNG when the output file's name ends in `.png`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Svg,
    Png,
}

/// The picture a file name asks for. Any ending but `.svg` or `.png` is refused before
/// anything is drawn, so a file named `.pdf` or `.docx` never holds SVG text.
pub fn picture_for(output: Option<&Path>, what: &str) -> Result<Picture, Exit> {
    let extension = output
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        None | Some("svg") => Ok(Picture::Svg),
        Some("png") => Ok(Picture::Png),
        Some(other) => {
            eprintln!(
                "{what} is written as .svg or .png, not .{other}. Give a file name ending in \
                 .svg or .png (genochron report makes .pdf, .html and .docx documents).\n\
                 Nothing was written."
            );
            Err(Exit::CouldNotRun)
        }
    }
}

/// How a PNG is made: for a page this wide, at this resolution.
#[derive(clap::Args, Debug, Clone)]
pub struct PictureArgs {
    /// For a PNG: the width of the page it goes on, in cm, mm or in (e.g. 16cm, the text
    /// width of an A4 page, which is the default). The picture is made that wide (or at its
    /// natural size, if narrower), or refused when its text would be too small to read there.
    #[arg(long, value_name = "LENGTH", default_value = "16cm", value_parser = print_width)]
    pub width: f64,
    /// For a PNG: resolution in dots per inch (at most 300).
    #[arg(long, default_value_t = genochron::render::png::DEFAULT_DPI)]
    pub dpi: u32,
}

/// A printed width ("16cm", "160mm", "6.3in") in points.
pub fn print_width(text: &str) -> Result<f64, String> {
    let text = text.trim().to_ascii_lowercase();
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let per_unit = match unit.trim() {
        "cm" => 72.0 / 2.54,
        "mm" => 72.0 / 25.4,
        "in" => 72.0,
        _ => {
            return Err(format!(
                "give the width with its unit, as 16cm, 160mm or 6.3in (not \"{text}\")"
            ));
        }
    };
    match number.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && (1.0..=100.0).contains(&(n * per_unit / (72.0 / 2.54))) => {
            Ok(n * per_unit)
        }
        _ => Err(format!(
            "the width must be a number between 1 and 100 cm (\"{text}\" is not)"
        )),
    }
}

/// Writes a drawing: its layout as JSON when `layout_json` names a file, then the picture.
/// Neither the scene nor `made_from` (the case it was drawn from) is freed: the process ends
/// next, freeing every item one by one takes longer than writing them (a tenth of the
/// command at 10,000 people), and the operating system reclaims the memory anyway.
pub fn write_drawing(
    scene: genochron::layout::scene::Scene,
    made_from: impl Sized,
    picture: Picture,
    print: &PictureArgs,
    output: Option<&Path>,
    layout_json: Option<&Path>,
    what: &str,
) -> Exit {
    if let Some(path) = layout_json {
        let exit = write_output(Some(path), scene.to_json().as_bytes(), "The layout");
        if exit != Exit::Done {
            return exit;
        }
    }
    let bytes = match picture_bytes(&scene, picture, print, what) {
        Ok(bytes) => bytes,
        Err(exit) => return exit,
    };
    let exit = write_output(output, &bytes, what);
    std::mem::forget(scene);
    std::mem::forget(made_from);
    std::mem::forget(bytes);
    exit
}

/// The drawing's bytes in the picture's format, a PNG made for a page as `print` says.
pub fn picture_bytes(
    scene: &genochron::layout::scene::Scene,
    picture: Picture,
    print: &PictureArgs,
    what: &str,
) -> Result<Vec<u8>, Exit> {
    match picture {
        Picture::Svg => Ok(genochron::render::svg::scene(scene).into_bytes()),
        Picture::Png => genochron::render::png::png_for_width(scene, print.width, print.dpi)
            .map_err(|error| {
                eprintln!("{error}\n{what} was not made. Nothing was written.");
                Exit::CouldNotRun
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::print_width;

    #[test]
    fn reads_a_printed_width_in_its_unit() {
        let points = |text| print_width(text).unwrap();
        assert!((points("16cm") - 453.54).abs() < 0.01);
        assert!((points("160 mm") - points("16cm")).abs() < 1e-9);
        assert_eq!(points("6in"), 432.0);
        for wrong in ["16", "16 furlongs", "cm", "0cm", "500cm", "-3in"] {
            assert!(print_width(wrong).is_err(), "{wrong}");
        }
    }
}
