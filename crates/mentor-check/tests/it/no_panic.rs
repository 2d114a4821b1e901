//! Mangled policies never make the parser or the checker panic: thousands of random cuts,
//! swaps and insertions of the real policies must all come back as diagnostics.

use std::path::Path;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "rule ",
    "\n",
    "  ",
    "must ",
    "within ",
    "5 working days",
    "{",
    "}",
    "(",
    ")",
    "\"",
    "==",
    ">=",
    "and ",
    "or ",
    "not ",
    "after ",
    "later of ",
    "every month ",
    "by day 40 ",
    "each ",
    "have ",
    "at most ",
    "between 6 and 4 ",
    "plus x.y ",
    "ladder ",
    "step ",
    "outcome ",
    "test ",
    "expect ",
    "on 2027-02-30 ",
    "é",
    "“",
    "🙂",
    "#",
    "2027-13-01",
    "99999999999",
    "~",
    "|",
    ".",
    ",",
    "becoming 3 days from 2020-01-01 ",
];

fn mangle(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 => {
                let len = rng.below(40).min(chars.len().saturating_sub(at));
                chars.drain(at..at + len);
            }
            1 => {
                let piece = PIECES[rng.below(PIECES.len())];
                for (k, c) in piece.chars().enumerate() {
                    chars.insert(at + k, c);
                }
            }
            _ => {
                let other = rng.below(chars.len().max(1));
                if at < chars.len() && other < chars.len() {
                    chars.swap(at, other);
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mangled_policies_give_diagnostics_not_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../policies");
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut with_errors = 0;
    for name in ["supportt", "mphp", "mentorconnect", "esu"] {
        let text = std::fs::read_to_string(root.join(format!("{name}.mentor"))).unwrap();
        for _ in 0..600 {
            let mangled = mangle(&text, &mut rng);
            let analysis = mentor_check::analyze(&mangled);
            if analysis.has_errors() {
                with_errors += 1;
                // Every diagnostic points inside the text.
                for d in analysis.diagnostics() {
                    assert!(d.span().end() <= mangled.len(), "{d:?}");
                }
            }
        }
    }
    assert!(
        with_errors > 500,
        "the mangling should break most policies ({with_errors})"
    );
}
