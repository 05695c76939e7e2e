"""How long an import holds the write lock, on a school of 20,000 candidates (issue 11).

    .venv/bin/python scripts/trust_locks.py [--db /tmp/trust20k.duckdb] [--candidates 20000]

Builds the demo school once (timed; reused when the file exists), then imports a file of 10
changed SE results and one of 20,000, and prints for each: the time the file was held for
writing (`Store.last_write_seconds`: from the connection that writes to its close; other
processes wait that long) and the whole command. Run it with PYTHONPATH pointing at another
checkout to measure that version (the lock time is then "n/a" when it does not report it).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def main() -> None:
    from examenbureau.core.demo import build_demo
    from examenbureau.core.io.importers import import_file
    from examenbureau.core.store import Store

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="/tmp/trust20k.duckdb")
    parser.add_argument("--candidates", type=int, default=20_000)
    args = parser.parse_args()
    db = Path(args.db)
    if not db.exists():
        started = time.perf_counter()
        build_demo(Store(db), candidates=args.candidates, seed=2025)
        print(f"demo {args.candidates} kandidaten gebouwd in {time.perf_counter() - started:.1f} s "
              f"({db.stat().st_size / 1e6:.0f} MB)")
    store = Store(db)
    with store.read() as con:
        rows = con.execute(
            "SELECT s.exam_year, s.exam_number, cs.subject_code, s.subject, s.test_code, s.attempt, "
            "s.seq, s.grade FROM se_results s JOIN candidate_subjects cs USING (exam_year, "
            "exam_number, subject) WHERE s.grade IS NOT NULL AND s.grade < 10 ORDER BY ALL "
            "LIMIT 20000").fetchall()
        audit_rows = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    print(f"database: {db} ({audit_rows:,} auditregels)".replace(",", "."))
    folder = Path(tempfile.mkdtemp())
    for size in (10, 20_000):
        path = folder / f"se_{size}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, delimiter=";")
            out.writerow(["examenjaar", "examennummer", "vakcode", "vak", "toetscode", "poging",
                          "volgnummer", "resultaat"])
            for year, number, code, subject, test, attempt, seq, grade in rows[:size]:
                new = format(grade + Decimal("0.1"), "f").replace(".", ",")
                out.writerow([year, number, code, subject, test, attempt, seq, new])
        started = time.perf_counter()
        report = import_file(store, "se-results", path)
        total = time.perf_counter() - started
        held = getattr(store, "last_write_seconds", None)
        held_text = f"{held:.2f} s" if held is not None else "n/a"
        print(f"import van {size:>6} regels: schrijfslot {held_text}, hele import {total:.2f} s, "
              f"{'ok' if report.ok else 'GEWEIGERD'} ({report.counts.sentence() if report.ok else report.errors[:1]})")


if __name__ == "__main__":
    main()
