//! Password hashes: Argon2id (RustCrypto's `argon2`, its default parameters), stored in the
//! PHC string format, so the parameters travel with each hash.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 8;

/// Why a password is not accepted, for a person; `None` when it is.
pub fn weakness(password: &str) -> Option<String> {
    if password.chars().count() < MIN_LENGTH {
        return Some(format!(
            "the password is too short; use at least {MIN_LENGTH} characters"
        ));
    }
    if password.len() > 1024 {
        return Some("the password is too long; use at most 1024 bytes".to_string());
    }
    None
}

/// Hashes a password with a fresh salt.
pub fn hash(password: &str) -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot make a salt: {e}"))?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| format!("cannot make a salt: {e}"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// Whether `password` matches `hash`. A malformed hash matches nothing.
pub fn verify(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of nothing anyone knows: checked against when an account does not exist, so that
/// a wrong name takes as long as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let secret = crate::token::new_token().unwrap_or_default();
        hash(&secret).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let h = hash("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains("correct horse"));
        assert!(verify("correct horse", &h));
        assert!(!verify("correct hors", &h));
        assert!(!verify("anything", "not a hash"));
        assert!(decoy().starts_with("$argon2id$"));
        assert!(!verify("", decoy()));
        assert_ne!(
            hash("correct horse").unwrap(),
            h,
            "each hash has its own salt"
        );
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(weakness("short").is_some());
        assert!(weakness("long enough").is_none());
    }
}
