"""The uitslag in the TUI: the Uitslag screen's filters and a candidate's reasons with articles.

Runs the real app on the results school of tests/conftest.py (5002 fails on a kernvak, 5003,
5004 and 5006 cannot be decided yet) and on the demo school; the expected reasons come from
`compute_results` itself, the screens must show them, article included.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from textual.widgets import DataTable

from examenbureau.core.demo import build_demo
from examenbureau.core.results import compute_results
from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.candidate import CandidateScreen
from examenbureau.tui.screens.results import ResultsScreen
from examenbureau.tui.textshot import screen_text

SIZE = (80, 24)


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def flat(text: str) -> str:
    """Screen text with line breaks and indents collapsed, so wrapped sentences match."""
    return re.sub(r"\s+", " ", text)


def shown(table: DataTable) -> dict[str, str]:
    """exam number -> result column of every row the table shows."""
    return {str(table.get_row_at(i)[0]): str(table.get_row_at(i)[3])
            for i in range(table.row_count)}


async def test_uitslag_screen_filters_failed_and_undecided(results_school_db_shared: Path):
    app = ExamenbureauApp(str(results_school_db_shared))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        table = app.screen.query_one("#uitslagen", DataTable)
        assert len(shown(table)) == 8
        await pilot.press("a")
        await pilot.pause()
        assert shown(table) == {"5002": "afgewezen"}
        text = screen_text(app)
        assert "Filter: afgewezen (1 van 8)" in text and "Proef, Bram de" in text
        assert "Voorbeeld, Chloë van" not in text
        await pilot.press("b")
        await pilot.pause()
        assert shown(table) == {n: "nog niet te bepalen" for n in ("5003", "5004", "5006")}
        await pilot.press("t")
        await pilot.pause()
        assert len(shown(table)) == 8


async def test_failed_candidate_shows_reason_sentence_and_article(results_school_db_shared: Path):
    [expected] = compute_results(Store(results_school_db_shared), exam_year=2025,
                                 exam_numbers=["5002"])
    broken = [r for r in expected.reasons if r.violated]
    assert expected.passed is False and broken
    app = ExamenbureauApp(str(results_school_db_shared))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")                   # opens the only failed candidate
        await settle(pilot)
        assert isinstance(app.screen, CandidateScreen)
        text = flat(screen_text(app))
    assert "Bram de Proef" in text and "AFGEWEZEN" in text
    assert flat(broken[0].text) in text             # the Dutch sentence, as the pack wrote it
    assert broken[0].source in text                 # "Uitvoeringsbesluit WVO 2020 art. 3.34 ..."
    assert f"regel {broken[0].rule}" in text


async def test_undecided_candidate_shows_what_is_missing(results_school_db_shared: Path):
    app = ExamenbureauApp(str(results_school_db_shared))
    async with app.run_test(size=SIZE) as pilot:
        app.open_candidate(2025, "5003")
        await settle(pilot)
        text = flat(screen_text(app))
    assert "NOG NIET TE BEPALEN" in text
    assert "Ontbreekt:" in text and "N-term ontbreekt voor HAVO ak CSE 2025 tijdvak 2." in text


async def test_overview_counts_and_cum_laude_filter_on_the_demo_school(tmp_path: Path):
    path = tmp_path / "demo.duckdb"
    build_demo(Store(path), seed=1, candidates=40)
    results = compute_results(Store(path), exam_year=2025)
    cum_laude = {r.exam_number for r in results if r.cum_laude}
    failed = sum(1 for r in results if r.passed is False)
    assert cum_laude                                  # the demo has some, or this test is void
    app = ExamenbureauApp(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        overview = screen_text(app)
        total_line = next(line for line in overview.splitlines()
                          if line.strip().startswith("Totaal"))
        assert total_line.split()[1:] == [
            "40", str(sum(1 for r in results if r.passed)), str(failed),
            str(sum(1 for r in results if r.passed is None)), str(len(cum_laude))]
        # the command palette reaches the filter too
        await pilot.press("ctrl+p")
        await pilot.press(*"Uitslag: cum laude")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        table = app.screen.query_one("#uitslagen", DataTable)
        assert set(shown(table)) == cum_laude
        assert all(str(table.get_row_at(i)[4]) == "ja" for i in range(table.row_count))
        assert "Filter: cum laude" in screen_text(app)



async def test_failed_candidate_shows_which_resit_makes_them_pass(results_school_db_shared: Path):
    """Results day: 5002 has Dutch SE 4,0 and CE 4,0, final 4 in a kernvak (art. 3.34 lid 1 b).
    A resit CE of 5,0 gives (4,0 + 5,0)/2 = 4,5 -> 5, which the kernvak rule allows once; 4,9
    gives 4,45 -> 4. So the screen must say: Nederlands, at least 5,0 (art. 3.38 and 3.39)."""
    app = ExamenbureauApp(str(results_school_db_shared))
    async with app.run_test(size=(80, 60)) as pilot:
        app.open_candidate(2025, "5002")
        await settle(pilot)
        text = flat(screen_text(app))
    assert "Herkansing:" in text
    assert ("Als je bij de herkansing voor Nederlandse taal en literatuur minimaal een 5,0 haalt, "
            "ben je geslaagd (je eindcijfer voor Nederlandse taal en literatuur wordt dan 5).") in text
    assert "art. 3.38 lid 1 en art. 3.39 lid 1" in text
    # the engine's summary once, then each option once (the screen cuts no sentence apart)
    assert "Je bent nu afgewezen, maar met één herkansing kun je nog slagen." in text
    assert text.count("minimaal een 5,0 haalt") == 1


async def test_passed_candidate_without_a_cum_laude_chance_gets_no_resit_section(
        results_school_db_shared: Path):
    app = ExamenbureauApp(str(results_school_db_shared))
    async with app.run_test(size=(80, 60)) as pilot:
        app.open_candidate(2025, "5001")
        await settle(pilot)
        text = flat(screen_text(app))
    assert "GESLAAGD" in text and "Herkansing:" not in text


async def test_candidate_before_the_ce_sees_the_grade_and_score_still_needed(results_school_db: Path):
    """5001 before the Dutch CE (its score removed): SE 6,3 in a kernvak. The kernvak rule needs
    a final grade of at least 5: (6,3 + x)/2 >= 4,5 gives x >= 2,7 (the CE average is safe:
    six 6,5s leave room). Exam 31001: L 90, N 1,0, grade 1 + S/10, so 2,65 needs S = 17."""
    store = Store(results_school_db)
    with store.transaction(reason="test: voor het CE") as tx:
        tx.execute("DELETE FROM ce_scores WHERE exam_number = '5001' AND subject = 'netl'")
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=(80, 60)) as pilot:
        app.open_candidate(2025, "5001")
        await settle(pilot)
        text = flat(screen_text(app))
    assert "Nodig op het CE:" in text
    assert ("Je hebt voor Nederlandse taal en literatuur minimaal een 2,7 nodig op het centraal "
            "examen om te slagen.") in text
    assert "dat is een score van minimaal 17 van de 90 punten (N-term 1,0)" in text


def test_one_store_reads_in_parallel_threads_without_handle_conflicts(small_school_db: Path):
    """The app's workers share one Store and open and close it from several threads at once.

    DuckDB 2.0 can fail such an open with "Unique file handle conflict"; Store itself now
    serialises open and close per file (tests/core/test_store_threads.py has the hard case).
    """
    store = Store(small_school_db)
    errors: list[str] = []

    def reader() -> None:
        for _ in range(120):
            try:
                with store.read() as con:
                    con.execute("SELECT count(*) FROM candidates").fetchall()
            except Exception as exc:  # any failure is the finding; collect, do not stop
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
