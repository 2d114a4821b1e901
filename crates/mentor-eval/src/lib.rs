//! Evaluation: a checked policy and a case go in; obligations, violations and eligibility come out.
//!
//! Loading reads case files (JSON, or a CSV pair) from text; evaluation is a pure,
//! deterministic function of the model, the case and the date. No I/O happens here.

mod builder;
pub mod case;
pub mod load;

pub use builder::{BuildError, CaseBuilder};
pub use case::{Case, CaseEvent, Groups, Participant};
mod engine;
pub mod outcome;

pub use engine::{Evaluator, eligibility, evaluate, obligations};
pub mod explain;
pub mod report;
pub mod text;
