"""Dutch wording of numbers and subjects in the reasons a parent reads.

Why a module: every sentence uses the decimal comma, shows an unrounded mean cut off (never
rounded up past a threshold) and names subjects as the school's documents do.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from importlib import resources

from examenbureau.core import grades

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


@functools.cache
def _names() -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    try:
        text = resources.files("examenbureau.data").joinpath("subjects.csv").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):  # names are a courtesy; codes still work
        return out
    for row in csv.DictReader(text.splitlines(), delimiter=";"):
        code = (row.get("code") or "").strip()
        name = (row.get("name") or "").strip()
        if not code or not name:
            continue
        for st in (row.get("school_types") or "").split("|"):
            out[(st.strip(), code)] = name
    return out


def school_type(level: str, leerweg: str | None) -> str:
    if level == "vmbo-gt":
        return f"vmbo-{leerweg}" if leerweg else "vmbo-tl"
    return level


@functools.cache
def subject_name(stype: str, code: str) -> str:
    """The subject's Dutch name for this school type, or its code when we do not know it."""
    name = _names().get((stype, code))
    if name is None:
        name = _EXTRA_NAMES.get(code, code)
    return name
