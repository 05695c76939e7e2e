"""Reading the requests of the pack-decision ops: one Dutch message per wrong field.

Why separate from `model.py`: those ops (`se_resit`, `ce_resit`, `late_arrival`, `promotion`,
`carry_over`, `deadlines`) ask about resits, sittings and school years, not about an exam's
subjects, so they share these small readers and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from examenbureau.core import grades
from examenbureau.core.reference import LEVELS

from .errors import CalcInputError
from .model import _kind, _obj

# The exam year of each level: havo 5, vwo 6, vmbo 4 (a pre-exam year is any year before it).
EXAM_YEAR = {"vwo": 6, "havo": 5, "vmbo-gt": 4, "vmbo-kb": 4, "vmbo-bb": 4}

__all__ = [
    "EXAM_YEAR",
    "LEVELS",
    "candidate_facts",
    "flag",
    "int_field",
    "leerjaar",
    "level",
    "moment",
    "obj",
    "objects",
    "optional_text",
    "text",
    "text_list",
    "time_of_day",
    "year_grade",
]

obj = _obj


def level(data: Mapping[str, Any], *, required: bool = True) -> str | None:
    raw = data.get("level")
    if raw is None:
        if required:
            raise CalcInputError("veld 'level' ontbreekt: verwacht " + ", ".join(LEVELS))
        return None
    value = raw.strip().lower() if isinstance(raw, str) else raw
    if value not in LEVELS:
        raise CalcInputError(f"veld 'level': '{raw}' is onbekend; verwacht " + ", ".join(LEVELS))
    return value  # type: ignore[no-any-return]


def int_field(data: Mapping[str, Any], field: str, *, required: bool = False, minimum: int = 0,
              maximum: int | None = None, label: str | None = None) -> int | None:
    raw = data.get(field)
    name = label or field
    if raw is None:
        if required:
            raise CalcInputError(f"veld '{name}' ontbreekt: verwacht een geheel getal")
        return None
    if isinstance(raw, bool) or not isinstance(raw, (int, Decimal)) or raw != int(raw):
        raise CalcInputError(f"veld '{name}': verwacht een geheel getal, kreeg {_kind(raw)}")
    value = int(raw)
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" tot en met {maximum}" if maximum is not None else " of meer"
        raise CalcInputError(f"veld '{name}': {value} valt buiten het bereik {minimum}{upper}")
    return value


def leerjaar(data: Mapping[str, Any], lvl: str) -> int:
    value = int_field(data, "leerjaar", required=True, minimum=1, maximum=EXAM_YEAR[lvl])
    assert value is not None
    return value


def flag(data: Mapping[str, Any], field: str, *, label: str | None = None) -> bool | None:
    raw = data.get(field)
    if raw is None or isinstance(raw, bool):
        return raw
    raise CalcInputError(f"veld '{label or field}': verwacht true of false, kreeg {_kind(raw)}")


def text(data: Mapping[str, Any], field: str, *, label: str | None = None) -> str:
    raw = data.get(field)
    if not isinstance(raw, str) or not raw.strip():
        raise CalcInputError(f"veld '{label or field}': verwacht tekst, kreeg {_kind(raw)}")
    return raw.strip()


def optional_text(data: Mapping[str, Any], field: str, *, label: str | None = None,
                  choices: tuple[str, ...] | None = None) -> str | None:
    if data.get(field) is None:
        return None
    value = text(data, field, label=label)
    if choices is not None and value not in choices:
        raise CalcInputError(f"veld '{label or field}': '{value}' is onbekend; verwacht "
                             + ", ".join(choices))
    return value


def text_list(data: Mapping[str, Any], field: str) -> list[str]:
    raw = data.get(field)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CalcInputError(f"veld '{field}': verwacht een lijst met vakcodes, kreeg {_kind(raw)}")
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, str) or not item.strip():
            raise CalcInputError(f"veld '{field}[{i}]': verwacht een vakcode, kreeg {_kind(item)}")
        out.append(item.strip())
    return out


def time_of_day(data: Mapping[str, Any], field: str) -> int:
    """'HH:MM' as minutes after midnight."""
    raw = data.get(field)
    if not isinstance(raw, str):
        raise CalcInputError(f"veld '{field}': verwacht een tijd als 'UU:MM', kreeg {_kind(raw)}")
    parts = raw.strip().split(":")
    if (len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[1]) != 2
            or int(parts[0]) > 23 or int(parts[1]) > 59):
        raise CalcInputError(f"veld '{field}': '{raw}' is geen tijd; verwacht 'UU:MM', "
                             "bijvoorbeeld '09:00'")
    return int(parts[0]) * 60 + int(parts[1])


def moment(data: Mapping[str, Any], field: str) -> datetime | None:
    """'YYYY-MM-DDTHH:MM' (local school time, no zone) or None when left out."""
    raw = data.get(field)
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            value = datetime.fromisoformat(raw.strip())
        except ValueError:
            value = None
        if value is not None and value.tzinfo is None:
            return value
    raise CalcInputError(f"veld '{field}': verwacht datum en tijd als 'JJJJ-MM-DDTUU:MM', "
                         f"bijvoorbeeld '2025-06-11T09:00', kreeg {raw!r}")


def year_grade(raw: Any, field: str) -> Decimal:
    """A year grade: 1,0 to 10,0 with at most one decimal (a comma is fine)."""
    try:
        return grades.parse_grade(raw, what=f"veld '{field}'", max_decimals=1)
    except (TypeError, grades.GradeError) as exc:
        raise CalcInputError(f"{exc}; verwacht een jaarcijfer van 1,0 tot en met 10,0 met "
                             "hoogstens één decimaal") from None


def candidate_facts(data: Mapping[str, Any]) -> tuple[int | None, date | None, tuple[str, ...]]:
    """The optional facts of an `outcome`-shaped request that a board's rules need and the
    law does not: `exam_year`, `lo_date` (when LO was judged, 'JJJJ-MM-DD') and `ce_resits`
    (subjects whose CE was already resat). Left out, they are None/empty: never guessed."""
    year = int_field(data, "exam_year", minimum=2000, maximum=2100)
    raw = data.get("lo_date")
    lo_date = None
    if raw is not None:
        try:
            lo_date = date.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            lo_date = None
        if lo_date is None:
            raise CalcInputError(f"veld 'lo_date': verwacht een datum als 'JJJJ-MM-DD', kreeg "
                                 f"{raw!r}")
    return year, lo_date, tuple(dict.fromkeys(text_list(data, "ce_resits")))


def objects(raw: Any, field: str, what: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Each object of the list in `field` with its label ("used[2]"); none when left out."""
    if raw is None:
        return
    if not isinstance(raw, list):
        raise CalcInputError(f"veld '{field}': verwacht een lijst met {what}")
    for i, item in enumerate(raw):
        label = f"{field}[{i}]"
        yield label, obj(item, label)
