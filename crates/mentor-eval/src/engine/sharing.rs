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
use smallvec::smallvec;

impl Rule for DisclosureRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        run(ctx, id, rule, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &DisclosureRule) {
    let disclosures = ctx.occurrences(this.through);
    if disclosures.is_empty() {
        return;
    }
    ctx.trigger(id);
    let consents = this.after.map_or(&[][..], |a| ctx.occurrences(a));
    let withdrawals = this.until.map_or(&[][..], |u| ctx.occurrences(u));
    // The consents and withdrawals before the disclosure: disclosures are in time order, so
    // these only move on.
    let (mut consented, mut withdrawn) = (0, 0);
    let mut last_listing: Option<(Option<&str>, Option<ViolationKind>)> = None;
    // Whom the last disclosure concerned, by who did it and to whom.
    let mut last_people: Option<((u32, Option<u32>), Concerned)> = None;
    for &i in disclosures {
        let Some(e) = ctx.event(i) else { continue };
        while consents.get(consented).is_some_and(|&j| j < i) {
            consented += 1;
        }
        while withdrawals.get(withdrawn).is_some_and(|&j| j < i) {
            withdrawn += 1;
        }
        let problem = this.after.and_then(|_| {
            let consents = consents.get(..consented).unwrap_or(&[]);
            let withdrawals = withdrawals.get(..withdrawn).unwrap_or(&[]);
            let concerned = match &last_people {
                Some((by_to, concerned)) if *by_to == (e.by, e.to) => concerned,
                _ => {
                    &last_people
                        .insert(((e.by, e.to), Concerned::of(ctx, this, e)))
                        .1
                }
            };
            consent(ctx, this, concerned, i, consents, withdrawals)
        });
        if let Some((kind, events)) = problem {
            push(ctx, id, rule, e, kind, events);
        }
        // Disclosures nearly always list the same details: a listing like the last one is
        // not read again.
        let listing = listing(this, e);
        let fields = match &last_listing {
            Some((last, found)) if *last == listing => found.clone(),
            _ => {
                let found = listing.and_then(|list| unlisted(ctx, this, list));
                last_listing = Some((listing, found.clone()));
                found
            }
        };
        if let Some(fields) = fields {
            push(ctx, id, rule, e, fields, smallvec![i]);
        }
    }
}

/// Records what is wrong with the disclosure `e`.
fn push(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    rule: &RuleDef,
    e: &CaseEvent,
    kind: ViolationKind,
    events: EventList,
) {
    ctx.push_violation(Violation {
        rule: id,
        severity: rule.severity,
        party: Some(e.by),
        at: e.date,
        events,
        kind,
    });
}

/// Whom a disclosure concerns: the subject's people it involves (who does it, then to whom;
/// none: everyone of the subject's role), and who receives it when of the recipient's role.
struct Concerned {
    direct: People,
    receiver: Option<u32>,
}

impl Concerned {
    fn of(ctx: &Ctx<'_>, this: &DisclosureRule, e: &CaseEvent) -> Concerned {
        let mut direct = People::new();
        for p in std::iter::once(e.by).chain(e.to) {
            if ctx.role_of(p) == Some(this.subject) {
                direct.push(p);
            }
        }
        let receiver = e.to.filter(|&t| ctx.role_of(t) == Some(this.recipient));
        Concerned { direct, receiver }
    }
}

/// A disclosure (event `i`, concerning `concerned`) before its consent, or after the consent
/// was withdrawn; `consents` and `withdrawals` are those before it.
fn consent(
    ctx: &Ctx<'_>,
    this: &DisclosureRule,
    concerned: &Concerned,
    i: u32,
    consents: &[u32],
    withdrawals: &[u32],
) -> Option<(ViolationKind, EventList)> {
    let whose = if concerned.direct.is_empty() {
        ctx.case.with_role(this.subject)
    } else {
        &concerned.direct[..]
    };
    let receiver = concerned.receiver;
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
    let Some(c) = consents.iter().rev().copied().find(|&j| about(j)) else {
        return Some((ViolationKind::DisclosedBeforeConsent, smallvec![i]));
    };
    // The withdrawals since the consent (they are in time order).
    let since = withdrawals.partition_point(|&j| j <= c);
    let w = withdrawals
        .get(since..)
        .unwrap_or(&[])
        .iter()
        .copied()
        .find(|&j| about(j))?;
    Some((
        ViolationKind::DisclosedAfterWithdrawal {
            withdrawn: ctx.date_of(w),
        },
        smallvec![c, w, i],
    ))
}

/// With `share only` and a listing field: what the disclosure `e` lists.
fn listing<'e>(this: &DisclosureRule, e: &'e CaseEvent) -> Option<&'e str> {
    let field = this.listing.filter(|_| this.only)?;
    match e.data.get(field as usize) {
        Some(Some(Value::Text(list))) => Some(list),
        _ => None,
    }
}

/// The facts a disclosure's listing (`list`) names that may not be shared.
fn unlisted(ctx: &Ctx<'_>, this: &DisclosureRule, list: &str) -> Option<ViolationKind> {
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
