-- examenbureau schema, version 1.
-- Keys from outside (exam numbers, subject codes, NEX-IDs) are TEXT, kept as given.
-- Grades are DECIMAL(3,1) (one decimal, 1.0-10.0); N-terms DECIMAL(3,1); weights DECIMAL(9,3).
-- Every mutable row carries row_version so a concurrent edit of the same value is detected.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT,
    row_version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE candidates (
    exam_year      INTEGER NOT NULL,
    exam_number    TEXT NOT NULL,
    student_number TEXT,
    last_name      TEXT NOT NULL,
    name_prefix    TEXT,              -- tussenvoegsel
    first_name     TEXT,              -- roepnaam
    initials       TEXT,
    gender         TEXT,
    birth_date     DATE,
    school_type    TEXT NOT NULL,     -- vwo | havo | vmbo
    track          TEXT,              -- leerweg: bb | kb | gl | tl (vmbo only)
    variant        TEXT,              -- atheneum | gymnasium (vwo only)
    programme_code TEXT,              -- opleidingscode
    profile        TEXT,              -- profiel (NT, NG, EM, CM; vmbo: profielvak code)
    class_name     TEXT,
    cohort         TEXT,
    facilities     TEXT,
    row_version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, exam_number)
);

CREATE TABLE candidate_subjects (
    exam_year    INTEGER NOT NULL,
    exam_number  TEXT NOT NULL,
    subject      TEXT NOT NULL,       -- DUO abbreviation (netl, wisB, ne, pws): unique per candidate
    subject_code TEXT,                -- DUO vakcode with leading zeros; pws has none
    name         TEXT,
    exam_part    TEXT,                -- gemeenschappelijk | profiel | profielkeuze | vrij | extra | ...
    has_ce       BOOLEAN,             -- NULL: not stated in the source
    row_version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, exam_number, subject)
);

CREATE TABLE pta_items (
    cohort        TEXT NOT NULL,
    school_type   TEXT NOT NULL,
    subject       TEXT NOT NULL,
    test_code     TEXT NOT NULL,
    subject_code  TEXT,
    description   TEXT,
    year_of_study INTEGER,
    period        INTEGER,
    kind          TEXT,               -- schriftelijk | mondeling | praktische opdracht | handelingsdeel | profielwerkstuk
    weight        DECIMAL(9,3) NOT NULL,
    resit_allowed BOOLEAN,
    result_type   TEXT NOT NULL,      -- cijfer | voldaan | vog
    domains       TEXT,
    duration_min  INTEGER,
    row_version   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (cohort, school_type, subject, test_code)
);

CREATE TABLE se_results (
    exam_year    INTEGER NOT NULL,
    exam_number  TEXT NOT NULL,
    subject      TEXT NOT NULL,
    test_code    TEXT NOT NULL,
    attempt      TEXT NOT NULL,       -- afname | inhaal | herkansing
    seq          INTEGER NOT NULL DEFAULT 1,  -- second resit of the same kind, if a pack allows it
    grade        DECIMAL(3,1),        -- numeric result
    assessment   TEXT,                -- voldaan | onvoldaan | goed | voldoende | onvoldoende
    taken_on     DATE,
    status       TEXT,                -- NULL | niet_gemaakt | vrijstelling | onregelmatigheid
    row_version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, exam_number, subject, test_code, attempt, seq)
);

CREATE TABLE ce_exams (
    exam_year    INTEGER NOT NULL,
    nex_id       TEXT NOT NULL,
    school_type  TEXT NOT NULL,
    track        TEXT,
    subject_code TEXT,
    subject      TEXT NOT NULL,
    period       INTEGER NOT NULL,    -- tijdvak 1, 2, 3
    description  TEXT,
    exam_date    DATE,
    start_time   TEXT,
    end_time     TEXT,
    scale_length INTEGER,             -- L; NULL until published
    n_term       DECIMAL(3,1),        -- N; NULL until published, never defaulted
    source       TEXT,
    row_version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, nex_id)
);

CREATE TABLE ce_scores (
    exam_year    INTEGER NOT NULL,
    period       INTEGER NOT NULL,
    exam_number  TEXT NOT NULL,
    subject      TEXT NOT NULL,
    subject_code TEXT,
    nex_id       TEXT,
    score        INTEGER,             -- total raw score S
    status       TEXT,                -- NULL | afwezig | onregelmatigheid | vrijstelling
    direct_grade DECIMAL(3,1),        -- grade received directly (e.g. third period, paper exam)
    row_version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, period, exam_number, subject)
);

CREATE TABLE ce_item_scores (
    exam_year    INTEGER NOT NULL,
    period       INTEGER NOT NULL,
    nex_id       TEXT NOT NULL,
    exam_number  TEXT NOT NULL,
    question     TEXT NOT NULL,
    max_score    INTEGER NOT NULL,
    score_c1     INTEGER,             -- first corrector (examinator)
    score_c2     INTEGER,             -- second corrector (gecommitteerde)
    score_final  INTEGER,             -- definitive score
    row_version  INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, nex_id, exam_number, question)
);

-- CvTE decision to award points for a question to every candidate (CvTE regeling art. 10).
CREATE TABLE ce_question_awards (
    exam_year   INTEGER NOT NULL,
    nex_id      TEXT NOT NULL,
    question    TEXT NOT NULL,
    points      INTEGER NOT NULL,
    decided_on  DATE,
    reason      TEXT,
    applied_at  TIMESTAMP,
    row_version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, nex_id, question)
);

CREATE SEQUENCE resit_request_id START 1;
CREATE TABLE resit_requests (
    id           BIGINT PRIMARY KEY DEFAULT nextval('resit_request_id'),
    exam_year    INTEGER NOT NULL,
    exam_number  TEXT NOT NULL,
    kind         TEXT NOT NULL,       -- se | ce
    subject      TEXT NOT NULL,
    test_code    TEXT,                -- SE resit: which PTA test
    period       INTEGER,             -- CE resit: tijdvak
    requested_on DATE,
    status       TEXT NOT NULL DEFAULT 'aangevraagd',  -- aangevraagd | toegekend | afgewezen | vervallen
    decision     TEXT,
    row_version  INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE sitting_id START 1;
CREATE TABLE sittings (
    id          BIGINT PRIMARY KEY DEFAULT nextval('sitting_id'),
    exam_year   INTEGER NOT NULL,
    kind        TEXT NOT NULL,        -- ce | se
    nex_id      TEXT,
    subject     TEXT NOT NULL,
    test_code   TEXT,
    sitting_date DATE NOT NULL,
    start_time  TEXT NOT NULL,
    end_time    TEXT,
    room        TEXT,
    row_version INTEGER NOT NULL DEFAULT 1
);

CREATE SEQUENCE incident_id START 1;
CREATE TABLE incidents (
    id           BIGINT PRIMARY KEY DEFAULT nextval('incident_id'),
    sitting_id   BIGINT,
    exam_year    INTEGER NOT NULL,
    exam_number  TEXT NOT NULL,
    kind         TEXT NOT NULL,       -- te_laat | afwezig | onregelmatigheid | overig
    occurred_at  TIMESTAMP,
    minutes_late INTEGER,
    note         TEXT,
    decision     TEXT,
    row_version  INTEGER NOT NULL DEFAULT 1
);

-- Append-only: the store API never updates or deletes here.
CREATE SEQUENCE audit_id START 1;
CREATE TABLE audit_log (
    id         BIGINT PRIMARY KEY DEFAULT nextval('audit_id'),
    changed_at TIMESTAMP NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,         -- insert | update | delete | import | demo | migrate | ...
    table_name TEXT,
    row_key    TEXT,
    field      TEXT,
    old_value  TEXT,
    new_value  TEXT,
    reason     TEXT,
    source     TEXT                   -- file name, command or screen the change came from
);
