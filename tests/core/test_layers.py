"""`tui -> core <- plugins`, proved on a fresh interpreter rather than by reading imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import examenbureau

ROOT = Path(examenbureau.__file__).parent


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd="/")
    return set(out.stdout.split())


def _core_modules() -> list[str]:
    names = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = ["examenbureau", *rel.parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_core_never_imports_textual_or_a_pack():
    statement = "; ".join(f"import {name}" for name in _core_modules())
    loaded = _loaded_after(statement)
    assert not {m for m in loaded if m == "textual" or m.startswith("textual.")}
    assert not {m for m in loaded if m.startswith("examenbureau.plugins")}
    assert not {m for m in loaded if m.startswith("examenbureau.tui")}


def _imports_of(folder: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
    return found


def test_core_source_names_no_pack_and_no_textual():
    """Also lazy imports inside functions, which the subprocess test cannot see."""
    bad = {m for m in _imports_of("core")
           if m.startswith(("textual", "examenbureau.plugins", "examenbureau.tui", "rich"))}
    assert bad == set()


def test_packs_import_only_core():
    for pack in ("wvo2020", "ozhw", "quadraam"):
        ours = {m for m in _imports_of(f"plugins/{pack}") if m.startswith("examenbureau")}
        assert all(m.startswith("examenbureau.core") for m in ours), (pack, ours)


def test_tui_never_imports_a_pack():
    assert not {m for m in _imports_of("tui") if m.startswith("examenbureau.plugins")}
