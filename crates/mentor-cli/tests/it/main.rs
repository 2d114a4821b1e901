//! The `mentor` binary as users, CI and editors run it: commands and their output, the
//! case store, the examples' answers, the language server over stdio, and the tidy tests
//! that keep the repository itself honest.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod commands;
mod doc_test;
mod docs;
mod examples;
mod lsp_binary;
mod runs;
mod store;
mod support;
