//! Termination paths: a named way a relationship (or the case) ends, and what it then requires.
//!
//! The end itself (closing what was still open) is applied by every other rule through
//! [`super::Ctx::termination_after`] (what it ends is worked out in `relationships`); here the
//! path's own requirements are opened, for the participants whose relationship ended.

use super::deadline::{Opening, Trigger, open};
use super::{Ctx, Rule};
use crate::outcome::Detail;
use mentor_check::model::RuleId;
use mentor_check::model::{RuleDef, TerminationRule};

impl Rule for TerminationRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, _rule: &RuleDef) {
        run(ctx, id, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, this: &TerminationRule) {
    let (when, requirements) = (&this.when, &this.requirements[..]);
    for &i in ctx.matching(when).iter() {
        ctx.trigger(id);
        // Endings are in time order: found by binary search.
        let people = ctx
            .endings
            .binary_search_by_key(&i, |t| t.event)
            .ok()
            .and_then(|k| ctx.endings.get(k))
            .map(|t| t.people())
            .unwrap_or_default();
        let trigger = Trigger {
            at: Some(i),
            since: ctx.date_of(i),
            events: smallvec::smallvec![i],
            people,
        };
        for (duty, deadline) in requirements {
            let opening = Opening {
                duty,
                deadline: deadline.as_ref(),
                detail: Detail::AfterTermination,
                later_of: false,
                closed_by: None,
            };
            open(ctx, id, &trigger, &opening);
        }
    }
}
