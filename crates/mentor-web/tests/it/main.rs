//! The pages tested in-process: requests go straight to the router (tower's `oneshot`),
//! against a fresh store on SQLite, and on PostgreSQL when `MENTOR_TEST_POSTGRES` is set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod concurrency;
mod pages;
mod security;
mod support;
