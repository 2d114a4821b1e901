//! Small pieces of wording that messages share: lists of names, "a" or "an", short quotes.

/// How many names a list shows before "and N more".
const LIST_LIMIT: usize = 10;

/// "a, b and c" (or "or"), for words that are not names.
pub fn plain_list(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// "`a`, `b` and `c`" (or "or"), shortened after ten names.
pub fn list<'a>(names: impl IntoIterator<Item = &'a str>, conjunction: &str) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("`{n}`")).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        _ if names.len() > LIST_LIMIT => {
            let shown = names
                .iter()
                .take(LIST_LIMIT)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            format!("{shown} {conjunction} {} more", names.len() - LIST_LIMIT)
        }
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// "a mentee", "an admin".
///
/// Names that start with an abbreviation read letter by letter take "an" when the first
/// letter sounds like a vowel: "an m2m_coordinator", "an hr_officer".
pub fn a(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let first_word = lower.split(['_', '-', ' ']).next().unwrap_or("");
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let second = first_word.chars().nth(1);
    let spelt_out = first_word.len() <= 3
        && (first_word.chars().any(|c| c.is_ascii_digit())
            || second.is_some_and(|c| c.is_ascii_alphabetic() && !vowel(c) && c != 'y'));
    let article = match lower.chars().next() {
        Some(c) if vowel(c) => "an",
        Some('f' | 'h' | 'l' | 'm' | 'n' | 'r' | 's' | 'x') if spelt_out => "an",
        _ => "a",
    };
    format!("{article} {name}")
}

/// Text in double quotes, shortened when long.
pub fn quote(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() > MAX {
        let short: String = text.chars().take(MAX).collect();
        format!("\"{short}…\"")
    } else {
        format!("\"{text}\"")
    }
}

/// At most the first 40 characters of a word, marked `...` when cut: what a message echoes
/// of a word it could not read.
pub fn excerpt(word: &str) -> String {
    const SHOWN: usize = 40;
    match word.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}...", word.get(..cut).unwrap_or(word)),
        None => word.to_string(),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a month from 1 to 12 ("?" for any other number).
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        assert_eq!(list(["a"], "and"), "`a`");
        assert_eq!(list(["a", "b", "c"], "or"), "`a`, `b` or `c`");
        assert_eq!(a("admin"), "an admin");
        assert_eq!(a("mentor"), "a mentor");
        assert_eq!(a("m2m_coordinator"), "an m2m_coordinator");
        assert_eq!(a("mwo_coordinator"), "an mwo_coordinator");
        assert_eq!(a("scheme_lead"), "a scheme_lead");
        assert_eq!(a("staff"), "a staff");
        assert_eq!(a("frog"), "a frog");
        assert_eq!(a("hr"), "an hr");
    }
}
