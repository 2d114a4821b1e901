//! The policy-test crate from outside: what a test file may read, which dates it may use.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

mod dates;
mod evaluators;
mod files;
