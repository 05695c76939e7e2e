"""Kandidaat: change one SE result in place with a reason, see what changes, refuse stale edits.

Driven through the real app on the results school (tests/conftest.py): candidate 5002 fails on
Dutch (NE-T1 4,0 and NE-T2 4,0 with weight 2, CE 4,0 -> final grade 4 in a kernvak).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

from examenbureau.core.audit import verify
from examenbureau.core.results import compute_results
from examenbureau.core.store import Store
from examenbureau.core.store.identity import os_account
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.candidate import CandidateScreen
from examenbureau.tui.screens.logbook import LogbookScreen
from examenbureau.tui.screens.se_edit import SeEditDialog
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle

SIZE = (80, 24)


def stored_grade(db: Path, number: str, test: str) -> Decimal:
    with Store(db).read() as con:
        return con.execute("SELECT grade FROM se_results WHERE exam_number = ? AND test_code = ?"
                           " AND attempt = 'afname'", [number, test]).fetchone()[0]


async def open_se_row(pilot, app, number: str, test: str) -> CandidateScreen:
    app.open_candidate(2025, number)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CandidateScreen)
    await pilot.press("s")
    await settle(pilot)
    index = next(i for i, (t, a) in enumerate(screen._se_rows)
                 if t.test_code == test and a is not None and a.attempt == "afname")
    screen.query_one("#se-tabel").move_cursor(row=index)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, SeEditDialog)
    return screen


async def test_se_correction_with_reason_changes_exactly_that_candidate(results_school_db: Path):
    store = Store(results_school_db)
    before = {r.exam_number: r for r in compute_results(store, exam_year=2025)}
    assert before["5002"].passed is False
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_se_row(pilot, app, "5002", "NE-T2")
        await pilot.press("ctrl+a", "ctrl+k", *"8,0")
        await settle(pilot, 4)
        text = screen_text(app)
        assert "cijfer: 4,0 -> 8,0" in text                  # old and new value
        assert "netl" in text and "eindcijfer 4 -> 5" in text  # which result changes
        assert stored_grade(results_school_db, "5002", "NE-T2") == Decimal("4.0")  # not yet
        await pilot.press("ctrl+s")                           # no reason: refused
        await settle(pilot)
        assert "Geef een reden" in screen_text(app)
        assert isinstance(app.screen, SeEditDialog)
        app.screen.query_one("#reden").value = "typfout docent, zie toetsdossier"
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
        assert app.screen is screen
        assert stored_grade(results_school_db, "5002", "NE-T2") == Decimal("8.0")
        await settle(pilot, 3)
        after_screen = screen.result
        assert after_screen.subject("netl").final_grade == 5
        await pilot.press("l")
        await settle(pilot)
        log = screen_text(app)
        assert "4,0 → 8,0" in log and "typfout docent" in log
        # the Logboek (F10), filtered on the candidate, reads the same row from the audit chain
        await pilot.press("f10")
        await settle(pilot)
        logbook = app.screen
        assert isinstance(logbook, LogbookScreen)
        logbook.query_one("#f-kandidaat").value = "5002"
        await settle(pilot, 4)
        edit = next(c for c in logbook.changes if c.table == "se_results")
        assert (edit.action, edit.field, edit.old, edit.new) == ("update", "grade", "4.0", "8.0")
        assert edit.reason == "typfout docent, zie toetsdossier"
        assert edit.actor == os_account() and not edit.after_closing
        text = flat(screen_text(app))
        assert "Wanneer (UTC)" in text and "4,0 → 8,0" in text and "typfout doce" in text
    with store.read() as con:   # the row the Logboek showed is a link of the hash chain
        row_hash = con.execute("SELECT row_hash FROM audit_log WHERE id = ?",
                               [edit.id]).fetchone()[0]
    assert row_hash and verify(store).ok
    after = {r.exam_number: r for r in compute_results(store, exam_year=2025)}
    changed = {n for n in before
               if (before[n].passed, [s.final_grade for s in before[n].subjects])
               != (after[n].passed, [s.final_grade for s in after[n].subjects])}
    assert changed == {"5002"}


COLLEAGUE = textwrap.dedent("""
    import sys
    from decimal import Decimal
    from examenbureau.core.store import Store
    with Store(sys.argv[1]).transaction(reason="herbeoordeeld", source="TUI collega",
                                        actor="collega") as tx:
        tx.update("se_results", {"exam_year": 2025, "exam_number": "5002", "subject": "netl",
                                 "test_code": "NE-T2", "attempt": "afname", "seq": 1},
                  {"grade": Decimal("6.8")})
""")


async def test_a_stale_edit_is_refused_with_both_values(results_school_db: Path):
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_se_row(pilot, app, "5002", "NE-T2")
        await pilot.press("ctrl+a", "ctrl+k", *"7,5")
        app.screen.query_one("#reden").value = "correctie"
        subprocess.run([sys.executable, "-c", COLLEAGUE, str(results_school_db)], check=True,
                       timeout=60)
        await pilot.press("ctrl+s")
        await settle(pilot, 4)
        assert isinstance(app.screen, SeEditDialog)          # still open: nothing saved
        text = flat(screen_text(app))
        assert "Niet opgeslagen" in text
        assert "nu cijfer 6,8" in text and "door collega" in text
        assert "u wilde cijfer 7,5" in text
    assert stored_grade(results_school_db, "5002", "NE-T2") == Decimal("6.8")


async def test_on_the_demo_an_se_correction_changes_only_that_candidate(demo_db: Path):
    """Demo 4007: the heaviest SE test of a CE subject corrected; every other candidate's
    SE grades, final grades and results stay as they were; the Logboek has the reason."""
    store = Store(demo_db)

    def snapshot() -> dict:
        return {r.exam_number: (r.passed, tuple((s.subject, s.se_grade, s.final_grade)
                                                for s in r.subjects))
                for r in compute_results(store, exam_year=2025)}

    before = snapshot()
    with store.read() as con:
        subject, test, value = con.execute(
            "SELECT r.subject, r.test_code, r.grade FROM se_results r"
            " JOIN candidates c USING (exam_year, exam_number)"
            " JOIN pta_items p ON p.subject = r.subject AND p.test_code = r.test_code"
            "  AND p.school_type = c.school_type AND p.cohort = c.cohort"
            " JOIN candidate_subjects s ON s.exam_year = r.exam_year"
            "  AND s.exam_number = r.exam_number AND s.subject = r.subject"
            " WHERE r.exam_number = '4007' AND r.attempt = 'afname' AND r.grade IS NOT NULL"
            "  AND s.has_ce ORDER BY p.weight DESC, r.subject LIMIT 1").fetchone()
    new = "10,0" if value < Decimal("5.5") else "1,0"
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_se_row(pilot, app, "4007", test)
        await pilot.press("ctrl+a", "ctrl+k", *new)
        app.screen.query_one("#reden").value = "verkeerd overgenomen uit de toetsweek"
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
        assert app.screen is screen
        await pilot.press("l")
        await settle(pilot)
        edit = next(c for c in screen.changes_log if c.table == "se_results")  # Logboek tab
        assert edit.reason == "verkeerd overgenomen uit de toetsweek"
        assert test in (edit.key or "") and edit.action == "update"
        assert "verkeerd overg" in screen_text(app)
    after = snapshot()
    assert {n for n in before if before[n] != after[n]} == {"4007"}
    assert stored_grade(demo_db, "4007", test) == Decimal(new.replace(",", "."))
    assert subject


async def test_niet_gemaakt_with_a_grade_is_refused_as_the_import_refuses_it(
        results_school_db: Path):
    """Seen in tmux: status "niet gemaakt" chosen while the grade stayed in its field was
    saved; the grade went on counting ("Geen uitslag ... verandert hierdoor") although the
    log said the test was not taken. `import se-results` refuses that combination."""
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_se_row(pilot, app, "5002", "NE-T2")
        app.screen.query_one("#se-status").value = "niet_gemaakt"
        app.screen.query_one("#reden").value = "ziek gemeld"
        await settle(pilot, 4)
        assert "niet gemaakt" in flat(screen_text(app)) and "cijfer" in flat(screen_text(app))
        await pilot.press("ctrl+s")
        await settle(pilot, 4)
        assert isinstance(app.screen, SeEditDialog)              # not saved
        assert "Bij status niet gemaakt hoort geen cijfer" in flat(screen_text(app))
        with Store(results_school_db).read() as con:
            assert con.execute("SELECT status FROM se_results WHERE exam_number = '5002' AND "
                               "test_code = 'NE-T2' AND attempt = 'afname'").fetchone() == (None,)
        await pilot.press("ctrl+a", "ctrl+k")                   # the grade emptied: allowed
        await settle(pilot, 4)
        assert "cijfer: 4,0 -> leeg" in flat(screen_text(app))
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
        assert not isinstance(app.screen, SeEditDialog)
    with Store(results_school_db).read() as con:
        assert con.execute("SELECT grade, status FROM se_results WHERE exam_number = '5002' AND "
                           "test_code = 'NE-T2' AND attempt = 'afname'").fetchone() == (
            None, "niet_gemaakt")


async def test_an_open_choice_list_offers_its_escape_key_in_dutch(results_school_db: Path):
    """Seen in tmux: with the Status list (or any other choice list) open, the footer said
    "esc Dismiss menu", Textual's own English."""
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_se_row(pilot, app, "5002", "NE-T2")
        app.screen.query_one("#se-status").focus()
        await pilot.press("enter")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Dismiss" not in footer and "Menu sluiten" in footer
        await pilot.press("escape")                    # closes the list, not the dialog
        await settle(pilot)
        assert isinstance(app.screen, SeEditDialog)


async def test_the_se_tab_gives_the_description_the_width_the_terminal_has(demo_db: Path):
    """Seen in tmux at 100 wide: 'schriftelijke toet', 'praktische opdrach' cut off while a
    third of the line stayed empty (the issue's "columns should follow the width")."""
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_candidate(2025, "5040")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        text = screen_text(app)
        assert "schriftelijke toets 1" in text and "praktische opdracht" in text


async def test_a_whole_grade_reads_with_its_decimal(results_school_db: Path):
    """An SE grade typed as 8 read "cijfer: 4,0 -> 8" and went into the log as "8", where
    every stored SE grade has its one decimal (Uvb art. 3.13 lid 1)."""
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_se_row(pilot, app, "5002", "NE-T2")
        await pilot.press("ctrl+a", "ctrl+k", "8")
        await settle(pilot, 4)
        assert "cijfer: 4,0 -> 8,0" in flat(screen_text(app))
        app.screen.query_one("#reden").value = "typfout"
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
    with Store(results_school_db).read() as con:
        assert con.execute("SELECT new_value FROM audit_log WHERE table_name = 'se_results' AND "
                           "field = 'grade' ORDER BY id DESC LIMIT 1").fetchone() == ("8.0",)


async def test_a_new_attempt_names_only_what_it_holds(results_school_db: Path):
    """Seen in tmux: a new herkansing with only a grade read 'beoordeling: (nieuw) -> leeg'
    and 'status: (nieuw) -> leeg' under 'Wat verandert', as if those were changed too."""
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_se_row(pilot, app, "5002", "NE-T2")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")                              # a new attempt at NE-T2
        await settle(pilot)
        assert isinstance(app.screen, SeEditDialog) and screen is not app.screen
        await pilot.press(*"7,5")
        await settle(pilot, 4)
        text = flat(screen_text(app))
        assert "cijfer: (nieuw) -> 7,5" in text
        assert "beoordeling:" not in text and "status: (nieuw)" not in text


async def test_an_empty_new_attempt_does_not_open_with_an_error(results_school_db: Path):
    """Seen in tmux: the form of a new attempt opened with the red line 'Geef een cijfer, een
    beoordeling of een status …' before anything was typed; it belongs to saving too soon."""
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_se_row(pilot, app, "5002", "NE-T2")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot, 3)
        assert isinstance(app.screen, SeEditDialog)
        assert "Geef een cijfer" not in flat(screen_text(app))
        app.screen.query_one("#reden").value = "herkansing"
        await pilot.press("ctrl+s")                         # saving the empty form says why not
        await settle(pilot, 3)
        assert isinstance(app.screen, SeEditDialog)
        assert "Geef een cijfer, een beoordeling of een status" in flat(screen_text(app))
