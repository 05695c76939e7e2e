"""Acceptance 1 of issue 11: many writers and readers on one big file; no edit lost.

    .venv/bin/python scripts/trust_stress.py [--db /tmp/trust20k.duckdb] [--writers 8]
                                             [--edits 200] [--readers 2] [--rows 300]

Copies the school (default: the 20,000-candidate demo that scripts/trust_locks.py builds),
starts `--readers` processes that read results-like queries in a loop and `--writers`
processes that each make `--edits` SE-grade edits through the store API, every edit with the
row version its writer read (as the TUI does). The writers pick from the same `--rows` rows,
so some edits go stale. Every edit must end as stored or refused as stale (ConflictError);
afterwards every stored edit has its audit row, each row's grade is the last stored edit, no
lock error reached a writer or reader, and `audit verify` passes. The figures are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

KEY = ("exam_year", "exam_number", "subject", "test_code", "attempt", "seq")


def writer(path: str, who: str, edits: int, rows_file: str, seed: int, out: str) -> None:
    from examenbureau.core.store import ConflictError, Store, StoreError

    rows = json.loads(Path(rows_file).read_text(encoding="utf-8"))
    rng = random.Random(seed)
    store = Store(path, display_name=who)
    log = []
    for i in range(edits):
        key = dict(zip(KEY, rng.choice(rows), strict=True))
        started = time.perf_counter()
        try:
            with store.read() as con:
                version, old = con.execute(
                    "SELECT row_version, grade FROM se_results WHERE "
                    + " AND ".join(f"{k} = ?" for k in KEY), list(key.values())).fetchone()
            grade = old
            while grade == old:                      # an edit always changes the grade
                grade = Decimal(rng.randint(10, 100)).scaleb(-1)
            time.sleep(rng.random() * 0.02)          # a person looks before saving
            with store.transaction(reason="stresstest", source=who) as tx:
                tx.update("se_results", key, {"grade": grade}, expected_version=version)
                marker = tx.at.isoformat()
            log.append({"i": i, "key": list(key.values()), "grade": str(grade), "result": "stored",
                        "at": marker, "seconds": time.perf_counter() - started})
        except ConflictError:
            log.append({"i": i, "key": list(key.values()), "result": "stale",
                        "seconds": time.perf_counter() - started})
        except StoreError as exc:                  # a lock error would land here
            log.append({"i": i, "result": "error", "error": str(exc)})
    Path(out).write_text(json.dumps(log), encoding="utf-8")


def reader(path: str, stop: str, out: str) -> None:
    from examenbureau.core.store import Store, StoreError

    store = Store(path)
    reads = errors = 0
    messages = []
    while not Path(stop).exists():
        try:
            with store.read() as con:
                con.execute("SELECT exam_number, subject, avg(grade) FROM se_results "
                            "WHERE exam_year = 2025 GROUP BY ALL").fetchall()
            reads += 1
        except StoreError as exc:
            errors += 1
            messages.append(str(exc))
    Path(out).write_text(json.dumps({"reads": reads, "errors": errors, "messages": messages[:3]}),
                         encoding="utf-8")


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] in ("_writer", "_reader"):   # one worker process
        role, *rest = sys.argv[1:]
        if role == "_writer":
            writer(rest[0], rest[1], int(rest[2]), rest[3], int(rest[4]), rest[5])
        else:
            reader(*rest)
        return 0
    os.umask(0o077)   # the copies hold (demo) pupil data: private, as examenbureau's own files
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/trust20k.duckdb")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--rows", type=int, default=300)
    args = parser.parse_args()
    return run(Path(args.db), args.writers, args.edits, args.readers, args.rows)


def run(source: Path, writers: int, edits: int, readers: int, pool: int,
        work: Path | None = None) -> int:
    from examenbureau.core.audit import verify
    from examenbureau.core.store import Store

    work = work or Path(tempfile.mkdtemp())
    db = work / "stress.duckdb"
    shutil.copyfile(source, db)
    with Store(db).read() as con:
        rows = [list(r) for r in con.execute(
            f"SELECT {', '.join(KEY)} FROM se_results WHERE grade IS NOT NULL ORDER BY ALL "
            "LIMIT ?", [pool]).fetchall()]
        candidates = con.execute("SELECT count(*) FROM candidates").fetchone()[0]
    stop = work / "stop"
    rows_file = work / "rows.json"
    rows_file.write_text(json.dumps(rows, default=str), encoding="utf-8")
    me = [sys.executable, str(Path(__file__).resolve())]
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    readers_p = [subprocess.Popen([*me, "_reader", str(db), str(stop), str(work / f"r{i}.json")])
                 for i in range(readers)]
    writers_p = [subprocess.Popen([*me, "_writer", str(db), f"schrijver{i}", str(edits),
                                   str(rows_file), str(i), str(work / f"w{i}.json")])
                 for i in range(writers)]
    for p in writers_p:
        p.wait()
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    stop.touch()
    for p in readers_p:
        p.wait()
    logs = [json.loads((work / f"w{i}.json").read_text()) for i in range(writers)]
    reads = [json.loads((work / f"r{i}.json").read_text()) for i in range(readers)]
    stored = [e for log in logs for e in log if e["result"] == "stored"]
    stale = [e for log in logs for e in log if e["result"] == "stale"]
    errors = [e for log in logs for e in log if e["result"] == "error"]
    lost, wrong = check(db, stored)
    report = verify(Store(db))
    seconds = sorted(e["seconds"] for e in stored + stale)
    school = f"{candidates:,}".replace(",", ".")
    print(f"{writers} schrijvers x {edits} wijzigingen, {readers} lezers, {school} kandidaten, "
          f"{len(rows)} gedeelde rijen")
    print(f"opgeslagen: {len(stored)}, geweigerd als verouderd: {len(stale)}, fouten: {len(errors)}, "
          f"samen {len(stored) + len(stale) + len(errors)} van {writers * edits}")
    print(f"verloren (opgeslagen maar niet in de database of het auditlog): {lost}; rijen met een "
          f"andere waarde dan de laatste opgeslagen wijziging: {wrong}")
    print(f"lezen: {sum(r['reads'] for r in reads)} keer, fouten: {sum(r['errors'] for r in reads)}")
    if seconds:
        print(f"duur per wijziging: mediaan {seconds[len(seconds) // 2]:.2f} s, "
              f"95% {seconds[int(len(seconds) * 0.95)]:.2f} s, max {seconds[-1]:.2f} s; "
              f"totaal {elapsed:.0f} s")
    print(f"audit verify: {'intact' if report.ok else ' / '.join(report.lines())}")
    print(f"belasting van de machine (1 min): {load_before:.1f} bij de start, {load_after:.1f} "
          "aan het eind")
    for e in errors[:3]:
        print(f"fout: {e['error']}")
    ok = (not errors and not lost and not wrong and report.ok
          and not any(r["errors"] for r in reads)
          and len(stored) + len(stale) == writers * edits)
    return 0 if ok else 1


def check(db: Path, stored: list[dict]) -> tuple[int, int]:
    """Every stored edit has its audit row; every row holds the value of its last stored edit."""
    from examenbureau.core.store import Store

    with Store(db).read() as con:
        audited = con.execute(
            "SELECT row_key, new_value, id FROM audit_log WHERE action = 'update' AND "
            "table_name = 'se_results' AND field = 'grade' AND reason = 'stresstest' ORDER BY id"
        ).fetchall()
        current = {"/".join(str(v) for v in r[:6]): r[6] for r in con.execute(
            f"SELECT {', '.join(KEY)}, grade FROM se_results").fetchall()}
    by_key: dict[str, list[tuple[str, int]]] = {}
    for key, value, audit_id in audited:
        by_key.setdefault(key, []).append((value, audit_id))
    lost = 0
    for e in stored:
        key = "/".join(str(v) for v in e["key"])
        if not any(Decimal(v) == Decimal(e["grade"]) for v, _ in by_key.get(key, [])):
            lost += 1
    wrong = sum(1 for key, values in by_key.items()
                if Decimal(values[-1][0]) != Decimal(str(current[key])))
    return lost, wrong


if __name__ == "__main__":
    sys.exit(main())
