"""The repository's code and docs stand alone: nothing points to the research folder outside
it, and every path docs/design.md names exists."""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SKIP = {".git", ".venv", "build", "dist", ".hypothesis", "__pycache__", "fixtures"}
TEXT = {".py", ".md", ".toml", ".csv", ".txt", ".tcss", ".sql", ".cfg", ".ini", ""}
OUTSIDE = re.compile(r"DESIGN\.md|\bshared/|\.\./shared")


def _files() -> list[Path]:
    out = []
    for folder, dirs, names in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in SKIP and not d.endswith(".egg-info")]
        out += [Path(folder, n) for n in names if Path(n).suffix in TEXT]
    return out


def test_nothing_points_outside_the_repository():
    hits = []
    for path in _files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                      .splitlines(), 1):
            if OUTSIDE.search(line) and path != Path(__file__):
                hits.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}")
    assert hits == []


def test_every_path_named_in_the_design_exists():
    text = (REPO / "docs" / "design.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:core|cli|tui|plugins|data|docs|tests|benchmarks)/[\w./-]*)`", text))
    assert len(named) > 15
    missing = sorted(p for p in named if not (REPO / p.rstrip("/")).exists())
    assert missing == []


def test_every_core_module_in_the_design_table_exists_and_every_core_module_is_in_it():
    text = (REPO / "docs" / "design.md").read_text(encoding="utf-8")
    table = text.split("### core, module by module", 1)[1].split("\n## ", 1)[0]
    named = {name.rstrip("/") for row in table.splitlines() if row.startswith("| `")
             for name in re.findall(r"`([\w./]+)`", row.split("|")[1])}
    assert sorted(n for n in named if not (REPO / "core" / n).exists()) == []
    tops = {p.relative_to(REPO / "core").parts[0] for p in (REPO / "core").glob("**/*.py")}
    listed = {n.split("/")[0] for n in named}
    assert sorted(t for t in tops if t not in listed and t != "__init__.py") == []
