//! The language server spoken to over the protocol, with a mock client.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod protocol;
mod support;
