-- 0001 the log: cases, participants, events, corrections and policy changes, append-only
-- and hash-chained; the policy texts; and the answers kept ready from them.

CREATE TABLE entries (
    seq         INTEGER PRIMARY KEY,   -- 1, 2, 3, ... without gaps
    case_id     TEXT,                  -- NULL for programme-wide entries (policy changes)
    kind        TEXT    NOT NULL
                CHECK (kind IN ('case', 'participant', 'event', 'correction', 'policy')),
    corrects    INTEGER UNIQUE REFERENCES entries (seq),  -- an entry is corrected at most once
    payload     TEXT    NOT NULL,      -- what it records, as JSON
    recorded_by TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,      -- UTC, RFC 3339
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX entries_by_case ON entries (case_id, seq);

CREATE TABLE policies (
    version INTEGER PRIMARY KEY,
    text    TEXT    NOT NULL,
    sha256  TEXT    NOT NULL,
    entry   INTEGER NOT NULL UNIQUE REFERENCES entries (seq)
);

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
    SELECT RAISE(ABORT, 'the log is append-only: entries cannot be changed or deleted; record a correction instead');
END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN
    SELECT RAISE(ABORT, 'the log is append-only: entries cannot be changed or deleted; record a correction instead');
END;
CREATE TRIGGER policies_no_update BEFORE UPDATE ON policies
BEGIN
    SELECT RAISE(ABORT, 'policy versions are kept as they were set; set a new version instead');
END;
CREATE TRIGGER policies_no_delete BEFORE DELETE ON policies
BEGIN
    SELECT RAISE(ABORT, 'policy versions are kept as they were set; set a new version instead');
END;

-- Derived from the log and the policy; can be rebuilt at any time.
CREATE TABLE cases (
    case_id        TEXT    PRIMARY KEY,
    opened         INTEGER NOT NULL,   -- the entry that opened it
    last_seq       INTEGER NOT NULL,   -- its latest entry
    withdrawn      INTEGER NOT NULL DEFAULT 0,
    policy_version INTEGER,            -- the policy its answer was computed under
    evaluated_on   TEXT,               -- the date the answer is as of
    valid_until    TEXT,               -- the first date on which the answer may differ
    problem        TEXT                -- why no answer could be computed
);
-- What the agenda asks of every case, answered from the index alone.
CREATE INDEX cases_by_state ON cases (withdrawn, policy_version, valid_until, evaluated_on, case_id, last_seq);
CREATE INDEX cases_with_problems ON cases (case_id) WHERE problem IS NOT NULL;

CREATE TABLE duties (
    case_id TEXT    NOT NULL,
    n       INTEGER NOT NULL,
    due     TEXT,
    party   TEXT,
    role    TEXT    NOT NULL,
    rule    TEXT    NOT NULL,
    item    TEXT    NOT NULL,          -- the `next` item, as JSON
    PRIMARY KEY (case_id, n)
);
CREATE INDEX duties_by_due ON duties (due);

CREATE TABLE findings (
    case_id TEXT    NOT NULL,
    n       INTEGER NOT NULL,
    at      TEXT    NOT NULL,
    party   TEXT,
    rule    TEXT    NOT NULL,
    item    TEXT    NOT NULL,          -- the violation, as JSON
    PRIMARY KEY (case_id, n)
);
CREATE INDEX findings_by_at ON findings (at);
