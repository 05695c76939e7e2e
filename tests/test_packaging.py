"""Installed, the folders import only as examenbureau.*; a bare `core` must never import."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

# The repository, found from this file: after a regular (non-editable) install the imported
# package lives in site-packages, without pyproject.toml or the folders it must list.
ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)


def test_imports_as_examenbureau_from_another_directory(tmp_path):
    ok = _python("import examenbureau.core, examenbureau.tui, examenbureau.plugins.wvo2020", tmp_path)
    assert ok.returncode == 0, ok.stderr


def test_bare_core_does_not_import_anywhere(tmp_path):
    for cwd in (tmp_path, ROOT):  # not even from the repository root
        for bare in ("core", "tui", "plugins"):
            result = _python(f"import {bare}", cwd)
            assert result.returncode != 0, (cwd, bare)


def test_every_subpackage_is_listed_in_pyproject():
    """A folder with __init__.py missing from the list would silently not be installed."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {"examenbureau"}
    for init in ROOT.glob("*/**/__init__.py"):
        rel = init.parent.relative_to(ROOT)
        if rel.parts[0] in {"tests", ".venv", "build", "benchmarks"}:
            continue
        found.add(".".join(["examenbureau", *rel.parts]))
    assert found == listed


def test_console_script_speaks_dutch():
    exe = Path(sys.executable).parent / "examenbureau"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True).stdout
    assert "gebruik: examenbureau" in out and "uitslag" in out and "calc" in out
