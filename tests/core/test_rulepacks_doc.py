"""The guide "Zelf een regelpakket schrijven" in docs/rulepacks.md shows exactly what
`examenbureau pack new` writes, and that example keeps the contract: a school copies it first."""

from __future__ import annotations

import re
import types
from decimal import Decimal
from pathlib import Path

import pluggy

from examenbureau.core import hookspecs, pack_kit
from examenbureau.core.hookspecs import CandidateView
from examenbureau.core.pack_contract import check_module

DOC = Path(__file__).resolve().parents[2] / "docs" / "rulepacks.md"
FILE = re.compile(r"^Bestand `([^`]+)`:\n\n(`{3,4})\w*\n(.*?)^\2$", re.S | re.M)


def guide_files() -> dict[str, str]:
    return {path: body for path, _fence, body in FILE.findall(DOC.read_text(encoding="utf-8"))}


def example_pack() -> types.ModuleType:
    module = types.ModuleType("voorbeeld_regels")
    code = guide_files()["voorbeeld_regels/__init__.py"]
    exec(compile(code, str(DOC), "exec"), module.__dict__)
    return module


def view(pws: int) -> CandidateView:
    return CandidateView(level="havo", leerweg=None, final_grades={"netl": 7}, parts={"netl": "gd"},
                         ce_grades={"netl": Decimal("6.8")}, combination_grade=6,
                         combination_components={"pws": pws, "maat": 7}, assessments={"lo": "voldoende"})


def test_the_guide_shows_exactly_the_files_pack_new_writes():
    assert guide_files() == pack_kit.files("voorbeeld")


def test_example_pack_registers_against_the_hookspecs_and_decides_with_its_article():
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    module = example_pack()
    pm.register(module, name="voorbeeld")
    pm.check_pending()
    assert pm.hook.rulepack_info()[0].name == "voorbeeld"
    [[low]] = pm.hook.extra_pass_conditions(candidate=view(3))
    [[ok]] = pm.hook.extra_pass_conditions(candidate=view(4))
    assert low.violated and not ok.violated
    assert "art. 30 lid 3" in low.source and "minimaal 4" in low.text
    assert check_module(module, "voorbeeld") == []
