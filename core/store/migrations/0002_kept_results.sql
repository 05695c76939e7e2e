-- examenbureau schema, version 2: results kept per candidate (issue 10, incremental results).
-- Derived data: every value here can be computed again from the other tables and the rule
-- pack, so it is written without audit rows (the facts it came from are audited). `inputs`
-- is a fingerprint of every stored fact the candidate's result reads; `basis` one of the
-- code, the rule pack and its settings. A kept result whose inputs or basis differ from the
-- current ones is stale and is never shown as the uitslag. The JSON is kept as UTF-8 bytes:
-- written and read as they are, never decoded to text and encoded again.
CREATE TABLE IF NOT EXISTS kept_results (
    exam_year   INTEGER NOT NULL,
    exam_number TEXT NOT NULL,
    inputs      HUGEINT NOT NULL,
    basis       TEXT NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    passed      BOOLEAN,              -- NULL: nog niet te bepalen
    cum_laude   BOOLEAN,
    uitslag     BLOB NOT NULL,        -- the candidate as `uitslag --format json` lists it (UTF-8)
    extra       BLOB NOT NULL,        -- what the list screens need besides (sort name, notes)
    PRIMARY KEY (exam_year, exam_number)
);
