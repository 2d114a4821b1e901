//! One sentence (or a few) per kind of rule.

use super::condition::{Scope, condition};
use super::words::{
    anchor, both, deadline, duty, either, event as event_words, event_match, figure,
};
use mentor_check::Model;
use mentor_check::model::{DeadlineDef, DutyDef, Figure, MonthDay, RuleDef, RuleKind};
use mentor_check::model::{
    DeadlineRule, DisclosureRule, EachHaveRule, EachOutsideRule, EachWithinRule, LadderRule,
    LimitRule, PhaseRule, RecurringRule, TerminationRule,
};

/// A rule's meaning in plain English, for example "the mentor must do mentor_responded or
/// mentor_declined within 5 working days (england_and_wales calendar) after
/// mentoring_requested".
pub fn describe_rule(model: &Model, rule: &RuleDef) -> String {
    match &rule.kind {
        RuleKind::Deadline(r) => r.describe(model, rule),
        RuleKind::Recurring(r) => r.describe(model, rule),
        RuleKind::EachHave(r) => r.describe(model, rule),
        RuleKind::EachWithin(r) => r.describe(model, rule),
        RuleKind::EachOutside(r) => r.describe(model, rule),
        RuleKind::Limit(r) => r.describe(model, rule),
        RuleKind::Ladder(r) => r.describe(model, rule),
        RuleKind::Termination(r) => r.describe(model, rule),
        RuleKind::Disclosure(r) => r.describe(model, rule),
        RuleKind::Phase(r) => r.describe(model, rule),
    }
}

/// What each kind of rule means, in words: each kind's struct says it of itself.
trait Describe {
    fn describe(&self, model: &Model, rule: &RuleDef) -> String;
}

impl Describe for DeadlineRule {
    fn describe(&self, model: &Model, _rule: &RuleDef) -> String {
        let DeadlineRule {
            anchor: a,
            duty: d,
            deadline: due,
        } = self;
        let when = match due {
            Some(due) => deadline(model, due),
            None => "at some time".to_string(),
        };
        format!("{} {when} after {}", duty(model, d), anchor(model, a))
    }
}

impl Describe for RecurringRule {
    fn describe(&self, model: &Model, _rule: &RuleDef) -> String {
        let RecurringRule {
            from,
            until,
            until_ladder,
            duty: d,
            day,
        } = self;
        let mut out = "every month".to_string();
        if let Some(from) = from {
            out.push_str(&format!(" from {}", event_match(model, from)));
        }
        if let Some(until) = until {
            out.push_str(&format!(" until {}", event_match(model, until)));
        }
        if let Some(ladder) = until_ladder.and_then(|l| model.rule(l)) {
            out.push_str(&format!(
                " until the outcome of the ladder {} is done for the one it tried to reach",
                ladder.name
            ));
        }
        let due = match day {
            MonthDay::Day(n) => format!("by day {n} of the month"),
            MonthDay::End => "by the end of the month".to_string(),
        };
        format!("{out}, {} {due}", duty(model, d))
    }
}

impl Describe for EachHaveRule {
    fn describe(&self, model: &Model, rule: &RuleDef) -> String {
        let modality = rule.severity.as_str();
        let EachHaveRule {
            event,
            condition: c,
        } = self;
        format!(
            "each {} {modality} meet the condition: {}",
            event_match(model, event),
            condition(model, c, Scope::Event(event.event))
        )
    }
}

impl Describe for EachWithinRule {
    fn describe(&self, model: &Model, rule: &RuleDef) -> String {
        let modality = rule.severity.as_str();
        let EachWithinRule {
            event,
            figure: f,
            after,
        } = self;
        format!(
            "each {} {modality} happen within {} after {}",
            event_match(model, event),
            figure(model, f),
            event_match(model, after)
        )
    }
}

impl Describe for EachOutsideRule {
    fn describe(&self, model: &Model, rule: &RuleDef) -> String {
        let modality = rule.severity.as_str();
        let EachOutsideRule { event, from, until } = self;
        format!(
            "no {} {modality} happen between {} and the next {}",
            event_match(model, event),
            event_match(model, from),
            event_match(model, until)
        )
    }
}

impl Describe for LimitRule {
    fn describe(&self, model: &Model, rule: &RuleDef) -> String {
        let modality = rule.severity.as_str();
        let LimitRule {
            role,
            min,
            max,
            event,
            raises,
            window,
        } = self;
        let (role, min, max, window) = (*role, min.as_ref(), max.as_ref(), window.as_ref());
        let bound = match (min, max) {
            (Some(min), Some(max)) => {
                format!("between {} and {}", figure(model, min), figure(model, max))
            }
            (Some(min), None) => format!("at least {}", figure(model, min)),
            (None, Some(max)) => format!("at most {}", figure(model, max)),
            (None, None) => "any number of".to_string(),
        };
        let mut out = format!(
            "the {} {modality} have {bound} {}",
            model.role_name(role),
            event_match(model, event)
        );
        for (raise_event, field) in raises {
            let field = model
                .event(*raise_event)
                .and_then(|e| e.fields.get(*field as usize))
                .map_or("?", |f| f.name.as_str());
            out.push_str(&format!(
                ", plus the {field} of each {}",
                event_words(model, *raise_event)
            ));
        }
        if let Some(window) = window {
            match &window.within {
                Some(within) => out.push_str(&format!(
                    " within {} after {}",
                    figure(model, within),
                    event_match(model, &window.after)
                )),
                None => out.push_str(&format!(" after {}", event_match(model, &window.after))),
            }
        }
        out
    }
}

impl Describe for LadderRule {
    fn describe(&self, model: &Model, _rule: &RuleDef) -> String {
        let LadderRule {
            reach,
            start,
            attempt,
            success,
            steps,
            outcome,
        } = self;
        let (reach, start, attempt) = (*reach, start.as_ref(), *attempt);
        let reach = model.role_name(reach);
        let successes: Vec<String> = success.iter().map(|e| event_words(model, *e)).collect();
        let successes: Vec<&str> = successes.iter().map(String::as_str).collect();
        let mut out = format!("to reach the {reach}");
        if let Some(start) = start {
            out.push_str(&format!(", starting at {}", event_match(model, start)));
        }
        out.push_str(&format!(
            ", each {} counts as an attempt and {} as success",
            event_words(model, attempt),
            either(&successes)
        ));
        for (i, step) in steps.iter().enumerate() {
            out.push_str(&format!(
                "; step {}: the {} makes {} {}",
                i + 1,
                model.role_name(step.role),
                figure(model, &step.attempts),
                if step.attempts.base.value == 1 {
                    "attempt"
                } else {
                    "attempts"
                }
            ));
            if let Some(within) = &step.within {
                out.push_str(&format!(" within {}", figure(model, within)));
            }
        }
        out.push_str(&format!("; if the {reach} is still not reached"));
        if let Some(label) = &outcome.label {
            out.push_str(&format!(" ({label})"));
        }
        out.push_str(&format!(
            ", {}",
            duty_with_deadline(model, &outcome.duty, outcome.deadline.as_ref())
        ));
        out
    }
}

impl Describe for TerminationRule {
    fn describe(&self, model: &Model, _rule: &RuleDef) -> String {
        let TerminationRule {
            when,
            requirements,
            between,
        } = self;
        let between = *between;
        let what = match between {
            Some((a, b)) => format!(
                "the relationship between a {} and a {} ends (only theirs: other relationships in the case go on)",
                model.role_name(a),
                model.role_name(b)
            ),
            None => "the whole case ends".to_string(),
        };
        let mut out = format!("{what} when {} happens", event_match(model, when));
        if requirements.is_empty() {
            out.push_str("; nothing more is required");
            return out;
        }
        let duties: Vec<String> = requirements
            .iter()
            .map(|(d, due)| duty_with_deadline(model, d, due.as_ref()))
            .collect();
        let refs: Vec<&str> = duties.iter().map(String::as_str).collect();
        out.push_str(&format!("; then {}", both(&refs)));
        out
    }
}

impl Describe for DisclosureRule {
    fn describe(&self, model: &Model, rule: &RuleDef) -> String {
        let modality = rule.severity.as_str();
        let DisclosureRule {
            sharer,
            subject,
            facts,
            recipient,
            through,
            listing,
            only,
            after,
            until,
        } = self;
        let names: Vec<&str> = model.role(*subject).map_or_else(Vec::new, |r| {
            facts
                .iter()
                .filter_map(|f| r.facts.get(*f as usize).map(|d| d.name.as_str()))
                .collect()
        });
        let mut out = format!(
            "the {} {modality} share {}the {}'s {} with the {}, recording each disclosure as {}",
            model.role_name(*sharer),
            if *only { "only " } else { "" },
            model.role_name(*subject),
            both(&names),
            model.role_name(*recipient),
            event_words(model, *through),
        );
        if let Some(listing) = listing {
            let field = model
                .event(*through)
                .and_then(|e| e.fields.get(*listing as usize))
                .map_or("?", |f| f.name.as_str());
            out.push_str(&format!(" (the facts shared listed in {field})"));
        }
        if *only {
            out.push_str("; nothing else may be shared");
        }
        if let Some(after) = after {
            out.push_str(&format!("; only after {}", event_words(model, *after)));
        }
        if let Some(until) = until {
            out.push_str(&format!(
                ", and no longer once {} happens",
                event_words(model, *until)
            ));
        }
        out
    }
}

impl Describe for PhaseRule {
    fn describe(&self, model: &Model, rule: &RuleDef) -> String {
        let modality = rule.severity.as_str();
        let PhaseRule {
            starts,
            ends,
            min,
            max,
            next,
        } = self;
        let mut out = format!(
            "the phase {} starts at {}",
            rule.name,
            event_match(model, starts)
        );
        match (ends, next.and_then(|n| model.rule(n))) {
            (Some(ends), _) => out.push_str(&format!(" and ends at {}", event_match(model, ends))),
            (None, Some(next)) => {
                out.push_str(&format!(" and ends when the phase {} starts", next.name));
            }
            (None, None) => {}
        }
        out.push_str(&format!("; it {modality} last {}", range(model, min, max)));
        out
    }
}

fn duty_with_deadline(model: &Model, d: &DutyDef, due: Option<&DeadlineDef>) -> String {
    match due {
        Some(due) => format!("{} {}", duty(model, d), deadline(model, due)),
        None => duty(model, d),
    }
}

/// `3 to 6 months`, or `3 months to 1 year` when the units differ.
fn range(model: &Model, min: &Figure, max: &Figure) -> String {
    if min.changes.is_empty() && max.changes.is_empty() && min.base.unit == max.base.unit {
        format!("{} to {}", min.base.value, figure(model, max))
    } else {
        format!("{} to {}", figure(model, min), figure(model, max))
    }
}
