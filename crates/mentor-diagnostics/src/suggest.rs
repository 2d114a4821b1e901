//! "Did you mean": the closest declared name to a misspelt one, and the one way it is worded.

use std::fmt;

/// How many characters of a name are compared: its first and last half of this. Any real
/// name fits whole; a longer one is compared by its ends, so the cost of a comparison
/// (quadratic in the length) stays small however long a misspelt name is.
pub const COMPARED_CHARS: usize = 64;

/// The candidate closest to `name`, when it is close enough to be a likely typo.
///
/// Closeness is the Damerau-Levenshtein distance, allowed to grow with the name's length
/// (one edit for short names, up to a third of the letters for long ones), plus the case
/// where one name is the other with a different case. Only names of similar length are
/// compared (or where one starts with the other), and a name longer than
/// [`COMPARED_CHARS`] is compared by its first and last characters. Between equally close
/// names the first in alphabetical order is chosen, whatever order they come in.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let length = name.chars().count();
    let limit = (length.min(COMPARED_CHARS) / 3).max(1);
    let compared_name = compared(name, length);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        // A name whose length differs by more than the limit cannot be within it (unless
        // one starts with the other, checked below): skip the costly distance.
        let candidate_length = candidate.chars().count();
        let prefix_possible = candidate.starts_with(name) || name.starts_with(candidate);
        let same_letters = candidate_length == length && same_ignoring_case(candidate, name);
        if candidate_length.abs_diff(length) > limit && !prefix_possible {
            continue;
        }
        let distance = if same_letters {
            0
        } else {
            strsim::damerau_levenshtein(&compared_name, &compared(candidate, candidate_length))
        };
        let prefix_match = candidate.len() >= 4 && name.starts_with(candidate)
            || name.len() >= 4 && candidate.starts_with(name);
        if distance <= limit || prefix_match {
            let score = if prefix_match {
                distance.min(limit)
            } else {
                distance
            };
            // the closest; between equally close names, the first in alphabetical order,
            // so that the answer does not depend on the order names are given in
            if best.is_none_or(|(d, c)| (score, candidate) < (d, c)) {
                best = Some((score, candidate));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// A close name offered after a message: written `; did you mean `x`?` when there is one,
/// and as nothing when there is none. The one wording of a suggestion, used by every
/// diagnostic (through the catalogue) and by every other message that offers a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion<'a> {
    close: Option<&'a str>,
}

impl<'a> Suggestion<'a> {
    /// The closest of `candidates` to `name` ([`did_you_mean`]).
    pub fn among<I>(name: &str, candidates: I) -> Self
    where
        I: IntoIterator<Item = &'a str>,
    {
        Suggestion {
            close: did_you_mean(name, candidates),
        }
    }

    /// A name found some other way (or none).
    pub fn of(close: Option<&'a str>) -> Self {
        Suggestion { close }
    }

    /// The name suggested, if any.
    pub fn name(self) -> Option<&'a str> {
        self.close
    }

    /// The question on its own, for a help line: "did you mean `x`?".
    pub fn question(self) -> Option<String> {
        self.close.map(|close| format!("did you mean `{close}`?"))
    }
}

impl fmt::Display for Suggestion<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.question() {
            Some(question) => write!(f, "; {question}"),
            None => Ok(()),
        }
    }
}

/// Whether two names are the same but for the case of their letters.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The part of a name that is compared: all of it when short, else its two ends.
fn compared(name: &str, length: usize) -> String {
    if length <= COMPARED_CHARS {
        return name.to_string();
    }
    let half = COMPARED_CHARS / 2;
    name.chars()
        .take(half)
        .chain(name.chars().skip(length - half))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Suggestion, did_you_mean};

    #[test]
    fn a_suggestion_is_worded_after_a_message_or_not_at_all() {
        let names = ["mentor_responded", "mentor_declined"];
        assert_eq!(
            format!("x{}", Suggestion::among("mentor_respnded", names)),
            "x; did you mean `mentor_responded`?"
        );
        assert_eq!(format!("x{}", Suggestion::among("zebra", names)), "x");
        assert_eq!(
            Suggestion::of(Some("days")).question().as_deref(),
            Some("did you mean `days`?")
        );
    }

    #[test]
    fn finds_a_one_letter_typo() {
        let names = ["mentor_responded", "mentor_declined"];
        assert_eq!(
            did_you_mean("mentor_respnded", names),
            Some("mentor_responded")
        );
    }

    #[test]
    fn ignores_distant_names() {
        assert_eq!(did_you_mean("zebra", ["mentor", "mentee"]), None);
    }

    #[test]
    fn prefers_the_closest() {
        assert_eq!(
            did_you_mean("mentees", ["mentee", "mentor"]),
            Some("mentee")
        );
    }

    #[test]
    fn a_different_case_is_the_closest() {
        assert_eq!(
            did_you_mean("Mentor_Responded", ["mentor_responder", "mentor_responded"]),
            Some("mentor_responded")
        );
    }

    #[test]
    fn equally_close_names_give_the_same_answer_in_any_order() {
        let names = ["mentor_responded", "mentor_declinedern_raised"];
        let mut reversed = names;
        reversed.reverse();
        assert_eq!(
            did_you_mean("mentor_declined", names),
            did_you_mean("mentor_declined", reversed)
        );
    }

    #[test]
    fn long_names_are_told_apart_by_their_ends() {
        // Three long names sharing their first 300 letters; the misspelling is in the middle.
        let stem = "a".repeat(300);
        let names = [
            format!("{stem}_first_of_three"),
            format!("{stem}_second_of_three"),
            format!("{stem}_third_of_three"),
        ];
        let misspelt = format!("{}b{}_second_of_three", "a".repeat(150), "a".repeat(149));
        assert_eq!(
            did_you_mean(&misspelt, names.iter().map(String::as_str)),
            Some(names[1].as_str())
        );
        let unrelated = "z".repeat(400);
        assert_eq!(
            did_you_mean(&unrelated, names.iter().map(String::as_str)),
            None
        );
    }
}
