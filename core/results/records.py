"""What a candidate's result holds: per subject SE, CE and final grade, the uitslag, and why.

The grades and the decision are filled for every candidate; the explanation (the reasons of
the uitslag and of cum laude, notes and warnings) is made only when someone reads it (a screen,
`uitslag --format json`): a whole school's overview needs only who passed, and a sentence per
rule for 20,000 candidates would cost more than deciding them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from math import gcd
from typing import Any

import attrs

from examenbureau.core import composition
from examenbureau.core.composition import CandidateRoles
from examenbureau.core.hookspecs import SchoolRule
from examenbureau.core.packs import STATUTORY
from examenbureau.core.reasons import Missing, Reason
from examenbureau.core.rules.answers import Advice, CeAverage, Needed

DEFAULT_PACK = STATUTORY


def _plain(value: Any) -> Any:
    """JSON-safe without floats: Decimal as text with a point, Fraction as "p/q"."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


def split_packed(text: str | None, width: int) -> tuple[tuple[str, ...], ...]:
    """Records packed by string_agg (chr(30) between records, chr(31) between fields), sorted."""
    if not text:
        return ()
    out = []
    for part in text.split("\x1e"):
        fields = part.split("\x1f")
        out.append(tuple(fields + [""] * (width - len(fields)))[:width])
    return tuple(sorted(out))


@attrs.define
class SubjectResult:
    """One subject of one candidate: SE, CE per tijdvak, final grade, and what is missing."""

    subject: str                                   # abbreviation as stored (netl, wisB, ne)
    subject_code: str | None                       # DUO vakcode with leading zeros
    name: str | None
    has_ce: bool
    se_grade: Decimal | None = None                # one decimal; whole for SE-only subjects
    ce_grades: dict[int, Decimal | None] = attrs.field(factory=dict)   # per tijdvak
    ce_grade: Decimal | None = None                # the highest counts (Uvb 3.39)
    final_grade: int | None = None
    assessment: str | None = None                  # goed | voldoende | onvoldoende (lo, kv1, pws)
    missing: list[Missing] = attrs.field(factory=list)
    # which attempt of each PTA test counted, as the JSON list the query made of them (read
    # on use: a national run has millions of them and most are never looked at); see `attempts`
    attempts_json: str | None = attrs.field(default=None, repr=False)
    part: str | None = None                        # gd | pd | vd | extra (from the composition)
    kernvak: bool = False
    in_combination: bool = False
    combination_weight: int = 0
    counts: bool = True                            # takes part in the uitslag (not msst/rekenen)
    # the unrounded weighted mean of the PTA as sum(grade·10 · weight·1000) over
    # 10 · sum(weight·1000), both whole numbers as the store adds them up (see `se_exact`)
    se_num: int | None = attrs.field(default=None, repr=False)
    se_den: int | None = attrs.field(default=None, repr=False)

    @property
    def se_exact(self) -> Fraction | None:
        """The unrounded weighted mean of the PTA, exactly."""
        if self.se_num is None or not self.se_den:
            return None
        return Fraction(self.se_num, 10 * self.se_den)

    @property
    def attempts(self) -> list[tuple[str, str, int]]:
        """(toets, poging, volgnummer) of every PTA test whose result counted, by test code."""
        return [(a["toets"], a["poging"], a["volgnummer"])
                for a in json.loads(self.attempts_json or "[]")]

    def _se_exact_json(self) -> str | None:
        if self.se_num is None or not self.se_den:
            return None
        num, den = self.se_num, 10 * self.se_den
        g = gcd(num, den)
        return f"{num // g}/{den // g}"

    def as_json(self, raw: Callable[[str], Any] | None = None) -> dict[str, Any]:
        """As `uitslag --format json` lists it. `raw` wraps JSON text that is already made (the
        attempts), for an encoder that copies it as it is (orjson.Fragment); without it the
        text is parsed, so any JSON encoder can write the answer."""
        attempts = self.attempts_json or "[]"
        return {
            "vak": self.subject,
            "vakcode": self.subject_code,
            "naam": self.name,
            "centraal_examen": self.has_ce,
            "examendeel": self.part,
            "kernvak": self.kernvak,
            "in_combinatie": self.in_combination,
            "se_cijfer": _plain(self.se_grade),
            "se_exact": self._se_exact_json(),
            "ce_cijfers": {str(p): _plain(g) for p, g in sorted(self.ce_grades.items())},
            "ce_cijfer": _plain(self.ce_grade),
            "eindcijfer": self.final_grade,
            "beoordeling": self.assessment,
            "pogingen": raw(attempts) if raw is not None else json.loads(attempts),
            "ontbreekt": [m.as_json() for m in self.missing],
        }


@attrs.define
class Explanation:
    """Why the uitslag is what it is: the engine's reasons, notes and warnings."""

    reasons: list[Reason] = attrs.field(factory=list)
    cum_laude_reasons: list[Reason] = attrs.field(factory=list)
    notes: list[Reason] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)
    # A board's own cum laude rule next to the law's (calc `school_rule`)
    school_rule: SchoolRule | None = None


@attrs.define
class CandidateResult:
    """The uitslag of one candidate with everything it was based on."""

    exam_year: int
    exam_number: str
    display_name: str                               # "Chloë van Voorbeeld"
    sort_name: str                                  # "Voorbeeld, Chloë van"
    school_type: str | None
    track: str | None
    variant: str | None
    profile: str | None
    class_name: str | None
    subjects: list[SubjectResult] = attrs.field(factory=list)
    combination_grade: int | None = None
    passed: bool | None = None                      # None: nog niet te bepalen
    cum_laude: bool | None = None
    missing: list[Missing] = attrs.field(factory=list)
    dropped: list[str] = attrs.field(factory=list)
    level: str | None = None                        # vwo, havo, vmbo-gt, vmbo-kb, vmbo-bb
    leerweg: str | None = None                      # vmbo-gt: gl | tl (as the composition read it)
    composition: composition.CompositionResult | None = None
    ce_average: CeAverage | None = None             # the CE grades the decision counted
    # The engine's resit advice for this candidate (art. 3.38-3.39): which single CE resit makes
    # a failed candidate pass, or could still bring cum laude. Only asked for (`advice=True`): a
    # secretary opening one candidate needs it, a national run does not.
    advice: Advice | None = None
    # For a candidate whose only gaps are CE grades still to come: per open subject the lowest
    # CE grade (and score, when L and N are known) that still lets them pass (engine's `needed`).
    needed: Needed | None = None
    pack: str = DEFAULT_PACK
    # The explanation, made on first use by `explainer` (see the module docstring).
    explanation_made: Explanation | None = attrs.field(default=None, repr=False, eq=False)
    explainer: Callable[[], Explanation] | None = attrs.field(default=None, repr=False, eq=False)
    # What each subject IS in this candidate's exam (kernvak, part, combination): the decision's
    # input next to the grades, kept for `results.outcome_request`.
    roles: CandidateRoles | None = attrs.field(default=None, repr=False, eq=False)

    @property
    def explanation(self) -> Explanation:
        if self.explanation_made is None:
            self.explanation_made = self.explainer() if self.explainer else Explanation()
            self.explainer = None
        return self.explanation_made

    @property
    def reasons(self) -> list[Reason]:
        return self.explanation.reasons

    @property
    def cum_laude_reasons(self) -> list[Reason]:
        return self.explanation.cum_laude_reasons

    @property
    def notes(self) -> list[Reason]:
        return self.explanation.notes

    @property
    def warnings(self) -> list[str]:
        return self.explanation.warnings

    @property
    def school_rule(self) -> SchoolRule | None:
        return self.explanation.school_rule

    @property
    def status(self) -> str:
        """geslaagd | afgewezen | onbepaald."""
        return {True: "geslaagd", False: "afgewezen"}.get(self.passed, "onbepaald")  # type: ignore[arg-type]

    def subject(self, code: str) -> SubjectResult | None:
        return next((s for s in self.subjects if s.subject == code), None)

    def as_json(self, raw: Callable[[str], Any] | None = None) -> dict[str, Any]:
        """As `uitslag --format json` lists it; `raw` as in `SubjectResult.as_json`."""
        why = self.explanation
        return {
            "examenjaar": self.exam_year,
            "examennummer": self.exam_number,
            "naam": self.display_name,
            "schooltype": self.school_type,
            "leerweg": self.track.lower() if self.track else None,
            "niveau": self.level,
            "variant": self.variant,
            "profiel": self.profile,
            "klas": self.class_name,
            "passed": self.passed,
            "uitslag": self.status,
            "cum_laude": self.cum_laude,
            "combinatiecijfer": self.combination_grade,
            "ce_gemiddelde": self.ce_average.as_json() if self.ce_average else None,
            "dropped": list(self.dropped),
            "reasons": [r.as_json() for r in why.reasons],
            "cum_laude_reasons": [r.as_json() for r in why.cum_laude_reasons],
            "missing": [m.as_json() for m in self.missing],
            "samenstelling": (list(self.composition.problems) if self.composition else None),
            "regelpakket": self.pack,
            "vakken": [s.as_json(raw) for s in self.subjects],
            **({"herkansingsadvies": self.advice.as_json()} if self.advice is not None else {}),
            **({"nodig_op_ce": self.needed.as_json()} if self.needed is not None else {}),
        }


__all__ = ["DEFAULT_PACK", "CandidateResult", "Explanation", "SubjectResult", "split_packed"]
