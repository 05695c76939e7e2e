"""Documenten from the palette: a candidate with a gap in the SE is named and left out."""

from __future__ import annotations

from pathlib import Path

from examenbureau.core.document_selection import select_for_documents
from examenbureau.core.store import Store
from examenbureau.tui import tasks


def test_se_overview_leaves_out_5040_and_says_why(demo_db: Path, tmp_path: Path):
    store = Store(demo_db)
    chosen = select_for_documents(store, "se-overzicht", 2025)
    left = {n: why for n, _name, why in chosen.left_out}
    assert "netl NE5-T4" in left["5040"]
    assert "5040" not in chosen.ready and chosen.ready
    everyone = select_for_documents(store, "se-overzicht", 2025, include_incomplete=True)
    assert "5040" in everyone.ready and not everyone.left_out


def test_documents_task_writes_the_ready_ones_of_a_class(demo_db: Path, tmp_path: Path):
    store = Store(demo_db)
    with store.read() as con:
        klas = con.execute("SELECT class_name FROM candidates WHERE exam_number = '5040'"
                           ).fetchone()[0]
    ok, lines = tasks.documents(store, "se-overzicht", str(tmp_path / "pdf"), 2025, klas)
    assert ok
    written = sorted(p.name for p in (tmp_path / "pdf").glob("*.pdf")
                     if not p.name.endswith("_afdrukken.pdf"))
    assert written and not any("5040" in name for name in written)
    if len(written) > 1:      # and one file with all of them, to print
        assert (tmp_path / "pdf" / f"se-overzicht_2025_{klas}_afdrukken.pdf").exists()
        assert any(line.startswith("Om af te drukken, alles in één bestand:") for line in lines)
    assert any(line.startswith("5040 ") and "NE5-T4" in line for line in lines)
    assert lines[0] == f"{len(written)} PDF's geschreven naar {tmp_path / 'pdf'}." or \
        (len(written) == 1 and lines[0].startswith("1 PDF geschreven"))


async def test_a_long_report_is_read_whole_at_80x24(demo_db: Path, tmp_path: Path):
    """Seen in tmux at 80x24: the cijferlijst of the whole school left 11 candidates out; the
    notification grew taller than the screen, so its first lines (how many PDF's, where the
    file to print is) were never on screen, and the list vanished after 12 seconds."""
    from examenbureau.tui.app import ExamenbureauApp
    from examenbureau.tui.screens.dialogs import ReportDialog
    from examenbureau.tui.textshot import screen_text
    from tests.tui.helpers import flat, settle

    store = Store(demo_db)
    with store.read() as con:
        numbers = [r[0] for r in con.execute(
            "SELECT exam_number FROM candidates WHERE class_name = 'H5b' ORDER BY 1").fetchall()]
    with store.transaction(reason="testopzet: gaten in het SE van H5b") as tx:
        for number in numbers[:9]:
            tx.execute("DELETE FROM se_results WHERE exam_number = ? AND test_code = ("
                       "SELECT min(test_code) FROM se_results WHERE exam_number = ?)",
                       [number, number])
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.run_task("Documenten", lambda s: tasks.documents(
            s, "se-overzicht", str(tmp_path / "pdf"), 2025, "H5b"))
        await settle(pilot, 6)
        assert isinstance(app.screen, ReportDialog)
        text = flat(screen_text(app))
        assert "PDF's geschreven naar" in text and "afdrukken.pdf" in text
        assert "niet meegenomen" in text
        await pilot.press("end")                        # the whole list can be read
        await settle(pilot)
        assert numbers[8] in flat(screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReportDialog)
