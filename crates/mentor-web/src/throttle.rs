//! Slowing down repeated failed sign-ins, per account and per address: after a few
//! failures in a row, each further attempt must wait, twice as long each time (up to 15
//! minutes), and is refused unread until then. A successful sign-in clears the account's
//! count. Kept in memory (a restart forgets it), for at most [`KEEP`] names and addresses.

use chrono::{DateTime, TimeDelta, Utc};
use std::collections::HashMap;

/// Failures allowed in a row for one account before attempts must wait.
pub const ACCOUNT_FREE: u32 = 3;
/// Failures allowed in a row from one address (several people may share one).
pub const ADDRESS_FREE: u32 = 10;
/// The longest wait, in seconds.
pub const LONGEST_WAIT: i64 = 15 * 60;
/// How many names and addresses are remembered at most.
pub const KEEP: usize = 10_000;

#[derive(Debug, Clone)]
struct Failures {
    count: u32,
    /// No attempt is read before this time.
    until: DateTime<Utc>,
    last: DateTime<Utc>,
}

/// What is being throttled: an account name or an address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Account(String),
    Address(String),
}

impl Key {
    fn free(&self) -> u32 {
        match self {
            Key::Account(_) => ACCOUNT_FREE,
            Key::Address(_) => ADDRESS_FREE,
        }
    }
}

/// The keys of a sign-in attempt.
pub fn keys(account: &str, address: &str) -> [Key; 2] {
    [
        Key::Account(account.trim().to_lowercase()),
        Key::Address(address.to_string()),
    ]
}

#[derive(Debug, Default)]
pub struct Throttle {
    failures: HashMap<Key, Failures>,
}

impl Throttle {
    /// How long an attempt must still wait (whole seconds, at least 1), or `None` when it
    /// may be read now.
    pub fn wait(&self, keys: &[Key], now: DateTime<Utc>) -> Option<i64> {
        keys.iter()
            .filter_map(|k| self.failures.get(k))
            .filter(|f| f.until > now)
            .map(|f| (f.until - now).num_seconds().max(1))
            .max()
    }

    /// Counts a failed attempt.
    pub fn failed(&mut self, keys: &[Key], now: DateTime<Utc>) {
        if self.failures.len() >= KEEP {
            self.forget_old(now);
        }
        for key in keys {
            let free = key.free();
            let f = self.failures.entry(key.clone()).or_insert(Failures {
                count: 0,
                until: now,
                last: now,
            });
            f.count = f.count.saturating_add(1);
            f.last = now;
            if f.count >= free {
                let doubling = (f.count - free).min(20);
                let seconds = (1i64 << doubling).min(LONGEST_WAIT);
                f.until = now + TimeDelta::seconds(seconds);
            }
        }
    }

    /// Clears an account's count after it signed in.
    pub fn succeeded(&mut self, keys: &[Key]) {
        for key in keys {
            if matches!(key, Key::Account(_)) {
                self.failures.remove(key);
            }
        }
    }

    /// Forgets what no longer holds anyone back, then the oldest, to stay under [`KEEP`].
    fn forget_old(&mut self, now: DateTime<Utc>) {
        let an_hour_ago = now - TimeDelta::hours(1);
        self.failures
            .retain(|_, f| f.until > now || f.last > an_hour_ago);
        if self.failures.len() >= KEEP {
            let mut lasts: Vec<DateTime<Utc>> = self.failures.values().map(|f| f.last).collect();
            lasts.sort_unstable();
            if let Some(&cut) = lasts.get(lasts.len() / 2) {
                self.failures.retain(|_, f| f.last > cut);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn waits_grow_after_the_free_failures() {
        let mut t = Throttle::default();
        let k = keys("Ann", "10.0.0.1");
        t.failed(&k, at(0));
        t.failed(&k, at(0));
        assert_eq!(t.wait(&k, at(0)), None, "two failures are free");
        t.failed(&k, at(0));
        assert_eq!(t.wait(&k, at(0)), Some(1));
        t.failed(&k, at(1));
        assert_eq!(t.wait(&k, at(1)), Some(2));
        t.failed(&k, at(3));
        assert_eq!(t.wait(&k, at(3)), Some(4));
        assert_eq!(t.wait(&k, at(7)), None);
        // The same account from another address is held back too; another account is not.
        assert!(t.wait(&keys("ann", "10.0.0.2"), at(4)).is_some());
        assert_eq!(t.wait(&keys("bob", "10.0.0.2"), at(4)), None);
        t.succeeded(&k);
        assert_eq!(t.wait(&keys("ann", "10.0.0.2"), at(4)), None);
    }

    #[test]
    fn an_address_trying_many_accounts_is_held_back() {
        let mut t = Throttle::default();
        for i in 0..ADDRESS_FREE {
            t.failed(&keys(&format!("user{i}"), "10.0.0.9"), at(0));
        }
        assert!(t.wait(&keys("someone_else", "10.0.0.9"), at(0)).is_some());
        assert_eq!(t.wait(&keys("someone_else", "10.0.0.8"), at(0)), None);
    }

    #[test]
    fn memory_stays_bounded() {
        let mut t = Throttle::default();
        for i in 0..(KEEP + 10) {
            t.failed(&[Key::Address(i.to_string())], at(i as i64));
        }
        assert!(t.failures.len() <= KEEP);
    }
}
