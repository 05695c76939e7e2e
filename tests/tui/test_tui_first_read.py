"""The first screen is drawn without waiting for DuckDB: another process reads the database
(tui.first_read) while the app's process loads Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.first_read import FirstReader, FirstReadError
from examenbureau.tui.textshot import screen_text


def test_the_app_and_its_first_screen_load_without_duckdb():
    code = ("import sys\n"
            "import examenbureau.cli, examenbureau.cli.open_tui, examenbureau.tui.app\n"
            "import examenbureau.tui.screens.overview, examenbureau.core.file_privacy\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'duckdb'"
            " or m.startswith('examenbureau.core.store')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


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
