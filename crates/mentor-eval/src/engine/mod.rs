//! The evaluator: runs every rule of a checked policy over a case, as of a date.
//!
//! Pure and deterministic: the same model, case and date always give the same evaluation.
//! Each kind of rule lives in its own module; they share the [`Ctx`] below.

mod compiled;
mod deadline;
mod each;
mod eligibility;
pub(crate) mod expr;
mod ladder;
mod limit;
mod phase;
mod recurring;
mod relationships;
mod sharing;
mod straight;
mod termination;

use crate::case::{Case, CaseEvent};
use crate::outcome::{
    Closure, Detail, Eligibility, EvalError, Evaluation, EventList, Obligation, State, Violation,
    ViolationKind,
};
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::{
    EventId, EventMatch, Figure, RecurringRule, RoleId, RuleDef, RuleId, RuleKind,
};
use mentor_check::types::{DateError, Quantity};
use relationships::Endings;
use smallvec::SmallVec;
use std::borrow::Cow;

/// Evaluates a policy on a case as of a date: eligibility, obligations and violations.
/// Events after `as_of` are ignored. To evaluate many cases, an [`Evaluator`] keeps its
/// buffers between them.
pub fn evaluate(model: &Model, case: &Case, as_of: NaiveDate) -> Evaluation {
    let mut evaluator = Evaluator::once(model);
    evaluator.evaluate(case, as_of);
    evaluator.out
}

/// Only the participants' eligibility, as of a date (no rule is run).
pub fn eligibility(model: &Model, case: &Case, as_of: NaiveDate) -> Vec<Eligibility> {
    let mut evaluator = Evaluator::once(model);
    evaluator.eligibility(case, as_of);
    evaluator.out.eligibility
}

/// Only the rules: obligations, violations and which rules were triggered, as of a date;
/// the evaluation's `eligibility` is left empty.
pub fn obligations(model: &Model, case: &Case, as_of: NaiveDate) -> Evaluation {
    let mut evaluator = Evaluator::once(model);
    evaluator.obligations(case, as_of);
    evaluator.out
}

/// A checked policy ready to evaluate many cases, one after the other, reusing its buffers:
/// what a batch, an agenda over every case or a server holds on to.
///
/// ```
/// # let analysis = mentor_check::analyze("programme p \"P\"\nrole mentee\n");
/// # let model = &analysis.checked.model;
/// # let cases: Vec<mentor_eval::Case> = Vec::new();
/// # let as_of = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
/// let mut evaluator = mentor_eval::Evaluator::new(model);
/// let mut overdue = 0;
/// evaluator.each(&cases, as_of, |_case, evaluation| {
///     overdue += evaluation.next().iter().filter(|o| o.due < Some(as_of)).count();
/// });
/// ```
pub struct Evaluator<'m> {
    model: &'m Model,
    /// The policy's eligibility items, compiled once for the many cases to come (`None`:
    /// one evaluation, which reads the conditions as written).
    conditions: Option<compiled::Conditions<'m>>,
    out: Evaluation,
    scratch: Scratch,
    /// Every duty is taken the general way ([`Evaluator::by_the_general_path`]).
    general: bool,
}

/// Working lists an evaluation fills and empties, kept from one case to the next.
#[derive(Default)]
struct Scratch {
    endings: Endings,
    latest: Vec<(PartyPair, usize)>,
    memory: Vec<deadline::Memory>,
}

/// Which parts of an evaluation to work out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parts {
    All,
    Eligibility,
    Rules,
}

impl<'m> Evaluator<'m> {
    pub fn new(model: &'m Model) -> Self {
        Evaluator {
            model,
            conditions: Some(compiled::Conditions::new(model)),
            out: Evaluation::default(),
            scratch: Scratch::default(),
            general: false,
        }
    }

    /// An evaluator for one evaluation: compiling the conditions would cost more than it saves.
    fn once(model: &'m Model) -> Self {
        Evaluator {
            model,
            conditions: None,
            out: Evaluation::default(),
            scratch: Scratch::default(),
            general: false,
        }
    }

    /// The same evaluator, taking every duty the general way: without the shortcut for a
    /// duty owed by a role's only participant (`straight`). What the tests compare that
    /// shortcut with; the evaluations are the same.
    #[doc(hidden)]
    pub fn by_the_general_path(mut self) -> Self {
        self.general = true;
        self
    }

    /// The whole evaluation of a case as of a date (as [`evaluate`]).
    pub fn evaluate(&mut self, case: &Case, as_of: NaiveDate) -> &Evaluation {
        self.run(case, as_of, Parts::All)
    }

    /// Only the rules (as [`obligations`]).
    pub fn obligations(&mut self, case: &Case, as_of: NaiveDate) -> &Evaluation {
        self.run(case, as_of, Parts::Rules)
    }

    /// Only one rule (with what the policy's termination paths end, and, for a monthly duty
    /// that stops `until` a ladder, that ladder first): what a caller asking one question,
    /// such as a reply's due date, needs. Other rules' obligations are not worked out.
    pub fn rule(&mut self, case: &Case, as_of: NaiveDate, rule: RuleId) -> &Evaluation {
        let out = std::mem::take(&mut self.out);
        let scratch = std::mem::take(&mut self.scratch);
        let conditions = self.conditions.as_ref();
        let mut ctx = Ctx::new(self.model, case, as_of, out, scratch, conditions, true);
        ctx.general = self.general;
        if let Some(def) = self.model.rule(rule) {
            if let RuleKind::Recurring(RecurringRule {
                until_ladder: Some(ladder),
                ..
            }) = &def.kind
                && let Some(ladder_def) = self.model.rule(*ladder)
            {
                run_rule(&mut ctx, *ladder, ladder_def);
                ctx.ladders_end = ctx.out.obligations.len();
            }
            run_rule(&mut ctx, rule, def);
        }
        ctx.out.violations.sort_by_key(|v| (v.at, v.rule, v.party));
        self.scratch = Scratch {
            endings: ctx.endings,
            latest: ctx.latest,
            memory: ctx.memory,
        };
        self.out = ctx.out;
        &self.out
    }

    /// Only eligibility (as [`eligibility`]).
    pub fn eligibility(&mut self, case: &Case, as_of: NaiveDate) -> &[Eligibility] {
        &self.run(case, as_of, Parts::Eligibility).eligibility
    }

    /// Whether one participant meets their role's eligibility items on a date (`None`:
    /// cannot tell, or their role has no eligibility item). Nothing is recorded or allocated.
    pub fn eligible(&self, case: &Case, participant: u32, as_of: NaiveDate) -> Option<bool> {
        let person = case.participant(participant)?;
        let written = |e: &mentor_check::model::Expr| {
            let ctx = Ctx::for_words(self.model, case, as_of);
            expr::on_participant_at(&ctx, e, participant, as_of)
        };
        match &self.conditions {
            Some(c) => c.verdict(person.role, &person.facts, &written),
            None => written_judge(self.model, case, participant, as_of),
        }
    }

    /// Evaluates each case as of a date and hands its evaluation to `f`.
    pub fn each<'c>(
        &mut self,
        cases: impl IntoIterator<Item = &'c Case>,
        as_of: NaiveDate,
        mut f: impl FnMut(&'c Case, &Evaluation),
    ) {
        for case in cases {
            f(case, self.run(case, as_of, Parts::All));
        }
    }

    fn run(&mut self, case: &Case, as_of: NaiveDate, parts: Parts) -> &Evaluation {
        let out = std::mem::take(&mut self.out);
        let scratch = std::mem::take(&mut self.scratch);
        let rules = parts != Parts::Eligibility;
        let conditions = self.conditions.as_ref();
        let mut ctx = Ctx::new(self.model, case, as_of, out, scratch, conditions, rules);
        ctx.general = self.general;
        if parts != Parts::Rules {
            eligibility::run(&mut ctx);
        }
        if parts != Parts::Eligibility {
            run_rules(&mut ctx);
        }
        self.scratch = Scratch {
            endings: ctx.endings,
            latest: ctx.latest,
            memory: ctx.memory,
        };
        self.out = ctx.out;
        &self.out
    }
}

/// One participant's verdict, from the conditions as written.
fn written_judge(model: &Model, case: &Case, participant: u32, as_of: NaiveDate) -> Option<bool> {
    let ctx = Ctx::for_words(model, case, as_of);
    let role = case.participant(participant)?.role;
    eligibility::judge(&ctx, role, participant, as_of)?.0
}

/// Runs every rule: ladders first, since a monthly duty may stop `until` a ladder's outcome
/// is done.
fn run_rules(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    let is_ladder = |r: &&RuleDef| matches!(r.kind, RuleKind::Ladder { .. });
    let rules = model.rules.iter().enumerate();
    let ladders = rules.clone().filter(|(_, r)| is_ladder(r));
    let others = rules.filter(|(_, r)| !is_ladder(r));
    for (i, rule) in ladders {
        run_rule(ctx, RuleId(i as u32), rule);
    }
    ctx.ladders_end = ctx.out.obligations.len();
    for (i, rule) in others {
        run_rule(ctx, RuleId(i as u32), rule);
    }
    ctx.out.violations.sort_by_key(|v| (v.at, v.rule, v.party));
}

/// What every kind of rule does to a case: each kind's struct implements it in its module.
pub(crate) trait Rule {
    /// Records what the rule `id` (`rule` is its definition) finds in the case.
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef);
}

fn run_rule(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
    ctx.latest.clear();
    ctx.memory.clear();
    ctx.rule_start = ctx.out.obligations.len();
    ctx.indexed = ctx.rule_start;
    match &rule.kind {
        RuleKind::Deadline(r) => r.run(ctx, id, rule),
        RuleKind::Recurring(r) => r.run(ctx, id, rule),
        RuleKind::EachHave(r) => r.run(ctx, id, rule),
        RuleKind::EachWithin(r) => r.run(ctx, id, rule),
        RuleKind::EachOutside(r) => r.run(ctx, id, rule),
        RuleKind::Limit(r) => r.run(ctx, id, rule),
        RuleKind::Ladder(r) => r.run(ctx, id, rule),
        RuleKind::Termination(r) => r.run(ctx, id, rule),
        RuleKind::Disclosure(r) => r.run(ctx, id, rule),
        RuleKind::Phase(r) => r.run(ctx, id, rule),
    }
}

/// What meets an obligation: one of its actions done by its party (or by someone in its role),
/// after the event `after` (or on or after the day `since` it was triggered), by `last_day`
/// when given, to its counterpart and to someone in `to_role` when given.
#[derive(Clone, Copy)]
pub(crate) struct Wanted {
    pub party: Option<u32>,
    pub role: RoleId,
    pub counterpart: Option<u32>,
    pub since: NaiveDate,
    pub to_role: Option<RoleId>,
    pub after: Option<u32>,
    pub last_day: Option<NaiveDate>,
}

/// What a settled duty broke.
#[derive(Clone, Copy)]
pub(crate) enum Breach {
    None,
    /// Met by the event `met` on `done`, after its due date.
    Late {
        met: u32,
        due: NaiveDate,
        done: NaiveDate,
    },
    /// Not met by its due date.
    Missed {
        due: NaiveDate,
    },
}

/// Participants (indices), kept inline when there are few of them, as there nearly always are.
pub(crate) type People = SmallVec<[u32; 4]>;

/// Who must act for a role: participants, or `None` when the case has nobody in it.
pub(crate) type Parties = SmallVec<[Option<u32>; 4]>;

/// A party and a counterpart (participant indices), as duties are indexed by them.
type PartyPair = (Option<u32>, Option<u32>);

/// What one evaluation works with: the policy, the case, the date, and what it has found.
pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    pub case: &'a Case,
    pub as_of: NaiveDate,
    /// The policy's eligibility items compiled, when an [`Evaluator`] holds them (`None`:
    /// they are read as written).
    pub conditions: Option<&'a compiled::Conditions<'a>>,
    /// How many events (in time order) happen on or before `as_of`.
    pub cutoff: usize,
    /// Events of a termination path, in time order, with what each one ends.
    pub endings: Endings,
    pub out: Evaluation,
    /// The running rule's latest obligation (an index into `out.obligations`) for each
    /// party and counterpart and each set of actions, from `rule_start` up to `indexed`: how
    /// a repeated trigger finds the duty it repeats without reading them all.
    latest: Vec<(PartyPair, usize)>,
    /// How many obligations the ladders recorded (they run first, so theirs come first):
    /// where a monthly duty that stops `until` a ladder looks (all of them until then).
    pub ladders_end: usize,
    /// What the running rule remembers of its duties (the first few), by their place in it.
    pub memory: Vec<deadline::Memory>,
    rule_start: usize,
    indexed: usize,
    /// Set when a condition read as written reads a date or another participant's facts:
    /// whether a verdict holds on any day ([`expr::Verdicts`]).
    pub dated: std::cell::Cell<bool>,
    /// Every duty is taken the general way (tests compare the shortcuts with it).
    pub general: bool,
}

impl<'a> Ctx<'a> {
    /// A context for reading facts and conditions only (explanations): no terminations are
    /// worked out and nothing is recorded.
    pub(crate) fn for_words(model: &'a Model, case: &'a Case, as_of: NaiveDate) -> Self {
        Ctx {
            model,
            case,
            as_of,
            conditions: None,
            cutoff: case.cutoff(as_of),
            endings: Endings::default(),
            latest: Vec::new(),
            memory: Vec::new(),
            ladders_end: usize::MAX,
            rule_start: 0,
            indexed: 0,
            dated: Default::default(),
            general: false,
            out: Evaluation {
                as_of,
                obligations: Vec::new(),
                violations: Vec::new(),
                eligibility: Vec::new(),
                triggered: Vec::new(),
                errors: Vec::new(),
            },
        }
    }

    /// A context for evaluating, recording into `out` (emptied first, its buffers kept);
    /// `rules`: whether rules will run (terminations are then worked out).
    fn new(
        model: &'a Model,
        case: &'a Case,
        as_of: NaiveDate,
        mut out: Evaluation,
        scratch: Scratch,
        conditions: Option<&'a compiled::Conditions<'a>>,
        rules: bool,
    ) -> Self {
        out.as_of = as_of;
        out.obligations.clear();
        out.violations.clear();
        out.eligibility.clear();
        out.errors.clear();
        out.triggered.clear();
        if rules {
            out.triggered.resize(model.rules.len(), false);
            // A first evaluation: room for about one obligation per event (up to a point),
            // so that recording them does not move them again and again as the list grows
            // (a busy case has one every two events; room left over is never written).
            if out.obligations.capacity() == 0 {
                out.obligations.reserve(case.events.len().clamp(4, 256));
            }
        }
        let mut ctx = Ctx {
            model,
            case,
            as_of,
            conditions,
            cutoff: case.cutoff(as_of),
            endings: scratch.endings,
            latest: scratch.latest,
            memory: scratch.memory,
            ladders_end: usize::MAX,
            rule_start: 0,
            indexed: 0,
            dated: Default::default(),
            general: false,
            out,
        };
        ctx.endings.clear();
        ctx.latest.clear();
        if rules {
            let mut endings = std::mem::take(&mut ctx.endings);
            relationships::endings(&ctx, &mut endings);
            ctx.endings = endings;
        }
        ctx
    }

    /// Lets the running rule remember its first `duties` duties (up to four), each in its
    /// place in [`Ctx::memory`].
    pub fn remember(&mut self, duties: usize) {
        self.memory.clear();
        self.memory.resize(duties.min(4), Default::default());
    }

    pub fn event(&self, index: u32) -> Option<&'a CaseEvent> {
        self.case.event(index)
    }

    pub fn date_of(&self, index: u32) -> NaiveDate {
        self.event(index).map_or(self.as_of, |e| e.date)
    }

    /// Visible occurrences of an event.
    pub fn occurrences(&self, event: mentor_check::model::EventId) -> &'a [u32] {
        let all = self.case.occurrences(event);
        if self.cutoff >= self.case.events.len() {
            return all; // as of the last event or later: every event is visible
        }
        let visible = all.partition_point(|&i| (i as usize) < self.cutoff);
        all.get(..visible).unwrap_or(&[])
    }

    /// Whether the event at `index` matches an event pattern (ignoring `first`).
    pub fn matches(&self, index: u32, m: &EventMatch) -> bool {
        let Some(e) = self.event(index) else {
            return false;
        };
        e.event == m.event
            && m.filter
                .as_ref()
                .is_none_or(|f| expr::on_event(self, f, e) == Some(true))
    }

    /// Visible occurrences matching a pattern; only the first one when the pattern says `first`.
    pub fn matching(&self, m: &EventMatch) -> Cow<'a, [u32]> {
        self.matching_first(m, m.first)
    }

    /// Visible occurrences matching a pattern, every one of them (ignoring `first`).
    pub fn matching_all(&self, m: &EventMatch) -> Cow<'a, [u32]> {
        self.matching_first(m, false)
    }

    /// Visible occurrences matching a pattern after the event `after` (from the start when
    /// `None`), ignoring `first`, found one at a time: a caller after the first one does not
    /// test the filter on the rest.
    pub fn matching_after<'s>(
        &'s self,
        m: &'s EventMatch,
        after: Option<u32>,
    ) -> impl Iterator<Item = u32> + 's {
        let all = self.occurrences(m.event);
        let from = after.map_or(0, |a| all.partition_point(|&i| i <= a));
        all.get(from..)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(move |&i| self.matches(i, m))
    }

    /// Without a filter, the occurrences themselves (nothing is copied).
    fn matching_first(&self, m: &EventMatch, first: bool) -> Cow<'a, [u32]> {
        let all = self.occurrences(m.event);
        if m.filter.is_none() {
            return Cow::Borrowed(if first {
                all.get(..1).unwrap_or(&[])
            } else {
                all
            });
        }
        let mut out = Vec::new();
        for &i in all {
            if self.matches(i, m) {
                out.push(i);
                if first {
                    break;
                }
            }
        }
        Cow::Owned(out)
    }

    /// The date `q` after `date`, or an error recorded against `event`.
    #[inline(always)]
    pub fn add(&mut self, date: NaiveDate, q: Quantity, event: Option<u32>) -> Option<NaiveDate> {
        match q.after(date, self.model) {
            Ok(d) => Some(d),
            Err(e) => {
                self.date_error(e, event);
                None
            }
        }
    }

    /// The date a figure (in force on `date`) after `date`.
    #[inline(always)]
    pub fn add_figure(
        &mut self,
        date: NaiveDate,
        figure: &Figure,
        event: Option<u32>,
    ) -> Option<NaiveDate> {
        self.add(date, figure.at(date), event)
    }

    fn date_error(&mut self, error: DateError, event: Option<u32>) {
        if !self
            .out
            .errors
            .iter()
            .any(|e| e.error == error && e.event == event)
        {
            self.out.errors.push(EvalError { error, event });
        }
    }

    /// Participants who must act for `role`: those of the role among `involved`, else
    /// everyone in the case with the role, else nobody (`None`).
    pub fn parties(&self, role: RoleId, involved: &[u32]) -> Parties {
        self.parties_of(role, &[], involved)
    }

    /// As [`Ctx::parties`], with everyone involved in `events` involved too; nothing is
    /// gathered first.
    pub fn parties_of(&self, role: RoleId, events: &[u32], more: &[u32]) -> Parties {
        // The usual case, one participant in the role: whoever is involved, it is them.
        if let [only] = self.case.with_role(role) {
            return Parties::from_buf_and_len([Some(*only), None, None, None], 1);
        }
        let has_role = |p: u32| self.case.participant(p).is_some_and(|x| x.role == role);
        if let ([i], []) = (events, more)
            && let Some(e) = self.event(*i)
        {
            // The usual trigger, one event: its doer, the one it goes to, or both.
            let to = e.to.filter(|&t| t != e.by && has_role(t));
            return match (has_role(e.by), to) {
                (true, None) => Parties::from_buf_and_len([Some(e.by), None, None, None], 1),
                (false, Some(t)) => Parties::from_buf_and_len([Some(t), None, None, None], 1),
                (true, Some(t)) => Parties::from_buf_and_len([Some(e.by), Some(t), None, None], 2),
                (false, None) => self.everyone_in(role),
            };
        }
        let mut direct = Parties::new();
        let mut consider = |p: u32| {
            if self.case.participant(p).is_some_and(|x| x.role == role)
                && !direct.contains(&Some(p))
            {
                direct.push(Some(p));
            }
        };
        for e in events.iter().filter_map(|&i| self.event(i)) {
            consider(e.by);
            if let Some(t) = e.to {
                consider(t);
            }
        }
        for &p in more {
            consider(p);
        }
        if direct.is_empty() {
            return self.everyone_in(role);
        }
        direct
    }

    /// Everyone in the case with `role`, or nobody (`None`) when it has nobody in it.
    fn everyone_in(&self, role: RoleId) -> Parties {
        match self.case.with_role(role) {
            [] => Parties::from_buf_and_len([None; 4], 1),
            [p] => Parties::from_buf_and_len([Some(*p), None, None, None], 1),
            all => all.iter().map(|&p| Some(p)).collect(),
        }
    }

    /// The participants of some events.
    pub fn involved(&self, events: &[u32]) -> People {
        let mut out = People::new();
        for &i in events {
            if let Some(e) = self.event(i) {
                out.push(e.by);
                if let Some(t) = e.to {
                    out.push(t);
                }
            }
        }
        out
    }

    pub fn trigger(&mut self, rule: RuleId) {
        if let Some(t) = self.out.triggered.get_mut(rule.index()) {
            *t = true;
        }
    }

    /// The first termination after the event `after` (or on or after `since` when there is
    /// no triggering event) that ends a duty between these participants (the one who owes
    /// it and the one it concerns): the moment it stopped being owed, if it did.
    pub fn termination_after(
        &self,
        after: Option<u32>,
        since: NaiveDate,
        people: [Option<u32>; 2],
    ) -> Option<u32> {
        self.termination_up_to(after, since, people, None)
    }

    /// As [`Ctx::termination_after`], among the terminations up to the event `last`
    /// (inclusive) when given.
    fn termination_up_to(
        &self,
        after: Option<u32>,
        since: NaiveDate,
        people: [Option<u32>; 2],
        last: Option<u32>,
    ) -> Option<u32> {
        if self.endings.is_empty() {
            return None; // no termination: nothing to set up
        }
        let from = match after {
            Some(a) => self.endings.partition_point(|t| t.event <= a),
            None => self
                .endings
                .partition_point(|t| self.date_of(t.event) < since),
        };
        self.first_ending(from, people, last)
    }

    /// The first termination from the `from`-th on, up to the event `last` (inclusive) when
    /// given, that ends a duty between these participants.
    #[inline(always)]
    fn first_ending(
        &self,
        from: usize,
        people: [Option<u32>; 2],
        last: Option<u32>,
    ) -> Option<u32> {
        self.endings
            .get(from..)?
            .iter()
            .take_while(|t| last.is_none_or(|l| t.event <= l))
            .find(|t| t.ends(self, people))
            .map(|t| t.event)
    }

    pub fn role_of(&self, participant: u32) -> Option<RoleId> {
        self.case.participant(participant).map(|p| p.role)
    }

    /// The first visible event that meets an obligation: one of its actions, after the
    /// triggering event (or on or after the day it was triggered), done by its party (or
    /// by someone in its role), to its counterpart or to someone in `to_role` when known.
    pub fn first_action(
        &self,
        o: &Obligation,
        to_role: Option<RoleId>,
        after: Option<u32>,
        last_day: Option<NaiveDate>,
    ) -> Option<u32> {
        let wanted = Wanted {
            party: o.party,
            role: o.role,
            counterpart: o.counterpart,
            since: o.since,
            to_role,
            after,
            last_day,
        };
        self.first_met(&o.actions, &wanted)
    }

    /// The first visible event of one of `actions` that meets what is `wanted`.
    #[inline(always)]
    pub(crate) fn first_met(&self, actions: &[EventId], wanted: &Wanted) -> Option<u32> {
        match actions {
            // Nearly always one action: no loop to set up.
            [one] => self.first_of(*one, wanted, None),
            several => {
                let mut best = None;
                for &action in several {
                    best = self.first_of(action, wanted, best).or(best);
                }
                best
            }
        }
    }

    /// The first visible occurrence of `action` that meets what is `wanted`, when it comes
    /// before `before` (the earliest found so far, for another action).
    #[inline(always)]
    pub(crate) fn first_of(
        &self,
        action: EventId,
        wanted: &Wanted,
        before: Option<u32>,
    ) -> Option<u32> {
        let (after, since) = (wanted.after, wanted.since);
        let all = self.occurrences(action);
        let from = match after {
            Some(a) => all.partition_point(|&i| i <= a),
            None => all.partition_point(|&i| self.event(i).is_some_and(|e| e.date < since)),
        };
        self.first_fitting(all.get(from..).unwrap_or(&[]), wanted, before)
    }

    /// The first of `occurrences` (an action's, in time order, from the first that may meet
    /// it) that meets what is `wanted`, when it comes before `before`.
    #[inline(always)]
    pub(crate) fn first_fitting(
        &self,
        occurrences: &[u32],
        wanted: &Wanted,
        before: Option<u32>,
    ) -> Option<u32> {
        let Wanted {
            party,
            role,
            counterpart,
            since,
            to_role,
            last_day,
            ..
        } = *wanted;
        for &i in occurrences {
            if before.is_some_and(|b| i >= b) {
                return None;
            }
            let Some(e) = self.event(i) else { continue };
            if e.date < since {
                continue;
            }
            if last_day.is_some_and(|last| e.date > last) {
                return None;
            }
            let by_ok = match party {
                Some(p) => e.by == p,
                None => self.role_of(e.by) == Some(role),
            };
            let to_ok = match (counterpart, e.to) {
                (Some(c), Some(t)) => t == c,
                _ => true,
            } && match (to_role, e.to) {
                (Some(r), Some(t)) => self.role_of(t) == Some(r),
                _ => true,
            };
            if by_ok && to_ok {
                return Some(i);
            }
        }
        None
    }

    /// Settles a triggered obligation and records it: met on time or late, ended by a
    /// termination, overdue (a violation the day after its due date) or still open.
    /// Only events up to `last_day` can meet it, when given (a monthly duty's month).
    pub fn settle(
        &mut self,
        o: Obligation,
        to_role: Option<RoleId>,
        after: Option<u32>,
        last_day: Option<NaiveDate>,
    ) {
        self.settle_ending(o, to_role, after, last_day, None);
    }

    /// As [`Ctx::settle`], with one more way for it to stop being owed: `closed_by`, an event
    /// after which it is no longer owed (a ladder's person reached, an anchor replaced).
    pub fn settle_ending(
        &mut self,
        mut o: Obligation,
        to_role: Option<RoleId>,
        after: Option<u32>,
        last_day: Option<NaiveDate>,
        closed_by: Option<(u32, Closure)>,
    ) {
        let met = self.first_action(&o, to_role, after, last_day);
        let people = [o.party, o.counterpart];
        let terminated = self.terminated(&o.detail, after, o.since, people, met);
        let end = match (terminated, closed_by) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        let (state, breach) = self.decide(met, end, o.due);
        o.state = state;
        self.record(o, breach);
    }

    /// The termination that ended a duty (its `detail`) triggered by the event `after` (or on
    /// day `since`) between these participants, before the event `met` that met it (a
    /// termination after it changes nothing: not looked for). A duty a termination requires is
    /// not ended by one.
    #[inline(always)]
    pub(crate) fn terminated(
        &self,
        detail: &Detail,
        after: Option<u32>,
        since: NaiveDate,
        people: [Option<u32>; 2],
        met: Option<u32>,
    ) -> Option<(u32, Closure)> {
        match detail {
            Detail::AfterTermination => None,
            _ => self
                .termination_up_to(after, since, people, met)
                .map(|t| (t, Closure::Termination)),
        }
    }

    /// The state of a duty due on `due` (if it has a due date), met by the event `met` (if
    /// anything met it) and no longer owed from `end` (if it stopped being owed), with what
    /// it broke: met after `due`, or not met by `due` when it ended (or by `as_of`).
    #[inline(always)]
    pub(crate) fn decide(
        &self,
        met: Option<u32>,
        end: Option<(u32, Closure)>,
        due: Option<NaiveDate>,
    ) -> (State, Breach) {
        match (met, end) {
            (Some(m), e) if e.is_none_or(|(t, _)| m < t) => {
                let done = self.date_of(m);
                let late = due.is_some_and(|d| done > d);
                let breach = match (late, due) {
                    (true, Some(due)) => Breach::Late { met: m, due, done },
                    _ => Breach::None,
                };
                (State::Met { event: m, late }, breach)
            }
            // Not met: missed if the due date passed before the relationship ended (closed)
            // or before the evaluation date (still open).
            (_, _) => {
                let (state, until) = match end {
                    Some((t, why)) => (State::Closed { by: t, why }, self.date_of(t)),
                    None => (State::Open, self.as_of),
                };
                let breach = match due {
                    Some(due) if until > due => Breach::Missed { due },
                    _ => Breach::None,
                };
                (state, breach)
            }
        }
    }

    /// Records an obligation, its state decided, and the violation it caused.
    #[inline(always)]
    pub(crate) fn record(&mut self, o: Obligation, breach: Breach) {
        match breach {
            Breach::None => {}
            Breach::Late { met, due, done } => self.late(&o, met, due, done),
            Breach::Missed { due } => self.missed(&o, due),
        }
        self.out.obligations.push(o);
    }

    /// The violation of a duty met by event `m` on `done`, after its due date.
    #[inline(never)]
    fn late(&mut self, o: &Obligation, m: u32, due: NaiveDate, done: NaiveDate) {
        let mut events = crate::outcome::event_list(&o.events);
        events.push(m);
        let kind = ViolationKind::Late { due, done };
        self.violation(o, day_after(due), events, kind);
    }

    /// The violation of a duty not met by its due date.
    #[inline(never)]
    fn missed(&mut self, o: &Obligation, due: NaiveDate) {
        let kind = ViolationKind::Missed {
            due,
            actions: crate::outcome::actions(&o.actions),
            counterpart: o.counterpart,
        };
        self.violation(
            o,
            day_after(due),
            crate::outcome::event_list(&o.events),
            kind,
        );
    }

    fn violation(&mut self, o: &Obligation, at: NaiveDate, events: EventList, kind: ViolationKind) {
        self.out.violations.push(Violation {
            rule: o.rule,
            severity: o.severity,
            party: o.party,
            at,
            events,
            kind,
        });
    }

    /// Records an obligation whose state is already known.
    pub fn push(&mut self, obligation: Obligation) {
        self.out.obligations.push(obligation);
    }

    pub fn push_violation(&mut self, violation: Violation) {
        self.out.violations.push(violation);
    }

    /// The latest obligation of `rule` (the rule running) with these actions for this party
    /// and counterpart (obligations are recorded in trigger order), and whether it was still
    /// open at the moment of event `at` (or on day `since`).
    pub fn latest_obligation(
        &mut self,
        rule: RuleId,
        actions: &[EventId],
        party: Option<u32>,
        counterpart: Option<u32>,
        at: Option<u32>,
        since: NaiveDate,
    ) -> Option<(usize, bool)> {
        let all = &self.out.obligations;
        if all.len() <= self.rule_start {
            return None; // the rule has recorded nothing yet
        }
        let wanted = |o: &Obligation| {
            o.party == party
                && o.counterpart == counterpart
                && o.rule == rule
                && o.actions[..] == *actions
        };
        // Usually the duty a trigger repeats is the last one recorded: no index needed.
        let last = all.len().checked_sub(1).filter(|&i| i >= self.rule_start);
        let found = match last.and_then(|i| Some((i, all.get(i)?))) {
            Some((i, o)) if wanted(o) => Some((i, o)),
            _ => self.indexed_latest(rule, actions, party, counterpart),
        };
        let index = found?.0;
        self.open_at(index, at, since)
    }

    /// The obligation at `index`, and whether it was still open at the moment of event `at`
    /// (or on day `since`).
    pub fn open_at(
        &self,
        index: usize,
        at: Option<u32>,
        since: NaiveDate,
    ) -> Option<(usize, bool)> {
        let o = self.out.obligations.get(index)?;
        Some((index, self.was_open(o, at, since)))
    }

    fn was_open(&self, o: &Obligation, at: Option<u32>, since: NaiveDate) -> bool {
        match o.state {
            State::Open => true,
            State::Met { event, .. } | State::Closed { by: event, .. } => match at {
                Some(a) => event > a,
                None => self.date_of(event) > since,
            },
        }
    }

    /// The latest obligation of the running rule like the one wanted, found through the
    /// index of the running rule's obligations (brought up to date first).
    #[inline(never)]
    fn indexed_latest(
        &mut self,
        rule: RuleId,
        actions: &[EventId],
        party: Option<u32>,
        counterpart: Option<u32>,
    ) -> Option<(usize, &Obligation)> {
        let all = &self.out.obligations;
        let alike = |x: &Obligation, y: &Obligation| x.rule == y.rule && x.actions == y.actions;
        for (i, o) in all.iter().enumerate().skip(self.indexed) {
            let key = (o.party, o.counterpart);
            let slot = self
                .latest
                .iter_mut()
                .find(|(k, j)| *k == key && all.get(*j).is_some_and(|x| alike(x, o)));
            match slot {
                Some((_, j)) => *j = i,
                None => self.latest.push((key, i)),
            }
        }
        self.indexed = all.len();
        self.latest.iter().find_map(|&(k, i)| {
            let o = all.get(i)?;
            (k == (party, counterpart) && o.rule == rule && o.actions[..] == *actions)
                .then_some((i, o))
        })
    }

    /// Takes back an obligation that a later trigger replaces, with the violations it caused.
    pub fn withdraw(&mut self, index: usize) -> Option<Obligation> {
        if index >= self.out.obligations.len() {
            return None;
        }
        let o = self.out.obligations.remove(index);
        // Indices after it have moved: index the running rule's obligations again.
        self.latest.clear();
        self.indexed = self.rule_start;
        for m in &mut self.memory {
            m.latest = m.latest.withdrawn(index);
        }
        self.out.violations.retain(|v| {
            !(v.rule == o.rule
                && v.party == o.party
                && matches!(
                    v.kind,
                    ViolationKind::Missed { .. } | ViolationKind::Late { .. }
                )
                && v.events.starts_with(&o.events))
        });
        Some(o)
    }
}

/// The day after `date` (the day a missed deadline becomes a violation).
pub(crate) fn day_after(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}
