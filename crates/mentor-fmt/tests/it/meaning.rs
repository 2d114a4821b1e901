//! Formatting never changes meaning: random policies, written with random spacing, line
//! breaks and comments, parse to the same tree (spans aside) before and after formatting, and
//! formatting them again changes nothing.

use proptest::prelude::*;
use serde_json::Value;

/// Turns a sequence of random numbers into choices.
struct Gen {
    choices: Vec<u8>,
    next: usize,
    comments: usize,
}

impl Gen {
    fn pick(&mut self, n: usize) -> usize {
        let c = self.choices.get(self.next).copied().unwrap_or(0);
        self.next += 1;
        usize::from(c) % n.max(1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.pick(100) < percent
    }

    fn one<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.pick(options.len())]
    }

    fn name(&mut self) -> String {
        self.one(&[
            "a",
            "b",
            "mentor",
            "mentee",
            "admin",
            "session_held",
            "x1",
            "profession",
            "step_two",
            "héloïse",
        ])
        .to_string()
    }

    fn comment(&mut self) -> String {
        self.comments += 1;
        let body = self.one(&["note", "say \"hi", "# twice", "", "a, b {c}", "and or not"]);
        format!("# c{} {body}", self.comments)
    }

    fn text(&mut self) -> String {
        self.one(&[
            "\"plain\"",
            "\"with \\\"quotes\\\"\"",
            "\"a # hash\"",
            "\"back\\\\slash and \\ttab\"",
            "\"\"",
        ])
        .to_string()
    }

    fn date(&mut self) -> String {
        self.one(&["2027-01-05", "2026-12-31", "2028-1-1"])
            .to_string()
    }

    fn int(&mut self) -> String {
        self.one(&["0", "1", "2", "5", "007", "36"]).to_string()
    }

    fn unit(&mut self, out: &mut Vec<String>) {
        match self.pick(6) {
            0 => {}
            1 => out.push(self.one(&["day", "days", "month", "months", "week"]).into()),
            2 => out.push(self.one(&["year", "years", "hour", "minutes"]).into()),
            3 => {
                out.push("working".into());
                out.push(self.one(&["day", "days"]).into());
            }
            4 => {
                out.extend(["working".into(), "days".into(), "in".into()]);
                out.push(self.name());
            }
            _ => out.push("months".into()),
        }
    }

    fn figure(&mut self, out: &mut Vec<String>) {
        out.push(self.int());
        self.unit(out);
        if self.chance(15) {
            out.push("becoming".into());
            out.push(self.int());
            self.unit(out);
            out.push("from".into());
            out.push(self.date());
        }
    }

    fn path(&mut self) -> String {
        if self.chance(30) {
            format!("{}.{}", self.name(), self.name())
        } else {
            self.name()
        }
    }

    fn operand(&mut self, out: &mut Vec<String>) {
        match self.pick(7) {
            0 => {
                out.extend(["time".into(), "since".into()]);
                out.push(self.path());
            }
            1 => out.push(self.date()),
            2 => self.figure(out),
            3 => out.push(self.one(&["true", "false"]).into()),
            4 => out.push(self.text()),
            5 => out.push("2027-01-05T09:30".into()),
            _ => out.push(self.path()),
        }
    }

    fn set(&mut self, out: &mut Vec<String>) {
        out.push("{".into());
        let n = 1 + self.pick(4);
        for i in 0..n {
            if i > 0 {
                out.push(",".into());
            }
            out.push(self.name());
        }
        if self.chance(20) {
            out.push(",".into());
        }
        out.push("}".into());
    }

    fn comparison(&mut self, out: &mut Vec<String>) {
        out.push(self.path());
        out.push(self.one(&[">=", "<=", "==", "!=", ">", "<"]).into());
        self.operand(out);
    }

    fn membership(&mut self, out: &mut Vec<String>) {
        out.push(self.path());
        if self.chance(30) {
            out.push("not".into());
        }
        out.push("in".into());
        self.set(out);
    }

    fn atom(&mut self, out: &mut Vec<String>, depth: usize) {
        let n = if depth > 2 { 4 } else { 8 };
        match self.pick(n) {
            0 => out.push(self.path()),
            1 => self.comparison(out),
            2 => self.membership(out),
            3 => {
                out.push(self.path());
                out.extend(["similar".into(), "to".into()]);
                out.push(self.path());
                if self.chance(40) {
                    out.push("by".into());
                    out.push(self.name());
                }
            }
            4 => {
                out.push("(".into());
                self.cond(out, depth + 1);
                out.push(")".into());
            }
            5 => {
                out.push("not".into());
                self.atom(out, depth + 1);
            }
            _ => {
                out.push(self.one(&["any", "all"]).into());
                out.extend(["of".into(), "(".into()]);
                let n = 1 + self.pick(4);
                for i in 0..n {
                    if i > 0 {
                        out.push(",".into());
                    }
                    self.cond(out, depth + 1);
                }
                if self.chance(20) {
                    out.push(",".into());
                }
                out.push(")".into());
            }
        }
    }

    fn cond(&mut self, out: &mut Vec<String>, depth: usize) {
        let ors = 1 + self.pick(if depth > 1 { 2 } else { 4 });
        for i in 0..ors {
            if i > 0 {
                out.push("or".into());
            }
            let ands = 1 + self.pick(if depth > 1 { 2 } else { 4 });
            for j in 0..ands {
                if j > 0 {
                    out.push("and".into());
                }
                self.atom(out, depth);
            }
        }
    }

    fn event_pattern(&mut self, out: &mut Vec<String>) {
        if self.chance(25) {
            out.push("first".into());
        }
        out.push(self.name());
        if self.chance(25) {
            out.push("where".into());
            match self.pick(3) {
                0 => self.comparison(out),
                1 => self.membership(out),
                _ => {
                    out.push("(".into());
                    self.cond(out, 2);
                    out.push(")".into());
                }
            }
        }
    }

    fn duty(&mut self, out: &mut Vec<String>) {
        out.push(self.name());
        out.push(self.one(&["must", "should"]).into());
        let n = 1 + self.pick(3);
        for i in 0..n {
            if i > 0 {
                out.push("or".into());
            }
            out.push(self.name());
        }
        if self.chance(40) {
            out.push("to".into());
            out.push(self.name());
        }
    }

    fn deadline(&mut self, out: &mut Vec<String>) {
        match self.pick(3) {
            0 => {}
            1 => {
                out.push("by".into());
                out.push(self.date());
            }
            _ => {
                out.push("within".into());
                self.figure(out);
            }
        }
    }

    fn sources(&mut self, out: &mut Vec<String>) {
        for _ in 0..self.pick(3) {
            out.push("source".into());
            out.push(self.text());
        }
    }

    fn fields(&mut self, out: &mut Vec<String>) {
        out.push("{".into());
        let n = 1 + self.pick(4);
        for i in 0..n {
            if i > 0 {
                out.push(",".into());
            }
            out.push(if self.chance(10) {
                "recorded".into()
            } else {
                self.name()
            });
            out.push(":".into());
            out.push(self.name());
            if self.chance(30) {
                out.push("|".into());
                out.push(self.name());
            }
            if self.chance(30) {
                out.push("recorded".into());
            }
        }
        out.push("}".into());
    }

    fn role_list(&mut self, out: &mut Vec<String>) {
        let n = 1 + self.pick(3);
        for i in 0..n {
            if i > 0 {
                out.push("or".into());
            }
            out.push(self.name());
        }
    }

    fn rule_body(&mut self, out: &mut Vec<String>) {
        match self.pick(4) {
            0 => {
                out.push("after".into());
                match self.pick(5) {
                    0 => {
                        out.push(self.one(&["later", "earlier"]).into());
                        out.push("of".into());
                        self.event_pattern(out);
                        out.push("and".into());
                        self.event_pattern(out);
                    }
                    1 => out.push(self.date()),
                    2 => out.push(format!("{}.{}", self.name(), self.name())),
                    _ => self.event_pattern(out),
                }
                out.push(",".into());
                self.duty(out);
                self.deadline(out);
            }
            1 => {
                out.extend(["every".into(), "month".into()]);
                if self.chance(60) {
                    out.push("from".into());
                    self.event_pattern(out);
                }
                if self.chance(40) {
                    out.push("until".into());
                    self.event_pattern(out);
                }
                out.push(",".into());
                self.duty(out);
                out.push("by".into());
                if self.chance(50) {
                    out.push("day".into());
                    out.push(self.int());
                } else {
                    out.extend(["end".into(), "of".into(), "month".into()]);
                }
            }
            2 => {
                out.push("each".into());
                self.event_pattern(out);
                out.push(self.one(&["must", "should"]).into());
                match self.pick(3) {
                    0 => {
                        out.push("have".into());
                        self.cond(out, 0);
                    }
                    1 => {
                        out.extend(["fall".into(), "within".into()]);
                        self.figure(out);
                        out.push("after".into());
                        self.event_pattern(out);
                    }
                    _ => {
                        out.extend(["fall".into(), "outside".into()]);
                        self.event_pattern(out);
                        out.push("until".into());
                        self.event_pattern(out);
                    }
                }
            }
            _ => {
                out.push(self.name());
                out.push(self.one(&["must", "should"]).into());
                out.push("have".into());
                match self.pick(3) {
                    0 => out.extend(["at".into(), "most".into()]),
                    1 => out.extend(["at".into(), "least".into()]),
                    _ => {
                        out.push("between".into());
                        out.push(self.int());
                        out.push("and".into());
                    }
                }
                out.push(self.int());
                self.event_pattern(out);
                for _ in 0..self.pick(3) {
                    out.push("plus".into());
                    out.push(format!("{}.{}", self.name(), self.name()));
                }
                if self.chance(50) {
                    if self.chance(50) {
                        out.push("within".into());
                        self.figure(out);
                    }
                    out.push("after".into());
                    self.event_pattern(out);
                }
            }
        }
    }

    fn values(&mut self, out: &mut Vec<String>) {
        out.push("{".into());
        let n = self.pick(5);
        for i in 0..n {
            if i > 0 {
                out.push(",".into());
            }
            out.push(
                self.one(&["a", "days", "minutes", "profession", "x1"])
                    .into(),
            );
            out.push(":".into());
            // A number only last: the syntax tree keeps in a number's text the comments that
            // follow it up to the next comma, which moving comments can change (the formatter
            // then refuses the file rather than change it).
            let kinds = if i + 1 == n { 6 } else { 5 };
            match self.pick(kinds) {
                0 => out.push(self.date()),
                1 => out.push("2027-01-05T09:30".into()),
                2 => out.push(self.one(&["true", "false"]).into()),
                3 => out.push(self.text()),
                4 => out.push(self.name()),
                _ => {
                    // One token: a comment between number and unit would be part of its text.
                    let mut number = self.int();
                    if self.chance(50) {
                        number.push(' ');
                        number.push_str(self.one(&["day", "days", "weeks"]));
                    }
                    out.push(number);
                }
            }
        }
        out.push("}".into());
    }

    /// `test NAME ["title"]` and its clauses, in the usual order: a case, participants,
    /// events, a date, expectations (`expect no next` and `expect no violations` without a
    /// name only last, since a name after them would be read as theirs).
    fn test_item(&mut self, out: &mut Vec<String>) {
        out.extend(["test".into(), self.name()]);
        if self.chance(50) {
            out.push(self.text());
        }
        if self.chance(20) {
            out.push("case".into());
            out.push(self.text());
        }
        for _ in 0..self.pick(3) {
            out.extend(["participant".into(), self.name(), self.name()]);
            if self.chance(50) {
                self.values(out);
            }
        }
        for _ in 0..self.pick(3) {
            out.push("on".into());
            out.push(if self.chance(30) {
                "2027-01-05T09:30".into()
            } else {
                self.date()
            });
            out.extend([self.name(), self.name()]);
            if self.chance(50) {
                out.extend(["to".into(), self.name()]);
            }
            if self.chance(40) {
                self.values(out);
            }
        }
        if self.chance(60) {
            out.extend(["at".into(), self.date()]);
        }
        for _ in 0..self.pick(4) {
            out.push("expect".into());
            match self.pick(6) {
                0 => {
                    out.extend(["no".into(), self.one(&["next", "violation"]).into()]);
                    out.push(self.name());
                }
                1 => {
                    out.extend(["next".into(), self.name()]);
                    if self.chance(50) {
                        out.extend(["for".into(), self.name()]);
                    }
                    if self.chance(50) {
                        out.push("due".into());
                        out.push(if self.chance(50) {
                            self.date()
                        } else {
                            "none".into()
                        });
                    }
                    if self.chance(30) {
                        out.push("overdue".into());
                    }
                }
                2 => {
                    out.extend(["violation".into(), self.name()]);
                    if self.chance(50) {
                        out.extend(["by".into(), self.name()]);
                    }
                    if self.chance(50) {
                        out.extend(["on".into(), self.date()]);
                    }
                }
                3 => {
                    if self.chance(50) {
                        out.push("not".into());
                    }
                    out.extend(["eligible".into(), self.name()]);
                }
                _ => {
                    out.extend([self.name(), "is".into()]);
                    let status =
                        self.one(&["met", "pending", "overdue", "violated", "not triggered"]);
                    out.extend(status.split(' ').map(String::from));
                }
            }
        }
        if self.chance(20) {
            out.extend(["expect".into(), "no".into()]);
            out.push(self.one(&["next", "violations"]).into());
        }
    }

    fn item(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        match self.pick(14) {
            12 => self.test_item(&mut out),
            13 => out.extend(["policy".into(), self.text()]),
            0 => {
                out.push("programme".into());
                out.push(self.name());
                if self.chance(70) {
                    out.push(self.text());
                }
            }
            1 => {
                out.push("calendar".into());
                out.push(self.name());
                if self.chance(50) {
                    out.push("=".into());
                    out.push(self.name());
                }
                if self.chance(50) {
                    out.push("closed".into());
                    for i in 0..1 + self.pick(12) {
                        if i > 0 {
                            out.push(",".into());
                        }
                        out.push(self.date());
                    }
                }
            }
            2 => {
                out.extend(["type".into(), self.name(), "=".into(), self.name()]);
                for _ in 0..self.pick(20) {
                    out.push("|".into());
                    out.push(self.name());
                }
            }
            3 => {
                out.push("role".into());
                out.push(self.name());
                if self.chance(50) {
                    self.fields(&mut out);
                }
            }
            4 => {
                out.push("event".into());
                out.push(self.name());
                out.push("by".into());
                self.role_list(&mut out);
                if self.chance(50) {
                    out.push("to".into());
                    self.role_list(&mut out);
                }
                if self.chance(40) {
                    self.fields(&mut out);
                }
                if self.chance(20) {
                    out.push("recorded".into());
                }
            }
            5 => {
                out.extend(["similarity".into(), self.name(), "{".into()]);
                for i in 0..1 + self.pick(3) {
                    if i > 0 && self.chance(50) {
                        out.push(",".into());
                    }
                    out.push(self.name());
                    for _ in 0..1 + self.pick(2) {
                        out.push("~".into());
                        out.push(self.name());
                    }
                }
                out.push("}".into());
            }
            6 => {
                out.extend(["eligibility".into(), self.name()]);
                self.sources(&mut out);
                out.push(self.name());
                out.extend(["is".into(), "eligible".into(), "when".into()]);
                self.cond(&mut out, 0);
            }
            7 => {
                out.extend(["ladder".into(), self.name()]);
                self.sources(&mut out);
                out.extend(["reach".into(), self.name()]);
                if self.chance(40) {
                    out.extend(["start".into(), "at".into()]);
                    self.event_pattern(&mut out);
                }
                out.extend(["attempt".into(), self.name(), "success".into()]);
                self.role_list(&mut out);
                for _ in 0..1 + self.pick(3) {
                    out.extend(["step".into(), self.name(), self.int()]);
                    out.push(self.one(&["attempt", "attempts"]).into());
                    if self.chance(50) {
                        out.push("within".into());
                        self.figure(&mut out);
                    }
                }
                out.push("outcome".into());
                if self.chance(50) {
                    out.push(self.text());
                }
                self.duty(&mut out);
                self.deadline(&mut out);
                if self.chance(30) {
                    out.extend(["if".into(), "missed".into(), self.text()]);
                }
            }
            8 => {
                out.extend(["termination".into(), self.name()]);
                self.sources(&mut out);
                out.push("when".into());
                self.event_pattern(&mut out);
                for _ in 0..self.pick(3) {
                    out.push("then".into());
                    self.duty(&mut out);
                    self.deadline(&mut out);
                }
            }
            9 => {
                out.extend(["disclosure".into(), self.name()]);
                self.sources(&mut out);
                out.push(self.name());
                out.push(self.one(&["must", "should"]).into());
                out.push("share".into());
                if self.chance(50) {
                    out.push("only".into());
                }
                out.push(self.name());
                for i in 0..1 + self.pick(3) {
                    if i > 0 {
                        out.push(",".into());
                    }
                    out.push(self.name());
                }
                out.extend(["with".into(), self.name(), "through".into(), self.name()]);
                for word in ["listing", "after", "until"] {
                    if self.chance(50) {
                        out.push(word.into());
                        out.push(self.name());
                    }
                }
            }
            10 => {
                out.extend(["phase".into(), self.name()]);
                self.sources(&mut out);
                out.extend(["starts".into(), "at".into()]);
                self.event_pattern(&mut out);
                if self.chance(50) {
                    out.extend(["ends".into(), "at".into()]);
                    self.event_pattern(&mut out);
                }
                out.push(self.one(&["must", "should"]).into());
                out.push("last".into());
                self.figure(&mut out);
                out.push("to".into());
                self.figure(&mut out);
            }
            _ => {
                out.extend(["rule".into(), self.name()]);
                self.sources(&mut out);
                self.rule_body(&mut out);
                if self.chance(30) {
                    out.extend(["if".into(), "missed".into(), self.text()]);
                }
            }
        }
        out
    }

    /// What goes between two tokens of an item: spaces, line breaks and comments, always
    /// leaving continuation lines indented.
    fn separator(&mut self, before: &str, after: &str) -> String {
        let punct = |s: &str| {
            matches!(
                s,
                "{" | "}"
                    | "("
                    | ")"
                    | ","
                    | ":"
                    | "="
                    | "|"
                    | "~"
                    | ">="
                    | "<="
                    | "=="
                    | "!="
                    | ">"
                    | "<"
            )
        };
        // A test value's number keeps a comment right after it in its text (a known quirk
        // of the syntax tree; the formatter refuses such a file rather than change it).
        let number_value_ends = before.starts_with(|c: char| c.is_ascii_digit())
            && !before.contains('-')
            && (after == "," || after == "}");
        if number_value_ends {
            return " ".into();
        }
        if after == "}" && self.chance(10) {
            return "\n".into();
        }
        match self.pick(21) {
            0 if punct(before) || punct(after) => String::new(),
            20 => format!("\n{}\n  ", self.comment()),
            1 => "\n    ".into(),
            2 => "\n  ".into(),
            3 => format!("  {}\n  ", self.comment()),
            4 => format!("\n  {}\n      ", self.comment()),
            5 => "\t".into(),
            6 => "\n\n   ".into(),
            _ => " ".into(),
        }
    }

    fn policy(&mut self) -> String {
        let mut text = String::new();
        if self.chance(30) {
            text.push_str(&self.comment());
            text.push_str("\n\n");
        }
        for _ in 0..1 + self.pick(5) {
            let tokens = self.item();
            for (i, tok) in tokens.iter().enumerate() {
                if i > 0 {
                    let sep = self.separator(&tokens[i - 1], tok);
                    text.push_str(&sep);
                }
                text.push_str(tok);
            }
            let between = match self.pick(8) {
                0 => "\n\n\n".to_string(),
                1 => format!("\n{}\n", self.comment()),
                2 => format!("\n\n{}\n\n", self.comment()),
                3 => format!("\n  {}\n", self.comment()),
                4 => format!("  {}\n", self.comment()),
                5 => "\n".to_string(),
                _ => "\n\n".to_string(),
            };
            text.push_str(&between);
        }
        if self.chance(20) {
            text.push_str(&self.comment());
        }
        if self.chance(10) {
            text = text.replace('\n', "\r\n");
        }
        text
    }
}

fn strip_spans(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is_span = map.len() == 2 && map.contains_key("start") && map.contains_key("end");
            if is_span {
                *value = Value::String("<span>".into());
                return;
            }
            map.remove("span");
            map.values_mut().for_each(strip_spans);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

fn tree(text: &str) -> Value {
    let parsed = mentor_syntax::parse(text);
    assert!(
        parsed.diagnostics.is_empty(),
        "does not parse: {:?}\n{text}",
        parsed.diagnostics
    );
    let mut value = serde_json::to_value(&parsed.policy).unwrap();
    strip_spans(&mut value);
    value
}

fn comment_texts(text: &str) -> Vec<String> {
    mentor_syntax::comments(text)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

proptest! {
    // 200 cases by default (about a second); set PROPTEST_CASES for a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn formatting_keeps_meaning_and_comments(choices in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut generator = Gen { choices, next: 0, comments: 0 };
        let text = generator.policy();
        let before = tree(&text);
        if std::env::var_os("SHOW_CASES").is_some() {
            // For looking at what the generator makes: SHOW_CASES=1 cargo test -- --nocapture
            eprintln!("=====\n{text}\n----- formatted -----\n{}", mentor_fmt::format(&text).unwrap_or_default());
        }
        let formatted = match mentor_fmt::format(&text) {
            Ok(f) => f,
            Err(e) => panic!("did not format: {e:?}\n---- input ----\n{text}"),
        };
        let after = tree(&formatted);
        prop_assert_eq!(&before, &after, "meaning changed\n---- input ----\n{}\n---- output ----\n{}", text, formatted);
        prop_assert_eq!(comment_texts(&text), comment_texts(&formatted));
        let again = mentor_fmt::format(&formatted).unwrap();
        prop_assert_eq!(&again, &formatted, "not idempotent\n---- input ----\n{}", text);
    }
}
