//! M01xx: a policy that cannot be read: unexpected text, items, quotes, dates, numbers and
//! size limits.
//!
//! What the parser expected and what it found are passed in as the syntax crate words them
//! from the grammar ("a name", "`must` or `should`"; "`mst`", "the end of the item").

use crate::words::{excerpt, month_name};
use crate::{Code, Diagnostic, Span, Suggestion};

// ---- M0101 unexpected text

/// A help line for a common mistake at an unexpected place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint<'a> {
    /// `must` or `should` was expected; `close` is the one the word found is close to.
    Modality { close: Option<&'a str> },
    /// A keyword or unit close to the word found.
    Close(&'a str),
    /// A single `=` where a comparison was expected.
    SingleEquals,
}

/// The parser expected something else here.
pub fn unexpected(span: Span, expected: &str, found: &str, hint: Option<Hint<'_>>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::Unexpected,
        span,
        format!("expected {expected}, found {found}"),
    )
    .label(format!("expected {expected}"));
    let help = match hint {
        None => return d,
        Some(Hint::Modality { close: Some(close) }) => format!("write `{close}`"),
        Some(Hint::Modality { close: None }) => {
            "say who acts and how binding it is: `mentor must ...` or `mentor should ...`"
                .to_string()
        }
        Some(Hint::Close(close)) => Suggestion::of(Some(close)).question().unwrap_or_default(),
        Some(Hint::SingleEquals) => "to compare, write `==`".to_string(),
    };
    d.help(help)
}

/// An item keyword with nothing after it.
pub fn keyword_without_name(span: Span, keyword: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Unexpected,
        span,
        format!("`{keyword}` must be followed by a name"),
    )
    .help(format!(
        "write `{keyword} some_name` and the rest of the {keyword}"
    ))
}

/// Text in single quotes. `text` is what stands between them when they are closed on the
/// line (a quick fix then puts it in double quotes).
pub fn single_quotes(span: Span, text: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::Unexpected,
        span,
        "text is written in double quotes (`\"`), not single quotes",
    )
    .label("single quotes");
    match text {
        Some(text) => {
            let text = text.replace('"', "\\\"");
            d.help(format!("write `\"{}\"`", excerpt(&text))).fix(
                "use double quotes",
                span,
                format!("\"{text}\""),
            )
        }
        None => d.help("put the text between double quotes: `\"...\"`"),
    }
}

/// An item keyword at the start of an indented line (`indent`: the spaces before it).
pub fn indented_item(span: Span, keyword: &str, indent: Span) -> Diagnostic {
    Diagnostic::new(
        Code::Unexpected,
        span,
        format!("`{keyword}` starts a new item, but its line is indented"),
    )
    .label("indented, so it reads as part of the item above")
    .help(format!(
        "items start at the beginning of a line: remove the spaces before `{keyword}`"
    ))
    .fix("remove the indentation", indent, "")
}

/// `fact is value`, where a comparison needs `==` (`span`: the `is`).
pub fn is_for_equals(span: Span, fact: &str, value: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Unexpected,
        span,
        format!("`is` does not compare `{fact}` with a value"),
    )
    .label("write `==` here")
    .help(format!(
        "to check a fact, write `{fact} == {value}`; `is` only appears in `ROLE is eligible when ...`"
    ))
    .fix("use `==`", span, "==")
}

/// `of the first N` with `fall outside`.
pub fn first_with_outside(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::Unexpected,
        span,
        "`of the first ...` cannot be used with `fall outside`",
    )
    .label("not here")
    .help("every occurrence is judged by `fall outside`; remove `of the first ...`")
}

/// A parse that succeeded but whose tree could not be read: a fault in mentor.
pub fn internal(span: Span) -> Diagnostic {
    Diagnostic::new(Code::Unexpected, span, "this item could not be read").help(
        "this is a fault in mentor, not in your policy; please report it with the policy text",
    )
}

/// Brackets (or `not`s) nested deeper than `limit`.
pub fn too_deep(span: Span, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Code::Unexpected,
        span,
        format!("brackets (or `not`s) are nested more than {limit} deep here"),
    )
    .label("too deep")
    .help("split the condition into simpler parts; a policy never needs this many brackets inside each other")
}

// ---- M0102 not the start of an item

/// A line in the first column whose first word (`shown`) starts no item; `word` is looked up
/// among the item `keywords`.
pub fn unknown_item(span: Span, shown: &str, word: &str, keywords: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownItem,
        span,
        format!("`{shown}` does not start an item"),
    )
    .suggest(word, keywords.iter().copied())
    .label("a line that starts in the first column begins a new item")
    .help(format!(
        "items start with one of {}; if this line continues the item above, indent it",
        super::ticked(keywords.iter().copied())
    ))
}

// ---- M0103 unterminated text

/// A quote not closed on its line.
pub fn unterminated_text(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnterminatedText,
        span,
        "this quoted text has no closing `\"`",
    )
    .label("opened here")
    .help("close the quote on the same line; a long quote can be split over several `source` lines")
}

// ---- M0104 invalid date

/// A date not written as YYYY-MM-DD (one-digit months or days).
pub fn date_not_iso(span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidDate,
        span,
        format!("`{text}` is not written as YYYY-MM-DD"),
    )
    .help("write the month and day with two digits, such as `2027-01-05`")
}

/// Why a date written YYYY-MM-DD is no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSuchDay {
    /// A month outside 1 to 12.
    Month(u32),
    /// A day past the month's end (`days` in that month).
    Day {
        year: i32,
        month: u32,
        day: u32,
        days: u32,
    },
    /// Not even readable as three numbers.
    Unreadable,
}

/// A date that does not exist.
pub fn not_a_date(span: Span, text: &str, why: NoSuchDay) -> Diagnostic {
    let help = match why {
        NoSuchDay::Month(month) => format!("there is no month {month}; months go from 01 to 12"),
        NoSuchDay::Day {
            year,
            month,
            day,
            days,
        } => format!(
            "{} {year:04} has {days} days, so there is no day {day}",
            month_name(month)
        ),
        NoSuchDay::Unreadable => "write dates as YYYY-MM-DD, such as `2027-01-05`".to_string(),
    };
    Diagnostic::new(Code::InvalidDate, span, format!("`{text}` is not a date"))
        .label("no such day")
        .help(help)
}

/// A date in a year mentor does not work with: `why` and `help` are the calendar's words
/// for that (`mentor_calendar::years`).
pub fn date_outside_years(span: Span, why: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidDate, span, why)
        .label("outside the years")
        .help(help)
}

/// A date and time that cannot be read.
pub fn not_a_date_time(span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidDate,
        span,
        format!("`{text}` is not a date and time"),
    )
    .help("write a date and time as YYYY-MM-DDTHH:MM, such as `2027-01-05T09:30`")
}

// ---- M0105 number too large

/// A number over the largest a policy may hold (`limit`).
pub fn number_too_large(span: Span, number: &str, limit: u32) -> Diagnostic {
    Diagnostic::new(
        Code::NumberTooLarge,
        span,
        format!("`{number}` is too large"),
    )
    .help(format!("numbers in a policy go up to {limit}"))
}

// ---- M0106 over a size limit

/// A policy larger than the parser reads (sizes in words: "4.7 MB").
pub fn policy_too_large(size: &str, limit: &str) -> Diagnostic {
    Diagnostic::new(
        Code::OverLimit,
        Span::at(0),
        format!("this policy is {size}, more than the {limit} a policy may be"),
    )
    .help("split the programme into smaller policies; see docs/limits.md")
}

/// A quoted text longer than `limit` characters.
pub fn text_too_long(span: Span, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Code::OverLimit,
        span,
        format!(
            "this quoted text is longer than {limit} characters, the most a quoted text may be"
        ),
    )
    .label("too long")
    .help("shorten it; a long source quote can be split over several `source` lines")
}

/// A name or number longer than `limit` characters.
pub fn word_too_long(span: Span, limit: usize) -> Diagnostic {
    Diagnostic::new(
        Code::OverLimit,
        span,
        format!("this word is longer than {limit} characters, the most a name or number may be"),
    )
    .label("too long")
    .help(format!("use a shorter name (at most {limit} characters)"))
}

/// An item that would take the parser too long to read.
pub fn item_too_complex(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::OverLimit,
        span,
        "this item is too long or too complex to read",
    )
    .help("split it into several smaller items")
}
