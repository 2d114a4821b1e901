//! M06xx: a policy test that cannot run, and a file a test may not read.

use crate::{Code, Diagnostic, Span};

// ---- M0602 policy test cannot run

/// Where a date that cannot be read is written in a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateIn {
    /// `at DATE`, the day the test evaluates on.
    At,
    /// `on DATE ...`, an event of a case written in the test.
    Event,
}

/// A date in a test that is not a date.
pub fn not_a_date(span: Span, text: &str, written: DateIn) -> Diagnostic {
    let help = match written {
        DateIn::At => "write dates as YYYY-MM-DD",
        DateIn::Event => "write YYYY-MM-DD or YYYY-MM-DDTHH:MM",
    };
    Diagnostic::new(Code::TestInvalid, span, format!("`{text}` is not a date")).help(help)
}

/// A date in a test in a year mentor does not work with: `why` and `help` are the
/// calendar's words for that (`mentor_calendar::years`).
pub fn date_outside_years(span: Span, why: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::TestInvalid, span, why).help(help)
}

/// A test with both a case file and a case written in it.
pub fn two_cases(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        "a test takes its case either from a file or from `participant` and `on` lines, not both",
    )
    .help("remove the `case` line, or move the participants and events into the case file")
}

/// A case file with problems: the first one's message, and how many more there are.
pub fn case_file_problems(span: Span, file: &str, first: &str, more: usize) -> Diagnostic {
    let more = if more > 0 {
        format!(" (and {more} more)")
    } else {
        String::new()
    };
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("the case file `{file}` has problems: {first}{more}"),
    )
    .help("run `mentor next` on the case to see them all")
}

/// A test without `at`.
pub fn no_day(span: Span, test: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("the test `{test}` does not say on which day to evaluate"),
    )
    .help("add a line such as `at 2026-12-22`")
}

/// A participant id used twice in one test.
pub fn participant_twice(span: Span, id: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("`{id}` is already a participant of this test"),
    )
    .help("give each participant its own id")
}

/// "the facts are a, b", or "it has no facts".
fn listed(what: &str, names: &[&str]) -> String {
    if names.is_empty() {
        format!("it has no {what}")
    } else {
        format!("the {what} are {}", names.join(", "))
    }
}

/// A participant of a role the policy does not have.
pub fn unknown_role(span: Span, role: &str, roles: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("the policy has no role called `{role}`"),
    )
    .help(format!("the roles are {}", roles.join(", ")))
    .suggest(role, roles.iter().copied())
}

/// A participant's fact its role does not have.
pub fn unknown_fact(span: Span, role: &str, fact: &str, facts: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("a {role} has no fact called `{fact}`"),
    )
    .help(listed("facts", facts))
    .suggest(fact, facts.iter().copied())
}

/// What a value in a test belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueOf {
    Fact,
    Field,
}

/// A fact's or field's value that does not fit its type (`expected`: its type in words).
pub fn bad_value(span: Span, name: &str, expected: &str, of: ValueOf) -> Diagnostic {
    let help = match of {
        ValueOf::Fact => "write a value of the fact's type",
        ValueOf::Field => "write a value of the field's type",
    };
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("`{name}` should be {expected}"),
    )
    .help(help)
}

/// An event line naming someone who is not a participant of the test.
pub fn unknown_participant(span: Span, id: &str, ids: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("`{id}` is not a participant of this test"),
    )
    .help("declare it with `participant ID ROLE`")
    .suggest(id, ids.iter().copied())
}

/// An event the policy does not have.
pub fn unknown_event(span: Span, event: &str, events: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("the policy has no event called `{event}`"),
    )
    .help("use an event the policy declares")
    .suggest(event, events.iter().copied())
}

/// Who a participant is in an event line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    By,
    To,
}

/// A participant whose role may not do (or receive) the event; `allowed` are the roles
/// that may.
pub fn party_not_allowed(
    span: Span,
    who: &str,
    role: &str,
    event: &str,
    party: Party,
    allowed: &[&str],
) -> Diagnostic {
    let (does, help) = match party {
        Party::By => (
            "is done by",
            "name a participant whose role may do the event",
        ),
        Party::To => (
            "goes to",
            "name a participant the event may go to, or leave out `to`",
        ),
    };
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!(
            "`{who}` is a {role}, and `{event}` {does} {}",
            allowed.join(" or ")
        ),
    )
    .help(help)
}

/// An event's data the event does not record.
pub fn unknown_field(span: Span, event: &str, field: &str, fields: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("`{event}` has no field called `{field}`"),
    )
    .help(listed("fields", fields))
    .suggest(field, fields.iter().copied())
}

/// An expectation about a rule the policy does not have.
pub fn unknown_rule(span: Span, rule: &str, rules: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("the policy has no rule called `{rule}`"),
    )
    .help("name a `rule`, `ladder`, `termination`, `disclosure` or `phase` of the policy")
    .suggest(rule, rules.iter().copied())
}

/// An expectation about someone who is not a participant of the case.
pub fn not_in_case(span: Span, id: &str, ids: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("`{id}` is not a participant of the case"),
    )
    .help(format!("the participants are {}", ids.join(", ")))
    .suggest(id, ids.iter().copied())
}

/// A CSV case file whose name does not say it is the events file of a pair.
pub fn not_an_events_file(span: Span, file: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TestInvalid,
        span,
        format!("`{file}` should be the events file of a CSV pair (its name containing `events`)"),
    )
    .help("name the events file, such as `case \"amara.events.csv\"`, with `amara.participants.csv` beside it")
}

// ---- M0602 and M0603: a file a test names that is not read

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// It does not exist or cannot be read: the system's reason.
    Unreadable { reason: String },
    /// It is outside the project.
    Outside,
    /// It is not a regular file.
    NotAFile,
    /// It is larger than its limit (in words: "4 MB").
    TooLarge { limit: String },
    /// It is not UTF-8 text.
    NotText,
}

impl FileProblem {
    /// The problem in words, naming the file as `shown` and what it is (`the case file`).
    pub fn message(&self, what: &str, shown: &str) -> String {
        match self {
            FileProblem::Unreadable { reason } => format!("cannot read {what} `{shown}`: {reason}"),
            FileProblem::Outside => {
                format!("{what} `{shown}` is outside this project, so it is not read")
            }
            FileProblem::NotAFile => format!(
                "{what} `{shown}` is not a regular file (it is a folder, a device or a pipe), so it is not read"
            ),
            FileProblem::TooLarge { limit } => {
                format!("{what} `{shown}` is larger than {limit}, the most it may be")
            }
            FileProblem::NotText => format!("{what} `{shown}` is not UTF-8 text"),
        }
    }

    /// What to do about it, for a file a test names.
    pub fn help(&self, file: TestFile) -> &'static str {
        match (self, file) {
            (FileProblem::Unreadable { .. }, TestFile::Policy) => {
                "write the policy's path relative to this file: `policy \"supportt.mentor\"`"
            }
            (FileProblem::Unreadable { .. }, TestFile::Case) => {
                "give the file's path relative to this test file"
            }
            (FileProblem::Outside, _) => {
                "keep the files a test reads inside the project (the repository or the folder mentor runs in); see docs/limits.md"
            }
            (FileProblem::NotAFile, _) => "name a file saved in the project",
            (FileProblem::TooLarge { .. }, _) => {
                "split the case into smaller files; see docs/limits.md"
            }
            (FileProblem::NotText, _) => "save the file as UTF-8 text",
        }
    }

    /// Whether the file was refused (rather than missing or unreadable): M0603, not M0602.
    pub fn refused(&self) -> bool {
        matches!(
            self,
            FileProblem::Outside | FileProblem::NotAFile | FileProblem::TooLarge { .. }
        )
    }
}

/// The files a test names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestFile {
    /// `policy "..."`.
    Policy,
    /// `case "..."`.
    Case,
}

impl TestFile {
    /// "the policy", "the case file".
    pub fn words(self) -> &'static str {
        match self {
            TestFile::Policy => "the policy",
            TestFile::Case => "the case file",
        }
    }
}

/// A file a test names that was not read, named as `shown`, at `span` where the test names it.
pub fn file_not_read(span: Span, problem: &FileProblem, file: TestFile, shown: &str) -> Diagnostic {
    let code = if problem.refused() {
        Code::TestFileRefused
    } else {
        Code::TestInvalid
    };
    Diagnostic::new(code, span, problem.message(file.words(), shown)).help(problem.help(file))
}
