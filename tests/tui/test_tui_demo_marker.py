"""A demo whose build was cut off says so on the first screen (core/demo_marker.py)."""

from __future__ import annotations

import pytest

from examenbureau.core.demo import build_demo
from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from tests.tui.helpers import settle


class _CutOff(KeyboardInterrupt):
    """Ctrl+C after the first block of the build."""


def _stop_after_first_block(done: int, total: int) -> None:
    if done == 10:
        raise _CutOff


async def test_an_incomplete_demo_is_named_when_the_app_opens(tmp_path):
    path = tmp_path / "demo.duckdb"
    with pytest.raises(_CutOff):
        build_demo(Store(path, actor="test"), candidates=20, chunk=10,
                   progress=_stop_after_first_block)
    app = ExamenbureauApp(str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = [(n.title, n.message) for n in app._notifications]
    assert ("Onvolledige demo", "Deze demodatabase is onvolledig: de opbouw is afgebroken na "
            "10 van 20 kandidaten. Aantallen en uitslagen gelden alleen voor dat deel; bouw hem "
            "opnieuw op met examenbureau demo.") in shown


async def test_a_complete_demo_opens_without_that_warning(demo_db):
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not [n for n in app._notifications if n.title == "Onvolledige demo"]
