"""The engine's answers as typed objects: what a decision, a resit advice or a `needed` says.

Why objects and not dicts: the results of a school, the screens and the exports read these
answers field by field (is this candidate geslaagd, which resit is the smallest step, what
is the summary sentence without the first option), and a dict of strings would have to be
parsed back, or a sentence cut apart, to get at them. Only the edges turn them into JSON:
`as_json()` gives exactly the `result` object of `calc` (docs/calc.md), key for key and in
the same order, so the protocol stays byte-for-byte what it was.

Grades stay exact: CE grades and averages as integer tenths, final grades as whole numbers.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from examenbureau.core.hookspecs import SchoolRule
from examenbureau.core.reasons import Missing, Reason

from .texts import tenths_nl

UVB = "Uitvoeringsbesluit WVO 2020"
RESIT_SOURCE = f"{UVB} art. 3.38 lid 1 en art. 3.39 lid 1"
NEEDED_SOURCE = f"{UVB} art. 3.32, 3.34 en 3.35"


def tenths_text(t: int) -> str:
    """A grade in tenths as JSON text with a point: 55 -> "5.5" (never through a float)."""
    return str(Decimal(t).scaleb(-1))


def _reasons(items: tuple[Reason, ...]) -> list[dict[str, Any]]:
    return [r.as_json() for r in items]


def _school_rule(rule: SchoolRule | None) -> dict[str, Any] | None:
    return None if rule is None else {"source": rule.source, "met": rule.met, "text": rule.text}


@attrs.define
class CeAverage:
    """The CE grades the decision counted (art. 3.34/3.35 lid 1 onder a): their sum in tenths
    and how many; the mean is never rounded, only compared or cut off for a sentence."""

    sum_tenths: int
    count: int

    @property
    def sum(self) -> Decimal:
        return Decimal(self.sum_tenths).scaleb(-1)

    @property
    def mean(self) -> Fraction | None:
        """The exact mean, or None without CE subjects."""
        return Fraction(self.sum_tenths, 10 * self.count) if self.count else None

    def as_json(self) -> dict[str, Any]:
        return {"sum": tenths_text(self.sum_tenths), "count": self.count}


@attrs.define
class Outcome:
    """The uitslag of one candidate (calc op `outcome`).

    `decidable` False: something the decision needs is missing (`missing` names every item);
    `passed` and `cum_laude` are then None and only the final grades already known are given.
    """

    decidable: bool
    passed: bool | None
    final_grades: dict[str, int]
    missing: tuple[Missing, ...] = ()
    reasons: tuple[Reason, ...] = ()
    dropped: tuple[str, ...] = ()
    ce_average: CeAverage | None = None
    combination_grade: int | None = None
    cum_laude: bool | None = None
    cum_laude_reasons: tuple[Reason, ...] = ()
    school_rule: SchoolRule | None = None
    text: str = ""
    notes: tuple[Reason, ...] = ()
    warnings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        if not self.decidable:
            return {
                "passed": None,
                "decidable": False,
                "missing": [m.as_json() for m in self.missing],
                "reasons": [],
                "dropped": [],
                "ce_average": None,
                "final_grades": dict(self.final_grades),
                "combination_grade": None,
                "cum_laude": None,
                "text": self.text,
                "notes": [],
                "warnings": list(self.warnings),
            }
        return {
            "passed": self.passed,
            "decidable": True,
            "reasons": _reasons(self.reasons),
            "dropped": list(self.dropped),
            "ce_average": self.ce_average.as_json() if self.ce_average is not None else None,
            "final_grades": dict(self.final_grades),
            "combination_grade": self.combination_grade,
            "cum_laude": self.cum_laude,
            "cum_laude_reasons": _reasons(self.cum_laude_reasons),
            "school_rule": _school_rule(self.school_rule),
            "missing": [],
            "text": self.text,
            "notes": _reasons(self.notes),
            "warnings": list(self.warnings),
        }


def undecided(missing: tuple[Missing, ...], final_grades: dict[str, int],
              warnings: tuple[str, ...]) -> Outcome:
    """The outcome while facts are missing: "nog niet te bepalen", each item named."""
    return Outcome(decidable=False, passed=None, final_grades=final_grades, missing=missing,
                   text="Nog niet te bepalen: " + " ".join(m.text for m in missing),
                   warnings=warnings)


@attrs.define
class CumLaude:
    """The judicium cum laude (art. 3.47/3.48) for a decided candidate.

    `cum_laude` None: a subject's part of the exam (gd, pd, vd, extra) is not known, so the
    mean cannot be formed (`missing_parts` names them). `average` is (sum, count) of the whole
    final grades that form the mean.
    """

    cum_laude: bool | None
    average: tuple[int, int] | None
    reasons: tuple[Reason, ...]
    school_rule: SchoolRule | None = None
    missing_parts: tuple[str, ...] = ()


@attrs.define
class CumLaudeAnswer:
    """The calc op `cum_laude`: the judicium on given grades and a given pass."""

    cum_laude: bool | None
    decidable: bool
    average: tuple[int, int] | None = None
    reasons: tuple[Reason, ...] = ()
    school_rule: SchoolRule | None = None
    missing: tuple[Missing, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "cum_laude": self.cum_laude,
            "decidable": self.decidable,
            "average": ({"sum": self.average[0], "count": self.average[1]}
                        if self.average is not None else None),
            "reasons": _reasons(self.reasons),
            "school_rule": _school_rule(self.school_rule),
            "missing": [m.as_json() for m in self.missing],
        }


@attrs.define
class ResitOption:
    """One CE resit that changes the result (art. 3.38 lid 1; the highest grade counts, 3.39):
    with at least `lowest_tenths` on the resit of `subject` the candidate passes (goal
    "slagen") or gets cum laude (goal "cum laude"); `final_grade` is the final grade then."""

    subject: str
    name: str
    ce_tenths: int
    lowest_tenths: int
    final_grade: int
    goal: str

    @property
    def gain_tenths(self) -> int:
        """How far above the current CE grade the resit must come: the smallest step first."""
        return self.lowest_tenths - self.ce_tenths

    @property
    def text(self) -> str:
        result = "ben je geslaagd" if self.goal == "slagen" else "krijg je cum laude"
        return (f"Als je bij de herkansing voor {self.name} minimaal een "
                f"{tenths_nl(self.lowest_tenths)} haalt, {result} (je eindcijfer voor "
                f"{self.name} wordt dan {self.final_grade}).")

    def as_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "name": self.name, "ce": tenths_text(self.ce_tenths),
                "lowest_ce": tenths_text(self.lowest_tenths), "final_grade": self.final_grade,
                "text": self.text}


@attrs.define
class Advice:
    """Which single CE resit helps (calc op `resit_advice`).

    `summary` is the engine's own sentence about the candidate's position ("Je bent nu
    afgewezen, maar met één herkansing kun je nog slagen."); `options` are the resits that
    change the result, the smallest step first. `text` is the summary followed by the first
    option, as `calc` gives it. `outcome` is set only when the decision itself is not possible
    yet (`decidable` False).
    """

    decidable: bool
    passed: bool | None
    summary: str = ""
    options: tuple[ResitOption, ...] = ()
    reasons: tuple[Reason, ...] = ()
    cum_laude: bool | None = None
    cum_laude_reasons: tuple[Reason, ...] = ()
    notes: tuple[str, ...] = ()
    source: str = RESIT_SOURCE
    outcome: Outcome | None = None
    # the CE resits already taken, when none is left (Uvb art. 3.38 lid 1): nothing is suggested
    resits_used: tuple[str, ...] = ()
    resits_left: int | None = None

    @property
    def resit_helps(self) -> bool:
        return bool(self.options)

    @property
    def text(self) -> str:
        if self.options:
            return f"{self.summary} {self.options[0].text}"
        return self.summary

    def as_json(self) -> dict[str, Any]:
        out = self._json()
        if self.resits_used:
            out.update(resits_used=list(self.resits_used), resits_left=self.resits_left,
                       reasons=_reasons(self.reasons))
        return out

    def _json(self) -> dict[str, Any]:
        if not self.decidable:
            assert self.outcome is not None
            return {**self.outcome.as_json(), "options": [], "source": self.source}
        options = [o.as_json() for o in self.options]
        if self.passed is False:
            return {"passed": False, "decidable": True, "resit_helps": self.resit_helps,
                    "options": options, "reasons": _reasons(self.reasons), "text": self.text,
                    "notes": list(self.notes), "source": self.source}
        if self.cum_laude:
            return {"passed": True, "decidable": True, "cum_laude": True, "options": [],
                    "text": self.text, "notes": list(self.notes), "source": self.source}
        return {"passed": True, "decidable": True, "cum_laude": self.cum_laude,
                "options": options, "cum_laude_reasons": _reasons(self.cum_laude_reasons),
                "text": self.text, "notes": list(self.notes), "source": self.source}


@attrs.define
class NeededSubject:
    """One CE still to come: the lowest CE grade with which passing is still possible (tenths,
    None when no grade is enough), and, when the exam's L and N are known, the lowest score."""

    subject: str
    name: str
    se: Decimal | None
    lowest_tenths: int | None
    scale_length: int | None = None
    n_term: Decimal | None = None
    lowest_score: int | None = None
    same_for_all_score: int | None = None
    # False for an extra subject that any CE grade leaves the uitslag as it is: it is left out
    # when it would hurt (art. 3.33 lid 3), so "minimaal een 1,0" would tell a pupil nothing
    decides: bool = True

    @property
    def possible(self) -> bool:
        return self.lowest_tenths is not None

    def as_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "subject": self.subject, "name": self.name,
            "se": str(self.se) if self.se is not None else None,
            "lowest_ce": tenths_text(self.lowest_tenths) if self.lowest_tenths else None,
            "possible": self.possible}
        if self.scale_length is not None and self.n_term is not None:
            row["L"] = self.scale_length
            row["N"] = str(self.n_term)
            row["lowest_score"] = self.lowest_score
            row["same_for_all_score"] = self.same_for_all_score
        if not self.decides:
            row["decides"] = False
        return row


@attrs.define
class Needed:
    """Before the CE (calc op `needed`): per CE still to come the lowest grade that still lets
    the candidate pass. `possible` False: not even a 10,0 on every open CE is enough (the
    `reasons` say why). Without open CEs `pending` is empty and `passed` is the decision."""

    decidable: bool
    pending: tuple[str, ...] = ()
    subjects: tuple[NeededSubject, ...] = ()
    possible: bool | None = None
    same_for_all_tenths: int | None = None
    passed: bool | None = None
    reasons: tuple[Reason, ...] = ()
    text: str = ""
    source: str = NEEDED_SOURCE
    outcome: Outcome | None = None
    # the CE resits already taken, when none is left: said in `text`, nothing suggested
    resits_used: tuple[str, ...] = ()
    resits_left: int | None = None

    def as_json(self) -> dict[str, Any]:
        out = self._json()
        if self.resits_used:
            out.update(resits_used=list(self.resits_used), resits_left=self.resits_left)
        return out

    def _json(self) -> dict[str, Any]:
        if not self.decidable:
            assert self.outcome is not None
            return {**self.outcome.as_json(), "subjects": [], "same_for_all": None}
        if not self.pending:
            return {"decidable": True, "pending": [], "subjects": [], "same_for_all": None,
                    "passed": self.passed, "text": self.text}
        subjects = [s.as_json() for s in self.subjects]
        if not self.possible:
            return {"decidable": True, "possible": False, "pending": list(self.pending),
                    "subjects": subjects, "same_for_all": None,
                    "reasons": _reasons(self.reasons), "text": self.text}
        assert self.same_for_all_tenths is not None
        return {"decidable": True, "possible": True, "pending": list(self.pending),
                "subjects": subjects, "same_for_all": tenths_text(self.same_for_all_tenths),
                "text": self.text, "source": self.source}


@attrs.define
class CeGradeAnswer:
    """The calc op `ce_grade`: the CE grade in tenths from score, scale length and N-term."""

    tenths: int
    source: str
    warnings: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"grade": tenths_text(self.tenths), "source": self.source}
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


@attrs.define
class FinalGradeAnswer:
    """The calc op `final_grade`: a whole final grade (art. 3.32); `rounding_steps` only for
    an SE-only subject, whose rounding the pack chooses."""

    grade: int
    source: str
    rounding_steps: int | None = None

    def as_json(self) -> dict[str, Any]:
        if self.rounding_steps is None:
            return {"grade": self.grade, "source": self.source}
        return {"grade": self.grade, "rounding_steps": self.rounding_steps, "source": self.source}


@attrs.define
class CombinationAnswer:
    """The calc op `combination_grade`: the grade and whether every component is 4 or more;
    both None while a component's final grade is missing."""

    grade: int | None
    components_ok: bool | None
    source: str
    missing: tuple[Missing, ...] = ()

    def as_json(self) -> dict[str, Any]:
        if self.missing:
            return {"grade": None, "components_ok": None, "decidable": False,
                    "source": self.source, "missing": [m.as_json() for m in self.missing]}
        return {"grade": self.grade, "components_ok": self.components_ok, "source": self.source}


Answer = (Outcome | CumLaudeAnswer | Advice | Needed | CeGradeAnswer | FinalGradeAnswer
          | CombinationAnswer)

__all__ = ["NEEDED_SOURCE", "RESIT_SOURCE", "Advice", "Answer", "CeAverage", "CeGradeAnswer",
           "CombinationAnswer", "CumLaude", "CumLaudeAnswer", "FinalGradeAnswer", "Needed",
           "NeededSubject", "Outcome", "ResitOption", "tenths_text", "undecided"]
