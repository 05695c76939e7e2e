-- examenbureau schema, version 5: the title of each candidate's profielwerkstuk (issue 9).
-- The official cijferlijst names the PWS by its title (havo/vwo; vmbo has one too). A table of
-- its own and not a column of candidates: the title is often known months after the
-- candidate was registered, comes from another person (the PWS coordinator) in a file of its
-- own (import kind `pws`), and a candidates file without titles must never erase them. Keyed
-- like candidates, audited row by row (core/store/tables.KEYS: `audit verify` covers it).
CREATE TABLE IF NOT EXISTS pws_titles (
    exam_year   INTEGER NOT NULL,
    exam_number TEXT NOT NULL,
    title       TEXT NOT NULL,
    row_version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (exam_year, exam_number)
);
