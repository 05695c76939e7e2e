"""The TUI on a real small school: overview counts, instant filter, candidate file, quitting.

Every test drives the real app through the pilot at 80x24 and asserts on what the screen
shows (the rendered text), the way a secretary over SSH would see it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from textual.widgets import DataTable

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.candidate import CandidateScreen
from examenbureau.tui.screens.candidates import MAX_ROWS, CandidatesScreen
from examenbureau.tui.screens.overview import OverviewScreen
from examenbureau.tui.screens.results import ResultsScreen
from examenbureau.tui.textshot import screen_text

SIZE = (80, 24)


async def settle(pilot) -> None:
    """Let every read worker finish and its result reach the screen."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def row_texts(table: DataTable) -> list[str]:
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_overview_shows_school_year_and_counts(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = screen_text(app)
    assert "Testcollege De Proef" in text
    assert "Examenjaar 2025" in text and "2024" in text   # the older year is mentioned
    # label -> the Kandidaten column (pass/fail columns may follow once the uitslag is in)
    rows = [re.split(r"\s{2,}", line.strip()) for line in text.splitlines()]
    lines = {r[0]: r[1] for r in rows if len(r) > 1 and r[1].isdigit()}
    assert lines["vwo atheneum"] == "2"
    assert lines["vwo gymnasium"] == "1"
    assert lines["vwo totaal"] == "3"
    assert lines["havo"] == "3"
    assert lines["vmbo tl"] == "2"
    assert lines["vmbo gl"] == "1" and lines["vmbo kb"] == "1" and lines["vmbo bb"] == "1"
    assert lines["vmbo totaal"] == "5"
    assert lines["Totaal"] == "11"                      # the 2024 candidate is not counted
    assert "^q Stoppen" in text and "Opdrachten" in text


async def test_typing_narrows_the_list_and_enter_opens_the_candidate(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, CandidatesScreen)
        table = app.screen.query_one("#kandidaten", DataTable)
        assert table.row_count == 11
        await pilot.press(*"chloe")                     # no diacritic typed, Chloë found
        await pilot.pause()
        assert row_texts(table) == ["1001 Bakker, Chloë vwo atheneum NT 6A"]
        text = screen_text(app)
        assert "Bakker, Chloë" in text and "Vries, Anne de" not in text
        assert "1 van 11 kandidaten. Enter opent de kandidaat." in text   # a sentence each
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CandidateScreen)
        text = screen_text(app)
        assert "Chloë Bakker" in text and "examennummer 1001" in text
        assert "vwo atheneum" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CandidatesScreen)


async def test_filter_by_exam_number_class_and_surname_with_cedilla(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one("#kandidaten", DataTable)
        await pilot.press(*"3004")
        await pilot.pause()
        assert [r.split()[0] for r in row_texts(table)] == ["3004"]
        await pilot.press(*(["backspace"] * 4), *"4t")
        await pilot.pause()
        assert sorted(r.split()[0] for r in row_texts(table)) == ["3001", "3002"]
        await pilot.press(*(["backspace"] * 2), *"CELIK")
        await pilot.pause()
        assert [r.split()[0] for r in row_texts(table)] == ["2001"]
        await pilot.press(*(["backspace"] * 5), *"xyz")
        await pilot.pause()
        assert table.row_count == 0
        assert "Geen kandidaat gevonden" in screen_text(app)


async def test_candidate_file_shows_stored_se_and_ce_with_decimal_comma(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=(100, 200)) as pilot:   # tall: the whole file at once
        app.open_candidate(2025, "1001")
        await settle(pilot)
        text = screen_text(app)                         # the Uitslag tab: the subjects
        assert "Nederlandse taal" in text and "gemeenschappelijk" in text
        await pilot.press("s")                          # the SE tab
        await settle(pilot)
        text = screen_text(app)
        assert "NE-T1" in text and "Leesvaardigheid" in text
        assert "5,4" in text and "7,2" in text          # afname and herkansing
        await pilot.press("c")                          # the CE tab
        await settle(pilot)
        text = screen_text(app)
    assert "48" in text and "66" in text and "1,1" in text  # CE score, L, N-term


def _many_candidates(path: Path, n: int) -> Path:
    """n havo candidates Achternaam00000.., named Jan (even) and Kim (odd), in 9 classes."""
    rows = [{"exam_year": 2025, "exam_number": f"{i:05d}", "last_name": f"Achternaam{i:05d}",
             "first_name": "Kim" if i % 2 else "Jan", "school_type": "havo",
             "class_name": f"5H{i % 9}"} for i in range(n)]
    with Store(path).transaction(reason="test") as tx:
        tx.upsert_many("candidates", ["exam_year", "exam_number"], rows)
    return path


async def test_long_list_is_capped_with_a_more_line(tmp_path: Path):
    app = ExamenbureauApp(str(_many_candidates(tmp_path / "groot.duckdb", MAX_ROWS + 150)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one("#kandidaten", DataTable)
        assert table.row_count == MAX_ROWS
        assert "… en 150 meer" in screen_text(app)
        await pilot.press(*f"{MAX_ROWS + 149:05d}")
        await pilot.pause()
        assert table.row_count == 1
        assert "… en" not in screen_text(app)


async def test_ctrl_q_quits_with_status_zero(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.press(*"anne")                       # even while typing in the filter
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert (app.return_code or 0) == 0


async def test_command_palette_reaches_every_main_screen(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query, screen_type in (("Kandidaten", CandidatesScreen), ("Uitslag", ResultsScreen),
                                   ("Overzicht", OverviewScreen)):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.3)
            assert query in screen_text(app)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, screen_type), query


async def test_missing_database_is_created_with_the_schema(tmp_path: Path):
    path = tmp_path / "nieuw" / "school.duckdb"
    app = ExamenbureauApp(str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert path.exists()
    assert "Totaal" in text and "nog geen kandidaten" in text
    assert Store(path).schema_version() >= 1


HOLDER = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("vast", flush=True)
    time.sleep(30)
""")


async def test_busy_database_shows_a_dutch_message(small_school_db: Path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(small_school_db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "vast"
        app = ExamenbureauApp(str(small_school_db), busy_timeout=0.3)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            text = screen_text(app)
    finally:
        holder.kill()
        holder.wait()
    assert "Database bezet" in text
    assert "Traceback" not in text


async def test_command_palette_opens_a_candidate_by_name(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"anne vries")
        await pilot.pause(0.3)
        assert "Kandidaat: Vries, Anne de (1002)" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CandidateScreen)
        assert "Anne de Vries" in screen_text(app)


async def test_typing_on_narrows_and_deleting_widens_the_list_again(tmp_path: Path):
    """Typing on scans only the last matches (fast at 20,000); a deleted letter scans all."""
    app = ExamenbureauApp(str(_many_candidates(tmp_path / "smal.duckdb", 300)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        await pilot.press(*"jan 5h1")
        await pilot.pause()
        expected = [r for r in screen.rows if r.matches(["jan", "5h1"])]
        assert screen.matched == len(expected) == 17
        await pilot.press("backspace", "backspace")       # "jan 5": wider again
        await pilot.pause()
        assert screen.matched == len([r for r in screen.rows if r.matches(["jan", "5"])]) == 150
        await pilot.press(*["backspace"] * 5, *"kim")     # another name altogether
        await pilot.pause()
        assert screen.matched == 150
