//! Names compared as people see them: text in Unicode Normalization Form C (NFC), so that
//! `zoë` typed as `o` followed by a combining diaeresis is the same name as `zoë` typed
//! with the single letter `ë`. Policies, case files and command lines all go through here.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// `text` in NFC; borrowed, without copying, when it already is (as nearly all text is).
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => {
            let composed: String = text.nfc().collect();
            if composed == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(composed)
            }
        }
    }
}

/// Puts `text` in NFC in place.
pub fn make_nfc(text: &mut String) {
    if let Cow::Owned(composed) = nfc(text) {
        *text = composed;
    }
}

#[cfg(test)]
mod tests {
    use super::nfc;

    #[test]
    fn a_decomposed_name_is_the_composed_one() {
        let decomposed = "zo\u{0065}\u{0308}";
        assert_ne!(decomposed, "zo\u{00eb}");
        assert_eq!(nfc(decomposed), "zo\u{00eb}");
        assert!(matches!(nfc("amara"), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(nfc("zo\u{00eb}"), std::borrow::Cow::Borrowed(_)));
    }
}
