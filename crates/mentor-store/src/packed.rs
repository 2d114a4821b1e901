//! A kept open duty packed as bytes: what the agenda reads back for every case, so it is
//! small and quick to read (no field names, dates as day numbers). The case is not in it
//! (it is the row's key). The first byte is the format; a duty that cannot be read back (an
//! older or damaged format) is not an error for the agenda: its case is evaluated again.

use chrono::NaiveDate;
use mentor_agenda::{Duty, Severity};
use mentor_eval::report::EventRef;

/// The format written now.
const FORMAT: u8 = 1;

/// A packed duty could not be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unreadable;

/// The duty as bytes.
pub(crate) fn pack(duty: &Duty) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        64 + duty.rule.len() + duty.what.len() + duty.because.len() + duty.if_missed.len(),
    );
    out.push(FORMAT);
    put_str(&mut out, &duty.rule);
    put_opt(&mut out, duty.party.as_deref());
    put_str(&mut out, &duty.role);
    put_len(&mut out, duty.actions.len());
    for a in &duty.actions {
        put_str(&mut out, a);
    }
    put_opt(&mut out, duty.to.as_deref());
    match duty.due {
        Some(due) => {
            out.push(1);
            put_date(&mut out, due);
        }
        None => out.push(0),
    }
    put_date(&mut out, duty.since);
    out.push(match duty.severity {
        Severity::Must => 0,
        Severity::Should => 1,
    });
    put_str(&mut out, &duty.what);
    put_str(&mut out, &duty.because);
    put_str(&mut out, &duty.if_missed);
    put_len(&mut out, duty.events.len());
    for e in &duty.events {
        put_str(&mut out, &e.event);
        put_str(&mut out, &e.at);
        put_str(&mut out, &e.by);
        put_opt(&mut out, e.to.as_deref());
    }
    put_len(&mut out, duty.line as usize);
    out
}

/// The duty of `case` packed in `bytes`.
pub(crate) fn unpack(case: &str, bytes: &[u8]) -> Result<Duty, Unreadable> {
    let mut r = Reader { bytes };
    if r.byte()? != FORMAT {
        return Err(Unreadable);
    }
    let rule = r.string()?;
    let party = r.opt()?;
    let role = r.string()?;
    let n = r.count()?;
    let mut actions = Vec::with_capacity(n);
    for _ in 0..n {
        actions.push(r.string()?);
    }
    let to = r.opt()?;
    let due = match r.byte()? {
        0 => None,
        1 => Some(r.date()?),
        _ => return Err(Unreadable),
    };
    let since = r.date()?;
    let severity = match r.byte()? {
        0 => Severity::Must,
        1 => Severity::Should,
        _ => return Err(Unreadable),
    };
    let what = r.string()?;
    let because = r.string()?;
    let if_missed = r.string()?;
    let n = r.count()?;
    let mut events = Vec::with_capacity(n);
    for _ in 0..n {
        events.push(EventRef {
            event: r.string()?,
            at: r.string()?,
            by: r.string()?,
            to: r.opt()?,
        });
    }
    let line = u32::try_from(r.number()?).map_err(|_| Unreadable)?;
    if !r.bytes.is_empty() {
        return Err(Unreadable);
    }
    Ok(Duty {
        case: case.to_string(),
        rule,
        party,
        role,
        actions,
        to,
        due,
        since,
        severity,
        what,
        because,
        if_missed,
        events,
        line,
    })
}

/// A date as the day number kept beside a packed duty (1 January of year 1 is day 1), for
/// comparing dates in queries.
pub(crate) fn day_number(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// A length or a number: 7 bits a byte, lowest first.
fn put_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
        None => out.push(0),
    }
}

fn put_date(out: &mut Vec<u8>, d: NaiveDate) {
    out.extend_from_slice(&chrono::Datelike::num_days_from_ce(&d).to_le_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Unreadable> {
        let (head, rest) = self.bytes.split_at_checked(n).ok_or(Unreadable)?;
        self.bytes = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, Unreadable> {
        let (&b, rest) = self.bytes.split_first().ok_or(Unreadable)?;
        self.bytes = rest;
        Ok(b)
    }

    fn number(&mut self) -> Result<u64, Unreadable> {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(Unreadable)
    }

    /// A length, never more than the bytes left (so a damaged one allocates nothing).
    fn count(&mut self) -> Result<usize, Unreadable> {
        let n = usize::try_from(self.number()?).map_err(|_| Unreadable)?;
        if n > self.bytes.len() {
            return Err(Unreadable);
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, Unreadable> {
        let n = self.count()?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| Unreadable)
    }

    fn opt(&mut self) -> Result<Option<String>, Unreadable> {
        match self.byte()? {
            0 => Ok(None),
            1 => self.string().map(Some),
            _ => Err(Unreadable),
        }
    }

    fn date(&mut self) -> Result<NaiveDate, Unreadable> {
        let b = self.take(4)?;
        let days = i32::from_le_bytes([
            *b.first().ok_or(Unreadable)?,
            *b.get(1).ok_or(Unreadable)?,
            *b.get(2).ok_or(Unreadable)?,
            *b.get(3).ok_or(Unreadable)?,
        ]);
        NaiveDate::from_num_days_from_ce_opt(days).ok_or(Unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duty() -> Duty {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        Duty {
            case: "C-1".into(),
            rule: "respond".into(),
            party: Some("ben".into()),
            role: "mentor".into(),
            actions: vec!["mentor_responded".into(), "mentor_declined".into()],
            to: Some("amara".into()),
            due: Some(d("2026-12-29")),
            since: d("2026-12-18"),
            severity: Severity::Should,
            what: "must reply to amara’s request".into(),
            because: "amara asked ben on 18 December 2026 — within 5 working days".into(),
            if_missed: "a must violation".into(),
            events: vec![EventRef {
                event: "mentoring_requested".into(),
                at: "2026-12-18T09:30:00".into(),
                by: "amara".into(),
                to: None,
            }],
            line: 53,
        }
    }

    #[test]
    fn a_duty_reads_back_as_it_was_kept() {
        let mut with_nothing = duty();
        with_nothing.party = None;
        with_nothing.to = None;
        with_nothing.due = None;
        with_nothing.actions.clear();
        with_nothing.events.clear();
        with_nothing.what = "x".repeat(300);
        for d in [duty(), with_nothing] {
            assert_eq!(unpack("C-1", &pack(&d)), Ok(d));
        }
    }

    #[test]
    fn damaged_or_unknown_bytes_are_unreadable_not_a_panic() {
        let bytes = pack(&duty());
        for cut in 0..bytes.len() {
            assert_eq!(
                unpack("C-1", bytes.get(..cut).unwrap_or_default()),
                Err(Unreadable)
            );
        }
        let mut newer = bytes.clone();
        if let Some(b) = newer.first_mut() {
            *b = FORMAT + 1;
        }
        assert_eq!(unpack("C-1", &newer), Err(Unreadable));
        let mut longer = bytes;
        longer.push(0);
        assert_eq!(unpack("C-1", &longer), Err(Unreadable));
        // A length far past the end allocates nothing.
        assert_eq!(
            unpack("C-1", &[FORMAT, 0xff, 0xff, 0xff, 0xff, 0x0f]),
            Err(Unreadable)
        );
    }
}
