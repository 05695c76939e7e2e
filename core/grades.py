"""Exact grade arithmetic: the one place that parses, rounds and converts grades.

Why one module: the regulation's answers hinge on the last digit. 5,4 and 5,5 give a final
grade of 5 (art. 3.32 lid 2 rounds the exact mean 5,45 once), a CE sum of 38,5 over 7 subjects
is exactly 5,5 and passes, and 9·2/40 + 1 is exactly 1,45 and becomes 1,5. Binary floats get
all three wrong, Python's `round` rounds half to even, and rounding twice moves a grade. So:

* grades come in as text, int or Decimal, never as float (a float raises TypeError);
* every mean is computed exactly (Fraction or integer arithmetic) and rounded ONCE, half up,
  from the exact value;
* rounding is "half up" as the Uitvoeringsbesluit words it: "indien het eerste cijfer achter
  de komma een 4 of lager is, naar beneden afgerond en indien dat cijfer een 5 of hoger is,
  naar boven afgerond" (art. 3.32 lid 2, 3.34 lid 4, 3.35 lid 5). Grades are never negative,
  so half up and half away from zero agree.

Nothing here knows a school type or a rule pack; `examenbureau.core.rules` decides which of
these functions a rule uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from .limits import MAX_CELL_CHARS, quote

Exact = int | Decimal | Fraction
GradeInput = str | int | Decimal

__all__ = [
    "GradeError",
    "ce_grade",
    "ce_grade_exact",
    "ce_grade_tenths",
    "ce_only_final_grade",
    "combination_grade",
    "final_grade",
    "final_grade_tenths",
    "lowest_score_for",
    "n_term_tenths",
    "n_term_warning",
    "parse_decimal",
    "parse_grade",
    "round_half_up",
    "round_to_tenths",
    "round_to_whole",
    "se_only_final_grade",
    "se_only_final_grade_ratio",
    "tenths",
    "tenths_half_up",
    "truncate",
    "weighted_mean",
    "whole_half_up",
]

# ASCII digits only, no sign: the same numbers the importers accept (core/limits.py).
_NUMBER = re.compile(r"^\s*([0-9]+)(?:[.,]([0-9]+))?\s*$")
ONE = Decimal(1)
TENTH = Decimal("0.1")


class GradeError(ValueError):
    """A value that is not a valid grade or exam parameter; the message is Dutch."""


# --- parsing --------------------------------------------------------------------------------------

def parse_decimal(value: GradeInput, *, what: str = "cijfer") -> Decimal:
    """A non-negative decimal from text ("5,5" or "5.5"), int or Decimal; never from a float.

    Why no float: a float has already lost the value (5.45 is stored as 5.4500000000000001776),
    so accepting one would hide the bug this module exists to prevent.
    """
    if type(value) is int:
        if value < 0:
            raise GradeError(f"{what}: {value} is negatief")
        return Decimal(value)
    if isinstance(value, bool):
        raise TypeError(f"{what}: true/false is geen getal")
    if isinstance(value, float):
        raise TypeError(f"{what}: een float ({value!r}) wordt niet geaccepteerd; geef tekst, "
                        "een geheel getal of een Decimal")
    if isinstance(value, Decimal):
        if not value.is_finite() or value < 0:
            raise GradeError(f"{what}: {quote(str(value))} is geen geldig getal (verwacht 0 of meer)")
        return value
    if isinstance(value, int):
        if value < 0:
            raise GradeError(f"{what}: {value} is negatief")
        return Decimal(value)
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:   # the importers' bound; 10 MB of digits overflows Decimal
            raise GradeError(f"{what}: {quote(value, with_length=False)} is {len(value)} tekens lang, verwacht "
                             f"hoogstens {MAX_CELL_CHARS}")
        m = _NUMBER.match(value)
        if not m:
            raise GradeError(f"{what}: {quote(value)} is geen getal (verwacht bijvoorbeeld 5,5 of 5.5)")
        whole, frac = m.groups()
        return Decimal(f"{whole}.{frac}") if frac is not None else Decimal(whole)
    raise TypeError(f"{what}: {type(value).__name__} is geen getal of tekst")


def parse_grade(value: GradeInput, *, what: str = "cijfer",
                max_decimals: int | None = None) -> Decimal:
    """A grade on the scale 1,0 to 10,0 (Uvb art. 3.13 lid 1, 3.25), exactly as given.

    `max_decimals` enforces the legal precision where the law fixes it: one decimal for an SE
    grade of a subject with a CE and for a CE grade (art. 3.13 lid 1), none for an SE-only
    subject's final grade (art. 3.13 lid 2).
    """
    d = parse_decimal(value, what=what)
    if d < 1 or d > 10:
        raise GradeError(f"{what}: {format(d, 'f').replace('.', ',')} ligt niet tussen 1,0 en 10,0")
    if max_decimals is not None and _decimals(d) > max_decimals:
        places = "één decimaal" if max_decimals == 1 else f"{max_decimals} decimalen"
        if max_decimals == 0:
            places = "geen decimalen"
        raise GradeError(f"{what}: {format(d, 'f').replace('.', ',')} heeft meer dan {places}")
    return d


def parse_grade_tenths(value: GradeInput, *, what: str = "cijfer") -> int:
    """A grade of 1,0-10,0 with at most one decimal, as whole tenths ("5,5" -> 55).

    The common case of every request (SE and CE grades, art. 3.13 lid 1), so text is read
    straight into an integer without building a Decimal first.
    """
    if type(value) is str and len(value) <= MAX_CELL_CHARS:  # longer: refused by parse_decimal
        t = _TENTHS.get(value)
        if t is not None:
            return t
        m = _NUMBER.match(value)
        if m is not None:
            whole, frac = m.groups()
            if frac is None or len(frac.rstrip("0")) <= 1:
                t = int(whole) * 10 + (int(frac[0]) if frac else 0)
                if 10 <= t <= 100:
                    if len(_TENTHS) < 4096:  # a request repeats the same few hundred texts
                        _TENTHS[value] = t
                    return t
    d = parse_grade(value, what=what, max_decimals=1)
    return int(d * 10)


_TENTHS: dict[str, int] = {}


def _decimals(d: Decimal) -> int:
    exp = d.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def tenths(value: Decimal | int) -> int:
    """A grade with at most one decimal as a whole number of tenths (5,5 -> 55), exactly."""
    scaled = Decimal(value) * 10
    if scaled != scaled.to_integral_value():
        raise GradeError(f"{value} heeft meer dan één decimaal")
    return int(scaled)


# --- rounding -------------------------------------------------------------------------------------

def _fraction(x: Exact) -> Fraction:
    if isinstance(x, float):
        raise TypeError("een float wordt niet geaccepteerd")
    if isinstance(x, bool):
        raise TypeError("true/false is geen getal")
    return x if isinstance(x, Fraction) else Fraction(x)


def round_half_up(x: Exact, places: int = 0) -> Decimal:
    """`x` rounded half up to `places` decimals from its exact value: floor(x·10^p + 1/2)/10^p."""
    f = _fraction(x)
    scale = 10 ** places
    n = (f * scale + Fraction(1, 2)).__floor__()
    return Decimal(n).scaleb(-places) if places else Decimal(n)


def round_to_tenths(x: Exact) -> Decimal:
    """One decimal, half up, in one step (CE grade; an SE grade where the PTA says so)."""
    return round_half_up(x, 1)


def tenths_half_up(p: int, q: int) -> int:
    """The grade p/q in tenths, rounded half up once (`round_to_tenths` on whole numbers):
    floor(10·p/q + 1/2) = (20p + q) // 2q. For results of a whole school, where a Fraction per
    subject would cost more than the rest of the arithmetic together."""
    return (20 * p + q) // (2 * q)


def whole_half_up(p: int, q: int) -> int:
    """The number p/q rounded half up to a whole number (`round_to_whole` on whole numbers)."""
    return (2 * p + q) // (2 * q)


def se_only_final_grade_ratio(p: int, q: int, steps: int = 1) -> int:
    """`se_only_final_grade` of the exact SE grade p/q, in integer arithmetic only."""
    if steps == 1:
        return whole_half_up(p, q)
    if steps == 2:
        return whole_half_up(tenths_half_up(p, q), 10)
    raise GradeError(f"afronding in {steps} stappen bestaat niet (1 of 2)")


def round_to_whole(x: Exact) -> int:
    """A whole number, half up, in one step: the first decimal decides (art. 3.32 lid 2)."""
    f = _fraction(x)
    return (f + Fraction(1, 2)).__floor__()


def truncate(x: Exact, places: int) -> Decimal:
    """Cut off (never round) to `places` decimals; for SHOWING an unrounded mean.

    Why: 5,4999 must never be shown as "5,50" next to the sentence "dat moet minimaal 5,5 zijn".
    """
    f = _fraction(x)
    scale = 10 ** places
    return Decimal((f * scale).__floor__()).scaleb(-places)


# --- means ----------------------------------------------------------------------------------------

def weighted_mean(pairs: Iterable[tuple[Exact, Exact]]) -> Fraction:
    """The exact weighted mean of (grade, weight) pairs, e.g. SE results with PTA weights.

    Returned unrounded: how an SE grade is rounded is the school's rule (PTA, WVO 2.60a), so the
    caller rounds it once with `round_to_tenths` or as its pack says.
    """
    num = Fraction(0)
    den = Fraction(0)
    for grade, weight in pairs:
        w = _fraction(weight)
        if w < 0:
            raise GradeError(f"weging {weight} is negatief")
        num += _fraction(grade) * w
        den += w
    if den == 0:
        raise GradeError("geen cijfers met een weging groter dan 0: het gemiddelde bestaat niet")
    return num / den


# --- final grades ---------------------------------------------------------------------------------

def final_grade(se: Exact, ce: Exact) -> int:
    """Art. 3.32 lid 2: the mean of SE and CE grade, rounded to a whole number ONCE.

    5,4 and 5,5 give 5,45 -> 5 (not 5,5 -> 6); 5,5 and 5,5 give 6; 6,2 and 4,8 give 5,5 -> 6.
    """
    return round_to_whole((_fraction(se) + _fraction(ce)) / 2)


def final_grade_tenths(se_tenths: int, ce_tenths: int) -> int:
    """`final_grade` on grades in tenths: floor((se + ce)/20 + 1/2), integer arithmetic only."""
    return (se_tenths + ce_tenths + 10) // 20


def se_only_final_grade(se: Exact, steps: int = 1) -> int:
    """Final grade of a subject with only a school exam (art. 3.32 lid 3, 3.13 lid 2).

    The law wants a whole number but leaves the rounding of a raw SE average to the school
    (DUO examenloket "Schoolexamen"; examenblad "Hoe moeten cijfers worden afgerond?"):
    `steps=1` rounds the exact value (6,45 -> 6), `steps=2` first to one decimal, then to a
    whole number (6,45 -> 6,5 -> 7; OZHW examenreglement art. 33 lid 4).
    """
    if isinstance(se, (int, Decimal)) and se == int(se):
        return int(se)  # already whole: both methods agree
    if steps == 1:
        return round_to_whole(se)
    if steps == 2:
        return round_to_whole(round_to_tenths(se))
    raise GradeError(f"afronding in {steps} stappen bestaat niet (1 of 2)")


def ce_only_final_grade(ce: Exact) -> int:
    """Final grade of a subject with only a CE (rare, e.g. kunst algemeen): the CE grade rounded
    half up to a whole number. The law only says the final grade is whole (art. 3.32 lid 1); this
    reading is an assumption (rules_spec §2.4, confidence low)."""
    return round_to_whole(ce)


def combination_grade(components: Iterable[tuple[int, int]]) -> int:
    """The combination grade: the (weighted) mean of whole final grades, rounded half up once.

    Art. 3.34 lid 4 (havo/vwo), art. 3.35 lid 5 (vmbo; in gl the profielvak weighs as often as
    there are keuzevakken, lid 4). Integer arithmetic: floor(S/W + 1/2) = (2S + W) // 2W.
    """
    total = 0
    weight = 0
    for final, w in components:
        if type(final) is not int:  # bool and float are not grades
            raise TypeError("een eindcijfer van een onderdeel is een geheel getal")
        if type(w) is not int or w <= 0:
            raise GradeError(f"weging {w} moet een positief geheel getal zijn")
        total += final * w
        weight += w
    if weight == 0:
        raise GradeError("een combinatiecijfer zonder onderdelen bestaat niet")
    return (2 * total + weight) // (2 * weight)


# --- CE score -> CE grade (CvTE) ------------------------------------------------------------------

def n_term_tenths(n_term: GradeInput) -> int:
    """The N-term in tenths. The CvTE sets N with one decimal; a negative N has never been set."""
    d = parse_decimal(n_term, what="N-term")
    if _decimals(d) > 1:
        raise GradeError(f"N-term: {format(d, 'f').replace('.', ',')} heeft meer dan één decimaal")
    return int(d * 10)


def n_term_warning(n_term: GradeInput) -> str | None:
    """A Dutch warning when N lies outside 0,0-2,0: the regeling names that range, but the CvTE
    has set higher N-terms (2,2; 2,3; 2,7), so it is a check, never a refusal (rules_spec §1.3)."""
    nt = n_term_tenths(n_term)
    if nt > 20:
        shown = f"{nt // 10},{nt % 10}"
        return (f"De N-term {shown} is groter dan 2,0. De regeling noemt 0,0 tot 2,0, maar het "
                "CvTE heeft ook hogere N-termen vastgesteld; controleer de N-term.")
    return None


def _check_score(score: int, scale_length: int) -> None:
    for name, v in (("score", score), ("schaallengte L", scale_length)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError(f"{name} is een geheel getal")
    if scale_length <= 0:
        raise GradeError(f"schaallengte L: {scale_length} moet groter dan 0 zijn")
    if not 0 <= score <= scale_length:
        raise GradeError(f"score: {score} ligt niet tussen 0 en de schaallengte {scale_length}")


def ce_grade_exact(score: int, scale_length: int, n_term: GradeInput) -> Fraction:
    """The exact CE grade before rounding (CvTE Regeling omzetting scores, Bijlage 1).

    Main relation C = 9·S/L + N. For N > 1 the boundary relations cap it:
    C <= 1 + S·(9/L)·2 and C <= 10 - (L-S)·(9/L)·0,5; for N < 1 they lift it:
    C >= 1 + S·(9/L)·0,5 and C >= 10 - (L-S)·(9/L)·2. So S = 0 gives 1,0 and S = L gives 10,0
    for every N, and each point is worth between 0,05 and 0,20 grade point at the extremes.
    """
    _check_score(score, scale_length)
    s, length = score, scale_length
    n = Fraction(n_term_tenths(n_term), 10)
    main = Fraction(9 * s, length) + n
    if n > 1:
        return min(main, 1 + Fraction(18 * s, length), 10 - Fraction(9 * (length - s), 2 * length))
    if n < 1:
        return max(main, 1 + Fraction(9 * s, 2 * length), 10 - Fraction(18 * (length - s), length))
    return main


def ce_grade_tenths(score: int, scale_length: int, n_term: GradeInput) -> int:
    """The CE grade in tenths: the exact value rounded half up ONCE to one decimal."""
    return (ce_grade_exact(score, scale_length, n_term) * 10 + Fraction(1, 2)).__floor__()


def ce_grade(score: int, scale_length: int, n_term: GradeInput) -> Decimal:
    """The CE grade with one decimal (e.g. Decimal("5.5")), rounded once from the exact value.

    Half up on one decimal: examenblad ("Welke cijfers tellen mee", 5,55 -> 5,6) and the
    Cito/CvTE implementation; never via two decimals, never banker's rounding.
    """
    return Decimal(ce_grade_tenths(score, scale_length, n_term)).scaleb(-1)


def lowest_score_for(grade_tenths: int, scale_length: int, n_term: GradeInput) -> int | None:
    """The lowest score whose CE grade is at least `grade_tenths`; None when even S = L falls
    short. The conversion never decreases in S, so a binary search is exact."""
    lo, hi = 0, scale_length
    if ce_grade_tenths(hi, scale_length, n_term) < grade_tenths:
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if ce_grade_tenths(mid, scale_length, n_term) >= grade_tenths:
            hi = mid
        else:
            lo = mid + 1
    return lo
