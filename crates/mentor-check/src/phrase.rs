//! An event's plain-English phrase: what the one who does it does, now and in the past.
//!
//! A policy writes the present (`"reply to {to}'s request"`); the past (`"replied to {to}'s
//! request"`) is the same phrase with its first word in the past tense, unless the policy
//! gives it after a `/`. `{to}` stands for the one the event goes to, `{role}` for the
//! participant of that role among those the event concerns.

/// An event's phrase, in both tenses, as the policy wrote it (placeholders not yet filled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// `reply to {to}'s request`: follows "must" and "did not".
    pub present: String,
    /// `replied to {to}'s request`: what happened.
    pub past: String,
}

/// Which form of a phrase a sentence needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Present,
    Past,
}

impl Phrase {
    /// A phrase from its present form and, when the policy gives one, its past form.
    pub fn new(present: &str, past: Option<&str>) -> Phrase {
        let present = present.split_whitespace().collect::<Vec<_>>().join(" ");
        let past = match past {
            Some(p) => p.split_whitespace().collect::<Vec<_>>().join(" "),
            None => past_tense(&present),
        };
        Phrase { present, past }
    }

    /// The phrase in a tense, each `{name}` replaced by what `fill` gives for `name`.
    pub fn render(&self, tense: Tense, fill: impl Fn(&str) -> String) -> String {
        let text = match tense {
            Tense::Present => &self.present,
            Tense::Past => &self.past,
        };
        fill_placeholders(text, fill)
    }
}

/// The names of the `{...}` placeholders of a text, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        out.push(after.get(..close).unwrap_or(""));
        rest = after.get(close + 1..).unwrap_or("");
    }
    out
}

/// `text` with each `{name}` replaced by `fill(name)`; a lone `{` stays as written.
pub fn fill_placeholders(text: &str, fill: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        out.push_str(rest.get(..open).unwrap_or(""));
        out.push_str(&fill(after.get(..close).unwrap_or("")));
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The phrase with its first word in the past tense: `hold a session` → `held a session`.
pub fn past_tense(phrase: &str) -> String {
    let (first, rest) = match phrase.split_once(' ') {
        Some((f, r)) => (f, Some(r)),
        None => (phrase, None),
    };
    let past = past_of_word(first);
    match rest {
        Some(rest) => format!("{past} {rest}"),
        None => past,
    }
}

/// Verbs whose past tense is not made by adding `-ed`.
const IRREGULAR: &[(&str, &str)] = &[
    ("arise", "arose"),
    ("bear", "bore"),
    ("begin", "began"),
    ("break", "broke"),
    ("bring", "brought"),
    ("build", "built"),
    ("buy", "bought"),
    ("catch", "caught"),
    ("choose", "chose"),
    ("come", "came"),
    ("cut", "cut"),
    ("do", "did"),
    ("draw", "drew"),
    ("fall", "fell"),
    ("feel", "felt"),
    ("find", "found"),
    ("forget", "forgot"),
    ("forgive", "forgave"),
    ("get", "got"),
    ("give", "gave"),
    ("go", "went"),
    ("have", "had"),
    ("hear", "heard"),
    ("hold", "held"),
    ("keep", "kept"),
    ("know", "knew"),
    ("lead", "led"),
    ("leave", "left"),
    ("lend", "lent"),
    ("let", "let"),
    ("lose", "lost"),
    ("make", "made"),
    ("meet", "met"),
    ("mislead", "misled"),
    ("oversee", "oversaw"),
    ("pay", "paid"),
    ("put", "put"),
    ("quit", "quit"),
    ("read", "read"),
    ("rise", "rose"),
    ("run", "ran"),
    ("say", "said"),
    ("see", "saw"),
    ("seek", "sought"),
    ("sell", "sold"),
    ("send", "sent"),
    ("set", "set"),
    ("shut", "shut"),
    ("sit", "sat"),
    ("speak", "spoke"),
    ("spend", "spent"),
    ("stand", "stood"),
    ("take", "took"),
    ("teach", "taught"),
    ("tell", "told"),
    ("think", "thought"),
    ("undergo", "underwent"),
    ("understand", "understood"),
    ("undertake", "undertook"),
    ("upset", "upset"),
    ("win", "won"),
    ("withdraw", "withdrew"),
    ("write", "wrote"),
];

/// Verbs of more than one syllable that double their last letter: `submit` → `submitted`.
const DOUBLING: &[&str] = &[
    "admit", "cancel", "commit", "compel", "confer", "control", "equip", "expel", "label", "occur",
    "omit", "patrol", "permit", "prefer", "propel", "refer", "regret", "signal", "submit",
    "transfer", "travel",
];

fn past_of_word(written: &str) -> String {
    // `withdraw,`: the word, then what follows it.
    let end = written
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(written.len(), |(i, _)| i);
    let (word, tail) = written.split_at(end);
    if word.is_empty() {
        return written.to_string();
    }
    format!("{}{tail}", past_of_bare_word(word))
}

fn past_of_bare_word(word: &str) -> String {
    let lower = word.to_lowercase();
    if let Some((_, past)) = IRREGULAR.iter().find(|(w, _)| *w == lower) {
        return keep_capital(word, past);
    }
    let chars: Vec<char> = lower.chars().collect();
    let is_vowel = |c: char| "aeiou".contains(c);
    let last = chars.last().copied().unwrap_or('x');
    let before = chars
        .len()
        .checked_sub(2)
        .and_then(|i| chars.get(i))
        .copied();
    if last == 'e' {
        return format!("{word}d");
    }
    if last == 'y' && before.is_some_and(|c| !is_vowel(c)) {
        let stem: String = word.chars().take(chars.len().saturating_sub(1)).collect();
        return format!("{stem}ied");
    }
    let vowels = chars.iter().filter(|c| is_vowel(**c)).count();
    let consonant_vowel_consonant = chars.len() >= 3
        && !is_vowel(last)
        && !"wxy".contains(last)
        && before.is_some_and(is_vowel)
        && chars
            .len()
            .checked_sub(3)
            .and_then(|i| chars.get(i))
            .is_some_and(|c| !is_vowel(*c));
    if consonant_vowel_consonant && (vowels == 1 || DOUBLING.contains(&lower.as_str())) {
        return format!("{word}{last}ed");
    }
    format!("{word}ed")
}

/// `past` with a capital first letter when `word` had one.
fn keep_capital(word: &str, past: &str) -> String {
    if word.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = past.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        })
    } else {
        past.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{Phrase, Tense, past_tense, placeholders};

    #[test]
    fn the_first_word_goes_into_the_past() {
        for (now, then) in [
            ("ask {to} for mentoring", "asked {to} for mentoring"),
            ("reply to {to}'s request", "replied to {to}'s request"),
            ("decline {to}'s request", "declined {to}'s request"),
            ("hold a session with {to}", "held a session with {to}"),
            (
                "send a rematch notice to {to}",
                "sent a rematch notice to {to}",
            ),
            ("submit the contact form", "submitted the contact form"),
            ("stop", "stopped"),
            ("visit {to}", "visited {to}"),
            ("cancel a session", "cancelled a session"),
            ("stay in touch", "stayed in touch"),
            (
                "withdraw from peer mentoring",
                "withdrew from peer mentoring",
            ),
            ("Make contact", "Made contact"),
            ("follow up the problem", "followed up the problem"),
        ] {
            assert_eq!(past_tense(now), then, "{now}");
        }
    }

    #[test]
    fn a_given_past_is_kept_and_placeholders_are_filled() {
        let p = Phrase::new("meet  up with {to}", Some("met up with {to}"));
        assert_eq!(p.present, "meet up with {to}");
        let fill = |name: &str| {
            if name == "to" {
                "amara".to_string()
            } else {
                format!("?{name}")
            }
        };
        assert_eq!(p.render(Tense::Past, fill), "met up with amara");
        assert_eq!(placeholders("a {to} b {mentee} {"), vec!["to", "mentee"]);
    }
}
