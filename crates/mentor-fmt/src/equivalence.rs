//! The safety net: the formatted text must parse to the same tree and keep every comment.
//!
//! Both trees are turned into JSON with their spans taken out, then compared. A `span` key is
//! removed; any other span (the positional spans of conditions, or the presence markers such
//! as `first` and `recorded`) becomes the string `"<span>"`, so that whether it is there still
//! counts. A role or event with an empty `{}` counts the same as one without braces.

use crate::FormatError;
use mentor_syntax::Comment;
use mentor_syntax::ast::{ItemKind, Policy};
use serde_json::{Map, Value};

/// Checks that `output` means what `before` meant and keeps the comments of the source.
pub(crate) fn check(
    before: &Policy,
    comments: &[Comment],
    output: &str,
) -> Result<(), FormatError> {
    let after = mentor_syntax::parse(output);
    if let Some(d) = after.diagnostics.first() {
        return Err(FormatError::Internal(format!(
            "the formatted text does not parse (at byte {}: {})",
            d.span().start(),
            d.message
        )));
    }
    let old = shape(before)?;
    let new = shape(&after.policy)?;
    if let Some(path) = first_difference(&old, &new, String::new()) {
        return Err(FormatError::Internal(format!(
            "the formatted text would mean something else (at {path})"
        )));
    }
    let old_comments: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
    let new_comments = mentor_syntax::comments(output);
    let new_comments: Vec<&str> = new_comments.iter().map(|c| c.text.as_str()).collect();
    if old_comments != new_comments {
        return Err(FormatError::Internal(
            "the formatted text would lose or reorder comments".to_string(),
        ));
    }
    Ok(())
}

/// The tree as JSON without spans.
pub(crate) fn shape(policy: &Policy) -> Result<Value, FormatError> {
    let mut policy = policy.clone();
    for item in &mut policy.items {
        let fields = match &mut item.kind {
            ItemKind::Role(r) => &mut r.fields,
            ItemKind::Event(e) => &mut e.fields,
            _ => continue,
        };
        if fields.as_ref().is_some_and(|l| l.fields.is_empty()) {
            *fields = None;
        }
    }
    let mut value = serde_json::to_value(&policy)
        .map_err(|e| FormatError::Internal(format!("cannot compare syntax trees: {e}")))?;
    strip_spans(&mut value);
    Ok(value)
}

fn is_span(map: &Map<String, Value>) -> bool {
    map.len() == 2
        && map.get("start").is_some_and(Value::is_u64)
        && map.get("end").is_some_and(Value::is_u64)
}

/// Removes `span` keys and replaces every other span with `"<span>"`.
pub(crate) fn strip_spans(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if is_span(map) {
                *value = Value::String("<span>".to_string());
                return;
            }
            map.remove("span");
            for v in map.values_mut() {
                strip_spans(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}

/// Where two values first differ, as a path of keys and indices.
fn first_difference(a: &Value, b: &Value, path: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, va) in x {
                let here = format!("{path}/{key}");
                match y.get(key) {
                    Some(vb) => {
                        if let Some(p) = first_difference(va, vb, here) {
                            return Some(p);
                        }
                    }
                    None => return Some(here),
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{path}/{k}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                if let Some(p) = first_difference(va, vb, format!("{path}/{i}")) {
                    return Some(p);
                }
            }
            (x.len() != y.len()).then(|| format!("{path} (length {} vs {})", x.len(), y.len()))
        }
        _ => (a != b).then(|| {
            if path.is_empty() {
                "/".to_string()
            } else {
                path
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_ignored_but_markers_count() {
        let a = mentor_syntax::parse("event a by x recorded\n").policy;
        let b = mentor_syntax::parse("\n\nevent   a by x\n  recorded\n").policy;
        let c = mentor_syntax::parse("event a by x\n").policy;
        let (a, b, c) = (shape(&a).ok(), shape(&b).ok(), shape(&c).ok());
        assert!(a.is_some());
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn empty_braces_count_as_none() {
        let a = mentor_syntax::parse("role a {}\n").policy;
        let b = mentor_syntax::parse("role a\n").policy;
        assert_eq!(shape(&a).ok(), shape(&b).ok());
    }
}
