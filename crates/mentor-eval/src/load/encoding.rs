//! The text of a case file as a spreadsheet saved it: UTF-8, or else Windows-1252 (what
//! Excel on Windows writes for "CSV"), with a note saying so (M0521).

use mentor_diagnostics::catalog::case;
use mentor_diagnostics::{Diagnostic, Span};
use std::borrow::Cow;

/// The text of a file's bytes, and a note when they were not UTF-8 and were read as
/// Windows-1252 (every byte sequence is valid Windows-1252, so this never fails).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), None),
        Err(error) => {
            let encoding = encoding_rs::WINDOWS_1252;
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
            let at = encoding.decode_without_bom_handling(valid).0.len();
            let end = text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .map_or(at, |c| at + c.len_utf8());
            let note = case::encoding_assumed(Span::new(at, end));
            (Cow::Owned(text.into_owned()), Some(note))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf8_as_is_and_windows_1252_with_a_note() {
        let (text, note) = decode("Zoë".as_bytes());
        assert_eq!(text, "Zoë");
        assert!(note.is_none());
        let (text, note) = decode(b"Zo\xeb,caf\xe9");
        assert_eq!(text, "Zoë,café");
        let note = note.map(|n| n.span());
        assert_eq!(note.map(|s| (s.start(), s.end())), Some((2, 4)));
    }
}
