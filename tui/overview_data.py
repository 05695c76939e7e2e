"""What the first screen (Overzicht) shows: the school, the exam year, candidates per type.

Why a module of its own, with dataclasses instead of attrs: it is read twice on the way to the
first screen, by the first-read process (`tui.first_read`) and, to unpickle its answer, by the
app. Importing attrs costs each of those processes about 40 ms of processor time and
`tui.data` (a dozen attrs classes) another 15; the secretary waits for both before the
school's name shows. Nothing on this path imports attrs (tests/tui/test_tui_first_read.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .formatting import SCHOOL_TYPE_ORDER, school_type_label

if TYPE_CHECKING:
    from examenbureau.core.store import Store

# Settings keys that may hold the school's name, in order of preference: the configuration
# import and the demo school write one of these.
SCHOOL_NAME_KEYS = ("school_name", "school.naam", "school_naam", "schoolnaam")


@dataclass(frozen=True)
class TypeCount:
    label: str
    school_type: str
    sub_type: str | None
    count: int


@dataclass(frozen=True)
class Overview:
    school_name: str | None
    exam_year: int | None
    other_years: list[int]
    counts: list[TypeCount]         # per school type and leerweg/variant, known order first
    total: int
    db_path: str

    def subtotal(self, school_type: str) -> int:
        return sum(c.count for c in self.counts if c.school_type == school_type)


def resolve_year(con: Any, exam_year: int | None) -> int | None:
    """The year asked for; else the school's configured exam year; else the latest one."""
    if exam_year is not None:
        return exam_year
    row = con.execute("SELECT value FROM settings WHERE key = 'exam_year'").fetchone()
    if row and row[0] and str(row[0]).strip().isdigit():
        return int(row[0])
    from examenbureau.core.store import latest_exam_year

    return latest_exam_year(con)


def load_overview(store: Store, exam_year: int | None = None) -> Overview:
    with store.read() as con:
        return read_overview(con, str(store.path), exam_year)


def read_overview(con: Any, db_path: str, exam_year: int | None = None) -> Overview:
    """The overview on a connection the caller holds (the first read asks the change counter
    on the same one: each extra open of the file costs it ~50 ms)."""
    year = resolve_year(con, exam_year)
    years = [r[0] for r in con.execute(
        "SELECT DISTINCT exam_year FROM candidates ORDER BY exam_year").fetchall()]
    rows = con.execute(
        "SELECT school_type, track, variant, count(*) FROM candidates WHERE exam_year = ?"
        " GROUP BY ALL", [year]).fetchall()
    name = None
    for key in SCHOOL_NAME_KEYS:
        found = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        if found and found[0]:
            name = found[0]
            break
    counted: dict[tuple[str, str | None], int] = {}
    for school_type, track, variant, n in rows:
        sub = track or variant
        counted[(school_type, sub)] = counted.get((school_type, sub), 0) + n
    counts = [TypeCount(school_type_label(st, sub, None), st, sub, counted.pop((st, sub), 0))
              for st, sub in SCHOOL_TYPE_ORDER]
    for (st, sub), n in sorted(counted.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        label = school_type_label(st, sub, None) if sub else f"{st} (zonder leerweg/variant)"
        counts.append(TypeCount(label, st, sub, n))
    return Overview(
        school_name=name,
        exam_year=year,
        other_years=[y for y in years if y != year],
        counts=counts,
        total=sum(c.count for c in counts),
        db_path=db_path,
    )
