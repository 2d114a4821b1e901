//! The agenda for a person: a summary line, then each band with its rows in aligned
//! columns (due date, how soon, case, who owes what, warning, why), then the findings.

use super::{count, when};
use crate::agenda::{Agenda, Row};
use crate::band::Band;
use anstyle::{AnsiColor, Style};
use mentor_eval::explain::long_date;
use std::borrow::Cow;
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

/// A row's cells, each with its width in characters (what `{:w$}` pads by).
struct Cells<'a> {
    due: String,
    when: String,
    case: Cow<'a, str>,
    who: String,
    warning: String,
    why: Cow<'a, str>,
    widths: [usize; 5],
}

fn cells<'a>(row: &'a Row, agenda: &Agenda) -> Cells<'a> {
    let d = &row.duty;
    let mut who = match &d.party {
        Some(party) => party.clone(),
        None => format!("(no {})", d.role),
    };
    who.reserve(d.what.len() + 1);
    who.push(' ');
    who.push_str(&d.what);
    let who = match one_line(&who) {
        Cow::Borrowed(_) => who,
        Cow::Owned(joined) => joined,
    };
    let cells = Cells {
        due: d.due.map_or_else(|| "-".to_string(), |due| due.to_string()),
        when: when(d.due, agenda.query.as_of),
        case: one_line(&d.case),
        who,
        warning: row
            .warning
            .map(|w| format!("{} gone", w.as_str()))
            .unwrap_or_default(),
        why: one_line(&d.because),
        widths: [0; 5],
    };
    Cells {
        widths: [
            chars(&cells.due),
            chars(&cells.when),
            chars(&cells.case),
            chars(&cells.who),
            chars(&cells.warning),
        ],
        ..cells
    }
}

fn chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Text on one line: line breaks become spaces (borrowed when there are none).
fn one_line(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b == b'\r' || b == b'\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.split(['\r', '\n'])
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn width(values: impl Iterator<Item = usize>, header: &str) -> usize {
    values
        .max()
        .unwrap_or(0)
        .min(MAX_WIDTH)
        .max(header.chars().count())
}

/// `text` and then spaces up to `width` characters, as `{:width$}` writes it.
fn padded(out: &mut String, text: &str, chars: usize, width: usize) {
    out.push_str(text);
    for _ in chars..width {
        out.push(' ');
    }
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
    let column = |i: usize, header: &str| {
        width(
            all.iter().map(|c| c.widths.get(i).copied().unwrap_or(0)),
            header,
        )
    };
    let w = [
        column(0, "due"),
        column(1, "when"),
        column(2, "case"),
        column(3, "who owes what"),
        column(4, ""),
    ];
    // Every row's text is about as long as its cells plus the gaps between them.
    out.reserve(
        all.iter()
            .map(|c| c.who.len() + c.why.len() + c.case.len() + 48)
            .sum(),
    );
    let header = Cells {
        due: "due".into(),
        when: "when".into(),
        case: "case".into(),
        who: "who owes what".into(),
        warning: String::new(),
        why: "why".into(),
        widths: [3, 4, 4, 13, 0],
    };
    for band in bands(agenda) {
        let n = agenda.rows.iter().filter(|r| r.band == band).count();
        let _ = writeln!(out);
        let heading = format!("{} ({n})", band.title());
        if options.colour {
            let style = band_style(band);
            let _ = writeln!(out, "{}{heading}{}", style.render(), style.render_reset());
        } else {
            let _ = writeln!(out, "{heading}");
        }
        if n == 0 {
            let _ = writeln!(out, "  none");
            continue;
        }
        line(&mut out, &header, &w);
        for (_, c) in agenda.rows.iter().zip(&all).filter(|(r, _)| r.band == band) {
            line(&mut out, c, &w);
        }
    }
    if let Some(since) = q.since {
        findings(&mut out, agenda, since);
    }
    out
}

/// One row in aligned columns, without trailing spaces.
fn line(out: &mut String, c: &Cells, w: &[usize; 5]) {
    let start = out.len();
    let [due, when, case, who, warning] = c.widths;
    let [w_due, w_when, w_case, w_who, w_warn] = *w;
    out.push_str("  ");
    padded(out, &c.due, due, w_due);
    out.push_str("  ");
    padded(out, &c.when, when, w_when);
    out.push_str("  ");
    padded(out, &c.case, case, w_case);
    out.push_str("  ");
    padded(out, &c.who, who, w_who);
    out.push_str("  ");
    if w_warn > 0 {
        padded(out, &c.warning, warning, w_warn);
        out.push_str("  ");
    }
    out.push_str(&c.why);
    let kept = out.get(start..).map_or(0, |l| l.trim_end().len());
    out.truncate(start + kept);
    out.push('\n');
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
