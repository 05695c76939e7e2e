"""Statistieken on the results school: pass rates, SE-CE difference, CE histograms."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from examenbureau.core import statistics
from examenbureau.core.results import compute_results
from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.statistics import StatisticsScreen, sparkline
from examenbureau.tui.textshot import screen_text


def test_figures_of_the_results_school(results_school_db_shared: Path):
    results = compute_results(Store(results_school_db_shared), exam_year=2025)
    rates = {p.school_type: p for p in statistics.pass_rates(results)}
    assert rates["havo"].candidates == 7
    assert rates["havo"].passed + rates["havo"].failed + rates["havo"].undecided == 7
    netl = next(d for d in statistics.se_ce_differences(results) if d.subject == "netl")
    assert netl.candidates >= 1 and isinstance(netl.difference, Fraction)
    hist = {(h.subject, h.period): h for h in statistics.ce_histograms(results)}
    # 5002 has CE 4,0 in netl tijdvak 1: counted under 4
    assert hist[("netl", 1)].counts[3] >= 1
    assert sparkline((0, 1, 2, 4)) == " ▂▄█"


async def test_statistics_screen_shows_the_three_parts(results_school_db_shared: Path):
    app = ExamenbureauApp(str(results_school_db_shared))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        assert isinstance(app.screen, StatisticsScreen)
        text = screen_text(app)
        assert "Geslaagd per schooltype" in text and "havo" in text
        # the share is of the decided candidates only (vmbo bb: 100% with 2 of 10 still open),
        # and the heading says so, whole at 80 columns
        assert "(% van wie al een uitslag heeft)" in text
        assert "Verschil SE – CE per vak" in text
