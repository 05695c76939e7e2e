"""The results of the whole exam year as the TUI holds them between screens.

Why: computing the uitslag of a big school takes a while, and the overview (counts), the
Uitslag screen (list) and Statistieken (figures) need it. The app reads the results kept in
the store and computes only the stale ones (`core.results.kept`), once (in a thread
for a small school, in a process of its own for a large one: `tui.results_process`), keeps the
answer here as small rows plus the year's figures (`tui.year_results`), and publishes every
change (progress, done, failed) so each screen re-renders. Nothing here is a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from examenbureau.core.wording import counted

if TYPE_CHECKING:
    from .year_results import ResultRow

IDLE = "idle"
BUSY = "busy"
DONE = "done"
FAILED = "failed"


# A dataclass, not attrs: the app holds one from its start, and importing attrs (with
# tui.data and tui.year_results) would cost the first screen ~50 ms (tui.overview_data).
@dataclass
class ResultsState:
    status: str = IDLE
    done: int = 0
    total: int | None = None
    rows: list[ResultRow] = field(default_factory=list)
    figures: Any = None          # core.statistics.YearFigures once DONE
    message: str | None = None

    @property
    def by_key(self) -> dict[str, ResultRow]:
        from .data import candidate_key

        return {candidate_key(r.exam_year, r.exam_number): r for r in self.rows}

    def progress_text(self) -> str:
        if self.total:
            return f"Uitslag berekenen: {self.done} van {counted(self.total, 'kandidaat', 'kandidaten')}…"
        return "Uitslag berekenen…"

    def counts(self) -> dict[str, int]:
        """How many passed, failed, cannot be decided yet, and graduated cum laude."""
        out = {"geslaagd": 0, "afgewezen": 0, "open": 0, "cum_laude": 0}
        for r in self.rows:
            if r.passed is True:
                out["geslaagd"] += 1
            elif r.passed is False:
                out["afgewezen"] += 1
            else:
                out["open"] += 1
            if r.cum_laude:
                out["cum_laude"] += 1
        return out
