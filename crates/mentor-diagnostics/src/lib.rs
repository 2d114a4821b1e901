//! Diagnostics as data: every problem the mentor tools report, with a stable code, spans and help.
//!
//! The checker, the case loader and the language server all produce [`Diagnostic`] values;
//! [`render`] turns them into text (through miette) or JSON, and the language server
//! converts the same values into protocol messages. Message text is written once, in
//! [`catalog`] (one constructor per kind of problem), never re-worded by a front end.

pub mod catalog;
mod code;
mod diagnostic;
mod line_index;
pub mod render;
mod suggest;
pub mod words;

pub use code::Code;
pub use diagnostic::{
    Diagnostic, ECHOED_CHARS, EXCERPT_CHARS, Fix, Label, MAX_MESSAGE_CHARS, Severity, Span,
};
pub use line_index::{LineCol, LineIndex};
pub use suggest::{COMPARED_CHARS, Suggestion, did_you_mean};
