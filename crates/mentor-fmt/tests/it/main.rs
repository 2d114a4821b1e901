//! The formatter: its output pinned by snapshots, formatting twice changing nothing,
//! formatting never changing meaning, and broken policies never formatted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

mod errors;
mod idempotence;
mod meaning;
mod snapshots;
