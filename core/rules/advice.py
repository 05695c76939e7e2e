"""Results-day helpers: which resit helps (`resit_advice`) and what a CE must bring (`needed`).

Both ask the same engine "what if": a CE grade is replaced and the decision made again, leaving
subjects out where the law allows. Passing (and cum laude) never gets worse when one CE grade
goes up: every rule compares final grades or the CE average from below. So the lowest grade that
works is found by bisection over the tenths 1,0-10,0, exactly.

Resit rules: one subject with a CE, in the second tijdvak (Uvb art. 3.38 lid 1); the highest of
the CE grade and the resit grade counts (art. 3.39 lid 1), so only a grade above the current one
can change anything. Vmbo bb/kb may also resit the cspe (art. 3.38 lid 2); that second resit is
named in the answer but not combined with another resit here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from examenbureau.core import grades

from .cum_laude import judge
from .engine import State, decide, details, reasons_of, rules_pack, state
from .explain import composition_reason
from .model import Exam, Subject, parse_exam
from .ops import _undecidable
from .policy import Policy
from .texts import tenths_nl

UVB = "Uitvoeringsbesluit WVO 2020"
RESIT_SOURCE = f"{UVB} art. 3.38 lid 1 en art. 3.39 lid 1"
TOP = 100  # 10,0 in tenths
BOTTOM = 10  # 1,0


def _lowest(lo: int, hi: int, works: Callable[[int], bool]) -> int | None:
    """The smallest t in [lo, hi] for which `works(t)`, given that `works` never turns false
    as t grows; None when even `hi` does not work."""
    if lo > hi or not works(hi):
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if works(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _with_ce(test: Callable[[Exam, dict[str, int]], bool], exam: Exam, code: str,
             others: dict[str, int] | None = None) -> Callable[[int], bool]:
    """`test` as a function of one subject's CE grade in tenths, the other overrides fixed."""
    fixed = dict(others or {})
    return lambda t: test(exam, {**fixed, code: t})


def _passes(exam: Exam, override: dict[str, int]) -> bool:
    return decide(exam, state(exam, override)).passed


def _cum_laude(exam: Exam, override: dict[str, int]) -> bool:
    st = state(exam, override)
    d = decide(exam, st)
    return d.passed and bool(judge(exam, st, d.dropped, True)["cum_laude"])


def _option(exam: Exam, s: Subject, t: int, st: State, goal: str) -> dict[str, Any]:
    new = state(exam, {s.code: t})
    final = new.finals[s.code]
    text = (f"Als je bij de herkansing voor {s.name} minimaal een {tenths_nl(t)} haalt, "
            f"{'ben je geslaagd' if goal == 'slagen' else 'krijg je cum laude'} "
            f"(je eindcijfer voor {s.name} wordt dan {final}).")
    return {"subject": s.code, "name": s.name, "ce": str(s.ce),
            "lowest_ce": tenths_nl(t).replace(",", "."), "final_grade": final, "text": text}


def resit_advice(data: Any, pol: Policy) -> dict[str, Any]:
    exam = parse_exam(data, pol, op="resit_advice")
    if exam.missing:
        return _undecidable(exam, {"options": [], "source": RESIT_SOURCE})
    st = state(exam)
    d = decide(exam, st)
    p = rules_pack(exam)
    ce_subjects = [s for s in exam.subjects if s.has_ce and s.code not in d.dropped]
    notes = []
    if exam.level in ("vmbo-kb", "vmbo-bb"):
        notes.append("Bij vmbo bb en kb mag je daarnaast het cspe van het profielvak herkansen "
                     "(art. 3.38 lid 2); die tweede herkansing is hier niet meegerekend.")
    if not d.passed:
        reasons = []
        if d.composition_problems:
            reasons.append(composition_reason(exam, d.composition_problems, p))
        checks = details(exam, st)
        reasons += reasons_of(checks, exam, violated_only=True)
        options = []
        if not d.composition_problems:
            ce_subjects = [s for s in exam.subjects if s.has_ce]
            for s in ce_subjects:
                t = _lowest(s.ce_t + 1, TOP, _with_ce(_passes, exam, s.code))  # type: ignore[operator]
                if t is not None:
                    options.append(_option(exam, s, t, st, "slagen"))
        options.sort(key=lambda o: (grades.parse_decimal(o["lowest_ce"]) - grades.parse_decimal(
            o["ce"]), o["subject"]))
        if options:
            best = options[0]
            text = ("Je bent nu afgewezen, maar met één herkansing kun je nog slagen. "
                    + best["text"])
        else:
            text = ("Je bent nu afgewezen, en geen herkansing van één centraal examen is genoeg om "
                    "te slagen.")
        return {"passed": False, "decidable": True, "resit_helps": bool(options),
                "options": options, "reasons": reasons, "text": text, "notes": notes,
                "source": RESIT_SOURCE}
    now = judge(exam, st, d.dropped, True)
    if now["cum_laude"]:
        return {"passed": True, "decidable": True, "cum_laude": True, "options": [],
                "text": "Je bent geslaagd met cum laude; een herkansing is daarvoor niet nodig.",
                "notes": notes, "source": RESIT_SOURCE}
    options = []
    if now["cum_laude"] is not None:
        for s in ce_subjects:
            t = _lowest(s.ce_t + 1, TOP, _with_ce(_cum_laude, exam, s.code))  # type: ignore[operator]
            if t is not None:
                options.append(_option(exam, s, t, st, "cum laude"))
    options.sort(key=lambda o: (grades.parse_decimal(o["lowest_ce"]) - grades.parse_decimal(
        o["ce"]), o["subject"]))
    if options:
        text = ("Je bent geslaagd. Met één herkansing kun je nog cum laude halen. "
                + options[0]["text"])
    else:
        text = "Je bent geslaagd. Geen herkansing van één centraal examen levert cum laude op."
    return {"passed": True, "decidable": True,
            "cum_laude": False if now["cum_laude"] is not None else None, "options": options,
            "cum_laude_reasons": now["reasons"],
            "text": text, "notes": notes, "source": RESIT_SOURCE}


# --- needed ---------------------------------------------------------------------------------------

def needed(data: Any, pol: Policy) -> dict[str, Any]:
    """Before the CE: per subject whose CE grade is still to come (`"ce": null`), the lowest CE
    grade with which the candidate can still pass, given everything already known.

    With one CE still to come that is exact. With several, `lowest_ce` assumes the best (10,0)
    for the other open CEs, so below it passing is impossible whatever they bring; and
    `same_for_all` is the lowest grade that passes when every open CE gets that grade.
    """
    exam = parse_exam(data, pol, op="needed")
    if exam.missing:
        return _undecidable(exam, {"subjects": [], "same_for_all": None})
    pending = [s for s in exam.subjects if s.has_ce and s.ce_t is None]
    p = rules_pack(exam)
    if not pending:
        st = state(exam)
        d = decide(exam, st)
        return {"decidable": True, "pending": [], "subjects": [], "same_for_all": None,
                "passed": d.passed,
                "text": "Alle CE-cijfers zijn al bekend; gebruik 'outcome' voor de uitslag."}
    best = {s.code: TOP for s in pending}
    if not _passes(exam, best):
        st = state(exam, best)
        d = decide(exam, st)
        reasons = []
        if d.composition_problems:
            reasons.append(composition_reason(exam, d.composition_problems, p))
        checks = details(exam, st)
        reasons += reasons_of(checks, exam, violated_only=True)
        return {"decidable": True, "possible": False, "pending": [s.code for s in pending],
                "subjects": [_needed_row(exam, s, None, None) for s in pending],
                "same_for_all": None, "reasons": reasons,
                "text": ("Ook met een 10,0 voor elk centraal examen dat nog komt, kun je niet "
                         "slagen.")}
    rows = []
    for s in pending:
        others = {q.code: TOP for q in pending if q is not s}
        t = _lowest(BOTTOM, TOP, _with_ce(_passes, exam, s.code, others))
        assert t is not None   # 10,0 everywhere passes (checked above), so a lowest grade exists
        rows.append((s, t))
    same = _lowest(BOTTOM, TOP, lambda v: _passes(exam, {q.code: v for q in pending}))
    assert same is not None
    subjects = [_needed_row(exam, s, t, same) for s, t in rows]
    if len(pending) == 1:
        s, t = rows[0]
        text = (f"Je hebt voor {s.name} minimaal een {tenths_nl(t)} nodig op het centraal examen "
                "om te slagen.")
    else:
        text = (f"Haal je voor elk centraal examen dat nog komt minimaal een "
                f"{tenths_nl(same)}, dan "
                "ben je geslaagd. Per vak staat het laagste cijfer waarmee slagen nog kan, als de "
                "andere centrale examens een 10,0 worden.")
    return {"decidable": True, "possible": True, "pending": [s.code for s in pending],
            "subjects": subjects, "same_for_all": tenths_nl(same).replace(",", "."),
            "text": text,
            "source": f"{UVB} art. 3.32, 3.34 en 3.35"}


def _needed_row(exam: Exam, s: Subject, t: int | None, same: int | None) -> dict[str, Any]:
    row: dict[str, Any] = {"subject": s.code, "name": s.name, "se": str(s.se) if s.se is not None
                           else None, "lowest_ce": tenths_nl(t).replace(",", ".") if t else None,
                           "possible": t is not None}
    if s.scale_length is not None and s.n_term is not None:
        row["L"] = s.scale_length
        row["N"] = str(s.n_term)
        row["lowest_score"] = (grades.lowest_score_for(t, s.scale_length, s.n_term)
                               if t is not None else None)
        row["same_for_all_score"] = (grades.lowest_score_for(same, s.scale_length, s.n_term)
                                     if same is not None else None)
    return row
