//! The CSV front end: reads the events file and the participants file into a [`Raw`] case
//! (see [`super::resolve`]), reporting unknown or missing columns, rows with the wrong number
//! of cells and empty required cells. Spans are the byte ranges of cells in their file.
//!
//! Rows are read with `flexible(true)` and their length is checked here, so that a row with
//! a wrong number of cells is reported by its line and the rest of the file is still read.
//! A row whose cells are all empty is skipped (spreadsheets write such rows). A column
//! without a name is allowed only when all its cells are empty.
//!
//! Spreadsheet exports are read as they come: cells may be separated by `;` instead of `,`
//! (the first line decides), column names may be written in any case (`At`, `EVENT`), and
//! a column that is none of the known ones is left out with a note (M0520), unless its name
//! is close to a known one, which is an error (its values would be lost). A `case` column
//! (a caseload of many cases in one file) is allowed and not read here.

use super::CsvFile;
use super::resolve::{Item, RawEvent, RawParticipant, Text};
use super::value::Given;
use mentor_check::model::Model;
use mentor_diagnostics::catalog::case::{self, Entry};
use mentor_diagnostics::{Diagnostic, Span, did_you_mean};

/// One cell: its trimmed text and where it is in the file.
#[derive(Debug, Clone)]
struct Cell {
    text: String,
    span: Span,
}

#[derive(Debug, Clone)]
struct Row {
    line: u64,
    span: Span,
    cells: Vec<Cell>,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    /// One of the fixed columns (`at`, `event`, `by`, `to`; `id`, `role`).
    Fixed(&'static str),
    /// A data field or a fact.
    Named(String),
    /// A column already reported (unknown or repeated), or without a name.
    Ignored,
}

/// The fixed and the known columns of one of the two files.
struct Layout {
    file: CsvFile,
    /// "events" or "participants".
    what: &'static str,
    required: &'static [&'static str],
    optional: &'static [&'static str],
    named: Vec<String>,
    /// What the named columns are: "data fields", "facts".
    named_what: &'static str,
}

/// The separator of a file's cells: `;` when its first line has more semicolons than
/// commas outside quotes (as spreadsheets write in many countries), else `,`.
pub(crate) fn delimiter(text: &str) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            b'\n' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// The byte ranges of the cells of the record starting at `start`, found by scanning the
/// raw text the way the csv crate reads it (quotes, doubled quotes, separators, line ends).
fn cell_ranges(text: &str, start: usize, delimiter: u8) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut out = Vec::new();
    loop {
        let cell_start = i;
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            loop {
                match bytes.get(i) {
                    None => break,
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
        }
        while let Some(&c) = bytes.get(i) {
            if c == delimiter || c == b'\n' || c == b'\r' {
                break;
            }
            i += 1;
        }
        out.push((cell_start, i));
        if bytes.get(i) == Some(&delimiter) {
            i += 1;
        } else {
            break;
        }
    }
    out
}

/// Every record of a file, with cell spans. `None` when the file has no rows at all.
fn records(file: CsvFile, text: &str, diags: &mut Vec<(CsvFile, Diagnostic)>) -> Vec<Row> {
    let (body, offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, text.len() - rest.len()),
        None => (text, 0),
    };
    let delimiter = delimiter(body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    let mut next_start = 0usize;
    let (mut line, mut counted) = (1u64, 0usize);
    for result in reader.records() {
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                let at = error
                    .position()
                    .and_then(|p| usize::try_from(p.byte()).ok())
                    .unwrap_or(next_start);
                diags.push((file, case::csv_line(Span::at(at + offset))));
                break;
            }
        };
        let mut start = record.position().map_or(next_start, |p| {
            usize::try_from(p.byte()).unwrap_or(next_start)
        });
        // After a Windows line end (`\r\n`) the reader places the next record at the `\n`:
        // the record starts after the line end.
        while matches!(body.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        // The line, counted here (the reader's count is off after `\r\n` and blank lines).
        line += body
            .as_bytes()
            .get(counted..start)
            .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count() as u64);
        counted = counted.max(start);
        let ranges = cell_ranges(body, start, delimiter);
        let end = ranges.last().map_or(start, |r| r.1);
        next_start = end;
        let row_span = Span::new(start + offset, end + offset);
        let exact = ranges.len() == record.len();
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, cell)| Cell {
                text: cell.trim().to_string(),
                span: ranges
                    .get(i)
                    .filter(|_| exact)
                    .map_or(row_span, |r| Span::new(r.0 + offset, r.1 + offset)),
            })
            .collect();
        rows.push(Row {
            line,
            span: row_span,
            cells,
        });
    }
    rows
}

/// Reads a file's header and rows; the columns and the rows that have the right number of
/// cells (the others are reported, and returned separately for what can still be read).
struct Sheet {
    columns: Vec<Column>,
    /// Rows with one cell per column.
    rows: Vec<Row>,
    /// Rows with the wrong number of cells (already reported).
    ragged: Vec<Row>,
}

fn sheet(layout: &Layout, text: &str, diags: &mut Vec<(CsvFile, Diagnostic)>) -> Option<Sheet> {
    let file = layout.file;
    let mut rows = records(file, text, diags).into_iter();
    let Some(header) = rows.next() else {
        diags.push((
            file,
            layout.with_columns(|columns| case::empty_csv(Span::new(0, text.len()), columns)),
        ));
        return None;
    };
    let columns = columns(layout, &header, diags)?;
    let mut sheet = Sheet {
        columns,
        rows: Vec::new(),
        ragged: Vec::new(),
    };
    for row in rows {
        if row.cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        if row.cells.len() != sheet.columns.len() {
            let d = case::ragged_row(row.span, row.line, row.cells.len(), sheet.columns.len());
            diags.push((file, d));
            sheet.ragged.push(row);
            continue;
        }
        for ((column, cell), title) in sheet.columns.iter().zip(&row.cells).zip(&header.cells) {
            if *column == Column::Ignored && !cell.text.is_empty() && title.text.is_empty() {
                // Only cells under a column without a name are reported here; unknown and
                // repeated columns were reported once, at the header.
                diags.push((file, case::cell_without_column(cell.span)));
            }
        }
        sheet.rows.push(row);
    }
    Some(sheet)
}

impl Layout {
    /// The layout's columns, as help lines name them.
    fn with_columns<R>(&self, f: impl FnOnce(&case::Columns<'_>) -> R) -> R {
        let fixed: Vec<&str> = self.required.iter().chain(self.optional).copied().collect();
        let named: Vec<&str> = self.named.iter().map(String::as_str).collect();
        f(&case::Columns {
            file: self.what,
            fixed: &fixed,
            named_what: self.named_what,
            named: &named,
        })
    }
}

fn columns(
    layout: &Layout,
    header: &Row,
    diags: &mut Vec<(CsvFile, Diagnostic)>,
) -> Option<Vec<Column>> {
    let file = layout.file;
    let mut columns = Vec::new();
    let mut seen: Vec<(&str, Span)> = Vec::new();
    let known: Vec<&str> = layout
        .required
        .iter()
        .chain(layout.optional)
        .copied()
        .chain(layout.named.iter().map(String::as_str))
        .collect();
    for cell in &header.cells {
        let name = cell.text.as_str();
        if name.is_empty() {
            columns.push(Column::Ignored);
            continue;
        }
        if let Some((_, first)) = seen.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            let d = case::column_twice(cell.span, name, *first);
            diags.push((file, d));
            columns.push(Column::Ignored);
            continue;
        }
        seen.push((name, cell.span));
        let named = layout
            .named
            .iter()
            .find(|n| n.as_str() == name)
            .or_else(|| layout.named.iter().find(|n| n.eq_ignore_ascii_case(name)));
        if let Some(fixed) = layout
            .required
            .iter()
            .chain(layout.optional)
            .chain(&["case"])
            .find(|f| f.eq_ignore_ascii_case(name))
        {
            columns.push(Column::Fixed(fixed));
        } else if let Some(named) = named {
            columns.push(Column::Named(named.clone()));
        } else if did_you_mean(name, known.iter().copied()).is_none() {
            let d = layout.with_columns(|columns| case::column_ignored(cell.span, name, columns));
            diags.push((file, d));
            columns.push(Column::Ignored);
        } else {
            let d = layout
                .with_columns(|columns| case::unknown_column(cell.span, name, &known, columns));
            diags.push((file, d));
            columns.push(Column::Ignored);
        }
    }
    let missing: Vec<&str> = layout
        .required
        .iter()
        .filter(|r| !columns.contains(&Column::Fixed(r)))
        .copied()
        .collect();
    for name in &missing {
        let d = layout.with_columns(|columns| case::missing_column(header.span, name, columns));
        diags.push((file, d));
    }
    missing.is_empty().then_some(columns)
}

/// The text of the row's cell in a fixed column, or `None` when empty (reported when
/// the cell is one a row needs: `missing`).
fn fixed(
    sheet_columns: &[Column],
    row: &Row,
    name: &'static str,
    file: CsvFile,
    missing: Option<Entry<'_>>,
    diags: &mut Vec<(CsvFile, Diagnostic)>,
) -> Option<Text> {
    let index = sheet_columns
        .iter()
        .position(|c| *c == Column::Fixed(name))?;
    let cell = row.cells.get(index)?;
    if cell.text.is_empty() {
        if let Some(entry) = missing {
            diags.push((file, case::empty_cell(cell.span, entry)));
        }
        return None;
    }
    Some(Text {
        text: cell.text.clone(),
        span: cell.span,
    })
}

/// The non-empty cells of a row under named columns.
fn named(columns: &[Column], row: &Row) -> Vec<Item> {
    columns
        .iter()
        .zip(&row.cells)
        .filter_map(|(column, cell)| match column {
            Column::Named(name) if !cell.text.is_empty() => Some(Item {
                name: Text {
                    text: name.clone(),
                    span: cell.span,
                },
                value: Given::Cell(cell.text.clone()),
                span: cell.span,
            }),
            _ => None,
        })
        .collect()
}

fn unique(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Reads the participants file: `id,role`, then one column per fact.
pub(crate) fn read_participants(
    model: &Model,
    text: &str,
    diags: &mut Vec<(CsvFile, Diagnostic)>,
) -> Vec<RawParticipant> {
    let file = CsvFile::Participants;
    let layout = Layout {
        file,
        what: "participants",
        required: &["id", "role"],
        optional: &[],
        named: unique(
            model
                .roles
                .iter()
                .flat_map(|r| r.facts.iter().map(|f| f.name.clone())),
        ),
        named_what: "facts",
    };
    let Some(sheet) = sheet(&layout, text, diags) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &sheet.rows {
        let id = fixed(&sheet.columns, row, "id", file, Some(Entry::Id), diags);
        let role = fixed(&sheet.columns, row, "role", file, Some(Entry::Role), diags);
        out.push(RawParticipant {
            id,
            role,
            facts: named(&sheet.columns, row),
            span: row.span,
            file,
        });
    }
    // A row with the wrong number of cells still names someone: keep its id and role when
    // they are where the header says, so that events naming them are not reported as well.
    for row in &sheet.ragged {
        let id = fixed(&sheet.columns, row, "id", file, None, diags);
        let role = fixed(&sheet.columns, row, "role", file, None, diags);
        out.push(RawParticipant {
            id,
            role,
            facts: Vec::new(),
            span: row.span,
            file,
        });
    }
    out
}

/// Reads the events file: `at,event,by,to`, then one column per data field.
pub(crate) fn read_events(
    model: &Model,
    text: &str,
    diags: &mut Vec<(CsvFile, Diagnostic)>,
) -> Vec<RawEvent> {
    let file = CsvFile::Events;
    let layout = Layout {
        file,
        what: "events",
        required: &["at", "event", "by"],
        optional: &["to"],
        named: unique(
            model
                .events
                .iter()
                .flat_map(|e| e.fields.iter().map(|f| f.name.clone())),
        ),
        named_what: "data fields",
    };
    let Some(sheet) = sheet(&layout, text, diags) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (order, row) in sheet.rows.iter().enumerate() {
        let event = fixed(
            &sheet.columns,
            row,
            "event",
            file,
            Some(Entry::Event),
            diags,
        );
        let what = event.as_ref().map(|e| e.text.as_str());
        let at = fixed(
            &sheet.columns,
            row,
            "at",
            file,
            Some(Entry::At { event: what }),
            diags,
        );
        let by = fixed(
            &sheet.columns,
            row,
            "by",
            file,
            Some(Entry::By { event: what }),
            diags,
        );
        let to = fixed(&sheet.columns, row, "to", file, None, diags);
        out.push(RawEvent {
            at,
            event,
            by,
            to,
            data: named(&sheet.columns, row),
            span: row.span,
            file,
            order: u32::try_from(order).unwrap_or(u32::MAX),
        });
    }
    out
}
