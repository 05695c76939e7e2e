"""Every candidate's results, computed from the stored facts and the school's rule pack.

Why it looks like this: the uitslag is a pure function of what the store holds (docs/design.md,
"nothing computed is the source of truth"), and results day is the moment it must be both
right and quick, for one school or for a national benchmark of ~200,000 candidates. So:

* a handful of set-based queries read everything for all candidates at once (never one query
  per candidate); the SE weighted sums are added up in SQL as integers (grade in tenths times
  weight in thousandths), which is exact, and divided in Python as a Fraction;
* every grade is a Decimal or int; rounding is only ever done by `examenbureau.core.grades`;
* what a subject IS in the exam (kernvak, part, combination) comes from the composition rules
  (`examenbureau.core.composition`), not from the school's labels;
* the decision itself is the rules engine's (`examenbureau.core.rules.evaluate("outcome")`);
* a fact that is not there (an N-term, an SE result, a CE score) is never guessed: the
  candidate's result is "nog niet te bepalen" (passed None) with every missing item named.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from . import composition, grades, pack_facts
from .hookspecs import SchoolRule
from .packs import STATUTORY
from .reasons import Missing, Reason
from .rules.answers import Advice, CeAverage, Needed

__all__ = ["CandidateResult", "SubjectResult", "compute_results", "iter_results", "se_attempt_policy"]

DEFAULT_PACK = STATUTORY
ASSESSMENT_NAMES = {"lo": "lichamelijke opvoeding", "kv1": "kunstvakken (inclusief ckv)",
                    "pws": "het profielwerkstuk", "msst": "de maatschappelijke stage"}
_ASSESSMENT_KEY = {"lo": "lo", "kv1": "kunstvakken", "pws": "pws"}   # calc `outcome` fields
_PROGRESS_EVERY = 500
# Candidates read from the store at once: a large school's worth (see iter_results).
BATCH = 5000


# ------------------------------------------------------------------------------------------
# Result types
# ------------------------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    """JSON-safe without floats: Decimal as text with a point, Fraction as "p/q"."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


@attrs.define
class SubjectResult:
    """One subject of one candidate: SE, CE per tijdvak, final grade, and what is missing."""

    subject: str                                   # abbreviation as stored (netl, wisB, ne)
    subject_code: str | None                       # DUO vakcode with leading zeros
    name: str | None
    has_ce: bool
    se_grade: Decimal | None = None                # one decimal; whole for SE-only subjects
    se_exact: Fraction | None = None               # the unrounded weighted mean of the PTA
    ce_grades: dict[int, Decimal | None] = attrs.field(factory=dict)   # per tijdvak
    ce_grade: Decimal | None = None                # the highest counts (Uvb 3.39)
    final_grade: int | None = None
    assessment: str | None = None                  # goed | voldoende | onvoldoende (lo, kv1, pws)
    missing: list[Missing] = attrs.field(factory=list)
    # which attempt of each PTA test counted, packed as the query returns it (parsed on use:
    # a national run has millions of them and most are never looked at); see `attempts`
    attempts_text: str | None = attrs.field(default=None, repr=False)
    part: str | None = None                        # gd | pd | vd | extra (from the composition)
    kernvak: bool = False
    in_combination: bool = False
    combination_weight: int = 0
    counts: bool = True                            # takes part in the uitslag (not msst/rekenen)

    @property
    def attempts(self) -> list[tuple[str, str, int]]:
        """(toets, poging, volgnummer) of every PTA test whose result counted, by test code."""
        return sorted((t, a, int(n)) for t, a, n in _split(self.attempts_text, 3))

    def as_json(self) -> dict[str, Any]:
        return {
            "vak": self.subject,
            "vakcode": self.subject_code,
            "naam": self.name,
            "centraal_examen": self.has_ce,
            "examendeel": self.part,
            "kernvak": self.kernvak,
            "in_combinatie": self.in_combination,
            "se_cijfer": _plain(self.se_grade),
            "se_exact": _plain(self.se_exact),
            "ce_cijfers": {str(p): _plain(g) for p, g in sorted(self.ce_grades.items())},
            "ce_cijfer": _plain(self.ce_grade),
            "eindcijfer": self.final_grade,
            "beoordeling": self.assessment,
            "pogingen": [{"toets": t, "poging": a, "volgnummer": s} for t, a, s in self.attempts],
            "ontbreekt": [m.as_json() for m in self.missing],
        }


@attrs.define
class CandidateResult:
    """The uitslag of one candidate with everything it was based on."""

    exam_year: int
    exam_number: str
    display_name: str                               # "Chloë van Voorbeeld"
    sort_name: str                                  # "Voorbeeld, Chloë van"
    school_type: str | None
    track: str | None
    variant: str | None
    profile: str | None
    class_name: str | None
    subjects: list[SubjectResult] = attrs.field(factory=list)
    combination_grade: int | None = None
    passed: bool | None = None                      # None: nog niet te bepalen
    cum_laude: bool | None = None
    reasons: list[Reason] = attrs.field(factory=list)
    missing: list[Missing] = attrs.field(factory=list)
    dropped: list[str] = attrs.field(factory=list)
    level: str | None = None                        # vwo, havo, vmbo-gt, vmbo-kb, vmbo-bb
    leerweg: str | None = None                      # vmbo-gt: gl | tl (as the composition read it)
    composition: composition.CompositionResult | None = None
    ce_average: CeAverage | None = None             # the CE grades the decision counted
    cum_laude_reasons: list[Reason] = attrs.field(factory=list)
    # The engine's resit advice for this candidate (art. 3.38-3.39): which single CE resit makes
    # a failed candidate pass, or could still bring cum laude. Only asked for (`advice=True`): a
    # secretary opening one candidate needs it, a national run does not.
    advice: Advice | None = None
    # For a candidate whose only gaps are CE grades still to come: per open subject the lowest
    # CE grade (and score, when L and N are known) that still lets them pass (engine's `needed`).
    needed: Needed | None = None
    notes: list[Reason] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)
    pack: str = DEFAULT_PACK
    # A board's own cum laude rule next to the law's (calc `school_rule`)
    school_rule: SchoolRule | None = None

    @property
    def status(self) -> str:
        """geslaagd | afgewezen | onbepaald."""
        return {True: "geslaagd", False: "afgewezen"}.get(self.passed, "onbepaald")  # type: ignore[arg-type]

    def subject(self, code: str) -> SubjectResult | None:
        return next((s for s in self.subjects if s.subject == code), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "examenjaar": self.exam_year,
            "examennummer": self.exam_number,
            "naam": self.display_name,
            "schooltype": self.school_type,
            "leerweg": self.track.lower() if self.track else None,
            "niveau": self.level,
            "variant": self.variant,
            "profiel": self.profile,
            "klas": self.class_name,
            "passed": self.passed,
            "uitslag": self.status,
            "cum_laude": self.cum_laude,
            "combinatiecijfer": self.combination_grade,
            "ce_gemiddelde": self.ce_average.as_json() if self.ce_average else None,
            "dropped": list(self.dropped),
            "reasons": [r.as_json() for r in self.reasons],
            "cum_laude_reasons": [r.as_json() for r in self.cum_laude_reasons],
            "missing": [m.as_json() for m in self.missing],
            "samenstelling": (list(self.composition.problems) if self.composition else None),
            "regelpakket": self.pack,
            "vakken": [s.as_json() for s in self.subjects],
            **({"herkansingsadvies": self.advice.as_json()} if self.advice is not None else {}),
            **({"nodig_op_ce": self.needed.as_json()} if self.needed is not None else {}),
        }


# ------------------------------------------------------------------------------------------
# Policy
# ------------------------------------------------------------------------------------------
def _settings(pack: str) -> dict[str, Any]:
    """The pack's policy settings, from the one place that reads them (`packs.settings`)."""
    from . import packs

    return packs.settings(pack)


def se_attempt_policy(pack: str) -> str:
    """Which SE attempt counts: "hoogste" (default) or "laatste" (pack key `se_attempt`; the
    examenreglement decides, WVO 2.60a)."""
    value = str(_settings(pack).get("se_attempt", "hoogste")).strip().lower()
    if value not in ("hoogste", "laatste"):
        raise ValueError(f"Regelpakket '{pack}': se_attempt is '{value}', verwacht hoogste "
                         "of laatste.")
    return value


def _se_only_steps(pack: str) -> int:
    """Rounding of an SE-only subject's grade in 1 or 2 steps (pack key
    `se_only_rounding_steps`; the law leaves it to the school, Uvb 3.13 lid 2)."""
    steps = _settings(pack).get("se_only_rounding_steps", 1)
    if steps not in (1, 2):
        raise ValueError(f"Regelpakket '{pack}': se_only_rounding_steps is {steps!r}, "
                         "verwacht 1 of 2.")
    return int(steps)


# ------------------------------------------------------------------------------------------
# Reading the store (set-based)
# ------------------------------------------------------------------------------------------
def _where(exam_year: int | None, exam_numbers: Sequence[str] | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if exam_year is not None:
        clauses.append("exam_year = ?")
        params.append(int(exam_year))
    if exam_numbers is not None:
        clauses.append("exam_number IN (SELECT UNNEST(?::VARCHAR[]))")
        params.append([str(n) for n in exam_numbers])
    return (" AND ".join(clauses) or "TRUE"), params


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
), res AS (
    SELECT r.exam_year, r.exam_number, r.subject, r.test_code, r.attempt, r.seq, r.grade,
           r.taken_on, lower(coalesce(r.status, '')) AS status, {rank} AS ass,
           CASE lower(r.attempt) WHEN 'afname' THEN 1 WHEN 'inhaal' THEN 2
                WHEN 'herkansing' THEN 3 ELSE 4 END AS arank
    FROM se_results r
    SEMI JOIN cand c ON c.exam_year = r.exam_year AND c.exam_number = r.exam_number
), counted AS (
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
    string_agg(CASE WHEN attempt IS NOT NULL
                    THEN test_code || chr(31) || attempt || chr(31) || CAST(seq AS VARCHAR) END,
               chr(30)) AS attempts
FROM marked
GROUP BY exam_year, exam_number, subject
"""

# Assessment subjects (lo, kv1, vmbo pws) whose results are kept without PTA items.
_FREE_ASSESSMENT_SQL = """
, res AS (
    SELECT r.exam_year, r.exam_number, r.subject, r.test_code, r.attempt, r.seq, r.grade,
           r.taken_on, lower(coalesce(r.status, '')) AS status, {rank} AS ass,
           CASE lower(r.attempt) WHEN 'afname' THEN 1 WHEN 'inhaal' THEN 2
                WHEN 'herkansing' THEN 3 ELSE 4 END AS arank
    FROM se_results r
    SEMI JOIN cand c ON c.exam_year = r.exam_year AND c.exam_number = r.exam_number
    WHERE r.assessment IS NOT NULL
), counted AS (
    SELECT exam_year, exam_number, subject, test_code,
           arg_max(ass, {key}) FILTER (WHERE status <> 'vrijstelling' AND ass IS NOT NULL) AS ass
    FROM res r
    GROUP BY exam_year, exam_number, subject, test_code
)
SELECT exam_year, exam_number, subject, min(ass), bool_and(ass = 3)
FROM counted WHERE ass IS NOT NULL GROUP BY exam_year, exam_number, subject
"""


@attrs.frozen
class _SeAggregate:
    num: int | None
    den: int | None
    n_numeric: int
    numeric_missing: tuple[tuple[str, str], ...]
    n_tasks: int
    tasks_open: tuple[tuple[str, str, str], ...]
    ass_min: int | None
    ass_all_good: bool | None
    attempts: str | None

    @classmethod
    def unpack(cls, row: tuple[Any, ...]) -> _SeAggregate:
        num, den, n_num, num_miss, n_tasks, open_, ass_min, all_good, attempts = row
        return cls(
            num=int(num) if num is not None else None,
            den=int(den) if den is not None else None,
            n_numeric=int(n_num), numeric_missing=_split(num_miss, 2),  # type: ignore[arg-type]
            n_tasks=int(n_tasks), tasks_open=_split(open_, 3),  # type: ignore[arg-type]
            ass_min=ass_min, ass_all_good=all_good, attempts=attempts,
        )


def _split(text: str | None, width: int) -> tuple[tuple[str, ...], ...]:
    """Records packed by string_agg (chr(30) between records, chr(31) between fields), sorted."""
    if not text:
        return ()
    out = []
    for part in text.split("\x1e"):
        fields = part.split("\x1f")
        out.append(tuple(fields + [""] * (width - len(fields)))[:width])
    return tuple(sorted(out))


def _read(store: Any, exam_year: int | None, exam_numbers: Sequence[str] | None,
          attempt_policy: str) -> dict[str, Any]:
    """Everything the computation needs, in five queries on one short read connection."""
    where, params = _where(exam_year, exam_numbers)
    cte = _cand_cte(where)
    key = _KEY[attempt_policy]
    with store.read() as con:
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
            cte + _SE_SQL.format(rank=_ASSESSMENT_RANK, key=key), params).fetchall()}
        free = {(y, n, s): (m, g) for y, n, s, m, g in con.execute(
            cte + _FREE_ASSESSMENT_SQL.format(rank=_ASSESSMENT_RANK, key=key), params
        ).fetchall()}
        ce: dict[tuple[int, str, str], list[tuple[Any, ...]]] = defaultdict(list)
        for y, n, subj, period, nex, score, status, direct in con.execute(
            cte + " SELECT s.exam_year, s.exam_number, s.subject, s.period, s.nex_id, s.score,"
            " lower(coalesce(s.status, '')), s.direct_grade FROM ce_scores s"
            " SEMI JOIN cand c ON c.exam_year = s.exam_year AND c.exam_number = s.exam_number",
            params,
        ).fetchall():
            ce[(y, n, subj)].append((period, nex, score, status, direct))
        exams = con.execute(
            cte + " SELECT exam_year, nex_id, school_type, track, subject, period, description,"
            " scale_length, n_term FROM ce_exams"
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


# ------------------------------------------------------------------------------------------
# Computing
# ------------------------------------------------------------------------------------------
def compute_results(store: Any, *, exam_year: int | None = None,
                    exam_numbers: Sequence[str] | None = None, pack: str | None = None,
                    progress: Callable[[int, int], Any] | None = None,
                    se_attempt: str | None = None, advice: bool = False) -> list[CandidateResult]:
    """The results of every candidate (of `exam_year`, or of all years when None), or only of
    `exam_numbers`, in (exam_year, exam_number) order.

    `pack` None takes the school's setting `rulepack`, else "wvo2020". `progress(done, total)`
    is called now and then. `se_attempt` ("hoogste" | "laatste") overrides the pack's choice of
    which SE attempt counts, for a what-if view; None follows the pack. `advice` adds the
    resit advice to every decided candidate (see `CandidateResult.advice`).
    """
    return list(iter_results(store, exam_year=exam_year, exam_numbers=exam_numbers, pack=pack,
                             progress=progress, se_attempt=se_attempt, advice=advice))


def iter_results(store: Any, *, exam_year: int | None = None,
                 exam_numbers: Sequence[str] | None = None, pack: str | None = None,
                 progress: Callable[[int, int], Any] | None = None,
                 se_attempt: str | None = None, advice: bool = False,
                 batch: int = BATCH) -> Iterator[CandidateResult]:
    """`compute_results` one candidate at a time, reading the store `batch` candidates at once.

    Why batches: a national run (200,000 candidates, millions of SE results) read in one go
    holds every row in Python at once; per batch the memory stays that of one large school
    while each query still covers thousands of candidates. A caller that writes as it goes
    (`examenbureau uitslag --format json`) never holds all results either.
    """
    if exam_numbers is not None and not list(exam_numbers):
        return
    if pack is None:
        pack = store.get_setting("rulepack") or DEFAULT_PACK
    attempt_policy = se_attempt or se_attempt_policy(pack)
    if attempt_policy not in _KEY:
        raise ValueError(f"se_attempt '{se_attempt}' is onbekend; verwacht hoogste of laatste.")
    steps = _se_only_steps(pack)
    where, params = _where(exam_year, exam_numbers)
    with store.read() as con:
        keys = con.execute("SELECT exam_year, exam_number FROM candidates WHERE " + where
                           + " ORDER BY exam_year, exam_number", params).fetchall()
    total = len(keys)
    if progress is not None:
        progress(0, total)
    done = 0
    for start in range(0, total, max(1, batch)):
        chunk = keys[start:start + max(1, batch)]
        years = sorted({y for y, _n in chunk})
        for year in years:
            numbers = [n for y, n in chunk if y == year]
            data = _read(store, year, numbers, attempt_policy)
            for row in data["candidates"]:
                yield _candidate(row, data, pack, steps, advice)
                done += 1
                if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
                    progress(done, total)


def _names(last: str | None, prefix: str | None, first: str | None,
           initials: str | None) -> tuple[str, str]:
    given = (first or initials or "").strip()
    display = " ".join(p for p in (given, (prefix or "").strip(), (last or "").strip()) if p)
    sort = (last or "").strip()
    rest = " ".join(p for p in (given, (prefix or "").strip()) if p)
    if rest:
        sort = f"{sort}, {rest}"
    return display, sort


def _optional_members(data: Mapping[str, Any], level: str) -> tuple[str, ...]:
    """Components the school added to the havo/vwo combination (setting
    `combinatiecijfer.<level>`, e.g. "anw,lit"; Uvb 3.34 lid 2-3)."""
    raw = data["optional"].get(level) or ""
    return tuple(c.strip() for c in raw.replace(";", ",").split(",") if c.strip())


def _candidate(row: tuple[Any, ...], data: Mapping[str, Any], pack: str,
               steps: int, advice: bool = False) -> CandidateResult:
    (year, number, last, prefix, first, initials, school_type, track, variant, programme,
     profile, class_name, _cohort) = row
    display, sort = _names(last, prefix, first, initials)
    result = CandidateResult(
        exam_year=year, exam_number=number, display_name=display, sort_name=sort,
        school_type=school_type, track=track, variant=variant, profile=profile,
        class_name=class_name, pack=pack,
    )
    rows = data["subjects"].pop((year, number), [])   # consumed: a national run stays lean
    try:
        level, leerweg = composition.normalize_level(school_type, track)
    except ValueError:
        result.missing.append(Missing(
            "schooltype", None, f"Schooltype '{school_type}' met leerweg '{track or ''}' is "
            "onbekend; verwacht vwo, havo of vmbo met leerweg bb, kb, gl of tl."))
        result.subjects = [SubjectResult(s[2], s[3], s[4], bool(s[6])) for s in rows]
        return result
    result.level = level
    if not rows:
        result.missing.append(Missing(
            "vakkenpakket", None, "Het vakkenpakket ontbreekt: er zijn geen vakken opgeslagen."))
        return result

    prog = composition.from_programme_code(programme)
    if not variant and level == "vwo" and prog and prog[1]:
        variant = prog[1]
    prof = profile
    if not prof and prog and prog[2] and prog[0] == level:
        prof = "_".join(prog[2])
    codes = [s[2] for s in rows]
    roles = composition.subject_roles(
        level=level, leerweg=leerweg, profile=prof, variant=variant, subjects=codes,
        exam_year=year, combination_optional=_optional_members(data, level),
    )
    comp = roles.composition
    result.composition = comp
    result.leerweg = roles.leerweg
    for problem in comp.problems:
        result.missing.append(Missing(
            "samenstelling", None,
            f"Het vakkenpakket vormt (nog) geen volledig eindexamen: {problem[:1].lower()}"
            f"{problem[1:]}"))

    for _year, _number, subject, code, name, _part, cs_has_ce in rows:
        role = roles.roles[subject]
        sr = _subject(data, year, number, subject, code, name, cs_has_ce, role, level, leerweg,
                      school_type, track, steps)
        result.subjects.append(sr)
        result.missing.extend(sr.missing)

    _decide(result, roles, pack, advice)
    if advice and result.passed is None:
        _needed(result, roles, pack, data, school_type, track)
    return result


# What may still be open for `needed` to answer: a CE grade that is not there yet, or cannot be
# computed yet for want of the exam's L or N. Anything else missing blocks the question too.
_CE_PENDING = frozenset({"CE-cijfer", "CE-score", "N-term", "schaallengte", "CE-examen"})


def _needed(result: CandidateResult, roles: composition.CandidateRoles, pack: str,
            data: Mapping[str, Any], school_type: str | None, track: str | None) -> None:
    """Before the CE: the lowest CE grade per open subject that still lets the candidate pass."""
    if not result.missing or any(m.what not in _CE_PENDING for m in result.missing):
        return
    from .rules import CalcInputError, answer

    request = outcome_input(result, roles)
    sat = {sr.subject for sr in result.subjects if sr.ce_grades}
    for entry in request["subjects"]:
        if "ce" not in entry or entry["ce"] is not None:
            continue
        if entry["code"] in sat:
            continue  # sat in some tijdvak, grade not known yet: that exam's L or N is the gap
        # not sat yet: the first tijdvak's exam, when the DNT knows it with L and N
        exam = _exam_row(data, result.exam_year, entry["code"], 1, None, school_type, track)
        if exam is not None and exam[7] is not None and exam[8] is not None:
            entry["L"] = int(exam[7])
            entry["N"] = str(exam[8])
    try:
        found = answer("needed", request, pack)
        assert isinstance(found, Needed)
        result.needed = found
    except (CalcInputError, grades.GradeError):
        result.needed = None  # e.g. an SE grade is missing too: nothing sound to say


def _subject(data: Mapping[str, Any], year: int, number: str, subject: str, code: str | None,
             name: str | None, cs_has_ce: bool | None, role: composition.SubjectRole,
             level: str, leerweg: str | None, school_type: str | None, track: str | None,
             steps: int) -> SubjectResult:
    info = (composition.subject_info(role.canonical, level, leerweg)
            if role.canonical else None)
    has_ce = bool(cs_has_ce) if cs_has_ce is not None else role.has_ce
    sr = SubjectResult(
        subject=subject,
        subject_code=code or (info.duo_code if info else None),
        name=name or (info.name if info else None),
        has_ce=has_ce,
        part=role.part, kernvak=role.kernvak, in_combination=role.in_combination,
        combination_weight=role.combination_weight, counts=role.counts,
    )
    label = sr.name or subject
    if not role.counts:
        if role.canonical is None and subject.strip().lower() not in composition.NON_SUBJECTS:
            sr.counts = cs_has_ce is not None
            if cs_has_ce is None:
                sr.missing.append(Missing(
                    "vak", subject, f"Vak {subject} is onbekend voor {level} en het is niet bekend "
                    "of het een centraal examen heeft."))
        if not sr.counts:
            return sr
    packed = data["se"].pop((year, number, subject), None)
    agg = _SeAggregate.unpack(packed) if packed is not None else None

    # assessment-only: lo, kv1, vmbo pws (Uvb 3.13 lid 3-4, 3.14)
    if role.assessment_only:
        if agg is not None and agg.n_tasks:
            ass_min, all_good = agg.ass_min, agg.ass_all_good
            sr.attempts_text = agg.attempts
        else:
            ass_min, all_good = data["free"].pop((year, number, subject), (None, None))
        if ass_min is None or ass_min == 0:
            open_ = [t for t in (agg.tasks_open if agg else ()) if not t[2]]
            what = f" ({', '.join(_task_label(t) for t in open_)})" if open_ else ""
            sr.missing.append(Missing(
                "beoordeling", subject,
                f"De beoordeling van {ASSESSMENT_NAMES.get(role.canonical or '', label)} "
                f"ontbreekt{what}."))
        else:
            # every item must be sufficient; "goed" only when every item is goed
            sr.assessment = ("onvoldoende" if ass_min < 2 else "goed" if all_good
                             else "voldoende")
        return sr

    # SE grade from the PTA (weights as exact fractions)
    if agg is None or agg.n_numeric == 0:
        if agg is None:
            sr.missing.append(Missing(
                "PTA", subject, f"Er is geen PTA voor {label} ({subject}) gevonden voor het "
                f"cohort en schooltype van de kandidaat; het SE-cijfer is niet te berekenen."))
        else:
            sr.missing.append(Missing(
                "PTA", subject, f"Het PTA van {label} ({subject}) heeft geen toets met een cijfer "
                "en een weging; het SE-cijfer is niet te berekenen."))
    else:
        sr.attempts_text = agg.attempts
        for test, desc in agg.numeric_missing:
            sr.missing.append(Missing(
                "SE-resultaat", subject,
                f"SE-resultaat ontbreekt: {label} toets {test}{f' ({desc})' if desc else ''}."))
        if not agg.numeric_missing and agg.den:
            # sum(grade·10 · weight·1000) / (10 · sum(weight·1000)): exact, as weighted_mean
            sr.se_exact = Fraction(agg.num, 10 * agg.den)  # type: ignore[arg-type]
            if has_ce:
                sr.se_grade = grades.round_to_tenths(sr.se_exact)
            else:
                sr.se_grade = Decimal(grades.se_only_final_grade(sr.se_exact, steps))
    if agg is not None:
        for test, desc, ass in agg.tasks_open:
            state = "is onvoldaan" if ass == "1" else "is nog niet afgerond"
            sr.missing.append(Missing(
                "handelingsdeel", subject,
                f"Handelingsdeel {_task_label((test, desc, ass))} van {label} {state}; het "
                "schoolexamen is pas compleet als het voldaan is."))

    # CE grade per tijdvak; the highest counts (Uvb 3.39; WVO 2.56)
    if has_ce:
        _ce(data, sr, year, number, subject, label, school_type, track)

    return sr


def _local_final(sr: SubjectResult) -> int | None:
    """Final grade (Uvb 3.32) where the engine was not asked (something else is missing)."""
    if sr.se_grade is None:
        return None
    if not sr.has_ce:
        return int(sr.se_grade)
    if sr.ce_grade is None:
        return None
    return grades.final_grade_tenths(grades.tenths(sr.se_grade), grades.tenths(sr.ce_grade))


def _task_label(task: tuple[str, ...]) -> str:
    test, desc = task[0], task[1]
    return f"{test} ({desc})" if desc else test


@functools.lru_cache(maxsize=65536)
def _ce_grade(score: int, scale_length: int, n_term: Decimal) -> Decimal | str:
    try:
        return grades.ce_grade(score, scale_length, n_term)
    except (grades.GradeError, TypeError) as exc:
        return str(exc)


def _exam_row(data: Mapping[str, Any], year: int, subject: str, period: int, nex: str | None,
              school_type: str | None, track: str | None) -> tuple[Any, ...] | None:
    if nex:
        return data["exam_by_nex"].get((year, nex))
    options = data["exam_by_subject"].get((year, subject, period), [])
    st = (school_type or "").lower()
    tr = (track or "").lower()
    fit = [e for e in options if (e[2] or "").lower() == st
           and (not tr or not e[3] or tr in (e[3] or "").lower())]
    return fit[0] if len(fit) == 1 else None


def _ce(data: Mapping[str, Any], sr: SubjectResult, year: int, number: str, subject: str,
        label: str, school_type: str | None, track: str | None) -> None:
    rows = sorted(data["ce"].pop((year, number, subject), []), key=lambda r: r[0])
    unknown = False
    absent: list[int] = []
    for period, nex, score, status, direct in rows:
        grade: Decimal | None = None
        if direct is not None:
            grade = Decimal(direct)
        elif status == "afwezig":
            absent.append(period)
        elif status == "vrijstelling":
            pass
        elif status == "onregelmatigheid":
            unknown = True
            sr.missing.append(Missing(
                "CE-cijfer", subject, f"Onregelmatigheid bij het CE {label} tijdvak {period}: "
                "het besluit van de directeur (cijfer) ontbreekt."))
        elif score is None:
            unknown = True
            sr.missing.append(Missing(
                "CE-score", subject, f"De CE-score van {label} tijdvak {period} ontbreekt."))
        else:
            exam = _exam_row(data, year, subject, period, nex, school_type, track)
            name = (exam[6] if exam and exam[6] else
                    f"{label} tijdvak {period}" + (f" (NEX-ID {nex})" if nex else ""))
            if exam is None:
                unknown = True
                sr.missing.append(Missing(
                    "CE-examen", subject, f"Het CE-examen van {label} tijdvak {period}"
                    f"{f' (NEX-ID {nex})' if nex else ''} staat niet in de examentabel; "
                    "schaallengte en N-term ontbreken."))
            elif exam[8] is None:
                unknown = True
                sr.missing.append(Missing("N-term", subject, f"N-term ontbreekt voor {name}."))
            elif exam[7] is None:
                unknown = True
                sr.missing.append(Missing(
                    "schaallengte", subject, f"Schaallengte (L) ontbreekt voor {name}."))
            else:
                value = _ce_grade(int(score), int(exam[7]), Decimal(exam[8]))
                if isinstance(value, str):
                    unknown = True
                    sr.missing.append(Missing("CE-score", subject,
                                              f"CE-score van {name} is ongeldig: {value}."))
                else:
                    grade = value
        sr.ce_grades[period] = grade
    known = [g for g in sr.ce_grades.values() if g is not None]
    if unknown:
        return
    if known:
        sr.ce_grade = max(known)
        return
    if any(status == "vrijstelling" for _, _, _, status, _ in rows):
        return
    why = (f"afwezig in tijdvak {', '.join(map(str, absent))} en geen cijfer uit een ander tijdvak"
           if absent else "er is geen CE-score ingevoerd")
    sr.missing.append(Missing("CE-cijfer", subject, f"Het CE-cijfer van {label} ontbreekt: {why}."))


# ------------------------------------------------------------------------------------------
# The decision
# ------------------------------------------------------------------------------------------
def outcome_input(result: CandidateResult, roles: composition.CandidateRoles) -> dict[str, Any]:
    """The calc `outcome` request for a candidate (docs/calc.md)."""
    subjects = []
    assessments: dict[str, str] = {}
    for sr in result.subjects:
        role = roles.roles.get(sr.subject)
        if not sr.counts or role is None:
            continue
        if role.assessment_only:
            key = _ASSESSMENT_KEY.get(role.canonical or "")
            if key and sr.assessment is not None:
                assessments[key] = sr.assessment
            continue
        if role.canonical is not None and not role.numeric:
            continue
        entry: dict[str, Any] = {"code": sr.subject, "part": sr.part or "extra"}
        if sr.kernvak:
            entry["kernvak"] = True
        if sr.in_combination:
            entry["in_combination"] = True
        entry["se"] = str(sr.se_grade) if sr.se_grade is not None else None
        if sr.has_ce:
            entry["ce"] = str(sr.ce_grade) if sr.ce_grade is not None else None
        subjects.append(entry)
    data: dict[str, Any] = {"level": roles.level, "subjects": subjects, **assessments,
                            **pack_facts.result_facts(result)}  # exam year, CE resits taken
    if roles.level == "vmbo-gt":
        data["leerweg"] = roles.leerweg
    if roles.level == "vwo" and roles.variant:
        data["variant"] = roles.variant
    if roles.profile and roles.complete:
        data["profile"] = roles.profile
    components = []
    for code, weight in roles.combination:
        comp: dict[str, Any] = {"code": code}
        if weight != 1:
            comp["weight"] = weight
        components.append(comp)
    if components:
        data["combination"] = {"components": components}
    return data


def _local_finals(result: CandidateResult, roles: composition.CandidateRoles) -> None:
    """Final grades and combination grade as far as they are known, without a decision."""
    for sr in result.subjects:
        if sr.counts and sr.assessment is None:
            sr.final_grade = _local_final(sr)
    result.combination_grade = _local_combination(result, roles)


def _local_combination(result: CandidateResult, roles: composition.CandidateRoles) -> int | None:
    finals = {s.subject: s.final_grade for s in result.subjects}
    pairs = []
    for code, weight in roles.combination:
        final = finals.get(code)
        if final is None:
            return None
        pairs.append((final, weight))
    return grades.combination_grade(pairs) if pairs else None


def _decide(result: CandidateResult, roles: composition.CandidateRoles, pack: str,
            advice: bool = False) -> None:
    if result.missing:
        _local_finals(result, roles)
        result.passed = None
        result.cum_laude = None
        return
    from .rules import CalcInputError, answer
    from .rules.answers import Outcome

    request = outcome_input(result, roles)
    try:
        found = answer("outcome", request, pack)
    except (CalcInputError, grades.GradeError) as exc:
        # One candidate's impossible data must not stop the results of the other 199: it is
        # this candidate's "nog niet te bepalen", with the rule engine's own Dutch words.
        result.missing.append(Missing("invoer", None, f"De uitslag is niet te bepalen: {exc}"))
        _local_finals(result, roles)
        return
    assert isinstance(found, Outcome)
    for sr in result.subjects:
        if sr.subject in found.final_grades:
            sr.final_grade = found.final_grades[sr.subject]
    if not found.decidable:
        mine = {(m.what, m.subject) for m in result.missing}
        result.missing.extend(m for m in found.missing if (m.what, m.subject) not in mine)
        _local_finals(result, roles)
        result.passed = None
        result.cum_laude = None
        return
    result.passed = found.passed
    result.cum_laude = found.cum_laude
    result.combination_grade = found.combination_grade
    result.dropped = list(found.dropped)
    result.reasons = list(found.reasons)
    result.cum_laude_reasons = list(found.cum_laude_reasons)
    result.school_rule = found.school_rule
    result.notes = list(found.notes)
    result.warnings = list(found.warnings)
    result.ce_average = found.ce_average
    if advice and not result.cum_laude:
        try:
            given = answer("resit_advice", request, pack)
            assert isinstance(given, Advice)
            result.advice = given
        except (CalcInputError, grades.GradeError):
            result.advice = None  # the decision stands; the screen simply shows no advice
