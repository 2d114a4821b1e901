//! mentor beside its peers, in one process, on the same generated SuppoRTT data: a
//! hand-written Rust function, mentor, Cedar and regorus (Rego), for (a) mentee eligibility
//! and (b) the response due date (5 working days, England and Wales). Every engine's answers
//! are checked against the others' before anything is timed.
//!
//! Run from this folder: `cargo run --release` (add `-- --quick` for a smaller run, or
//! `-- --mentor-only` to run mentor alone, over and over, under a profiler).
//! It prints one line per workload:
//! `WORKLOAD: mentor N ns, hand N ns, cedar N ns, regorus N ns, mentor/hand R`.

mod cedar_side;
mod data;
mod hand;
mod mentor_side;
mod rego_side;

use chrono::NaiveDate;
use std::hint::black_box;
use std::time::Instant;

/// Nanoseconds per item of the fastest of `runs` passes (each pass over `items` items).
struct Timer {
    runs: usize,
}

impl Timer {
    fn per_item(&self, items: usize, mut pass: impl FnMut()) -> f64 {
        let mut best = f64::MAX;
        for _ in 0..self.runs {
            let start = Instant::now();
            pass();
            best = best.min(start.elapsed().as_nanos() as f64 / items as f64);
        }
        best
    }
}

fn line(workload: &str, mentor: f64, hand: f64, cedar: Option<f64>, regorus: f64) {
    let cedar = cedar.map_or("n/a".to_string(), |c| format!("{c:.0} ns"));
    println!(
        "{workload}: mentor {mentor:.0} ns, hand {hand:.1} ns, cedar {cedar}, regorus {regorus:.0} ns, mentor/hand {:.1}",
        mentor / hand
    );
}

#[derive(serde::Deserialize)]
struct MenteeJson {
    profession: Option<String>,
    postgraduate_trainee: Option<bool>,
    out_of_training: Option<bool>,
    returning_to_training: Option<bool>,
}

impl MenteeJson {
    fn mentee(&self) -> data::Mentee {
        data::Mentee {
            profession: self
                .profession
                .as_deref()
                .and_then(|p| data::PROFESSIONS.iter().position(|x| *x == p))
                .map(|p| p as u8),
            postgraduate_trainee: self.postgraduate_trainee,
            out_of_training: self.out_of_training,
            returning_to_training: self.returning_to_training,
        }
    }
}

#[derive(serde::Deserialize)]
struct RequestJson {
    requested: NaiveDate,
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (n_people, n_requests) = if quick {
        (20_000, 2_000)
    } else {
        (200_000, 20_000)
    };
    let (fast, slow) = (Timer { runs: 5 }, Timer { runs: 2 });
    let mentees = data::mentees(n_people);
    let requests = data::requests(n_requests);
    let as_of = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let calendar = mentor_calendar::builtin("england_and_wales").unwrap();
    let holidays: Vec<NaiveDate> = calendar.holidays().map(|(d, _)| d).collect();
    println!(
        "{n_people} SuppoRTT participants, {n_requests} requests; {} bank holidays {}-{}",
        holidays.len(),
        calendar.first_year(),
        calendar.last_year()
    );

    let model = mentor_side::model();
    let mut evaluator = mentor_eval::Evaluator::new(&model);
    let respond = model.rule_by_name("respond").unwrap();
    let hand_holidays = hand::Holidays::new(holidays.iter().copied());
    let cedar = cedar_side::Cedar::new();
    let mut rego = rego_side::engine(holidays.iter().copied());

    // Inputs built from typed values, before timing.
    let roster = mentor_side::roster(&model, &mentees);
    let mentee_cases: Vec<mentor_eval::Case> = mentees
        .iter()
        .enumerate()
        .map(|(i, m)| mentor_side::mentee_case(&model, i, m))
        .collect();
    let cedar_requests: Vec<cedar_policy::Request> = mentees
        .iter()
        .enumerate()
        .map(|(i, m)| cedar.typed_request(i, m))
        .collect();
    let rego_inputs: Vec<regorus::Value> = mentees.iter().map(rego_side::typed_input).collect();
    let request_cases: Vec<mentor_eval::Case> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| mentor_side::request_case(&model, i, r))
        .collect();
    let rego_requests: Vec<regorus::Value> =
        requests.iter().map(rego_side::request_input).collect();
    // The same inputs as JSON text.
    let facts_json: Vec<String> = mentees.iter().map(data::mentee_json).collect();
    let mentee_case_json: Vec<String> = facts_json
        .iter()
        .enumerate()
        .map(|(i, j)| mentor_side::mentee_case_json(i, j))
        .collect();
    let request_json: Vec<String> = requests.iter().map(rego_side::request_json).collect();
    let request_case_json: Vec<String> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| mentor_side::request_case_json(i, r))
        .collect();

    if std::env::args().any(|a| a == "--mentor-only") {
        // For a profiler: mentor alone, over and over.
        for _ in 0..200 {
            for p in 0..n_people as u32 {
                black_box(evaluator.eligible(&roster, black_box(p), as_of));
            }
            for c in &request_cases {
                black_box(mentor_side::due(&mut evaluator, respond, black_box(c)));
            }
        }
        return;
    }
    // Every engine gives the same answers.
    let mut counts = [0usize; 3];
    for (i, m) in mentees.iter().enumerate() {
        let hand = hand::eligible(m);
        let mentor = mentor_side::eligible(&evaluator, &mentee_cases[i], as_of);
        assert_eq!(mentor, hand, "eligibility of mentee {i}: {m:?}");
        assert_eq!(
            evaluator.eligible(&roster, i as u32, as_of),
            hand,
            "roster, mentee {i}"
        );
        let yes = hand == Some(true);
        assert_eq!(cedar.eligible(&cedar_requests[i]), yes, "cedar, mentee {i}");
        assert_eq!(
            rego_side::eligible(&mut rego, rego_inputs[i].clone()),
            yes,
            "regorus, mentee {i}"
        );
        let json_case = mentor_eval::load::load_json(&model, &mentee_case_json[i], "m").unwrap();
        assert_eq!(mentor_side::eligible(&evaluator, &json_case, as_of), hand);
        counts[match hand {
            Some(true) => 0,
            Some(false) => 1,
            None => 2,
        }] += 1;
    }
    println!(
        "eligible {}, not eligible {}, cannot tell {}: the four engines agree on every one",
        counts[0], counts[1], counts[2]
    );
    for (i, r) in requests.iter().enumerate() {
        let hand = hand::due(r, &hand_holidays);
        let mentor = mentor_side::due(&mut evaluator, respond, &request_cases[i]);
        assert_eq!(
            mentor,
            Some(hand),
            "due date of request {i} on {}",
            r.requested
        );
        assert_eq!(
            rego_side::due(&mut rego, rego_requests[i].clone()),
            Some(hand),
            "regorus, {}",
            r.requested
        );
        assert_eq!(calendar.add_working_days(r.requested, 5).ok(), Some(hand));
    }
    println!(
        "due dates: mentor, hand and regorus agree on all {n_requests}; cedar cannot count working days"
    );
    println!();

    // (a) Eligibility, input built from typed values.
    let hand = fast.per_item(n_people, || {
        for m in &mentees {
            black_box(hand::eligible(black_box(m)));
        }
    });
    let mentor = fast.per_item(n_people, || {
        for p in 0..n_people as u32 {
            black_box(evaluator.eligible(&roster, black_box(p), as_of));
        }
    });
    let mentor_cases = fast.per_item(n_people, || {
        for c in &mentee_cases {
            black_box(mentor_side::eligible(&evaluator, black_box(c), as_of));
        }
    });
    let cedar_ns = slow.per_item(n_people, || {
        for r in &cedar_requests {
            black_box(cedar.eligible(black_box(r)));
        }
    });
    let regorus = slow.per_item(n_people, || {
        for v in &rego_inputs {
            black_box(rego_side::eligible(&mut rego, v.clone()));
        }
    });
    line("eligibility", mentor, hand, Some(cedar_ns), regorus);
    println!(
        "  (mentor reads the {n_people} participants from one case; with one case per participant, {mentor_cases:.0} ns, mentor/hand {:.1})",
        mentor_cases / hand
    );

    // (b) Due date, input built from typed values.
    let hand = fast.per_item(n_requests, || {
        for r in &requests {
            black_box(hand::due(black_box(r), &hand_holidays));
        }
    });
    let mentor = fast.per_item(n_requests, || {
        for c in &request_cases {
            black_box(mentor_side::due(&mut evaluator, respond, black_box(c)));
        }
    });
    let regorus = slow.per_item(n_requests, || {
        for v in &rego_requests {
            black_box(rego_side::due(&mut rego, v.clone()));
        }
    });
    line("due date", mentor, hand, None, regorus);

    // The same, with each input read from JSON text first.
    let hand = fast.per_item(n_people, || {
        for j in &facts_json {
            let m: MenteeJson = serde_json::from_str(black_box(j)).unwrap();
            black_box(hand::eligible(&m.mentee()));
        }
    });
    let mentor = slow.per_item(n_people, || {
        for j in &mentee_case_json {
            let case = mentor_eval::load::load_json(&model, black_box(j), "m").unwrap();
            black_box(mentor_side::eligible(&evaluator, &case, as_of));
        }
    });
    let cedar_ns = slow.per_item(n_people, || {
        for (i, j) in facts_json.iter().enumerate() {
            black_box(cedar.eligible(&cedar.json_request(i, black_box(j))));
        }
    });
    let regorus = slow.per_item(n_people, || {
        for j in &facts_json {
            black_box(rego_side::eligible_json(&mut rego, black_box(j)));
        }
    });
    line(
        "eligibility from JSON",
        mentor,
        hand,
        Some(cedar_ns),
        regorus,
    );

    let hand = fast.per_item(n_requests, || {
        for j in &request_json {
            let r: RequestJson = serde_json::from_str(black_box(j)).unwrap();
            black_box(hand::due(
                &data::Request {
                    requested: r.requested,
                },
                &hand_holidays,
            ));
        }
    });
    let mentor = slow.per_item(n_requests, || {
        for j in &request_case_json {
            let case = mentor_eval::load::load_json(&model, black_box(j), "r").unwrap();
            black_box(mentor_side::due(&mut evaluator, respond, &case));
        }
    });
    let regorus = slow.per_item(n_requests, || {
        for j in &request_json {
            black_box(rego_side::due_json(&mut rego, black_box(j)));
        }
    });
    line("due date from JSON", mentor, hand, None, regorus);
}
