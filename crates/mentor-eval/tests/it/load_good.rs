//! Well-formed case files load: the contract's example, events sorted by time with file
//! order kept for ties, CSV pairs equal to their JSON twins, and no panic on mangled input.

use chrono::{NaiveDate, NaiveDateTime};
use mentor_check::model::Model;
use mentor_check::types::{Quantity, Ty, Unit, Value};
use mentor_eval::load::{load_csv, load_json, parse_value};
use mentor_eval::{Case, CaseEvent};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn policy(name: &str) -> Model {
    let text = std::fs::read_to_string(workspace().join("policies").join(format!("{name}.mentor")))
        .unwrap();
    let analysis = mentor_check::analyze(&text);
    assert!(
        !analysis.diagnostics().iter().any(|d| d.is_error()),
        "policies/{name}.mentor has errors"
    );
    analysis.checked.model
}

fn good(name: &str) -> String {
    std::fs::read_to_string(workspace().join("tests/cases/good").join(name)).unwrap()
}

fn load(model: &Model, text: &str, id: &str) -> Case {
    load_json(model, text, id).unwrap_or_else(|diags| {
        let rendered = mentor_diagnostics::render::human(
            id,
            text,
            &diags,
            mentor_diagnostics::render::Style::Plain,
        );
        panic!("{id} does not load:\n{rendered}")
    })
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn fact(model: &Model, case: &Case, who: &str, name: &str) -> Option<Value> {
    let p = case.participants.iter().find(|p| p.id == who).unwrap();
    let k = model.role(p.role).unwrap().fact(name).unwrap();
    p.facts[k as usize].clone()
}

fn symbol(model: &Model, ty_owner: &str, fact_name: &str, choice: &str) -> Value {
    let role = model.role(model.role_by_name(ty_owner).unwrap()).unwrap();
    let def = &role.facts[role.fact(fact_name).unwrap() as usize];
    parse_value(model, def.ty, choice).unwrap()
}

#[test]
fn the_contract_example_loads() {
    let model = policy("supportt");
    let text = good("supportt_contract_example.json");
    let case = load(&model, &text, "ignored");
    assert_eq!(case.id, "S-0001");
    let ids: Vec<&str> = case.participants.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["amara", "ben", "yh-admin"]);
    let roles: Vec<&str> = case
        .participants
        .iter()
        .map(|p| model.role_name(p.role))
        .collect();
    assert_eq!(roles, ["mentee", "mentor", "admin"]);
    assert_eq!(
        fact(&model, &case, "amara", "profession"),
        Some(symbol(&model, "mentee", "profession", "doctor"))
    );
    assert_eq!(
        fact(&model, &case, "amara", "out_of_training"),
        Some(Value::Bool(true))
    );
    assert_eq!(
        fact(&model, &case, "amara", "postgraduate_trainee"),
        None,
        "not given: unknown"
    );
    assert_eq!(
        fact(&model, &case, "ben", "course_sessions_attended"),
        Some(Value::Int(2))
    );
    assert!(case.participants[2].facts.is_empty());

    let names: Vec<&str> = case
        .events
        .iter()
        .map(|e| model.event_name(e.event))
        .collect();
    assert_eq!(
        names,
        ["mentoring_requested", "mentor_responded", "session_held"]
    );
    let first = &case.events[0];
    assert_eq!((first.at, first.has_time), (at("2026-12-18T00:00"), false));
    assert_eq!((first.by, first.to), (0, Some(1)));
    let second = &case.events[1];
    assert_eq!((second.at, second.has_time), (at("2026-12-21T09:30"), true));
    assert_eq!(second.date, NaiveDate::from_ymd_opt(2026, 12, 21).unwrap());
    assert_eq!(case.events[2].data, vec![Some(Value::Int(90))]);

    // Spans are the objects as written.
    let p = &case.participants[1];
    assert!(text[p.span.start()..p.span.end()].starts_with("{\"id\": \"ben\""));
    for e in &case.events {
        let written = &text[e.span.start()..e.span.end()];
        assert!(
            written.starts_with("{\"at\"") && written.ends_with('}'),
            "{written}"
        );
    }
    // Indices.
    let held = model.event_by_name("session_held").unwrap();
    assert_eq!(case.occurrences(held), [2]);
    assert_eq!(case.with_role(model.role_by_name("mentor").unwrap()), [1]);
}

#[test]
fn events_are_sorted_by_time_keeping_file_order_for_ties() {
    let model = policy("supportt");
    let case = load(&model, &good("supportt_out_of_order.json"), "S-0002");
    assert_eq!(
        case.id, "S-0002",
        "the default id when the file has no `case`"
    );
    let orders: Vec<u32> = case.events.iter().map(|e| e.order).collect();
    // 12-18; then 12-21 by time, a date alone counting as 00:00 (the date alone, then 09:30
    // at UTC+1 which is 08:30 in London, then 09:30); 01-05 twice (no time), in file order.
    assert_eq!(orders, [1, 4, 3, 2, 0, 5]);
    let days: Vec<NaiveDate> = case.events.iter().map(|e| e.date).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(case.events[1].at, at("2026-12-21T00:00"));
    assert_eq!(case.events[2].at, at("2026-12-21T08:30"));
    assert_eq!(case.events[3].at, at("2026-12-21T09:30"));
    assert_eq!(case.events[2].to, None, "`to: null` is no recipient");
    let cancelled = &case.events[5];
    assert_eq!(
        cancelled.data,
        vec![Some(Value::Date(
            NaiveDate::from_ymd_opt(2027, 1, 12).unwrap()
        ))]
    );
    assert_eq!(
        fact(&model, &case, "amara", "out_of_training_reason"),
        None,
        "null is not given"
    );
}

#[test]
fn every_good_json_case_loads() {
    for entry in std::fs::read_dir(workspace().join("tests/cases/good")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        let model = policy(stem.split('_').next().unwrap());
        let case = load(&model, &good(&name), stem);
        assert!(!case.events.is_empty(), "{name}");
    }
}

#[test]
fn a_byte_order_mark_is_skipped_and_spans_still_point_into_the_text() {
    let model = policy("supportt");
    let text = format!("\u{feff}{}", good("supportt_contract_example.json"));
    let case = load(&model, &text, "S");
    let e = &case.events[0];
    assert!(text[e.span.start()..e.span.end()].starts_with("{\"at\": \"2026-12-18\""));
    let broken = format!("\u{feff}{}", "{\"case\": 1}");
    let diags = load_json(&model, &broken, "S").unwrap_err();
    let case_id = diags
        .iter()
        .find(|d| d.message.starts_with("`case`"))
        .unwrap()
        .span();
    assert_eq!(&broken[case_id.start()..case_id.end()], "1");
}

/// What must be equal between a JSON case and its CSV twin (everything but spans).
fn essence(model: &Model, case: &Case) -> (Vec<String>, Vec<String>) {
    let participants = case
        .participants
        .iter()
        .map(|p| format!("{} {} {:?}", p.id, model.role_name(p.role), p.facts))
        .collect();
    let events = case
        .events
        .iter()
        .map(|e: &CaseEvent| {
            format!(
                "{} {} {} {:?} {:?} {} {}",
                e.at,
                model.event_name(e.event),
                case.id_of(e.by),
                e.to.map(|t| case.id_of(t)),
                e.data,
                e.has_time,
                e.order
            )
        })
        .collect();
    (participants, events)
}

#[test]
fn csv_pairs_equal_their_json_twins() {
    for (policy_name, stem) in [
        ("supportt", "supportt_contract_example"),
        ("mphp", "mphp_timeline"),
    ] {
        let model = policy(policy_name);
        let json = load(&model, &good(&format!("{stem}.json")), stem);
        let events = good(&format!("{stem}.events.csv"));
        let participants = good(&format!("{stem}.participants.csv"));
        let csv = load_csv(&model, &events, &participants, stem).unwrap_or_else(|problems| {
            panic!("{stem} CSV does not load: {problems:#?}");
        });
        assert_eq!(essence(&model, &csv), essence(&model, &json), "{stem}");
        // Cell spans point at the row in the events file.
        for e in &csv.events {
            let row = &events[e.span.start()..e.span.end()];
            assert!(row.starts_with("20") && !row.contains('\n'), "{row:?}");
        }
    }
}

#[test]
fn csv_tolerates_a_byte_order_mark_spaces_blank_rows_and_any_column_order() {
    let model = policy("supportt");
    let events = "\u{feff}event , at,by,to,minutes\n\
                  mentoring_requested,2026-12-18,amara,ben,\n\
                  ,,,,\n\
                  session_held, 2027-01-05 ,ben,amara, 90\n";
    let participants = "role,id,out_of_training,biography_submitted\r\n\
                        mentee,amara,Yes,\r\n\
                        mentor,ben,,NO\r\n";
    let case = load_csv(&model, events, participants, "S").unwrap();
    assert_eq!(case.events.len(), 2);
    assert_eq!(case.events[1].data, vec![Some(Value::Int(90))]);
    assert_eq!(
        fact(&model, &case, "amara", "out_of_training"),
        Some(Value::Bool(true))
    );
    assert_eq!(
        fact(&model, &case, "ben", "biography_submitted"),
        Some(Value::Bool(false))
    );
}

#[test]
fn parse_value_reads_every_type() {
    let model = policy("supportt");
    assert_eq!(parse_value(&model, Ty::Bool, "no"), Ok(Value::Bool(false)));
    assert_eq!(parse_value(&model, Ty::Int, "12"), Ok(Value::Int(12)));
    assert_eq!(
        parse_value(&model, Ty::Text, "first_name,phone"),
        Ok(Value::Text("first_name,phone".into()))
    );
    assert_eq!(
        parse_value(&model, Ty::Date, "2026-02-28"),
        Ok(Value::Date(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()))
    );
    assert_eq!(
        parse_value(&model, Ty::DateTime, "2026-02-28T23:59Z"),
        Ok(Value::DateTime(at("2026-02-28T23:59")))
    );
    assert_eq!(
        parse_value(&model, Ty::Duration, "1 year"),
        Ok(Value::Duration(Quantity {
            value: 1,
            unit: Some(Unit::Years)
        }))
    );
    assert_eq!(
        parse_value(&model, Ty::Int, "2.5"),
        Err("a whole number".to_string())
    );
    assert_eq!(
        parse_value(&model, Ty::Date, "2026-02-30"),
        Err("a date (YYYY-MM-DD)".to_string())
    );
    assert!(parse_value(&model, Ty::DateTime, "2026-02-28").is_err());
    assert!(parse_value(&model, Ty::Duration, "5 working days").is_err());
    let profession = symbol(&model, "mentee", "profession", "nurse");
    assert!(matches!(profession, Value::Symbol(_)));
}

/// A tiny deterministic generator (xorshift64*), so the test needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(3) {
        let len = bytes.len();
        match rng.below(6) {
            0 => bytes.truncate(rng.below(len + 1)),
            1 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = (rng.next() & 0xff) as u8;
            }
            2 => {
                let quotes: Vec<usize> = bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| **b == b'"')
                    .map(|(i, _)| i)
                    .collect();
                if !quotes.is_empty() {
                    bytes.remove(quotes[rng.below(quotes.len())]);
                }
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let piece =
                    [b"{", b"}", b"[", b"]", b",", b":", b"\"", b"\\", b"0", b"-"][rng.below(10)];
                bytes.insert(i, piece[0]);
            }
            4 if len > 0 => {
                let i = rng.below(len);
                let j = (i + rng.below(12)).min(len);
                bytes.drain(i..j);
            }
            _ if len > 0 => {
                // Duplicate a slice (repeated keys, nested objects, long values).
                let i = rng.below(len);
                let j = (i + rng.below(40)).min(len);
                let copy = bytes[i..j].to_vec();
                let at = rng.below(len);
                bytes.splice(at..at, copy);
            }
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn mangled_cases_never_panic() {
    let model = policy("supportt");
    let mphp = policy("mphp");
    let sources = [
        (&model, good("supportt_contract_example.json")),
        (&model, good("supportt_out_of_order.json")),
        (&mphp, good("mphp_timeline.json")),
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut rejected = 0;
    for round in 0..2000 {
        let (model, text) = &sources[round % sources.len()];
        let mangled = mutate(&mut rng, text);
        if let Err(diags) = load_json(model, &mangled, "fuzz") {
            rejected += 1;
            assert!(!diags.is_empty());
            for d in &diags {
                assert!(d.span().end() <= mangled.len(), "span past the end: {d:?}");
            }
            // Rendering must not panic either.
            let _ = mentor_diagnostics::render::human(
                "fuzz.json",
                &mangled,
                &diags,
                mentor_diagnostics::render::Style::Plain,
            );
        }
    }
    assert!(
        rejected > 1000,
        "the mutations should break most cases ({rejected})"
    );

    // Deep nesting is refused, not a stack overflow.
    for depth in [100, 600, 100_000] {
        let deep = format!("{{\"case\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert!(load_json(&model, &deep, "deep").is_err());
    }

    let events = good("supportt_contract_example.events.csv");
    let participants = good("supportt_contract_example.participants.csv");
    for _ in 0..1000 {
        let e = mutate(&mut rng, &events);
        let p = mutate(&mut rng, &participants);
        if let Err(problems) = load_csv(&model, &e, &p, "fuzz") {
            assert!(!problems.is_empty());
        }
    }
}

/// Each good JSON case and the policy it is for.
fn good_json_cases() -> Vec<(Model, Case)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(workspace().join("tests/cases/good")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let model = policy(name.split('_').next().unwrap());
        let case = load(&model, &std::fs::read_to_string(&path).unwrap(), &name);
        out.push((model, case));
    }
    out.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    out
}

/// The same case, built again through `CaseBuilder` by names and typed values.
fn rebuild(model: &Model, case: &Case) -> Case {
    let mut b = mentor_eval::CaseBuilder::new(model, case.id.clone());
    for p in &case.participants {
        let role = model.role(p.role).unwrap();
        let i = b.participant(p.id.clone(), &role.name).unwrap();
        for (def, value) in role.facts.iter().zip(&p.facts) {
            if let Some(v) = value {
                b.fact(i, &def.name, v.clone()).unwrap();
            }
        }
    }
    // In file order, as the loader saw them.
    let mut events: Vec<&CaseEvent> = case.events.iter().collect();
    events.sort_by_key(|e| e.order);
    for e in events {
        let def = model.event(e.event).unwrap();
        let i = if e.has_time {
            b.event_at(e.at, &def.name, e.by, e.to).unwrap()
        } else {
            b.event(e.date, &def.name, e.by, e.to).unwrap()
        };
        for (field, value) in def.fields.iter().zip(&e.data) {
            if let Some(v) = value {
                b.field(i, &field.name, v.clone()).unwrap();
            }
        }
    }
    b.build()
}

fn last_day(case: &Case) -> NaiveDate {
    case.events.last().map_or(NaiveDate::MIN, |e| e.date)
}

#[test]
fn a_case_built_from_typed_values_evaluates_as_its_json_twin() {
    for (model, case) in good_json_cases() {
        let built = rebuild(&model, &case);
        assert_eq!(
            essence(&model, &built),
            essence(&model, &case),
            "{}",
            case.id
        );
        let day = last_day(&case);
        assert_eq!(
            mentor_eval::evaluate(&model, &built, day),
            mentor_eval::evaluate(&model, &case, day),
            "{}",
            case.id
        );
    }
}

#[test]
fn the_entry_points_agree_with_the_whole_evaluation() {
    let cases = good_json_cases();
    for (model, case) in &cases {
        let day = last_day(case);
        let whole = mentor_eval::evaluate(model, case, day);
        assert_eq!(
            mentor_eval::eligibility(model, case, day),
            whole.eligibility
        );
        let rules = mentor_eval::obligations(model, case, day);
        assert!(rules.eligibility.is_empty());
        assert_eq!(
            (&rules.obligations, &rules.violations, &rules.triggered),
            (&whole.obligations, &whole.violations, &whole.triggered),
            "{}",
            case.id
        );
        let mut one = mentor_eval::Evaluator::new(model);
        for i in 0..model.rules.len() {
            let id = mentor_check::model::RuleId(i as u32);
            let only = one.rule(case, day, id);
            let of = |o: &&mentor_eval::outcome::Obligation| o.rule == id;
            assert_eq!(
                only.obligations.iter().filter(of).collect::<Vec<_>>(),
                whole.obligations.iter().filter(of).collect::<Vec<_>>(),
                "{}, rule {}",
                case.id,
                model.rules[i].name
            );
            let broke = |v: &&mentor_eval::outcome::Violation| v.rule == id;
            assert_eq!(
                only.violations.iter().filter(broke).collect::<Vec<_>>(),
                whole.violations.iter().filter(broke).collect::<Vec<_>>()
            );
            assert_eq!(only.triggered[i], whole.triggered[i]);
        }
        let evaluator = mentor_eval::Evaluator::new(model);
        for e in &whole.eligibility {
            assert_eq!(evaluator.eligible(case, e.participant, day), e.eligible);
            assert_eq!(e.criteria.verdict(), e.eligible, "{}", case.id);
        }
    }
    // One evaluator over many cases, twice over: nothing carries from one case to the next.
    for (model, _) in &cases {
        let mine: Vec<&Case> = cases
            .iter()
            .filter(|(m, _)| {
                m.programme.as_ref().map(|p| &p.name) == model.programme.as_ref().map(|p| &p.name)
            })
            .map(|(_, c)| c)
            .collect();
        let mut evaluator = mentor_eval::Evaluator::new(model);
        let mut seen = Vec::new();
        let as_of = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        evaluator.each(
            mine.iter().chain(&mine).copied(),
            as_of,
            |case, evaluation| {
                seen.push((case.id.clone(), evaluation.clone()));
            },
        );
        assert_eq!(seen.len(), mine.len() * 2);
        for (id, evaluation) in seen {
            let case = mine.iter().find(|c| c.id == id).unwrap();
            assert_eq!(
                evaluation,
                mentor_eval::evaluate(model, case, as_of),
                "{id}"
            );
        }
    }
}

#[test]
fn eligibility_records_each_criterion_held_failed_or_unknown() {
    let model = policy("supportt");
    let mut b = mentor_eval::CaseBuilder::new(&model, "c");
    let nurse = b.participant("amara", "mentee").unwrap();
    let choice = b.symbol("mentee", "profession", "nurse").unwrap();
    b.fact(nurse, "profession", choice).unwrap();
    let ben = b.participant("ben", "mentor").unwrap();
    b.fact(ben, "course_sessions_attended", Value::Int(2))
        .unwrap();
    let case = b.build();
    let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let found = mentor_eval::eligibility(&model, &case, day);
    // The mentee's one item fails (a nurse); the mentor's cannot be told (no biography).
    let values: Vec<(u32, Option<bool>, Vec<Option<bool>>)> = found
        .iter()
        .map(|e| (e.participant, e.eligible, e.criteria.iter().collect()))
        .collect();
    assert_eq!(
        values,
        [
            (nurse, Some(false), vec![Some(false)]),
            (ben, None, vec![None])
        ]
    );
}

#[test]
fn a_case_builder_refuses_what_a_case_file_would() {
    let model = policy("supportt");
    let mut b = mentor_eval::CaseBuilder::new(&model, "c");
    let amara = b.participant("amara", "mentee").unwrap();
    let ben = b.participant("ben", "mentor").unwrap();
    let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let errors = [
        b.participant("cy", "mentour").unwrap_err(),
        b.participant("amara", "mentor").unwrap_err(),
        b.fact(amara, "profesion", Value::Bool(true)).unwrap_err(),
        b.fact(amara, "postgraduate_trainee", Value::Int(1))
            .unwrap_err(),
        b.event(day, "mentoring_requested", ben, Some(amara))
            .unwrap_err(),
        b.event(day, "mentoring_asked", amara, Some(ben))
            .unwrap_err(),
        b.event(day, "mentoring_requested", amara, Some(7))
            .unwrap_err(),
        b.symbol("mentee", "profession", "surgeon").unwrap_err(),
    ];
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "the policy has no role called `mentour`",
            "the participant `amara` is added twice",
            "the role `mentee` has no fact called `profesion`",
            "`postgraduate_trainee` should be yes or no (bool)",
            "`ben` may not do `mentoring_requested`",
            "the policy has no event called `mentoring_asked`",
            "nothing was added as number 7",
            "`profession` should be one of doctor | dentist | nurse | pharmacist | other",
        ]
    );
}

/// Spreadsheet exports (`tests/cases/spreadsheet/`, one quirk per pair) load as the same case
/// as the contract's example in JSON; the notes they get (a column left out, the encoding
/// assumed) are pinned.
#[test]
fn spreadsheet_exports_load_as_their_json_twin() {
    use mentor_diagnostics::render::{Style, human};
    use mentor_eval::load::{CsvFile, decode, load_csv_noted};
    let model = policy("supportt");
    let twin = load(&model, &good("supportt_contract_example.json"), "S");
    insta::glob!(
        "../../../../tests/cases/spreadsheet",
        "*.events.csv",
        |path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let participants_path = path.with_file_name(name.replace(".events.", ".participants."));
            let events_bytes = std::fs::read(path).unwrap();
            let participants_bytes = std::fs::read(&participants_path).unwrap();
            let (events, events_note) = decode(&events_bytes);
            let (participants, participants_note) = decode(&participants_bytes);
            let files = [
                (CsvFile::Events, name.clone(), events.to_string()),
                (
                    CsvFile::Participants,
                    name.replace(".events.", ".participants."),
                    participants.to_string(),
                ),
            ];
            let render = |file: CsvFile, d: &mentor_diagnostics::Diagnostic| {
                let (_, shown, text) = files.iter().find(|(f, _, _)| *f == file).unwrap();
                human(
                    &format!("tests/cases/spreadsheet/{shown}"),
                    text,
                    std::slice::from_ref(d),
                    Style::Plain,
                )
            };
            let (case, notes) =
                load_csv_noted(&model, &events, &participants, "S").unwrap_or_else(|problems| {
                    let all: String = problems.iter().map(|(f, d)| render(*f, d)).collect();
                    panic!("{name} does not load:\n{all}")
                });
            assert_eq!(essence(&model, &case), essence(&model, &twin), "{name}");
            let mut shown = String::new();
            for (file, note) in [
                (CsvFile::Events, events_note),
                (CsvFile::Participants, participants_note),
            ] {
                if let Some(note) = note {
                    shown.push_str(&render(file, &note));
                }
            }
            for (file, note) in &notes {
                assert!(!note.is_error(), "{name}: {}", note.message);
                shown.push_str(&render(*file, note));
            }
            if shown.is_empty() {
                shown.push_str("(no notes)\n");
            }
            insta::assert_snapshot!(shown);
        }
    );
}

/// The quick reader (no positions) returns the same case as the full reader for every good
/// JSON case and every example.
#[test]
fn the_quick_reader_reads_what_the_full_reader_reads() {
    let mut seen = 0;
    for dir in [
        "tests/cases/good",
        "examples/supportt",
        "examples/mphp",
        "examples/mentorconnect",
        "examples/esu",
    ] {
        for entry in std::fs::read_dir(workspace().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if !name.ends_with(".json") {
                continue;
            }
            let policy_name = if dir.starts_with("examples/") {
                dir.trim_start_matches("examples/").to_string()
            } else {
                name.split('_').next().unwrap().to_string()
            };
            let model = policy(&policy_name);
            let text = std::fs::read_to_string(&path).unwrap();
            let full = load(&model, &text, "S");
            let quick = mentor_eval::load::load_json_quick(&model, &text, "S")
                .unwrap_or_else(|| panic!("{dir}/{name}: the quick reader gave up"));
            assert_eq!(
                essence(&model, &quick),
                essence(&model, &full),
                "{dir}/{name}"
            );
            assert_eq!(quick.id, full.id);
            seen += 1;
        }
    }
    assert!(seen >= 12, "only {seen} files compared");
}
