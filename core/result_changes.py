"""Whose result does a change alter? Results of some candidates before and after, in words.

Why a module of its own: an exam secretary who loads new N-terms, a re-published DNT, a
resit grade or a CvTE decision on one question must see at once which candidates now get a
different grade or a different outcome ("5101 Anna Fictief: netl CE 7,2 -> 7,5, uitslag
afgewezen -> geslaagd"). The importers, `examenbureau ce toekennen` and the TUI all ask that
question; they take a `ResultWatch` before the write and call `finish` after it. The watch
reads the results kept in the store before the change (computing only those that went stale)
and computes the watched candidates once after it, keeping them (`results.kept`).

Only the facts a parent would call "the result" are compared: per subject the SE grade (it is
on the cijferlijst: a teacher's correction can move it without moving the final grade), the CE
grades per tijdvak, the CE grade that counts and the final grade; the outcome and cum laude.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .store import Store, same_value

# What one candidate's result consists of, as compared here (see `result_facts`).
Facts = dict[str, Any]


@attrs.define
class AffectedCandidate:
    """A candidate whose result changed, with the changes in words."""

    exam_number: str
    name: str
    changes: list[str]

    def line(self) -> str:
        return f"{self.exam_number} {self.name}: " + "; ".join(self.changes)


def snapshot_results(store: Store, year: int, numbers: list[str]) -> dict[str, Facts]:
    """The comparable facts of these candidates' results now, by exam number."""
    from .results import compute_results

    out: dict[str, Facts] = {}
    for result in compute_results(store, exam_year=year, exam_numbers=numbers):
        out[result.exam_number] = result_facts(result)
    return out


def kept_facts(store: Store, year: int, numbers: list[str]) -> dict[str, Facts]:
    """`snapshot_results` from the results kept in the store where they are still fresh; only
    the stale ones are computed (and kept). What a watch takes before a change."""
    from .results.kept import open_kept, refresh

    kept = open_kept(store, year, numbers)
    found = [*kept.results, *(refresh(store, year, list(kept.stale)) if kept.stale else [])]
    return {r.exam_number: result_facts(r) for r in found}


def computed_facts(store: Store, year: int, numbers: list[str]) -> dict[str, Facts]:
    """The results of these candidates computed once after a change, kept for the next look."""
    from .results.kept import refresh

    return {r.exam_number: result_facts(r) for r in refresh(store, year, numbers)}


def _facts(results: Iterable[Any]) -> dict[str, Facts]:
    return {r.exam_number: result_facts(r) for r in results}


def result_facts(result: Any) -> Facts:
    """The part of a `CandidateResult` that `describe_changes` compares."""
    subjects = {}
    for s in result.subjects:
        subjects[s.subject] = {"se_grade": s.se_grade, "ce_grade": s.ce_grade,
                               "final_grade": s.final_grade, "ce_grades": dict(s.ce_grades)}
    return {"subjects": subjects, "passed": result.passed, "cum_laude": result.cum_laude,
            "name": result.display_name}


def describe_changes(old: Facts, new: Facts) -> list[str]:
    """Two snapshots of one candidate in words ("netl CE 7,2 -> 7,5"); empty when equal."""
    out = []
    for subject in sorted(set(old["subjects"]) | set(new["subjects"])):
        o = old["subjects"].get(subject, {})
        n = new["subjects"].get(subject, {})
        parts = []
        if not same_value(o.get("se_grade"), n.get("se_grade")):
            parts.append(f"SE {_grade(o.get('se_grade'))} -> {_grade(n.get('se_grade'))}")
        old_tv, new_tv = o.get("ce_grades", {}), n.get("ce_grades", {})
        for period in sorted(set(old_tv) | set(new_tv)):
            if not same_value(old_tv.get(period), new_tv.get(period)):
                parts.append(f"CE tijdvak {period} {_grade(old_tv.get(period))} -> "
                             f"{_grade(new_tv.get(period))}")
        if not same_value(o.get("ce_grade"), n.get("ce_grade")):
            parts.append(f"CE {_grade(o.get('ce_grade'))} -> {_grade(n.get('ce_grade'))}")
        if not same_value(o.get("final_grade"), n.get("final_grade")):
            parts.append(f"eindcijfer {_grade(o.get('final_grade'))} -> "
                         f"{_grade(n.get('final_grade'))}")
        if parts:
            out.append(f"{subject} " + ", ".join(parts))
    if old["passed"] != new["passed"]:
        out.append(f"uitslag {_outcome(old['passed'])} -> {_outcome(new['passed'])}")
    if old["cum_laude"] != new["cum_laude"]:
        out.append(f"cum laude {_yes_no(old['cum_laude'])} -> {_yes_no(new['cum_laude'])}")
    return out


def _grade(value: Decimal | int | None) -> str:
    return "ontbreekt" if value is None else str(value).replace(".", ",")


def _outcome(passed: bool | None) -> str:
    """The outcome as the uitslag list says it: a parent reads 'geslaagd', never 'ja'."""
    return {True: "geslaagd", False: "afgewezen", None: "nog niet te bepalen"}[passed]


def _yes_no(value: bool | None) -> str:
    return {True: "ja", False: "nee", None: "nog niet te bepalen"}[value]


@attrs.define
class ResultWatch:
    """The results of some candidates before a change, to name those it altered afterwards.

    A failing results engine must never block the change itself (loading N-terms must work
    even when a pack is broken): then every watched candidate is listed with `why`, and
    `notices` says that the results could not be computed.
    """

    numbers: dict[int, list[str]]
    why: str                                    # "score op een gewijzigd examen"
    before: dict[int, dict[str, Facts | None]] = attrs.field(factory=dict)
    notices: list[str] = attrs.field(factory=list)

    @classmethod
    def start(cls, store: Store, numbers: Mapping[int, Iterable[str]], why: str,
              con: Any = None) -> ResultWatch:
        """`con`: the connection of the transaction that will make the change (see
        `import_file`): the results before it are read there, and `finish` must get it too."""
        from .results.kept import facts_of_kept, results_before

        watch = cls({year: sorted(set(found)) for year, found in numbers.items()}, why)
        error = None
        for year, found in watch.numbers.items():
            try:
                if con is None:
                    before = kept_facts(store, year, found)
                else:
                    kept, made = results_before(con, year, found)
                    before = {**{n: facts_of_kept(text) for n, text in kept.items()},
                              **_facts(made)}
                watch.before[year] = dict(before)
            except Exception as exc:  # the results engine must not block the change
                error = exc
                watch.before[year] = dict.fromkeys(found)
        if error is not None:
            watch.notices.append(f"De resultaten konden niet worden herberekend ({error}); de "
                                 f"lijst hieronder noemt de kandidaten met een {why}.")
        return watch

    def finish(self, store: Store, names: Mapping[tuple[int, str], str] | None = None,
               con: Any = None) -> list[AffectedCandidate]:
        """The watched candidates whose result differs now, in exam-number order per year.
        With `con` (the change's transaction, before its commit) they are computed and kept
        on that connection: one connection for the whole change."""
        from .results.kept import refresh_on

        affected: list[AffectedCandidate] = []
        for year, numbers in self.numbers.items():
            old_all = self.before.get(year, {})
            try:
                new_all = (computed_facts(store, year, numbers) if con is None else
                           _facts(refresh_on(con, year, numbers)))
            except Exception as exc:  # the change is written; say why the list is rough
                self.notices.append(f"De resultaten konden niet worden herberekend ({exc}).")
                new_all = {}
            for number in numbers:
                old, new = old_all.get(number), new_all.get(number)
                name = (names or {}).get((year, number)) or (new or old or {}).get("name") or ""
                if old is None or new is None:
                    affected.append(AffectedCandidate(number, name, [self.why]))
                    continue
                changes = describe_changes(old, new)
                if changes:
                    affected.append(AffectedCandidate(number, name, changes))
        return affected
