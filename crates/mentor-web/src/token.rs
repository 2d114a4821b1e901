//! Secret tokens (sessions, forms, calendar feeds): 32 random bytes from the operating
//! system, written in hex. The store keeps only a token's SHA-256.

use sha2::{Digest, Sha256};
use std::fmt::Write;

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A new secret token, or why the operating system could not give randomness.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(hex(&bytes))
}

/// The SHA-256 of a token, in hex: what the store keeps.
pub fn sha256(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Compares two tokens in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether a text looks like a token (64 hex digits): anything else is refused unread.
pub fn looks_like_token(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn tokens_are_fresh_and_compared_whole() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert!(looks_like_token(&a));
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same("", ""));
        assert_eq!(sha256("abc").len(), 64);
    }
}
