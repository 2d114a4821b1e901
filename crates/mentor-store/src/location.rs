//! Where a store is: a programme folder holding an SQLite file, or a PostgreSQL database; and
//! finding it as git finds its repository (the current folder, then each folder above it).

use std::path::{Path, PathBuf};

/// The name of the database file in a programme folder.
pub const FILE_NAME: &str = "mentor.sqlite";

/// The environment variable that may name a store (a folder or a `postgres://` URL) when
/// `--store` is not given.
pub const ENV_VAR: &str = "MENTOR_STORE";

/// A store's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The SQLite database file (`DIR/mentor.sqlite`).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user@localhost/db`).
    Postgres(String),
}

impl Location {
    /// A store named on the command line: a `postgres://` or `postgresql://` URL, a
    /// programme folder, or the database file itself.
    pub fn parse(given: &str) -> Location {
        if given.starts_with("postgres://") || given.starts_with("postgresql://") {
            return Location::Postgres(given.to_string());
        }
        let path = PathBuf::from(given);
        if path.is_file() {
            Location::Sqlite(path)
        } else {
            Location::Sqlite(path.join(FILE_NAME))
        }
    }

    /// The store in `start` or the nearest folder above it that has one.
    pub fn discover(start: &Path) -> Option<Location> {
        start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|file| file.is_file())
            .map(Location::Sqlite)
    }

    /// The programme folder of an SQLite store.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(file) => file.parent(),
            Location::Postgres(_) => None,
        }
    }

    /// The place as shown in messages; a PostgreSQL password is never shown.
    pub fn describe(&self) -> String {
        match self {
            Location::Sqlite(file) => file.display().to_string(),
            Location::Postgres(url) => hide_password(url),
        }
    }
}

/// `postgres://ann:secret@host/db` -> `postgres://ann:***@host/db`.
fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return url.to_string();
    };
    let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
    let masked = if userinfo.contains(':') {
        format!("{user}:***")
    } else {
        user.to_string()
    };
    // Passwords may also come as a query parameter.
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<String> = query
                .split('&')
                .map(|kv| {
                    if kv.starts_with("password=") {
                        "password=***".to_string()
                    } else {
                        kv.to_string()
                    }
                })
                .collect();
            format!("{path}?{}", kept.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{masked}@{host}{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            hide_password("postgres://ann:secret@localhost:5432/db"),
            "postgres://ann:***@localhost:5432/db"
        );
        assert_eq!(
            hide_password("postgres://ann@localhost/db?password=x&sslmode=disable"),
            "postgres://ann@localhost/db?password=***&sslmode=disable"
        );
        assert_eq!(
            hide_password("postgres://localhost/db"),
            "postgres://localhost/db"
        );
    }
}
