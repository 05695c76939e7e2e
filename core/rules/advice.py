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

from .answers import Advice, Needed, NeededSubject, ResitOption
from .cum_laude import judge, verdict
from .engine import decide, details, reasons_of, rules_pack, state
from .explain import composition_reason
from .model import Exam, Subject, parse_exam
from .ops import undecidable
from .policy import Policy
from .resits import resits_exhausted
from .texts import tenths_nl

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
    return d.passed and bool(verdict(exam, st, d.dropped, True))


def _option(exam: Exam, s: Subject, t: int, goal: str) -> ResitOption:
    final = state(exam, {s.code: t}).finals[s.code]
    assert s.ce_t is not None and final is not None
    return ResitOption(s.code, s.name, s.ce_t, t, final, goal)


def _smallest_step_first(options: list[ResitOption]) -> tuple[ResitOption, ...]:
    return tuple(sorted(options, key=lambda o: (o.gain_tenths, o.subject)))


def resit_advice(data: Any, pol: Policy) -> Advice:
    exam = parse_exam(data, pol, op="resit_advice")
    if exam.missing:
        out = undecidable(exam)
        return Advice(decidable=False, passed=None, summary=out.text, outcome=out)
    st = state(exam)
    d = decide(exam, st)
    done = resits_exhausted(pol, exam.level, exam.ce_resits)  # art. 3.38 lid 1: one subject
    if done is not None:   # after the one CE resit: say so and suggest nothing
        return Advice(decidable=True, passed=d.passed, summary=done.text,
                      reasons=(done.reason,), resits_used=done.used, resits_left=0)
    p = rules_pack(exam)
    ce_subjects = [s for s in exam.subjects if s.has_ce and s.code not in d.dropped
                   and s.code not in exam.ce_resits]
    notes: tuple[str, ...] = ()
    if exam.level in ("vmbo-kb", "vmbo-bb"):
        notes = ("Bij vmbo bb en kb mag je daarnaast het cspe van het profielvak herkansen "
                 "(art. 3.38 lid 2); die tweede herkansing is hier niet meegerekend.",)
    if not d.passed:
        reasons = []
        if d.composition_problems:
            reasons.append(composition_reason(exam, d.composition_problems, p))
        checks = details(exam, st)
        reasons += reasons_of(checks, exam, violated_only=True)
        found = []
        if not d.composition_problems:
            ce_subjects = [s for s in exam.subjects if s.has_ce and s.code not in exam.ce_resits]
            for s in ce_subjects:
                t = _lowest(s.ce_t + 1, TOP, _with_ce(_passes, exam, s.code))  # type: ignore[operator]
                if t is not None:
                    found.append(_option(exam, s, t, "slagen"))
        options = _smallest_step_first(found)
        summary = ("Je bent nu afgewezen, maar met één herkansing kun je nog slagen." if options
                   else "Je bent nu afgewezen, en geen herkansing van één centraal examen is "
                        "genoeg om te slagen.")
        return Advice(decidable=True, passed=False, summary=summary, options=options,
                      reasons=tuple(reasons), notes=notes)
    now = judge(exam, st, d.dropped, True)
    if now.cum_laude:
        return Advice(decidable=True, passed=True, cum_laude=True, notes=notes,
                      summary="Je bent geslaagd met cum laude; een herkansing is daarvoor niet "
                              "nodig.")
    found = []
    if now.cum_laude is not None:
        for s in ce_subjects:
            t = _lowest(s.ce_t + 1, TOP, _with_ce(_cum_laude, exam, s.code))  # type: ignore[operator]
            if t is not None:
                found.append(_option(exam, s, t, "cum laude"))
    options = _smallest_step_first(found)
    summary = ("Je bent geslaagd. Met één herkansing kun je nog cum laude halen." if options
               else "Je bent geslaagd. Geen herkansing van één centraal examen levert cum laude "
                    "op.")
    return Advice(decidable=True, passed=True, summary=summary, options=options,
                  cum_laude=False if now.cum_laude is not None else None,
                  cum_laude_reasons=now.reasons, notes=notes)


# --- needed ---------------------------------------------------------------------------------------

def needed(data: Any, pol: Policy) -> Needed:
    """Before the CE: per subject whose CE grade is still to come (`"ce": null`), the lowest CE
    grade with which the candidate can still pass, given everything already known.

    With one CE still to come that is exact. With several, `lowest_ce` assumes the best (10,0)
    for the other open CEs, so below it passing is impossible whatever they bring; and
    `same_for_all` is the lowest grade that passes when every open CE gets that grade.
    """
    exam = parse_exam(data, pol, op="needed")
    if exam.missing:
        out = undecidable(exam)
        return Needed(decidable=False, text=out.text, outcome=out)
    answer = _needed_answer(exam)
    done = resits_exhausted(pol, exam.level, exam.ce_resits)
    if done is not None:   # after the one CE resit: say so, suggest no further resit
        answer.resits_used = done.used
        answer.resits_left = 0
        answer.text = f"{answer.text} {done.text}".strip()
    return answer


def _needed_answer(exam: Exam) -> Needed:
    pending = [s for s in exam.subjects if s.has_ce and s.ce_t is None]
    p = rules_pack(exam)
    if not pending:
        st = state(exam)
        d = decide(exam, st)
        return Needed(decidable=True, passed=d.passed,
                      text="Alle CE-cijfers zijn al bekend; gebruik 'outcome' voor de uitslag.")
    codes = tuple(s.code for s in pending)
    best = {s.code: TOP for s in pending}
    if not _passes(exam, best):
        st = state(exam, best)
        d = decide(exam, st)
        reasons = []
        if d.composition_problems:
            reasons.append(composition_reason(exam, d.composition_problems, p))
        checks = details(exam, st)
        reasons += reasons_of(checks, exam, violated_only=True)
        return Needed(decidable=True, possible=False, pending=codes,
                      subjects=tuple(_needed_row(s, None, None) for s in pending),
                      reasons=tuple(reasons),
                      text="Ook met een 10,0 voor elk centraal examen dat nog komt, kun je niet "
                           "slagen.")
    rows = []
    for s in pending:
        others = {q.code: TOP for q in pending if q is not s}
        t = _lowest(BOTTOM, TOP, _with_ce(_passes, exam, s.code, others))
        assert t is not None   # 10,0 everywhere passes (checked above), so a lowest grade exists
        rows.append((s, t))
    same = _lowest(BOTTOM, TOP, lambda v: _passes(exam, {q.code: v for q in pending}))
    assert same is not None  # all open CEs at 10,0 passes (checked above)
    # The one CE to come is an extra subject with which even a 1,0 passes: it is left out
    # where it would hurt (art. 3.33 lid 3), so its grade does not decide the uitslag, and
    # "minimaal een 1,0 nodig" would tell a pupil nothing.
    idle = [s for s, t in rows if len(pending) == 1 and s.part == "extra" and t == BOTTOM]
    if len(pending) == 1 and not idle:
        s, t = rows[0]
        text = (f"Je hebt voor {s.name} minimaal een {tenths_nl(t)} nodig op het centraal examen "
                "om te slagen.")
    elif idle:
        s = idle[0]
        text = (f"Het cijfer voor {s.name} op het centraal examen beslist niet over de uitslag: "
                f"je bent geslaagd, welk cijfer je ook haalt. {s.name[:1].upper()}{s.name[1:]} "
                "is een extra vak; een extra vak telt niet mee als het de uitslag slechter zou "
                "maken (art. 3.33 lid 3).")
    else:
        text = (f"Haal je voor elk centraal examen dat nog komt minimaal een "
                f"{tenths_nl(same)}, dan "
                "ben je geslaagd. Per vak staat het laagste cijfer waarmee slagen nog kan, als de "
                "andere centrale examens een 10,0 worden.")
    return Needed(decidable=True, possible=True, pending=codes,
                  subjects=tuple(_needed_row(s, t, same, s not in idle) for s, t in rows),
                  same_for_all_tenths=same, text=text)


def _needed_row(s: Subject, t: int | None, same: int | None,
                decides: bool = True) -> NeededSubject:
    if s.scale_length is None or s.n_term is None:
        return NeededSubject(s.code, s.name, s.se, t, decides=decides)
    return NeededSubject(
        s.code, s.name, s.se, t, s.scale_length, s.n_term,
        grades.lowest_score_for(t, s.scale_length, s.n_term) if t is not None else None,
        grades.lowest_score_for(same, s.scale_length, s.n_term) if same is not None else None,
        decides)
