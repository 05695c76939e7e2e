"""CE-scores on the demo school: digits move on, above the maximum is refused on the spot, a
corrector difference shows at once and is resolved by entering the definitive score."""

from __future__ import annotations

from pathlib import Path

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.ce_scores import FIRST_QUESTION, CeScoresScreen
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import settle

SIZE = (80, 24)


def stored(db: Path, nex: str, number: str, question: str) -> tuple:
    with Store(db).read() as con:
        return con.execute(
            "SELECT score_c1, score_c2, score_final, row_version FROM ce_item_scores"
            " WHERE nex_id = ? AND exam_number = ? AND question = ?",
            [nex, number, question]).fetchone()


async def open_grid(pilot) -> CeScoresScreen:
    """CE-scores (F7) with the first exam's grid on screen."""
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot, 5)
    screen = pilot.app.screen
    assert isinstance(screen, CeScoresScreen) and screen.grid is not None
    return screen


async def test_a_corrector_difference_shows_and_is_resolved(demo_db: Path):
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grid(pilot)
        grid = screen.grid
        # a question both correctors scored alike, with room for another score
        row, q, cell = next(
            (r, i, grid.cell(n, question))
            for r, (n, _name) in enumerate(grid.candidates)
            for i, (question, maximum) in enumerate(grid.questions)
            if 2 <= maximum < 9 and grid.cell(n, question).c1 is not None
            and grid.cell(n, question).c1 == grid.cell(n, question).c2)
        number, question = grid.candidates[row][0], grid.questions[q][0]
        maximum = grid.questions[q][1]
        before_open = grid.differences()
        before_all = sum(1 for c in grid.cells.values() if c.differs)
        table = screen.query_one("#ce-rooster")
        table.cursor_coordinate = (row, FIRST_QUESTION + q)
        await pilot.press("ctrl+t")                          # 2e corrector
        await settle(pilot)
        table.cursor_coordinate = (row, FIRST_QUESTION + q)
        await pilot.press(str(maximum + 1))                  # above the maximum: refused
        await settle(pilot)
        assert f"{maximum + 1} kan niet: maximaal {maximum} punten" in screen_text(app)
        assert stored(demo_db, grid.nex_id, number, question)[1] == cell.c2
        other = 0 if cell.c1 else 1
        await pilot.press(str(other))                        # one digit completes: moves on
        await settle(pilot, 5)
        assert table.cursor_coordinate == (row, FIRST_QUESTION + q + 1)
        assert stored(demo_db, grid.nex_id, number, question)[1] == other
        assert f"correctoren verschillen bij {before_all + 1} vragen" in screen_text(app)
        await pilot.press("ctrl+t")                          # the definitive score
        await settle(pilot)
        table.cursor_coordinate = (row, FIRST_QUESTION + q)
        await pilot.press("delete")                          # take it away: now "?"
        await settle(pilot, 5)
        table.cursor_coordinate = (row, FIRST_QUESTION + q)
        assert str(table.get_cell_at((row, FIRST_QUESTION + q))) == "?"
        assert screen.grid.differences() == before_open + 1
        assert f"{before_open + 1} nog open" in screen_text(app)
        await pilot.press(str(cell.c1))
        await settle(pilot, 5)
        c1, c2, final, _version = stored(demo_db, grid.nex_id, number, question)
        assert (c1, c2, final) == (cell.c1, other, cell.c1)
        assert screen.grid.differences() == before_open
    with Store(demo_db).read() as con:   # every cell saved with the session's reason
        reasons = {r[0] for r in con.execute(
            "SELECT reason FROM audit_log WHERE table_name = 'ce_item_scores'"
            " AND action = 'update'").fetchall()}
    assert "invoer CE-scores per vraag" in reasons


async def test_the_change_in_the_result_reads_whole_at_80x24(demo_db: Path):
    """Seen in tmux at 80x24: after a definitive score the line '5001 Mohamed Jansma-Çakır: ak
    CE tijdvak 1 …' was cut off at the edge (the status had two lines and the change came
    after the typing hint), and it stood in red as if something had gone wrong."""
    from tests.tui.helpers import flat

    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_grid(pilot)
        grid = screen.grid
        number, (question, maximum) = grid.candidates[0][0], grid.questions[0]
        cell = grid.cell(number, question)
        assert cell.definitive is not None and cell.definitive < maximum
        await pilot.press("ctrl+t", "ctrl+t")                # the definitive score
        await settle(pilot)
        screen.query_one("#ce-rooster").cursor_coordinate = (0, FIRST_QUESTION)
        await pilot.press(str(maximum))
        await settle(pilot, 6)
        assert screen.message.startswith(f"{number} ")        # the candidate's result changed
        assert screen.message in flat(screen_text(app))
