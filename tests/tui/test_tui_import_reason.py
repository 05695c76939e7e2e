"""Importing from the TUI after a closing act: the reason field lets it through, marked.

Real app, real results school (tests/conftest.py), real CSV: after `vaststellen se` an SE
import that changes candidate 5002's NE-T2 is refused without a reason (the store's Dutch
sentence, nothing written), the form comes back asking for the reason, and with one the
change is stored, with the reason in the audit log and marked "na vaststelling".
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from examenbureau.core import closing
from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.dialogs import FormDialog
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle
from tests.tui.test_tui_kandidaat_edit import stored_grade

SIZE = (100, 30)


def audit_rows(db: Path) -> int:
    with Store(db).read() as con:
        return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]


async def fill(pilot, app, values: dict[str, str]) -> None:
    dialog = app.screen
    assert isinstance(dialog, FormDialog)
    for name, value in values.items():
        dialog.query_one(f"#veld-{name}").value = value
    await pilot.press("ctrl+s")
    await settle(pilot, 5)


async def test_an_se_import_after_closing_needs_a_reason(results_school_db: Path, tmp_path: Path):
    closing.close_se(Store(results_school_db), 2025, "examencommissie 20 april")
    csv = tmp_path / "se_correctie.csv"
    csv.write_text("examenjaar;examennummer;vak;toetscode;poging;resultaat\n"
                   "2025;5002;netl;NE-T2;afname;7,5\n", encoding="cp1252")
    before = audit_rows(results_school_db)
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_import()
        await settle(pilot)
        await fill(pilot, app, {"soort": "se-results", "pad": str(csv)})
        # refused: the store's sentence, worded for the form, and the form is back
        shown = [n.message for n in app._notifications]
        assert any("Het schoolexamen van examenjaar 2025 is vastgesteld" in m
                   and "Er is niets gewijzigd" in m for m in shown), shown
        assert stored_grade(results_school_db, "5002", "NE-T2") == Decimal("4.0")
        assert audit_rows(results_school_db) == before
        assert isinstance(app.screen, FormDialog)
        text = flat(screen_text(app))
        assert "is vastgesteld" in text and "het veld Reden hieronder" in text
        assert "--reden" not in text
        assert app.screen.query_one("#veld-pad").value == str(csv)     # nothing to type again
        await fill(pilot, app, {"reden": ""})                          # still no reason
        assert "Nog in te vullen: Reden" in flat(screen_text(app))
        await fill(pilot, app, {"reden": "herbeoordeling na bezwaar"})
        assert not isinstance(app.screen, FormDialog)
        shown = [n.message for n in app._notifications]
        assert any("1 regel gewijzigd na vaststelling" in m
                   and "herbeoordeling na bezwaar" in m for m in shown), shown
    assert stored_grade(results_school_db, "5002", "NE-T2") == Decimal("7.5")
    with Store(results_school_db).read() as con:
        row = con.execute("SELECT old_value, new_value, reason, after_closing FROM audit_log "
                          "WHERE table_name = 'se_results' AND action = 'update' "
                          "ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("4.0", "7.5", "herbeoordeling na bezwaar", True)


async def test_a_backup_carries_the_reason(results_school_db: Path, tmp_path: Path):
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_backup()
        await settle(pilot)
        await fill(pilot, app, {"pad": str(tmp_path / "kopie.duckdb"),
                                "reden": "kopie na vaststelling SE"})
    assert (tmp_path / "kopie.duckdb").is_file()
    with Store(results_school_db).read() as con:
        reason = con.execute("SELECT reason FROM audit_log WHERE action = 'backup' "
                             "ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert reason == "kopie na vaststelling SE"
