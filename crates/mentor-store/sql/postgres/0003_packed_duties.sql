-- 0003 open duties kept packed as bytes (src/packed.rs) instead of as JSON, with their due
-- date also as a day number (days from 1 January of year 1, that day being 1). The rows are
-- copied from the old table by the migration's own code (migrate.rs), then it is replaced.

CREATE TABLE duties_packed (
    case_id TEXT    NOT NULL,
    n       BIGINT  NOT NULL,
    due     TEXT,
    due_day BIGINT,                    -- the same date as a day number, for filters
    party   TEXT,
    role    TEXT    NOT NULL,
    rule    TEXT    NOT NULL,
    item    BYTEA   NOT NULL,          -- the `next` item, packed
    PRIMARY KEY (case_id, n)
);

-- The cases whose kept answer may not hold on a day are found by index ranges (normally
-- empty) instead of by reading every case: this index serves the tests on `evaluated_on`.
CREATE INDEX cases_by_evaluation ON cases (withdrawn, policy_version, evaluated_on, case_id, last_seq);
