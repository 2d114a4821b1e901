//! Syntax errors in the voice of the project: what was expected, what was found, and how to fix it.

use crate::keywords::ITEM_KEYWORDS;
use crate::parser::Rule;
use mentor_diagnostics::{Code, Diagnostic, Span};

/// A pest error on a chunk starting at `offset`, as a diagnostic on the whole file.
pub(crate) fn from_pest(
    error: &pest::error::Error<Rule>,
    chunk: &str,
    offset: usize,
) -> Diagnostic {
    let position = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((start, _)) => start,
    };
    let position = skip_trivia(chunk, position);
    let (found, found_len) = found_at(chunk, position);
    let span = Span::new(offset + position, offset + position + found_len);

    if position == 0 {
        return unknown_item(chunk, span);
    }
    if let Some(d) = single_quotes(chunk, position, offset) {
        return d;
    }
    if let Some(d) = indented_item(chunk, position, offset, span) {
        return d;
    }
    if let Some(d) = is_for_equals(chunk, position, offset) {
        return d;
    }
    if chunk
        .get(position..)
        .is_some_and(|rest| rest.starts_with('"'))
        && unterminated(chunk, position)
    {
        return Diagnostic::new(Code::UnterminatedText, span, "this quoted text has no closing `\"`")
            .label("opened here")
            .help("close the quote on the same line; a long quote can be split over several `source` lines");
    }
    let positives = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { message } if message.contains("call limit") => {
            return item_too_complex(Span::new(offset, offset + chunk.len()));
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let expected = describe_expected(&positives);
    let message = format!("expected {expected}, found {found}");
    let mut diagnostic =
        Diagnostic::new(Code::Unexpected, span, message).label(format!("expected {expected}"));
    if let Some(help) = help_for(&positives, chunk, position) {
        diagnostic = diagnostic.help(help);
    }
    diagnostic
}

/// The diagnostic for a chunk whose first word does not start an item.
fn unknown_item(chunk: &str, span: Span) -> Diagnostic {
    let word: String = chunk
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if ITEM_KEYWORDS.contains(&word.as_str()) {
        // The keyword is right but what follows is not; pest points at the start only when
        // nothing at all could be read, which happens for an empty item.
        return Diagnostic::new(
            Code::Unexpected,
            span,
            format!("`{word}` must be followed by a name"),
        )
        .help(format!(
            "write `{word} some_name` and the rest of the {word}"
        ));
    }
    let shown = if word.is_empty() {
        chunk.chars().take(12).collect::<String>()
    } else {
        word.chars().take(crate::limits::MAX_WORD_CHARS).collect()
    };
    let span = Span::new(span.start(), span.start() + shown.len());
    Diagnostic::new(
        Code::UnknownItem,
        span,
        format!("`{shown}` does not start an item"),
    )
    .suggest(&word, ITEM_KEYWORDS.iter().copied())
    .label("a line that starts in the first column begins a new item")
    .help(format!(
        "items start with one of {}; if this line continues the item above, indent it",
        ITEM_KEYWORDS
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// Text in single quotes (`'P'`): the language writes text in double quotes.
fn single_quotes(chunk: &str, position: usize, offset: usize) -> Option<Diagnostic> {
    let rest = chunk.get(position..)?;
    let inner = rest.strip_prefix('\'')?;
    let line = inner.split('\n').next().unwrap_or("");
    let span_end = line
        .find('\'')
        .map_or(position + 1, |close| position + close + 2);
    let span = Span::new(offset + position, offset + span_end);
    let mut diagnostic = Diagnostic::new(
        Code::Unexpected,
        span,
        "text is written in double quotes (`\"`), not single quotes",
    )
    .label("single quotes");
    if let Some(close) = line.find('\'') {
        let text = line.get(..close).unwrap_or("").replace('"', "\\\"");
        diagnostic = diagnostic
            .help(format!("write `\"{}\"`", excerpt(&text)))
            .fix("use double quotes", span, format!("\"{text}\""));
    } else {
        diagnostic = diagnostic.help("put the text between double quotes: `\"...\"`");
    }
    Some(diagnostic)
}

/// An item keyword at the start of an indented line: a new item that was indented, so it
/// reads as part of the item above.
fn indented_item(chunk: &str, position: usize, offset: usize, found: Span) -> Option<Diagnostic> {
    let line_start = chunk.get(..position)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = chunk.get(line_start..position)?;
    if indent.is_empty() || !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let word: String = chunk
        .get(position..)?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if !ITEM_KEYWORDS.contains(&word.as_str()) {
        return None;
    }
    let indent_span = Span::new(offset + line_start, offset + position);
    Some(
        Diagnostic::new(
            Code::Unexpected,
            found,
            format!("`{word}` starts a new item, but its line is indented"),
        )
        .label("indented, so it reads as part of the item above")
        .help(format!(
            "items start at the beginning of a line: remove the spaces before `{word}`"
        ))
        .fix("remove the indentation", indent_span, ""),
    )
}

/// `profession is nurse`: `is` only says who is eligible; a fact is compared with `==`.
fn is_for_equals(chunk: &str, position: usize, offset: usize) -> Option<Diagnostic> {
    let before = chunk.get(..position)?.trim_end();
    let is_start = before.strip_suffix("is")?.len();
    let fact: String = before
        .get(..is_start)?
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let value: String = chunk
        .get(position..)?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if fact.is_empty() || value.is_empty() || value == "eligible" {
        return None;
    }
    let span = Span::new(offset + is_start, offset + is_start + 2);
    Some(
        Diagnostic::new(
            Code::Unexpected,
            span,
            format!("`is` does not compare `{fact}` with a value"),
        )
        .label("write `==` here")
        .help(format!(
            "to check a fact, write `{fact} == {value}`; `is` only appears in `ROLE is eligible when ...`"
        ))
        .fix("use `==`", span, "=="),
    )
}

fn unterminated(chunk: &str, position: usize) -> bool {
    let line = chunk
        .get(position + 1..)
        .unwrap_or("")
        .split('\n')
        .next()
        .unwrap_or("");
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return false,
            _ => escaped = false,
        }
    }
    true
}

/// Moves past spaces and comments, which pest may report errors in front of.
fn skip_trivia(chunk: &str, mut position: usize) -> usize {
    loop {
        let rest = chunk.get(position..).unwrap_or("");
        let trimmed = rest.trim_start();
        position += rest.len() - trimmed.len();
        if trimmed.starts_with('#') {
            position += trimmed.find('\n').unwrap_or(trimmed.len());
        } else {
            return position;
        }
    }
}

/// What stands at `position`, in words, and how many bytes to underline.
fn found_at(chunk: &str, position: usize) -> (String, usize) {
    let rest = chunk.get(position..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return ("the end of the item".to_string(), 0);
    };
    if first.is_alphanumeric() || first == '_' {
        let word = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(rest, |end| rest.get(..end).unwrap_or(rest));
        return (format!("`{}`", excerpt(word)), word.len());
    }
    if first == '"' {
        let line = rest.split('\n').next().unwrap_or(rest);
        return ("a quoted text".to_string(), line.len().min(60));
    }
    let symbol: String = rest
        .chars()
        .take_while(|c| "<>=!|~{}(),.:".contains(*c))
        .take(2)
        .collect();
    let symbol = if symbol.is_empty() {
        first.to_string()
    } else {
        symbol
    };
    (format!("`{symbol}`"), symbol.len())
}

/// At most the first 40 characters of a word, marked `...` when cut: what a message echoes.
fn excerpt(word: &str) -> String {
    const SHOWN: usize = 40;
    match word.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}...", word.get(..cut).unwrap_or(word)),
        None => word.to_string(),
    }
}

/// How a grammar rule is named to a programme designer.
fn rule_words(rule: Rule) -> Option<String> {
    let name = format!("{rule:?}");
    if let Some(keyword) = name.strip_prefix("kw_") {
        return Some(match keyword {
            "attempts" => "`attempts`".to_string(),
            "days" => "`days`".to_string(),
            other => format!("`{other}`"),
        });
    }
    let words = match rule {
        Rule::ident | Rule::path | Rule::fact_anchor => "a name",
        Rule::participant_id => "a participant's id",
        Rule::string | Rule::string_inner => "a quoted text",
        Rule::int | Rule::figure | Rule::quantity => "a number",
        Rule::date | Rule::datetime => "a date (YYYY-MM-DD)",
        Rule::bool_lit => "`true` or `false`",
        Rule::unit | Rule::unit_word | Rule::working_days => {
            "a unit (days, weeks, months, years, working days)"
        }
        Rule::cmp_op => "a comparison (`>=`, `<=`, `==`, `!=`, `>`, `<`)",
        Rule::modality => "`must` or `should`",
        Rule::EOI => "the end of the item",
        Rule::source => "`source`",
        Rule::set_literal => "a set such as `{doctor, dentist}`",
        Rule::set_comma => "`,` between the choices",
        Rule::set_close => "`}`",
        Rule::field_list => "`{`",
        Rule::cond
        | Rule::conj
        | Rule::negation
        | Rule::group
        | Rule::quantified
        | Rule::comparison
        | Rule::membership
        | Rule::similar
        | Rule::time_since => "a condition",
        Rule::anchor | Rule::later_of | Rule::earlier_of | Rule::event_pattern => "an event",
        Rule::deadline => "`within` or `by`",
        Rule::duty => "a role and `must` or `should`",
        Rule::bound | Rule::at_most | Rule::at_least | Rule::between => {
            "`at most`, `at least` or `between`"
        }
        Rule::programme_decl
        | Rule::calendar_decl
        | Rule::type_decl
        | Rule::role_decl
        | Rule::event_decl
        | Rule::similarity_decl
        | Rule::eligibility_decl
        | Rule::rule_decl
        | Rule::ladder_decl
        | Rule::termination_decl
        | Rule::disclosure_decl
        | Rule::phase_decl => "an item",
        Rule::deadline_rule | Rule::recurring_rule | Rule::each_rule | Rule::limit_rule => {
            "`after`, `every`, `each` or a role"
        }
        Rule::if_missed => "`if missed`",
        Rule::where_clause => "`where`",
        Rule::window => "`within` or `after`",
        Rule::raise => "`plus`",
        Rule::month_day => "`day N` or `end of month`",
        Rule::similar_group => "a group such as `physician ~ dentist`",
        Rule::type_expr => "a type (bool, int, text, date, duration, or choices such as `a | b`)",
        Rule::field_decl => "a field such as `minutes: int`",
        Rule::role_list => "a role",
        Rule::action_list => "an event",
        Rule::ladder_step => "`step`",
        Rule::ladder_outcome => "`outcome`",
        Rule::requirement => "`then`",
        Rule::closed_days => "`closed`",
        Rule::policy_ref | Rule::test_decl => "an item",
        Rule::test_case
        | Rule::test_participant
        | Rule::test_event
        | Rule::test_at
        | Rule::test_expect => "`case`, `participant`, `on`, `at` or `expect`",
        Rule::value_block => "`{`",
        Rule::value_entry => "a value such as `minutes: 90`",
        Rule::literal => "a value (a number, a date, true or false, a choice or a quoted text)",
        Rule::status_word => "`met`, `pending`, `overdue`, `violated` or `not triggered`",
        Rule::fact_names => "a fact",
        _ => return None,
    };
    Some(words.to_string())
}

fn describe_expected(positives: &[Rule]) -> String {
    let mut words: Vec<String> = Vec::new();
    for rule in positives {
        if let Some(w) = rule_words(*rule)
            && !words.contains(&w)
        {
            words.push(w);
        }
    }
    // "the end of the item" is least helpful; say it last.
    words.sort_by_key(|w| w == "the end of the item");
    match words.len() {
        0 => "something else".to_string(),
        1 => words.remove(0),
        n if n <= 6 => {
            let last = words.pop().unwrap_or_default();
            format!("{} or {last}", words.join(", "))
        }
        _ => {
            words.truncate(5);
            format!("{}, or another part of the item", words.join(", "))
        }
    }
}

/// A help line for common mistakes.
fn help_for(positives: &[Rule], chunk: &str, position: usize) -> Option<String> {
    let rest = chunk.get(position..).unwrap_or("");
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if positives.contains(&Rule::modality) {
        if let Some(close) = mentor_diagnostics::did_you_mean(&word, ["must", "should"]) {
            return Some(format!("write `{close}`"));
        }
        return Some(
            "say who acts and how binding it is: `mentor must ...` or `mentor should ...`"
                .to_string(),
        );
    }
    let units = [
        "days", "weeks", "months", "years", "working", "hours", "minutes",
    ];
    if (positives.contains(&Rule::unit) || positives.contains(&Rule::unit_word))
        && let Some(close) = mentor_diagnostics::did_you_mean(&word, units)
    {
        return Some(format!("did you mean `{close}`?"));
    }
    let keywords: Vec<String> = positives
        .iter()
        .filter_map(|r| format!("{r:?}").strip_prefix("kw_").map(str::to_string))
        .collect();
    if !word.is_empty()
        && let Some(close) =
            mentor_diagnostics::did_you_mean(&word, keywords.iter().map(String::as_str))
    {
        return Some(format!("did you mean `{close}`?"));
    }
    if rest.starts_with('=') && !rest.starts_with("==") {
        return Some("to compare, write `==`".to_string());
    }
    None
}

/// A parse that succeeded but whose tree could not be read: a bug, reported rather than hidden.
pub(crate) fn internal(span: Span) -> Diagnostic {
    Diagnostic::new(Code::Unexpected, span, "this item could not be read").help(
        "this is a fault in mentor, not in your policy; please report it with the policy text",
    )
}

/// Brackets nested deeper than anyone writes on purpose.
pub(crate) fn too_deep(span: Span, limit: usize) -> Diagnostic {
    Diagnostic::new(Code::Unexpected, span, format!("brackets (or `not`s) are nested more than {limit} deep here"))
        .label("too deep")
        .help("split the condition into simpler parts; a policy never needs this many brackets inside each other")
}

/// A policy larger than the parser reads.
pub(crate) fn policy_too_large(bytes: usize) -> Diagnostic {
    Diagnostic::new(
        Code::OverLimit,
        Span::at(0),
        format!(
            "this policy is {}, more than the {} a policy may be",
            crate::limits::size_in_words(bytes),
            crate::limits::size_in_words(crate::limits::MAX_POLICY_BYTES)
        ),
    )
    .help("split the programme into smaller policies; see docs/limits.md")
}

/// A quoted text longer than any title, quote or path.
pub(crate) fn text_too_long(span: Span) -> Diagnostic {
    let limit = crate::limits::MAX_TEXT_CHARS;
    Diagnostic::new(
        Code::OverLimit,
        span,
        format!(
            "this quoted text is longer than {limit} characters, the most a quoted text may be"
        ),
    )
    .label("too long")
    .help("shorten it; a long source quote can be split over several `source` lines")
}

/// A name (or number) longer than anyone writes on purpose.
pub(crate) fn word_too_long(span: Span) -> Diagnostic {
    let limit = crate::limits::MAX_WORD_CHARS;
    Diagnostic::new(
        Code::OverLimit,
        span,
        format!("this word is longer than {limit} characters, the most a name or number may be"),
    )
    .label("too long")
    .help(format!("use a shorter name (at most {limit} characters)"))
}

/// An item that would take the parser too long to read (pest's call limit).
pub(crate) fn item_too_complex(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::OverLimit,
        span,
        "this item is too long or too complex to read",
    )
    .help("split it into several smaller items")
}
