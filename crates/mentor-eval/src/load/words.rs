//! Small pieces of wording shared by the case loader's messages.

use mentor_check::model::{Model, RoleId};
pub(crate) use mentor_diagnostics::words::{a, list, quote};

/// "a mentor or a mentee".
pub(crate) fn roles(model: &Model, roles: &[RoleId]) -> String {
    let names: Vec<String> = roles.iter().map(|r| a(model.role_name(*r))).collect();
    match names.as_slice() {
        [] => "nobody".to_string(),
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => names.join(""),
    }
}
