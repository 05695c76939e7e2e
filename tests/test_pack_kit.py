"""Acceptance 4 of issue 8: a pack written by `examenbureau pack new` into a temporary folder,
installed with pip into a temporary target, appears in `pack list` and passes `pack check`; its
own tests pass. And two installed packs of the same kind prove the contract from outside: a
deliberately broken pack is named with its hook (exit 1), and a pack that allows two CE resits
says so through `ce_resit_rules`, after which the import accepts what the law would refuse.

The child processes see the target through PYTHONPATH, as a school's own environment would
see an installed pack. pip uses the machine's package index (offline: its local index) only to
build the pack; `--no-deps` keeps it from reinstalling examenbureau into the target.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXE = Path(sys.executable).parent / "examenbureau"

BROKEN = '''\
from examenbureau.core.hookspecs import PackInfo, Reason, ResitDecision, Source, hookimpl


@hookimpl
def rulepack_info():
    return PackInfo("kapot", "Kapot pakket", "Kapot", (Source("Reglement Kapot", "-"),))


@hookimpl
def se_resit_check(history, request):
    return ResitDecision(True, [Reason("kapot_herkansing", "", "Mag altijd.", pack="kapot")])
'''

TWO_RESITS = '''\
"""Regelpakket tweekansen: twee herkansingen van het centraal examen (zoals in 2021 en 2022)."""

import attrs

from examenbureau.core.hookspecs import PackInfo, Source, hookimpl

BESLUIT = "Besluit eindexamens 2021 (Stb. 2021, 136)"


@hookimpl
def rulepack_info():
    return PackInfo("tweekansen", "Twee herkansingen", "Proef",
                    (Source(BESLUIT, "stb-2021-136", "herkansing centraal examen"),),
                    implemented=("ce_resit_rules",))


@hookimpl(wrapper=True)
def ce_resit_rules(level):
    law = yield
    return attrs.evolve(law, max_subjects=2, sources={
        **law.sources, "ce_herkansing_aantal": f"{BESLUIT} art. 3.38 lid 1 (twee vakken)"})
'''


def run(*args: str, env: dict[str, str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


def pack_new(name: str, folder: Path, env: dict[str, str]) -> Path:
    target = folder / name
    p = run("pack", "new", name, str(target), env=env)
    assert p.returncode == 0, p.stderr
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Three packs written by `pack new`, two of them rewritten, installed with pip."""
    root = tmp_path_factory.mktemp("kit")
    env = {**os.environ, "PYTHONPATH": str(root / "target")}
    voorbeeld = pack_new("voorbeeld", root, env)
    kapot = pack_new("kapot", root, env)
    (kapot / "kapot_regels" / "__init__.py").write_text(BROKEN, encoding="utf-8")
    twee = pack_new("tweekansen", root, env)
    (twee / "tweekansen_regels" / "__init__.py").write_text(TWO_RESITS, encoding="utf-8")
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
           str(root / "target")]
    if importlib.util.find_spec("wheel") is not None:   # build with the venv's own setuptools
        cmd.append("--no-build-isolation")
    p = subprocess.run([*cmd, str(voorbeeld), str(kapot), str(twee)], capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    return root, env


def test_pack_new_writes_a_distribution_and_never_overwrites(tmp_path):
    env = dict(os.environ)
    folder = pack_new("mijnschool", tmp_path, env)
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        "README.md", "mijnschool_regels/__init__.py", "pyproject.toml",
        "tests/test_mijnschool.py"]
    again = run("pack", "new", "mijnschool", str(folder), env=env)
    assert again.returncode == 2 and "niet leeg" in again.stderr
    bad = run("pack", "new", "Mijn-School", str(tmp_path / "x"), env=env)
    assert bad.returncode == 2 and "geen geldige naam" in bad.stderr
    law = run("pack", "new", "ozhw", str(tmp_path / "y"), env=env)
    assert law.returncode == 2 and not (tmp_path / "y").exists()


def test_acceptance_4_pack_new_installed_with_pip_is_listed_and_keeps_the_contract(installed):
    root, env = installed
    listing = run("pack", "list", "--db", str(root / "geen.duckdb"), env=env)
    assert listing.returncode == 0
    assert "voorbeeld  Regelpakket voorbeeld (beschikbaar)" in listing.stdout
    check = run("pack", "check", "voorbeeld", env=env)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "Regelpakket 'voorbeeld' houdt zich aan het contract."
    own_tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                               cwd=root / "voorbeeld", env=env, capture_output=True, text=True,
                               timeout=300)
    assert own_tests.returncode == 0, own_tests.stdout + own_tests.stderr
    assert "2 passed" in own_tests.stdout


def test_acceptance_3_pack_check_names_the_hook_of_an_installed_broken_pack(installed):
    _root, env = installed
    check = run("pack", "check", "kapot", env=env)
    assert check.returncode == 1
    assert "Regelpakket 'kapot' houdt zich niet aan het contract (1 probleem):" in check.stderr
    assert "  se_resit_check: reden 'kapot_herkansing' heeft geen source" in check.stderr


def test_a_pack_that_allows_two_ce_resits_says_so_and_the_import_follows_it(installed,
                                                                            tmp_path,
                                                                            demo_school_150):
    _root, env = installed
    db = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_school_150, db)       # the session's default demo, copied
    scores = tmp_path / "tv2.csv"
    scores.write_text("examenjaar;tijdvak;examennummer;vakcode;vak;nex_id;score;status;"
                      "ce_cijfer_direct\n2025;2;5023;1001;netl;27004;60;;\n"
                      "2025;2;5023;1021;ges;27010;45;;\n", encoding="utf-8")
    law = run("import", "ce-scores", str(scores), "--db", str(db), env=env)
    assert law.returncode == 2 and "Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1" in law.stderr
    chosen = run("pack", "kies", "tweekansen", "--db", str(db), env=env)
    assert chosen.returncode == 0, chosen.stderr
    assert run("pack", "check", "tweekansen", env=env).returncode == 0
    board = run("import", "ce-scores", str(scores), "--db", str(db), env=env)
    assert board.returncode == 0, board.stdout + board.stderr
