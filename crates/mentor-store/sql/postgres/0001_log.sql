-- 0001 the log: cases, participants, events, corrections and policy changes, append-only
-- and hash-chained; the policy texts; and the answers kept ready from them.

CREATE TABLE entries (
    seq         BIGINT  PRIMARY KEY,   -- 1, 2, 3, ... without gaps
    case_id     TEXT,                  -- NULL for programme-wide entries (policy changes)
    kind        TEXT    NOT NULL
                CHECK (kind IN ('case', 'participant', 'event', 'correction', 'policy')),
    corrects    BIGINT  UNIQUE REFERENCES entries (seq),  -- an entry is corrected at most once
    payload     TEXT    NOT NULL,      -- what it records, as JSON
    recorded_by TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,      -- UTC, RFC 3339
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX entries_by_case ON entries (case_id, seq);

CREATE TABLE policies (
    version BIGINT  PRIMARY KEY,
    text    TEXT    NOT NULL,
    sha256  TEXT    NOT NULL,
    entry   BIGINT  NOT NULL UNIQUE REFERENCES entries (seq)
);

CREATE FUNCTION mentor_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the log is append-only: entries cannot be changed or deleted; record a correction instead';
END
$$;
CREATE FUNCTION mentor_policies_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'policy versions are kept as they were set; set a new version instead';
END
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION mentor_log_is_append_only();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON entries
    FOR EACH STATEMENT EXECUTE FUNCTION mentor_log_is_append_only();
CREATE TRIGGER policies_kept BEFORE UPDATE OR DELETE ON policies
    FOR EACH ROW EXECUTE FUNCTION mentor_policies_are_kept();
CREATE TRIGGER policies_no_truncate BEFORE TRUNCATE ON policies
    FOR EACH STATEMENT EXECUTE FUNCTION mentor_policies_are_kept();

-- Derived from the log and the policy; can be rebuilt at any time.
CREATE TABLE cases (
    case_id        TEXT    PRIMARY KEY,
    opened         BIGINT  NOT NULL,   -- the entry that opened it
    last_seq       BIGINT  NOT NULL,   -- its latest entry
    withdrawn      BIGINT  NOT NULL DEFAULT 0,
    policy_version BIGINT,             -- the policy its answer was computed under
    evaluated_on   TEXT,               -- the date the answer is as of
    valid_until    TEXT,               -- the first date on which the answer may differ
    problem        TEXT                -- why no answer could be computed
);
-- What the agenda asks of every case, answered from the index alone.
CREATE INDEX cases_by_state ON cases (withdrawn, policy_version, valid_until, evaluated_on, case_id, last_seq);
CREATE INDEX cases_with_problems ON cases (case_id) WHERE problem IS NOT NULL;

CREATE TABLE duties (
    case_id TEXT    NOT NULL,
    n       BIGINT  NOT NULL,
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
    n       BIGINT  NOT NULL,
    at      TEXT    NOT NULL,
    party   TEXT,
    rule    TEXT    NOT NULL,
    item    TEXT    NOT NULL,          -- the violation, as JSON
    PRIMARY KEY (case_id, n)
);
CREATE INDEX findings_by_at ON findings (at);
