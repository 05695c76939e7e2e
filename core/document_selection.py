"""Which candidates get a document now, and who is left out and why.

Why: an SE overview printed with signature lines for a candidate whose school exam has a gap
(demo 5040 misses NE5-T4) gets signed and filed as complete; a cijferlijst for a candidate
whose result cannot be decided yet is simply wrong. So a batch leaves such candidates out
unless the secretary asks for them, and says who and why, so nobody is missed silently.
"""

from __future__ import annotations

import attrs

from .sitting_day import se_missing
from .store import Store


@attrs.frozen
class Selection:
    ready: tuple[str, ...]                          # exam numbers
    left_out: tuple[tuple[str, str, str], ...]      # (exam number, name, why)

    def lines(self) -> list[str]:
        return [f"{number} {name}: {why}" for number, name, why in self.left_out]


def select_for_documents(store: Store, kind: str, exam_year: int, *,
                         class_name: str | None = None, include_incomplete: bool = False
                         ) -> Selection:
    """The candidates of the year (or class) ready for `kind` ("se-overzicht" or
    "cijferlijst"): no SE gap, and for the cijferlijst a decided result."""
    with store.read() as con:
        sql = ("SELECT exam_number, concat_ws(' ', first_name, name_prefix, last_name)"
               " FROM candidates WHERE exam_year = ?")
        params: list[object] = [exam_year]
        if class_name:
            sql += " AND class_name = ?"
            params.append(class_name)
        people = dict(con.execute(sql + " ORDER BY exam_number", params).fetchall())
    why: dict[str, list[str]] = {}
    for number, gaps in se_missing(store, exam_year, list(people)).items():
        why.setdefault(number, []).append("SE niet compleet: " + ", ".join(gaps))
    if kind == "cijferlijst" and people:
        from .results import compute_results

        for result in compute_results(store, exam_year=exam_year, exam_numbers=list(people)):
            if result.passed is None:
                why.setdefault(result.exam_number, []).append("uitslag nog niet te bepalen")
    if include_incomplete:
        return Selection(tuple(people), ())
    ready = tuple(n for n in people if n not in why)
    left = tuple((n, people[n], "; ".join(why[n])) for n in people if n in why)
    return Selection(ready, left)
