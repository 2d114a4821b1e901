//! Termination paths: a named way a relationship (or the case) ends, and what it then requires.
//!
//! The end itself (closing what was still open) is applied by every other rule through
//! [`super::Ctx::termination_after`] (what it ends is worked out in `relationships`); here the
//! path's own requirements are opened, for the participants whose relationship ended.

use super::Ctx;
use super::deadline::{Trigger, open};
use crate::outcome::Detail;
use mentor_check::model::{DeadlineDef, DutyDef, EventMatch, RuleId};

pub(crate) fn run(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    when: &EventMatch,
    requirements: &[(DutyDef, Option<DeadlineDef>)],
) {
    for i in ctx.matching(when) {
        ctx.trigger(id);
        let people = ctx
            .endings
            .iter()
            .find(|t| t.event == i)
            .map(|t| t.people())
            .unwrap_or_default();
        let trigger = Trigger {
            at: Some(i),
            since: ctx.date_of(i),
            events: vec![i],
            people,
        };
        for (duty, deadline) in requirements {
            open(
                ctx,
                id,
                &trigger,
                duty,
                deadline.as_ref(),
                Detail::AfterTermination,
                false,
                None,
            );
        }
    }
}
