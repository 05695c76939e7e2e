"""Kandidaat marks an SE change made after `vaststellen se` as "gewijzigd na vaststelling".

Driven through the real app on the results school (tests/conftest.py): after the SE of 2025 is
closed, the secretary corrects candidate 5002's NE-T2 with a reason; the save is let through
(a person's reason), and the candidate screen marks the SE row and names the change on top.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from examenbureau.core import closing
from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle
from tests.tui.test_tui_kandidaat_edit import open_se_row, stored_grade


async def test_an_se_change_after_closing_is_marked_on_the_candidate_screen(results_school_db: Path):
    closing.close_se(Store(results_school_db), 2025, "examencommissie 20 april")
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_se_row(pilot, app, "5002", "NE-T2")
        assert "gewijzigd na vaststelling" not in flat(screen_text(app))
        await pilot.press("ctrl+a", "ctrl+k", *"8,0")
        await settle(pilot, 4)
        app.screen.query_one("#reden").value = "herbeoordeling na bezwaar"
        await pilot.press("ctrl+s")
        await settle(pilot, 6)
        assert app.screen is screen
        assert stored_grade(results_school_db, "5002", "NE-T2") == Decimal("8.0")
        text = flat(screen_text(app))
        assert "gewijzigd na vaststelling" in text
        assert "cijfer 4,0 -> 8,0" in text and "herbeoordeling na bezwaar" in text
        # the Logboek (F10) says it too, on the row and in its count
        await pilot.press("f10")
        await settle(pilot)
        app.screen.query_one("#f-kandidaat").value = "5002"
        await settle(pilot, 4)
        edit = next(c for c in app.screen.changes if c.table == "se_results")
        assert edit.after_closing and edit.reason == "herbeoordeling na bezwaar"
        text = flat(screen_text(app))
        assert "NA VASTSTELLING: herbeoordeling" in text and "waarvan 1 na vaststelling" in text
