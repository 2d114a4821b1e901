//! Disclosure: which facts of whom may reach which role, after which consent and until
//! which withdrawal. Each disclosure event is checked on its day.
//!
//! A consent or a withdrawal counts for a disclosure when it concerns the person whose facts
//! are shared or the one who receives them, and names no other person of the recipient's
//! role: a match with one mentor lets details go to that mentor, not to another one.

use super::{Ctx, People, Rule};
use crate::case::CaseEvent;
use crate::outcome::{EventList, Violation, ViolationKind};
use mentor_check::model::DisclosureRule;
use mentor_check::model::{RuleDef, RuleId};
use mentor_check::types::Value;
use smallvec::{SmallVec, smallvec};

impl Rule for DisclosureRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        run(ctx, id, rule, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &DisclosureRule) {
    for &i in ctx.occurrences(this.through) {
        ctx.trigger(id);
        let Some(e) = ctx.event(i) else { continue };
        let mut problems = consent(ctx, this, i);
        if let Some(fields) = unlisted(ctx, this, e) {
            problems.push((fields, smallvec![i]));
        }
        for (kind, events) in problems {
            ctx.push_violation(Violation {
                rule: id,
                severity: rule.severity,
                party: Some(e.by),
                at: e.date,
                events,
                kind,
            });
        }
    }
}

/// What is wrong with one disclosure (at most one thing about its consent, and the fields).
type Problems = SmallVec<[(ViolationKind, EventList); 1]>;

/// A disclosure (event `i`) before its consent, or after the consent was withdrawn.
fn consent(ctx: &Ctx<'_>, this: &DisclosureRule, i: u32) -> Problems {
    let Some(after) = this.after else {
        return Problems::new();
    };
    let Some(e) = ctx.event(i) else {
        return Problems::new();
    };
    // The subject's people the disclosure involves (who does it, then to whom).
    let mut direct = People::new();
    for p in std::iter::once(e.by).chain(e.to) {
        if ctx.role_of(p) == Some(this.subject) {
            direct.push(p);
        }
    }
    let whose = if direct.is_empty() {
        ctx.case.with_role(this.subject)
    } else {
        &direct[..]
    };
    let receiver = e.to.filter(|&t| ctx.role_of(t) == Some(this.recipient));
    // A consent or withdrawal about the subject or the receiver, naming nobody else of the
    // recipient's role.
    let about = |j: u32| {
        ctx.event(j).is_some_and(|x| {
            let concerns =
                whose.iter().any(|&p| x.involves(p)) || receiver.is_some_and(|r| x.involves(r));
            let someone_else = receiver.is_some_and(|r| {
                [Some(x.by), x.to]
                    .into_iter()
                    .flatten()
                    .any(|p| p != r && ctx.role_of(p) == Some(this.recipient))
            });
            concerns && !someone_else
        })
    };
    let consents = ctx.occurrences(after);
    let before = consents.partition_point(|&j| j < i);
    let consent = consents
        .get(..before)
        .unwrap_or(&[])
        .iter()
        .rev()
        .copied()
        .find(|&j| about(j));
    let Some(c) = consent else {
        return smallvec![(ViolationKind::DisclosedBeforeConsent, smallvec![i])];
    };
    let withdrawn = this.until.and_then(|u| {
        let all = ctx.occurrences(u);
        let from = all.partition_point(|&j| j <= c);
        let to = all.partition_point(|&j| j < i);
        all.get(from..to.max(from))
            .unwrap_or(&[])
            .iter()
            .copied()
            .find(|&j| about(j))
    });
    match withdrawn {
        Some(w) => smallvec![(
            ViolationKind::DisclosedAfterWithdrawal {
                withdrawn: ctx.date_of(w),
            },
            smallvec![c, w, i],
        )],
        None => Problems::new(),
    }
}

/// With `share only` and a listing field: the facts listed that may not be shared.
fn unlisted(ctx: &Ctx<'_>, this: &DisclosureRule, e: &CaseEvent) -> Option<ViolationKind> {
    let field = this.listing.filter(|_| this.only)?;
    let Some(Some(Value::Text(list))) = e.data.get(field as usize) else {
        return None;
    };
    let facts = ctx
        .model
        .role(this.subject)
        .map(|r| &r.facts[..])
        .unwrap_or(&[]);
    let allowed = || {
        this.facts
            .iter()
            .filter_map(|f| facts.get(*f as usize).map(|d| d.name.as_str()))
    };
    let mut extra = entries(list)
        .filter(|s| !allowed().any(|a| a == *s))
        .peekable();
    extra.peek()?;
    Some(ViolationKind::DisclosedFields {
        fields: extra.map(str::to_string).collect(),
        allowed: allowed().map(str::to_string).collect(),
    })
}

/// The entries of a listing (`first_name, phone`): the text between commas and semicolons,
/// trimmed, empty ones left out.
fn entries(list: &str) -> Entries<'_> {
    Entries { rest: Some(list) }
}

/// The entries of a listing still to read.
struct Entries<'a> {
    /// The text after the last cut (`None`: all read).
    rest: Option<&'a str>,
}

impl<'a> Iterator for Entries<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let rest = self.rest?;
            // Cut byte by byte: a comma and a semicolon are one byte each, and no byte of
            // another character can be taken for one.
            let (entry, after) = match rest.bytes().position(|b| b == b',' || b == b';') {
                Some(at) => (rest.get(..at), rest.get(at + 1..)),
                None => (Some(rest), None),
            };
            self.rest = after;
            let entry = trimmed(entry.unwrap_or_default());
            if !entry.is_empty() {
                return Some(entry);
            }
        }
    }
}

/// `text` without the spaces (of any kind) around it; at once when it starts and ends with a
/// visible ASCII character, as entries nearly always do.
fn trimmed(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::entries;

    /// The entries a listing names are the text between commas and semicolons, trimmed as
    /// text is (any kind of space), in order, whatever characters the listing holds.
    #[test]
    fn entries_are_the_listing_cut_at_commas_and_semicolons() {
        let listings = [
            "first_name,phone",
            "first_name, address",
            " ;;phone;",
            "",
            ",;, ",
            "prénom ; straße,名前",
            "\u{3000}name\u{3000},\u{a0}phone\u{a0};e\u{301}",
            "one",
            "\u{b}tab\t,\r\nx\u{c}",
            " a b ,c",
        ];
        for list in listings {
            let expected: Vec<&str> = list
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(entries(list).collect::<Vec<_>>(), expected, "{list:?}");
        }
    }
}
