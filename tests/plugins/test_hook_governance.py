"""Governance of the rule-pack contract, in the style of datasette's plugin-hook tests: every
hook of `RulePackSpec` is documented in docs/rulepacks.md with its signature and has a test,
and `pack check` names the hook of a pack that breaks the contract."""

from __future__ import annotations

import ast
import inspect
import re
import types
from pathlib import Path

import pytest

from examenbureau.core import hookspecs, packs
from examenbureau.core.hookspecs import PackInfo, Reason, ResitDecision, Source, hookimpl
from examenbureau.core.pack_contract import check_module

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "rulepacks.md").read_text(encoding="utf-8")
HOOKS = sorted(name for name, _ in inspect.getmembers(hookspecs.RulePackSpec, inspect.isfunction))


def test_the_contract_has_the_hooks_of_issue_8():
    assert {"se_resit_check", "ce_resit_rules", "sitting_rules", "promotion_rules",
            "carry_over", "deadlines"} <= set(HOOKS)


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_signature(hook):
    params = [p for p in inspect.signature(getattr(hookspecs.RulePackSpec, hook)).parameters
              if p != "self"]
    heading = re.search(rf"^### `{hook}\(([^)]*)\) -> ([^`]+)`$", DOC, re.M)
    assert heading, f"docs/rulepacks.md mist '### `{hook}(...) -> ...`'"
    documented = [p.strip() for p in heading.group(1).split(",") if p.strip()]
    assert documented == params
    row = re.search(rf"^\| `{hook}\(([^)]*)\)` \|", DOC, re.M)
    assert row, f"de tabel in docs/rulepacks.md mist {hook}"


def _test_names() -> set[str]:
    names = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names.add(node.name)
    return names


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_has_a_test(hook):
    assert any(n == f"test_hook_{hook}" or n.startswith(f"test_hook_{hook}_")
               for n in _test_names()), f"geen test_hook_{hook} in tests/"


def broken_pack() -> types.ModuleType:
    module = types.ModuleType("kapot")

    @hookimpl
    def rulepack_info() -> PackInfo:
        return PackInfo("kapot", "Kapot pakket", "Kapot", (Source("Reglement Kapot", "-"),))

    @hookimpl
    def se_resit_check(history, request):
        return ResitDecision(True, [Reason("kapot_herkansing", "", "Mag.", pack="kapot")])

    module.rulepack_info = rulepack_info
    module.se_resit_check = se_resit_check
    return module


def test_pack_check_names_the_hook_of_a_deliberately_broken_pack():
    [problem] = check_module(broken_pack(), "kapot", packs.load(packs.STATUTORY))
    assert problem.startswith("se_resit_check: reden 'kapot_herkansing' heeft geen source")


def test_the_shipped_packs_keep_the_contract_hook_by_hook():
    for name in ("wvo2020", "ozhw", "quadraam"):
        assert packs.check(name) == [], name
