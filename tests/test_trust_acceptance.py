"""Small, fast variants of the acceptance scripts of issue 11 (the full runs are by hand).

scripts/trust_stress.py: writers and readers on one file, every edit stored or refused as
stale, none lost, no lock error, audit verify intact. scripts/trust_faults.py: SIGKILL an
import or a closing act at a random moment; the file opens, verifies and holds the content of
before or after. Here with a few processes and runs; the figures of the full runs are in
docs/trust.md.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stress_writers_and_readers_lose_nothing(results_school_db, tmp_path, capsys):
    # The small results school (8 candidates) instead of the 150-candidate demo: what is tested
    # is processes taking turns at one file, not its size (the full run is 20,000). Three
    # writers share 6 rows: an edit that went stale must be refused, never stored or lost.
    status = script("trust_stress").run(results_school_db, writers=3, edits=10, readers=1,
                                       pool=6, work=tmp_path)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "fouten: 0" in out and "verloren (opgeslagen maar niet in de database of het auditlog): 0" in out
    assert "audit verify: intact" in out


def test_kill_during_an_import_or_closing_act_leaves_before_or_after(tmp_path, capsys):
    status = script("trust_faults").run(runs=4, candidates=7, seed=3, work=tmp_path)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "anders: 0" in out and "database opent niet: 0, audit verify faalt: 0" in out
