//! A caseload written as one CSV pair: an events file and a participants file, each with a
//! `case` column naming the case of every row. Splits the pair into one pair of texts per
//! case (the header, then that case's rows), which [`super::load_csv_noted`] then loads.
//!
//! A case's texts can be laid out with the rows on their lines of the file (blank lines
//! before them, which CSV readers skip), so that its diagnostics point at the file's lines.

use super::CsvFile;
use super::table::delimiter;
use mentor_diagnostics::catalog::case;
use mentor_diagnostics::{Diagnostic, Span};

/// One row of a file: the line it starts on (1-based) and where its text is (line end
/// included), in bytes from the start of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowText {
    line: u64,
    start: usize,
    end: usize,
}

/// The rows of one case in the two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRows {
    /// The case's name, as written in the `case` column.
    pub id: String,
    events: Vec<RowText>,
    participants: Vec<RowText>,
}

impl CaseRows {
    /// The line of the case's first row in the events file (or the participants file, for a
    /// case without events).
    pub fn first_line(&self) -> u64 {
        self.events
            .first()
            .or(self.participants.first())
            .map_or(0, |r| r.line)
    }
}

/// A CSV caseload split by case, cases in the order they first appear (in the events file,
/// then cases found only in the participants file). It keeps where things are, not the
/// texts: its methods take the two texts it was split from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvCaseload {
    /// The length of each file's first line, line end included.
    events_header: usize,
    participants_header: usize,
    pub cases: Vec<CaseRows>,
}

/// The first line of a text, line end included, and the rest.
fn header(text: &str) -> (&str, &str) {
    match text.find('\n') {
        Some(end) => text.split_at(end + 1),
        None => (text, ""),
    }
}

/// The names in a CSV file's first line (trimmed), read with its separator.
pub fn column_names(text: &str) -> Vec<String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (first, _) = header(body);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(first.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(|c| c.trim().to_string()).collect())
        .unwrap_or_default()
}

/// Whether a CSV file is a caseload: it has a `case` column (in any case).
pub fn is_caseload(text: &str) -> bool {
    column_names(text)
        .iter()
        .any(|c| c.eq_ignore_ascii_case("case"))
}

/// Splits one file's rows by case: `(case, rows)` in order of first appearance.
fn split(
    file: CsvFile,
    text: &str,
    what: &str,
    diags: &mut Vec<(CsvFile, Diagnostic)>,
) -> Vec<(String, Vec<RowText>)> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let names = column_names(body);
    let Some(column) = names.iter().position(|c| c.eq_ignore_ascii_case("case")) else {
        diags.push((
            file,
            case::no_case_column(
                Span::new(offset, offset + header(body).0.trim_end().len()),
                what,
            ),
        ));
        return Vec::new();
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body.as_bytes());
    let mut starts: Vec<(usize, u64, String)> = Vec::new();
    let mut record = csv::StringRecord::new();
    // At a broken line, splitting stops; the case loader reports it where it is.
    while let Ok(true) = reader.read_record(&mut record) {
        let Some(position) = record.position() else {
            continue;
        };
        let id = record.get(column).unwrap_or("").trim().to_string();
        let start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
        starts.push((start, position.line(), id));
    }
    let mut groups: Vec<(String, Vec<RowText>)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, (start, line, id)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body.len(), |next| next.0);
        let Some(row) = body.get(*start..end) else {
            continue;
        };
        // After a `\r\n`, a record's position can be its `\n`.
        let skipped = row.len() - row.trim_start_matches(['\r', '\n']).len();
        let line = line
            + row
                .get(..skipped)
                .map_or(0, |s| s.matches('\n').count() as u64);
        let (start, row) = (start + skipped, row.get(skipped..).unwrap_or(""));
        if row.trim().is_empty() {
            continue;
        }
        if id.is_empty() {
            // A row that is only separators is blank, as the case loader treats it.
            let blank = row
                .chars()
                .all(|c| c.is_whitespace() || c == ',' || c == ';');
            if !blank {
                diags.push((
                    file,
                    case::row_without_case(
                        Span::new(offset + start, offset + start + row.trim_end().len()),
                        line,
                        what,
                    ),
                ));
            }
            continue;
        }
        let slot = *index.entry(id.clone()).or_insert_with(|| {
            groups.push((id.clone(), Vec::new()));
            groups.len() - 1
        });
        if let Some((_, rows)) = groups.get_mut(slot) {
            rows.push(RowText {
                line,
                start: offset + start,
                end: offset + start + row.len(),
            });
        }
    }
    groups
}

/// Splits a caseload pair by case. Errors: a file without a `case` column, rows without
/// a case (the other rows are not split then).
pub fn split_caseload(
    events: &str,
    participants: &str,
) -> Result<CsvCaseload, Vec<(CsvFile, Diagnostic)>> {
    let mut diags = Vec::new();
    let event_groups = split(CsvFile::Events, events, "events", &mut diags);
    let participant_groups = split(
        CsvFile::Participants,
        participants,
        "participants",
        &mut diags,
    );
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut cases: Vec<CaseRows> = event_groups
        .into_iter()
        .map(|(id, rows)| CaseRows {
            id,
            events: rows,
            participants: Vec::new(),
        })
        .collect();
    let index: std::collections::HashMap<String, usize> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    for (id, rows) in participant_groups {
        match index.get(&id).and_then(|&i| cases.get_mut(i)) {
            Some(case) => case.participants = rows,
            None => cases.push(CaseRows {
                id,
                events: Vec::new(),
                participants: rows,
            }),
        }
    }
    Ok(CsvCaseload {
        events_header: header(events).0.len(),
        participants_header: header(participants).0.len(),
        cases,
    })
}

/// A header and rows as one text; with `on_their_lines`, blank lines put each row on its
/// line of the file.
fn join(text: &str, header: usize, rows: &[RowText], on_their_lines: bool) -> String {
    let header = text.get(..header).unwrap_or("");
    let mut out =
        String::with_capacity(header.len() + rows.iter().map(|r| r.end - r.start).sum::<usize>());
    out.push_str(header);
    if !header.ends_with('\n') {
        out.push('\n');
    }
    let mut line: u64 = 2;
    for row in rows {
        let row_text = text.get(row.start..row.end).unwrap_or("");
        if on_their_lines {
            while line < row.line {
                out.push('\n');
                line += 1;
            }
        }
        out.push_str(row_text);
        if !row_text.ends_with('\n') {
            out.push('\n');
        }
        line += row_text.matches('\n').count().max(1) as u64;
    }
    out
}

impl CsvCaseload {
    /// The case's events and participants texts (from the two texts the caseload was split
    /// from): the headers, then its rows. With `on_their_lines`, each row is on its line of
    /// the file (for diagnostics).
    pub fn texts(
        &self,
        events: &str,
        participants: &str,
        case: &CaseRows,
        on_their_lines: bool,
    ) -> (String, String) {
        (
            join(events, self.events_header, &case.events, on_their_lines),
            join(
                participants,
                self.participants_header,
                &case.participants,
                on_their_lines,
            ),
        )
    }

    /// How long each file's first line is (line end included), in bytes: a case's
    /// diagnostics that lie there are about the columns, which are checked once.
    pub fn header_lengths(&self) -> (usize, usize) {
        (self.events_header, self.participants_header)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn splits_by_case_and_keeps_lines() {
        let events = "case,at,event,by\nA,2027-01-01,x,p\nB,2027-01-02,y,q\nA,2027-01-03,z,p\n";
        let participants = "case;id;role\r\nB;q;mentor\r\nA;p;mentee\r\nC;r;mentee\r\n";
        let load = split_caseload(events, participants).unwrap();
        let ids: Vec<&str> = load.cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "C"]);
        let (e, p) = load.texts(events, participants, &load.cases[0], false);
        assert_eq!(e, "case,at,event,by\nA,2027-01-01,x,p\nA,2027-01-03,z,p\n");
        assert_eq!(p, "case;id;role\r\nA;p;mentee\r\n");
        let (e, _) = load.texts(events, participants, &load.cases[0], true);
        assert_eq!(
            e,
            "case,at,event,by\nA,2027-01-01,x,p\n\nA,2027-01-03,z,p\n"
        );
        assert_eq!(load.cases[1].first_line(), 3);
        let (_, p) = load.texts(events, participants, &load.cases[1], true);
        assert_eq!(p, "case;id;role\r\nB;q;mentor\r\n");
        let (_, p) = load.texts(events, participants, &load.cases[2], true);
        assert_eq!(p, "case;id;role\r\n\n\nC;r;mentee\r\n");
        assert!(is_caseload(events));
        assert!(!is_caseload("at,event,by\n"));
    }

    #[test]
    fn a_row_without_its_case_is_reported_with_its_line() {
        let events = "case,at,event,by\nA,2027-01-01,x,p\n,2027-01-02,y,q\n,,,\n";
        let problems = split_caseload(events, "case,id,role\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].1.message.contains("line 3"));
        let problems = split_caseload("at,event\n", "case,id\n").unwrap_err();
        assert!(problems[0].1.message.contains("no `case` column"));
    }
}
