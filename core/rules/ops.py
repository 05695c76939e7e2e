"""The operations of `calc` (docs/calc.md): one function per op, a request dict in, a typed
answer out (`answers`), whose `as_json()` is exactly the `result` object of calc, with grades
as decimal strings ("5.5") and whole final grades as integers, so the JSON never holds a float.
"""

from __future__ import annotations

from typing import Any

from examenbureau.core import grades, limits
from examenbureau.core.reasons import Missing

from .answers import (
    CeAverage,
    CeGradeAnswer,
    CombinationAnswer,
    CumLaudeAnswer,
    FinalGradeAnswer,
    Outcome,
    undecided,
)
from .cum_laude import judge
from .engine import EMPTY, decide_explained, reasons_of, rules_pack, state
from .errors import CalcInputError
from .explain import composition_reason, dropped_note, note
from .model import (
    Component,
    Exam,
    _mark_profielvak,
    _obj,
    combination_of,
    grade,
    level_of,
    n_term,
    parse_exam,
    whole_grade,
    whole_number,
)
from .policy import Policy
from .texts import join_nl

CVTE = "CvTE Regeling omzetting scores in cijfers centrale examens, bijlage 1 (N-term)"
UVB = "Uitvoeringsbesluit WVO 2020"


# --- ce_grade -------------------------------------------------------------------------------------

def ce_grade(data: Any, pol: Policy) -> CeGradeAnswer:
    data = _obj(data, "input")
    for key in ("L", "S", "N"):
        if data.get(key) is None:
            what = {"L": "de lengte van de scoreschaal (maximale score)", "S": "de behaalde score",
                    "N": "de N-term (die stelt het CvTE vast; er is geen standaardwaarde)"}[key]
            raise CalcInputError(f"veld '{key}' ontbreekt: verwacht {what}")
    length = whole_number(data["L"], "L", minimum=limits.SCALE_LENGTH_LO,
                          maximum=limits.SCALE_LENGTH_HI)
    score = whole_number(data["S"], "S", minimum=limits.SCORE_LO, maximum=limits.SCORE_HI)
    if score > length:
        raise CalcInputError(f"veld 'S': score {score} is groter dan de schaallengte L = {length}")
    n = n_term(data["N"], "N")
    tenths = grades.ce_grade_tenths(score, length, n)
    warning = grades.n_term_warning(n)
    return CeGradeAnswer(tenths, CVTE, (warning,) if warning else ())


# --- final_grade ----------------------------------------------------------------------------------

def final_grade(data: Any, pol: Policy) -> FinalGradeAnswer:
    data = _obj(data, "input")
    se_raw, ce_raw = data.get("se"), data.get("ce")
    if se_raw is None and ce_raw is None:
        raise CalcInputError("velden 'se' en 'ce' ontbreken: verwacht een SE-cijfer, een CE-cijfer "
                             "of allebei")
    if se_raw is not None and ce_raw is not None:
        ce = grade(ce_raw, "ce", max_decimals=1)
        se = grade(se_raw, "se", max_decimals=1)
        return FinalGradeAnswer(grades.final_grade(se, ce), f"{UVB} art. 3.32 lid 2")
    if se_raw is not None:
        se = grade(se_raw, "se")
        steps = pol.se_only_rounding_steps
        return FinalGradeAnswer(grades.se_only_final_grade(se, steps),
                                f"{UVB} art. 3.32 lid 3 en art. 3.13 lid 2; afronding: "
                                f"regelpakket {pol.name}", steps)
    ce = grade(ce_raw, "ce", max_decimals=1)
    return FinalGradeAnswer(grades.ce_only_final_grade(ce),
                            f"{UVB} art. 3.32 lid 1 (alleen centraal examen: CE-cijfer afgerond)")


# --- combination_grade ----------------------------------------------------------------------------

def combination_grade(data: Any, pol: Policy) -> CombinationAnswer:
    data = _obj(data, "input")
    exam = Exam()
    exam.policy = pol
    exam.pack = pol.name
    exam.level, exam.leerweg = level_of(data, need_leerweg=False)
    exam.rules = pol.pass_rules(exam.level)
    raw = data.get("components")
    if not isinstance(raw, list) or not raw:
        raise CalcInputError("veld 'components': verwacht een lijst met ten minste één onderdeel")
    missing = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        field = f"components[{i}]"
        item = _obj(item, field)
        code = item.get("code")
        if not isinstance(code, str) or not code.strip():
            raise CalcInputError(f"veld '{field}.code': verwacht de code van het onderdeel")
        if code in seen:
            raise CalcInputError(f"veld '{field}.code': onderdeel '{code}' staat er twee keer in")
        seen.add(code)
        c = Component(code.strip())
        if item.get("weight") is not None:
            c.weight = whole_number(item["weight"], f"{field}.weight", minimum=1,
                                    maximum=limits.WEIGHT_HI)
            c.profielvak = c.weight > 1
        if item.get("final") is None:
            missing.append(code)
        else:
            c.final = whole_grade(item["final"], f"{field}.final")
        exam.components.append(c)
    _mark_profielvak(exam)
    article = (f"{UVB} art. 3.34 lid 2 en 4" if exam.level in ("vwo", "havo")
               else f"{UVB} art. 3.35 lid 3, 4 en 5")
    if missing:
        return CombinationAnswer(None, None, article, tuple(
            Missing("eindcijfer", m, f"Het eindcijfer van onderdeel {m} ontbreekt.")
            for m in missing))
    keuze = len(exam.components) - sum(1 for c in exam.components if c.profielvak)
    value = grades.combination_grade((c.final, keuze if c.profielvak else c.weight)  # type: ignore[misc]
                                     for c in exam.components)
    ok = all(c.final >= exam.rules.component_min for c in exam.components)  # type: ignore[operator]
    return CombinationAnswer(value, ok, article)


# --- outcome --------------------------------------------------------------------------------------

def undecidable(exam: Exam) -> Outcome:
    """The outcome while facts are missing, with the final grades already known."""
    st = state(exam)
    return undecided(tuple(exam.missing), {k: v for k, v in st.finals.items() if v is not None},
                     tuple(exam.warnings))


def outcome(data: Any, pol: Policy) -> Outcome:
    exam = parse_exam(data, pol, op="outcome")
    if exam.missing:
        return undecidable(exam)
    return outcome_of(exam)


def outcome_of(exam: Exam) -> Outcome:
    """The full outcome of a parsed exam without missing facts."""
    st = state(exam)
    d, checks = decide_explained(exam, st)
    pack = rules_pack(exam)
    active = d.dropped

    if d.passed:
        reasons = reasons_of(checks, exam, violated_only=False)
        if active:
            reasons.append(dropped_note(exam, active, pack))
    else:
        reasons = []
        if d.composition_problems:
            reasons.append(composition_reason(exam, d.composition_problems, pack))
        reasons += reasons_of(checks, exam, violated_only=True)
    ce_sum = 0
    ce_n = 0
    for s in exam.subjects:
        if s.has_ce and s.code not in active:
            ce_sum += st.ce[s.code]  # type: ignore[operator]
            ce_n += 1
    cl = judge(exam, st, active, True) if d.passed else None
    notes = tuple(note(exam, rule, source, text, numbers, pack)
                  for rule, source, text, numbers in exam.notes)
    warnings = list(exam.warnings)
    if cl is not None and cl.missing_parts:
        warnings.append("Cum laude is niet te bepalen: bij " + ", ".join(cl.missing_parts)
                        + " ontbreekt 'part' (gd, pd, vd of extra).")
    if exam.rules.core_rule == "kernvakken" and not any(s.kernvak for s in exam.subjects):
        warnings.append("Geen vak heeft kernvak: true; de kernvakkenregel (art. 3.34 lid 1 "
                        "onder b) is daardoor niet getoetst.")
    text = ("Geslaagd." if d.passed else "Afgewezen.")
    if d.passed and active:
        names = [exam.name_of(c) for c in sorted(active)]
        text = "Geslaagd, zonder " + join_nl(names) + " (art. 3.33 lid 3)."
    return Outcome(
        decidable=True,
        passed=d.passed,
        final_grades={k: v for k, v in st.finals.items() if v is not None},
        reasons=tuple(reasons),
        dropped=tuple(sorted(active)),
        ce_average=CeAverage(ce_sum, ce_n),
        combination_grade=combination_of(exam, st.finals, active),
        cum_laude=(False if cl is None else None if cl.cum_laude is None else bool(cl.cum_laude)),
        cum_laude_reasons=cl.reasons if cl is not None else (),
        school_rule=cl.school_rule if cl is not None else None,
        text=text,
        notes=notes,
        warnings=tuple(warnings),
    )


# --- cum_laude ------------------------------------------------------------------------------------

def cum_laude(data: Any, pol: Policy) -> CumLaudeAnswer:
    exam = parse_exam(data, pol, op="cum_laude")
    if exam.missing:
        return CumLaudeAnswer(cum_laude=None, decidable=False, missing=tuple(exam.missing))
    st = state(exam)
    passed = bool(exam.passed_given)
    res = judge(exam, st, EMPTY, passed)
    missing: tuple[Missing, ...] = ()
    if res.missing_parts and res.cum_laude is None:
        missing = tuple(Missing("vakdeel", c, f"Bij {c} ontbreekt 'part' (gd, pd, vd of extra).")
                        for c in res.missing_parts)
    return CumLaudeAnswer(cum_laude=res.cum_laude, decidable=res.cum_laude is not None,
                          average=res.average, reasons=res.reasons, school_rule=res.school_rule,
                          missing=missing)


__all__ = ["ce_grade", "combination_grade", "cum_laude", "final_grade", "outcome", "outcome_of",
           "undecidable"]
