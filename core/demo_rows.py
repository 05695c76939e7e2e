"""The demo school's candidates and everything that hangs off them, one block at a time.

Why a module apart from `demo.py`: this is the part that grows with the school (about 250 rows
per candidate: subjects, SE results with make-ups and resits, CE scores, per-question scores
of two correctors). `demo.py` loads the small catalogue into temporary tables and calls
`candidate_rows` once per block of candidates, committing each block; the SQL here only
multiplies that catalogue out for candidates lo..hi-1, so no block depends on another and the
content does not depend on the size of the blocks.

Pseudo-randomness is the SQL macro `rnd(a, b, c)` that `demo.py` defines (equal to
`demo_catalog.mix`); grades are integer tenths turned into DECIMAL(3,1) by multiplying with
0.1, never divided in SQL.
"""

from __future__ import annotations

from . import demo_catalog as cat
from .store import Transaction

EXTRA_PERCENT = 6   # candidates who take an extra subject
# Titles of profielwerkstukken (havo/vwo): the official cijferlijst names the PWS by its title.
PWS_TITLES = (
    "Hoe duurzaam is de haven van Rotterdam?", "Muziek en concentratie bij het huiswerk",
    "De wiskunde van het knikkerspel", "Eiwitvouwing bij koudwatervissen",
    "Waterberging in de stad", "Sociale media en het zelfbeeld van jongeren",
    "De Watersnoodramp van 1953 in de herinnering", "Zonnepanelen op het schooldak: rendabel?",
    "Bitterzoet: suikerbieten in Groningen", "Het geheugen van bijen",
    "Meertaligheid in de klas", "Fietsverkeer en luchtkwaliteit",
    "Een eigen app voor het roosterbord", "De Gouden Eeuw in het stadsarchief",
    "Microplastics in de IJssel", "Kunstmatige intelligentie en het schoolexamen",
)


def candidate_rows(tx: Transaction, lo: int, hi: int, total: int) -> None:
    """Candidates lo..hi-1 and everything that hangs off them, set-based."""
    _who(tx, lo, hi, total)
    _school_exam(tx)
    _central_exam(tx)


def _who(tx: Transaction, lo: int, hi: int, total: int) -> None:
    """Candidates: track by quota, profile and package by weight, an 'ability' in tenths that
    their grades scatter around (a few excellent, a few weak), and their subjects."""
    year = cat.EXAM_YEAR
    tx.execute(f"""
        CREATE OR REPLACE TEMP TABLE d_cand AS
        WITH base AS (
            SELECT r.i AS idx, t.*, r.i - t.start_idx AS seq,
                   rnd(1, r.i, 0) AS r_profile, rnd(2, r.i, 0) AS r_variant,
                   rnd(3, r.i, 0) AS r_ability, rnd(4, r.i, 0) AS r_tail
            FROM range({lo}, {hi}) r(i)
            JOIN d_track t ON r.i >= t.start_idx AND r.i < t.start_idx + t.n
        )
        SELECT b.idx, b.tno, p.pno, b.r_variant % p.n_variants AS vno,
               b.exam_prefix || lpad(CAST(b.seq + 1 AS VARCHAR), b.width, '0') AS exam_number,
               b.school_type, b.track, b.variant, b.cohort, b.pta_type, b.seq, b.class_prefix,
               b.class_letter, b.born_from, p.profile, p.programme_code,
               least(96, 50 + b.r_ability % 13 + (b.r_ability >> 8) % 13
                         + (b.r_ability >> 16) % 13
                         + CASE WHEN b.r_tail % 100 < 5 THEN 12
                                WHEN b.r_tail % 100 >= 93 THEN -9 ELSE 0 END) AS ability,
               rnd(10, b.idx, 0) % 100 < {EXTRA_PERCENT} AS extra,
               rnd(31, b.idx, 0) % 40 = 0 OR b.idx = {total // 2} AS missing,
               rnd(30, b.idx, 0) % 150 = 0 OR b.idx = {total // 3} AS absent
        FROM base b
        JOIN d_profile p ON p.tno = b.tno AND b.r_profile % p.total >= p.lo
                        AND b.r_profile % p.total < p.hi
    """)
    tx.execute(f"""
        INSERT INTO candidates (exam_year, exam_number, student_number, last_name, name_prefix,
                                first_name, initials, gender, birth_date, school_type, track,
                                variant, programme_code, profile, class_name, cohort, facilities)
        SELECT {year}, c.exam_number,
               lpad(CAST(5000 + (c.idx * 7919 + rnd(5, 0, 0) % 1000) % 300000 AS VARCHAR),
                    6, '0'),
               l.surname, l.prefix, f.name,
               upper(left(f.name, 1)) || '.' || i.initial,
               CASE WHEN rnd(7, c.idx, 0) % 200 = 0 THEN 'X' ELSE f.gender END,
               c.born_from + CAST(rnd(8, c.idx, 0) % 365 AS INTEGER)
                   - CASE WHEN rnd(8, c.idx, 1) % 20 = 0 THEN 365 ELSE 0 END,
               c.school_type, c.track, c.variant, c.programme_code, c.profile,
               c.class_prefix
                   || CASE WHEN c.class_letter
                           THEN chr(CAST(97 + (c.seq // 28) % 26 AS INTEGER))
                           ELSE CAST(1 + c.seq // 28 AS VARCHAR) END,
               c.cohort,
               CASE WHEN rnd(9, c.idx, 0) % 12 = 0 THEN k.facility END
        FROM d_cand c
        JOIN d_first f ON f.fno = rnd(11, c.idx, 0) % {len(cat.FIRST_NAMES)}
        JOIN d_last l ON l.lno = rnd(12, c.idx, 0) % {len(cat.LAST_NAMES)}
        JOIN d_init i ON i.ino = rnd(13, c.idx, 0) % {len(cat.SECOND_INITIALS)}
        JOIN d_fac k ON k.kno = rnd(14, c.idx, 0) % {len(cat.FACILITIES)}
    """)
    titles = ", ".join("'" + t.replace("'", "''") + "'" for t in PWS_TITLES)
    tx.execute(f"""
        INSERT INTO pws_titles (exam_year, exam_number, title)
        SELECT {year}, c.exam_number,
               [{titles}][1 + CAST(rnd(15, c.idx, 0) % {len(PWS_TITLES)} AS INTEGER)]
        FROM d_cand c WHERE c.school_type IN ('havo', 'vwo')
    """)
    tx.execute("""
        CREATE OR REPLACE TEMP TABLE d_cs AS
        SELECT c.idx, c.exam_number, c.cohort, c.pta_type, c.ability, c.missing, c.absent,
               k.subject, k.sid, k.subject_code, k.name, k.exam_part, k.has_ce, k.ce_group,
               rnd(20, c.idx, k.sid) % 17 - 8 AS offset
        FROM d_cand c JOIN d_pkg k ON k.tno = c.tno AND k.pno = c.pno AND k.vno = c.vno
        WHERE k.exam_part <> 'extra' OR c.extra
    """)
    tx.execute(f"""
        INSERT INTO candidate_subjects (exam_year, exam_number, subject, subject_code, name,
                                        exam_part, has_ce)
        SELECT {year}, exam_number, subject, subject_code, name, exam_part, has_ce FROM d_cs
    """)


def _school_exam(tx: Transaction) -> None:
    """SE results for every PTA test, make-ups after a missed test, resits, a few gaps."""
    year = cat.EXAM_YEAR
    tx.execute("""
        CREATE OR REPLACE TEMP TABLE d_se AS
        SELECT s.idx, s.exam_number, s.subject, s.missing, p.test_code, p.tid, p.result_type,
               p.resit_allowed, p.taken_on, p.is_final,
               greatest(10, least(100, s.ability + s.offset
                                       + rnd(21, s.idx, p.tid) % 25 - 12)) AS g,
               rnd(22, s.idx, p.tid) % 80 = 0 AS skipped
        FROM d_cs s JOIN d_pta p ON p.cohort = s.cohort AND p.school_type = s.pta_type
                                AND p.subject = s.subject
    """)
    # a few candidates lack one final-year result: their uitslag cannot be decided yet
    tx.execute("""
        CREATE OR REPLACE TEMP TABLE d_gap AS
        SELECT idx, arg_min(tid, rnd(23, idx, tid) * 100000 + tid) AS tid
        FROM d_se WHERE missing AND is_final AND result_type = 'cijfer' GROUP BY idx
    """)
    grade = "CAST({g} * 0.1 AS DECIMAL(3,1))"
    assessment = ("CASE result_type WHEN 'voldaan' THEN 'voldaan' WHEN 'vog' THEN "
                  "CASE WHEN {g} >= 75 THEN 'goed' ELSE 'voldoende' END END")
    insert = """INSERT INTO se_results (exam_year, exam_number, subject, test_code, attempt, seq,
                                        grade, assessment, taken_on, status)"""
    tx.execute(f"""{insert}
        SELECT {year}, s.exam_number, s.subject, s.test_code, 'afname', 1,
               CASE WHEN NOT s.skipped AND s.result_type = 'cijfer'
                    THEN {grade.format(g="s.g")} END,
               CASE WHEN NOT s.skipped THEN {assessment.format(g="s.g")} END,
               s.taken_on, CASE WHEN s.skipped THEN 'niet_gemaakt' END
        FROM d_se s ANTI JOIN d_gap m ON m.idx = s.idx AND m.tid = s.tid
    """)
    # make-up (inhaal) two weeks after a missed test
    tx.execute(f"""{insert}
        SELECT {year}, s.exam_number, s.subject, s.test_code, 'inhaal', 1,
               CASE WHEN s.result_type = 'cijfer' THEN {grade.format(g="s.g")} END,
               {assessment.format(g="s.g")}, s.taken_on + 14, NULL
        FROM d_se s ANTI JOIN d_gap m ON m.idx = s.idx AND m.tid = s.tid
        WHERE s.skipped
    """)
    # resits (herkansing): at most two per candidate, of the lowest resittable grades, done
    # before the SE deadline; the resit can also turn out lower
    resit = "greatest(10, least(100, g - 4 + rnd(25, idx, tid) % 24))"
    tx.execute(f"""{insert}
        SELECT {year}, exam_number, subject, test_code, 'herkansing', 1, {grade.format(g=resit)},
               NULL, least(taken_on + 35, DATE '{year}-04-25'), NULL
        FROM (
            SELECT s.*, row_number() OVER (PARTITION BY s.idx ORDER BY s.g, s.tid) AS rn
            FROM d_se s ANTI JOIN d_gap m ON m.idx = s.idx AND m.tid = s.tid
            WHERE s.resit_allowed AND s.result_type = 'cijfer' AND s.g < 55 AND NOT s.skipped
        ) WHERE rn <= 2 AND rnd(24, idx, tid) % 4 <> 0
    """)


def _central_exam(tx: Transaction) -> None:
    """CE scores (tijdvak 1, a few absent, some resits in tijdvak 2) and per-question scores."""
    year = cat.EXAM_YEAR
    # pct: share of the scale length scored; with N around 1 the CE grade lands near 'ability'
    tx.execute("""
        CREATE OR REPLACE TEMP TABLE d_ce AS
        SELECT s.idx, s.exam_number, s.subject, s.sid, s.subject_code, s.absent,
               e1.nex_no AS nex1, e1.nex_id AS nex_id1, e1.scale_length AS len1,
               e2.nex_no AS nex2, e2.nex_id AS nex_id2, e2.scale_length AS len2,
               greatest(2, least(99, (s.ability + s.offset + rnd(26, s.idx, s.sid) % 21 - 20)
                                     * 100 // 90)) AS pct
        FROM d_cs s
        JOIN d_exam e1 ON e1.grp = s.ce_group AND e1.subject = s.subject AND e1.period = 1
        LEFT JOIN d_exam e2 ON e2.grp = s.ce_group AND e2.subject = s.subject AND e2.period = 2
        WHERE s.has_ce
    """)
    # absent in tijdvak 1 (a subject with a tijdvak-2 exam, sat there); the weakest subject
    # resat in tijdvak 2 by some candidates
    tx.execute("""
        CREATE OR REPLACE TEMP TABLE d_ce_pick AS
        SELECT idx,
               arg_min(sid, rnd(27, idx, sid) * 1000 + sid) FILTER (WHERE absent) AS absent_sid,
               arg_min(sid, pct * 1000 + sid) AS weakest_sid, min(pct) AS weakest_pct
        FROM d_ce WHERE nex2 IS NOT NULL GROUP BY idx
    """)
    tx.execute("""
        CREATE OR REPLACE TEMP TABLE d_ce_rows AS
        SELECT c.idx, c.exam_number, c.subject, c.subject_code, 1 AS period, c.nex1 AS nex_no,
               c.nex_id1 AS nex_id, c.len1 AS len,
               CASE WHEN p.absent_sid = c.sid THEN NULL ELSE c.len1 * c.pct // 100 END AS score,
               CASE WHEN p.absent_sid = c.sid THEN 'afwezig' END AS status
        FROM d_ce c LEFT JOIN d_ce_pick p ON p.idx = c.idx
        UNION ALL
        SELECT c.idx, c.exam_number, c.subject, c.subject_code, 2, c.nex2, c.nex_id2, c.len2,
               c.len2 * CASE WHEN p.absent_sid = c.sid THEN c.pct
                             ELSE least(99, c.pct + 5 + rnd(28, c.idx, c.sid) % 20) END // 100,
               NULL
        FROM d_ce c JOIN d_ce_pick p ON p.idx = c.idx
        WHERE p.absent_sid = c.sid
           OR (p.weakest_sid = c.sid AND p.weakest_pct < 45 AND rnd(29, c.idx, 0) % 3 <> 0)
    """)
    tx.execute(f"""
        INSERT INTO ce_scores (exam_year, period, exam_number, subject, subject_code, nex_id,
                               score, status, direct_grade)
        SELECT {year}, period, exam_number, subject, subject_code, nex_id, score, status, NULL
        FROM d_ce_rows
    """)
    # per-question scores: the total spread over the questions in proportion to their maximum
    # (cumulative rounding with a per-candidate offset, so the sum is exact), then points moved
    # within pairs of questions; two correctors who now and then differ by one point
    own = "(r.score * q.{cur} + r.off) // r.len - (r.score * q.{prev} + r.off) // r.len"
    tx.execute(f"""
        INSERT INTO ce_item_scores (exam_year, period, nex_id, exam_number, question, max_score,
                                    score_c1, score_c2, score_final)
        WITH sat AS (
            SELECT *, rnd(40, idx, nex_no) % len AS off FROM d_ce_rows WHERE score IS NOT NULL
        ), parts AS (
            SELECT r.idx, r.exam_number, r.period, r.nex_id, r.nex_no, q.question, q.max_score,
                   q.role, q.pair, q.p_max,
                   {own.format(cur="c_cur", prev="c_prev")} AS own,
                   {own.format(cur="p_cur", prev="p_prev")} AS other
            FROM sat r JOIN d_q q ON q.nex_no = r.nex_no
        ), paired AS (
            SELECT *,
                   CASE role WHEN 0 THEN own ELSE other END AS a,
                   CASE role WHEN 0 THEN other ELSE own END AS b,
                   CASE role WHEN 0 THEN max_score ELSE p_max END AS max_a,
                   CASE role WHEN 0 THEN p_max ELSE max_score END AS max_b
            FROM parts
        ), moved AS (
            SELECT *,
                   CASE WHEN role = 2 THEN 0 ELSE
                       -least(a, max_b - b)
                       + rnd(41, idx, nex_no * 64 + pair)
                         % (least(b, max_a - a) + least(a, max_b - b) + 1) END AS t
            FROM paired
        ), final AS (
            SELECT *, own + CASE role WHEN 0 THEN t WHEN 1 THEN -t ELSE 0 END AS fin FROM moved
        )
        SELECT {year}, period, nex_id, exam_number, CAST(question AS VARCHAR), max_score,
               fin + CASE WHEN rnd(42, idx, nex_no * 64 + question) % 23 = 0
                          THEN CASE WHEN fin < max_score THEN 1 ELSE -1 END ELSE 0 END,
               fin + CASE WHEN rnd(43, idx, nex_no * 64 + question) % 29 = 0
                          THEN CASE WHEN fin > 0 THEN -1 ELSE 1 END ELSE 0 END,
               fin
        FROM final
    """)
