"""An engine `Exam` built straight from a school's stored facts, without a request to parse.

Why: `parse_exam` reads a request from outside, so every grade arrives as text and is checked
field by field. A school's results come from our own store as whole numbers of tenths that
were checked when they were imported; turning them into text only to parse them back cost a
whole school's results more than the decision itself. This builder fills the same `Exam` that
`parse_exam` would make of `results.outcome_input`'s request (the equivalence test proves it
for every candidate of a demo school and for generated schools), and hands back None for the
rare input only the parser may judge (a grade outside 1,0-10,0), so the parser still says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from examenbureau.core.reference import LEVELS

from . import texts
from .model import (
    PARTS,
    Exam,
    Subject,
    _parse_assessments,
    _parse_combination,
)
from .policy import Policy

# Decimal objects of the SE-only whole grades 1-10, made once.
_WHOLE = {n: Decimal(n) for n in range(1, 11)}


class SubjectFacts(NamedTuple):
    """One subject as the decision needs it: grades in tenths (an SE-only subject: its whole
    SE grade), its part of the exam and its role."""

    code: str
    part: str                    # gd | pd | vd | extra
    kernvak: bool
    in_combination: bool
    has_ce: bool
    se: int | None               # tenths (subject with a CE) or a whole grade (SE-only); None: missing
    ce_tenths: int | None        # None: missing (or no CE)


def exam_from_facts(pol: Policy, *, level: str, leerweg: str | None, variant: str | None,
                    profile: str | None, subjects: Iterable[SubjectFacts],
                    combination: Sequence[tuple[str, int]],
                    assessments: Mapping[str, str]) -> Exam | None:
    """The exam of `outcome` for these facts; None when the request must go through the parser
    (a value the parser refuses with a message of its own)."""
    if level not in LEVELS or (level == "vmbo-gt" and leerweg not in ("gl", "tl")):
        return None
    exam = Exam()
    exam.policy = pol
    exam.pack = pol.name
    exam.level = level
    exam.leerweg = leerweg if level == "vmbo-gt" else None
    exam.stype = texts.school_type(level, exam.leerweg)
    exam.rules = pol.pass_rules(level)
    exam.se_steps = pol.se_only_rounding_steps
    frac = exam.rules.ce_average_min.as_integer_ratio()
    exam.ce_threshold = (frac[0], frac[1])
    exam.cum_laude_key = f"{level}/{exam.leerweg}" if level == "vmbo-gt" else level
    if variant is not None:
        exam.variant = variant.strip().lower()
        if not exam.variant or (level == "vwo" and exam.variant not in ("atheneum", "gymnasium")):
            return None
    if profile is not None:
        exam.profile = profile.strip()
        if not exam.profile:
            return None
    by_code = exam.by_code
    stype = exam.stype
    for i, f in enumerate(subjects):
        part = PARTS.get(f.part)
        if part is None or f.code in by_code or not f.code or f.code != f.code.strip():
            return None
        s = Subject(f.code, i)
        s.name = texts.subject_name(stype, f.code)
        s.part = part
        s.kernvak = f.kernvak
        s.in_combination = f.in_combination
        s.has_ce = f.has_ce
        if f.has_ce:
            if f.ce_tenths is None:
                exam.missing.append(_missing_ce(s))
            elif not 10 <= f.ce_tenths <= 100:
                return None
            s.ce_t = f.ce_tenths
            if f.se is not None:
                if not 10 <= f.se <= 100:
                    return None
                s.se_t = f.se
        elif f.se is not None:
            value = _WHOLE.get(f.se)
            if value is None:
                return None
            s.se_value = value
        if f.se is None:
            exam.missing.append(_missing_se(s))
        exam.subjects.append(s)
        by_code[f.code] = s
    combo: dict[str, Any] | None = None
    if combination:
        combo = {"components": [{"code": code} if weight == 1 else {"code": code, "weight": weight}
                                for code, weight in combination]}
    _parse_combination(exam, combo, False)
    _parse_assessments(exam, assessments)
    return exam


def _missing_ce(s: Subject) -> Any:
    from examenbureau.core.reasons import Missing

    return Missing("CE-cijfer", s.code, f"Het CE-cijfer van {s.name} ontbreekt nog.")


def _missing_se(s: Subject) -> Any:
    from examenbureau.core.reasons import Missing

    return Missing("SE-cijfer", s.code, f"Het SE-cijfer van {s.name} ontbreekt.")


__all__ = ["SubjectFacts", "exam_from_facts"]
