//! "Did you mean": the closest declared name to a misspelt one.

/// The candidate closest to `name`, when it is close enough to be a likely typo.
///
/// Closeness is the Damerau-Levenshtein distance, allowed to grow with the name's length
/// (one edit for short names, up to a third of the letters for long ones), plus the case
/// where one name is the other with a different case.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (name.chars().count() / 3).max(1);
    let lower = name.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    let length = name.chars().count();
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        // A name whose length differs by more than the limit cannot be within it (unless
        // one starts with the other, checked below): skip the costly distance.
        let candidate_length = candidate.chars().count();
        let prefix_possible = candidate.starts_with(name) || name.starts_with(candidate);
        if candidate_length.abs_diff(length) > limit
            && !prefix_possible
            && !candidate.eq_ignore_ascii_case(name)
        {
            continue;
        }
        let distance = if candidate.to_lowercase() == lower {
            0
        } else {
            strsim::damerau_levenshtein(name, candidate)
        };
        let prefix_match = candidate.len() >= 4 && name.starts_with(candidate)
            || name.len() >= 4 && candidate.starts_with(name);
        if distance <= limit || prefix_match {
            let score = if prefix_match {
                distance.min(limit)
            } else {
                distance
            };
            if best.is_none_or(|(d, _)| score < d) {
                best = Some((score, candidate));
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

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
}
