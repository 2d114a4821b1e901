//! The stable diagnostic codes. A code never changes meaning once released.
//!
//! M01xx syntax, M02xx names, M03xx types and meaning, M04xx warnings (static analysis),
//! M05xx case files, M06xx policy tests, M07xx the case store. docs/diagnostics.md explains
//! each code; a test keeps that page and this list in step.

use crate::Severity;
use serde::{Serialize, Serializer};

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $severity:ident, $title:literal; )*) => {
        /// A stable diagnostic code such as `M0101`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The code as written in messages: `M0101`.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The usual severity (warnings can be made errors with `--deny warnings`).
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$severity, )* }
            }

            /// A short name for the problem, used in documentation and SARIF.
            pub fn title(self) -> &'static str {
                match self { $( Code::$variant => $title, )* }
            }
        }
    };
}

codes! {
    // ---- syntax
    /// The parser met something it did not expect.
    Unexpected = "M0101", Error, "unexpected text";
    /// A line at the start of a line is not the start of an item.
    UnknownItem = "M0102", Error, "not the start of an item";
    /// A quote is not closed on its line.
    UnterminatedText = "M0103", Error, "unterminated text";
    /// A date that does not exist or is not written YYYY-MM-DD.
    InvalidDate = "M0104", Error, "invalid date";
    /// A number too large to be meant.
    NumberTooLarge = "M0105", Error, "number too large";
    /// A policy, a quoted text or a word over its documented size limit (docs/limits.md).
    OverLimit = "M0106", Error, "over a size limit";
    // ---- names
    UnknownRole = "M0201", Error, "unknown role";
    UnknownEvent = "M0202", Error, "unknown event";
    UnknownFact = "M0203", Error, "unknown fact";
    UnknownField = "M0204", Error, "unknown event field";
    UnknownSymbol = "M0205", Error, "unknown choice";
    UnknownCalendar = "M0206", Error, "unknown calendar";
    UnknownType = "M0207", Error, "unknown type";
    UnknownSimilarity = "M0208", Error, "unknown similarity";
    DuplicateName = "M0209", Error, "name declared twice";
    ProgrammeDeclaration = "M0210", Error, "missing or repeated programme";
    // ---- types and meaning
    TypeMismatch = "M0301", Error, "values of different types compared";
    UnitMismatch = "M0302", Error, "durations of different units mixed";
    NoCalendar = "M0303", Error, "working days without a calendar";
    NotACondition = "M0304", Error, "not a yes-or-no condition";
    ActorNotAllowed = "M0305", Error, "role may not do this event";
    NotANumber = "M0306", Error, "a number was expected";
    MissingUnit = "M0307", Error, "a duration needs a unit";
    BadRange = "M0308", Error, "range or dates out of order";
    NotADate = "M0309", Error, "a date was expected";
    RecipientNotAllowed = "M0310", Error, "event may not go to this role";
    AmbiguousSimilarity = "M0311", Error, "several similarities could apply";
    UnitNotAllowed = "M0312", Error, "unit not allowed here";
    UnknownTimeZone = "M0313", Error, "unknown time zone";
    /// A closure file the policy names could not be read, or is not `.ics` or `.csv`.
    ClosureFileNotRead = "M0314", Error, "closure file not read";
    /// A closure file has a mistake (reported with its line and column).
    ClosureFileMistake = "M0315", Error, "mistake in a closure file";
    // ---- warnings
    UnusedDeclaration = "M0401", Warning, "declared but never used";
    NeverTriggers = "M0402", Warning, "rule can never trigger";
    UnreachableStep = "M0403", Warning, "ladder step can never be reached";
    DuplicateRule = "M0404", Warning, "rule name used twice";
    ShouldContradictsMust = "M0405", Warning, "a should contradicts a must";
    WindowShorterThanDeadline = "M0406", Warning, "window shorter than its deadline";
    // ---- case files
    CaseSyntax = "M0501", Error, "case file is not valid JSON or CSV";
    CaseShape = "M0502", Error, "case file has the wrong shape";
    CaseUnknownParticipant = "M0503", Error, "unknown participant";
    CaseUnknownRole = "M0504", Error, "unknown role in case";
    CaseUnknownEvent = "M0505", Error, "unknown event in case";
    CaseUnknownName = "M0506", Error, "unknown fact or field in case";
    CaseBadValue = "M0507", Error, "value of the wrong type";
    CaseBadDate = "M0508", Error, "malformed date or time";
    CaseActorNotAllowed = "M0509", Error, "participant may not do this event";
    CaseDuplicateParticipant = "M0510", Error, "participant listed twice";
    CaseOutOfCalendar = "M0511", Error, "date outside the calendar's years";
    /// A spreadsheet column mentor does not know, left out (a note, not an error).
    CaseColumnIgnored = "M0520", Warning, "column ignored";
    /// A file that is not UTF-8, read as Windows-1252 (a note, not an error).
    CaseEncodingAssumed = "M0521", Warning, "file read as Windows-1252";
    /// A case file over its documented size limit (docs/limits.md).
    CaseTooLarge = "M0512", Error, "case file too large";
    // ---- policy tests
    TestFailed = "M0601", Error, "policy test failed";
    TestInvalid = "M0602", Error, "policy test cannot run";
    /// A test names a file outside its project, not a regular file, or too large.
    TestFileRefused = "M0603", Error, "file a test may not read";
    // ---- case store
    CaseInStore = "M0701", Error, "case already in the store";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Code {
    /// The code for a written form such as `M0101`.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}
