"""The workbench basics: a Dutch palette with every action, a Dutch keys overview, live
refresh from another process, columns that follow the width, and counted words."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

from examenbureau.core.store import Store
from examenbureau.core.store.changes import changes_since, describe, file_stamp, last_change
from examenbureau.core.store.identity import os_account
from examenbureau.core.wording import counted
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.palette import NO_MATCHES, KeysScreen
from examenbureau.tui.screens.candidate import CandidateScreen
from examenbureau.tui.textshot import screen_text

SIZE = (80, 24)
ENGLISH = ("Search for", "No matches", "Theme", "Quit", "Keys", "Screenshot", "Maximize",
           "Focus Next", "Copy selected", "Exit the command")


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def palette_titles(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


async def test_palette_offers_screens_tasks_and_screen_actions_in_dutch(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        titles = palette_titles(app)
        for wanted in ("Overzicht", "Kandidaten", "Uitslag", "Importeren", "Exporteren",
                       "Documenten", "Reservekopie", "Toetsen", "Kleuren", "Stoppen",
                       "Uitslag: Afgewezen", "Uitslag: Cum laude"):
            assert wanted in titles, wanted
        assert not [t for t in titles if any(e in t for e in ENGLISH)]
        await pilot.press("ctrl+p")
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "Zoek een scherm, opdracht of kandidaat" in text
        await pilot.press(*"xyzzy")
        await pilot.pause(0.8)
        text = screen_text(app)
        assert NO_MATCHES.split(":")[0] in text
        assert not [e for e in ENGLISH if e in text]
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"bakker")
        await pilot.pause(0.5)
        assert "Kandidaat: Bakker, Chloë (1001)" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CandidateScreen) and app.screen.exam_number == "1001"


async def test_theme_picker_and_keys_overview_are_dutch(small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause(0.2)
        assert isinstance(app.screen, KeysScreen)
        text = screen_text(app)
        assert "Toetsen op Overzicht" in text and "Opnieuw laden" in text
        assert not [e for e in ENGLISH if e in text]
        await pilot.press("escape")
        app.action_change_theme()
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "Zoek een kleurenschema" in text
        assert not [e for e in ENGLISH if e in text]


LONG_NAME = ("4711", "Broeckhoven", "van de", "Björn-Alexander")


def _add_long_name(db: Path) -> None:
    number, last, prefix, first = LONG_NAME
    with Store(db).transaction(reason="test", source="test") as tx:
        tx.upsert_many("candidates", ["exam_year", "exam_number"], [{
            "exam_year": 2025, "exam_number": number, "last_name": last, "name_prefix": prefix,
            "first_name": first, "school_type": "havo", "class_name": "5H1", "cohort": "2023"}])


async def test_uitslag_list_names_follow_the_width(small_school_db: Path):
    """Regression: at 100 columns "Broeckhoven, Björn van d" was cut while space was left."""
    _add_long_name(small_school_db)
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        text = screen_text(app)
        assert "Broeckhoven, Björn-Alexander van de" in text
        await pilot.press("f3")
        await settle(pilot)
        assert "Broeckhoven, Björn-Alexander van de" in screen_text(app)


def test_counted_words():
    assert counted(1, "regel", "regels") == "1 regel"
    assert counted(2, "regel", "regels") == "2 regels"
    assert counted(0, "PDF", "PDF's") == "0 PDF's"


def test_change_counter_and_description(small_school_db: Path):
    store = Store(small_school_db)
    before = last_change(store)
    stamp = file_stamp(small_school_db)
    with store.transaction(reason="typfout", source="cijferlijst.csv", actor="marieke") as tx:
        tx.update("se_results", {"exam_year": 2025, "exam_number": "1001", "subject": "ne",
                                 "test_code": "NE-T1", "attempt": "afname", "seq": 1},
                  {"grade": Decimal("5.6")})
    assert last_change(store) > before
    assert file_stamp(small_school_db) != stamp
    text = describe(changes_since(store, before))
    # the OS account decides; the name given (actor=, EXAMENBUREAU_USER) is shown beside it
    assert text == (f"Gewijzigd door marieke [{os_account()}] (cijferlijst.csv): 1 SE-resultaat; "
                    "kandidaat 1001.")
    assert describe(changes_since(store, last_change(store))) is None


COLLEAGUE = textwrap.dedent("""
    import sys
    from decimal import Decimal
    from examenbureau.core.store import Store
    with Store(sys.argv[1]).transaction(reason="herkansing", source="se_grades.csv",
                                        actor="collega") as tx:
        tx.update("se_results", {"exam_year": 2025, "exam_number": "1001", "subject": "ne",
                                 "test_code": "NE-T1", "attempt": "herkansing", "seq": 1},
                  {"grade": Decimal("8.1")})
""")


def resit(screen) -> Decimal | None:
    test = next(t for t in screen.file.se_tests if t.test_code == "NE-T1")
    return next(a.grade for a in test.attempts if a.attempt == "herkansing")


async def test_a_colleagues_change_in_another_process_appears_without_a_key_press(
        small_school_db: Path):
    app = ExamenbureauApp(str(small_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_candidate(2025, "1001")
        await settle(pilot)
        screen = app.screen
        assert resit(screen) == Decimal("7.2")    # as stored
        subprocess.run([sys.executable, "-c", COLLEAGUE, str(small_school_db)], check=True,
                       timeout=60)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and resit(screen) != Decimal("8.1"):
            await pilot.pause(0.2)
        assert resit(screen) == Decimal("8.1")    # the candidate screen reloaded by itself
        shown = [n.message for n in app._notifications]
        assert any(m.startswith("Gewijzigd door collega") for m in shown)
        assert app.last_change_text == (f"Gewijzigd door collega [{os_account()}] (se_grades.csv): "
                                         "1 SE-resultaat; kandidaat 1001.")


async def test_a_colleagues_import_in_another_process_appears_without_a_key_press(
        demo_db: Path, tmp_path: Path):
    """The demo's 5040 misses NE5-T4; a colleague imports it with `examenbureau import`."""
    csv_file = tmp_path / "herkansing_5040.csv"
    csv_file.write_text("examenjaar;examennummer;vakcode;vak;toetscode;poging;resultaat;datum;"
                        "status\n2025;5040;1001;netl;NE5-T4;afname;6,8;2025-03-01;\n",
                        encoding="utf-8")
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_candidate(2025, "5040")
        await settle(pilot)
        screen = app.screen
        assert any(t.test_code == "NE5-T4" for t in screen.file.pta_open)   # missing
        subprocess.run([sys.executable, "-m", "examenbureau", "--db", str(demo_db), "import",
                        "se-results", str(csv_file)], check=True, timeout=120,
                       env={**__import__("os").environ, "EXAMENBUREAU_USER": "collega"},
                       capture_output=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(
                t.test_code == "NE5-T4" for t in screen.file.pta_open):
            await pilot.pause(0.2)
        test = next(t for t in screen.file.se_tests if t.test_code == "NE5-T4")
        assert test.attempts[0].grade == Decimal("6.8")       # reloaded by itself
        shown = [n.message for n in app._notifications]
        assert any(m.startswith(f"Gewijzigd door collega [{os_account()}] (herkansing_5040.csv)")
                   and "kandidaat 5040" in m for m in shown), shown
