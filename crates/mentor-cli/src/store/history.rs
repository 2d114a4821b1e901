//! `mentor history CASE`: a case's log, corrections included, with who recorded what and when.

use super::{StoreArg, fail};
use crate::{Outcome, files};
use mentor_store::{HistoryItem, Kind};
use serde_json::Value;

#[derive(clap::Args)]
pub struct Args {
    /// The case (`S-0001`)
    case: String,
    /// Print the entries as JSON
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    store: StoreArg,
}

pub fn run(args: &Args) -> Outcome {
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let items = match store.history(&args.case) {
        Ok(items) => items,
        Err(e) => return fail(&e),
    };
    if args.json {
        return match serde_json::to_string_pretty(&items) {
            Ok(s) => {
                outln!("{s}");
                Outcome::Ok
            }
            Err(e) => {
                files::trouble(&format!("cannot write JSON: {e}"));
                Outcome::Trouble
            }
        };
    }
    out!("{}", render(&args.case, &items));
    Outcome::Ok
}

/// The history as text: one entry per line, aligned; a correction's reason under it.
pub fn render(case: &str, items: &[HistoryItem]) -> String {
    let corrections = items
        .iter()
        .filter(|i| i.entry.kind == Kind::Correction)
        .count();
    let mut out = format!(
        "case {case}: {} entries, {}\n",
        items.len(),
        match corrections {
            0 => "no corrections".to_string(),
            1 => "1 correction".to_string(),
            n => format!("{n} corrections"),
        }
    );
    let seq_w = items
        .iter()
        .map(|i| i.entry.seq.to_string().len())
        .max()
        .unwrap_or(1);
    let who_w = items
        .iter()
        .map(|i| i.entry.recorded_by.chars().count())
        .max()
        .unwrap_or(1);
    for item in items {
        let e = &item.entry;
        let json = e.json();
        let mut line = match e.kind {
            Kind::Case => "opened the case".to_string(),
            Kind::Participant => format!("participant {}", participant(&json)),
            Kind::Event => format!("event {}", event(&json)),
            Kind::Policy => "set the policy".to_string(),
            Kind::Correction => {
                let target = e.corrects.unwrap_or(0);
                match json.get("with") {
                    Some(with) if with.get("event").is_some() => {
                        format!("replaces entry {target} with: event {}", event(with))
                    }
                    Some(with) => {
                        format!(
                            "replaces entry {target} with: participant {}",
                            participant(with)
                        )
                    }
                    None => format!("voids entry {target}"),
                }
            }
        };
        if let Some(by) = item.corrected_by {
            let how = items
                .iter()
                .find(|i| i.entry.seq == by)
                .map(|i| i.entry.json())
                .and_then(|j| j.get("with").map(|_| "replaced"))
                .unwrap_or("voided");
            line.push_str(&format!("   [{how} by entry {by}]"));
        }
        out.push_str(&format!(
            "  {:>seq_w$}  {}  {:<who_w$}  {line}\n",
            e.seq, e.recorded_at, e.recorded_by
        ));
        if let Some(reason) = json.get("reason").and_then(Value::as_str) {
            let indent = 2 + seq_w + 2 + e.recorded_at.len() + 2 + who_w + 2;
            out.push_str(&format!("{:indent$}reason: {reason}\n", ""));
        }
    }
    out
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn settings(v: Option<&Value>) -> String {
    v.and_then(Value::as_object)
        .map(|o| {
            o.iter()
                .map(|(k, v)| format!("{k}={}", text(v)))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|s| !s.is_empty())
        .map(|s| format!(" ({s})"))
        .unwrap_or_default()
}

fn event(v: &Value) -> String {
    let get = |k: &str| v.get(k).map(text).unwrap_or_default();
    let to = v
        .get("to")
        .map(|t| format!(" to {}", text(t)))
        .unwrap_or_default();
    format!(
        "{} {} by {}{to}{}",
        get("at"),
        get("event"),
        get("by"),
        settings(v.get("data"))
    )
}

fn participant(v: &Value) -> String {
    let get = |k: &str| v.get(k).map(text).unwrap_or_default();
    format!("{}, {}{}", get("id"), get("role"), settings(v.get("facts")))
}
