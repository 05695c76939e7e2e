"""Results kept in the store per candidate, with the version of the inputs they came from.

Why: a school's uitslag changes only where a fact changes (a grade, a score, an N-term, the
rule pack). Computing the whole year again after every change costs seconds at a large school;
keeping each candidate's result with a fingerprint of its inputs lets a screen open at once on
what is known, and a change recompute only the candidates whose fingerprint moved, once.

What is kept is derived data, never a fact: it is written without audit rows (the facts it
came from are audited, and a result can always be computed again), and a kept result is shown
only while both fingerprints still match:

* `inputs`, per candidate, computed by DuckDB from every stored row the result reads: the
  candidate, its subjects, SE results, CE scores, the CE exams those scores point to (L, N,
  NEX-ID) and the PTA of its cohort. Rows are hashed and summed, so any change, addition or
  removal of such a row changes it;
* `basis`, per school: the code of the rules and the rule pack (a digest of their source
  files), the pack's settings and the school's settings the results read.

The inputs are read BEFORE the facts a result is computed from: a change that lands in
between makes the kept fingerprint older than the result, so the next look recomputes it. It
can never make a stale result look fresh.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import orjson

from examenbureau.core.composition import CompositionResult
from examenbureau.core.reasons import Missing, Reason
from examenbureau.core.rules.answers import CeAverage

from .queries import numbers_filter
from .records import DEFAULT_PACK, CandidateResult, Explanation, SubjectResult

TABLE = "kept_results"
KEEP_MEMORY = "512MB"   # DuckDB's memory while results are kept: see `keep`
_COLUMNS = ("exam_year", "exam_number", "inputs", "basis", "computed_at", "passed", "cum_laude",
            "uitslag", "extra")

# Per candidate: a hash of every stored row its result reads (see the module docstring). A CE
# exam counts for a score by NEX-ID, or without one by subject and tijdvak (as `exam_row`).
_INPUTS_SQL = """
WITH cand AS (SELECT * FROM candidates WHERE {where}),
subj AS (SELECT exam_year, exam_number, sum(hash(s)::HUGEINT) AS h FROM candidate_subjects s
         SEMI JOIN cand c USING (exam_year, exam_number) GROUP BY ALL),
se AS (SELECT exam_year, exam_number, sum(hash(r)::HUGEINT) AS h FROM se_results r
       SEMI JOIN cand c USING (exam_year, exam_number) GROUP BY ALL),
sc AS (SELECT * FROM ce_scores s SEMI JOIN cand c USING (exam_year, exam_number)),
ce AS (SELECT exam_year, exam_number, sum(hash(s)::HUGEINT) AS h FROM sc s GROUP BY ALL),
ex AS (SELECT exam_year, exam_number, sum(h) AS h FROM (
           SELECT s.exam_year, s.exam_number, hash(e)::HUGEINT AS h FROM sc s
           JOIN ce_exams e ON e.exam_year = s.exam_year AND e.nex_id = s.nex_id
           UNION ALL
           SELECT s.exam_year, s.exam_number, hash(e)::HUGEINT FROM sc s
           JOIN ce_exams e ON e.exam_year = s.exam_year AND e.subject = s.subject
            AND e.period = s.period
           WHERE coalesce(s.nex_id, '') = '') GROUP BY ALL),
pta AS (SELECT cohort, sum(hash(p)::HUGEINT) AS h FROM pta_items p
        WHERE cohort IN (SELECT cohort FROM cand) GROUP BY ALL)
SELECT c.exam_number,
       hash(hash(c), coalesce(subj.h, 0), coalesce(se.h, 0), coalesce(ce.h, 0),
            coalesce(ex.h, 0), coalesce(pta.h, 0))::HUGEINT
FROM cand c
LEFT JOIN subj USING (exam_year, exam_number) LEFT JOIN se USING (exam_year, exam_number)
LEFT JOIN ce USING (exam_year, exam_number) LEFT JOIN ex USING (exam_year, exam_number)
LEFT JOIN pta ON pta.cohort = c.cohort
ORDER BY c.exam_number
"""


@attrs.frozen
class KeptResults:
    """One exam year as kept: the fresh results (restored, in exam-number order) and the exam
    numbers whose kept result is missing or out of date."""

    exam_year: int
    results: list[CandidateResult]
    stale: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.results) + len(self.stale)


@attrs.frozen
class Current:
    """One candidate as `uitslag --format json` writes it, kept or just computed."""

    exam_number: str
    passed: bool | None
    cum_laude: bool | None
    json: bytes


# --- fingerprints ----------------------------------------------------------------------------
def _where(exam_year: int, numbers: Sequence[str] | None) -> tuple[str, list[Any]]:
    if numbers is None:
        return "exam_year = ?", [int(exam_year)]
    return (f"exam_year = ? AND {numbers_filter(len(numbers))}",
            [int(exam_year), [str(n) for n in numbers]])


def current_inputs(con: Any, exam_year: int, numbers: Sequence[str] | None = None
                   ) -> dict[str, int]:
    """The inputs fingerprint of each candidate now, by exam number (in exam-number order)."""
    where, params = _where(exam_year, numbers)
    return dict(con.execute(_INPUTS_SQL.format(where=where), params).fetchall())


@functools.cache
def _code_digest(pack: str) -> str:
    """A digest of the code a result comes from: the core (rules, composition, grades, ...), the
    data tables, the packs in this distribution and the module of `pack` itself."""
    from examenbureau.core import packs

    root = Path(__file__).resolve().parents[2]
    files = [p for folder in (root / "core", root / "data", root / "plugins")
             for p in sorted(folder.rglob("*"))]
    try:
        module_file = getattr(packs.load(pack), "__file__", None)
    except packs.PackError:
        module_file = None
    if module_file:   # a contributed pack: its package folder, or its one module
        found = Path(module_file).resolve()
        files += sorted(found.parent.rglob("*")) if found.name == "__init__.py" else [found]
    digest = hashlib.sha256()
    for path in files:
        if path.suffix in (".py", ".toml", ".csv", ".sql") and path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def school_basis(con: Any, pack: str | None = None) -> tuple[str, str]:
    """(the rule pack, the school-wide part of what a result depends on): see the module
    docstring. `pack` None: the school's setting `rulepack`, else the statutory pack."""
    from examenbureau.core import packs

    if pack is None:
        row = con.execute("SELECT value FROM settings WHERE key = 'rulepack'").fetchone()
        pack = (row[0] if row else None) or DEFAULT_PACK
    school = con.execute("SELECT key, value FROM settings WHERE key LIKE 'combinatiecijfer.%'"
                         " ORDER BY key").fetchall()
    text = orjson.dumps([_code_digest(pack), pack, packs.settings(pack), school],
                        default=str, option=orjson.OPT_SORT_KEYS)
    return pack, hashlib.sha256(text).hexdigest()


def _has_table(con: Any) -> bool:
    """False on a database whose schema skipped migration 0002: then nothing is kept."""
    return bool((con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?",
                             [TABLE]).fetchone() or (0,))[0])


# --- reading ---------------------------------------------------------------------------------
def _kept_rows(con: Any, exam_year: int, numbers: Sequence[str] | None, inputs: dict[str, int],
               school: str, columns: str) -> dict[str, tuple[Any, ...]]:
    """Kept rows whose fingerprints still match, by exam number."""
    if not _has_table(con):
        return {}
    where, params = _where(exam_year, numbers)
    out = {}
    for number, kept_inputs, kept_basis, *rest in con.execute(
            f"SELECT exam_number, inputs, basis, {columns} FROM {TABLE} WHERE {where}",
            params).fetchall():
        if kept_basis == school and inputs.get(number) == kept_inputs:
            out[number] = tuple(rest)
    return out


def open_kept(store: Any, exam_year: int, numbers: Sequence[str] | None = None,
              pack: str | None = None) -> KeptResults:
    """The year's results as kept, without computing anything: for a screen that opens at once
    and then refreshes `stale` (with `refresh`) in the background."""
    with store.read() as con:
        pack, school = school_basis(con, pack)
        inputs = current_inputs(con, exam_year, numbers)
        kept = _kept_rows(con, exam_year, numbers, inputs, school, "uitslag, extra")
    results = [restore(*kept[n]) for n in inputs if n in kept]
    return KeptResults(exam_year, results, tuple(n for n in inputs if n not in kept))


# --- computing and keeping -------------------------------------------------------------------
def refresh(store: Any, exam_year: int, numbers: Sequence[str] | None = None, *,
            pack: str | None = None, progress: Callable[[int, int], Any] | None = None,
            batch: int = 5000) -> list[CandidateResult]:
    """Compute `numbers` (None: every candidate of the year whose kept result is stale) once,
    keep them, and return them in exam-number order. A few candidates (a change) are read and
    computed on the one connection that read their inputs."""
    from . import results_on

    out: list[CandidateResult] = []
    with store.read() as con:   # the inputs first: see the module docstring
        pack, school = school_basis(con, pack)
        inputs = current_inputs(con, exam_year, numbers)
        if numbers is None:
            fresh = _kept_rows(con, exam_year, None, inputs, school, "passed")
            numbers = [n for n in inputs if n not in fresh]
        numbers = [n for n in numbers if n in inputs]
        if len(numbers) <= batch:
            out = results_on(con, exam_year, numbers, pack, explain=True)
    if progress is not None:
        progress(len(out), len(numbers))
    can_keep = keep(store, exam_year, out, inputs, school) if out else True
    for start in range(len(out), len(numbers), batch):
        with store.read() as con:
            part = results_on(con, exam_year, numbers[start:start + batch], pack, explain=True)
        if can_keep:
            can_keep = keep(store, exam_year, part, inputs, school)
        out += part
        if progress is not None:
            progress(len(out), len(numbers))
    return out


def current(store: Any, exam_year: int, *, pack: str | None = None,
            progress: Callable[[int, int], Any] | None = None,
            batch: int = 5000) -> Iterator[Current]:
    """Every candidate of the year as `uitslag --format json` writes it, in exam-number order:
    the kept JSON where it is fresh, computed (and kept) where it is not."""
    from . import gc_paused, results_on

    with store.read() as con:
        pack, school = school_basis(con, pack)
        inputs = current_inputs(con, exam_year)
    numbers = list(inputs)
    total = len(numbers)
    if progress is not None:
        progress(0, total)
    can_keep = True
    for start in range(0, total, batch):
        chunk = numbers[start:start + batch]
        with store.read() as con:
            kept = _kept_rows(con, exam_year, chunk, inputs, school, "passed, cum_laude, uitslag")
            stale = [n for n in chunk if n not in kept]
            made = results_on(con, exam_year, stale, pack, explain=True) if stale else []
        with gc_paused():
            texts = {r.exam_number: payload(r) for r in made}
        if made and can_keep:
            can_keep = keep(store, exam_year, made, inputs, school, texts)
        by_number = {r.exam_number: r for r in made}
        for n in chunk:
            if n in by_number:
                r = by_number[n]
                yield Current(n, r.passed, r.cum_laude, texts[n][0])
            else:
                passed, cum_laude, text = kept[n]
                yield Current(n, passed, cum_laude, text if isinstance(text, bytes) else bytes(text))
        if progress is not None:
            progress(min(start + batch, total), total)


def keep(store: Any, exam_year: int, results: Sequence[CandidateResult], inputs: dict[str, int],
         school: str, texts: dict[str, tuple[bytes, bytes]] | None = None) -> bool:
    """Write computed results with the fingerprints read before they were computed. False when
    the store refuses (a read-only role, a closed year, an old schema): the results are still
    right, they are only not kept."""
    from examenbureau.core.store import StoreError

    if not any(r.exam_number in inputs for r in results):
        return True
    try:
        with store.transaction(reason="uitslag bewaard (afgeleid, herberekenbaar)",
                               source="results.kept") as tx:
            # The checkpoint after this commit once held the whole kept table (~9 KB a
            # candidate, 0.9 GB at 100,000) in DuckDB's buffers: a 2 GB peak while keeping a
            # large school's results. Those buffers are a cache DuckDB can drop; with a cap it
            # does (measured: 358 MB, no slower). The cap holds for this file's DuckDB instance
            # in this process until its last connection closes.
            tx.con.execute(f"SET memory_limit = '{KEEP_MEMORY}'")
            return write_kept(tx.con, exam_year, results, inputs, school, texts)
    except StoreError:
        return False


def write_kept(con: Any, exam_year: int, results: Sequence[CandidateResult],
               inputs: dict[str, int], school: str,
               texts: dict[str, tuple[bytes, bytes]] | None = None) -> bool:
    """`keep` on the connection of a transaction the caller holds (`store.transaction`): one
    DELETE and one bulk INSERT for all of them. False on a schema without the table."""
    from examenbureau.core.store.bulk import insert_rows

    texts = texts or {r.exam_number: payload(r) for r in results if r.exam_number in inputs}
    rows = [(r, texts[r.exam_number]) for r in results if r.exam_number in inputs]
    if not rows:
        return True
    if not _has_table(con):
        return False
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    # The checkpoint that follows this commit would compress the JSON (~9 KB a candidate) at
    # ~18 MB/s: 10 of the 40 CPU seconds of a first uitslag of 20,000. Kept results are a
    # cache; they stay as they are, at ~3 times the disk space of compressed ones.
    con.execute("SET force_compression = 'uncompressed'")
    con.execute(f"DELETE FROM {TABLE} WHERE exam_year = ? AND {numbers_filter(len(rows))}",
                [int(exam_year), [r.exam_number for r, _ in rows]])
    insert_rows(con, TABLE, _COLUMNS, [
        (int(exam_year), r.exam_number, inputs[r.exam_number], school, now, r.passed,
         r.cum_laude, text, extra) for r, (text, extra) in rows])
    return True


def forget(store: Any) -> None:
    """Delete every kept result: the state after an update of the program, in which every
    result is computed again. For measuring that state (benchmarks, scripts/measure_tui.py);
    kept results are derived, so nothing is lost and no audit row is written."""
    with store.transaction(reason="bewaarde uitslagen gewist (afgeleid, herberekenbaar)",
                           source="results.kept") as tx:
        if _has_table(tx.con):
            tx.con.execute(f"DELETE FROM {TABLE}")


# --- inside a change's own transaction -------------------------------------------------------
def results_before(con: Any, exam_year: int, numbers: Sequence[str],
                   pack: str | None = None) -> tuple[dict[str, bytes], list[CandidateResult]]:
    """These candidates' results before a change, on the connection of the transaction that
    will make it: the kept JSON (as `uitslag --format json` lists it) of those whose kept
    result is fresh, and the computed results of the stale ones (not kept: the change
    follows). The JSON is not turned back into results: a change only compares a few facts
    of it (`facts_of_kept`), and restoring 90 results cost a tenth of an
    N-term import."""
    from . import results_on

    pack, school = school_basis(con, pack)
    inputs = current_inputs(con, exam_year, numbers)
    kept = {n: bytes(row[0]) for n, row in
            _kept_rows(con, exam_year, numbers, inputs, school, "uitslag").items()}
    stale = [n for n in inputs if n not in kept]
    return kept, (results_on(con, exam_year, stale, pack, explain=True) if stale else [])


def refresh_on(con: Any, exam_year: int, numbers: Sequence[str],
               pack: str | None = None) -> list[CandidateResult]:
    """`refresh` of these candidates on the connection of the caller's transaction, after its
    change and before its commit: computed once from the state that will be committed, and
    kept in the same transaction (so one connection serves the whole change)."""
    from . import results_on

    pack, school = school_basis(con, pack)
    inputs = current_inputs(con, exam_year, numbers)
    out = results_on(con, exam_year, [n for n in numbers if n in inputs], pack, explain=True)
    write_kept(con, exam_year, out, inputs, school)
    return out


# --- the kept form of a result ---------------------------------------------------------------
def payload(result: CandidateResult) -> tuple[bytes, bytes]:
    """(the candidate as `uitslag --format json` lists it, what a list screen needs besides)."""
    why = result.explanation
    extra = {
        "sort_name": result.sort_name, "track": result.track, "leerweg": result.leerweg,
        "composition": _composition_json(result.composition),
        "notes": [n.as_json() for n in why.notes], "warnings": list(why.warnings),
        "school_rule": attrs.asdict(why.school_rule) if why.school_rule is not None else None,
        "subjects": [[s.se_num, s.se_den, s.counts, s.combination_weight]
                     for s in result.subjects],
    }
    return orjson.dumps(result.as_json(raw=orjson.Fragment)), orjson.dumps(extra)


def _dec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _composition_json(c: CompositionResult | None) -> dict[str, Any] | None:
    """By hand, not attrs.asdict: that recursion was a quarter of a candidate's payload."""
    if c is None:
        return None
    return {"complete": c.complete, "problems": c.problems, "source": c.source,
            "notes": c.notes, "profiles": c.profiles, "variant": c.variant,
            "leerweg": c.leerweg, "witness": c.witness}


def _composition(d: dict[str, Any] | None) -> CompositionResult | None:
    if d is None:
        return None
    return CompositionResult(
        d["complete"], tuple(d["problems"]), d["source"], tuple(d["notes"]),
        tuple(d["profiles"]), d["variant"], d["leerweg"],
        tuple((a, b, c) for a, b, c in d["witness"]))


def facts_of_kept(uitslag: str | bytes) -> dict[str, Any]:
    """`result_changes.result_facts` of a kept result, read from its JSON without making the
    result again (what a change compares before it): the same values and types `restore`
    gives."""
    d = orjson.loads(uitslag)
    subjects = {s["vak"]: {"se_grade": _dec(s["se_cijfer"]), "ce_grade": _dec(s["ce_cijfer"]),
                           "final_grade": s["eindcijfer"],
                           "ce_grades": {int(p): _dec(g) for p, g in s["ce_cijfers"].items()}}
                for s in d["vakken"]}
    return {"subjects": subjects, "passed": d["passed"], "cum_laude": d["cum_laude"],
            "name": d["naam"]}


def _reason(d: dict[str, Any]) -> Reason:
    return Reason(d["rule"], d["source"], d["text"], dict(d["numbers"]), d["violated"], d["pack"])


def restore(uitslag: str | bytes, extra_text: str | bytes) -> CandidateResult:
    """A kept result back as a `CandidateResult` for the list screens. What it does not hold:
    the composition workings and the roles (a candidate's own screen computes afresh); the
    numbers inside its reasons are the text `as_json` made of them."""
    from examenbureau.core.hookspecs import SchoolRule

    d = orjson.loads(uitslag)
    extra = orjson.loads(extra_text)
    subjects = []
    for s, (se_num, se_den, counts, weight) in zip(d["vakken"], extra["subjects"], strict=True):
        subjects.append(SubjectResult(
            subject=s["vak"], subject_code=s["vakcode"], name=s["naam"],
            has_ce=s["centraal_examen"], se_grade=_dec(s["se_cijfer"]),
            ce_grades={int(p): _dec(g) for p, g in s["ce_cijfers"].items()},
            ce_grade=_dec(s["ce_cijfer"]), final_grade=s["eindcijfer"],
            assessment=s["beoordeling"], missing=[Missing(**m) for m in s["ontbreekt"]],
            attempts_json=orjson.dumps(s["pogingen"]).decode(), part=s["examendeel"],
            kernvak=s["kernvak"], in_combination=s["in_combinatie"], combination_weight=weight,
            counts=counts, se_num=se_num, se_den=se_den))
    average = d["ce_gemiddelde"]
    rule = extra["school_rule"]
    comp = extra["composition"]
    explanation = Explanation(
        [_reason(r) for r in d["reasons"]], [_reason(r) for r in d["cum_laude_reasons"]],
        [_reason(r) for r in extra["notes"]], list(extra["warnings"]),
        SchoolRule(**rule) if rule is not None else None)
    return CandidateResult(
        exam_year=d["examenjaar"], exam_number=d["examennummer"], display_name=d["naam"],
        sort_name=extra["sort_name"], school_type=d["schooltype"], track=extra["track"],
        variant=d["variant"], profile=d["profiel"], class_name=d["klas"], subjects=subjects,
        combination_grade=d["combinatiecijfer"], passed=d["passed"], cum_laude=d["cum_laude"],
        missing=[Missing(**m) for m in d["missing"]], dropped=list(d["dropped"]),
        level=d["niveau"], leerweg=extra["leerweg"], composition=_composition(comp),
        ce_average=(CeAverage(int(Decimal(average["sum"]) * 10), average["count"])
                    if average is not None else None),
        advice=None, needed=None, pack=d["regelpakket"], explanation_made=explanation)


__all__ = ["Current", "KeptResults", "current", "current_inputs", "facts_of_kept", "forget",
           "keep", "open_kept",
           "payload", "refresh", "refresh_on", "restore", "results_before", "school_basis",
           "write_kept"]
