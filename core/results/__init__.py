"""Every candidate's results, computed from the stored facts and the school's rule pack.

Why it looks like this: the uitslag is a pure function of what the store holds (nothing
computed is the source of truth), and results day is the moment it must be both right and
quick, for one school or for a national benchmark of ~200,000 candidates. So:

* `queries`: a handful of set-based queries read everything for thousands of candidates at
  once (never one query per candidate), with every grade as a whole number;
* `subjects`: per subject the SE grade from the PTA and the CE grade per tijdvak, rounded only
  by `examenbureau.core.grades`; a fact that is not there (an N-term, an SE result, a CE score)
  is never guessed: the candidate's result is "nog niet te bepalen" with every item named;
* `decision`: what a subject IS in the exam (kernvak, part, combination) comes from the
  composition rules, and the decision is the rules engine's, on an exam built from the grades
  in tenths; the reasons are made when someone reads them (`records`);
* `kept`: the results kept in the store per candidate with a fingerprint of their inputs, so
  a screen opens on them at once and a change recomputes only the candidates it touched.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from examenbureau.core import composition
from examenbureau.core.reasons import Missing

from .decision import decide_candidate, needed_for, outcome_input
from .queries import ATTEMPT_POLICIES, read_batch, read_batch_on, where_clause
from .records import DEFAULT_PACK, CandidateResult, Explanation, SubjectResult
from .subjects import subject_result

__all__ = ["BATCH", "CandidateResult", "Explanation", "SubjectResult", "compute_results",
           "gc_paused", "iter_results", "outcome_input", "outcome_request", "results_on",
           "se_attempt_policy"]

_PROGRESS_EVERY = 500
# Candidates read from the store at once: a large school's worth (see iter_results).
BATCH = 5000


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch is read and decided.

    Why: a batch is millions of small objects (the fetched rows, the lookup tables, the
    results) that all live until the batch is done, and the collector walked them again and
    again as they were made: a third of the time of 20,000 candidates. Nothing of a batch
    needs the collector (reference counting frees it); it runs again afterwards.
    """
    if not gc.isenabled():   # nested, or the caller paused it: leave it as it is
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _settings(pack: str) -> dict[str, Any]:
    """The pack's policy settings, from the one place that reads them (`packs.settings`)."""
    from examenbureau.core import packs

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


def outcome_request(result: CandidateResult) -> dict[str, Any]:
    """The `calc outcome` request for this candidate's facts: what the candidate-by-candidate
    engine decides on (the equivalence test holds the set-based result to its answer)."""
    if result.roles is None:
        raise ValueError(f"Kandidaat {result.exam_number}: het vakkenpakket is niet te lezen; er "
                         "is geen uitslag om na te rekenen.")
    return outcome_input(result, result.roles)


def compute_results(store: Any, *, exam_year: int | None = None,
                    exam_numbers: Sequence[str] | None = None, pack: str | None = None,
                    progress: Callable[[int, int], Any] | None = None,
                    se_attempt: str | None = None, advice: bool = False,
                    explain: bool = False) -> list[CandidateResult]:
    """The results of every candidate (of `exam_year`, or of all years when None), or only of
    `exam_numbers`, in (exam_year, exam_number) order.

    `pack` None takes the school's setting `rulepack`, else the statutory pack.
    `progress(done, total)` is called now and then. `se_attempt` ("hoogste" | "laatste")
    overrides the pack's choice of which SE attempt counts, for a what-if view; None follows
    the pack. `advice` adds the resit advice to every decided candidate (see
    `CandidateResult.advice`). `explain` makes every reason at once (for a caller that will
    read them all, as `uitslag --format json`); otherwise a result makes its reasons when
    they are first read.
    """
    return list(iter_results(store, exam_year=exam_year, exam_numbers=exam_numbers, pack=pack,
                             progress=progress, se_attempt=se_attempt, advice=advice,
                             explain=explain))


def iter_results(store: Any, *, exam_year: int | None = None,
                 exam_numbers: Sequence[str] | None = None, pack: str | None = None,
                 progress: Callable[[int, int], Any] | None = None,
                 se_attempt: str | None = None, advice: bool = False, explain: bool = False,
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
    if attempt_policy not in ATTEMPT_POLICIES:
        raise ValueError(f"se_attempt '{se_attempt}' is onbekend; verwacht hoogste of laatste.")
    steps = _se_only_steps(pack)
    where, params = where_clause(exam_year, exam_numbers)
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
            made = []
            with gc_paused():   # decided as a batch, then handed out
                data = read_batch(store, year, numbers, attempt_policy)
                for row in data["candidates"]:
                    made.append(_candidate(row, data, pack, steps, advice, explain))
                    done += 1
                    if progress is not None and (done % _PROGRESS_EVERY == 0 or done == total):
                        progress(done, total)
                del data
            yield from made


def results_on(con: Any, exam_year: int, exam_numbers: Sequence[str], pack: str, *,
               explain: bool = False) -> list[CandidateResult]:
    """The results of these candidates read on a connection the caller holds, so that what
    else it reads there (the inputs fingerprint of `kept`) sees the same state."""
    steps = _se_only_steps(pack)
    with gc_paused():
        data = read_batch_on(con, exam_year, exam_numbers, se_attempt_policy(pack))
        return [_candidate(row, data, pack, steps, False, explain) for row in data["candidates"]]


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


def _candidate(row: tuple[Any, ...], data: Mapping[str, Any], pack: str, steps: int,
               advice: bool = False, explain: bool = False) -> CandidateResult:
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
    result.roles = roles
    result.leerweg = roles.leerweg
    for problem in comp.problems:
        result.missing.append(Missing(
            "samenstelling", None,
            f"Het vakkenpakket vormt (nog) geen volledig eindexamen: {problem[:1].lower()}"
            f"{problem[1:]}"))

    for _year, _number, subject, code, name, _part, cs_has_ce in rows:
        role = roles.roles[subject]
        sr = subject_result(data, year, number, subject, code, name, cs_has_ce, role, level,
                            leerweg, school_type, track, steps)
        result.subjects.append(sr)
        result.missing.extend(sr.missing)

    decide_candidate(result, roles, pack, explain=explain, advice=advice)
    if advice and result.passed is None:
        needed_for(result, roles, pack, data, school_type, track)
    return result
