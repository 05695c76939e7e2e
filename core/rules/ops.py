"""The operations of `calc` (shared/formats/calc.md): one function per op, dicts in and out.

Each returns exactly the `result` object of calc.md (plus documented extra keys), with grades as
decimal strings ("5.5") and whole final grades as integers, so the JSON never holds a float.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from examenbureau.core import grades, limits

from .cum_laude import judge
from .engine import EMPTY, decide, details, reasons_of, rules_pack, state
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


def _dec(tenths: int) -> str:
    return str(Decimal(tenths).scaleb(-1))


# --- ce_grade -------------------------------------------------------------------------------------

def ce_grade(data: Any, pol: Policy) -> dict[str, Any]:
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
    result: dict[str, Any] = {"grade": _dec(tenths), "source": CVTE}
    if warning:
        result["warnings"] = [warning]
    return result


# --- final_grade ----------------------------------------------------------------------------------

def final_grade(data: Any, pol: Policy) -> dict[str, Any]:
    data = _obj(data, "input")
    se_raw, ce_raw = data.get("se"), data.get("ce")
    if se_raw is None and ce_raw is None:
        raise CalcInputError("velden 'se' en 'ce' ontbreken: verwacht een SE-cijfer, een CE-cijfer "
                             "of allebei")
    if se_raw is not None and ce_raw is not None:
        ce = grade(ce_raw, "ce", max_decimals=1)
        se = grade(se_raw, "se", max_decimals=1)
        return {"grade": grades.final_grade(se, ce), "source": f"{UVB} art. 3.32 lid 2"}
    if se_raw is not None:
        se = grade(se_raw, "se")
        steps = pol.se_only_rounding_steps
        return {"grade": grades.se_only_final_grade(se, steps), "rounding_steps": steps,
                "source": f"{UVB} art. 3.32 lid 3 en art. 3.13 lid 2; afronding: regelpakket "
                          f"{pol.name}"}
    ce = grade(ce_raw, "ce", max_decimals=1)
    return {"grade": grades.ce_only_final_grade(ce),
            "source": f"{UVB} art. 3.32 lid 1 (alleen centraal examen: CE-cijfer afgerond)"}


# --- combination_grade ----------------------------------------------------------------------------

def combination_grade(data: Any, pol: Policy) -> dict[str, Any]:
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
        from examenbureau.core.reasons import Missing

        return {"grade": None, "components_ok": None, "decidable": False, "source": article,
                "missing": [Missing("eindcijfer", m, f"Het eindcijfer van onderdeel {m} ontbreekt.")
                            .as_json() for m in missing]}
    keuze = len(exam.components) - sum(1 for c in exam.components if c.profielvak)
    value = grades.combination_grade((c.final, keuze if c.profielvak else c.weight)  # type: ignore[misc]
                                     for c in exam.components)
    ok = all(c.final >= exam.rules.component_min for c in exam.components)  # type: ignore[operator]
    return {"grade": value, "components_ok": ok, "source": article}


# --- outcome --------------------------------------------------------------------------------------

def _undecidable(exam: Exam, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    st = state(exam)
    result: dict[str, Any] = {
        "passed": None,
        "decidable": False,
        "missing": [m.as_json() for m in exam.missing],
        "reasons": [],
        "dropped": [],
        "ce_average": None,
        "final_grades": {k: v for k, v in st.finals.items() if v is not None},
        "combination_grade": None,
        "cum_laude": None,
        "text": "Nog niet te bepalen: " + " ".join(m.text for m in exam.missing),
        "notes": [],
        "warnings": list(exam.warnings),
    }
    if extra:
        result.update(extra)
    return result


def outcome(data: Any, pol: Policy) -> dict[str, Any]:
    exam = parse_exam(data, pol, op="outcome")
    if exam.missing:
        return _undecidable(exam)
    return outcome_of(exam)


def outcome_of(exam: Exam) -> dict[str, Any]:
    """The full outcome result for a parsed exam without missing facts."""
    st = state(exam)
    d = decide(exam, st)
    pack = rules_pack(exam)
    active = d.dropped

    if d.passed:
        checks = details(exam, st, active)
        reasons = reasons_of(checks, exam, violated_only=False)
        if active:
            reasons.append(dropped_note(exam, active, pack))
    else:
        reasons = []
        if d.composition_problems:
            reasons.append(composition_reason(exam, d.composition_problems, pack))
        checks = details(exam, st)
        reasons += reasons_of(checks, exam, violated_only=True)
    ce_sum = 0
    ce_n = 0
    for s in exam.subjects:
        if s.has_ce and s.code not in active:
            ce_sum += st.ce[s.code]  # type: ignore[operator]
            ce_n += 1
    cl: dict[str, Any] = (judge(exam, st, active, True) if d.passed
                          else {"cum_laude": False, "reasons": [], "school_rule": None})
    notes = [note(exam, rule, source, text, numbers, pack)
             for rule, source, text, numbers in exam.notes]
    warnings = list(exam.warnings)
    if d.passed and cl.get("missing_parts"):
        warnings.append("Cum laude is niet te bepalen: bij " + ", ".join(cl["missing_parts"])
                        + " ontbreekt 'part' (gd, pd, vd of extra).")
    if exam.rules.core_rule == "kernvakken" and not any(s.kernvak for s in exam.subjects):
        warnings.append("Geen vak heeft kernvak: true; de kernvakkenregel (art. 3.34 lid 1 "
                        "onder b) is daardoor niet getoetst.")
    text = ("Geslaagd." if d.passed else "Afgewezen.")
    if d.passed and active:
        names = [exam.name_of(c) for c in sorted(active)]
        text = "Geslaagd, zonder " + join_nl(names) + " (art. 3.33 lid 3)."
    return {
        "passed": d.passed,
        "decidable": True,
        "reasons": reasons,
        "dropped": sorted(active),
        "ce_average": {"sum": _dec(ce_sum), "count": ce_n},
        "final_grades": {k: v for k, v in st.finals.items() if v is not None},
        "combination_grade": combination_of(exam, st.finals, active),
        "cum_laude": bool(cl["cum_laude"]) if d.passed and cl["cum_laude"] is not None else (
            None if d.passed else False),
        "cum_laude_reasons": cl["reasons"] if d.passed else [],
        "school_rule": cl["school_rule"] if d.passed else None,
        "missing": [],
        "text": text,
        "notes": notes,
        "warnings": warnings,
    }


# --- cum_laude ------------------------------------------------------------------------------------

def cum_laude(data: Any, pol: Policy) -> dict[str, Any]:
    exam = parse_exam(data, pol, op="cum_laude")
    if exam.missing:
        return {"cum_laude": None, "decidable": False, "average": None, "reasons": [],
                "school_rule": None, "missing": [m.as_json() for m in exam.missing]}
    st = state(exam)
    passed = bool(exam.passed_given)
    res = judge(exam, st, EMPTY, passed)
    out: dict[str, Any] = {
        "cum_laude": res["cum_laude"],
        "decidable": res["cum_laude"] is not None,
        "average": res["average"],
        "reasons": res["reasons"],
        "school_rule": res["school_rule"],
        "missing": [],
    }
    if res.get("missing_parts") and res["cum_laude"] is None:
        out["missing"] = [{"what": "vakdeel", "subject": c,
                           "text": f"Bij {c} ontbreekt 'part' (gd, pd, vd of extra)."}
                          for c in res["missing_parts"]]
    return out


__all__ = ["ce_grade", "combination_grade", "cum_laude", "final_grade", "outcome", "outcome_of"]
