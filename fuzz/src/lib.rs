//! What the fuzz targets share: the seed policies, analysed once, and how an input names
//! the policy it is for (its first byte).

use std::sync::OnceLock;

/// The four seed policies, in the order the first byte of a case input picks them.
pub const POLICIES: [(&str, &str); 4] = [
    ("supportt", include_str!("../../policies/supportt.mentor")),
    ("mphp", include_str!("../../policies/mphp.mentor")),
    (
        "mentorconnect",
        include_str!("../../policies/mentorconnect.mentor"),
    ),
    ("esu", include_str!("../../policies/esu.mentor")),
];

/// The analysis of seed policy `i % 4`.
pub fn policy(i: u8) -> &'static mentor_check::Analysis {
    static ANALYSED: OnceLock<Vec<mentor_check::Analysis>> = OnceLock::new();
    let all = ANALYSED.get_or_init(|| {
        POLICIES
            .iter()
            .map(|(name, text)| {
                let analysis = mentor_check::analyze(text);
                assert!(!analysis.has_errors(), "policies/{name}.mentor has errors");
                analysis
            })
            .collect()
    });
    &all[usize::from(i) % all.len()]
}

/// A case input: the first byte picks the policy, the rest is the case file's text.
pub fn case_input(data: &[u8]) -> Option<(&'static mentor_check::Analysis, &str)> {
    let (first, rest) = data.split_first()?;
    Some((policy(*first), std::str::from_utf8(rest).ok()?))
}

/// Checks what every diagnostic must be: a span inside the text, on character boundaries,
/// and a short message.
pub fn check_diagnostics(text: &str, diagnostics: &[mentor_diagnostics::Diagnostic]) {
    for d in diagnostics {
        for span in std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)) {
            assert!(span.start() <= span.end(), "{d:?}");
            assert!(span.end() <= text.len(), "a span past the end: {d:?}");
            assert!(text.is_char_boundary(span.start()), "{d:?}");
            assert!(text.is_char_boundary(span.end()), "{d:?}");
        }
        let length = d.message.chars().count();
        assert!(
            length <= mentor_diagnostics::MAX_MESSAGE_CHARS + 3,
            "a message of {length} characters: {}...",
            d.message.chars().take(200).collect::<String>()
        );
    }
}

/// A case for `model` written by a fuzzer as a compact script, as JSON the loader reads:
/// `participants` (1 or 2 per role), a byte for facts, then four bytes per event: the days
/// since the previous event (0 to 44, from 2026-01-05), which event, who does it and to
/// whom (among the participants whose roles may). Every script makes a case that loads,
/// so every input explores evaluation rather than the JSON reader.
pub fn scripted_case(model: &mentor_check::Model, script: &[u8]) -> String {
    use mentor_check::types::Ty;
    use serde_json::{Value, json};
    let (header, events) = script.split_at(script.len().min(2));
    let per_role = 1 + usize::from(header.first().copied().unwrap_or(0) % 2);
    let seed = usize::from(header.get(1).copied().unwrap_or(0));
    let value = |ty: Ty, n: usize| -> Value {
        match ty {
            Ty::Bool => json!(n % 2 == 0),
            Ty::Int | Ty::Count => json!(n % 120),
            Ty::Text => json!("first_name"),
            Ty::Date => json!(format!("20{:02}-0{}-1{}", 10 + n % 16, 1 + n % 9, n % 9)),
            Ty::DateTime => json!(format!("2026-0{}-1{}T09:30", 1 + n % 9, n % 9)),
            Ty::Duration => json!(format!("{} months", n % 40)),
            Ty::Symbol(set) => model
                .set(set)
                .and_then(|s| s.symbols.get(n % s.symbols.len().max(1)))
                .map_or(Value::Null, |s| json!(s)),
            Ty::Unknown => Value::Null,
        }
    };
    let mut participants = Vec::new();
    let mut ids: Vec<(usize, String)> = Vec::new();
    for (r, role) in model.roles.iter().enumerate() {
        for k in 0..per_role {
            let id = format!("{}-{k}", role.name);
            let facts: serde_json::Map<String, Value> = role
                .facts
                .iter()
                .enumerate()
                .map(|(f, fact)| (fact.name.clone(), value(fact.ty, seed + f * 7 + k)))
                .collect();
            participants.push(json!({ "id": id, "role": role.name, "facts": facts }));
            ids.push((r, id));
        }
    }
    let among = |roles: &[mentor_check::model::RoleId], pick: u8| -> Option<String> {
        let fitting: Vec<&String> = ids
            .iter()
            .filter(|(r, _)| roles.iter().any(|x| x.0 as usize == *r))
            .map(|(_, id)| id)
            .collect();
        fitting
            .get(usize::from(pick) % fitting.len().max(1))
            .map(|id| (*id).clone())
    };
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let mut written = Vec::new();
    for (n, chunk) in events.chunks_exact(4).take(64).enumerate() {
        let [gap, which, by, to] = [chunk[0], chunk[1], chunk[2], chunk[3]];
        day = day
            .checked_add_days(chrono::Days::new(u64::from(gap % 45)))
            .unwrap_or(day);
        let Some(event) = model
            .events
            .get(usize::from(which) % model.events.len().max(1))
        else {
            break;
        };
        let Some(by) = among(&event.by, by) else {
            continue;
        };
        let data: serde_json::Map<String, Value> = event
            .fields
            .iter()
            .enumerate()
            .map(|(f, field)| (field.name.clone(), value(field.ty, seed + n + f)))
            .collect();
        let mut e = json!({ "at": day.to_string(), "event": event.name, "by": by, "data": data });
        if let Some(to) = among(&event.to, to) {
            e["to"] = json!(to);
        }
        written.push(e);
    }
    json!({ "case": "fuzz", "participants": participants, "events": written }).to_string()
}
