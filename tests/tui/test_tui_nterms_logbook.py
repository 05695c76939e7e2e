"""N-termen and Logboek on the results school: entering a missing N-term updates the affected
candidates (and says which), and the Logboek shows it per candidate, filterable."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.logbook import LogbookScreen, parse_day
from examenbureau.tui.screens.nterms import NTermDialog, NTermScreen
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle

SIZE = (80, 24)


async def test_entering_a_missing_n_term_updates_the_affected_candidates(results_school_db: Path):
    """32007 (havo ak tijdvak 2) has no N-term: 5003 cannot be decided until it is entered."""
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        by_number = {r.exam_number: r for r in app.results_state.rows}
        assert by_number["5003"].passed is None
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, NTermScreen)
        text = screen_text(app)
        assert "1 examen zonder N-term (1 kandidaat wacht erop)" in flat(text)
        assert screen.shown[0].nex_id == "32007"          # the missing one stands out on top
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NTermDialog)
        await pilot.press(*"1,3")
        await settle(pilot, 4)
        text = flat(screen_text(app))
        assert "N-term: leeg -> 1,3" in text
        assert "5003 Anna Noorman: ak CE tijdvak 2 ontbreekt -> 7,3" in text
        assert "uitslag nog niet te bepalen -> geslaagd" in text
        app.screen.query_one("#reden").value = "N-term CvTE tijdvak 2"
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
        assert app.screen is screen
        shown = [n.message for n in app._notifications]
        assert any("1 kandidaat met een ander resultaat:" in m and "5003" in m for m in shown)
        await settle(pilot, 4)
        by_number = {r.exam_number: r for r in app.results_state.rows}
        assert by_number["5003"].passed is True            # the year's results updated
        # the Logboek, filtered on the candidate, shows the grade that changed without anyone
        # touching the candidate's own rows
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, LogbookScreen)
        app.screen.query_one("#f-kandidaat").value = "5003"
        await settle(pilot, 4)
        changes = app.screen.changes
        assert changes[0].action == "gevolg" and changes[0].reason == "N-term CvTE tijdvak 2"
        assert "uitslag nog niet te bepalen -> geslaagd" in changes[0].new
        assert all(c.exam_number == "5003" for c in changes if c.exam_number)
        # ... and the CE grade the N-term produced, replayed from the chain as
        # `examenbureau audit --examennummer 5003` prints it
        derived = [c for c in changes if c.derived]
        assert (derived[0].consequence, derived[0].old, derived[0].new) == (
            "CE-cijfer ak tijdvak 2", None, "7,3")
        assert "N-term leeg -> 1,3" in (derived[0].reason or "")
        assert "gevolg: CE ak tv2" in flat(screen_text(app))
        app.screen.query_one("#f-kandidaat").value = ""
        app.screen.query_one("#f-tekst").value = "CvTE tijdvak 2"
        await settle(pilot, 4)
        assert {c.table for c in app.screen.changes} == {"ce_exams", "results"}
    with Store(results_school_db).read() as con:
        assert con.execute("SELECT n_term FROM ce_exams WHERE nex_id = '32007'").fetchone()[0] \
            == Decimal("1.3")


async def open_first_exam(pilot) -> None:
    """N-termen (F6) and enter: the dialog of the exam on top (the missing N-term first)."""
    await settle(pilot)
    await pilot.press("f6")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_an_n_term_is_never_defaulted(results_school_db: Path):
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_first_exam(pilot)
        app.screen.query_one("#reden").value = "snel"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NTermDialog)
        assert "Vul de N-term in" in flat(screen_text(app))
    with Store(results_school_db).read() as con:
        assert con.execute("SELECT n_term FROM ce_exams WHERE nex_id = '32007'").fetchone()[0] \
            is None


def test_logbook_dates():
    assert str(parse_day("12-6-2025")) == "2025-06-12"
    assert parse_day(" ") is None


async def test_the_chosen_logboek_line_reads_in_full_with_its_candidate(demo_db: Path):
    """Seen in tmux at 100 wide: "SE-resultaat: beco" and "netl eindcijfe" cut off, and no
    column said whose grade it was. The chosen line is now written out under the list."""
    from examenbureau.core import corrections

    reason = "inhaaltoets gemaakt op 3 maart, cijfer doorgegeven door de sectie Nederlands"
    correction = corrections.se_correction(2025, "5040", "netl", "NE5-T4", "afname", 1,
                                           corrections.se_values("6,2", "", ""), None)
    corrections.save(Store(demo_db), correction, reason, source="test")
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot, 4)
        assert isinstance(app.screen, LogbookScreen)
        text = flat(screen_text(app))
        # the newest line: how the correction changed the result of 5040, in full
        assert "kandidaat 5040" in text
        assert "uitslag nog niet te bepalen -> geslaagd" in text
        app.screen.query_one("#logboek-tabel").focus()
        await pilot.press("down")                  # the correction itself
        await settle(pilot)
        text = flat(screen_text(app))
        assert "kandidaat 5040" in text and "netl NE5-T4 afname" in text
        assert reason in text
        app.open_candidate(2025, "5040")          # the Kandidaat's Logboek tab does the same
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot, 4)
        text = flat(screen_text(app))
        assert "kandidaat 5040" in text and "uitslag nog niet te bepalen -> geslaagd" in text


async def test_a_whole_n_term_reads_as_the_cvte_writes_it(results_school_db: Path):
    """Seen in tmux: N-term 1,0 typed for exam 22001 read "N-term: 0,6 -> 1" in the preview,
    the notification and the audit log (every other N-term reads with its decimal)."""
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await open_first_exam(pilot)
        assert isinstance(app.screen, NTermDialog)
        await pilot.press(*"1,0")
        await settle(pilot, 4)
        assert "N-term: leeg -> 1,0" in flat(screen_text(app))
        assert "Examen 32007 · ak havo tijdvak 2 ·" in screen_text(app)   # no track: one space
        app.screen.query_one("#reden").value = "N-term CvTE"
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
    with Store(results_school_db).read() as con:
        assert con.execute("SELECT new_value FROM audit_log WHERE table_name = 'ce_exams' AND "
                           "field = 'n_term' ORDER BY id DESC LIMIT 1").fetchone() == ("1.0",)


def test_a_line_without_a_table_is_not_named_twice():
    """Seen in tmux: the demo's own line read 'demo · demo · reden: demo aangemaakt …'."""
    from datetime import UTC, datetime

    from examenbureau.core.logbook import LogLine
    from examenbureau.tui.screens.candidate_view import log_detail

    line = LogLine(1, datetime(2025, 6, 12, 10, 0, tzinfo=UTC), "root", "demo", None, None,
                   None, None, None, "demo aangemaakt", "demo", None)
    assert log_detail(line).plain == ("demo · reden: demo aangemaakt · root, 12-06-2025 10:00 "
                                      "UTC")
