//! The layout of each kind of item: which clause goes on which line.

use crate::cursor::Cursor;
use crate::printer::{Doc, Tok};
use mentor_syntax::ast::{
    Bound, CalendarDecl, Closed, Disclosure, EachRequirement, Eligibility, EventDecl, Expectation,
    FieldDecl, FieldList, Item, ItemKind, Ladder, LiteralKind, MonthDay, Name, Phase, Programme,
    RoleDecl, Rule, RuleBody, SimilarityDecl, Termination, TestClause, TestDecl, Text, TypeDecl,
    ValueEntry,
};
use mentor_syntax::{Span, lex};

/// Builds the document of one item, token by token in source order.
pub(crate) struct Builder<'a> {
    cursor: Cursor<'a>,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(source: &'a str, start: usize) -> Self {
        Builder {
            cursor: Cursor::new(source, start),
        }
    }

    /// A keyword or sign, with a space before it.
    pub(crate) fn kw(&mut self, word: &str) -> Doc {
        let pos = self.cursor.word(word);
        tok(word, pos, false)
    }

    /// A sign written right after the previous token: `,` `)` `}`.
    pub(crate) fn glued(&mut self, word: &str) -> Doc {
        let pos = self.cursor.word(word);
        tok(word, pos, true)
    }

    /// A token whose place in the source is known.
    pub(crate) fn spanned(&mut self, text: &str, span: Span) -> Doc {
        let pos = self.cursor.at(span);
        tok(text, pos, false)
    }

    pub(crate) fn name(&mut self, name: &Name) -> Doc {
        self.spanned(&name.text, name.span)
    }

    /// A quoted text, escaped again.
    pub(crate) fn text(&mut self, text: &Text) -> Doc {
        self.spanned(&lex::quote(&text.value), text.span)
    }

    /// The document of an item, or `None` for an item that did not parse.
    pub(crate) fn item(&mut self, item: &Item) -> Option<Doc> {
        Some(match &item.kind {
            ItemKind::Programme(x) => self.programme(x),
            ItemKind::Calendar(x) => self.calendar(x),
            ItemKind::Type(x) => self.type_decl(x),
            ItemKind::Role(x) => self.role(x),
            ItemKind::Event(x) => self.event(x),
            ItemKind::Similarity(x) => self.similarity(x),
            ItemKind::Eligibility(x) => self.eligibility(x),
            ItemKind::Rule(x) => self.rule(x),
            ItemKind::Ladder(x) => self.ladder(x),
            ItemKind::Termination(x) => self.termination(x),
            ItemKind::Disclosure(x) => self.disclosure(x),
            ItemKind::Phase(x) => self.phase(x),
            ItemKind::PolicyRef(x) => Doc::Seq(vec![self.kw("policy"), self.text(&x.path)]),
            ItemKind::Test(x) => self.test(x),
            ItemKind::Error(_) => return None,
        })
    }

    /// `KEYWORD NAME`
    fn head(&mut self, keyword: &str, name: &Name) -> Vec<Doc> {
        vec![self.kw(keyword), self.name(name)]
    }

    /// Each `source "..."` on its own line.
    fn sources(&mut self, sources: &[Text], lines: &mut Vec<Doc>) {
        for source in sources {
            lines.push(Doc::HardLine);
            lines.push(self.kw("source"));
            lines.push(self.text(source));
        }
    }

    fn if_missed(&mut self, text: Option<&Text>, lines: &mut Vec<Doc>) {
        if let Some(text) = text {
            lines.push(Doc::HardLine);
            lines.push(self.kw("if"));
            lines.push(self.kw("missed"));
            lines.push(self.text(text));
        }
    }

    fn programme(&mut self, p: &Programme) -> Doc {
        let mut docs = self.head("programme", &p.name);
        if let Some(title) = &p.title {
            docs.push(self.text(title));
        }
        if let Some(zone) = &p.time_zone {
            docs.push(self.kw("time"));
            docs.push(self.kw("zone"));
            docs.push(self.text(zone));
        }
        Doc::Seq(docs)
    }

    /// `calendar NAME [= BASE] [closed D, "FILE", D]`; a long list of closed days goes on the next
    /// line, filled up to the width.
    fn calendar(&mut self, c: &CalendarDecl) -> Doc {
        let mut docs = self.head("calendar", &c.name);
        if let Some(base) = &c.base {
            docs.push(self.kw("="));
            docs.push(self.name(base));
        }
        if !c.closed.is_empty() {
            let mut closed = vec![Doc::Line, self.kw("closed")];
            let mut dates = Vec::new();
            for (i, entry) in c.closed.iter().enumerate() {
                if i > 0 {
                    dates.push(self.glued(","));
                    dates.push(Doc::FillLine);
                }
                dates.push(match entry {
                    Closed::Day(date) => self.spanned(&date.text, date.span),
                    Closed::File(file) => self.text(file),
                });
            }
            closed.push(Doc::Indent(dates));
            docs.push(Doc::group(vec![Doc::Indent(closed)]));
        }
        Doc::Seq(docs)
    }

    /// `type NAME = a | b | c`, filled up to the width with `| choice` continuation lines.
    fn type_decl(&mut self, t: &TypeDecl) -> Doc {
        let mut docs = self.head("type", &t.name);
        docs.push(self.kw("="));
        let mut choices = Vec::new();
        for (i, name) in t.ty.names.iter().enumerate() {
            if i == 0 {
                docs.push(self.name(name));
            } else {
                choices.push(Doc::FillLine);
                choices.push(self.kw("|"));
                choices.push(self.name(name));
            }
        }
        docs.push(Doc::Indent(choices));
        Doc::Seq(docs)
    }

    /// `name: a | b [recorded]`
    fn field(&mut self, f: &FieldDecl) -> Doc {
        let mut docs = vec![self.name(&f.name), self.glued(":")];
        for (i, name) in f.ty.names.iter().enumerate() {
            if i > 0 {
                docs.push(self.kw("|"));
            }
            docs.push(self.name(name));
        }
        if let Some(span) = f.recorded {
            docs.push(self.spanned("recorded", span));
        }
        Doc::Seq(docs)
    }

    /// `{ a: int, b: date }` when it fits (and `inline`), else one field per line.
    fn fields(&mut self, list: &FieldList, inline: bool) -> Doc {
        let mut inside = Vec::new();
        let open = self.kw("{");
        for (i, field) in list.fields.iter().enumerate() {
            if i > 0 {
                // A field named `recorded` would be read as the marker of the one before.
                let next_is_recorded = field.name.text == "recorded";
                let comma = self.glued(",");
                if next_is_recorded {
                    inside.push(comma);
                } else {
                    inside.push(Doc::FlatOnly(Box::new(comma)));
                }
            }
            inside.push(Doc::Line);
            inside.push(self.field(field));
        }
        let close = self.kw("}");
        Doc::forced_group(vec![open, Doc::Indent(inside), Doc::Line, close], !inline)
    }

    /// `role NAME {` one fact per line `}`, or `role NAME` without facts.
    fn role(&mut self, r: &RoleDecl) -> Doc {
        let mut docs = self.head("role", &r.name);
        if let Some(list) = r.fields.as_ref().filter(|l| !l.fields.is_empty()) {
            docs.push(self.fields(list, false));
        }
        Doc::Seq(docs)
    }

    /// `event NAME by A or B [to C] ["phrase" [/ "past"]] [{ a: int }] [recorded]`
    fn event(&mut self, e: &EventDecl) -> Doc {
        let mut docs = self.head("event", &e.name);
        docs.push(self.kw("by"));
        docs.push(self.or_list(&e.by));
        if !e.to.is_empty() {
            docs.push(self.kw("to"));
            docs.push(self.or_list(&e.to));
        }
        if let Some(phrase) = &e.phrase {
            docs.push(self.text(&phrase.present));
            if let Some(past) = &phrase.past {
                docs.push(self.kw("/"));
                docs.push(self.text(past));
            }
        }
        if let Some(list) = e.fields.as_ref().filter(|l| !l.fields.is_empty()) {
            docs.push(self.fields(list, true));
        }
        if let Some(span) = e.recorded {
            docs.push(self.spanned("recorded", span));
        }
        Doc::Seq(docs)
    }

    /// `similarity NAME {` one group `a ~ b` per line `}`.
    fn similarity(&mut self, s: &SimilarityDecl) -> Doc {
        let mut docs = self.head("similarity", &s.name);
        docs.push(self.kw("{"));
        let mut inside = Vec::new();
        for group in &s.groups {
            inside.push(Doc::HardLine);
            for (i, symbol) in group.symbols.iter().enumerate() {
                if i > 0 {
                    inside.push(self.kw("~"));
                }
                inside.push(self.name(symbol));
            }
        }
        docs.push(Doc::Indent(inside));
        docs.push(Doc::HardLine);
        docs.push(self.kw("}"));
        Doc::Seq(docs)
    }

    fn eligibility(&mut self, e: &Eligibility) -> Doc {
        let mut docs = self.head("eligibility", &e.name);
        let mut lines = Vec::new();
        self.sources(&e.sources, &mut lines);
        lines.push(Doc::HardLine);
        lines.push(self.name(&e.role));
        lines.push(self.kw("is"));
        lines.push(self.kw("eligible"));
        lines.push(self.kw("when"));
        lines.push(self.top_cond(&e.condition));
        docs.push(Doc::Indent(lines));
        Doc::Seq(docs)
    }

    fn rule(&mut self, r: &Rule) -> Doc {
        let mut docs = self.head("rule", &r.name);
        let mut lines = Vec::new();
        self.sources(&r.sources, &mut lines);
        lines.push(Doc::HardLine);
        lines.push(self.rule_body(&r.body));
        self.if_missed(r.if_missed.as_ref(), &mut lines);
        docs.push(Doc::Indent(lines));
        Doc::Seq(docs)
    }

    fn rule_body(&mut self, body: &RuleBody) -> Doc {
        match body {
            RuleBody::Deadline {
                anchor,
                duty,
                deadline,
                ..
            } => {
                let mut head = vec![self.kw("after"), self.anchor(anchor), self.glued(",")];
                let mut tail = vec![Doc::Line, self.duty(duty)];
                if let Some(d) = deadline {
                    tail.push(self.deadline(d));
                }
                head.push(Doc::Indent(tail));
                Doc::group(head)
            }
            RuleBody::Recurring {
                from,
                until,
                duty,
                by,
                ..
            } => {
                let mut head = vec![self.kw("every"), self.kw("month")];
                if let Some(from) = from {
                    head.push(self.kw("from"));
                    head.push(self.event_pattern(from));
                }
                if let Some(until) = until {
                    head.push(self.kw("until"));
                    head.push(self.event_pattern(until));
                }
                head.push(self.glued(","));
                let mut tail = vec![Doc::Line, self.duty(duty), self.kw("by")];
                match by {
                    MonthDay::Day(n, _) => {
                        tail.push(self.kw("day"));
                        tail.push(self.kw(&n.to_string()));
                    }
                    MonthDay::End(_) => {
                        tail.push(self.kw("end"));
                        tail.push(self.kw("of"));
                        tail.push(self.kw("month"));
                    }
                }
                head.push(Doc::Indent(tail));
                Doc::group(head)
            }
            RuleBody::Each {
                first,
                event,
                modality,
                requirement,
                ..
            } => {
                let mut docs = vec![self.kw("each")];
                if let Some(first) = first {
                    docs.extend([
                        self.kw("of"),
                        self.kw("the"),
                        self.kw("first"),
                        self.spanned(&first.value.to_string(), first.span),
                    ]);
                }
                docs.push(self.event_pattern(event));
                let modality = self.spanned(modality.kind.as_str(), modality.span);
                match requirement {
                    EachRequirement::Have(cond) => {
                        docs.extend([modality, self.kw("have"), self.top_cond(cond)]);
                        Doc::Seq(docs)
                    }
                    EachRequirement::Within { figure, after } => {
                        let tail = vec![
                            Doc::Line,
                            modality,
                            self.kw("fall"),
                            self.kw("within"),
                            self.figure(figure),
                            self.kw("after"),
                            self.event_pattern(after),
                        ];
                        docs.push(Doc::Indent(tail));
                        Doc::group(docs)
                    }
                    EachRequirement::Outside { from, until } => {
                        let tail = vec![
                            Doc::Line,
                            modality,
                            self.kw("fall"),
                            self.kw("outside"),
                            self.event_pattern(from),
                            self.kw("until"),
                            self.event_pattern(until),
                        ];
                        docs.push(Doc::Indent(tail));
                        Doc::group(docs)
                    }
                }
            }
            RuleBody::Limit {
                role,
                modality,
                bound,
                event,
                raises,
                window,
                ..
            } => {
                let mut docs = vec![
                    self.name(role),
                    self.spanned(modality.kind.as_str(), modality.span),
                    self.kw("have"),
                ];
                match bound {
                    Bound::AtMost(f) | Bound::AtLeast(f) => {
                        docs.push(self.kw("at"));
                        let word = if matches!(bound, Bound::AtMost(_)) {
                            "most"
                        } else {
                            "least"
                        };
                        docs.push(self.kw(word));
                        docs.push(self.figure(f));
                    }
                    Bound::Between(a, b) => {
                        docs.push(self.kw("between"));
                        docs.push(self.figure(a));
                        docs.push(self.kw("and"));
                        docs.push(self.figure(b));
                    }
                }
                docs.push(self.event_pattern(event));
                let mut tail = Vec::new();
                for raise in raises {
                    tail.extend([Doc::Line, self.kw("plus"), self.path(raise)]);
                }
                if let Some(window) = window {
                    tail.push(Doc::Line);
                    if let Some(within) = &window.within {
                        tail.push(self.kw("within"));
                        tail.push(self.figure(within));
                    }
                    tail.push(self.kw("after"));
                    tail.push(self.event_pattern(&window.after));
                }
                docs.push(Doc::Indent(tail));
                Doc::group(docs)
            }
        }
    }

    fn ladder(&mut self, l: &Ladder) -> Doc {
        let mut docs = self.head("ladder", &l.name);
        let mut lines = Vec::new();
        self.sources(&l.sources, &mut lines);
        lines.extend([Doc::HardLine, self.kw("reach"), self.name(&l.reach)]);
        if let Some(start) = &l.start {
            lines.extend([
                Doc::HardLine,
                self.kw("start"),
                self.kw("at"),
                self.event_pattern(start),
            ]);
        }
        lines.extend([Doc::HardLine, self.kw("attempt"), self.name(&l.attempt)]);
        lines.extend([Doc::HardLine, self.kw("success"), self.or_list(&l.success)]);
        for step in &l.steps {
            lines.extend([Doc::HardLine, self.kw("step"), self.name(&step.role)]);
            lines.push(self.figure(&step.attempts));
            let one = step.attempts.base.value == 1 && step.attempts.changes.is_empty();
            lines.push(self.kw(if one { "attempt" } else { "attempts" }));
            if let Some(within) = &step.within {
                lines.push(self.kw("within"));
                lines.push(self.figure(within));
            }
        }
        lines.extend([Doc::HardLine, self.kw("outcome")]);
        let outcome = &l.outcome;
        let mut duty = Vec::new();
        if let Some(label) = &outcome.label {
            lines.push(self.text(label));
            duty.push(Doc::HardLine);
        }
        duty.push(self.duty(&outcome.duty));
        if let Some(d) = &outcome.deadline {
            duty.push(self.deadline(d));
        }
        lines.push(Doc::Indent(duty));
        self.if_missed(l.if_missed.as_ref(), &mut lines);
        docs.push(Doc::Indent(lines));
        Doc::Seq(docs)
    }

    fn termination(&mut self, t: &Termination) -> Doc {
        let mut docs = self.head("termination", &t.name);
        let mut lines = Vec::new();
        self.sources(&t.sources, &mut lines);
        lines.extend([Doc::HardLine, self.kw("when"), self.event_pattern(&t.when)]);
        if let Some(between) = &t.between {
            lines.extend([
                self.kw("between"),
                self.name(&between.first),
                self.kw("and"),
                self.name(&between.second),
            ]);
        }
        for req in &t.requirements {
            lines.extend([Doc::HardLine, self.kw("then"), self.duty(&req.duty)]);
            if let Some(d) = &req.deadline {
                lines.push(self.deadline(d));
            }
        }
        docs.push(Doc::Indent(lines));
        Doc::Seq(docs)
    }

    /// One line when it fits; else the share line, then `through`, `after` and `until` each on
    /// a line of their own.
    fn disclosure(&mut self, d: &Disclosure) -> Doc {
        let mut docs = self.head("disclosure", &d.name);
        let mut lines = Vec::new();
        self.sources(&d.sources, &mut lines);
        lines.extend([
            Doc::HardLine,
            self.name(&d.sharer),
            self.spanned(d.modality.kind.as_str(), d.modality.span),
            self.kw("share"),
        ]);
        if let Some(only) = d.only {
            lines.push(self.spanned("only", only));
        }
        lines.push(self.name(&d.subject));
        for (i, fact) in d.facts.iter().enumerate() {
            if i > 0 {
                lines.push(self.glued(","));
            }
            lines.push(self.name(fact));
        }
        lines.extend([self.kw("with"), self.name(&d.recipient)]);
        let mut tail = vec![Doc::Line, self.kw("through"), self.name(&d.through)];
        if let Some(listing) = &d.listing {
            tail.extend([self.kw("listing"), self.name(listing)]);
        }
        if let Some(after) = &d.after {
            tail.extend([Doc::Line, self.kw("after"), self.name(after)]);
        }
        if let Some(until) = &d.until {
            tail.extend([Doc::Line, self.kw("until"), self.name(until)]);
        }
        lines.push(Doc::group(vec![Doc::Indent(tail)]));
        docs.push(Doc::Indent(lines));
        Doc::Seq(docs)
    }

    fn phase(&mut self, p: &Phase) -> Doc {
        let mut docs = self.head("phase", &p.name);
        let mut lines = Vec::new();
        self.sources(&p.sources, &mut lines);
        lines.extend([
            Doc::HardLine,
            self.kw("starts"),
            self.kw("at"),
            self.event_pattern(&p.starts),
        ]);
        if let Some(ends) = &p.ends {
            lines.extend([
                Doc::HardLine,
                self.kw("ends"),
                self.kw("at"),
                self.event_pattern(ends),
            ]);
        }
        lines.extend([
            Doc::HardLine,
            self.spanned(p.modality.kind.as_str(), p.modality.span),
            self.kw("last"),
            self.figure(&p.min),
            self.kw("to"),
            self.figure(&p.max),
        ]);
        docs.push(Doc::Indent(lines));
        Doc::Seq(docs)
    }
}

impl Builder<'_> {
    /// `test NAME`, its title on the next line, then one clause per line.
    fn test(&mut self, t: &TestDecl) -> Doc {
        let mut docs = self.head("test", &t.name);
        let mut lines = Vec::new();
        if let Some(title) = &t.title {
            lines.extend([Doc::HardLine, self.text(title)]);
        }
        for clause in &t.clauses {
            lines.push(Doc::HardLine);
            match clause {
                TestClause::Case(path) => lines.extend([self.kw("case"), self.text(path)]),
                TestClause::Participant {
                    id, role, values, ..
                } => {
                    lines.extend([self.kw("participant"), self.name(id), self.name(role)]);
                    if !values.is_empty() {
                        lines.push(self.values(values));
                    }
                }
                TestClause::Event {
                    at,
                    by,
                    event,
                    to,
                    values,
                    ..
                } => {
                    lines.extend([
                        self.kw("on"),
                        self.spanned(&at.text, at.span),
                        self.name(by),
                        self.name(event),
                    ]);
                    if let Some(to) = to {
                        lines.extend([self.kw("to"), self.name(to)]);
                    }
                    if !values.is_empty() {
                        lines.push(self.values(values));
                    }
                }
                TestClause::At(date) => {
                    lines.extend([self.kw("at"), self.spanned(&date.text, date.span)]);
                }
                TestClause::Expect(expectation, _) => {
                    lines.push(self.kw("expect"));
                    lines.push(self.expectation(expectation));
                }
            }
        }
        docs.push(Doc::Indent(lines));
        Doc::Seq(docs)
    }

    /// `{ a: 1, b: doctor }` when it fits, else one value per line.
    fn values(&mut self, values: &[ValueEntry]) -> Doc {
        let open = self.kw("{");
        let mut inside = Vec::new();
        for (i, entry) in values.iter().enumerate() {
            inside.push(Doc::Line);
            inside.push(self.name(&entry.name));
            inside.push(self.glued(":"));
            let literal = &entry.value;
            let next = values.get(i + 1);
            let (text, keep_comma) = match literal.kind {
                LiteralKind::Text => (lex::quote(&literal.text), false),
                LiteralKind::Number => {
                    // The syntax tree keeps in a number's text the comments that follow it
                    // when no comma comes first; where the source had a comma before a
                    // comment, the comma is kept so that the text stays the same.
                    let source = self.cursor.source();
                    let end = next.map(|n| n.span.start());
                    let kept = !lex::pieces(&literal.text).any(|p| p.is_comment())
                        && comment_follows(source, literal.span.end(), end);
                    (number_text(source, literal.span), kept)
                }
                _ => (literal.text.clone(), false),
            };
            inside.push(self.spanned(&text, literal.span));
            // `a: 5` then `days: 2` would read as `a: 5 days`.
            let needed =
                keep_comma || next.is_some_and(|n| UNIT_WORDS.contains(&n.name.text.as_str()));
            if needed {
                inside.push(self.glued(","));
            } else if next.is_some() {
                let comma = self.glued(",");
                inside.push(Doc::FlatOnly(Box::new(comma)));
            }
        }
        let close = self.kw("}");
        Doc::group(vec![open, Doc::Indent(inside), Doc::Line, close])
    }

    fn expectation(&mut self, e: &Expectation) -> Doc {
        let mut docs = Vec::new();
        match e {
            Expectation::NoNext(rule) => {
                docs.extend([self.kw("no"), self.kw("next")]);
                if let Some(rule) = rule {
                    docs.push(self.name(rule));
                }
            }
            Expectation::NoViolation(rule) => {
                docs.push(self.kw("no"));
                match rule {
                    Some(rule) => docs.extend([self.kw("violation"), self.name(rule)]),
                    None => docs.push(self.kw("violations")),
                }
            }
            Expectation::Next {
                rule,
                party,
                due,
                overdue,
            } => {
                docs.extend([self.kw("next"), self.name(rule)]);
                if let Some(party) = party {
                    docs.extend([self.kw("for"), self.name(party)]);
                }
                if let Some(due) = due {
                    docs.push(self.kw("due"));
                    docs.push(match due {
                        Some(date) => self.spanned(&date.text, date.span),
                        None => self.kw("none"),
                    });
                }
                if *overdue {
                    docs.push(self.kw("overdue"));
                }
            }
            Expectation::Violation { rule, party, on } => {
                docs.extend([self.kw("violation"), self.name(rule)]);
                if let Some(party) = party {
                    docs.extend([self.kw("by"), self.name(party)]);
                }
                if let Some(on) = on {
                    docs.extend([self.kw("on"), self.spanned(&on.text, on.span)]);
                }
            }
            Expectation::Eligible {
                negated,
                participant,
            } => {
                if *negated {
                    docs.push(self.kw("not"));
                }
                docs.extend([self.kw("eligible"), self.name(participant)]);
            }
            Expectation::Status { rule, status } => {
                docs.extend([self.name(rule), self.kw("is")]);
                for word in status.as_str().split(' ') {
                    docs.push(self.kw(word));
                }
            }
        }
        Doc::Seq(docs)
    }
}

/// A number value of a test as written (`5 days`), without the comments the parser may have
/// kept inside its text.
fn number_text(source: &str, span: Span) -> String {
    let raw = source.get(span.start()..span.end()).unwrap_or("");
    lex::without_comments(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a comment comes between offset `from` and `to` (or the closing `}` of the block).
fn comment_follows(source: &str, from: usize, to: Option<usize>) -> bool {
    let rest = source.get(from..).unwrap_or("");
    let end = match to {
        Some(to) => to.saturating_sub(from),
        None => rest.find('}').unwrap_or(rest.len()),
    };
    rest.get(..end)
        .is_some_and(|between| lex::pieces(between).any(|p| p.is_comment()))
}

/// Words that, after a number, would be read as its unit.
const UNIT_WORDS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute",
    "minutes", "working",
];

fn tok(text: &str, pos: usize, glue: bool) -> Doc {
    Doc::Tok(Tok {
        text: text.to_string(),
        pos,
        glue,
    })
}
