//! The agenda of a caseload: every open duty of many cases, in bands (overdue, due today,
//! the next 7 days, later, no deadline), with findings since a date, and the difference a
//! policy change would make. Renders it as text, JSON, CSV and iCalendar.
//!
//! No I/O happens here. Duties and findings are plain data ([`Duty`], [`Finding`]): built
//! from an evaluation ([`Policy::answer`]) or read back from anywhere (a case store keeps
//! them), then gathered by an [`agenda::Builder`] and rendered by the functions of
//! [`render`]. The words (`because`, `if_missed`, `message`, what is owed) come from
//! mentor-eval's `explain` module: nothing is worded here a second time.

pub mod agenda;
pub mod band;
pub mod compare;
pub mod duty;
pub mod render;

pub use agenda::{Agenda, Builder, Query, Row};
pub use band::{Band, Warning};
pub use compare::{CaseChange, Change};
pub use duty::{Answer, Duty, Eligibility, Finding, Policy, Severity};
