//! The quick JSON front end: reads a case file without keeping positions, for the common
//! case of a file that is right. Anything unusual (a syntax error, an unknown or repeated
//! key, a value of the wrong shape, an empty name) makes it give up, and the caller reads
//! the file again with [`super::json`], which says exactly what and where the problem is.
//!
//! Names are looked up by the same [`super::resolve`] as the other front ends, so a case it
//! accepts is the case the full reader returns, except for the positions it does not keep.

use super::CsvFile;
use super::resolve::{Item, Raw, RawEvent, RawParticipant, Text};
use super::value::Given;
use crate::case::Case;
use mentor_check::model::Model;
use mentor_diagnostics::Span;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuickCase<'a> {
    #[serde(borrow, default)]
    case: Option<Cow<'a, str>>,
    #[serde(borrow)]
    participants: Vec<QuickParticipant<'a>>,
    #[serde(borrow)]
    events: Vec<QuickEvent<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuickParticipant<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    role: Cow<'a, str>,
    #[serde(default)]
    facts: Option<Entries>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuickEvent<'a> {
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[serde(borrow)]
    event: Cow<'a, str>,
    #[serde(borrow)]
    by: Cow<'a, str>,
    #[serde(borrow, default)]
    to: Option<Cow<'a, str>>,
    #[serde(default)]
    data: Option<Entries>,
}

/// The entries of `facts` or `data`, in order; `null` values are left out, as the full
/// reader leaves them out. A name given twice is refused (the full reader reports it).
struct Entries(Vec<(String, Given)>);

/// One value of `facts` or `data`.
struct Entry(Option<Given>);

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Entry, E> {
                Ok(Entry(Some(Given::Bool(v))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Entry, E> {
                Ok(Entry(Some(Given::Number(v.to_string()))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Entry, E> {
                Ok(Entry(Some(Given::Number(v.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Entry, E> {
                // A fraction is never a right value (no type takes one): let the full
                // reader say so, with the number as written.
                Err(E::custom("a fraction"))
            }
            fn visit_str<E>(self, v: &str) -> Result<Entry, E> {
                Ok(Entry(Some(Given::Str(v.to_string()))))
            }
            fn visit_string<E>(self, v: String) -> Result<Entry, E> {
                Ok(Entry(Some(Given::Str(v))))
            }
            fn visit_unit<E>(self) -> Result<Entry, E> {
                Ok(Entry(None))
            }
            fn visit_none<E>(self) -> Result<Entry, E> {
                Ok(Entry(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Entry(Some(Given::Other("an object in { }"))))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Entry, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Entry(Some(Given::Other("a list in [ ]"))))
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of names and values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out: Vec<(String, Given)> = Vec::new();
                let mut names: Vec<String> = Vec::new();
                while let Some((name, entry)) = map.next_entry::<Cow<'de, str>, Entry>()? {
                    if names.iter().any(|n| n == name.as_ref()) {
                        return Err(de::Error::custom("a name given twice"));
                    }
                    names.push(name.to_string());
                    if let Some(given) = entry.0 {
                        out.push((name.into_owned(), given));
                    }
                }
                Ok(Entries(out))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

fn owned(s: Cow<str>) -> Text {
    Text {
        text: s.into_owned(),
        span: Span::default(),
    }
}

fn items(entries: Option<Entries>) -> Vec<Item> {
    entries.map_or_else(Vec::new, |e| {
        e.0.into_iter()
            .map(|(name, value)| Item {
                name: Text {
                    text: name,
                    span: Span::default(),
                },
                value,
                span: Span::default(),
            })
            .collect()
    })
}

/// Reads a JSON case file that has no problem, without positions; `None` when it has any
/// (read it with [`super::load_json`] to learn what and where).
pub fn load_json_quick(model: &Model, text: &str, default_id: &str) -> Option<Case> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let quick: QuickCase = serde_json::from_str(body).ok()?;
    let id = match quick.case {
        Some(id) if id.trim().is_empty() => return None,
        Some(id) => id.into_owned(),
        None => default_id.to_string(),
    };
    let raw = Raw {
        id,
        participants: quick
            .participants
            .into_iter()
            .map(|p| RawParticipant {
                id: Some(owned(p.id)),
                role: Some(owned(p.role)),
                facts: items(p.facts),
                span: Span::default(),
                file: CsvFile::Events,
            })
            .collect(),
        events: quick
            .events
            .into_iter()
            .enumerate()
            .map(|(order, e)| RawEvent {
                at: Some(owned(e.at)),
                event: Some(owned(e.event)),
                by: Some(owned(e.by)),
                to: e.to.map(owned),
                data: items(e.data),
                span: Span::default(),
                file: CsvFile::Events,
                order: u32::try_from(order).unwrap_or(u32::MAX),
            })
            .collect(),
        csv: false,
    };
    super::resolve::resolve(model, raw, Vec::new())
        .ok()
        .map(|(case, _)| case)
}
