//! Case loading: well-formed case files load, malformed ones fail with the diagnostics
//! pinned by snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

mod load_bad_cases;
mod load_good;
