//! A case as it stands: its log with every correction applied, written as a case file (one
//! participant or event per line), so that it loads exactly as a case file does and its
//! problems are reported with the same diagnostics.
//!
//! A replaced entry keeps its place (ties on the same day keep the order of recording); a
//! voided one is left out; a voided case is withdrawn.

use crate::canonical::{Object, quote};
use crate::entry::{Entry, Kind};
use mentor_diagnostics::Diagnostic;
use std::ops::Range;

/// A part of a new or corrected entry, to say where a problem is: a field of a form, or an
/// option on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    At,
    Event,
    By,
    To,
    /// A field of an event's data (`--set name=value`).
    Data(String),
    Id,
    Role,
    /// A fact of a participant (`--set name=value`).
    Fact(String),
}

/// A problem with what was to be recorded, with the field it is about when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: Option<Field>,
    /// Its spans are in [`Rejected::document`].
    pub diagnostic: Diagnostic,
}

/// Why something was not recorded: the case with it, as a case file, does not load.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub case: String,
    /// The case file that was checked (the case with the new or corrected entry in it).
    pub document: String,
    pub problems: Vec<Problem>,
}

/// A participant or an event as it stands, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub kind: Kind,
    /// The entry that first recorded it.
    pub origin: i64,
    /// The entry holding what it says now (the origin, or the latest replacing correction).
    pub current: i64,
    pub payload: String,
}

/// A case's log, folded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Folded {
    pub id: String,
    /// The entry that opened the case.
    pub opened: i64,
    pub withdrawn: bool,
    pub items: Vec<Item>,
    /// The latest entry of the case.
    pub last: i64,
}

impl Folded {
    /// Folds a case's entries (in log order).
    pub fn new(id: &str, entries: &[Entry]) -> Folded {
        let mut folded = Folded {
            id: id.to_string(),
            ..Folded::default()
        };
        for e in entries {
            folded.apply(e);
        }
        folded
    }

    pub fn apply(&mut self, e: &Entry) {
        self.last = self.last.max(e.seq);
        match e.kind {
            Kind::Case => self.opened = e.seq,
            Kind::Participant | Kind::Event => self.items.push(Item {
                kind: e.kind,
                origin: e.seq,
                current: e.seq,
                payload: e.payload.clone(),
            }),
            Kind::Correction => {
                let Some(target) = e.corrects else { return };
                let json = e.json();
                let replacement = json
                    .get("with")
                    .filter(|_| json.get("action").and_then(|a| a.as_str()) == Some("replace"))
                    .map(|w| w.to_string());
                if target == self.opened && replacement.is_none() {
                    self.withdrawn = true;
                    return;
                }
                let Some(i) = self.items.iter().position(|it| it.current == target) else {
                    return;
                };
                match replacement {
                    Some(payload) => {
                        if let Some(item) = self.items.get_mut(i) {
                            item.current = e.seq;
                            item.payload = payload;
                        }
                    }
                    None => {
                        self.items.remove(i);
                    }
                }
            }
            Kind::Policy => {}
        }
    }

    pub fn participants(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.kind == Kind::Participant)
    }

    pub fn events(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.kind == Kind::Event)
    }

    /// The case as a case file.
    pub fn document(&self) -> Document {
        self.document_with(Change::None)
    }

    /// The case as a case file, with a change that is about to be recorded.
    pub fn document_with(&self, change: Change<'_>) -> Document {
        let mut doc = Document {
            text: String::new(),
            pieces: Vec::new(),
            new_event: None,
        };
        let t = &mut doc.text;
        t.push_str("{\"case\": ");
        t.push_str(&quote(&self.id));
        t.push_str(",\n \"participants\": [");
        let mut first = true;
        let put = |doc: &mut Document, item_json: &Built, first: &mut bool| {
            doc.text.push_str(if *first { "\n  " } else { ",\n  " });
            *first = false;
            let base = doc.text.len();
            doc.text.push_str(&item_json.text);
            for (field, range) in &item_json.pieces {
                doc.pieces
                    .push((field.clone(), range.start + base..range.end + base));
            }
        };
        for item in self.participants() {
            match &change {
                Change::Void(seq) if *seq == item.current => continue,
                Change::Replace(seq, built) if *seq == item.current => {
                    put(&mut doc, built, &mut first)
                }
                _ => put(&mut doc, &Built::plain(&item.payload), &mut first),
            }
        }
        if let Change::AddParticipant(built) = &change {
            put(&mut doc, built, &mut first);
        }
        doc.text.push_str(if first { "],\n" } else { "\n ],\n" });
        doc.text.push_str(" \"events\": [");
        let mut first = true;
        let mut index = 0u32;
        for item in self.events() {
            match &change {
                Change::Void(seq) if *seq == item.current => continue,
                Change::Replace(seq, built) if *seq == item.current => {
                    doc.new_event = Some(index);
                    put(&mut doc, built, &mut first)
                }
                _ => put(&mut doc, &Built::plain(&item.payload), &mut first),
            }
            index += 1;
        }
        if let Change::AddEvent(built) = &change {
            doc.new_event = Some(index);
            put(&mut doc, built, &mut first);
        }
        doc.text.push_str(if first { "]}\n" } else { "\n ]}\n" });
        doc
    }
}

/// A change about to be recorded, to check with the case.
pub(crate) enum Change<'a> {
    None,
    AddEvent(&'a Built),
    AddParticipant(&'a Built),
    /// Replace what the entry with this number says.
    Replace(i64, &'a Built),
    /// Leave out what the entry with this number says.
    Void(i64),
}

/// A participant or event written from what a person typed, with where each part is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Built {
    pub text: String,
    pub pieces: Vec<(Field, Range<usize>)>,
}

impl Built {
    fn plain(text: &str) -> Built {
        Built {
            text: text.to_string(),
            pieces: Vec::new(),
        }
    }

    /// An object from parts, each with the field it stands for.
    pub fn object(parts: &[(String, Option<Field>, Part)]) -> Built {
        let mut pieces = Vec::new();
        let text = write_object(parts, 0, &mut pieces);
        Built { text, pieces }
    }
}

/// A value of a [`Built`] object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// A value already written as JSON.
    Json(String),
    /// An object of more parts (an event's `data`, a participant's `facts`).
    Object(Vec<(String, Option<Field>, Part)>),
}

/// Writes an object that will start at `base` in the document, noting where each field's
/// entry (name and value) is.
fn write_object(
    parts: &[(String, Option<Field>, Part)],
    base: usize,
    pieces: &mut Vec<(Field, Range<usize>)>,
) -> String {
    let mut o = Object::new();
    for (key, field, part) in parts {
        let key_start = o.key_start(key);
        match part {
            Part::Json(json) => o.push_raw(json),
            Part::Object(inner) => {
                let at = base + o.len();
                let text = write_object(inner, at, pieces);
                o.push_raw(&text);
            }
        }
        if let Some(field) = field {
            pieces.push((field.clone(), base + key_start..base + o.len()));
        }
    }
    o.finish()
}

/// A case written as a case file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    pub text: String,
    /// Where each part of the new or corrected entry is in `text`.
    pub pieces: Vec<(Field, Range<usize>)>,
    /// The position of the new or corrected event among the events (its `order`).
    pub new_event: Option<u32>,
}

impl Document {
    /// The problems of a document that did not load, each with its field when it is about
    /// one.
    pub fn rejected(&self, case: &str, diagnostics: Vec<Diagnostic>) -> Rejected {
        let problems = diagnostics
            .into_iter()
            .map(|d| {
                let at = d.span().start();
                let field = self
                    .pieces
                    .iter()
                    .find(|(_, r)| r.start <= at && at < r.end.max(r.start + 1))
                    .map(|(f, _)| f.clone());
                Problem {
                    field,
                    diagnostic: d,
                }
            })
            .collect();
        Rejected {
            case: case.to_string(),
            document: self.text.clone(),
            problems,
        }
    }
}
