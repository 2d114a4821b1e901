//! M05xx: a case file (JSON, a CSV pair or a caseload) that cannot be read, has the wrong
//! shape, or names what the policy does not have. Values that do not fit their type are
//! [`super::case_values`].
//!
//! A JSON value is described as the loader words its kind ("a number", "a list in [ ]").

use crate::words::{a, list};
use crate::{Code, Diagnostic, Span};

const CASE_SHAPE: &str = "a case file is one JSON object: {\"case\": \"S-0001\", \"participants\": [...], \"events\": [...]}";

// ---- M0501 case file is not valid JSON or CSV

/// What the JSON reader stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonMistake {
    Comment,
    ColonAfterName,
    ValueAfterColon,
    Digit,
    QuotedName,
    Comma,
    AfterTheCase,
    SingleQuotes,
    UnclosedText,
    TrailingComma,
    Unexpected,
    UnexpectedToken,
    UnexpectedWord,
    UnclosedList,
    UnclosedObject,
    TooDeep,
    Other,
}

/// A case file that is not JSON.
pub fn json_syntax(span: Span, mistake: JsonMistake) -> Diagnostic {
    use JsonMistake as M;
    let (message, help): (&str, &str) = match mistake {
        M::Comment => (
            "expected JSON, but this is a comment",
            "JSON has no comments; remove it",
        ),
        M::ColonAfterName => (
            "expected `:` after the name",
            "write each entry as \"name\": value",
        ),
        M::ValueAfterColon => (
            "expected a value after `:`",
            "write a value after the colon, or remove the entry",
        ),
        M::Digit => (
            "expected a digit in this number",
            "write numbers with digits only, such as 90",
        ),
        M::QuotedName => (
            "expected a name in double quotes",
            "write each entry as \"name\": value, with the name in double quotes",
        ),
        M::Comma => (
            "expected a comma",
            "put a comma between two entries of an object or two items of a list",
        ),
        M::AfterTheCase => (
            "expected the end of the file after the case's closing `}`",
            "a case file holds one object; remove what follows it, or move it inside",
        ),
        M::SingleQuotes => (
            "expected double quotes, not single quotes",
            "JSON puts text in double quotes: \"like this\"",
        ),
        M::UnclosedText => (
            "expected text that ends with a closing `\"`",
            "close the text with a double quote; write a quote inside text as \\\" and a backslash as \\\\",
        ),
        M::TrailingComma => (
            "expected another item after this comma",
            "remove the comma after the last item",
        ),
        M::Unexpected => (
            "expected a value here",
            "check for a missing value or an extra comma, colon or bracket",
        ),
        M::UnexpectedToken => (
            "expected a comma, a closing bracket or a value here",
            "check the double quotes, commas and brackets just before this place",
        ),
        M::UnexpectedWord => (
            "expected a value: text in double quotes, a number, true, false or null",
            "put text in double quotes",
        ),
        M::UnclosedList => ("expected `]` to close this list", "add the missing `]`"),
        M::UnclosedObject => ("expected `}` to close this object", "add the missing `}`"),
        M::TooDeep => (
            "the case file is nested too deeply to be a case",
            CASE_SHAPE,
        ),
        M::Other => ("expected a JSON value here", "check the JSON at this place"),
    };
    Diagnostic::new(Code::CaseSyntax, span, message).help(help)
}

/// A JSON case file with nothing in it.
pub fn empty_json(span: Span) -> Diagnostic {
    Diagnostic::new(Code::CaseSyntax, span, "the case file is empty").help(CASE_SHAPE)
}

/// A CSV line that cannot be read as cells.
pub fn csv_line(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::CaseSyntax,
        span,
        "expected a line of cells separated by commas",
    )
    .help("check this line of the file; save it from the spreadsheet as CSV (UTF-8)")
}

/// A CSV row with more or fewer cells than the first line has columns.
pub fn ragged_row(span: Span, line: u64, cells: usize, columns: usize) -> Diagnostic {
    Diagnostic::new(
        Code::CaseSyntax,
        span,
        format!("line {line} has {cells} cells, but the first line names {columns} columns"),
    )
    .label(format!("{cells} cells"))
    .help("give every row one cell per column; leave a cell empty (but keep its comma) when there is nothing to record")
}

// ---- M0502 case file has the wrong shape

/// A JSON case file that is not one object (`found`: what it is).
pub fn not_an_object(span: Span, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("a case file is one object in {{ }}, not {found}"),
    )
    .help(CASE_SHAPE)
}

/// An entry given twice, in `owner` ("a participant") when it is a fixed entry.
pub fn given_twice(span: Span, name: &str, owner: Option<&str>, first: Span) -> Diagnostic {
    let message = match owner {
        Some(owner) => format!("`{name}` is given twice in {owner}"),
        None => format!("`{name}` is given twice"),
    };
    Diagnostic::new(Code::CaseShape, span, message)
        .label("given again here")
        .secondary(first, "first given here")
        .help(format!("keep one `{name}`"))
}

/// An entry `owner` ("an event") does not have; `known` are the ones it has.
pub fn unknown_entry(span: Span, name: &str, owner: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("`{name}` is not part of {owner}"),
    )
    .label("unknown entry")
    .suggest(name, known.iter().copied())
    .help(format!(
        "{owner} has {}",
        list(known.iter().copied(), "and")
    ))
}

/// An entry that should be text (`example`: one, quoted).
pub fn entry_not_text(span: Span, key: &str, found: &str, example: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("`{key}` is text in double quotes, not {found}"),
    )
    .help(format!("write it in double quotes, such as {example}"))
}

/// The entries of a participant or an event that a case cannot do without. `event` is what
/// the event says happened, when it says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry<'a> {
    Id,
    Role,
    Event,
    At { event: Option<&'a str> },
    By { event: Option<&'a str> },
}

impl Entry<'_> {
    /// The entry's key, as written in a file.
    pub fn key(self) -> &'static str {
        match self {
            Entry::Id => "id",
            Entry::Role => "role",
            Entry::Event => "event",
            Entry::At { .. } => "at",
            Entry::By { .. } => "by",
        }
    }
}

/// "`session_held`", or "it" when the event does not say what happened.
fn what_happened(event: Option<&str>) -> String {
    event.map_or_else(|| "it".to_string(), |e| format!("`{e}`"))
}

/// A participant or event of a JSON case without an entry it needs.
pub fn missing_entry(span: Span, entry: Entry<'_>) -> Diagnostic {
    let (message, help) = match entry {
        Entry::Id => (
            "this participant has no `id`",
            "add a short id, such as `\"id\": \"amara\"`, and use it in `by` and `to`".to_string(),
        ),
        Entry::Role => (
            "this participant has no `role`",
            "add the participant's role in this policy, such as `\"role\": \"mentee\"`".to_string(),
        ),
        Entry::Event => (
            "this event has no `event`",
            "add what happened, such as `\"event\": \"session_held\"`".to_string(),
        ),
        Entry::At { event } => (
            "this event has no `at`",
            format!(
                "add when {} happened, such as `\"at\": \"2026-12-18\"`",
                what_happened(event)
            ),
        ),
        Entry::By { event } => (
            "this event has no `by`",
            format!(
                "add who did {}: `\"by\": \"<participant id>\"`",
                what_happened(event)
            ),
        ),
    };
    Diagnostic::new(Code::CaseShape, span, message).help(help)
}

/// A row of a CSV file with an empty cell where an entry is needed.
pub fn empty_cell(span: Span, entry: Entry<'_>) -> Diagnostic {
    let help = match entry {
        Entry::Id => "give the participant a short id, such as `amara`, and use it in the events file's `by` and `to`".to_string(),
        Entry::Role => "write the participant's role in this policy, such as `mentee`".to_string(),
        Entry::Event => "write what happened, such as `session_held`".to_string(),
        Entry::At { event } => format!(
            "write when {} happened, such as `2026-12-18`",
            what_happened(event)
        ),
        Entry::By { event } => format!(
            "write the id of the participant who did {}",
            what_happened(event)
        ),
    };
    let key = entry.key();
    Diagnostic::new(Code::CaseShape, span, format!("this row has no `{key}`"))
        .label(format!("`{key}` is empty"))
        .help(help)
}

/// A case whose `case` is empty.
pub fn empty_case_name(span: Span) -> Diagnostic {
    Diagnostic::new(Code::CaseShape, span, "the case's name is empty")
        .help("write the case's reference, such as \"S-0001\", or leave `case` out to use the file's name")
}

/// A participant whose `id` is empty.
pub fn empty_id(span: Span) -> Diagnostic {
    Diagnostic::new(Code::CaseShape, span, "this participant's `id` is empty")
        .help("give each participant a short id, such as `amara`, and use it in `by` and `to`")
}

/// A case file without its list of `key` (`participants` or `events`).
pub fn missing_list(span: Span, key: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("the case file has no `{key}`"),
    )
    .label(format!("`{key}` is missing"))
    .help(format!(
        "add `\"{key}\": [...]`, a list of the case's {key} (`[]` if there are none yet)"
    ))
}

/// `participants` or `events` that is not a list.
pub fn not_a_list(span: Span, key: &str, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("`{key}` is a list in [ ], not {found}"),
    )
    .help(format!(
        "write the {key} as a list: `\"{key}\": [{{...}}, {{...}}]`"
    ))
}

/// `facts` or `data` that is not an object of names and values.
pub fn not_names_and_values(span: Span, key: &str, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("`{key}` is an object in {{ }} of names and values, not {found}"),
    )
    .help(format!("write `\"{key}\": {{\"name\": value, ...}}`"))
}

/// A participant that is not an object.
pub fn participant_not_an_object(span: Span, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("each participant is an object in {{ }}, not {found}"),
    )
    .help("write a participant as {\"id\": \"amara\", \"role\": \"mentee\", \"facts\": {...}}")
}

/// An event that is not an object.
pub fn event_not_an_object(span: Span, found: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("each event is an object in {{ }}, not {found}"),
    )
    .help("write an event as {\"at\": \"2026-12-18\", \"event\": \"...\", \"by\": \"...\"}")
}

/// What was left incomplete by problems already reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incomplete {
    Case,
    Event,
}

/// A case or event that could not be completed, when no other problem says why.
pub fn incomplete(span: Span, what: Incomplete) -> Diagnostic {
    let message = match what {
        Incomplete::Case => "the case is incomplete",
        Incomplete::Event => "the event is incomplete",
    };
    Diagnostic::new(Code::CaseShape, span, message)
}

/// The columns of a CSV file, for help lines: the fixed columns, then one column per named
/// thing (`named_what`: "facts"; `named`: the ones the policy declares).
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    /// "participants" or "events".
    pub file: &'a str,
    pub fixed: &'a [&'a str],
    pub named_what: &'a str,
    pub named: &'a [&'a str],
}

impl Columns<'_> {
    fn header_help(&self) -> String {
        format!(
            "the first line names the columns: `{}`, then one column per {} you record",
            self.fixed.join(","),
            self.named_what.trim_end_matches('s')
        )
    }
}

/// A CSV file with nothing in it.
pub fn empty_csv(span: Span, columns: &Columns<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("the {} file is empty", columns.file),
    )
    .help(columns.header_help())
}

/// A CSV file without a column it needs.
pub fn missing_column(span: Span, name: &str, columns: &Columns<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("the {} file has no `{name}` column", columns.file),
    )
    .label("the column names")
    .help(columns.header_help())
}

/// A cell under a column without a name.
pub fn cell_without_column(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        "this cell is in a column without a name",
    )
    .help("name the column in the first line, or move the value to its column")
}

/// A column named twice.
pub fn column_twice(span: Span, name: &str, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("the column `{name}` appears twice"),
    )
    .label("again here")
    .secondary(first, "first here")
    .help(format!("keep one `{name}` column"))
}

/// A column close to one mentor reads, probably misspelt; `known` are the ones it reads.
pub fn unknown_column(span: Span, name: &str, known: &[&str], columns: &Columns<'_>) -> Diagnostic {
    let named = if columns.named.is_empty() {
        format!("this policy declares no {}", columns.named_what)
    } else {
        format!(
            "{}: {}",
            columns.named_what,
            list(columns.named.iter().copied(), "and")
        )
    };
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("`{name}` is not a column of the {} file", columns.file),
    )
    .label("unknown column")
    .suggest(name, known.iter().copied())
    .help(format!(
        "the columns are {}, then {named}",
        list(columns.fixed.iter().copied(), "and")
    ))
}

/// One file of a caseload without a `case` column (`file`: "events" or "participants").
pub fn no_case_column(span: Span, file: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("the {file} file has no `case` column"),
    )
    .label("the column names")
    .help(format!(
        "in a caseload, both files have a `case` column naming the case of each row; add it to the {file} file"
    ))
}

/// A row of a caseload that names no case.
pub fn row_without_case(span: Span, line: u64, file: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseShape,
        span,
        format!("line {line} of the {file} file has no `case`"),
    )
    .label("`case` is empty")
    .help("write the name of the case this row belongs to in the `case` column")
}

// ---- M0503 unknown participant

/// An event naming a participant the case does not list. `ids` are the ones it lists, in
/// order; `csv` when the participants are in a participants file.
pub fn unknown_participant(span: Span, id: &str, ids: &[&str], csv: bool) -> Diagnostic {
    let add = if csv {
        format!("add a row for `{id}` to the participants file")
    } else {
        format!("add `{id}` to `participants`")
    };
    let help = if ids.is_empty() {
        format!("{add}, then use that id here")
    } else {
        format!(
            "use the id of a participant ({}), or {add}",
            list(ids.iter().copied(), "or")
        )
    };
    Diagnostic::new(
        Code::CaseUnknownParticipant,
        span,
        format!("`{id}` is not a participant of this case"),
    )
    .label("unknown participant")
    .suggest(id, ids.iter().copied())
    .help(help)
}

// ---- M0504 unknown role in case

/// A participant with a role the policy does not have.
pub fn unknown_role(span: Span, role: &str, roles: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::CaseUnknownRole,
        span,
        format!("`{role}` is not a role of this policy"),
    )
    .label("unknown role")
    .suggest(role, roles.iter().copied())
    .help(format!(
        "the roles are {}",
        list(roles.iter().copied(), "and")
    ))
}

// ---- M0505 unknown event in case

/// An event the policy does not have.
pub fn unknown_event(span: Span, event: &str, events: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::CaseUnknownEvent,
        span,
        format!("`{event}` is not an event of this policy"),
    )
    .label("unknown event")
    .suggest(event, events.iter().copied())
    .help(format!(
        "the events are {}",
        list(events.iter().copied(), "and")
    ))
}

// ---- M0506 unknown fact or field in case

/// A JSON participant with a fact its role does not have. `facts` are the role's facts,
/// `owners` the roles that have a fact of this name.
pub fn unknown_fact(
    span: Span,
    fact: &str,
    role: &str,
    facts: &[&str],
    owners: &[&str],
) -> Diagnostic {
    let help = match (owners, facts.is_empty()) {
        ([_, ..], _) => format!(
            "{}, not of {}; check the participant's role",
            fact_of(fact, owners),
            a(role)
        ),
        ([], true) => format!(
            "{} has no facts in this policy; remove `facts` from this participant",
            a(role)
        ),
        ([], false) => format!(
            "the facts of {} are {}",
            a(role),
            list(facts.iter().copied(), "and")
        ),
    };
    Diagnostic::new(
        Code::CaseUnknownName,
        span,
        format!("`{fact}` is not a fact of {}", a(role)),
    )
    .label("unknown fact")
    .suggest(fact, facts.iter().copied())
    .help(help)
}

/// "`x` is a fact of a mentor or a mentee".
fn fact_of(fact: &str, owners: &[&str]) -> String {
    let owners: Vec<String> = owners.iter().map(|o| a(o)).collect();
    format!("`{fact}` is a fact of {}", owners.join(" or "))
}

/// A cell of a participants file under a fact the participant's role does not have.
pub fn fact_cell_of_other_role(
    span: Span,
    who: Option<&str>,
    fact: &str,
    role: &str,
    owners: &[&str],
) -> Diagnostic {
    let who = who.unwrap_or("this participant");
    let help = if owners.is_empty() {
        "leave the cell empty, or check the role".to_string()
    } else {
        format!(
            "{}; leave the cell empty, or check the role",
            fact_of(fact, owners)
        )
    };
    Diagnostic::new(
        Code::CaseUnknownName,
        span,
        format!(
            "`{who}` is {}, and {} has no fact `{fact}`",
            a(role),
            a(role)
        ),
    )
    .label("leave this cell empty")
    .help(help)
}

/// A JSON event with data its event does not record. `fields` are the event's fields.
pub fn unknown_field(span: Span, field: &str, event: &str, fields: &[&str]) -> Diagnostic {
    let help = if fields.is_empty() {
        format!("`{event}` records no data; remove `data` from this event")
    } else {
        format!(
            "the fields of `{event}` are {}",
            list(fields.iter().copied(), "and")
        )
    };
    Diagnostic::new(
        Code::CaseUnknownName,
        span,
        format!("`{field}` is not a field of `{event}`"),
    )
    .label("unknown field")
    .suggest(field, fields.iter().copied())
    .help(help)
}

/// A cell of an events file under a field its row's event does not record. `owners` are
/// the events that record it.
pub fn field_cell_of_other_event(
    span: Span,
    field: &str,
    event: &str,
    owners: &[&str],
) -> Diagnostic {
    Diagnostic::new(
        Code::CaseUnknownName,
        span,
        format!("`{event}` has no field `{field}`"),
    )
    .label("leave this cell empty")
    .help(format!(
        "`{field}` is recorded only for {}; leave the cell empty in rows for `{event}`",
        list(owners.iter().copied(), "and")
    ))
}

// ---- M0509 participant may not do this event

/// Who a participant is in an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The one who did it (`by`).
    By,
    /// The one it went to (`to`).
    To,
}

/// A participant of a role that may not do (or receive) the event. `allowed` are the roles
/// that may; `listed` where the participant's role is written, when it is in the same file.
pub fn party_not_allowed(
    span: Span,
    who: &str,
    role: &str,
    event: &str,
    party: Party,
    allowed: &[&str],
    listed: Option<Span>,
) -> Diagnostic {
    let roles = roles_with_articles(allowed);
    let (does, key, check) = match party {
        Party::By => ("is done by", "by", "check who did it"),
        Party::To => ("goes to", "to", "check who received it"),
    };
    let d = Diagnostic::new(
        Code::CaseActorNotAllowed,
        span,
        format!("`{who}` is {}, and `{event}` {does} {roles}", a(role)),
    )
    .label(format!("`{key}` must be {roles} here"))
    .help(format!("{check}, and whether `{event}` is the right event"));
    match listed {
        Some(at) => d.secondary(at, format!("`{who}` is listed as {} here", a(role))),
        None => d,
    }
}

/// "a mentor or a mentee", "nobody".
fn roles_with_articles(roles: &[&str]) -> String {
    let names: Vec<String> = roles.iter().map(|r| a(r)).collect();
    match names.as_slice() {
        [] => "nobody".to_string(),
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => names.join(""),
    }
}

// ---- M0510 participant listed twice

/// A participant id listed twice (`first`: where it was first listed, when known).
pub fn participant_twice(span: Span, id: &str, first: Option<Span>) -> Diagnostic {
    let d = Diagnostic::new(
        Code::CaseDuplicateParticipant,
        span,
        format!("`{id}` is listed twice"),
    )
    .label("listed again here")
    .help("give each person their own id, or merge the two entries into one");
    match first {
        Some(first) => d.secondary(first, "first listed here"),
        None => d,
    }
}

// ---- M0512 case file too large

/// A case file over its limit (sizes in words: "12 MB").
pub fn case_too_large(size: &str, limit: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CaseTooLarge,
        Span::at(0),
        format!("this case file is {size}, more than the {limit} a case file may be"),
    )
    .help("split the case into smaller files; see docs/limits.md")
}

// ---- M0520 column ignored

/// A column mentor does not read, left out (a note). `columns.named` are the ones of its
/// kind it reads.
pub fn column_ignored(span: Span, name: &str, columns: &Columns<'_>) -> Diagnostic {
    let help = if columns.named.is_empty() {
        format!(
            "nothing to do if it is not meant for mentor (this policy declares no {})",
            columns.named_what
        )
    } else {
        format!(
            "nothing to do if it is not meant for mentor; the {} it reads are {}",
            columns.named_what,
            list(columns.named.iter().copied(), "and")
        )
    };
    Diagnostic::new(
        Code::CaseColumnIgnored,
        span,
        format!(
            "the column `{name}` is not one mentor reads in the {} file; it was left out",
            columns.file
        ),
    )
    .label("left out")
    .help(help)
}

// ---- M0521 file read as Windows-1252

/// A file that is not UTF-8, read as Windows-1252 (a note); `span` is its first character
/// that is not UTF-8.
pub fn encoding_assumed(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::CaseEncodingAssumed,
        span,
        "the file is not UTF-8; it was read as Windows-1252, as Excel on Windows saves CSV",
    )
    .label("the first character that is not UTF-8")
    .help("check that names with accents read right; if not, save the file from the spreadsheet as \"CSV UTF-8\"")
}
