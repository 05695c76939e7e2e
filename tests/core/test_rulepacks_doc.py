"""The example pack in docs/rulepacks.md keeps the contract: a school copies it first."""

from __future__ import annotations

import re
import types
from decimal import Decimal
from pathlib import Path

import pluggy

from examenbureau.core import hookspecs
from examenbureau.core.hookspecs import CandidateView

DOC = Path(__file__).resolve().parents[2] / "docs" / "rulepacks.md"


def example_pack() -> types.ModuleType:
    [code] = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    module = types.ModuleType("voorbeeld")
    exec(compile(code, str(DOC), "exec"), module.__dict__)
    return module


def view(pws: int) -> CandidateView:
    return CandidateView(level="havo", leerweg=None, final_grades={"netl": 7}, parts={"netl": "gd"},
                         ce_grades={"netl": Decimal("6.8")}, combination_grade=6,
                         combination_components={"pws": pws, "maat": 7}, assessments={"lo": "voldoende"})


def test_example_pack_registers_against_the_hookspecs_and_decides_with_its_article():
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    pm.register(example_pack(), name="voorbeeld")
    pm.check_pending()
    assert pm.hook.rulepack_info()[0].name == "voorbeeld"
    assert pm.hook.rulepack_settings() == {"se_only_rounding_steps": 2}
    [[low]] = pm.hook.extra_pass_conditions(candidate=view(3))
    [[ok]] = pm.hook.extra_pass_conditions(candidate=view(4))
    assert low.violated and not ok.violated
    assert "art. 30 lid 3" in low.source and "minimaal 4" in low.text
