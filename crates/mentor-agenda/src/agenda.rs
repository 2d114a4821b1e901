//! The agenda builder: duties and findings from any number of cases (fresh evaluations or a
//! store), filtered, put in bands and sorted soonest first.

use crate::band::{Band, Warning};
use crate::duty::{Answer, Duty, Finding};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What to show, and the day it is read on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Query {
    /// The day the agenda is for: bands and warnings are worked out from it.
    pub as_of: NaiveDate,
    /// Only duties owed by (and findings about) one of these participant ids; all when empty.
    pub parties: Vec<String>,
    /// Only duties owed by one of these roles; all when empty.
    pub roles: Vec<String>,
    /// Only these cases; all when empty.
    pub cases: Vec<String>,
    /// Only these bands; all when empty.
    pub bands: Vec<Band>,
    /// Only duties due within this many days of `as_of` (overdue ones included, those
    /// without a deadline left out).
    pub within: Option<u32>,
    /// Show the findings on or after this day, in their own section; none when `None`.
    pub since: Option<NaiveDate>,
}

impl Query {
    /// Everything, on `as_of`, without findings.
    pub fn on(as_of: NaiveDate) -> Self {
        Query {
            as_of,
            parties: Vec::new(),
            roles: Vec::new(),
            cases: Vec::new(),
            bands: Vec::new(),
            within: None,
            since: None,
        }
    }

    /// Whether the query shows anything of this case.
    pub fn case_matches(&self, case: &str) -> bool {
        self.cases.is_empty() || self.cases.iter().any(|c| c == case)
    }

    fn party_matches(&self, party: Option<&str>) -> bool {
        self.parties.is_empty() || party.is_some_and(|p| self.parties.iter().any(|x| x == p))
    }

    /// Whether the query shows a duty of `case` owed by `party` (of `role`), due on `due`:
    /// asked before a duty is worded, so that what is not shown is not worded.
    pub fn wants(
        &self,
        case: &str,
        party: Option<&str>,
        role: &str,
        due: Option<NaiveDate>,
    ) -> bool {
        let band = Band::of(due, self.as_of);
        self.case_matches(case)
            && self.party_matches(party)
            && (self.roles.is_empty() || self.roles.iter().any(|r| r == role))
            && (self.bands.is_empty() || self.bands.contains(&band))
            && self.within.is_none_or(|days| {
                due.is_some_and(|due| (due - self.as_of).num_days() <= i64::from(days))
            })
    }

    /// Whether the query shows a finding of `case` about `party` on `at`.
    pub fn wants_finding(&self, case: &str, party: Option<&str>, at: NaiveDate) -> bool {
        self.since.is_some_and(|since| at >= since)
            && self.case_matches(case)
            && self.party_matches(party)
    }

    /// The duty as a row of this agenda, or `None` when the query leaves it out.
    pub fn row(&self, duty: Duty) -> Option<Row> {
        let band = Band::of(duty.due, self.as_of);
        let wanted = self.wants(&duty.case, duty.party.as_deref(), &duty.role, duty.due);
        wanted.then(|| Row {
            band,
            warning: Warning::of(duty.since, duty.due, self.as_of),
            duty,
        })
    }

    /// Whether a finding belongs in the findings section.
    pub fn keeps(&self, finding: &Finding) -> bool {
        self.wants_finding(&finding.case, finding.party.as_deref(), finding.at)
    }
}

/// One line of the agenda: a duty, its band and its warning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub band: Band,
    pub warning: Option<Warning>,
    pub duty: Duty,
}

/// A case whose answer is incomplete: a date could not be worked out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseError {
    pub case: String,
    pub message: String,
}

/// The agenda: rows in bands, soonest first, and the findings section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub query: Query,
    /// In band order; within a band by due date; ties keep the order the duties came in.
    pub rows: Vec<Row>,
    /// The findings on or after `query.since`, oldest first; empty when `since` is `None`.
    pub findings: Vec<Finding>,
    /// How many cases were looked at.
    pub cases: usize,
    pub errors: Vec<CaseError>,
}

impl Agenda {
    /// The rows of one band.
    pub fn band(&self, band: Band) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| r.band == band)
    }

    /// How many different cases the rows come from.
    pub fn cases_with_duties(&self) -> usize {
        let mut names: Vec<&str> = self.rows.iter().map(|r| r.duty.case.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }
}

/// Gathers duties and findings one case at a time, keeping only what the query shows.
#[derive(Debug, Clone)]
pub struct Builder {
    query: Query,
    rows: Vec<Row>,
    findings: Vec<Finding>,
    cases: usize,
    errors: Vec<CaseError>,
}

impl Builder {
    pub fn new(query: Query) -> Self {
        Builder {
            query,
            rows: Vec::new(),
            findings: Vec::new(),
            cases: 0,
            errors: Vec::new(),
        }
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    pub fn add_duty(&mut self, duty: Duty) {
        if let Some(row) = self.query.row(duty) {
            self.rows.push(row);
        }
    }

    pub fn add_finding(&mut self, finding: Finding) {
        if self.query.keeps(&finding) {
            self.findings.push(finding);
        }
    }

    /// Counts a case (for the summary line) without adding anything of it.
    pub fn count_case(&mut self) {
        self.cases += 1;
    }

    /// Adds everything of one case's answer.
    pub fn add_answer(&mut self, answer: Answer) {
        self.cases += 1;
        if self.query.case_matches(&answer.case) {
            for message in answer.errors {
                self.errors.push(CaseError {
                    case: answer.case.clone(),
                    message,
                });
            }
        }
        for duty in answer.duties {
            self.add_duty(duty);
        }
        for finding in answer.findings {
            self.add_finding(finding);
        }
    }

    /// The agenda, sorted.
    pub fn finish(mut self) -> Agenda {
        // Stable: duties with the same band and due date keep the order they came in. The
        // keys are sorted, not the rows (each a whole duty), then the rows moved once.
        let mut order: Vec<(Band, Option<NaiveDate>, usize)> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.band, r.duty.due, i))
            .collect();
        order.sort_unstable();
        let mut rows: Vec<Option<Row>> = self.rows.into_iter().map(Some).collect();
        self.rows = order
            .into_iter()
            .filter_map(|(_, _, i)| rows.get_mut(i).and_then(Option::take))
            .collect();
        self.findings.sort_by_key(|f| f.at);
        Agenda {
            query: self.query,
            rows: self.rows,
            findings: self.findings,
            cases: self.cases,
            errors: self.errors,
        }
    }
}

/// The agenda of duties and findings from anywhere (fresh evaluations or a store).
pub fn build(
    query: Query,
    duties: impl IntoIterator<Item = Duty>,
    findings: impl IntoIterator<Item = Finding>,
) -> Agenda {
    let mut builder = Builder::new(query);
    for duty in duties {
        builder.add_duty(duty);
    }
    for finding in findings {
        builder.add_finding(finding);
    }
    builder.finish()
}
