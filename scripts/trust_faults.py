"""Acceptance 2 of issue 11: SIGKILL an import or a closing act at a random moment, 50 times.

    .venv/bin/python scripts/trust_faults.py [--runs 50] [--candidates 150] [--seed 1]

A demo school is built once; each run copies it, starts either an import of ~all SE results
with a changed grade (seconds of work, most of it inside the write transaction) or a closing
act (`vaststellen se`), and kills the process with SIGKILL after a random delay counted from
the moment the process first holds the file (/proc/locks): between 0 and 1.2 times the
operation's undisturbed time from there, so kills fall while it reads, during and after the
commit, and not in Python's start-up. How many kills hit while it held the file is printed.
Afterwards the database must open, `audit verify` must pass and the content
(every table but the audit log, whose rows are checked by verify) must equal the state before
or after the operation. The figures are printed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BIN = [sys.executable, "-m", "examenbureau"]


def main() -> int:
    os.umask(0o077)   # the copies hold (demo) pupil data: private, as examenbureau's own files
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--candidates", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    return run(args.runs, args.candidates, args.seed)


def run(runs: int, candidates: int, seed: int, work: Path | None = None) -> int:
    from examenbureau.core.audit import verify
    from examenbureau.core.demo import build_demo
    from examenbureau.core.store import Store

    rng = random.Random(seed)
    work = work or Path(tempfile.mkdtemp())
    pristine = work / "pristine.duckdb"
    build_demo(Store(pristine), candidates=candidates, seed=2025)
    se_file = _se_file(pristine, work / "se.csv")
    operations = {
        "import": ["import", "se-results", str(se_file), "--reden", "fouttest"],
        "vaststellen": ["vaststellen", "se", "--reden", "fouttest"],
    }
    before = content_fingerprint(Store(pristine))
    after: dict[str, str] = {}
    work_time: dict[str, float] = {}
    for name, command in operations.items():       # each operation once, undisturbed
        db = work / f"clean-{name}.duckdb"
        shutil.copyfile(pristine, db)
        proc, opened = _start(command, db)
        err = proc.communicate()[1]
        work_time[name] = time.perf_counter() - opened
        assert proc.returncode == 0, err
        after[name] = content_fingerprint(Store(db))
    tally = {"voor": 0, "na": 0, "anders": 0, "opent niet": 0, "verify faalt": 0, "vast": 0}
    for number in range(runs):
        name = "import" if number % 2 == 0 else "vaststellen"
        db = work / "run.duckdb"
        for leftover in (db, Path(f"{db}.wal")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(pristine, db)
        # The moment: from when the process first holds the file (Python's start-up is not
        # what is tested) to 20% past its undisturbed end: before, during and after the commit.
        delay = rng.random() * 1.2 * work_time[name]
        proc, opened = _start(operations[name], db)
        time.sleep(max(0.0, opened + delay - time.perf_counter()))
        held = _holds_file(proc.pid, db)            # killed while it held the file open
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        tally["vast"] += held
        label = f"run {number} ({name}, {delay:.2f} s na openen{', bestand vast' if held else ''})"
        try:
            store = Store(db)
            fingerprint = content_fingerprint(store)
        except Exception as exc:  # the finding itself: count it and say what it was
            tally["opent niet"] += 1
            print(f"{label}: opent niet: {exc}")
            continue
        report = verify(store)
        if not report.ok:
            tally["verify faalt"] += 1
            print(f"{label}: {' / '.join(report.lines())}")
        state = "voor" if fingerprint == before else "na" if fingerprint == after[name] else "anders"
        tally[state] += 1
        if state == "anders":
            print(f"{label}: inhoud is voor noch na")
    print(f"{runs} keer SIGKILL (import {work_time['import']:.1f} s, vaststellen "
          f"{work_time['vaststellen']:.1f} s ongestoord vanaf het openen; moment 0-120% daarvan), "
          f"{candidates} kandidaten, belasting {os.getloadavg()[0]:.1f}:")
    print(f"  gedood terwijl het proces het bestand vasthield: {tally['vast']}")
    print(f"  inhoud als vóór: {tally['voor']}, als ná: {tally['na']}, anders: {tally['anders']}")
    print(f"  database opent niet: {tally['opent niet']}, audit verify faalt: {tally['verify faalt']}")
    return 0 if tally["anders"] == tally["opent niet"] == tally["verify faalt"] == 0 else 1


def _start(command: list[str], db: Path) -> tuple[subprocess.Popen[str], float]:
    """Start an operation; return it and the moment it first held the file (or ended)."""
    proc = subprocess.Popen([*BIN, *command, "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.perf_counter() + 120
    while proc.poll() is None and not _holds_file(proc.pid, db) and time.perf_counter() < deadline:
        time.sleep(0.002)
    return proc, time.perf_counter()


def _holds_file(pid: int, db: Path) -> bool:
    """Does process `pid` hold examenbureau's lock on `db` (store/filelock.py)? Read from
    /proc/locks, so looking does not disturb it."""
    try:
        inode = os.stat(f"{db.resolve()}.lock").st_ino
        locks = Path("/proc/locks").read_text(encoding="ascii").splitlines()
    except OSError:
        return False
    for line in locks:
        parts = line.split()
        if (len(parts) > 5 and parts[1] == "FLOCK" and parts[4] == str(pid)
                and parts[5].rsplit(":", 1)[-1] == str(inode)):
            return True
    return False


def content_fingerprint(store) -> str:
    """SHA-256 over every table but the audit log (its rows are what `audit verify` checks)
    and the kept results (a cache of computed uitslagen: a kept row counts only while the
    fingerprint of its inputs matches, so any state of it is a valid one).

    A closing act's row holds its moment and the chain's head at that moment, which differ
    between two runs by nature; of `closings` only which act, by whom and why are compared.
    """
    import hashlib

    digest = hashlib.sha256()
    with store.read() as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
        for table in tables:
            if table in ("audit_log", "kept_results"):
                continue
            columns = "exam_year, kind, period, actor, reason" if table == "closings" else "*"
            where = "WHERE key <> 'created_at'" if table == "meta" else ""
            digest.update(f"\x00{table}\x00".encode())
            for row in con.execute(f"SELECT {columns} FROM {table} {where} ORDER BY ALL").fetchall():
                digest.update(repr(row).encode("utf-8") + b"\n")
    return digest.hexdigest()


def _se_file(db: Path, path: Path) -> Path:
    """Every SE grade of the school one tenth higher (10,0 stays): a real, long import."""
    from examenbureau.core.store import Store

    with Store(db).read() as con:
        rows = con.execute(
            "SELECT s.exam_year, s.exam_number, cs.subject_code, s.subject, s.test_code, s.attempt, "
            "s.seq, s.grade FROM se_results s JOIN candidate_subjects cs USING (exam_year, "
            "exam_number, subject) WHERE s.grade IS NOT NULL ORDER BY ALL").fetchall()
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["examenjaar", "examennummer", "vakcode", "vak", "toetscode", "poging",
                      "volgnummer", "resultaat"])
        for *key, grade in rows:
            out.writerow([*key, _tenth_up(grade)])
    return path


def _tenth_up(grade: Decimal) -> str:
    value = min(grade + Decimal("0.1"), Decimal("10.0"))
    return format(value, "f").replace(".", ",")


if __name__ == "__main__":
    sys.exit(main())
