"""The year's results computed in a process of their own: the same answer as in the app's own
thread, a Dutch message when it fails, and no child left running after the app quits."""

from __future__ import annotations

from pathlib import Path

import pytest

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.results_process import ResultsProcess, ResultsProcessError
from examenbureau.tui.results_state import DONE
from examenbureau.tui.year_results import FIGURES, ROWS, events

from .helpers import settle


def _collect(stream) -> tuple[list, object]:
    rows: list = []
    figures = None
    for event in stream:
        if event[0] == ROWS:
            rows.extend(event[1])
        elif event[0] == FIGURES:
            figures = event[1]
    return rows, figures


def test_the_process_answers_what_the_thread_answers(results_school_db_shared: Path):
    proc = ResultsProcess(str(results_school_db_shared), 2025)
    try:
        in_process = _collect(proc.events())
    finally:
        proc.stop()
    in_thread = _collect(events(Store(results_school_db_shared), 2025))
    assert in_process == in_thread
    rows, figures = in_process
    assert {r.exam_number for r in rows} >= {"5001", "5002", "5003"}
    assert figures is not None and figures.pass_rates


def test_a_failing_process_says_why_in_dutch(tmp_path: Path):
    proc = ResultsProcess(str(tmp_path / "weg.duckdb"), 2025)
    try:
        with pytest.raises(ResultsProcessError) as caught:
            list(proc.events())
    finally:
        proc.stop()
    assert "weg.duckdb bestaat niet" in str(caught.value)


async def test_the_app_computes_in_a_process_and_stops_it_when_quitting(
        results_school_db_shared: Path):
    app = ExamenbureauApp(str(results_school_db_shared), results_in_process=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(20):
            await settle(pilot)
            if app.results_state.status == DONE:
                break
        state = app.results_state
        assert state.status == DONE and state.figures is not None
        by_number = {r.exam_number: r for r in state.rows}
        assert by_number["5003"].passed is None        # the N-term of 32007 is missing
        app.compute_results()                          # a second run replaces the first
        await pilot.pause()
        proc = app._results_process
    assert app._results_process is None
    if proc is not None:
        assert proc.proc.poll() is not None            # killed and reaped, not left running


async def test_a_task_that_fails_unexpectedly_is_reported_not_a_crash(
        results_school_db_shared: Path, tmp_path: Path, monkeypatch):
    """A pack error or a bug in a write from the palette: a Dutch line and a log, the app runs."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def broken(_store):
        raise RuntimeError("kapot")

    app = ExamenbureauApp(str(results_school_db_shared))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.run_task("Herkansingen", broken)
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert any("Onverwachte fout (RuntimeError): de opdracht is niet afgerond" in m
                   for m in shown), shown
        assert app.is_running
    assert list(tmp_path.rglob("fout-*.log"))


def test_the_second_start_opens_on_the_kept_results(results_school_db: Path):
    """The first computation keeps every result; the next one computes nothing and shows the
    same rows and figures (core.results.kept), so a large school opens on its results at once."""
    from examenbureau.core.results.kept import open_kept

    store = Store(results_school_db)
    assert open_kept(store, 2025).stale                       # nothing kept yet
    first = _collect(events(store, 2025))
    assert open_kept(store, 2025).stale == ()
    assert _collect(events(store, 2025)) == first
