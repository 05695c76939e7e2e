"""The rule pack's part of the candidate screen: resits used and left, and cum laude.

The data and every sentence come from `examenbureau.core.candidate_packs` (the pack's hooks);
this module only lays them out, each reason with its mark, rule and article.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from examenbureau.core.candidate_packs import CandidatePackView, candidate_pack_view
from examenbureau.core.store import StoreError

from .formatting import yes_no

ANSWER = {True: "ja", False: "nee", None: "niet te bepalen"}


def pack_view_of(store: Any, exam_year: int, exam_number: str
                 ) -> tuple[CandidatePackView | None, str | None]:
    """The pack's view of the candidate, or why there is none (a pack error never crashes)."""
    try:
        return candidate_pack_view(store, exam_year, exam_number), None
    except StoreError:
        raise
    except Exception as exc:
        return None, f"niet te berekenen: {type(exc).__name__}: {exc}"


def _reason(reason: Any) -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    mark = Text("✗", style="bold red") if reason.violated else Text("✓", style="green")
    body = Text(reason.text)
    body.append(f"\n{reason.rule} · {reason.source}", style="dim")
    grid.add_row(mark, body)
    return grid


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def pack_block(view: CandidatePackView | None, problem: str | None = None) -> Group | Text:
    if view is None:
        return Text(f"Regelpakket: {problem or 'wordt berekend…'}", style="italic")
    parts: list[Any] = [Text(f"Herkansingen volgens regelpakket {view.pack}", style="bold")]
    se = view.se
    used = ", ".join(f"{u.subject} {u.test or ''}".strip()
                     + (f" (periode {u.period})" if u.period else "") for u in se.used)
    parts.append(Text(f"Schoolexamen: {_count(len(se.used), 'herkansing', 'herkansingen')} "
                      f"gebruikt" + (f": {used}" if used else "") + "."))
    for f in se.forfeits:
        parts.append(Text(f"  vervallen in periode {f.period or '?'}: "
                          f"{f.reason.replace('_', ' ')}"
                          + (f" ({f.lessons} lessen)" if f.lessons is not None else ""),
                          style="yellow"))
    if se.probe is not None and se.answer is not None:
        a = se.answer
        line = Text(f"Nog een schriftelijke toets herkansen ({se.probe.subject} {se.probe.test}, "
                    f"periode {se.probe.period}): ")
        line.append(ANSWER[a.allowed], style="bold")
        if a.left is not None:
            line.append(f"; daarna over: {a.left}" + (f" ({a.pool})" if a.pool else ""))
        parts.append(line)
        parts.extend(_reason(r) for r in a.reasons)
        for option in a.options:
            parts.append(Text(f"  mogelijke maatregel: {option}", style="dim"))
    ce = view.ce
    parts.append(Text(f"Centraal examen: herkanst {', '.join(ce.taken) or 'niets'}; nog "
                      f"{ce.left} van {ce.allowed} over."))
    parts.extend(_reason(r) for r in ce.reasons)
    cl = view.cum_laude
    head = Text("Cum laude (wet): ", style="bold")
    head.append(yes_no(cl.law) if cl.law is not None else "niet te bepalen")
    parts.append(head)
    if cl.school_rule is not None:
        school = Text("Cum laude (schoolregel): ", style="bold")
        school.append(ANSWER[cl.school_rule.met])
        school.append(f" — {cl.school_rule.text}\n   {cl.school_rule.source}", style="dim")
        parts.append(school)
    return Group(*parts)
