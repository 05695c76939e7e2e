"""The CE-average distribution on the overview: counted exactly, drawn readably without colour."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs

from examenbureau.core.demo import build_demo
from examenbureau.core.results import compute_results
from examenbureau.core.rules.answers import CeAverage
from examenbureau.core.store import Store
from examenbureau.tui import distribution
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.textshot import screen_text


@attrs.frozen
class R:
    passed: bool | None
    ce_mean: Fraction | None


def avg(total: str, count: int) -> Fraction:
    """The exact mean as the engine's CeAverage gives it (no float, no rounding)."""
    return CeAverage(int(Decimal(total) * 10), count).mean


def test_bins_truncate_and_split_by_result():
    results = [
        R(True, avg("38.5", 7)),     # exactly 5,5: the 5,5–6,0 bin
        R(False, avg("38.4", 7)),    # 5,4857…: never rounded up into 5,5–6,0
        R(True, avg("27", 3)),       # 9,0 and higher: the last bin
        R(False, avg("7", 2)),       # 3,5: the first bin
        R(None, None),               # not decided: not drawn, but counted
    ]
    bins, without = distribution.ce_average_bins(results)
    by_label = {b.label: b.counts for b in bins}
    assert by_label["5,5–6,0"] == {"geslaagd": 1, "afgewezen": 0}
    assert by_label["5,0–5,5"] == {"geslaagd": 0, "afgewezen": 1}
    assert by_label["≥ 8,5"] == {"geslaagd": 1, "afgewezen": 0}
    assert by_label["< 4,0"] == {"geslaagd": 0, "afgewezen": 1}
    assert without == 1
    assert sum(b.total for b in bins) == 4


def test_bars_tell_results_apart_by_shape():
    bins, without = distribution.ce_average_bins([R(True, avg("6", 1)), R(False, avg("5", 1))])
    text = distribution.render(bins, without).plain
    lines = {line.split()[0]: line for line in text.splitlines() if line.strip()}
    assert set(lines["6,0–6,5"].split()[1]) == {"█"} and lines["6,0–6,5"].endswith(" 1")
    assert set(lines["5,0–5,5"].split()[1]) == {"▓"} and lines["5,0–5,5"].endswith(" 1")


async def test_overview_draws_the_distribution_of_the_demo_school(tmp_path: Path):
    path = tmp_path / "demo.duckdb"
    build_demo(Store(path), seed=1, candidates=40)
    decided = [r for r in compute_results(Store(path), exam_year=2025) if r.passed is not None]
    app = ExamenbureauApp(str(path))
    async with app.run_test(size=(80, 50)) as pilot:
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        text = screen_text(app)
    assert "Verdeling CE-gemiddelden" in text
    drawn = [line.strip() for line in text.splitlines() if "█" in line or "▓" in line]
    drawn = [line for line in drawn if line.split()[-1].isdigit()]   # not the legend
    assert sum(int(line.split()[-1]) for line in drawn) == len(decided)
