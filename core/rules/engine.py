"""The pass/fail decision: Uvb WVO 2020 art. 3.33-3.35, in exact integer arithmetic.

A decision is made on a `State` (each subject's CE grade in tenths and its final grade), so the
results-day helpers can ask "what if this CE grade were 6,1?" without parsing again. Grades are
whole numbers of tenths and whole final grades; every mean is compared by cross-multiplying
(sum >= 5,5 · n becomes 10·q·sum >= ... in integers), so 38,5 over 7 subjects is exactly 5,5.

Leaving subjects out (art. 3.33 lid 3) is a search over the subjects that may go, smallest
sets first; the remaining subjects must still form an exam. Without a profile only subjects
marked `part: "extra"` and combination components marked `extra` may go; with a profile the
composition check of `examenbureau.core.composition` decides.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from itertools import combinations
from typing import Any, Literal, NamedTuple, overload

from examenbureau.core.hookspecs import CandidateView
from examenbureau.core.reasons import Reason

from .model import Component, Exam, Subject, combination_of, component_finals, final_of

EMPTY: frozenset[str] = frozenset()
SUFFICIENT = ("voldoende", "goed")
_ASSESSMENT_CODES = {"lo": "lo", "kunstvakken": "kv1", "pws": "pws"}


class State(NamedTuple):
    finals: dict[str, int | None]      # subject code -> final grade
    ce: dict[str, int | None]          # subject code -> CE grade in tenths


class Check(NamedTuple):
    rule: str
    violated: bool
    numbers: dict[str, Any]


class Decision(NamedTuple):
    passed: bool
    dropped: frozenset[str]
    composition_problems: tuple[str, ...] = ()


def state(exam: Exam, override: Mapping[str, int] | None = None) -> State:
    """Final grades and CE grades, with some CE grades replaced (a resit, a future CE)."""
    finals: dict[str, int | None] = {}
    ce: dict[str, int | None] = {}
    for s in exam.subjects:
        t = override.get(s.code, s.ce_t) if override else s.ce_t
        ce[s.code] = t
        finals[s.code] = final_of(exam, s, t)
    return State(finals, ce)


# --- the rules ------------------------------------------------------------------------------------

@overload
def _check(exam: Exam, st: State, dropped: frozenset[str], detail: Literal[False]) -> bool: ...
@overload
def _check(exam: Exam, st: State, dropped: frozenset[str], detail: Literal[True]) -> list[Check]: ...
def _check(exam: Exam, st: State, dropped: frozenset[str], detail: bool) -> list[Check] | bool:
    """Every pass condition of 3.34/3.35 lid 1 on the subjects not left out.

    One body for both uses, so the rules are written once: `passes` (stops at the first
    violated rule, builds no numbers: the searches of art. 3.33 lid 3 and of the resit advice
    call it thousands of times) and `details` (one `Check` per rule with the numbers its
    sentence needs).
    """
    rules = exam.rules
    subs = [s for s in exam.subjects if s.code not in dropped] if dropped else exam.subjects
    finals = st.finals
    out: list[Check] = []

    # a. CE average >= 5,5, unrounded: sum_t / (10 n) >= p / q  <=>  q·sum_t >= 10·n·p
    ce_sum = 0
    n = 0
    for s in subs:
        if s.has_ce:
            t = st.ce[s.code]
            if t is None:
                raise ValueError(f"CE-cijfer van {s.code} ontbreekt")  # guarded by Missing
            ce_sum += t
            n += 1
    p, q = exam.ce_threshold
    ok = n == 0 or q * ce_sum >= 10 * n * p
    if not detail and not ok:
        return False
    if detail:
        out.append(Check("ce_gemiddelde", not ok, {"sum_tenths": ce_sum, "count": n,
                                                   "minimum": rules.ce_average_min}))

    # b. core subjects: kernvakken (havo/vwo) or Nederlands (vmbo)
    core = [(s, finals[s.code]) for s in subs if s.kernvak]
    if rules.core_rule == "nederlands" and not core:
        core = [(s, finals[s.code]) for s in subs if s.code in ("ne", "netl")]
    below_min = [(s, f) for s, f in core if f < rules.core_min]  # type: ignore[operator]
    if rules.core_rule == "kernvakken":
        below_six = [(s, f) for s, f in core if f < 6]  # type: ignore[operator]
        ok = not below_min and len(below_six) <= rules.core_max_below_six
    else:
        ok = not below_min
    if not detail and not ok:
        return False
    if detail:
        out.append(Check(rules.core_rule, not ok, {
            "grades": {s.code: f for s, f in core}, "names": {s.code: s.name for s, _ in core},
            "minimum": rules.core_min}))

    # c. compensation over the final grades; the combination grade counts as one
    comb = combination_of(exam, finals, dropped)
    grades_e: list[tuple[str, str, int]] = [(s.code, s.name, finals[s.code])  # type: ignore[misc]
                                            for s in subs if not s.in_combination]
    if comb is not None:
        grades_e.append(("combinatiecijfer", "het combinatiecijfer", comb))
    values = [g for _, _, g in grades_e]
    too_low = [e for e in grades_e if e[2] <= 3]
    if too_low:
        if not detail:
            return False
        out.append(Check("eindcijfer_onder_4", True, {"grades": {c: g for c, _, g in too_low},
                                                     "names": {c: nm for c, nm, _ in too_low}}))
    else:
        ok, pattern = _compensation(rules, values)
        if not detail and not ok:
            return False
        if detail:
            low = [e for e in grades_e if e[2] < 6]
            out.append(Check("compensatie", not ok, {
                "pattern": pattern, "low": {c: g for c, _, g in low},
                "names": {c: nm for c, nm, _ in low}, "sum": sum(values), "count": len(values),
                "mean_min": rules.compensation_mean_min,
                "needs_seven": rules.compensation_needs_seven,
                "allows_four_and_five": rules.compensation_allows_four_and_five}))

    # d. no component of the combination below 4
    comps = component_finals(exam, finals, dropped)
    low_c = [(c, f) for c, f in comps if f is not None and f < rules.component_min]
    if not detail and low_c:
        return False
    if detail and comps:
        out.append(Check("combinatie_onderdeel", bool(low_c), {
            "grades": {c.code: f for c, f in low_c}, "names": {c.code: c.name for c, _ in low_c},
            "minimum": rules.component_min, "combination": comb}))

    # e/f. LO, kunstvakken, PWS
    for key in rules.assessments:
        value = exam.assessments.get(key)
        ok = value in SUFFICIENT
        if not detail and not ok:
            return False
        if detail:
            out.append(Check(key, not ok, {"value": value}))

    # a board's own conditions
    if exam.policy.board_conditions:
        extra = exam.policy.extra_pass_conditions(view(exam, st, dropped))
        if not detail and any(r.violated for r in extra):
            return False
        if detail:
            out.extend(Check(r.rule, r.violated, {"reason": r}) for r in extra)

    return out if detail else True


def details(exam: Exam, st: State, dropped: frozenset[str] = EMPTY) -> list[Check]:
    """Every rule's check with its numbers (for the reasons)."""
    return _check(exam, st, dropped, True)


def passes(exam: Exam, st: State, dropped: frozenset[str] = EMPTY) -> bool:
    """Does the candidate pass on these subjects (no leaving out)?"""
    return _check(exam, st, dropped, False)


def _compensation(rules: Any, values: list[int]) -> tuple[bool, str]:
    """3.34 lid 1 c / 3.35 lid 1 c on final grades that are all 4 or more."""
    fours = values.count(4)
    fives = values.count(5)
    if fours + fives == 0 or (fours == 0 and fives == 1):
        return True, "ok"
    if (fours, fives) in ((1, 0), (0, 2)) or ((fours, fives) == (1, 1)
                                             and rules.compensation_allows_four_and_five):
        pattern = {(1, 0): "een_4", (0, 2): "twee_5", (1, 1): "4_en_5"}[(fours, fives)]
        if rules.compensation_mean_min is not None and (
                sum(values) < rules.compensation_mean_min * len(values)):
            return False, pattern + ":gemiddelde"
        if rules.compensation_needs_seven and not any(v >= 7 for v in values):
            return False, pattern + ":zeven"
        return True, pattern
    return False, "te_veel"


# --- leaving subjects out (art. 3.33 lid 3) -------------------------------------------------------

def decide(exam: Exam, st: State) -> Decision:
    """Passed or not, leaving out as few subjects as the law allows when that makes them pass."""
    if exam.profile is not None:
        complete, problems = composition(exam, EMPTY)
        if not complete:
            return Decision(False, EMPTY, problems)
    if passes(exam, st):
        return Decision(True, EMPTY)
    for dropped in drop_sets(exam):
        if passes(exam, st, dropped) and composition(exam, dropped)[0]:
            return Decision(True, dropped)
    return Decision(False, EMPTY)


def decide_explained(exam: Exam, st: State) -> tuple[Decision, list[Check]]:
    """`decide`, together with the checks the reasons are made of: on the subjects that count
    when the candidate passes, on all subjects when not. The full checks come first, so a
    candidate who passes outright is checked once, not once to decide and again to explain."""
    if exam.profile is not None:
        complete, problems = composition(exam, EMPTY)
        if not complete:
            return Decision(False, EMPTY, problems), details(exam, st)
    checks = details(exam, st)
    if not any(c.violated for c in checks):
        return Decision(True, EMPTY), checks
    for dropped in drop_sets(exam):
        if passes(exam, st, dropped) and composition(exam, dropped)[0]:
            return Decision(True, dropped), details(exam, st, dropped)
    return Decision(False, EMPTY), checks


def droppable(exam: Exam) -> list[str]:
    """Codes that may be left out. Without a profile only what the request marks as extra;
    with one, every subject or keuzevak whose absence still leaves a complete exam."""
    if exam.droppable_codes is not None:
        return exam.droppable_codes
    if exam.profile is None:
        # a subject inside the combination goes only with its component marked extra (a
        # keuzevak beyond the required number); maat, ckv and pws never go on their own
        codes = [s.code for s in exam.subjects if s.part == "extra" and not s.in_combination]
        codes += [c.code for c in exam.components if c.extra and c.code not in codes]
    else:
        every = [s.code for s in exam.subjects]
        every += [c.code for c in exam.components if c.subject is None]
        codes = [code for code in every if composition(exam, frozenset((code,)))[0]]
    exam.droppable_codes = codes
    return codes


def drop_sets(exam: Exam) -> Iterator[frozenset[str]]:
    codes = droppable(exam)
    all_components = {c.code for c in exam.components}
    for size in range(1, len(codes) + 1):
        for combo in combinations(codes, size):
            dropped = frozenset(combo)
            if all_components and all_components <= dropped:
                continue  # the combination grade cannot vanish entirely
            yield dropped


def composition(exam: Exam, dropped: frozenset[str]) -> tuple[bool, tuple[str, ...]]:
    """Does what remains form a complete exam (art. 3.33 lid 1 and lid 3, second sentence)?"""
    if exam.profile is None:
        return True, ()
    hit = exam.composition_cache.get(dropped)
    if hit is not None:
        return hit
    from examenbureau.core.composition import check_complete  # only needed with a profile

    codes = [s.code for s in exam.subjects if s.code not in dropped]
    codes += [c.code for c in exam.components if c.subject is None and c.code not in dropped]
    # The judged parts of the common part are slots of the exam too (lo; vmbo: kunstvak kv1;
    # gl/tl: the pws). They are never left out and their judgement is checked by the rules.
    codes += [_ASSESSMENT_CODES[key] for key in exam.rules.assessments]
    result = check_complete(level=exam.level, leerweg=exam.leerweg, profile=exam.profile,
                            variant=exam.variant, subjects=codes)
    answer = (bool(result.complete), tuple(result.problems))
    exam.composition_cache[dropped] = answer
    return answer


# --- what a pack sees -----------------------------------------------------------------------------

def view(exam: Exam, st: State, dropped: frozenset[str],
         passed: bool | None = None) -> CandidateView:
    subs = [s for s in exam.subjects if s.code not in dropped]
    return CandidateView(
        level=exam.level,
        leerweg=exam.leerweg,
        final_grades={s.code: final for s in subs
                      if not s.in_combination and (final := st.finals[s.code]) is not None},
        parts={s.code: s.part for s in subs},
        ce_grades={s.code: Decimal(ce).scaleb(-1) for s in subs
                   if (ce := st.ce.get(s.code)) is not None},
        combination_grade=combination_of(exam, st.finals, dropped),
        combination_components={c.code: f for c, f in component_finals(exam, st.finals, dropped)
                                if f is not None},
        assessments=dict(exam.assessments),
        passed=passed,
        all_final_grades={s.code: st.finals[s.code] for s in exam.subjects  # type: ignore[misc]
                          if not s.in_combination and st.finals[s.code] is not None},
        exam_year=exam.exam_year,
        lo_assessed_on=exam.lo_date,
        ce_resits=exam.ce_resits,
    )


def rules_pack(exam: Exam) -> str:
    """Which pack's parameters decided: the statutory pack unless a board replaced them."""
    return exam.policy.pass_rules_pack(exam.level)


def reasons_of(checks: list[Check], exam: Exam, violated_only: bool) -> list[Reason]:
    """The checks as reasons with their sentences (a board's own reasons included)."""
    from .explain import reason_for

    pack = rules_pack(exam)
    out = []
    for c in checks:
        if violated_only and not c.violated:
            continue
        if "reason" in c.numbers:
            out.append(c.numbers["reason"])
        else:
            out.append(reason_for(c, exam, pack))
    return out


__all__ = ["EMPTY", "Check", "Component", "Decision", "State", "Subject", "decide",
           "decide_explained", "details", "drop_sets", "droppable", "passes", "state", "view"]
