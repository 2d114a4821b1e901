//! The agenda for a person: a summary line, then each band with its rows in aligned
//! columns (due date, how soon, case, who owes what, warning, why), then the findings.

use super::{count, when};
use crate::agenda::{Agenda, Row};
use crate::band::Band;
use anstyle::{AnsiColor, Style};
use mentor_eval::explain::long_date;
use std::fmt::Write;

/// How the text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Colour the band headings (for a terminal, when `NO_COLOR` is not set).
    pub colour: bool,
}

/// Values wider than this push their row out instead of widening every row.
const MAX_WIDTH: usize = 60;

fn band_style(band: Band) -> Style {
    let colour = match band {
        Band::Overdue => Some(AnsiColor::Red),
        Band::Today => Some(AnsiColor::Yellow),
        Band::Week => Some(AnsiColor::Cyan),
        Band::Later | Band::NoDeadline => None,
    };
    Style::new()
        .bold()
        .fg_color(colour.map(anstyle::Color::Ansi))
}

/// The bands the query can show, in order.
fn bands(agenda: &Agenda) -> Vec<Band> {
    let q = &agenda.query;
    Band::ALL
        .into_iter()
        .filter(|b| q.bands.is_empty() || q.bands.contains(b))
        .filter(|b| !(q.within.is_some() && *b == Band::NoDeadline))
        .collect()
}

struct Cells {
    due: String,
    when: String,
    case: String,
    who: String,
    warning: String,
    why: String,
}

fn cells(row: &Row, agenda: &Agenda) -> Cells {
    let d = &row.duty;
    let party = d
        .party
        .clone()
        .unwrap_or_else(|| format!("(no {})", d.role));
    Cells {
        due: d.due.map_or_else(|| "-".to_string(), |due| due.to_string()),
        when: when(d.due, agenda.query.as_of),
        case: one_line(&d.case),
        who: one_line(&format!("{party} {}", d.what)),
        warning: row
            .warning
            .map(|w| format!("{} gone", w.as_str()))
            .unwrap_or_default(),
        why: one_line(&d.because),
    }
}

/// Text on one line: line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn width(values: impl Iterator<Item = usize>, header: &str) -> usize {
    values
        .max()
        .unwrap_or(0)
        .min(MAX_WIDTH)
        .max(header.chars().count())
}

/// Renders the agenda.
pub fn render(agenda: &Agenda, options: Options) -> String {
    let mut out = String::new();
    let q = &agenda.query;
    let looked_at = if agenda.cases > 0 {
        format!(" (of {} looked at)", count(agenda.cases, "case", "cases"))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Agenda for {}: {} in {}{looked_at}",
        long_date(q.as_of),
        count(agenda.rows.len(), "open duty", "open duties"),
        count(agenda.cases_with_duties(), "case", "cases"),
    );
    for error in &agenda.errors {
        let _ = writeln!(
            out,
            "Could not work out a date in case {}: {}; its duties may be incomplete",
            error.case, error.message
        );
    }
    let all: Vec<Cells> = agenda.rows.iter().map(|r| cells(r, agenda)).collect();
    let w_due = width(all.iter().map(|c| c.due.chars().count()), "due");
    let w_when = width(all.iter().map(|c| c.when.chars().count()), "when");
    let w_case = width(all.iter().map(|c| c.case.chars().count()), "case");
    let w_who = width(all.iter().map(|c| c.who.chars().count()), "who owes what");
    let w_warn = width(all.iter().map(|c| c.warning.chars().count()), "");
    for band in bands(agenda) {
        let rows: Vec<(&Row, &Cells)> = agenda
            .rows
            .iter()
            .zip(&all)
            .filter(|(r, _)| r.band == band)
            .collect();
        let _ = writeln!(out);
        let heading = format!("{} ({})", band.title(), rows.len());
        if options.colour {
            let style = band_style(band);
            let _ = writeln!(out, "{}{heading}{}", style.render(), style.render_reset());
        } else {
            let _ = writeln!(out, "{heading}");
        }
        if rows.is_empty() {
            let _ = writeln!(out, "  none");
            continue;
        }
        let line = |due: &str, when: &str, case: &str, who: &str, warn: &str, why: &str| {
            let warn_col = if w_warn > 0 {
                format!("{warn:w_warn$}  ")
            } else {
                String::new()
            };
            format!("  {due:w_due$}  {when:w_when$}  {case:w_case$}  {who:w_who$}  {warn_col}{why}")
                .trim_end()
                .to_string()
        };
        let _ = writeln!(
            out,
            "{}",
            line("due", "when", "case", "who owes what", "", "why")
        );
        for (_, c) in rows {
            let _ = writeln!(
                out,
                "{}",
                line(&c.due, &c.when, &c.case, &c.who, &c.warning, &c.why)
            );
        }
    }
    if let Some(since) = q.since {
        findings(&mut out, agenda, since);
    }
    out
}

fn findings(out: &mut String, agenda: &Agenda, since: chrono::NaiveDate) {
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Broken rules since {} ({})",
        long_date(since),
        agenda.findings.len()
    );
    if agenda.findings.is_empty() {
        let _ = writeln!(out, "  none");
        return;
    }
    let who = |f: &crate::Finding| f.party.clone().unwrap_or_else(|| "-".to_string());
    let w_case = width(
        agenda.findings.iter().map(|f| f.case.chars().count()),
        "case",
    );
    let w_who = width(
        agenda.findings.iter().map(|f| who(f).chars().count()),
        "who",
    );
    let _ = writeln!(
        out,
        "  {:10}  {:w_case$}  {:w_who$}  {:8}  what",
        "on", "case", "who", "severity"
    );
    for f in &agenda.findings {
        let _ = writeln!(
            out,
            "  {:10}  {:w_case$}  {:w_who$}  {:8}  {}",
            f.at.to_string(),
            f.case,
            who(f),
            f.severity.as_str(),
            one_line(&f.message)
        );
    }
}

/// One duty on one line, in the order it comes (for a stream): band, due date, how soon,
/// case, who owes what, warning and why, separated by two spaces.
pub fn duty_line(row: &Row, as_of: chrono::NaiveDate) -> String {
    let d = &row.duty;
    let party = d
        .party
        .clone()
        .unwrap_or_else(|| format!("(no {})", d.role));
    let warning = row
        .warning
        .map(|w| format!("{} gone  ", w.as_str()))
        .unwrap_or_default();
    format!(
        "{:<11}  {:<10}  {:<13}  {}  {party} {}  {warning}{}\n",
        row.band.as_str(),
        d.due.map_or_else(|| "-".to_string(), |due| due.to_string()),
        when(d.due, as_of),
        one_line(&d.case),
        one_line(&d.what),
        one_line(&d.because)
    )
}

/// One finding on one line (for a stream).
pub fn finding_line(f: &crate::Finding) -> String {
    format!(
        "{:<11}  {:<10}  {:<13}  {}  {} {}  {}\n",
        "broken",
        f.at.to_string(),
        "",
        one_line(&f.case),
        f.party.as_deref().unwrap_or("-"),
        f.severity.as_str(),
        one_line(&f.message)
    )
}
