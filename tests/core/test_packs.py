"""Rule packs are found through the entry point, and a board pack wins over the law."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pluggy

from examenbureau.core import hookspecs, packs

EXE = Path(sys.executable).parent / "examenbureau"


def test_the_three_packs_are_registered_through_the_entry_point():
    assert {"wvo2020", "ozhw", "quadraam"} <= set(packs.available())


def test_every_shipped_pack_keeps_the_contract():
    for name in ("wvo2020", "ozhw", "quadraam"):
        assert packs.check(name) == [], name


def test_board_pack_wins_where_both_answer():
    class Board:
        @hookspecs.hookimpl
        def rulepack_settings(self):
            return {"se_only_rounding_steps": 2}

    pm = packs.manager()
    assert pm.hook.rulepack_settings() is not None  # the law answers
    pm.register(Board(), name="bestuur")
    assert pm.hook.rulepack_settings() == {"se_only_rounding_steps": 2}


def test_pack_with_misspelled_hook_breaks_the_contract():
    class Broken:
        @hookspecs.hookimpl
        def max_herkansing(self):
            return 3

    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs.RulePackSpec)
    pm.register(Broken())
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        assert "max_herkansing" in str(exc)
    else:
        raise AssertionError("check_pending accepted an unknown hook")


def test_pack_list_names_active_pack_and_what_it_covers(tmp_path):
    db = tmp_path / "school.duckdb"
    out = subprocess.run([str(EXE), "pack", "list", "--db", str(db)], capture_output=True,
                         text=True, check=True).stdout
    assert "wvo2020" in out and "ozhw" in out and "quadraam" in out
    assert not db.exists()  # listing packs never creates a database
    # choosing a pack never creates a database either, unless asked (--nieuw)
    refused = subprocess.run([str(EXE), "pack", "kies", "ozhw", "--db", str(db)], capture_output=True)
    assert refused.returncode == 2 and not db.exists()
    subprocess.run([str(EXE), "--nieuw", "pack", "kies", "ozhw", "--db", str(db)], check=True,
                   capture_output=True)
    out = subprocess.run([str(EXE), "pack", "list", "--db", str(db)], capture_output=True,
                         text=True, check=True).stdout
    assert "ozhw" in out and "(actief)" in out


def test_pack_check_of_unknown_pack_fails():
    result = subprocess.run([str(EXE), "pack", "check", "bestaatniet"], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Onbekend regelpakket" in result.stderr
