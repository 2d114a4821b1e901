//! The syntax of the mentor policy language: the pest grammar, the syntax tree and the parser.
//!
//! Parsing never fails: [`parse`] always returns a [`Policy`] (the items it could read, and
//! an [`ast::ItemKind::Error`] for each it could not) together with the diagnostics. Items
//! start at the beginning of a line, so each is parsed on its own and one broken item never
//! hides the errors of another.

pub mod ast;
mod build;
mod comments;
mod errors;
pub mod keywords;
pub mod lex;
pub mod limits;
mod parser;
mod split;
pub mod unicode;

pub use comments::{Comment, comments};
pub use mentor_diagnostics::{Diagnostic, Span};
pub use parser::{Parsed, parse};
pub use split::{ItemChunk, split_items};
