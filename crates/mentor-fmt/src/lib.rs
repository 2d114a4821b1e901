//! The formatter: one canonical layout for `.mentor` policy files.
//!
//! [`format()`] takes the text of a policy and returns it laid out the one canonical way, with
//! every comment kept. A policy with syntax errors is never changed: [`format()`] returns
//! [`FormatError::Syntax`] instead. After formatting, the result is parsed again and its syntax
//! tree compared with the original's (spans aside), and its comments with the original's; if
//! anything differs the formatter returns [`FormatError::Internal`] rather than change meaning.
//!
//! # Layout rules
//!
//! - **Lines.** An item starts at column 0 with its keyword; every other line of it is
//!   indented 2 spaces, and a line that continues another is indented 2 more (4 inside an
//!   item). Lines are kept within 100 columns wherever a rule below allows a break; quoted
//!   texts are never broken. Lines end with `\n` and the file with exactly one; an empty file
//!   (or one of blank lines) stays empty.
//! - **Between items.** One blank line. Runs of one-line items with the same keyword
//!   (`event` lines, `role`s without facts, `calendar`s, `type`s) that were next to each other
//!   in the input (no blank line between them) stay together. Several blank lines become one.
//! - **Declarations.** `programme NAME "Title"`, `calendar NAME = BASE closed DATE, DATE`
//!   (when too long, `closed ...` goes on the next line, filled up to 100 columns), `type NAME
//!   = a | b | c` (filled, continued with `| choice`). `role NAME {`, one fact per line, `}`;
//!   a role without facts is `role NAME` (an empty `{}` is dropped). `event NAME by A or B to
//!   C { a: int, b: date recorded }` with its fields on its line, or one per line like a
//!   role's when the line would be too long. `similarity NAME {`, one `a ~ b` group per line,
//!   `}`. `recorded` markers are kept.
//! - **Rule-like items** (`eligibility`, `rule`, `ladder`, `termination`, `disclosure`,
//!   `phase`): `KEYWORD NAME` alone on the first line, then each `source "..."` on its own
//!   line, then the body, then `if missed "..."`.
//! - **Deadline and monthly rules.** `after ANCHOR, ROLE must ACTION within 5 working days`
//!   (and `every month from X until Y, ROLE must ACTION by day 7`) on one line when it fits in
//!   100 columns; otherwise the line breaks after the comma and the duty goes on the next line,
//!   indented 4. The same way, a too-long limit rule puts each `plus ...` and its `within ...
//!   after ...` window on lines of their own, and a too-long `each EVENT should fall ...` rule
//!   moves `should fall ...` to the next line.
//! - **Conditions.** The top level of a condition (after `is eligible when`, or `have` in an
//!   each-rule) is an `and`/`or` chain: with 3 or more parts it is always written one part per
//!   line, each continuation line indented 4 and starting with `and`/`or`; with 2 parts it is
//!   one line unless that exceeds 100 columns. Parenthesised groups, `any of (...)`/`all of
//!   (...)` and `{a, b}` sets are one line when they fit, else one element per line inside
//!   their brackets (indented 2 more) with the closing bracket on a line of its own.
//! - **Ladders.** `reach`, `start at`, `attempt`, `success`, each `step` and `outcome` on their
//!   own lines; an outcome with a label puts its duty on the next line, indented 4.
//! - **Terminations and phases.** `when`, each `then`, `starts at`, `ends at` and `should last
//!   A to B` on their own lines.
//! - **Disclosures.** One line when it fits; otherwise the `ROLE must share [only] WHOSE
//!   facts with ROLE` line, then `through EVENT [listing FIELD]`, `after EVENT` and `until
//!   EVENT` each on its own line, indented 4.
//! - **Policy tests.** `policy "file.mentor"` on one line. `test NAME` alone on its first
//!   line, its title on the next, then each `case`, `participant`, `on`, `at` and `expect`
//!   clause on its own line; `{ a: 1, b: doctor }` values on the clause's line when they fit,
//!   else one per line. Values in tests are kept exactly as written (`1 days` stays).
//! - **Spacing.** One space between words and around operators (`a >= 2`, `a | b`, `x ~ y`);
//!   `{a, b}` and `(a, b)` hug their brackets; `,` and `:` follow the word before them.
//! - **Words.** Units are singular for 1 and plural otherwise (`1 day`, `5 working days`,
//!   `1 month`), and so is `attempt`. Numbers lose leading zeros. Quoted texts are escaped
//!   again (`\"`, `\\`, `\n`, `\t`). `first`, `where` filters, `becoming ... from ...`,
//!   `later of`/`earlier of` and groups in parentheses are kept as written.
//! - **Comments** are all kept, with their exact text. An own-line comment stays on its own
//!   line before the clause, fact or line that followed it, with that line's indentation (2
//!   more before a closing bracket). Comments between items stay before the next item at
//!   column 0, with the blank lines the input had before each (several collapsed to one, and
//!   one before the first when the items are apart); an indented comment right after an item,
//!   with no blank line before it, stays at the end of that item, indented 2. A trailing
//!   comment stays at the end of the output line holding the word it followed, two spaces
//!   after it. A group, list or chain with a comment inside is always broken, so comments
//!   keep their lines; where a comment still falls in the middle of an output line, the line
//!   is broken there and continues indented 2 more. Comments at the end of the file stay there.

mod comments;
mod cond;
mod cursor;
mod equivalence;
mod items;
mod printer;

use mentor_diagnostics::Diagnostic;

/// Why a policy was not formatted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The policy has syntax errors; it is left as it is. The diagnostics are the parser's.
    #[error("the policy has syntax errors ({} found); fix them before formatting", .0.len())]
    Syntax(Vec<Diagnostic>),
    /// The formatter would have changed the policy's meaning or lost a comment: a bug in the
    /// formatter. The policy is left as it is.
    #[error("the formatter could not format this policy safely: {0}")]
    Internal(String),
}

/// Formats a policy: the one canonical layout, with every comment kept.
///
/// Returns [`FormatError::Syntax`] (and changes nothing) when the policy has syntax errors,
/// and [`FormatError::Internal`] if the result would not mean exactly what the input meant.
pub fn format(text: &str) -> Result<String, FormatError> {
    let parsed = mentor_syntax::parse(text);
    if !parsed.diagnostics.is_empty() {
        return Err(FormatError::Syntax(parsed.diagnostics));
    }
    let comments = mentor_syntax::comments(text);
    let comment_starts: Vec<usize> = comments.iter().map(|c| c.span.start()).collect();
    let mut laid = Vec::with_capacity(parsed.policy.items.len());
    for item in &parsed.policy.items {
        let mut builder = items::Builder::new(text, item.span.start());
        let Some(mut doc) = builder.item(item) else {
            return Err(FormatError::Internal(format!(
                "item `{}` has no syntax tree",
                item.name().map_or("", |n| n.text.as_str())
            )));
        };
        doc.break_around(&comment_starts);
        laid.push(comments::Laid {
            lines: printer::render(&doc),
            keyword: item.keyword().to_string(),
            start: item.span.start(),
            end: item.span.end(),
        });
    }
    let output = comments::assemble(text, &laid, &comments);
    equivalence::check(&parsed.policy, &comments, &output)?;
    Ok(output)
}

/// Whether a policy is already in its canonical layout.
pub fn is_formatted(text: &str) -> Result<bool, FormatError> {
    Ok(format(text)? == text)
}
