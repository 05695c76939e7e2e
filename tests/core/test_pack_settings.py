"""Pack settings have one path (`packs.settings` / `packs.merged_settings`), the statutory pack's
name is one constant, and what a pack implements is read from pluggy, not from a list."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pluggy
import pytest

from examenbureau.core import hookspecs, packs, results
from examenbureau.core.hookspecs import PackInfo, hookimpl
from examenbureau.core.rules.policy import for_pack

REPO = Path(__file__).resolve().parents[2]


def test_results_and_the_engine_read_the_same_settings():
    for name in ("wvo2020", "ozhw", "quadraam"):
        assert results._settings(name) == for_pack(name).settings == packs.settings(name)
    assert packs.settings() == packs.settings(packs.STATUTORY)
    assert packs.settings()["se_only_rounding_steps"] == 1


def _board(**hooks) -> types.ModuleType:
    module = types.ModuleType("bestuur")
    module.rulepack_info = hookimpl(lambda: PackInfo("bestuur", "Bestuur", "Bestuur",
                                                     implemented=("pass_rules",)))
    for name, function in hooks.items():
        setattr(module, name, function)
    return module


def _stack(board: types.ModuleType) -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    pm.register(packs.load(packs.STATUTORY), name=packs.STATUTORY)
    pm.register(board, name="bestuur")
    return pm


def test_a_board_overlays_only_the_keys_it_names():
    board = _board(rulepack_settings=hookimpl(lambda: {"se_attempt": "laatste"}))
    assert packs.merged_settings(_stack(board)) == {"se_only_rounding_steps": 1,
                                                    "se_attempt": "laatste"}


def test_a_settings_wrapper_is_refused_in_dutch():
    def wrapper():
        result = yield
        return result

    board = _board(rulepack_settings=hookimpl(wrapper=True)(wrapper))
    with pytest.raises(packs.PackError, match="als wrapper wordt niet ondersteund"):
        packs.merged_settings(_stack(board))


def test_implemented_is_what_the_pack_registers_not_what_it_says():
    board = _board(rulepack_settings=hookimpl(lambda: {}))
    pm = _stack(board)
    assert packs.implemented_hooks(pm, "bestuur") == ("rulepack_settings",)   # not pass_rules
    every_rule_hook = tuple(h for h in vars(hookspecs.RulePackSpec)
                            if not h.startswith("_") and h != "rulepack_info")
    assert packs.info(packs.STATUTORY).implemented == every_rule_hook   # the law: every hook


def test_the_statutory_name_is_written_once():
    hits = []
    for folder in ("core", "cli", "tui"):
        for path in (REPO / folder).rglob("*.py"):
            code = re.sub(r'""".*?"""', "", path.read_text(encoding="utf-8"), flags=re.S)
            if re.search(r"[\"']wvo2020[\"']", code):
                hits.append(path.relative_to(REPO).as_posix())
    assert hits == ["core/packs.py"]
