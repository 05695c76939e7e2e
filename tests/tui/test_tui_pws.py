"""The PWS title: imported from the TUI's import task (kind pws) and shown on the Kandidaat
screen, as the cijferlijst prints it."""

from __future__ import annotations

from pathlib import Path

from examenbureau.core.store import Store
from examenbureau.tui import tasks
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle


async def test_the_candidate_screen_shows_the_imported_pws_title(results_school_db: Path,
                                                                  tmp_path: Path):
    csv = tmp_path / "pws.csv"
    csv.write_text("examenjaar;examennummer;pws_titel\n2025;5002;Waterberging in de stad\n",
                   encoding="utf-8")
    assert "pws" in tasks.IMPORT_KINDS
    ok, lines = tasks.import_one(Store(results_school_db), "pws", str(csv), None)
    assert ok and "1 nieuw, 0 gewijzigd, 0 ongewijzigd" in lines[0]
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_candidate(2025, "5002")
        await settle(pilot)
        assert "Profielwerkstuk: Waterberging in de stad" in flat(screen_text(app))
        app.open_candidate(2025, "5001")        # no title: no line
        await settle(pilot)
        assert "Profielwerkstuk:" not in flat(screen_text(app))
