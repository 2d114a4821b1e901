//! The editor features over text: completion, descriptions, navigation and outlines.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

mod common;
mod completion;
mod describe;
mod navigation;
mod outline;
