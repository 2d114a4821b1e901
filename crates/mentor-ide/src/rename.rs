//! Rename a declared name everywhere it is written.

use crate::names::{invalid_name, namespace, what};
use mentor_check::Analysis;
use mentor_check::index::Def;
use mentor_diagnostics::Span;

/// The span of the name under the cursor, when it can be renamed.
pub fn prepare_rename(_text: &str, analysis: &Analysis, offset: usize) -> Result<Span, String> {
    analysis
        .checked
        .index
        .at(offset)
        .map(|o| o.span)
        .ok_or_else(|| "there is no declared name here to rename".to_string())
}

/// The edits that rename the name under the cursor to `new_name`: every occurrence,
/// declaration included. Refuses, with a message for the editor, an invalid name, a word of
/// the language, or a name already declared in the same namespace.
pub fn rename(
    text: &str,
    analysis: &Analysis,
    offset: usize,
    new_name: &str,
) -> Result<Vec<(Span, String)>, String> {
    let index = &analysis.checked.index;
    let occurrence = index
        .at(offset)
        .ok_or_else(|| "there is no declared name here to rename".to_string())?;
    let def = occurrence.def;
    let old = text
        .get(occurrence.span.start()..occurrence.span.end())
        .unwrap_or_default();
    if old == new_name {
        return Ok(Vec::new());
    }
    if let Some(problem) = invalid_name(new_name) {
        return Err(problem);
    }
    if let Def::Calendar(id) = def
        && let Some(calendar) = analysis.checked.model.calendar(id)
        && calendar.calendar.base_name() == calendar.name
    {
        return Err(format!(
            "`{old}` is the name of a built-in calendar; to call it `{new_name}`, write \
             `calendar {new_name} = {old}`"
        ));
    }
    if namespace(analysis, def).iter().any(|n| n == new_name) {
        let what = what(analysis, def);
        let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        return Err(format!(
            "there is already {article} {what} called `{new_name}`"
        ));
    }
    Ok(index
        .all(def)
        .into_iter()
        .map(|span| (span, new_name.to_string()))
        .collect())
}
