"""Reading a batch of candidates from the store: everything their results need, set-based.

Why it looks like this: results day is the moment the uitslag must be both right and quick,
for one school or for a national benchmark, so a handful of set-based queries read everything
for thousands of candidates at once (never one query per candidate). Grades leave DuckDB as
whole numbers: the SE weighted sums are added up in SQL as integers (grade in tenths times
weight in thousandths), CE grades received directly and N-terms as tenths. DuckDB's `/` on a
DECIMAL gives a DOUBLE, so nothing is ever divided here; `examenbureau.core.grades` rounds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any


def where_clause(exam_year: int | None, exam_numbers: Sequence[str] | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if exam_year is not None:
        clauses.append("exam_year = ?")
        params.append(int(exam_year))
    if exam_numbers is not None:
        clauses.append(numbers_filter(len(exam_numbers)))
        params.append([str(n) for n in exam_numbers])
    return (" AND ".join(clauses) or "TRUE"), params


# Up to this many exam numbers, a filter tests each row against the list itself: for the few
# candidates of a change (an N-term, one grade) that is half the cost of a join with the
# unnested list, which a query of thousands of candidates needs (a list test per row is linear
# in the list).
SMALL_SELECTION = 500


def numbers_filter(count: int) -> str:
    """The condition "exam_number is one of the list parameter", cheapest for `count` numbers."""
    if count <= SMALL_SELECTION:
        return "list_contains(?::VARCHAR[], exam_number)"
    return "exam_number IN (SELECT UNNEST(?::VARCHAR[]))"


def _cand_cte(where: str) -> str:
    return (
        "WITH cand AS (SELECT exam_year, exam_number, cohort, school_type,"
        " lower(coalesce(track, '')) AS track FROM candidates WHERE " + where + ")"
    )


_ASSESSMENT_RANK = (
    "CASE lower(trim(r.assessment)) WHEN 'goed' THEN 3 WHEN 'g' THEN 3 WHEN 'voldoende' THEN 2"
    " WHEN 'v' THEN 2 WHEN 'voldaan' THEN 2 WHEN 'onvoldoende' THEN 1 WHEN 'o' THEN 1"
    " WHEN 'onvoldaan' THEN 1 WHEN 'niet voldaan' THEN 1 END"
)

# Which attempt of a test counts, as one sortable integer for arg_max (a window function over
# millions of rows is slower): the best result ("hoogste": grade, then judgement; on a tie the
# earliest kind of attempt), or the last one taken ("laatste": date, then afname < inhaal <
# herkansing, then sequence number). An attempt without a result never counts.
_KEY = {
    "hoogste": "(coalesce(CAST(r.grade * 10 AS BIGINT), -1) + 1) * 100000"
               " + coalesce(ass, 0) * 10000 - arank * 1000 - least(r.seq, 999)",
    "laatste": "coalesce(CAST(date_diff('day', DATE '1900-01-01', r.taken_on) AS BIGINT), -1)"
               " * 100000 + arank * 1000 + least(r.seq, 999)",
}

# Every SE result of the batch's candidates with its judgement ranked (`ass`) and its kind of
# attempt ranked (`arank`), for the key that picks the counting attempt; shared by both queries.
_RES_CTE = """res AS (
    SELECT r.exam_year, r.exam_number, r.subject, r.test_code, r.attempt, r.seq, r.grade,
           r.taken_on, lower(coalesce(r.status, '')) AS status, {rank} AS ass,
           CASE lower(r.attempt) WHEN 'afname' THEN 1 WHEN 'inhaal' THEN 2
                WHEN 'herkansing' THEN 3 ELSE 4 END AS arank
    FROM se_results r
    SEMI JOIN cand c ON c.exam_year = r.exam_year AND c.exam_number = r.exam_number
    {where}
)"""

_SE_SQL = """
, combos AS (SELECT DISTINCT cohort, school_type, track FROM cand),
pta AS (   -- the PTA that applies to each (cohort, school type, leerweg); the most specific wins
    SELECT c.cohort, c.school_type AS cst, c.track AS ctr, p.subject, p.test_code, p.weight,
           p.description, lower(coalesce(p.result_type, 'cijfer')) AS rt,
           lower(coalesce(p.kind, '')) AS kind
    FROM combos c
    JOIN pta_items p ON p.cohort = c.cohort
     AND (lower(p.school_type) = lower(c.school_type)
          OR lower(p.school_type) = lower(c.school_type) || '-' || c.track
          OR lower(p.school_type) = c.track)
    QUALIFY row_number() OVER (PARTITION BY c.cohort, c.school_type, c.track, p.subject,
                               p.test_code ORDER BY length(p.school_type) DESC) = 1
), items AS (
    SELECT cs.exam_year, cs.exam_number, cs.subject, p.test_code, p.weight, p.description,
           (p.rt = 'cijfer' AND p.kind <> 'handelingsdeel') AS numeric
    FROM candidate_subjects cs
    JOIN cand c ON c.exam_year = cs.exam_year AND c.exam_number = cs.exam_number
    JOIN pta p ON p.cohort = c.cohort AND p.cst = c.school_type AND p.ctr = c.track
     AND p.subject = cs.subject
), {res}, counted AS (
    SELECT exam_year, exam_number, subject, test_code,
           bool_or(status = 'vrijstelling') AS exempt,
           arg_max({{'grade': r.grade, 'ass': ass, 'attempt': r.attempt, 'seq': r.seq}}, {key})
               FILTER (WHERE (r.grade IS NOT NULL OR ass IS NOT NULL)
                       AND status <> 'vrijstelling') AS k
    FROM res r
    GROUP BY exam_year, exam_number, subject, test_code
), marked AS (
    SELECT i.exam_year, i.exam_number, i.subject, i.test_code, i.weight, i.description,
           i.numeric, coalesce(k.exempt, false) AS exempt, k.k.grade AS grade, k.k.ass AS ass,
           k.k.attempt AS attempt, k.k.seq AS seq
    FROM items i
    LEFT JOIN counted k ON k.exam_year = i.exam_year AND k.exam_number = i.exam_number
         AND k.subject = i.subject AND k.test_code = i.test_code
)
SELECT exam_year, exam_number, subject,
    sum(CASE WHEN numeric AND weight > 0 AND NOT exempt AND grade IS NOT NULL
             THEN CAST(grade * 10 AS BIGINT) * CAST(weight * 1000 AS BIGINT) END) AS num,
    sum(CASE WHEN numeric AND weight > 0 AND NOT exempt AND grade IS NOT NULL
             THEN CAST(weight * 1000 AS BIGINT) END) AS den,
    count(CASE WHEN numeric AND weight > 0 AND NOT exempt THEN 1 END) AS n_numeric,
    string_agg(CASE WHEN numeric AND weight > 0 AND NOT exempt AND grade IS NULL
                    THEN test_code || chr(31) || coalesce(description, '') END, chr(30))
        AS numeric_missing,
    count(CASE WHEN NOT numeric AND NOT exempt THEN 1 END) AS n_tasks,
    string_agg(CASE WHEN NOT numeric AND NOT exempt
                         AND NOT (coalesce(ass, 0) >= 2 OR (ass IS NULL AND grade IS NOT NULL))
                    THEN test_code || chr(31) || coalesce(description, '') || chr(31)
                         || coalesce(CAST(ass AS VARCHAR), '') END, chr(30)) AS tasks_open,
    min(CASE WHEN NOT numeric AND NOT exempt THEN coalesce(ass, 0) END) AS ass_min,
    bool_and(CASE WHEN NOT numeric AND NOT exempt THEN coalesce(ass, 0) = 3 END) AS ass_all_good,
    -- which attempt of each test counted, already as the JSON list `uitslag` prints: a
    -- listing without arithmetic, made where the rows are (millions in a national run);
    -- one to_json of a list is cheaper than gluing text per row. list_sort orders the
    -- structs field by field (test, attempt, sequence number; none is NULL here), the order
    -- an ORDER BY inside the aggregate gave at a third more cost (a sort per group)
    CAST(to_json(list_sort(list({{'toets': test_code, 'poging': attempt, 'volgnummer': seq}})
                           FILTER (WHERE attempt IS NOT NULL))) AS VARCHAR) AS attempts
FROM marked
GROUP BY exam_year, exam_number, subject
"""

# Assessment subjects (lo, kv1, vmbo pws) whose results are kept without PTA items.
_FREE_ASSESSMENT_SQL = """
, {res}, counted AS (
    SELECT exam_year, exam_number, subject, test_code,
           arg_max(ass, {key}) FILTER (WHERE status <> 'vrijstelling' AND ass IS NOT NULL) AS ass
    FROM res r
    GROUP BY exam_year, exam_number, subject, test_code
)
SELECT exam_year, exam_number, subject, min(ass), bool_and(ass = 3)
FROM counted WHERE ass IS NOT NULL GROUP BY exam_year, exam_number, subject
"""


def _res(where: str) -> str:
    return _RES_CTE.format(rank=_ASSESSMENT_RANK, where=where)


def read_batch(store: Any, exam_year: int | None, exam_numbers: Sequence[str] | None,
               attempt_policy: str) -> dict[str, Any]:
    """Everything the computation needs, in five queries on one short read connection."""
    with store.read() as con:
        return read_batch_on(con, exam_year, exam_numbers, attempt_policy)


def read_batch_on(con: Any, exam_year: int | None, exam_numbers: Sequence[str] | None,
                  attempt_policy: str) -> dict[str, Any]:
    """`read_batch` on a connection the caller holds (with other reads in the same state)."""
    where, params = where_clause(exam_year, exam_numbers)
    cte = _cand_cte(where)
    key = _KEY[attempt_policy]
    candidates = con.execute(
        "SELECT exam_year, exam_number, last_name, name_prefix, first_name, initials,"
        " school_type, track, variant, programme_code, profile, class_name, cohort"
        " FROM candidates WHERE " + where + " ORDER BY exam_year, exam_number", params,
    ).fetchall()
    # each result is turned into its lookup table at once, so a national run never holds
    # the fetched rows and the tables side by side
    by_cand: dict[tuple[int, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in con.execute(
        cte + " SELECT cs.exam_year, cs.exam_number, cs.subject, cs.subject_code, cs.name,"
        " cs.exam_part, cs.has_ce FROM candidate_subjects cs"
        " SEMI JOIN cand c ON c.exam_year = cs.exam_year AND c.exam_number = cs.exam_number"
        " ORDER BY cs.exam_year, cs.exam_number, cs.subject", params,
    ).fetchall():
        by_cand[(row[0], row[1])].append(row)
    # (exam_year, exam_number, subject) -> the aggregate columns, unpacked by _SeAggregate
    se = {(r[0], r[1], r[2]): r[3:] for r in con.execute(
        cte + _SE_SQL.format(res=_res(""), key=key), params).fetchall()}
    free = {(y, n, s): (m, g) for y, n, s, m, g in con.execute(
        cte + _FREE_ASSESSMENT_SQL.format(res=_res("WHERE r.assessment IS NOT NULL"), key=key),
        params
    ).fetchall()}
    ce: dict[tuple[int, str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for y, n, subj, period, nex, score, status, direct in con.execute(
        cte + " SELECT s.exam_year, s.exam_number, s.subject, s.period, s.nex_id, s.score,"
        " lower(coalesce(s.status, '')), CAST(s.direct_grade * 10 AS INTEGER) FROM ce_scores s"
        " SEMI JOIN cand c ON c.exam_year = s.exam_year AND c.exam_number = s.exam_number",
        params,
    ).fetchall():
        ce[(y, n, subj)].append((period, nex, score, status, direct))
    exams = con.execute(
        cte + " SELECT exam_year, nex_id, school_type, track, subject, period, description,"
        " scale_length, CAST(n_term * 10 AS INTEGER) FROM ce_exams"
        " WHERE exam_year IN (SELECT DISTINCT exam_year FROM cand)", params,
    ).fetchall()
    optional = con.execute(
        "SELECT key, value FROM settings WHERE key LIKE 'combinatiecijfer.%'").fetchall()

    exam_by_nex = {(e[0], e[1]): e for e in exams}
    exam_by_subject: dict[tuple[int, str, int], list[tuple[Any, ...]]] = defaultdict(list)
    for e in exams:
        exam_by_subject[(e[0], e[4], e[5])].append(e)
    return {
        "candidates": candidates, "subjects": by_cand, "se": se, "free": free, "ce": ce,
        "exam_by_nex": exam_by_nex, "exam_by_subject": exam_by_subject,
        "optional": {k.split(".", 1)[1]: v for k, v in optional},
    }



# The SE attempt policies a pack may choose (`se_attempt`).
ATTEMPT_POLICIES = frozenset(_KEY)

__all__ = ["ATTEMPT_POLICIES", "numbers_filter", "read_batch", "read_batch_on", "where_clause"]
