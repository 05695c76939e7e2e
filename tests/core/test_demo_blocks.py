"""The demo commits one block of candidates at a time; a build cut off midway says so.

Why: one transaction for the whole demo held every row in memory (5 GB at 100,000
candidates). With committed blocks a Ctrl+C leaves a partial school behind, which must never
pass for a smaller complete one: the CLI names it on every command that reads the school.
"""

from __future__ import annotations

import pytest

from examenbureau.cli import main
from examenbureau.core.demo import build_demo
from examenbureau.core.demo_marker import INCOMPLETE_KEY, incomplete
from examenbureau.core.store import Store


class _CutOff(KeyboardInterrupt):
    """Ctrl+C at a chosen moment of the build."""


def _cut_at(when: int):
    def progress(done: int, total: int) -> None:
        if done == when:
            raise _CutOff
    return progress


def _count(store: Store, sql: str) -> int:
    with store.read() as con:
        return con.execute(sql).fetchone()[0]


def test_a_cut_off_build_keeps_its_blocks_and_is_marked_until_rebuilt(tmp_path, capsys):
    path = tmp_path / "demo.duckdb"
    store = Store(path, actor="test")
    with pytest.raises(_CutOff):
        build_demo(store, candidates=150, chunk=50, progress=_cut_at(100))
    # the two committed blocks stay, the pack cases of the last step are not there
    assert _count(store, "SELECT count(*) FROM candidates") == 100
    assert _count(store, "SELECT count(*) FROM candidate_subjects") > 100 * 6
    assert _count(store, "SELECT count(*) FROM year_grades") == 0
    assert incomplete(store) == (
        "Deze demodatabase is onvolledig: de opbouw is afgebroken na 100 van 150 kandidaten. "
        "Aantallen en uitslagen gelden alleen voor dat deel; bouw hem opnieuw op met "
        "examenbureau demo.")

    assert main(["--db", str(path), "uitslag", "--format", "json"]) in (0, 1)
    warned = capsys.readouterr().err
    assert "Let op: Deze demodatabase is onvolledig" in warned and "100 van 150" in warned

    # the demo rebuilds its own half-built file; afterwards nothing is marked
    summary = build_demo(store, candidates=150, chunk=50)
    assert summary.rebuilt
    assert incomplete(store) is None
    assert _count(store, f"SELECT count(*) FROM settings WHERE key = '{INCOMPLETE_KEY}'") == 0
    assert main(["--db", str(path), "uitslag", "--format", "json"]) in (0, 1)
    assert "onvolledig" not in capsys.readouterr().err


def test_a_cut_off_in_the_first_block_is_marked_too(tmp_path):
    """Even before any candidate is written the file is a demo under construction."""
    store = Store(tmp_path / "demo.duckdb", actor="test")
    with pytest.raises(_CutOff):
        build_demo(store, candidates=50, chunk=25, progress=_cut_at(0))
    assert _count(store, "SELECT count(*) FROM candidates") == 0
    assert "na 0 van 50 kandidaten" in (incomplete(store) or "")


def test_a_real_school_has_no_mark(tmp_path):
    store = Store(tmp_path / "school.duckdb", actor="test")
    assert incomplete(store) is None
