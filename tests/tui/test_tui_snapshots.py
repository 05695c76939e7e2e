"""SVG snapshots of the workbench's screens at 80x24 (pytest-textual-snapshot).

Why: what fits on an 80x24 SSH terminal is a requirement, and a change that pushes a column or
the footer off the screen should show up as a visual difference in review. The database is
the results school with every audit row set to one moment and one user, so the pictures do
not depend on the clock. After an intended change, review the HTML report and update with
`pytest tests/tui/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from tests.conftest import build_results_school

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def no_blinking_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make each picture depend on the moment it is taken."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_results_school(tmp_path_factory.mktemp("snap") / "school.duckdb")
    items = [{"exam_year": 2025, "period": 1, "nex_id": "31007", "exam_number": n,
              "question": str(q), "max_score": m, "score_c1": c1, "score_c2": c2,
              "score_final": None}
             for n, scores in (("5001", ((1, 3, 3, 3), (2, 2, 2, 1), (3, 4, 4, 4))),
                               ("5002", ((1, 3, 2, 2), (2, 2, 1, 1), (3, 4, 3, 4))))
             for q, m, c1, c2 in scores]
    with Store(path).transaction(reason="scores per vraag", source="snapshot") as tx:
        tx.upsert_many("ce_item_scores", ["exam_year", "nex_id", "exam_number", "question"],
                       items)
    with Store(path).read() as con:
        con.execute("UPDATE audit_log SET changed_at = TIMESTAMPTZ '2025-06-12 10:00:00+00',"
                    " actor = 'secretaris'")
    return path


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shoot(snap_compare, db: Path, *keys: str, then=None) -> bool:
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
            await settle(pilot)

    return snap_compare(ExamenbureauApp(str(db)), terminal_size=SIZE, run_before=run_before)


def test_kandidaat(snap_compare, school: Path):
    async def open_5002(pilot) -> None:
        pilot.app.open_candidate(2025, "5002")
    assert shoot(snap_compare, school, then=open_5002)


def test_kandidaat_se(snap_compare, school: Path):
    async def open_5002_se(pilot) -> None:
        pilot.app.open_candidate(2025, "5002")
        await settle(pilot)
        await pilot.press("s")
    assert shoot(snap_compare, school, then=open_5002_se)


def test_ntermen(snap_compare, school: Path):
    assert shoot(snap_compare, school, "f6")


def test_ce_scores(snap_compare, school: Path):
    assert shoot(snap_compare, school, "f7")


def test_logboek(snap_compare, school: Path):
    async def filter_5003(pilot) -> None:
        pilot.app.screen.query_one("#f-kandidaat").value = "5003"
    assert shoot(snap_compare, school, "f10", then=filter_5003)


def test_zitting(snap_compare, demo_db: Path):
    """At the door of the vwo Dutch CE (21 May 2025, 09:00) under OZHW: 7005 at 09:29."""
    Store(demo_db).set_setting("rulepack", "ozhw", reason="school valt onder OZHW")

    async def at_the_door(pilot) -> None:
        screen = pilot.app.screen
        screen.query_one("#z-datum").value = "21-05-2025"
        screen.action_reload()
        await settle(pilot)
        index = next(i for i, s in enumerate(screen.sittings) if s.nex_id == "21003")
        screen.query_one("#z-zittingen").move_cursor(row=index)
        await settle(pilot)
        screen.query_one("#z-tijd").value = "09:29"
        screen.query_one("#z-nummer").value = "7005"
    assert shoot(snap_compare, demo_db, "f9", then=at_the_door)


def test_herkansingen(snap_compare, demo_db: Path):
    """Under OZHW: 5040 asks for a resit of NE5-T4, with one request already registered."""
    from datetime import datetime

    from examenbureau.core import resit_register

    store = Store(demo_db)
    store.set_setting("rulepack", "ozhw", reason="school valt onder OZHW")
    with store.transaction(reason="testopzet: lege herkansingsregistratie voor 5040") as tx:
        tx.execute("DELETE FROM resit_requests WHERE exam_number = '5040'")
    request = resit_register.se_request(store, 2025, "5040", "wisA", "WA5-T5")
    resit_register.register_se_resit(store, 2025, "5040", request, datetime(2025, 3, 1, 10, 0),
                                     reason="formulier", source="snapshot")

    async def ask(pilot) -> None:
        screen = pilot.app.screen
        screen.query_one("#h-nummer").value = "5040"
        screen.query_one("#h-vak").value = "netl"
        screen.query_one("#h-toets").value = "NE5-T4"
    assert shoot(snap_compare, demo_db, "f8", then=ask)
