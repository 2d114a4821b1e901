-- 0002 who may use the web pages: accounts, their sessions and calendar feeds; and the
-- audit log of sign-ins and of what was recorded through the pages (append-only).

CREATE TABLE accounts (
    name          TEXT    PRIMARY KEY,
    role          TEXT    NOT NULL CHECK (role IN ('coordinator', 'viewer')),
    password_hash TEXT    NOT NULL,      -- Argon2id, PHC string format
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL       -- UTC, RFC 3339
);

-- Only the SHA-256 of a session's or a feed's secret token is kept.
CREATE TABLE sessions (
    token_sha256 TEXT    PRIMARY KEY,
    account      TEXT    NOT NULL REFERENCES accounts (name),
    csrf         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account);

CREATE TABLE feeds (
    id           INTEGER PRIMARY KEY,
    token_sha256 TEXT    NOT NULL UNIQUE,
    account      TEXT    NOT NULL REFERENCES accounts (name),
    label        TEXT    NOT NULL,
    query        TEXT    NOT NULL,       -- the agenda's filters, as JSON
    created_at   TEXT    NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX feeds_by_account ON feeds (account);

CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    account    TEXT    NOT NULL,        -- the name given (also for a failed sign-in)
    address    TEXT    NOT NULL,        -- where the request came from
    detail     TEXT    NOT NULL
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
