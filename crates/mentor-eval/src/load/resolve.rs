//! Names to indices: the second half of loading, shared by JSON and CSV. Looks up roles,
//! facts, events, fields and participant ids in the model, converts values to their declared
//! types and checks who may do and receive each event.

use super::CsvFile;
use super::value::{BadValue, Given, convert, parse_at};
use crate::case::{Case, CaseEvent, Participant};
use chrono::NaiveDateTime;
use mentor_check::model::{EventId, FieldDef, Model, RoleId};
use mentor_check::types::Value;
use mentor_diagnostics::catalog::case::{self, Incomplete, Party};
use mentor_diagnostics::catalog::case_values;
use mentor_diagnostics::{Diagnostic, Span};
use std::collections::HashMap;

/// A name or a string as written, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text {
    pub text: String,
    pub span: Span,
}

/// A fact or field: its name (a JSON key, or a CSV column header with the cell's span) and
/// its value as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub name: Text,
    pub value: Given,
    /// Where the value is.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawParticipant {
    pub id: Option<Text>,
    pub role: Option<Text>,
    pub facts: Vec<Item>,
    pub span: Span,
    pub file: CsvFile,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawEvent {
    pub at: Option<Text>,
    pub event: Option<Text>,
    pub by: Option<Text>,
    pub to: Option<Text>,
    pub data: Vec<Item>,
    pub span: Span,
    pub file: CsvFile,
    pub order: u32,
}

/// A case as read by a front end: names not yet looked up. Whatever is missing here has
/// already been reported by the front end.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Raw {
    pub id: String,
    pub participants: Vec<RawParticipant>,
    pub events: Vec<RawEvent>,
    /// Read from CSV files (messages then speak of cells and rows).
    pub csv: bool,
}

impl Raw {
    /// Every name and string in NFC, so that a name typed in decomposed Unicode matches its
    /// composed form (as the policy's names are).
    fn composed(mut self) -> Raw {
        mentor_syntax::unicode::make_nfc(&mut self.id);
        for p in &mut self.participants {
            compose(&mut p.id);
            compose(&mut p.role);
            compose_items(&mut p.facts);
        }
        for e in &mut self.events {
            e.compose();
        }
        self
    }
}

impl RawEvent {
    /// Its names and strings in NFC (see [`Raw::composed`]).
    fn compose(&mut self) {
        compose(&mut self.event);
        compose(&mut self.by);
        compose(&mut self.to);
        compose_items(&mut self.data);
    }
}

fn compose(text: &mut Option<Text>) {
    if let Some(t) = text {
        mentor_syntax::unicode::make_nfc(&mut t.text);
    }
}

fn compose_items(items: &mut [Item]) {
    for item in items {
        mentor_syntax::unicode::make_nfc(&mut item.name.text);
        if let Given::Str(s) | Given::Cell(s) = &mut item.value {
            mentor_syntax::unicode::make_nfc(s);
        }
    }
}

/// A loaded case and the notes about it (warnings, such as a column left out).
pub(crate) type Noted = (Case, Vec<(CsvFile, Diagnostic)>);

/// Looks everything up; the case and its notes, or every problem (the front end's first)
/// in order, notes included.
pub(crate) fn resolve(
    model: &Model,
    raw: Raw,
    diags: Vec<(CsvFile, Diagnostic)>,
) -> Result<Noted, Vec<(CsvFile, Diagnostic)>> {
    let raw = raw.composed();
    let mut resolver = Resolver {
        model,
        csv: raw.csv,
        diags,
        ids: HashMap::new(),
        roles: Vec::new(),
    };
    let participants = resolver.participants(&raw.participants);
    let events: Vec<CaseEvent> = raw
        .events
        .iter()
        .filter_map(|e| resolver.event(e, &raw.participants))
        .collect();
    let mut diags = resolver.diags;
    let errors = diags.iter().filter(|(_, d)| d.is_error()).count();
    let complete = participants.len() == raw.participants.len() && events.len() == raw.events.len();
    if errors == 0 && !complete {
        // The front ends report everything that is missing; this is a safety net.
        diags.push((
            CsvFile::Events,
            case::incomplete(Span::at(0), Incomplete::Case),
        ));
    }
    diags.sort_by_key(|(file, d)| {
        let rank = match file {
            CsvFile::Participants => 0,
            CsvFile::Events => 1,
        };
        (rank, d.span().start, d.span().end, d.code)
    });
    if diags.iter().all(|(_, d)| !d.is_error()) {
        let case = Case::new(
            raw.id,
            participants,
            events,
            model.roles.len(),
            model.events.len(),
        );
        return Ok((case, diags));
    }
    Err(diags)
}

struct Resolver<'m, 'r> {
    model: &'m Model,
    csv: bool,
    diags: Vec<(CsvFile, Diagnostic)>,
    /// Participant id to its index in the raw list (the first, if listed twice).
    ids: HashMap<&'r str, usize>,
    /// The role of each raw participant, when known.
    roles: Vec<Option<RoleId>>,
}

impl<'m, 'r> Resolver<'m, 'r> {
    fn push(&mut self, file: CsvFile, diagnostic: Diagnostic) {
        self.diags.push((file, diagnostic));
    }

    fn bad_value(&mut self, file: CsvFile, name: &str, span: Span, bad: BadValue) {
        self.push(file, case_values::bad_value(span, name, &bad));
    }

    fn participants(&mut self, raw: &'r [RawParticipant]) -> Vec<Participant> {
        let mut out = Vec::new();
        for (i, p) in raw.iter().enumerate() {
            let role = p.role.as_ref().and_then(|t| self.role(t, p.file));
            self.roles.push(role);
            let mut id_ok = false;
            if let Some(id) = &p.id {
                if id.text.trim().is_empty() {
                    self.push(p.file, case::empty_id(id.span));
                } else if let Some(&first) = self.ids.get(id.text.as_str()) {
                    let first = raw.get(first).and_then(|f| f.id.as_ref()).map(|t| t.span);
                    self.push(p.file, case::participant_twice(id.span, &id.text, first));
                } else {
                    self.ids.insert(id.text.as_str(), i);
                    id_ok = true;
                }
            }
            let Some(role) = role else { continue };
            let facts = self.facts(p, role);
            if let (true, Some(id)) = (id_ok, &p.id) {
                out.push(Participant {
                    id: id.text.clone(),
                    role,
                    facts,
                    span: p.span,
                });
            }
        }
        out
    }

    fn role(&mut self, name: &Text, file: CsvFile) -> Option<RoleId> {
        if let Some(role) = self.model.role_by_name(&name.text) {
            return Some(role);
        }
        let names: Vec<&str> = self.model.roles.iter().map(|r| r.name.as_str()).collect();
        let d = case::unknown_role(name.span, &name.text, &names);
        self.push(file, d);
        None
    }

    fn facts(&mut self, p: &RawParticipant, role: RoleId) -> Vec<Option<Value>> {
        let model = self.model;
        let Some(def) = model.role(role) else {
            return Vec::new();
        };
        let mut facts = vec![None; def.facts.len()];
        for item in &p.facts {
            let name = item.name.text.as_str();
            let Some((slot, fact)) = def
                .fact(name)
                .and_then(|k| Some((facts.get_mut(k as usize)?, def.facts.get(k as usize)?)))
            else {
                let owners: Vec<&str> = model
                    .roles
                    .iter()
                    .filter(|r| r.fact(name).is_some())
                    .map(|r| r.name.as_str())
                    .collect();
                let facts: Vec<&str> = def.facts.iter().map(|f| f.name.as_str()).collect();
                let d = if self.csv {
                    let who = p.id.as_ref().map(|t| t.text.as_str());
                    case::fact_cell_of_other_role(item.span, who, name, &def.name, &owners)
                } else {
                    case::unknown_fact(item.name.span, name, &def.name, &facts, &owners)
                };
                self.push(p.file, d);
                continue;
            };
            match convert(model, fact.ty, &item.value) {
                Ok(value) => *slot = Some(value),
                Err(bad) => self.bad_value(p.file, name, item.span, bad),
            }
        }
        facts
    }

    fn event(&mut self, e: &RawEvent, raw: &[RawParticipant]) -> Option<CaseEvent> {
        let at = e.at.as_ref().and_then(|t| self.at(t, e.file));
        let event = e.event.as_ref().and_then(|t| self.event_kind(t, e.file));
        let by = e.by.as_ref().and_then(|t| self.participant(t, e.file));
        let to = e.to.as_ref().and_then(|t| self.participant(t, e.file));
        let mut data = Vec::new();
        if let Some(event) = event {
            if let (Some(by), Some(name)) = (by, &e.by) {
                self.check_actor(e, event, by, name, raw);
            }
            if let Some(name) = &e.to {
                self.check_recipient(e, event, to, name, raw);
            }
            data = self.data(e, event);
        }
        let (at, has_time) = at?;
        let to = match (&e.to, to) {
            (None, _) => None,
            (Some(_), Some(to)) => Some(u32::try_from(to).ok()?),
            (Some(_), None) => return None,
        };
        Some(CaseEvent {
            at,
            date: at.date(),
            has_time,
            event: event?,
            by: u32::try_from(by?).ok()?,
            to,
            data,
            order: e.order,
            span: e.span,
        })
    }

    fn at(&mut self, t: &Text, file: CsvFile) -> Option<(NaiveDateTime, bool)> {
        let zone = self.model.programme.as_ref().and_then(|p| p.time_zone);
        match parse_at(&t.text, zone) {
            Ok((at, has_time)) => {
                let date = at.date();
                if let Some(cal) = self
                    .model
                    .calendars
                    .iter()
                    .find(|c| !c.calendar.contains(date))
                {
                    let d = case_values::outside_calendar(
                        t.span,
                        &date.to_string(),
                        &cal.name,
                        cal.calendar.first_year(),
                        cal.calendar.last_year(),
                    );
                    self.push(file, d);
                    return None;
                }
                Some((at, has_time))
            }
            Err(bad) => {
                self.bad_value(file, "at", t.span, bad);
                None
            }
        }
    }

    fn event_kind(&mut self, t: &Text, file: CsvFile) -> Option<EventId> {
        if let Some(event) = self.model.event_by_name(&t.text) {
            return Some(event);
        }
        let names: Vec<&str> = self.model.events.iter().map(|e| e.name.as_str()).collect();
        let d = case::unknown_event(t.span, &t.text, &names);
        self.push(file, d);
        None
    }

    fn participant(&mut self, t: &Text, file: CsvFile) -> Option<usize> {
        if let Some(&i) = self.ids.get(t.text.as_str()) {
            return Some(i);
        }
        let ids: Vec<&str> = self.ids.keys().copied().collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        let d = case::unknown_participant(t.span, &t.text, &sorted, self.csv);
        self.push(file, d);
        None
    }

    /// The role of a raw participant, with where it is written.
    fn role_of(
        &self,
        index: usize,
        raw: &[RawParticipant],
    ) -> Option<(RoleId, Option<(CsvFile, Span)>)> {
        let role = (*self.roles.get(index)?)?;
        let place = raw
            .get(index)
            .and_then(|p| Some((p.file, p.role.as_ref()?.span)));
        Some((role, place))
    }

    /// A participant of a role that may not do (or receive) the event; where the file
    /// lists the participant's role is noted when it is the same file.
    fn not_allowed(
        &mut self,
        e: &RawEvent,
        name: &Text,
        (role, place): (RoleId, Option<(CsvFile, Span)>),
        event: &str,
        party: Party,
        allowed: &[RoleId],
    ) {
        let model = self.model;
        let allowed: Vec<&str> = allowed.iter().map(|r| model.role_name(*r)).collect();
        let listed = place.filter(|(f, _)| *f == e.file).map(|(_, span)| span);
        let d = case::party_not_allowed(
            name.span,
            &name.text,
            model.role_name(role),
            event,
            party,
            &allowed,
            listed,
        );
        self.push(e.file, d);
    }

    fn check_actor(
        &mut self,
        e: &RawEvent,
        event: EventId,
        by: usize,
        name: &Text,
        raw: &[RawParticipant],
    ) {
        let model = self.model;
        let (Some(def), Some(role)) = (model.event(event), self.role_of(by, raw)) else {
            return;
        };
        if def.by.contains(&role.0) {
            return;
        }
        self.not_allowed(e, name, role, &def.name, Party::By, &def.by);
    }

    fn check_recipient(
        &mut self,
        e: &RawEvent,
        event: EventId,
        to: Option<usize>,
        name: &Text,
        raw: &[RawParticipant],
    ) {
        let model = self.model;
        let Some(def) = model.event(event) else {
            return;
        };
        // An event the policy sends to nobody may still name who it concerned (a cancelled
        // session's other party, say): the case file is not wrong to say so.
        if def.to.is_empty() {
            return;
        }
        let Some(role) = to.and_then(|to| self.role_of(to, raw)) else {
            return;
        };
        if def.to.contains(&role.0) {
            return;
        }
        self.not_allowed(e, name, role, &def.name, Party::To, &def.to);
    }

    fn data(&mut self, e: &RawEvent, event: EventId) -> Vec<Option<Value>> {
        let model = self.model;
        let Some(def) = model.event(event) else {
            return Vec::new();
        };
        let mut data = vec![None; def.fields.len()];
        for item in &e.data {
            let name = item.name.text.as_str();
            let found: Option<(&mut Option<Value>, &FieldDef)> = def
                .field(name)
                .and_then(|k| Some((data.get_mut(k as usize)?, def.fields.get(k as usize)?)));
            let Some((slot, field)) = found else {
                let d = if self.csv {
                    let owners: Vec<&str> = model
                        .events
                        .iter()
                        .filter(|ev| ev.field(name).is_some())
                        .map(|ev| ev.name.as_str())
                        .collect();
                    case::field_cell_of_other_event(item.span, name, &def.name, &owners)
                } else {
                    let fields: Vec<&str> = def.fields.iter().map(|f| f.name.as_str()).collect();
                    case::unknown_field(item.name.span, name, &def.name, &fields)
                };
                self.push(e.file, d);
                continue;
            };
            match convert(model, field.ty, &item.value) {
                Ok(value) => *slot = Some(value),
                Err(bad) => self.bad_value(e.file, name, item.span, bad),
            }
        }
        data
    }
}

/// Adds one event to a loaded case (a what-if), checked as an event of a case file is:
/// the case with it, or its problems.
pub(crate) fn add_event(
    model: &Model,
    case: &Case,
    mut event: RawEvent,
) -> Result<Case, Vec<Diagnostic>> {
    let raw: Vec<RawParticipant> = case
        .participants
        .iter()
        .map(|p| RawParticipant {
            id: Some(Text {
                text: p.id.clone(),
                span: Span::default(),
            }),
            role: Some(Text {
                text: model.role_name(p.role).to_string(),
                span: Span::default(),
            }),
            facts: Vec::new(),
            span: Span::default(),
            file: CsvFile::Participants,
        })
        .collect();
    event.compose();
    let mut resolver = Resolver {
        model,
        csv: false,
        diags: Vec::new(),
        ids: case
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect(),
        roles: case.participants.iter().map(|p| Some(p.role)).collect(),
    };
    event.order = case
        .events
        .iter()
        .map(|e| e.order)
        .max()
        .map_or(0, |o| o.saturating_add(1));
    let added = resolver.event(&event, &raw);
    let mut diags: Vec<Diagnostic> = resolver.diags.into_iter().map(|(_, d)| d).collect();
    match added {
        Some(added) if diags.is_empty() => {
            let mut events = case.events.clone();
            events.push(added);
            Ok(Case::new(
                case.id.clone(),
                case.participants.clone(),
                events,
                model.roles.len(),
                model.events.len(),
            ))
        }
        _ => {
            if diags.is_empty() {
                diags.push(case::incomplete(event.span, Incomplete::Event));
            }
            diags.sort_by_key(|d| (d.span().start, d.code));
            Err(diags)
        }
    }
}
