"""A name or a title with square brackets is shown as typed: Textual reads "[b]" in a string
as markup, and a pupil's name must never turn bold or lose letters on the screen."""

from __future__ import annotations

from pathlib import Path

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import flat, settle

NAME = "Bakker [b]de[/b] [x]"
TITLE = "Licht [rood] en [bold]blauw[/]"


async def test_a_name_and_a_pws_title_with_brackets_show_literally(results_school_db: Path):
    store = Store(results_school_db)
    with store.transaction(reason="correctie", user_reason="naam als in de administratie") as tx:
        tx.update("candidates", {"exam_year": 2025, "exam_number": "5002"}, {"last_name": NAME})
        tx.insert("pws_titles", {"exam_year": 2025, "exam_number": "5002", "title": TITLE},
                  key={"exam_year": 2025, "exam_number": "5002"})
    app = ExamenbureauApp(str(results_school_db))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f3")                 # the candidate list, narrowed to this one
        await settle(pilot)
        await pilot.press(*"5002")
        await settle(pilot)
        assert NAME in flat(screen_text(app))
        app.open_candidate(2025, "5002")
        await settle(pilot)
        shown = flat(screen_text(app))
        assert NAME in shown
        assert f"Profielwerkstuk: {TITLE}" in shown
