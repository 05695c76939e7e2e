"""The year's results as the screens hold them: one small row per candidate, and the figures.

Why rows and not the engine's `CandidateResult`: the overview, the Uitslag list and the
Statistieken screen show a handful of fields per candidate, and a large school has 20,000 of
them. A full result (subjects, reasons, advice) is ~4 kB pickled; computing 20,000 in another
process and handing them over would cost the screen process seconds of unpickling. So the
results come as a stream (`events`: first those kept in the store, `core.results.kept`, then
the stale ones, computed and kept), each reduced at once to a `ResultRow` and added
to the year's figures (`core.statistics.FigureTally`), and only those cross over. A screen
that needs the full result of one candidate computes it (the Kandidaat screen does).

Nothing here decides anything and nothing imports Textual: this runs in the results process
(`tui.results_process`) as well as in a thread of the app for a small school.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from examenbureau.core.store import Store

BATCH = 250
# Stale results are computed (and kept) this many at a time: progress shows, and a newer
# computation or quitting stops this one between slices.
SLICE = 500
# From this many candidates the year is computed in a process of its own (`tui.results_process`):
# below it, starting a second Python costs more than it saves.
PROCESS_FROM = 1000
# Event kinds, in the order they come: progress now and then, rows in batches, the figures
# once at the end.
PROGRESS, ROWS, FIGURES = "voortgang", "rijen", "cijfers"


class ResultRow(NamedTuple):
    """What the lists and counts show of one candidate's result (a tuple: cheap to hand over)."""

    exam_year: int
    exam_number: str
    display_name: str
    sort_name: str | None
    school_type: str
    track: str | None
    variant: str | None
    passed: bool | None
    cum_laude: bool | None
    ce_mean: Fraction | None        # the engine's exact CE average, None when it has none


def row_of(result: Any) -> ResultRow:
    mean = result.ce_average.mean if result.ce_average is not None else None
    return ResultRow(result.exam_year, result.exam_number, result.display_name,
                     result.sort_name, result.school_type, result.track, result.variant,
                     result.passed, bool(result.cum_laude) if result.cum_laude is not None
                     else None, mean)


def events(store: Store, exam_year: int,
           cancelled: Callable[[], bool] = lambda: False) -> Iterator[tuple[Any, ...]]:
    """(PROGRESS, done, total), (ROWS, [ResultRow, ...]) and finally (FIGURES, YearFigures).

    The results kept in the store (`core.results.kept`) come first, at once; only the stale
    ones are computed, a slice at a time, and kept for the next time."""
    from examenbureau.core.results.kept import open_kept, refresh
    from examenbureau.core.statistics import FigureTally

    tally = FigureTally()
    kept = open_kept(store, exam_year)
    done = 0
    for start in range(0, len(kept.results), BATCH):
        part = kept.results[start:start + BATCH]
        for result in part:
            tally.add(result)
        done += len(part)
        yield (ROWS, [row_of(r) for r in part])
    yield (PROGRESS, done, kept.total)
    stale = list(kept.stale)
    for start in range(0, len(stale), SLICE):
        if cancelled():
            return
        fresh = refresh(store, exam_year, stale[start:start + SLICE])
        for result in fresh:
            tally.add(result)
        done += len(fresh)
        yield (ROWS, [row_of(r) for r in fresh])
        yield (PROGRESS, done, kept.total)
    yield (FIGURES, tally.figures())


def candidate_count(store: Store, exam_year: int) -> int:
    """How many candidates the year has: decides thread or process before computing."""
    with store.read() as con:
        row = con.execute("SELECT count(*) FROM candidates WHERE exam_year = ?",
                          [exam_year]).fetchone()
    return int(row[0]) if row else 0
