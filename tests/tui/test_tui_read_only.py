"""A reader's TUI: the role is known at start and shown, no writing action is offered.

Real roles on the results school (tests/conftest.py): the school names another account as its
writer and the current OS account as a reader, as `examenbureau rollen lezer` would. The store
refuses a reader's write anyway (core/store/roles.py); the TUI must not offer one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from examenbureau.core.store import Store
from examenbureau.core.store.identity import os_account
from examenbureau.core.store.roles import READER, READERS, WRITERS
from examenbureau.tui import app as app_module
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.first_read import read
from examenbureau.tui.screens.candidate import CandidateScreen
from examenbureau.tui.screens.nterms import NTermScreen
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle

SIZE = (80, 24)


@pytest.fixture
def reader_db(results_school_db: Path) -> Path:
    with Store(results_school_db).transaction(reason="rollen", source="test") as tx:
        tx.upsert_many("settings", ["key"], [{"key": WRITERS, "value": "secretaris"},
                                             {"key": READERS, "value": os_account()}])
    return results_school_db


def audit_rows(db: Path) -> int:
    with Store(db).read() as con:
        return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_the_tui_spells_the_readers_role_as_the_store_does():
    assert app_module.READER == READER


def test_the_first_read_knows_the_role(reader_db: Path):
    kind, first = read(str(reader_db))
    assert kind == "ok" and first.role == READER


async def test_a_reader_is_shown_read_only_and_offered_no_edit(reader_db: Path):
    before = audit_rows(reader_db)
    app = ExamenbureauApp(str(reader_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.read_only
        assert screen_text(app).splitlines()[0].startswith(" alleen lezen ")
        assert any("U werkt alleen lezen" in n.message for n in app._notifications)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Exporteren" in titles and not {"Importeren", "Reservekopie"} & titles
        # Kandidaat: no "Wijzigen" in the footer or the palette; e and enter open nothing
        app.open_candidate(2025, "5002")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CandidateScreen)
        await pilot.press("s")
        await settle(pilot)
        text = flat(screen_text(app))
        assert "Wijzigen" not in text and "Nieuwe poging" not in text and "wijzigen ·" not in text
        assert "Alleen lezen: uw account kan hier niets wijzigen." in text
        titles = {c.title for c in app.get_system_commands(screen)}
        assert not any("Wijzigen" in t or "Nieuwe poging" in t for t in titles)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is screen
        screen.query_one("#se-tabel").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        # N-termen: enter on the missing N-term offers no dialog
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, NTermScreen)
        assert "N-term invoeren" not in flat(screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NTermScreen)
        # CE-scores: the reason field is for a score entered, so a reader cannot type in it
        await pilot.press("f7")
        await settle(pilot)
        reason = app.screen.query_one("#ce-reden-veld", Input)
        assert reason.disabled
        reason.focus()
        await pilot.press(*"x")
        assert reason.value == "invoer CE-scores per vraag"
        assert not any(c.title == "Reden" for c in app.get_system_commands(app.screen))
        # Herkansingen and Zitting: no registering, no recording
        for key, hidden in (("f8", "Registreren"), ("f9", "Te laat")):
            await pilot.press(key)
            await settle(pilot)
            assert hidden not in flat(screen_text(app))
            assert not any(hidden in c.title for c in app.get_system_commands(app.screen))
    assert audit_rows(reader_db) == before


async def test_a_writer_keeps_every_action(results_school_db: Path):
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.role == "schrijver" and not app.read_only
        assert "alleen lezen" not in screen_text(app).splitlines()[0]
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Importeren", "Reservekopie"} <= titles
