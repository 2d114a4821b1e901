//! The checker's integration tests: the data-driven corpus of `tests/check/` and mangled
//! policies that must never panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

mod corpus;
mod no_panic;
