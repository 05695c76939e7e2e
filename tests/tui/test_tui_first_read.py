"""The first screen is drawn without waiting for DuckDB: another process reads the database
(tui.first_read) while the app's process loads Textual."""

from __future__ import annotations

import ast
import gc
import subprocess
import sys
from pathlib import Path

import pytest

from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.first_read import FirstReader, FirstReadError
from examenbureau.tui.textshot import screen_text

# What neither process may import before the first screen: each costs the secretary's wait
# (DuckDB ~0.2 s of processor time; attrs ~40 ms; tui.data's attrs classes ~15 ms; the rest is
# work no first screen needs). A gain that comes back silently shows up here by name.
HEAVY = ("duckdb", "attr", "attrs", "pluggy", "orjson", "openpyxl", "fpdf", "pypdf",
         "examenbureau.core.results", "examenbureau.core.rules", "examenbureau.core.packs",
         "examenbureau.plugins", "examenbureau.tui.data", "examenbureau.tui.year_results",
         "examenbureau.tui.distribution", "examenbureau.tui.commands",
         "examenbureau.tui.palette", "examenbureau.tui.screens.dialogs")


def _imported(code: str, *args: str) -> list[str]:
    """The modules of HEAVY (or under one of them) that `code` imports in a fresh Python."""
    probe = (code + "\nimport sys\nheavy = " + repr(HEAVY) + "\n"
             "print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.')"
             " for h in heavy)))\n")
    out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                         check=True).stdout
    return ast.literal_eval(out.strip().splitlines()[-1])


def test_the_app_and_its_first_screen_load_without_duckdb():
    code = ("import examenbureau.cli, examenbureau.cli.open_tui, examenbureau.tui.app\n"
            "import examenbureau.tui.screens.overview, examenbureau.core.file_privacy\n"
            "import examenbureau.tui.first_read\n")
    assert _imported(code) == []
    out = subprocess.run([sys.executable, "-c", code + "import sys\nprint(sorted(m for m in "
                          "sys.modules if m.startswith('examenbureau.core.store')))"],
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_first_read_process_imports_only_what_its_answer_needs(demo_db: Path):
    """The child is the slower of the two processes: what it imports, the secretary waits for.
    It needs DuckDB and the store; nothing of HEAVY besides."""
    code = ("import sys\n"
            "from examenbureau.tui import first_read\n"
            "kind, answer = first_read.read(sys.argv[1])\n"
            "assert kind == first_read.OK and answer.overview.total == 150, answer\n"
            "assert 'subprocess' not in sys.modules\n")
    assert [m for m in _imported(code, str(demo_db)) if m.split(".")[0] != "duckdb"] == []


def test_the_first_read_opens_the_file_once(demo_db: Path):
    """The store's own checks and the read of the change counter and the overview share one
    connection: each further open of the file costs the first screen ~45 ms."""
    code = ("import sys\n"
            "from examenbureau.core.store import Store\n"
            "opened = []\n"
            "real = Store._connect\n"
            "def counting(self, *a, **k):\n"
            "    opened.append(1)\n"
            "    return real(self, *a, **k)\n"
            "Store._connect = counting\n"
            "from examenbureau.tui import first_read\n"
            "kind, answer = first_read.read(sys.argv[1])\n"
            "print(kind, len(opened), answer.last_change > 0)\n")
    out = subprocess.run([sys.executable, "-c", code, str(demo_db)], capture_output=True,
                         text=True, check=True).stdout
    assert out.split() == ["ok", "1", "True"]


def test_the_first_read_brings_the_overview_and_the_change_counter(demo_db: Path):
    reader = FirstReader(str(demo_db))
    try:
        first = reader.answer()
    finally:
        reader.stop()
    assert first is not None
    assert first.overview.school_name == "Fictief Voorbeeldcollege"
    assert first.overview.total == 150
    assert isinstance(first.last_change, int) and first.stamp


def test_a_damaged_database_is_reported_by_the_first_read(tmp_path: Path):
    db = tmp_path / "kapot.duckdb"
    db.write_bytes(b"dit is geen database" * 100)
    reader = FirstReader(str(db))
    try:
        with pytest.raises(FirstReadError) as caught:
            reader.answer()
    finally:
        reader.stop()
    assert "kapot.duckdb" in str(caught.value)


async def test_the_overview_shows_what_was_read_before_the_first_paint(demo_db: Path):
    reader = FirstReader(str(demo_db))
    try:
        first = reader.answer()
    finally:
        reader.stop()
    app = ExamenbureauApp(str(demo_db), first_read=first)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # no worker has read the store yet, and still the school is there
        assert "Fictief Voorbeeldcollege" in screen_text(app)
        assert app.first_read is None                   # used once; F5 reads the store again


async def test_the_collector_paused_for_the_start_runs_again_once_the_screen_is_drawn(
        demo_db: Path):
    app = ExamenbureauApp(str(demo_db))
    app.resume_gc = True            # as run_app sets it when cli.open_tui paused the collector
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert "Overzicht" in screen_text(app)
            assert gc.isenabled()
    finally:
        gc.enable()
