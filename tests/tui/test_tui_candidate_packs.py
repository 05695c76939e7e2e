"""Acceptance 5 of issue 8: on the demo school, under each pack, the candidate screen shows the
resits used and left with the pack's reasons, and OZHW's school cum laude rule next to the law's.

The real app on a real demo database, through the pilot; the assertions read the text the
candidate screen renders in its rule-pack block (what a secretary scrolls to).
"""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Static

from examenbureau.core.store import Store
from examenbureau.tui.app import ExamenbureauApp
from examenbureau.tui.screens.candidate import CandidateScreen


async def pack_text(template, tmp_path, pack: str, number: str) -> str:
    db = tmp_path / f"{pack}.duckdb"
    db.write_bytes(template.read_bytes())
    Store(db, actor="test").set_setting("rulepack", pack, reason="test", source="test")
    app = ExamenbureauApp(str(db))
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(CandidateScreen(2025, number))
        for _ in range(6):
            await app.workers.wait_for_complete()
            await pilot.pause()
        block = app.screen.query_one("#pakket", Static)
        console = Console(width=240, file=io.StringIO(), record=True, color_system=None)
        console.print(block.content)
        return console.export_text(styles=False)


async def test_acceptance_5_law_names_the_school_for_se_resits_and_counts_the_ce_resit(
        demo_template, tmp_path):
    text = await pack_text(demo_template, tmp_path, "wvo2020", "5018")
    assert "Herkansingen volgens regelpakket wvo2020" in text
    assert "Schoolexamen: 2 herkansingen gebruikt" in text
    assert "niet te bepalen" in text and "Wet voortgezet onderwijs 2020 art. 2.60" in text
    assert "Centraal examen: herkanst netl; nog 0 van 1 over." in text
    assert "Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1" in text


async def test_acceptance_5_ozhw_resits_left_and_school_cum_laude_next_to_the_law(
        demo_template, tmp_path):
    text = await pack_text(demo_template, tmp_path, "ozhw", "5018")
    assert "daarna over: 1 (vier herkansingen (art. 28 lid 1))" in text
    assert "Examenreglement 2024-2025 Willem de Zwijger College art. 28 lid 1 en lid 5" in text
    passed = await pack_text(demo_template, tmp_path, "ozhw", "5002")
    assert "Cum laude (wet): nee" in passed
    assert "Cum laude (schoolregel): nee" in passed
    assert "Willem de Zwijger College art. 12 lid 7" in passed
    assert "mogelijke maatregel" in passed   # forfeits do not apply at OZHW: art. 22 measures


async def test_acceptance_5_quadraam_period_resits_and_forfeits(demo_template, tmp_path):
    text = await pack_text(demo_template, tmp_path, "quadraam", "5002")
    assert "vervallen in periode 2: absent zonder geldige reden" in text
    assert "vervallen in periode 3: absent zonder geldige reden" in text
    assert "(periode 1)" in text and "Algemeen PTA 2023-2024 Lorentz Lyceum art. 4.9.1" in text
    assert "mogelijke maatregel" in text and "art. 5" in text
