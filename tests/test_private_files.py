"""Every file examenbureau writes holds pupil data: with umask 022 it is still 600.

The real commands in a subprocess whose umask is the usual 022 (which would give 644): the
database and DuckDB's own files, imports, CSV and XLSX exports, PDFs, backups and the error
log. Afterwards no file below the working folder is readable by anyone but its owner.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import duckdb

EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "examples"


def run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "examenbureau", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, preexec_fn=lambda: os.umask(0o022))


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode)
            for p in root.rglob("*") if p.is_file()}


def test_with_umask_022_every_file_written_is_600(tmp_path):
    work = tmp_path / "werk"
    work.mkdir()
    state = {"XDG_STATE_HOME": str(work / "state")}
    steps = [
        ("demo", "--no-tui", "--candidates", "7", "--db", "demo.duckdb"),
        ("import", "candidates", str(EXAMPLES / "candidates.csv"), "--db", "school.duckdb"),
        ("export", "results", "uit/resultaten.csv", "--db", "demo.duckdb"),
        ("export", "results", "uit/resultaten.xlsx", "--db", "demo.duckdb"),
        ("export", "audit", "uit/audit.csv", "--db", "demo.duckdb"),
        ("documenten", "cijferlijst", "pdf", "--db", "demo.duckdb"),
        ("backup", "kopie/", "--db", "demo.duckdb"),
    ]
    for step in steps:
        proc = run(work, *step, env=state)
        assert proc.returncode == 0, (step, proc.stderr)
    # an unexpected error: its log file is private too
    with duckdb.connect(str(work / "school.duckdb")) as con:
        con.execute("DROP TABLE ce_scores")
    assert run(work, "uitslag", "--db", "school.duckdb", env=state).returncode == 3
    found = modes(work)
    kinds = {Path(name).suffix for name in found}
    assert {".duckdb", ".csv", ".xlsx", ".pdf", ".log"} <= kinds, found
    assert {name: mode for name, mode in found.items() if mode != 0o600} == {}
    folders = [p for p in work.rglob("*") if p.is_dir()]
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in folders)


def test_a_database_readable_by_others_is_reported_at_start(tmp_path):
    work = tmp_path
    assert run(work, "demo", "--no-tui", "--candidates", "7", "--db", "d.duckdb").returncode == 0
    assert "leesbaar voor iedere gebruiker" not in run(work, "pack", "list", "--db", "d.duckdb").stderr
    os.chmod(work / "d.duckdb", 0o644)
    proc = run(work, "pack", "list", "--db", "d.duckdb")
    assert proc.returncode == 0
    assert "d.duckdb is leesbaar voor iedere gebruiker" in proc.stderr and "chmod 600" in proc.stderr
