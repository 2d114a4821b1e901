//! The JSON front end: reads a case file's shape (strict JSON, every value with its byte
//! range) into a [`Raw`] case, reporting syntax errors, wrong shapes, unknown keys and
//! missing parts.

use super::CsvFile;
use super::resolve::{Item, Raw, RawEvent, RawParticipant, Text};
use super::value::Given;
use super::words::list;
use jsonc_parser::ast::{Array, Object, ObjectProp, ObjectPropName, Value as Json};
use jsonc_parser::common::Range;
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use mentor_diagnostics::{Code, Diagnostic, Span, did_you_mean};
use std::collections::HashMap;

const CASE_KEYS: &[&str] = &["case", "participants", "events"];
const PARTICIPANT_KEYS: &[&str] = &["id", "role", "facts"];
const EVENT_KEYS: &[&str] = &["at", "event", "by", "to", "data"];

const CASE_SHAPE: &str = "a case file is one JSON object: {\"case\": \"S-0001\", \"participants\": [...], \"events\": [...]}";

/// Strict JSON: no comments, no trailing commas, nothing JSON5 allows and JSON does not.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Reads the shape of a JSON case file. The diagnostics are those of the shape; names are
/// looked up later.
pub(crate) fn read(text: &str, default_id: &str) -> (Raw, Vec<Diagnostic>) {
    let (body, offset) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, text.len() - rest.len()),
        None => (text, 0),
    };
    let mut reader = Reader {
        body,
        offset,
        diags: Vec::new(),
    };
    let mut raw = Raw {
        id: default_id.to_string(),
        csv: false,
        ..Raw::default()
    };
    match parse_to_ast(body, &CollectOptions::default(), &strict()) {
        Err(error) => reader.diags.push(syntax_error(&error, offset)),
        Ok(parsed) => match parsed.value {
            None => reader.diags.push(
                Diagnostic::new(
                    Code::CaseSyntax,
                    Span::new(offset, text.len()),
                    "the case file is empty",
                )
                .help(CASE_SHAPE),
            ),
            Some(Json::Object(top)) => reader.case(&top, &mut raw),
            Some(other) => {
                let d = Diagnostic::new(
                    Code::CaseShape,
                    reader.whole(&other),
                    format!(
                        "a case file is one object in {{ }}, not {}",
                        describe(&other)
                    ),
                )
                .help(CASE_SHAPE);
                reader.diags.push(d);
            }
        },
    }
    (raw, reader.diags)
}

fn syntax_error(error: &ParseError, offset: usize) -> Diagnostic {
    use ParseErrorKind as K;
    let range = error.range();
    let span = Span::new(range.start + offset, range.end + offset);
    let (message, help): (&str, &str) = match error.kind() {
        K::CommentsNotAllowed => (
            "expected JSON, but this is a comment",
            "JSON has no comments; remove it",
        ),
        K::ExpectedColonAfterObjectKey => (
            "expected `:` after the name",
            "write each entry as \"name\": value",
        ),
        K::ExpectedObjectValue => (
            "expected a value after `:`",
            "write a value after the colon, or remove the entry",
        ),
        K::ExpectedDigit
        | K::ExpectedDigitFollowingNegativeSign
        | K::ExpectedPlusMinusOrDigitInNumberLiteral => (
            "expected a digit in this number",
            "write numbers with digits only, such as 90",
        ),
        K::ExpectedStringObjectProperty | K::UnexpectedTokenInObject => (
            "expected a name in double quotes",
            "write each entry as \"name\": value, with the name in double quotes",
        ),
        K::ExpectedComma => (
            "expected a comma",
            "put a comma between two entries of an object or two items of a list",
        ),
        K::MultipleRootJsonValues => (
            "expected the end of the file after the case's closing `}`",
            "a case file holds one object; remove what follows it, or move it inside",
        ),
        K::SingleQuotedStringsNotAllowed => (
            "expected double quotes, not single quotes",
            "JSON puts text in double quotes: \"like this\"",
        ),
        K::String(_) => (
            "expected text that ends with a closing `\"`",
            "close the text with a double quote; write a quote inside text as \\\" and a backslash as \\\\",
        ),
        K::TrailingCommasNotAllowed => (
            "expected another item after this comma",
            "remove the comma after the last item",
        ),
        K::UnexpectedCloseBrace
        | K::UnexpectedCloseBracket
        | K::UnexpectedComma
        | K::UnexpectedColon => (
            "expected a value here",
            "check for a missing value or an extra comma, colon or bracket",
        ),
        K::UnexpectedToken => (
            "expected a comma, a closing bracket or a value here",
            "check the double quotes, commas and brackets just before this place",
        ),
        K::UnexpectedWord => (
            "expected a value: text in double quotes, a number, true, false or null",
            "put text in double quotes",
        ),
        K::UnterminatedArray => ("expected `]` to close this list", "add the missing `]`"),
        K::UnterminatedObject => ("expected `}` to close this object", "add the missing `}`"),
        K::NestingDepthExceeded => (
            "the case file is nested too deeply to be a case",
            CASE_SHAPE,
        ),
        _ => ("expected a JSON value here", "check the JSON at this place"),
    };
    Diagnostic::new(Code::CaseSyntax, span, message).help(help)
}

fn range_of(value: &Json) -> Range {
    match value {
        Json::StringLit(v) => v.range,
        Json::NumberLit(v) => v.range,
        Json::BooleanLit(v) => v.range,
        Json::Object(v) => v.range,
        Json::Array(v) => v.range,
        Json::NullKeyword(v) => v.range,
    }
}

fn name_range(name: &ObjectPropName) -> Range {
    match name {
        ObjectPropName::String(lit) => lit.range,
        ObjectPropName::Word(lit) => lit.range,
    }
}

/// A value as a person would call it, for "..., not X".
fn describe(value: &Json) -> String {
    match value {
        Json::StringLit(s) => super::words::quote(&s.value),
        Json::NumberLit(n) => n.value.to_string(),
        Json::BooleanLit(b) => b.value.to_string(),
        Json::Object(_) => "an object in { }".to_string(),
        Json::Array(_) => "a list in [ ]".to_string(),
        Json::NullKeyword(_) => "null".to_string(),
    }
}

fn given(value: &Json) -> Option<Given> {
    Some(match value {
        Json::StringLit(s) => Given::Str(s.value.to_string()),
        Json::NumberLit(n) => Given::Number(n.value.to_string()),
        Json::BooleanLit(b) => Given::Bool(b.value),
        Json::Object(_) => Given::Other("an object in { }"),
        Json::Array(_) => Given::Other("a list in [ ]"),
        Json::NullKeyword(_) => return None,
    })
}

/// The known entries of an object, and the known names that unknown entries were probably
/// meant as (already reported, so not reported again as missing).
struct Entries<'o, 'a> {
    map: HashMap<&'o str, &'o ObjectProp<'a>>,
    meant: Vec<&'static str>,
}

struct Reader<'t> {
    /// The JSON text (after any byte-order mark).
    body: &'t str,
    /// Bytes before the JSON text (a byte-order mark).
    offset: usize,
    diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, range: Range) -> Span {
        Span::new(range.start + self.offset, range.end + self.offset)
    }

    /// Where a value is, for a message about the value as a whole: all of it when it is on
    /// one line, its first character (the opening bracket) when it spans several.
    fn whole(&self, value: &Json) -> Span {
        let range = range_of(value);
        let one_line = self
            .body
            .get(range.start..range.end)
            .is_some_and(|s| !s.contains('\n'));
        if one_line {
            self.span(range)
        } else {
            Span::new(range.start + self.offset, range.start + self.offset + 1)
        }
    }

    /// The first span of an object: its opening brace.
    fn opening(&self, object: &Object) -> Span {
        let start = object.range.start + self.offset;
        Span::new(start, start + 1)
    }

    /// The object's entries by name, reporting names not in `known` and names given twice.
    /// `what` says what the object is: "a case file", "a participant", "an event".
    fn entries<'o, 'a>(
        &mut self,
        object: &'o Object<'a>,
        known: &[&'static str],
        what: &str,
    ) -> Entries<'o, 'a> {
        let mut meant = Vec::new();
        let mut seen: HashMap<&'o str, &'o ObjectProp<'a>> = HashMap::new();
        for prop in &object.properties {
            let name = prop.name.as_str();
            let span = self.span(name_range(&prop.name));
            if let Some(first) = seen.get(name) {
                let d = Diagnostic::new(
                    Code::CaseShape,
                    span,
                    format!("`{name}` is given twice in {what}"),
                )
                .label("given again here")
                .secondary(self.span(name_range(&first.name)), "first given here")
                .help(format!("keep one `{name}`"));
                self.diags.push(d);
                continue;
            }
            if known.contains(&name) {
                seen.insert(name, prop);
            } else {
                meant.extend(did_you_mean(name, known.iter().copied()));
                let d = Diagnostic::new(
                    Code::CaseShape,
                    span,
                    format!("`{name}` is not part of {what}"),
                )
                .label("unknown entry")
                .suggest(name, known.iter().copied())
                .help(format!("{what} has {}", list(known.iter().copied(), "and")));
                self.diags.push(d);
                seen.insert(name, prop);
            }
        }
        seen.retain(|name, _| known.contains(name));
        Entries { map: seen, meant }
    }

    /// The string value of an entry. `Err(())` when the entry is there but is not a string
    /// (reported); `Ok(None)` when it is absent or null.
    fn string(
        &mut self,
        prop: Option<&&ObjectProp>,
        key: &str,
        example: &str,
    ) -> Result<Option<Text>, ()> {
        let Some(prop) = prop else { return Ok(None) };
        match &prop.value {
            Json::StringLit(s) => Ok(Some(Text {
                text: s.value.to_string(),
                span: self.span(s.range),
            })),
            Json::NullKeyword(_) => Ok(None),
            other => {
                let d = Diagnostic::new(
                    Code::CaseShape,
                    self.whole(other),
                    format!("`{key}` is text in double quotes, not {}", describe(other)),
                )
                .help(format!("write it in double quotes, such as {example}"));
                self.diags.push(d);
                Err(())
            }
        }
    }

    /// Like [`Reader::string`], but reports an absent entry: `missing` is the message and
    /// help for that.
    fn required(
        &mut self,
        entries: &Entries,
        key: &str,
        example: &str,
        owner: Span,
        missing: (String, String),
    ) -> Option<Text> {
        let prop = entries.map.get(key);
        match self.string(prop, key, example) {
            Ok(Some(text)) => Some(text),
            // An unknown entry that was probably meant as this one has been reported.
            Ok(None) if prop.is_none() && entries.meant.contains(&key) => None,
            Ok(None) => {
                let span = prop.map_or(owner, |p| self.span(range_of(&p.value)));
                self.diags
                    .push(Diagnostic::new(Code::CaseShape, span, missing.0).help(missing.1));
                None
            }
            Err(()) => None,
        }
    }

    fn array<'o, 'a>(
        &mut self,
        entries: &Entries<'o, 'a>,
        key: &str,
        top: &Object,
    ) -> Option<&'o Array<'a>> {
        let Some(prop) = entries.map.get(key) else {
            if entries.meant.contains(&key) {
                return None;
            }
            let d = Diagnostic::new(
                Code::CaseShape,
                self.opening(top),
                format!("the case file has no `{key}`"),
            )
            .label(format!("`{key}` is missing"))
            .help(format!(
                "add `\"{key}\": [...]`, a list of the case's {key} (`[]` if there are none yet)"
            ));
            self.diags.push(d);
            return None;
        };
        match &prop.value {
            Json::Array(array) => Some(array),
            other => {
                let d = Diagnostic::new(
                    Code::CaseShape,
                    self.whole(other),
                    format!("`{key}` is a list in [ ], not {}", describe(other)),
                )
                .help(format!(
                    "write the {key} as a list: `\"{key}\": [{{...}}, {{...}}]`"
                ));
                self.diags.push(d);
                None
            }
        }
    }

    /// The entries of an optional object-valued entry (`facts`, `data`).
    fn items(&mut self, prop: Option<&&ObjectProp>, key: &str) -> Vec<Item> {
        let Some(prop) = prop else { return Vec::new() };
        let object = match &prop.value {
            Json::Object(object) => object,
            Json::NullKeyword(_) => return Vec::new(),
            other => {
                let d = Diagnostic::new(
                    Code::CaseShape,
                    self.whole(other),
                    format!(
                        "`{key}` is an object in {{ }} of names and values, not {}",
                        describe(other)
                    ),
                )
                .help(format!("write `\"{key}\": {{\"name\": value, ...}}`"));
                self.diags.push(d);
                return Vec::new();
            }
        };
        let mut seen: HashMap<&str, Range> = HashMap::new();
        let mut items = Vec::new();
        for entry in &object.properties {
            let name = entry.name.as_str();
            let range = name_range(&entry.name);
            if let Some(first) = seen.get(name) {
                let d = Diagnostic::new(
                    Code::CaseShape,
                    self.span(range),
                    format!("`{name}` is given twice"),
                )
                .label("given again here")
                .secondary(self.span(*first), "first given here")
                .help(format!("keep one `{name}`"));
                self.diags.push(d);
                continue;
            }
            seen.insert(name, range);
            let Some(value) = given(&entry.value) else {
                continue;
            };
            items.push(Item {
                name: Text {
                    text: name.to_string(),
                    span: self.span(range),
                },
                value,
                span: self.whole(&entry.value),
            });
        }
        items
    }

    fn case(&mut self, top: &Object, raw: &mut Raw) {
        let entries = self.entries(top, CASE_KEYS, "a case file");
        if let Ok(Some(id)) = self.string(entries.map.get("case"), "case", "\"S-0001\"") {
            if id.text.trim().is_empty() {
                self.diags.push(
                    Diagnostic::new(Code::CaseShape, id.span, "the case's name is empty")
                        .help("write the case's reference, such as \"S-0001\", or leave `case` out to use the file's name"),
                );
            } else {
                raw.id = id.text;
            }
        }
        if let Some(participants) = self.array(&entries, "participants", top) {
            for element in &participants.elements {
                if let Some(p) = self.participant(element) {
                    raw.participants.push(p);
                }
            }
        }
        if let Some(events) = self.array(&entries, "events", top) {
            for (order, element) in events.elements.iter().enumerate() {
                if let Some(e) = self.event(element, u32::try_from(order).unwrap_or(u32::MAX)) {
                    raw.events.push(e);
                }
            }
        }
    }

    fn participant(&mut self, element: &Json) -> Option<RawParticipant> {
        let Json::Object(object) = element else {
            let d = Diagnostic::new(
                Code::CaseShape,
                self.whole(element),
                format!("each participant is an object in {{ }}, not {}", describe(element)),
            )
            .help("write a participant as {\"id\": \"amara\", \"role\": \"mentee\", \"facts\": {...}}");
            self.diags.push(d);
            return None;
        };
        let span = self.span(object.range);
        let entries = self.entries(object, PARTICIPANT_KEYS, "a participant");
        let id = self.required(
            &entries,
            "id",
            "\"amara\"",
            span,
            (
                "this participant has no `id`".to_string(),
                "add a short id, such as `\"id\": \"amara\"`, and use it in `by` and `to`"
                    .to_string(),
            ),
        );
        let role = self.required(
            &entries,
            "role",
            "\"mentee\"",
            span,
            (
                "this participant has no `role`".to_string(),
                "add the participant's role in this policy, such as `\"role\": \"mentee\"`"
                    .to_string(),
            ),
        );
        let facts = self.items(entries.map.get("facts"), "facts");
        Some(RawParticipant {
            id,
            role,
            facts,
            span,
            file: CsvFile::Events,
        })
    }

    fn event(&mut self, element: &Json, order: u32) -> Option<RawEvent> {
        let Json::Object(object) = element else {
            let d = Diagnostic::new(
                Code::CaseShape,
                self.whole(element),
                format!(
                    "each event is an object in {{ }}, not {}",
                    describe(element)
                ),
            )
            .help(
                "write an event as {\"at\": \"2026-12-18\", \"event\": \"...\", \"by\": \"...\"}",
            );
            self.diags.push(d);
            return None;
        };
        let span = self.span(object.range);
        let entries = self.entries(object, EVENT_KEYS, "an event");
        let kind = self.required(
            &entries,
            "event",
            "\"session_held\"",
            span,
            (
                "this event has no `event`".to_string(),
                "add what happened, such as `\"event\": \"session_held\"`".to_string(),
            ),
        );
        let what = kind
            .as_ref()
            .map_or_else(|| "it".to_string(), |k| format!("`{}`", k.text));
        let at = self.required(
            &entries,
            "at",
            "\"2026-12-18\"",
            span,
            (
                "this event has no `at`".to_string(),
                format!("add when {what} happened, such as `\"at\": \"2026-12-18\"`"),
            ),
        );
        let by = self.required(
            &entries,
            "by",
            "\"ben\"",
            span,
            (
                "this event has no `by`".to_string(),
                format!("add who did {what}: `\"by\": \"<participant id>\"`"),
            ),
        );
        let to = self
            .string(entries.map.get("to"), "to", "\"amara\"")
            .ok()
            .flatten();
        let data = self.items(entries.map.get("data"), "data");
        Some(RawEvent {
            at,
            event: kind,
            by,
            to,
            data,
            span,
            file: CsvFile::Events,
            order,
        })
    }
}
