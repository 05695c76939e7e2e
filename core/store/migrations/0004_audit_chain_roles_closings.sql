-- examenbureau schema, version 4 (issue 11): a tamper-evident audit log, roles, closing acts.
--
-- audit_log: every row carries the hash of its content and of the row before (prev_hash,
-- row_hash; see core/store/audit.py), the time in UTC with the zone, the OS account (actor)
-- and the display name beside it, the candidate it is about, and whether it changed something
-- after a closing act. Rows written before this version are hashed by the migration as they
-- are; their old local times become UTC using this computer's time zone.
ALTER TABLE audit_log ALTER changed_at TYPE TIMESTAMPTZ;
ALTER TABLE audit_log ADD COLUMN display_name TEXT;
ALTER TABLE audit_log ADD COLUMN exam_year INTEGER;
ALTER TABLE audit_log ADD COLUMN exam_number TEXT;
ALTER TABLE audit_log ADD COLUMN subject TEXT;
ALTER TABLE audit_log ADD COLUMN after_closing BOOLEAN;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN row_hash TEXT;

-- The secretary's formal acts (`vaststellen se|uitslag`). What they freeze is in
-- core/store/freeze.py; the act itself is also an audit row (audit_id), whose hash is the
-- head of the chain at that moment (head_hash, printed for the secretary to write down).
CREATE TABLE closings (
    exam_year  INTEGER NOT NULL,
    kind       TEXT NOT NULL,          -- se | uitslag
    period     INTEGER NOT NULL,       -- tijdvak for uitslag; 0 for se
    closed_at  TIMESTAMPTZ NOT NULL,
    actor      TEXT NOT NULL,
    reason     TEXT NOT NULL,
    audit_id   BIGINT NOT NULL,
    head_hash  TEXT NOT NULL,
    PRIMARY KEY (exam_year, kind, period)
);
