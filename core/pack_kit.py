"""`examenbureau pack new NAME DIR`: a complete rule-pack distribution for a school.

Why generated: a school that writes its own rules should start from something that installs,
registers itself through the entry point, answers one hook with its article and has its tests,
so its first `pip install DIR` and `examenbureau pack check NAME` already pass. The files are
exactly the example of the guide "Zelf een regelpakket schrijven" in docs/rulepacks.md (a test
keeps the two equal). Nothing is ever overwritten.
"""

from __future__ import annotations

import keyword
import os
import re
from pathlib import Path

from .packs import STATUTORY

NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
RESERVED = (STATUTORY, "ozhw", "quadraam")


class PackKitError(ValueError):
    """A name or folder `pack new` cannot use; the message is Dutch."""


def module_name(name: str) -> str:
    return f"{name}_regels"


PYPROJECT = '''\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "examenbureau-regels-{name}"
version = "0.1.0"
description = "Regelpakket '{name}' voor examenbureau: de eigen examenregels van de school"
requires-python = ">=3.11"
dependencies = ["examenbureau"]

# Zo vindt examenbureau het pakket: de naam links is de naam van het regelpakket.
[project.entry-points."examenbureau.rulepacks"]
{name} = "{module}"

[tool.setuptools]
packages = ["{module}"]
'''

MODULE = '''\
"""Regelpakket {name}: de eigen examenregels van de school, bovenop de wet (wvo2020).

Iedere regel noemt het artikel van het reglement waar hij staat. Vul REGLEMENT en de
artikelen in zoals ze in uw eigen examenreglement staan.
"""

from __future__ import annotations

from examenbureau.core.hookspecs import CandidateView, PackInfo, Reason, Source, hookimpl

NAAM = "{name}"
REGLEMENT = "Examenreglement {name}"

INFO = PackInfo(
    name=NAAM,
    title="Regelpakket {name}",
    board="{name}",
    sources=(Source(REGLEMENT, "examenreglement", "profielwerkstuk (art. 30 lid 3)"),),
    status="Eén eigen regel: het profielwerkstuk moet minimaal een 4 zijn.",
)


@hookimpl
def rulepack_info() -> PackInfo:
    return INFO


@hookimpl
def extra_pass_conditions(candidate: CandidateView) -> list[Reason]:
    """Art. 30 lid 3: het eindcijfer van het profielwerkstuk (havo, vwo) is minimaal 4."""
    pws = candidate.combination_components.get("pws")
    if candidate.level not in ("havo", "vwo") or pws is None:
        return []
    return [Reason(
        rule=f"{{NAAM}}_pws", source=f"{{REGLEMENT}} art. 30 lid 3",
        text=f"Je profielwerkstuk heeft een {{pws}}; dat moet minimaal 4 zijn.",
        numbers={{"pws": pws, "minimum": 4}}, violated=pws < 4, pack=NAAM,
    )]
'''

TESTS = '''\
"""Tests van regelpakket {name}: iedere regel aan beide kanten van zijn grens, en het contract.

Draai ze met `python -m pytest` in deze map (examenbureau en dit pakket geïnstalleerd).
"""

from __future__ import annotations

import copy

import {module}
from examenbureau.core import packs
from examenbureau.core.pack_contract import check_module
from examenbureau.core.rules import evaluate_with

HAVO = {{"level": "havo", "lo": "voldoende", "subjects": [
    {{"code": c, "se": "7.0", "ce": "7.0", "part": p, "kernvak": k}}
    for c, p, k in [("netl", "gd", True), ("entl", "gd", True), ("wisA", "pd", True),
                    ("biol", "pd", False), ("ak", "pd", False), ("econ", "vd", False)]],
    "combination": {{"components": [{{"code": "maat", "final": 8}}, {{"code": "ckv", "final": 8}},
                                   {{"code": "pws", "final": 4}}]}}}}


def outcome(pws: int) -> dict:
    data = copy.deepcopy(HAVO)
    data["combination"]["components"][2]["final"] = pws
    pm = packs.manager()
    pm.register({module}, name="{name}")
    return evaluate_with("outcome", data, pm, "{name}")


def test_art_30_lid_3_pws_4_passes_and_3_fails():
    assert outcome(4)["passed"] is True
    low = outcome(3)
    assert low["passed"] is False
    rules = {{r["rule"]: r for r in low["reasons"]}}
    assert rules["{name}_pws"]["source"].endswith("art. 30 lid 3")
    assert rules["{name}_pws"]["pack"] == "{name}"


def test_the_pack_keeps_the_contract():
    assert check_module({module}, "{name}") == []
'''

README = '''\
# Regelpakket {name} voor examenbureau

Installeren in dezelfde omgeving als examenbureau en controleren:

```
pip install .
examenbureau pack list
examenbureau pack check {name}
examenbureau pack kies {name} --db school.duckdb
python -m pytest
```
'''


def files(name: str) -> dict[str, str]:
    """Relative path -> content of every file `pack new` writes."""
    module = module_name(name)
    fill = {"name": name, "module": module}
    return {
        "pyproject.toml": PYPROJECT.format(**fill),
        f"{module}/__init__.py": MODULE.format(**fill),
        f"tests/test_{name}.py": TESTS.format(**fill),
        "README.md": README.format(**fill),
    }


def check_name(name: str) -> None:
    if not NAME.fullmatch(name) or keyword.iskeyword(name):
        raise PackKitError(f"'{name}' is geen geldige naam voor een regelpakket: verwacht kleine "
                           "letters, cijfers en _, beginnend met een letter (2 tot 31 tekens), "
                           "bijvoorbeeld 'mijnschool'")
    if name in RESERVED:
        raise PackKitError(f"'{name}' is al de naam van een regelpakket van examenbureau; kies "
                           "een eigen naam")


def write(name: str, folder: str | os.PathLike[str]) -> list[Path]:
    """Write the distribution into `folder` (new or empty); never overwrites a file."""
    check_name(name)
    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise PackKitError(f"{root} bestaat al en is niet leeg; kies een nieuwe of lege map "
                           "(er wordt nooit iets overschreven)")
    written = []
    for rel, content in files(name).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(content)
        written.append(path)
    return written
