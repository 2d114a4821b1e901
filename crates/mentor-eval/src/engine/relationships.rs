//! What a termination ends: one relationship (`between mentee and mentor`) or the whole case.
//!
//! A relationship is a pair of participants of the two roles named by `between` who share an
//! event (either one does it to the other), or the case's only such pair when it has one
//! participant of each role. A termination done by one side ends that participant's
//! relationships; one recorded by anyone else (the programme's staff) ends the relationship of
//! the participant it names with `to`, or, when it names nobody of either side, every
//! relationship of the case (its only one, in the usual case).
//!
//! A duty ends with a termination when it is between the two people of an ended relationship
//! (or between the one who ended it and anyone); a duty that concerns one of them only (their
//! own, or the staff's towards them) ends when they have no relationship left; a duty that
//! concerns neither side (a phase, a report between staff) ends when the case has no
//! relationship left. A path without `between` ends everything.

use super::Ctx;
use mentor_check::model::{RoleId, RuleKind};

/// Two participants in a relationship, the smaller index first.
type Pair = (u32, u32);

/// A termination event and what it ends.
#[derive(Debug, Clone)]
pub(crate) struct Ending {
    pub event: u32,
    /// The two roles of the relationships it ends; `None`: it ends the whole case.
    sides: Option<(RoleId, RoleId)>,
    /// Who ended their relationships (one side's participant), when it is known.
    enders: Vec<u32>,
    /// The relationships it ended.
    ended: Vec<Pair>,
    /// The relationships still going on after it.
    remaining: Vec<Pair>,
}

impl Ending {
    /// Whether a duty between these participants (who owes it, whom it concerns) ends here.
    pub fn ends(&self, ctx: &Ctx<'_>, people: [Option<u32>; 2]) -> bool {
        let Some((a, b)) = self.sides else {
            return true;
        };
        let on_a_side = |p: u32| ctx.role_of(p).is_some_and(|r| r == a || r == b);
        let sides: Vec<u32> = people
            .iter()
            .flatten()
            .copied()
            .filter(|&p| on_a_side(p))
            .collect();
        let touched =
            |p: u32| self.enders.contains(&p) || self.ended.iter().any(|&(x, y)| x == p || y == p);
        let alone = |p: u32| !self.remaining.iter().any(|&(x, y)| x == p || y == p);
        match sides.as_slice() {
            [x, y] if x != y => {
                self.enders.contains(x)
                    || self.enders.contains(y)
                    || self.ended.contains(&pair(*x, *y))
            }
            [x, ..] => touched(*x) && alone(*x),
            [] => (!self.ended.is_empty() || !self.enders.is_empty()) && self.remaining.is_empty(),
        }
    }

    /// The participants whose relationship ended here (none named, for the whole case).
    pub fn people(&self) -> Vec<u32> {
        let mut out = self.enders.clone();
        for &(x, y) in &self.ended {
            out.extend([x, y]);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn pair(x: u32, y: u32) -> (u32, u32) {
    (x.min(y), x.max(y))
}

/// Every visible termination event, in time order, with what it ends.
pub(crate) fn endings(ctx: &Ctx<'_>) -> Vec<Ending> {
    // Each event once; a path without `between` wins (it ends more).
    let mut found: Vec<(u32, Option<(RoleId, RoleId)>)> = Vec::new();
    for rule in &ctx.model.rules {
        if let RuleKind::Termination { when, between, .. } = &rule.kind {
            for i in ctx.matching(when) {
                match found.iter_mut().find(|(e, _)| *e == i) {
                    Some(slot) => {
                        if between.is_none() {
                            slot.1 = None;
                        }
                    }
                    None => found.push((i, *between)),
                }
            }
        }
    }
    found.sort_unstable_by_key(|(e, _)| *e);
    let terminating: Vec<u32> = found.iter().map(|(e, _)| *e).collect();
    let mut out: Vec<Ending> = Vec::new();
    for (event, sides) in found {
        let Some((a, b)) = sides else {
            out.push(Ending {
                event,
                sides: None,
                enders: Vec::new(),
                ended: Vec::new(),
                remaining: Vec::new(),
            });
            continue;
        };
        let live = live_pairs(ctx, event, (a, b), &out, &terminating);
        let on_a_side = |p: u32| ctx.role_of(p).is_some_and(|r| r == a || r == b);
        let enders: Vec<u32> = match ctx.event(event) {
            Some(e) if on_a_side(e.by) => vec![e.by],
            Some(e) => e.to.filter(|&t| on_a_side(t)).into_iter().collect(),
            None => Vec::new(),
        };
        let (ended, remaining): (Vec<Pair>, Vec<Pair>) = if enders.is_empty() {
            (live, Vec::new())
        } else {
            live.into_iter()
                .partition(|&(x, y)| enders.contains(&x) || enders.contains(&y))
        };
        out.push(Ending {
            event,
            sides,
            enders,
            ended,
            remaining,
        });
    }
    out
}

/// The relationships between the roles `a` and `b` going on just before the event `before`:
/// pairs that shared an event since their last ending.
fn live_pairs(
    ctx: &Ctx<'_>,
    before: u32,
    (a, b): (RoleId, RoleId),
    earlier: &[Ending],
    terminating: &[u32],
) -> Vec<(u32, u32)> {
    let fits = |x: u32, y: u32| {
        x != y
            && match (ctx.role_of(x), ctx.role_of(y)) {
                (Some(rx), Some(ry)) => (rx == a && ry == b) || (rx == b && ry == a),
                _ => false,
            }
    };
    // The last event each pair shared (`None` for the case's only pair, which needs none).
    let mut pairs: Vec<((u32, u32), Option<u32>)> = Vec::new();
    let (of_a, of_b) = (ctx.case.with_role(a), ctx.case.with_role(b));
    if let ([x], [y]) = (of_a, of_b)
        && fits(*x, *y)
    {
        pairs.push((pair(*x, *y), None));
    }
    for i in 0..before.min(ctx.cutoff as u32) {
        if terminating.contains(&i) {
            continue;
        }
        let Some(e) = ctx.event(i) else { continue };
        let Some(to) = e.to else { continue };
        if !fits(e.by, to) {
            continue;
        }
        let key = pair(e.by, to);
        match pairs.iter_mut().find(|(p, _)| *p == key) {
            Some(slot) => slot.1 = Some(i),
            None => pairs.push((key, Some(i))),
        }
    }
    pairs
        .into_iter()
        .filter(|(p, last)| {
            // Ended by an earlier termination, and not taken up again since.
            !earlier.iter().any(|t| {
                let ended_it =
                    t.sides.is_none() || (t.sides == Some((a, b)) && t.ended.contains(p));
                ended_it && last.is_none_or(|l| l < t.event)
            })
        })
        .map(|(p, _)| p)
        .collect()
}
