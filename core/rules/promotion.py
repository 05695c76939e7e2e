"""The `calc` op `promotion`: promotion from a pre-exam year (bevordering).

Promotion is not in the law; a board's regulation sets the norms (`promotion_rules`), and this
module applies them exactly: year grades rounded half up to whole numbers once, the mean of the
rounded grades never rounded, every rule with its article. Without norms from a pack the answer
is "not decidable" and names the school's regulation.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from examenbureau.core import grades
from examenbureau.core.hookspecs import PromotionRules, Reason
from examenbureau.core.reasons import Missing

from . import pack_input as read
from . import pack_policy
from .errors import CalcInputError
from .pack_answers import PromotionAnswer
from .policy import Policy
from .texts import join_nl, mean_nl, school_type, subject_name

SUFFICIENT = ("voldoende", "goed")
ASSESSMENT_VALUES = ("goed", "voldoende", "onvoldoende")


def _is_core(code: str, patterns: tuple[str, ...]) -> bool:
    return any(code.startswith(p[:-1]) if p.endswith("*") else code == p for p in patterns)


def promotion(data: Any, pol: Policy) -> PromotionAnswer:
    data = read.obj(data, "input")
    level = read.level(data)
    assert level is not None
    leerjaar = read.leerjaar(data, level)
    if leerjaar == read.EXAM_YEAR[level]:
        raise CalcInputError(f"veld 'leerjaar': {leerjaar} is het examenjaar van {level}; daar "
                             "beslist de uitslag (op 'outcome'), niet de bevordering")
    raw = read.obj(data.get("grades") if data.get("grades") is not None else {}, "grades")
    year_grades: dict[str, Decimal | None] = {}
    for code, value in raw.items():
        year_grades[code] = None if value is None else read.year_grade(value, f"grades.{code}")
    lo = read.optional_text(data, "lo", choices=ASSESSMENT_VALUES)
    complete = read.flag(data, "pta_complete")

    rules, pack = pack_policy.promotion_rules(pol, level, leerjaar)
    if rules is None:
        return PromotionAnswer(None, False, (Reason(
            "bevordering", "Wet voortgezet onderwijs 2020 art. 2.60a",
            "De wet kent geen bevorderingsnormen; de bevorderingsregeling van de school beslist. "
            f"Regelpakket '{pol.name}' heeft die niet.", {}, violated=False, pack=pack),),
            "Niet te bepalen met dit regelpakket.")
    return judge(rules, pack, level, year_grades, lo, complete)


def judge(rules: PromotionRules, pack: str, level: str, year_grades: Mapping[str, Decimal | None],
          lo: str | None, complete: bool | None) -> PromotionAnswer:
    """Apply `rules` to one pupil's year grades; the `promotion` result object."""
    stype = school_type(level, None)
    src = rules.sources
    missing = [Missing("jaarcijfer", code, f"Het jaarcijfer van {subject_name(stype, code)} "
                       "ontbreekt.") for code, g in year_grades.items() if g is None]
    if not year_grades:
        missing.append(Missing("jaarcijfer", None, "Er zijn geen jaarcijfers gegeven."))
    if "lo" in rules.assessments and lo is None:
        missing.append(Missing("lo", "lo", "De beoordeling van lichamelijke opvoeding "
                               "ontbreekt."))
    if rules.pta_complete_required and complete is None:
        missing.append(Missing("pta_compleet", None, "Of alle PTA-onderdelen en handelingsdelen "
                               "zijn afgesloten, ontbreekt (veld 'pta_complete')."))
    notes = [Reason("bevordering_lezing", src.get("bevordering_lezing", ""), text, {},
                    violated=False, pack=pack) for text in rules.readings]
    if missing:
        return PromotionAnswer(None, False, tuple(notes),
                               "Nog niet te bepalen: " + " ".join(m.text for m in missing),
                               missing=tuple(missing))

    rounded = {code: grades.round_to_whole(g) for code, g in year_grades.items()
               if g is not None}
    reasons: list[Reason] = []

    def add(rule: str, text: str, numbers: dict[str, Any], violated: bool) -> None:
        reasons.append(Reason(rule, src.get(rule, ""), text, numbers, violated=violated,
                              pack=pack))

    def listed(items: Mapping[str, int]) -> str:
        return join_nl(f"{subject_name(stype, c)} {g}" for c, g in sorted(items.items()))

    total, count = sum(rounded.values()), len(rounded)
    mean_ok = Fraction(total, count) >= Fraction(rules.mean_min)
    lows = {c: g for c, g in rounded.items() if g < 6}
    pattern = tuple(sorted(lows.values()))
    if not pattern:
        add("bevordering_norm", "Al je afgeronde jaarcijfers zijn 6 of hoger.",
            {"sum": total, "count": count}, False)
    elif pattern in rules.free_lows:
        add("bevordering_norm", f"Je hebt {listed(lows)} en verder alleen 6 of hoger; dat mag.",
            {"low": lows}, False)
    elif pattern in rules.mean_lows:
        mean = mean_nl(total, count)
        add("bevordering_norm",
            f"Je hebt {listed(lows)}; dat mag als het gemiddelde van je afgeronde jaarcijfers "
            f"minimaal {_nl(rules.mean_min)} is. Het is {mean} ({total} gedeeld door {count})"
            + ("." if mean_ok else ", dus te laag."),
            {"low": lows, "sum": total, "count": count, "minimum": rules.mean_min},
            not mean_ok)
    else:
        add("bevordering_norm",
            f"Je hebt te veel onvoldoendes: {listed(lows)}.", {"low": lows}, True)
    below = {c: g for c, g in rounded.items() if g < rules.lowest}
    if below:
        add("bevordering_minimum",
            f"Geen jaarcijfer mag lager zijn dan {rules.lowest}; je hebt {listed(below)}.",
            {"low": below, "minimum": rules.lowest}, True)
    core = {c: g for c, g in rounded.items() if _is_core(c, rules.core_subjects)}
    core_low = {c: g for c, g in core.items() if g < 6}
    core_bad = {c: g for c, g in core.items() if g < rules.core_min}
    if core:
        bad = len(core_low) > rules.core_max_below_six or bool(core_bad)
        add("bevordering_kernvakken",
            (f"In de kernvakken ({listed(core)}) mag je hoogstens "
             f"{_onvoldoendes(rules.core_max_below_six)} hebben, en minimaal een "
             f"{rules.core_min}") + (", en dat klopt niet." if bad else "; dat klopt."),
            {"grades": core, "max_below_six": rules.core_max_below_six,
             "minimum": rules.core_min}, bad)
    if "lo" in rules.assessments:
        ok = lo in SUFFICIENT
        add("bevordering_lo", f"Lichamelijke opvoeding is beoordeeld als '{lo}'"
            + ("." if ok else "; dat moet 'voldoende' of 'goed' zijn."), {"lo": lo}, not ok)
    incomplete = rules.pta_complete_required and complete is False
    if rules.pta_complete_required:
        add("bevordering_pta",
            "Niet alle PTA-onderdelen en handelingsdelen zijn afgesloten; dan ben je niet "
            "bevorderbaar." if incomplete else
            "Alle PTA-onderdelen en handelingsdelen zijn afgesloten.", {}, incomplete)
    if incomplete:
        decision = rules.incomplete
    elif any(r.violated for r in reasons):
        decision = rules.below_norm
    else:
        decision = "bevorderd"
    text = {"bevorderd": "Bevorderd.",
            "bespreken": "Voldoet niet aan de bevorderingsnormen: de overgangsvergadering "
                         "bespreekt je (dat is geen afwijzing).",
            "niet_bevorderbaar": "Niet bevorderbaar."}.get(decision, decision)
    return PromotionAnswer(decision, True, tuple(reasons + notes), text, rounded=rounded,
                           total=total, count=count)


def _nl(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


def _onvoldoendes(n: int) -> str:
    return {0: "geen onvoldoende", 1: "één onvoldoende"}.get(n, f"{n} onvoldoendes")
