"""A regular (non-editable) `pip install .` carries everything the program reads at run time.

Why: the editable install of the developers reads `data/`, the migrations, the rule packs and
the TUI's stylesheet straight from the repository, so a file missing from `package-data`
only shows up at a school that installed a wheel. Here the package is built and installed
with the venv's own pip into a folder of its own (no network, no dependencies: those are in
the venv already), then run from another directory, with that folder first on the path: the
installed copy must import, find its data files and migrations, create and migrate a
database, answer `calc`, and pass a slice of this suite that reads those files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a wheel is built from: the repository without the tests, the venv and build litter.
_NOT_SHIPPED = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info",
                                      "__pycache__", "tests", ".pytest_cache", "*.duckdb*")


def _install(base: Path) -> Path:
    """The folder a regular `pip install .` of this repository went into."""
    source, target = base / "src", base / "site"
    shutil.copytree(ROOT, source, ignore=_NOT_SHIPPED)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return target


def _run(installed: Path, cwd: Path, *args: str, stdin: str | None = None
         ) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(installed))
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600)


def _imports_and_holds_its_data(installed: Path, tmp_path: Path) -> None:
    code = """
import examenbureau, examenbureau.core.reference as ref, examenbureau.core.store as store
from importlib import resources
from pathlib import Path
print(examenbureau.__file__)
data = resources.files("examenbureau.data")
print(sorted(p.name for p in data.iterdir() if p.name.endswith((".csv", ".toml"))))
print(sorted(p.name for p in resources.files("examenbureau.core.store").joinpath("migrations").iterdir()
             if p.name.endswith(".sql")))
print(ref.subject_info("netl", "vwo").name)
"""
    out = _run(installed, tmp_path, "-c", code)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith(str(installed)), lines[0]   # the installed copy, not the repo
    assert "subjects.csv" in lines[1] and "exam_composition.toml" in lines[1], lines[1]
    shipped = sorted(p.name for p in (ROOT / "core/store/migrations").glob("*.sql"))
    assert lines[2] == str(shipped)
    assert lines[3] == "Nederlandse taal en literatuur", lines[3]


def _answers_calc_and_makes_a_database(installed: Path, tmp_path: Path) -> None:
    request = {"op": "ce_grade", "input": {"L": 60, "S": 40, "N": "1.0"}}
    calc = _run(installed, tmp_path, "-m", "examenbureau", "calc", stdin=json.dumps(request))
    assert calc.returncode == 0, calc.stderr
    answer = json.loads(calc.stdout.splitlines()[0])
    assert answer["ok"] is True and answer["result"]["grade"] == "7.0", answer
    demo = _run(installed, tmp_path, "-m", "examenbureau", "demo", "--no-tui", "--db",
                str(tmp_path / "demo.duckdb"), "--candidates", "12")
    assert demo.returncode == 0, demo.stderr
    uitslag = _run(installed, tmp_path, "-m", "examenbureau", "uitslag", "--db",
                   str(tmp_path / "demo.duckdb"), "--format", "json")
    assert uitslag.returncode == 0, uitslag.stderr
    assert len(json.loads(uitslag.stdout)) == 12


def _a_slice_of_the_suite_passes(installed: Path) -> None:
    """Tests that read the shipped data (subject table, composition tables, the rule packs
    behind the calc goldens) and the packaging rules, run against the installed copy."""
    tests = ["tests/core/test_calc_golden.py", "tests/core/test_reference.py",
             "tests/core/test_composition_tables.py", "tests/test_packaging.py"]
    check = "import examenbureau, sys; sys.exit(not examenbureau.__file__.startswith(sys.argv[1]))"
    assert _run(installed, ROOT, "-c", check, str(installed)).returncode == 0  # from the repo too
    out = _run(installed, ROOT, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def test_a_regular_install_runs_from_its_own_files(tmp_path):
    """One build for all checks (a module fixture would build once per xdist worker)."""
    installed = _install(tmp_path)
    _imports_and_holds_its_data(installed, tmp_path)
    _answers_calc_and_makes_a_database(installed, tmp_path)
    _a_slice_of_the_suite_passes(installed)
