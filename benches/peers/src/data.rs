//! The generated SuppoRTT data every engine gets: participants (mentees) and requests.

use chrono::{Duration, NaiveDate};

/// The choices of `profession`, as the policy names them.
pub const PROFESSIONS: [&str; 5] = ["doctor", "dentist", "nurse", "pharmacist", "other"];

/// One mentee's facts; `None`: not recorded (about 2% of each fact).
#[derive(Debug, Clone, Copy)]
pub struct Mentee {
    pub profession: Option<u8>,
    pub postgraduate_trainee: Option<bool>,
    pub out_of_training: Option<bool>,
    pub returning_to_training: Option<bool>,
}

/// A request for mentoring, made on a day.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub requested: NaiveDate,
}

/// A small deterministic generator (the same data on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// Mostly true, sometimes false, now and then not recorded.
    fn fact(&mut self, true_in_100: u64) -> Option<bool> {
        match self.below(100) {
            0 | 1 => None,
            n => Some(n < 2 + true_in_100),
        }
    }
}

pub fn mentees(n: usize) -> Vec<Mentee> {
    let mut rng = Lcg(2026);
    (0..n)
        .map(|_| Mentee {
            profession: match rng.below(100) {
                0 | 1 => None,
                // Mostly doctors and dentists: the scheme is for them.
                n if n < 60 => Some(0),
                n if n < 80 => Some(1),
                n => Some(2 + (n % 3) as u8),
            },
            postgraduate_trainee: rng.fact(85),
            out_of_training: rng.fact(80),
            returning_to_training: rng.fact(80),
        })
        .collect()
}

/// Requests on days from 2019 to 2034 (the calendar covers 2018 to 2035), Christmas and
/// Easter included.
pub fn requests(n: usize) -> Vec<Request> {
    let mut rng = Lcg(18);
    let first = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    (0..n)
        .map(|_| Request {
            requested: first + Duration::days(rng.below(16 * 365) as i64),
        })
        .collect()
}

/// A mentee's facts as JSON (a fact not recorded is left out).
pub fn mentee_json(m: &Mentee) -> String {
    let mut fields = Vec::new();
    if let Some(p) = m.profession {
        fields.push(format!(r#""profession": "{}""#, PROFESSIONS[p as usize]));
    }
    for (name, value) in [
        ("postgraduate_trainee", m.postgraduate_trainee),
        ("out_of_training", m.out_of_training),
        ("returning_to_training", m.returning_to_training),
    ] {
        if let Some(v) = value {
            fields.push(format!(r#""{name}": {v}"#));
        }
    }
    format!("{{{}}}", fields.join(", "))
}
