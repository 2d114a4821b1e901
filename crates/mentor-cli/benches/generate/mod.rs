//! A generator of caseloads for benchmarks: cases of 2 to 4 participants and 5 to 30
//! events, valid under a policy (every event done by and sent to roles that may), written
//! as JSON lines. Deterministic: the same seed gives the same caseload.

use mentor_check::Model;
use mentor_check::types::Ty;
use std::fmt::Write;

/// A small, fast pseudo-random sequence (xorshift64*), so that no dependency is needed.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Self {
        Random(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

/// One case as a JSON line (without the line end): case number `n`.
pub fn case_line(model: &Model, n: u64, random: &mut Random, out: &mut String) {
    out.clear();
    let roles = &model.roles;
    // Everyone the events need: one participant per role, up to 4; then the events.
    let count = random.between(2, 4) as usize;
    let mut people: Vec<(String, usize)> = Vec::new();
    for i in 0..count {
        let r = i % roles.len().max(1);
        people.push((format!("{}-{n}-{i}", roles[r].name), r));
    }
    let _ = write!(out, "{{\"case\":\"C-{n:07}\",\"participants\":[");
    for (i, (id, r)) in people.iter().enumerate() {
        let role = &roles[*r];
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"id\":\"{id}\",\"role\":\"{}\",\"facts\":{{",
            role.name
        );
        for (k, fact) in role.facts.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            let _ = write!(out, "\"{}\":{}", fact.name, value(model, fact.ty, random));
        }
        out.push_str("}}");
    }
    out.push_str("],\"events\":[");
    let events = random.between(5, 30);
    let mut day = 0u64;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let mut written = 0;
    let mut tries = 0;
    while written < events && tries < events * 20 {
        tries += 1;
        let e = (random.next() % model.events.len() as u64) as usize;
        let def = &model.events[e];
        let by = people
            .iter()
            .find(|(_, r)| def.by.iter().any(|b| b.index() == *r));
        let Some((by, _)) = by else { continue };
        let to = people
            .iter()
            .find(|(_, r)| def.to.iter().any(|t| t.index() == *r))
            .map(|(id, _)| id);
        if !def.to.is_empty() && to.is_none() {
            continue;
        }
        day += random.between(0, 9);
        let at = start + chrono::Days::new(day);
        if written > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"at\":\"{at}\",\"event\":\"{}\",\"by\":\"{by}\"",
            def.name
        );
        if let Some(to) = to {
            let _ = write!(out, ",\"to\":\"{to}\"");
        }
        if !def.fields.is_empty() {
            out.push_str(",\"data\":{");
            for (k, field) in def.fields.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let _ = write!(out, "\"{}\":{}", field.name, value(model, field.ty, random));
            }
            out.push('}');
        }
        out.push('}');
        written += 1;
    }
    out.push_str("]}");
}

fn value(model: &Model, ty: Ty, random: &mut Random) -> String {
    match ty {
        Ty::Bool => (!random.next().is_multiple_of(4)).to_string(),
        Ty::Int => random.between(1, 120).to_string(),
        Ty::Text => "\"first_name,phone\"".to_string(),
        Ty::Date => format!(
            "\"20{:02}-0{}-1{}\"",
            random.between(10, 24),
            random.between(1, 9),
            random.between(0, 9)
        ),
        Ty::DateTime => "\"2026-03-01T09:30\"".to_string(),
        Ty::Duration => "\"6 months\"".to_string(),
        Ty::Symbol(set) => {
            let symbols = model.set(set).map_or(&[][..], |s| s.symbols.as_slice());
            let pick = (random.next() % symbols.len().max(1) as u64) as usize;
            format!("\"{}\"", symbols.get(pick).map_or("", String::as_str))
        }
        Ty::Unknown => "null".to_string(),
    }
}

/// The model of a seed policy, and its text.
pub fn seed_policy(name: &str) -> (mentor_check::Analysis, String) {
    let path = format!(
        "{}/../../policies/{name}.mentor",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    (mentor_check::analyze(&text), text)
}
