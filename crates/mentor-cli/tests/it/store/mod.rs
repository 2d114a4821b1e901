//! The case store's commands, each test run on SQLite and on PostgreSQL (see `backend`).

mod agenda;
mod backend;
mod concurrency;
mod import;
mod log;
mod policy;
mod record;
mod round_trip;
mod users;
