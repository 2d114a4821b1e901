//! The store's library API, on SQLite and on PostgreSQL (`MENTOR_TEST_POSTGRES`, required
//! when `CI=true`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod answers;
mod backend;
mod migration;
