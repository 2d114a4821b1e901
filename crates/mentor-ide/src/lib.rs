//! Editor features of the mentor policy language, as plain functions over a policy's text
//! and its [`Analysis`](mentor_check::Analysis).
//!
//! Positions are byte offsets and results are [`Span`](mentor_diagnostics::Span)s: no
//! protocol types here. The language server (`mentor-lsp`) converts offsets to and from the
//! editor's lines and UTF-16 columns, in one place.

pub mod completion;
mod describe;
mod folding;
mod hover;
mod names;
mod navigate;
mod outline;
mod rename;
mod summary;

pub use completion::{Completion, CompletionKind, completion};
pub use describe::{describe_eligibility, describe_rule};
pub use folding::{Fold, FoldKind, folding_ranges};
pub use hover::{Hover, hover};
pub use names::invalid_name;
pub use navigate::{definition, references};
pub use outline::{Symbol, SymbolKind, document_symbols};
pub use rename::{prepare_rename, rename};
