-- examenbureau schema, version 3: what a rule pack's own decisions need (issue 8).
-- Resit requests with their decision and reasons, forfeited resits, absences and late
-- arrivals with the facts a pack weighs, and pupils of the years before the exam year with
-- their year grades (promotion). Grades DECIMAL(3,1); keys from outside stay TEXT.

-- A resit request: who (exam_year + exam_number), what (kind, subject, test), when it was
-- asked (requested_at: a CE request has a deadline to the hour), and the decision with the
-- pack that made it and its reasons (JSON list of Reason.as_json()).
ALTER TABLE resit_requests ADD COLUMN leerjaar INTEGER;
ALTER TABLE resit_requests ADD COLUMN test_period INTEGER;
ALTER TABLE resit_requests ADD COLUMN early BOOLEAN;
ALTER TABLE resit_requests ADD COLUMN requested_at TIMESTAMP;
ALTER TABLE resit_requests ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE resit_requests ADD COLUMN pack TEXT;
ALTER TABLE resit_requests ADD COLUMN reasons TEXT;

-- A resit right lost (algemeen PTA Quadraam 4.9.10-4.9.14): in which school year and SE
-- period, and why (absent_zonder_geldige_reden | te_laat_ingeleverd | lessen_verzuimd |
-- aanvraag_te_laat | afwezig_bij_herkansing).
CREATE SEQUENCE resit_forfeit_id START 1;
CREATE TABLE resit_forfeits (
    id          BIGINT PRIMARY KEY DEFAULT nextval('resit_forfeit_id'),
    exam_year   INTEGER NOT NULL,
    exam_number TEXT NOT NULL,
    leerjaar    INTEGER,
    period      INTEGER,
    reason      TEXT NOT NULL,
    lessons     INTEGER,              -- lessen_verzuimd: how many lessons
    subject     TEXT,
    test_code   TEXT,
    noted_on    DATE,
    note        TEXT,
    row_version INTEGER NOT NULL DEFAULT 1
);

-- Absences and late arrivals carry what the rules weigh: which test, whether the reason was
-- valid and reported beforehand (OZHW art. 21 lid 3, Quadraam bijlage 2), the SE period.
ALTER TABLE incidents ADD COLUMN subject TEXT;
ALTER TABLE incidents ADD COLUMN test_code TEXT;
ALTER TABLE incidents ADD COLUMN period INTEGER;
ALTER TABLE incidents ADD COLUMN valid_reason BOOLEAN;
ALTER TABLE incidents ADD COLUMN reported BOOLEAN;

-- Pupils of a year before the exam year and their year grades (import kind `year-grades`).
-- school_year is the calendar year in which the school year ends (2025 = 2024-2025). The
-- pupil's facts repeat on each of his rows, as the school's file has them; the import checks
-- they agree. grade: the year grade with one decimal; assessment: lo (voldoende/goed/...).
CREATE TABLE year_grades (
    school_year    INTEGER NOT NULL,
    student_number TEXT NOT NULL,
    subject        TEXT NOT NULL,
    last_name      TEXT,
    name_prefix    TEXT,
    first_name     TEXT,
    school_type    TEXT NOT NULL,     -- vwo | havo | vmbo
    track          TEXT,              -- vmbo: bb | kb | gl | tl
    leerjaar       INTEGER NOT NULL,
    class_name     TEXT,
    grade          DECIMAL(3,1),
    assessment     TEXT,
    pta_complete   BOOLEAN,           -- all PTA parts and handelingsdelen of the year done
    row_version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (school_year, student_number, subject)
);
