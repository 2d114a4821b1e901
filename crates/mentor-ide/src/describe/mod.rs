//! What a rule means, in plain English, from the checked model.
//!
//! The same sentence shows in a hover over the rule's name. It uses the names written in the
//! policy, so a programme designer can match every word of it to the text.

mod condition;
mod rules;
mod words;

pub use rules::describe_rule;
pub(crate) use words::{either, phrase};

use condition::Scope;
use mentor_check::Model;
use mentor_check::model::EligibilityDef;

/// An eligibility item in words: `a mentee is eligible when profession is one of doctor,
/// dentist and postgraduate_trainee`.
pub fn describe_eligibility(model: &Model, eligibility: &EligibilityDef) -> String {
    format!(
        "a {} is eligible when {}",
        model.role_name(eligibility.role),
        condition::condition(model, &eligibility.condition, Scope::Participant)
    )
}
