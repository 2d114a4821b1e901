//! Conditions, values, figures, events and duties: the parts that items are built from.
//!
//! A condition's top level (the one after `is eligible when` or `have`) is an `and`/`or`
//! chain written one part per line when it has three or more parts, or when it does not fit;
//! groups, `any of`/`all of` lists and sets are written on one line when they fit and
//! otherwise one element per line between their brackets.

use crate::items::Builder;
use crate::printer::Doc;
use mentor_syntax::ast::{
    Anchor, Cond, Deadline, Duty, EventPattern, Figure, Name, Operand, Path, Quantity, UnitKind,
};

/// An `and`/`or` chain of this many parts or more is always written one part per line.
const CHAIN_BREAK_PARTS: usize = 3;

impl Builder<'_> {
    /// A condition at the top of a clause (`is eligible when ...`, `have ...`).
    pub(crate) fn top_cond(&mut self, cond: &Cond) -> Doc {
        match cond {
            Cond::And(parts, _) => self.chain_group("and", parts, parts.len() >= CHAIN_BREAK_PARTS),
            Cond::Or(parts, _) => self.chain_group("or", parts, parts.len() >= CHAIN_BREAK_PARTS),
            _ => self.cond(cond),
        }
    }

    /// `a and b and c` as a group: the first part, then each `and PART` indented on its own
    /// line when the group is broken.
    fn chain_group(&mut self, op: &str, parts: &[Cond], force: bool) -> Doc {
        let mut docs = Vec::new();
        let mut rest = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if i == 0 {
                docs.push(self.cond(part));
            } else {
                rest.push(Doc::Line);
                rest.push(self.kw(op));
                rest.push(self.cond(part));
            }
        }
        docs.push(Doc::Indent(rest));
        Doc::forced_group(docs, force)
    }

    /// The parts of a chain with a break point before each `and`/`or`, at the same indentation.
    fn chain(&mut self, op: &str, parts: &[Cond]) -> Vec<Doc> {
        let mut docs = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                docs.push(Doc::Line);
                docs.push(self.kw(op));
            }
            docs.push(self.cond(part));
        }
        docs
    }

    pub(crate) fn cond(&mut self, cond: &Cond) -> Doc {
        match cond {
            Cond::And(parts, _) => self.chain_group("and", parts, false),
            Cond::Or(parts, _) => self.chain_group("or", parts, false),
            Cond::Not(inner, _) => Doc::Seq(vec![self.kw("not"), self.cond(inner)]),
            Cond::Group(inner, _) => {
                let open = self.kw("(");
                let body = match inner.as_ref() {
                    Cond::And(parts, _) => self.chain("and", parts),
                    Cond::Or(parts, _) => self.chain("or", parts),
                    other => vec![self.cond(other)],
                };
                let close = self.glued(")");
                let mut inside = vec![Doc::Line];
                inside.extend(body);
                Doc::group(vec![open, Doc::Glue, Doc::Indent(inside), Doc::Line, close])
            }
            Cond::Any(items, _) | Cond::All(items, _) => {
                let word = if matches!(cond, Cond::Any(..)) {
                    "any"
                } else {
                    "all"
                };
                let head = vec![self.kw(word), self.kw("of"), self.kw("(")];
                let mut inside = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        inside.push(self.glued(","));
                    }
                    inside.push(Doc::Line);
                    inside.push(self.cond(item));
                }
                let close = self.glued(")");
                let mut docs = head;
                docs.extend([Doc::Glue, Doc::Indent(inside), Doc::Line, close]);
                Doc::group(docs)
            }
            Cond::Compare {
                left,
                op,
                op_span,
                right,
                ..
            } => {
                let left = self.operand(left);
                let op = self.spanned(op.as_str(), *op_span);
                let right = self.operand(right);
                Doc::Seq(vec![left, op, right])
            }
            Cond::In {
                operand,
                negated,
                set,
                ..
            } => {
                let mut docs = vec![self.operand(operand)];
                if *negated {
                    docs.push(self.kw("not"));
                }
                docs.push(self.kw("in"));
                docs.push(self.set(set));
                Doc::Seq(docs)
            }
            Cond::Similar {
                left, right, by, ..
            } => {
                let mut docs = vec![
                    self.operand(left),
                    self.kw("similar"),
                    self.kw("to"),
                    self.operand(right),
                ];
                if let Some(by) = by {
                    docs.push(self.kw("by"));
                    docs.push(self.name(by));
                }
                Doc::Seq(docs)
            }
            Cond::Eligible(role, _) => {
                Doc::Seq(vec![self.name(role), self.kw("is"), self.kw("eligible")])
            }
            Cond::Value(operand) => self.operand(operand),
        }
    }

    /// `{a, b, c}`
    fn set(&mut self, names: &[Name]) -> Doc {
        let open = self.kw("{");
        let mut inside = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                inside.push(self.glued(","));
            }
            inside.push(Doc::Line);
            inside.push(self.name(name));
        }
        let close = self.glued("}");
        Doc::group(vec![open, Doc::Glue, Doc::Indent(inside), Doc::Line, close])
    }

    pub(crate) fn operand(&mut self, operand: &Operand) -> Doc {
        match operand {
            Operand::TimeSince(path, _) => {
                Doc::Seq(vec![self.kw("time"), self.kw("since"), self.path(path)])
            }
            Operand::Date(d) | Operand::DateTime(d) => self.spanned(&d.text, d.span),
            Operand::Figure(f) => self.figure(f),
            Operand::Bool(b, span) => self.spanned(if *b { "true" } else { "false" }, *span),
            Operand::Text(t) => self.text(t),
            Operand::Path(p) => self.path(p),
        }
    }

    pub(crate) fn path(&mut self, path: &Path) -> Doc {
        let text = match &path.second {
            Some(second) => format!("{}.{}", path.first.text, second.text),
            None => path.first.text.clone(),
        };
        self.spanned(&text, path.span)
    }

    /// `36 months becoming 60 months from 2028-01-01`
    pub(crate) fn figure(&mut self, figure: &Figure) -> Doc {
        let mut docs = vec![self.quantity(&figure.base)];
        for change in &figure.changes {
            docs.push(self.kw("becoming"));
            docs.push(self.quantity(&change.value));
            docs.push(self.kw("from"));
            docs.push(self.spanned(&change.from.text, change.from.span));
        }
        Doc::Seq(docs)
    }

    /// `5 working days in england_and_wales`, `1 month`, `4`: the unit is singular for 1.
    fn quantity(&mut self, q: &Quantity) -> Doc {
        let mut docs = vec![self.kw(&q.value.to_string())];
        if let Some(unit) = &q.unit {
            for word in unit.kind.word(q.value).split(' ') {
                docs.push(self.kw(word));
            }
            if let Some(calendar) = unit
                .calendar
                .as_ref()
                .filter(|_| unit.kind == UnitKind::WorkingDays)
            {
                docs.push(self.kw("in"));
                docs.push(self.name(calendar));
            }
        }
        Doc::Seq(docs)
    }

    /// `[first] EVENT [where CONDITION]`
    pub(crate) fn event_pattern(&mut self, p: &EventPattern) -> Doc {
        let mut docs = Vec::new();
        if let Some(first) = p.first {
            docs.push(self.spanned("first", first));
        }
        docs.push(self.name(&p.event));
        if let Some(filter) = &p.filter {
            docs.push(self.kw("where"));
            docs.push(self.cond(filter));
        }
        Doc::Seq(docs)
    }

    pub(crate) fn anchor(&mut self, anchor: &Anchor) -> Doc {
        match anchor {
            Anchor::Event(p) => self.event_pattern(p),
            Anchor::LaterOf(a, b, _) | Anchor::EarlierOf(a, b, _) => {
                let word = if matches!(anchor, Anchor::LaterOf(..)) {
                    "later"
                } else {
                    "earlier"
                };
                Doc::Seq(vec![
                    self.kw(word),
                    self.kw("of"),
                    self.event_pattern(a),
                    self.kw("and"),
                    self.event_pattern(b),
                ])
            }
            Anchor::Date(d) => self.spanned(&d.text, d.span),
            Anchor::Fact(p) => self.path(p),
        }
    }

    /// `mentor must a or b [to mentee]`
    pub(crate) fn duty(&mut self, duty: &Duty) -> Doc {
        let mut docs = vec![
            self.name(&duty.role),
            self.spanned(duty.modality.kind.as_str(), duty.modality.span),
        ];
        docs.push(self.or_list(&duty.actions));
        if let Some(to) = &duty.to {
            docs.push(self.kw("to"));
            docs.push(self.name(to));
        }
        Doc::Seq(docs)
    }

    /// `a or b or c`
    pub(crate) fn or_list(&mut self, names: &[Name]) -> Doc {
        let mut docs = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                docs.push(self.kw("or"));
            }
            docs.push(self.name(name));
        }
        Doc::Seq(docs)
    }

    /// `within 5 working days`, `by 2027-03-31`
    pub(crate) fn deadline(&mut self, deadline: &Deadline) -> Doc {
        match deadline {
            Deadline::Within(f) => Doc::Seq(vec![self.kw("within"), self.figure(f)]),
            Deadline::By(d) => Doc::Seq(vec![self.kw("by"), self.spanned(&d.text, d.span)]),
        }
    }
}
