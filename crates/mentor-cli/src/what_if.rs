//! `mentor next ... --with 'EVENT --by ID [--to ID] --at DATE [--set FIELD=VALUE]'`: a case
//! as if an event had happened (nothing is recorded). The event is checked as an event of a
//! case file is, and its problems are drawn under the `--with` text.

use clap::Parser;
use mentor_check::Model;
use mentor_diagnostics::Span;
use mentor_diagnostics::render::{self, Style};
use mentor_eval::Case;
use mentor_eval::load::{self, AddedEvent, Written};

/// The words of a `--with`, as a small command line of their own.
#[derive(Parser, Debug)]
#[command(name = "--with", no_binary_name = true, disable_help_flag = true)]
struct With {
    /// The event's name
    event: String,
    /// Who did it
    #[arg(long)]
    by: String,
    /// Who it went to
    #[arg(long)]
    to: Option<String>,
    /// When (a date, or a date and time)
    #[arg(long)]
    at: String,
    /// A data field of the event
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    set: Vec<String>,
}

/// Where each word is in the text: found in order; a word that was quoted is placed on the
/// whole text.
fn locate(spec: &str, word: &str, from: &mut usize) -> Span {
    match spec.get(*from..).and_then(|rest| rest.find(word)) {
        Some(at) => {
            let start = *from + at;
            *from = start + word.len();
            Span::new(start, start + word.len())
        }
        None => Span::new(0, spec.len()),
    }
}

/// The case as if the `--with` event had happened, and a line saying what was added; or
/// the problems, drawn (a usage error).
pub fn apply(
    model: &Model,
    case: &Case,
    spec: &str,
    style: Style,
) -> Result<(Case, String), String> {
    let Some(words) = shlex::split(spec) else {
        return Err(format!("`--with {spec}` has an unclosed quote"));
    };
    let with = With::try_parse_from(&words).map_err(|e| {
        format!(
            "`--with` describes one event, such as `--with 'session_held --by ben --to amara --at 2027-01-10'`\n{}",
            e.render()
        )
    })?;
    let mut from = 0;
    let mut written = |word: &str| -> Written { (word.to_string(), locate(spec, word, &mut from)) };
    let event = written(&with.event);
    let by = written(&with.by);
    let to = with.to.as_deref().map(&mut written);
    let at = written(&with.at);
    let mut data = Vec::new();
    for set in &with.set {
        let Some((name, value)) = set.split_once('=') else {
            return Err(format!(
                "`--set {set}` names a field and its value: `--set minutes=90`"
            ));
        };
        let name = written(name.trim());
        let value = written(value);
        data.push((name, value));
    }
    let added = AddedEvent {
        at,
        event,
        by,
        to,
        data,
        span: Span::new(0, spec.len()),
    };
    match load::add_event(model, case, &added) {
        Ok(case) => {
            let to = with
                .to
                .as_ref()
                .map(|t| format!(" to {t}"))
                .unwrap_or_default();
            Ok((
                case,
                format!(
                    "What if: {} by {}{to} on {} (not recorded)",
                    with.event, with.by, with.at
                ),
            ))
        }
        Err(found) => Err(format!(
            "{}the event of `--with` cannot be added; nothing was evaluated",
            render::human("--with", spec, &found, style)
        )),
    }
}
