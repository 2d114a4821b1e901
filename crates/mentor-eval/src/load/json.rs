//! The JSON front end: reads a case file's shape (strict JSON, every value with its byte
//! range) into a [`Raw`] case, reporting syntax errors, wrong shapes, unknown keys and
//! missing parts.

use super::CsvFile;
use super::resolve::{Item, Raw, RawEvent, RawParticipant, Text};
use super::value::Given;
use jsonc_parser::ast::{Array, Object, ObjectProp, ObjectPropName, Value as Json};
use jsonc_parser::common::Range;
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use mentor_diagnostics::catalog::case::{self, Entry, JsonMistake};
use mentor_diagnostics::{Diagnostic, Span, did_you_mean};
use std::collections::HashMap;

const CASE_KEYS: &[&str] = &["case", "participants", "events"];
const PARTICIPANT_KEYS: &[&str] = &["id", "role", "facts"];
const EVENT_KEYS: &[&str] = &["at", "event", "by", "to", "data"];

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
            None => reader
                .diags
                .push(case::empty_json(Span::new(offset, text.len()))),
            Some(Json::Object(top)) => reader.case(&top, &mut raw),
            Some(other) => {
                let d = case::not_an_object(reader.whole(&other), &describe(&other));
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
    let mistake = match error.kind() {
        K::CommentsNotAllowed => JsonMistake::Comment,
        K::ExpectedColonAfterObjectKey => JsonMistake::ColonAfterName,
        K::ExpectedObjectValue => JsonMistake::ValueAfterColon,
        K::ExpectedDigit
        | K::ExpectedDigitFollowingNegativeSign
        | K::ExpectedPlusMinusOrDigitInNumberLiteral => JsonMistake::Digit,
        K::ExpectedStringObjectProperty | K::UnexpectedTokenInObject => JsonMistake::QuotedName,
        K::ExpectedComma => JsonMistake::Comma,
        K::MultipleRootJsonValues => JsonMistake::AfterTheCase,
        K::SingleQuotedStringsNotAllowed => JsonMistake::SingleQuotes,
        K::String(_) => JsonMistake::UnclosedText,
        K::TrailingCommasNotAllowed => JsonMistake::TrailingComma,
        K::UnexpectedCloseBrace
        | K::UnexpectedCloseBracket
        | K::UnexpectedComma
        | K::UnexpectedColon => JsonMistake::Unexpected,
        K::UnexpectedToken => JsonMistake::UnexpectedToken,
        K::UnexpectedWord => JsonMistake::UnexpectedWord,
        K::UnterminatedArray => JsonMistake::UnclosedList,
        K::UnterminatedObject => JsonMistake::UnclosedObject,
        K::NestingDepthExceeded => JsonMistake::TooDeep,
        _ => JsonMistake::Other,
    };
    case::json_syntax(span, mistake)
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
        Json::StringLit(s) => mentor_diagnostics::words::quote(&s.value),
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
                let first = self.span(name_range(&first.name));
                let d = case::given_twice(span, name, Some(what), first);
                self.diags.push(d);
                continue;
            }
            if known.contains(&name) {
                seen.insert(name, prop);
            } else {
                meant.extend(did_you_mean(name, known.iter().copied()));
                let d = case::unknown_entry(span, name, what, known);
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
                let d = case::entry_not_text(self.whole(other), key, &describe(other), example);
                self.diags.push(d);
                Err(())
            }
        }
    }

    /// Like [`Reader::string`], but reports an absent entry.
    fn required(
        &mut self,
        entries: &Entries,
        entry: Entry<'_>,
        example: &str,
        owner: Span,
    ) -> Option<Text> {
        let key = entry.key();
        let prop = entries.map.get(key);
        match self.string(prop, key, example) {
            Ok(Some(text)) => Some(text),
            // An unknown entry that was probably meant as this one has been reported.
            Ok(None) if prop.is_none() && entries.meant.contains(&key) => None,
            Ok(None) => {
                let span = prop.map_or(owner, |p| self.span(range_of(&p.value)));
                self.diags.push(case::missing_entry(span, entry));
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
            let d = case::missing_list(self.opening(top), key);
            self.diags.push(d);
            return None;
        };
        match &prop.value {
            Json::Array(array) => Some(array),
            other => {
                let d = case::not_a_list(self.whole(other), key, &describe(other));
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
                let d = case::not_names_and_values(self.whole(other), key, &describe(other));
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
                let d = case::given_twice(self.span(range), name, None, self.span(*first));
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
                self.diags.push(case::empty_case_name(id.span));
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
            let d = case::participant_not_an_object(self.whole(element), &describe(element));
            self.diags.push(d);
            return None;
        };
        let span = self.span(object.range);
        let entries = self.entries(object, PARTICIPANT_KEYS, "a participant");
        let id = self.required(&entries, Entry::Id, "\"amara\"", span);
        let role = self.required(&entries, Entry::Role, "\"mentee\"", span);
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
            let d = case::event_not_an_object(self.whole(element), &describe(element));
            self.diags.push(d);
            return None;
        };
        let span = self.span(object.range);
        let entries = self.entries(object, EVENT_KEYS, "an event");
        let kind = self.required(&entries, Entry::Event, "\"session_held\"", span);
        let event = kind.as_ref().map(|k| k.text.as_str());
        let at = self.required(&entries, Entry::At { event }, "\"2026-12-18\"", span);
        let by = self.required(&entries, Entry::By { event }, "\"ben\"", span);
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
