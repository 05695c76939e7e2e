"""Zitting on the demo school: the CE sittings of a day from the DNT, the candidates with
their extra time, a gap in the SE named before the CE, and an incident recorded and audited.

Demo candidate 5040 (havo) misses NE5-T4 and sits the havo Dutch CE on 12 May 2025 at 13:30.
"""

from __future__ import annotations

from pathlib import Path

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.dialogs import FormDialog
from examenbureau.tui.screens.sitting import SittingScreen
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle

SIZE = (80, 24)


async def open_sitting(pilot) -> SittingScreen:
    await pilot.press("f9")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SittingScreen)
    return screen


async def open_dutch_ce(pilot, app) -> SittingScreen:
    screen = await open_sitting(pilot)
    screen.query_one("#z-datum").value = "12-05-2025"
    screen.action_reload()
    await settle(pilot, 4)
    index = next(i for i, s in enumerate(screen.sittings)
                 if s.subject == "netl" and s.school_type == "havo")
    screen.query_one("#z-zittingen").move_cursor(row=index)
    await settle(pilot, 4)
    assert screen.current is not None and screen.current.nex_id == "22004"
    return screen


async def test_the_se_gap_of_5040_is_named_before_the_ce(demo_db: Path):
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_dutch_ce(pilot, app)
        taker = next(t for t in screen.takers if t.exam_number == "5040")
        assert "netl NE5-T4" in taker.se_missing
        screen.query_one("#z-nummer").value = "5040"
        await settle(pilot)
        text = flat(screen_text(app))
        assert "5040" in text and "SE niet compleet: netl NE5-T4" in text
        assert "SE niet compleet bij" in text


async def test_a_late_arrival_is_recorded_with_its_reason_and_audited(demo_db: Path):
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_dutch_ce(pilot, app)
        screen.query_one("#z-tijd").value = "13:41"
        screen.query_one("#z-nummer").value = "5040"
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#veld-notitie").value = "bus te laat"
        app.screen.query_one("#veld-reden").value = "melding surveillant"
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
    with Store(demo_db).read() as con:
        incident = con.execute("SELECT exam_number, kind, minutes_late, note FROM incidents"
                               " WHERE note = 'bus te laat'").fetchall()   # the demo has others
        audited = con.execute("SELECT count(*) FROM audit_log WHERE table_name = 'incidents'"
                              " AND reason = 'melding surveillant'").fetchone()[0]
    assert incident == [("5040", "te_laat", 11, "bus te laat")]
    assert audited == 1


async def test_ozhw_late_arrival_at_a_0900_ce_sitting(demo_db: Path):
    """OZHW examenreglement art. 38 lid 5: admitted until 30 minutes after the start; the end
    time stays, plus the candidate's extra time (7005: verlenging30) -> hand in at 12:00."""
    Store(demo_db).set_setting("rulepack", "ozhw", reason="school valt onder OZHW")
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#z-datum").value = "21-05-2025"
        screen.action_reload()
        await settle(pilot, 4)
        index = next(i for i, s in enumerate(screen.sittings) if s.nex_id == "21003")
        assert (screen.sittings[index].start, screen.sittings[index].end) == ("09:00", "11:30")
        screen.query_one("#z-zittingen").move_cursor(row=index)
        await settle(pilot, 4)
        assert "09:30" in flat(screen_text(app))          # last admission in the list
        screen.query_one("#z-nummer").value = "7005"
        screen.query_one("#z-tijd").value = "09:29"
        await settle(pilot)
        text = flat(screen_text(app))
        assert "MAG NAAR BINNEN, schrijft tot 12:00" in text
        assert "30 minuten extra tijd" in text
        screen.query_one("#z-tijd").value = "09:31"
        await settle(pilot)
        text = flat(screen_text(app))
        assert "MAG NIET MEER NAAR BINNEN" in text and "art. 38 lid 5" in text


async def test_a_typed_date_shows_its_sittings_without_enter(demo_db: Path):
    """Seen in tmux: a date typed and left with tab kept the sittings of the day before on
    screen under the new date; only enter read the new day."""
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_sitting(pilot)
        screen.query_one("#z-datum").focus()
        screen.query_one("#z-datum").value = ""
        await pilot.press(*"12-05-2025", "tab")
        await settle(pilot, 4)
        assert screen.sittings and {s.nex_id for s in screen.sittings} >= {"22004"}
        assert str(screen.day) == "2025-05-12"
        screen.query_one("#z-datum").value = "13-05-2025"
        await settle(pilot, 4)
        assert str(screen.day) == "2025-05-13"
        assert "22004" not in {s.nex_id for s in screen.sittings}
        screen.query_one("#z-datum").value = "13-05-202"      # half typed: the day stays
        await settle(pilot, 4)
        assert str(screen.day) == "2025-05-13" and screen.sittings


async def test_names_and_exams_follow_the_width_of_the_terminal(demo_db: Path):
    """Seen in tmux at 100 wide: "François Kuipers-van D" and "GL/TL Nederlandse taal CSE 2025
    tijdvak" cut off at the door while the right of the screen stayed empty."""
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_dutch_ce(pilot, app)
        index = next(i for i, s in enumerate(screen.sittings)
                     if s.subject == "ne" and (s.description or "").startswith("GL/TL"))
        screen.query_one("#z-zittingen").move_cursor(row=index)
        await settle(pilot, 4)
        text = screen_text(app)
        assert "GL/TL Nederlandse taal CSE 2025 tijdvak 1" in text
        shown = screen.takers[:12]                     # the rows on screen
        assert any(len(t.name) > 22 for t in shown)
        assert all(t.name in text for t in shown)


async def test_a_number_typed_at_the_door_finds_its_sitting_of_the_day(demo_db: Path):
    """Seen in tmux: on 12 May five CE sittings start at 13:30; with havo Dutch chosen, 2009
    (KB English) got "2009: doet niet mee aan deze zitting." and the secretary had to find
    the right sitting herself while the candidate waited at the door."""
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_dutch_ce(pilot, app)
        assert not any(t.exam_number == "2009" for t in screen.takers)
        screen.query_one("#z-tijd").value = "13:40"
        screen.query_one("#z-nummer").value = "2009"
        await settle(pilot, 6)
        assert screen.current is not None and screen.current.nex_id != "22004"
        assert any(t.exam_number == "2009" for t in screen.takers)
        text = flat(screen_text(app))
        assert "2009 Chloë Akkerveld" in text and "aankomst 13:40" in text
        screen.query_one("#z-nummer").value = "9999"         # nobody's number: said so
        await settle(pilot, 3)
        assert "9999: doet vandaag aan geen zitting mee." in flat(screen_text(app))
        screen.query_one("#z-datum").value = "11-05-2025"    # a Sunday: no sitting at all
        await settle(pilot, 4)
        assert "9999: op 11-05-2025 is er geen zitting." in flat(screen_text(app))


async def test_an_article_already_in_the_reason_is_not_repeated(demo_db: Path):
    """Seen in tmux: '... beslist het examenreglement van de school (Wet voortgezet onderwijs
    2020 art. 2.60 lid 1). (Wet voortgezet onderwijs 2020 art. 2.60 lid 1)'."""
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_dutch_ce(pilot, app)
        screen.query_one("#z-tijd").value = "13:40"
        screen.query_one("#z-nummer").value = "5040"
        await settle(pilot)
        text = flat(screen_text(app))
        assert "examenreglement van de school" in text
        assert text.count("Wet voortgezet onderwijs 2020 art. 2.60 lid 1") == 1
