"""Herkansingen on the demo school: the pack's verdict shown before registering, the request
stored with its status and reason, the list per subject and test, exported for the teachers."""

from __future__ import annotations

import csv
from pathlib import Path

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.dialogs import FormDialog
from examenbureau.tui.screens.resits import ResitsScreen
from examenbureau.tui.textshot import screen_text
from tests.tui.helpers import settle

SIZE = (80, 24)


async def _ask(pilot, number: str, subject: str, test: str = "", kind: str = "se"
               ) -> ResitsScreen:
    """Herkansingen (F8) with a request typed in, once its verdict is on screen."""
    await settle(pilot)
    await pilot.press("f8")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ResitsScreen)
    screen.query_one("#h-soort").value = kind
    screen.query_one("#h-nummer").value = number
    screen.query_one("#h-vak").value = subject
    if test:
        screen.query_one("#h-toets").value = test
    await settle(pilot, 4)
    return screen


async def test_register_list_and_export_a_resit_request(demo_db: Path, tmp_path: Path):
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ResitsScreen)
        screen.query_one("#h-nummer").value = "5040"
        screen.query_one("#h-vak").value = "netl"
        screen.query_one("#h-toets").value = "NE5-MO"
        await settle(pilot, 4)
        assert screen.verdict is not None           # the pack's answer is on screen first
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#veld-reden").value = "aanvraagformulier 12-3"
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
        assert [(r.exam_number, r.subject, r.test_code) for r in screen.listed] == [
            ("5040", "netl", "NE5-MO")]
        screen.query_one("#h-toets").value = "NE5-PO"  # another test: its list is empty
        await settle(pilot, 4)
        assert screen.listed == []
        screen.query_one("#h-toets").value = "NE5-MO"
        await settle(pilot, 4)
        await pilot.press("ctrl+o")
        await settle(pilot)
        target = tmp_path / "herkansingen_netl.csv"
        app.screen.query_one("#veld-pad").value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot, 5)
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:6] == ["examenjaar", "examennummer", "naam", "soort", "vak", "toets"]
    assert rows[1][1] == "5040" and rows[1][4] == "netl" and rows[1][5] == "NE5-MO"
    with Store(demo_db).read() as con:
        reasons = [r[0] for r in con.execute(
            "SELECT reason FROM audit_log WHERE table_name = 'resit_requests'").fetchall()]
    assert reasons == ["aanvraagformulier 12-3"]


async def test_a_resit_over_the_ozhw_quota_is_refused_with_the_article(demo_db: Path):
    """OZHW examenreglement art. 28 lid 1: four SE resits; 5040 has used them all."""
    from datetime import datetime

    from examenbureau.core import resit_register

    store = Store(demo_db)
    store.set_setting("rulepack", "ozhw", reason="school valt onder OZHW")
    with store.transaction(reason="testopzet: lege herkansingsregistratie voor 5040") as tx:
        tx.execute("DELETE FROM resit_requests WHERE exam_number = '5040'")
    # the demo's dossier already holds two resits of 5040 (beco, econ): two granted requests
    # make the four of art. 28 lid 1, counted by the pack on the register and the dossier alike
    for subject, test in (("wisA", "WA5-T5"), ("entl", "EN5-T5")):
        request = resit_register.se_request(store, 2025, "5040", subject, test)
        done = resit_register.register_se_resit(store, 2025, "5040", request,
                                                datetime(2025, 3, 1, 10, 0),
                                                reason="eerder toegekend", source="test")
        assert done.status == "toegekend", done
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _ask(pilot, "5040", "dutl", "DU5-T5")
        assert screen.verdict is not None and screen.verdict.allowed is False
        text = " ".join(screen_text(app).split())
        assert "NIET TOEGESTAAN (ozhw)" in text
        assert "art. 28" in text


async def test_a_ce_resit_shows_the_packs_deadline_and_refuses_a_late_request(demo_db: Path):
    """OZHW art. 41 lid 4: the day after the results, before 12:00; asked today is too late."""
    store = Store(demo_db)
    store.set_setting("rulepack", "ozhw", reason="school valt onder OZHW")
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ask(pilot, "5040", "netl", kind="ce")
        assert screen.query_one("#h-ce-kop").display        # asked only for a CE resit
        screen.query_one("#h-uitslag").value = "11-06-2025 09:00"
        await settle(pilot, 4)
        assert screen.verdict is not None and screen.verdict.allowed is False
        text = " ".join(screen_text(app).split())
        assert "NIET TOEGESTAAN (ozhw)" in text and "te laat" in text
        assert ("Termijn: Aanvraag herkansing centraal examen: binnen 1 dag na bekendmaking "
                "eindcijfers, vóór 12:00 uur (dus vóór 12-06-2025 12:00)") in text
        screen.query_one("#h-uitslag").value = "11 juni"          # not a moment: said so
        await settle(pilot, 4)
        assert screen.verdict is None
        assert "geen moment; schrijf dd-mm-jjjj uu:mm" in " ".join(screen_text(app).split())


async def test_the_verdict_is_asked_again_once_the_request_is_registered(demo_db: Path):
    """Seen in tmux: after ctrl+s the screen still said "TOEGESTAAN … Daarna over: 1"; a second
    ctrl+s then registered the same test again, which the register stored as afgewezen."""
    Store(demo_db).set_setting("rulepack", "ozhw", reason="school valt onder OZHW")
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _ask(pilot, "5040", "ges", "GES4-T2")
        assert screen.verdict is not None and screen.verdict.allowed is True
        assert "Daarna over: 1" in " ".join(screen_text(app).split())
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#veld-reden").value = "aanvraagformulier"
        await pilot.press("ctrl+s")
        for _ in range(20):                     # the register's write reaches the screen
            await settle(pilot)
            if screen.listed and screen.verdict is not None and not screen.verdict.allowed:
                break
            await pilot.pause(0.2)
        assert [(r.subject, r.test_code, r.status) for r in screen.listed] == [
            ("ges", "GES4-T2", "toegekend")]
        assert screen.verdict is not None and screen.verdict.allowed is False
        assert "Daarna over: 1" not in " ".join(screen_text(app).split())


async def test_the_hint_for_a_ce_request_is_dutch(demo_db: Path):
    """Seen in tmux: with CE chosen the hint read "Vul examennummer, vak in: …"."""
    app = ExamenbureauApp(str(demo_db))
    async with app.run_test(size=SIZE) as pilot:
        await _ask(pilot, "6004", "", kind="ce")
        text = " ".join(screen_text(app).split())
        assert "Vul examennummer en vak in: het oordeel van het regelpakket verschijnt hier." \
            in text
        app.screen.query_one("#h-soort").value = "se"
        await settle(pilot, 3)
        assert "Vul examennummer, vak en toets in:" in " ".join(screen_text(app).split())
