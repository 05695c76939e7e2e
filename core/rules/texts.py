"""Dutch wording of numbers and subjects in the reasons a parent reads.

Why a module: every sentence uses the decimal comma, shows an unrounded mean cut off (never
rounded up past a threshold) and names subjects as the school's documents do.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from examenbureau.core import grades
from examenbureau.core.reference import subject_name as reference_name
from examenbureau.core.reference import table_type

# Codes the vectors and school files use that are not in the DUO table of data/subjects.csv.
_EXTRA_NAMES = {
    "ml": "maatschappijleer",
    "ma": "maatschappijleer",
    "maat": "maatschappijleer",
    "ckv": "ckv",
    "pws": "profielwerkstuk",
    "pv": "profielvak",
    "anw": "algemene natuurwetenschappen",
    "lit": "literatuur",
}


def nl(value: Decimal | int | Fraction, places: int | None = None) -> str:
    """A number with a decimal comma; `places` cuts a mean off (5,4999 -> "5,49", never 5,50)."""
    if places is not None:
        value = grades.truncate(value, places)
    if isinstance(value, Fraction):
        value = grades.truncate(value, 2)
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")


def tenths_nl(t: int) -> str:
    """A grade in tenths as Dutch text: 55 -> "5,5"."""
    return f"{t // 10},{t % 10}"


def mean_nl(total: int | Fraction, count: int, places: int = 2) -> str:
    """total/count cut off to `places` decimals, with a decimal comma (never rounded up)."""
    if type(total) is int and places == 2:
        v = total * 100 // count
        return f"{v // 100},{v % 100:02d}"
    return nl(Fraction(total) / count, places)


def mean_tenths_nl(total_tenths: int, count: int) -> str:
    """A mean of grades given in tenths, cut off to two decimals: (385, 7) -> "5,50"."""
    v = total_tenths * 10 // count
    return f"{v // 100},{v % 100:02d}"


def join_nl(items: Iterable[str]) -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " en " + items[-1]


def school_type(level: str, leerweg: str | None) -> str:
    """The subject-table school type whose names a sentence uses (see reference.table_type)."""
    return table_type(level, leerweg)


@functools.cache
def subject_name(stype: str, code: str) -> str:
    """The subject's Dutch name for this school type, or its code when we do not know it."""
    name = reference_name(stype, code)
    if name is None:
        name = _EXTRA_NAMES.get(code, code)
    return name
