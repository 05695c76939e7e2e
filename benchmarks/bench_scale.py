"""What a results day costs at 300, 2,000 and 20,000 candidates (and 100,000 with --groot).

    .venv/bin/python benchmarks/bench_scale.py [--groot] [--sizes 300,2000,20000]
                                               [--pdf-tot 20000] [--keep DIR]

For every size a demo school is built (`examenbureau demo --candidates N`) and measured, each
step in a process of its own so that one step's memory never hides another's:

* demo: wall time and peak memory (RSS) of `examenbureau demo --no-tui`;
* uitslag: `examenbureau uitslag --format json > /dev/null`, the whole process (start-up
  included), wall time and peak memory: first as the demo left the school (every result
  kept, as every import leaves them), then cold: with the kept results deleted, as after an
  update of the program or a change of the rule pack (everything computed, and kept again);
* N-term: one exam's N-term changed by a tenth with the n-terms import (one row); the whole
  import, including recomputing the candidates whose CE grade it changes (their number is
  shown), and apart the recompute itself (`kept.refresh_on`: reading, deciding and keeping
  those candidates); then, as a screen does next, finding the stale results and computing
  only those;
* slot: a one-row SE-results import: how long the database file is held for writing
  (`Store.last_write_seconds`, when the store reports it; otherwise the whole import, marked *);
* SE-overzicht / cijferlijst: `examenbureau documenten ...` for the whole school, one PDF per
  candidate, wall time and milliseconds per candidate (up to --pdf-tot candidates);
* TUI: the app opened headless (Textual's pilot, 100x30): until the first screen stands, and
  until the uitslag of every candidate is in.

It prints ONE table, then the growth per candidate between the sizes, in figures and as
a bar chart. The machine's load
(`uptime`'s 1-minute average) before and after each size is in the table: on a shared 2-core
machine a load of 8 gives every process about a quarter of a core. docs/performance.md holds
the last output. Not part of the test suite: 20,000 candidates take many minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

EXE = Path(sys.executable).parent / "examenbureau"
SIZES = (300, 2_000, 20_000)
BIG = 100_000


def _timed(cmd: list[str], **kwargs: object) -> tuple[tuple[float, float], float]:
    """((wall seconds, CPU seconds), peak MB) of one command, from /usr/bin/time.

    CPU seconds (user + system) are shown next to the wall time because the machine is shared:
    under load the wall time is mostly waiting for a core, the CPU time is the work itself."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "@@%M %U %S", *cmd], stderr=subprocess.PIPE,
                          text=True, **kwargs)  # type: ignore[call-overload]
    wall = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    found = next((x[2:].split() for x in reversed(lines) if x.startswith("@@")), ["0", "0", "0"])
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} faalde ({done.returncode}): {done.stderr[-2000:]}")
    return (wall, float(found[1]) + float(found[2])), int(found[0]) / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load() -> float:
    return os.getloadavg()[0]


# -- steps that run inside a child process (--stap) -------------------------------------------
def step_nterm(db: Path, folder: Path) -> dict[str, object]:
    """One N-term a tenth higher, imported as a one-row file."""
    from examenbureau.core.io.importers import import_file
    from examenbureau.core.store import Store

    store = Store(db)
    with store.read() as con:
        year, nex_id, scale, n_term, takers = con.execute(
            "SELECT e.exam_year, e.nex_id, e.scale_length, e.n_term, count(*) AS n"
            " FROM ce_exams e JOIN ce_scores s ON s.exam_year = e.exam_year"
            " AND s.nex_id = e.nex_id WHERE e.n_term IS NOT NULL AND e.n_term < 2.5"
            " GROUP BY ALL ORDER BY n DESC, e.nex_id LIMIT 1").fetchone()
    path = folder / "nterm.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["examenjaar", "nex_id", "schaallengte", "nterm"])
        out.writerow([year, nex_id, scale, str(Decimal(n_term) + Decimal("0.1")).replace(".", ",")])
    try:
        from examenbureau.core.results import kept
    except ImportError:           # a version without kept results: nothing to refresh
        kept = None
    if kept is not None:
        kept.refresh(store, year)   # every result kept before the change
    spent = [0.0, 0.0]
    if kept is not None and hasattr(kept, "refresh_on"):
        # the recompute of the exam's candidates inside the import (read, decide, keep): the
        # real function, timed around its call
        real = kept.refresh_on

        def timed_refresh(*args: object, **kwargs: object) -> object:
            wall, own = time.perf_counter(), _cpu()
            try:
                return real(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - wall
                spent[1] += _cpu() - own

        kept.refresh_on = timed_refresh
    started, cpu = time.perf_counter(), _cpu()
    report = import_file(store, "n-terms", path)
    seconds = (time.perf_counter() - started, _cpu() - cpu)
    if not report.ok:
        raise SystemExit(f"N-term-import geweigerd: {report.errors[:2]}")
    out: dict[str, object] = {"seconds": seconds, "takers": takers, "refresh": None, "stale": None,
                              "recompute": tuple(spent) if spent[0] else None}
    if kept is not None:
        # what a screen does next: find the stale results and compute only those
        started, cpu = time.perf_counter(), _cpu()
        stale = kept.open_kept(store, year).stale
        kept.refresh(store, year)
        out["refresh"] = (time.perf_counter() - started, _cpu() - cpu)
        out["stale"] = len(stale)
    return out


def step_lock(db: Path, folder: Path) -> dict[str, object]:
    """One SE result a tenth higher, imported as a one-row file."""
    from examenbureau.core.io.importers import import_file
    from examenbureau.core.store import Store

    store = Store(db)
    with store.read() as con:
        row = con.execute(
            "SELECT s.exam_year, s.exam_number, cs.subject_code, s.subject, s.test_code,"
            " s.attempt, s.seq, s.grade FROM se_results s JOIN candidate_subjects cs"
            " USING (exam_year, exam_number, subject) WHERE s.grade IS NOT NULL"
            " AND s.grade < 9 ORDER BY ALL LIMIT 1").fetchone()
    year, number, code, subject, test, attempt, seq, grade = row
    path = folder / "se_een_regel.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["examenjaar", "examennummer", "vakcode", "vak", "toetscode", "poging",
                      "volgnummer", "resultaat"])
        out.writerow([year, number, code, subject, test, attempt, seq,
                      str(grade + Decimal("0.1")).replace(".", ",")])
    started, cpu = time.perf_counter(), _cpu()
    report = import_file(store, "se-results", path)
    seconds = (time.perf_counter() - started, _cpu() - cpu)
    if not report.ok:
        raise SystemExit(f"SE-import geweigerd: {report.errors[:2]}")
    held = getattr(store, "last_write_seconds", None)
    return {"seconds": seconds, "held": held}


def step_tui(db: Path, folder: Path) -> dict[str, object]:
    """The app headless: first screen, then every candidate's uitslag."""
    started = time.perf_counter()
    from examenbureau.tui.app import ExamenbureauApp
    from examenbureau.tui.results_state import DONE, FAILED

    async def run() -> dict[str, object]:
        app = ExamenbureauApp(str(db))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            first = time.perf_counter() - started
            deadline = time.monotonic() + 1800
            while app.results_state.status not in (DONE, FAILED) and time.monotonic() < deadline:
                await pilot.pause(0.05)
            done = time.perf_counter() - started
            status = app.results_state.status
        return {"first": first, "done": done, "status": status}

    return asyncio.run(run())


STEPS = {"nterm": step_nterm, "lock": step_lock, "tui": step_tui}


def _child(step: str, db: Path, folder: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--stap", step, "--db", str(db),
                          "--keep", str(folder)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"stap {step} faalde: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _forget_kept(db: Path) -> None:
    """Delete the kept results: the state after an update of the program, in which `uitslag`
    computes every candidate."""
    from examenbureau.core.results.kept import forget
    from examenbureau.core.store import Store

    forget(Store(db))


# -- one size -----------------------------------------------------------------------------------
def measure(candidates: int, folder: Path, pdf_upto: int) -> dict[str, object]:
    db = folder / f"bench-{candidates}.duckdb"
    for leftover in (db, Path(f"{db}.wal")):
        leftover.unlink(missing_ok=True)
    r: dict[str, object] = {"n": candidates, "load_before": _load()}
    r["demo_s"], r["demo_mb"] = _timed([str(EXE), "demo", "--no-tui", "--db", str(db),
                                           "--candidates", str(candidates)],
                                          stdout=subprocess.DEVNULL)
    r["file_mb"] = db.stat().st_size / 1e6
    with open(os.devnull, "w") as sink:
        r["uitslag_s"], r["uitslag_mb"] = _timed(
            [str(EXE), "uitslag", "--db", str(db), "--format", "json"], stdout=sink)
        _forget_kept(db)
        r["uitslag_cold_s"], r["uitslag_cold_mb"] = _timed(
            [str(EXE), "uitslag", "--db", str(db), "--format", "json"], stdout=sink)
    nterm = _child("nterm", db, folder)
    r["nterm_s"], r["nterm_takers"] = nterm["seconds"], nterm["takers"]
    r["recompute_s"] = nterm.get("recompute")
    r["refresh_s"], r["refresh_n"] = nterm["refresh"], nterm["stale"]
    lock = _child("lock", db, folder)
    r["lock_s"], r["lock_measured"] = (lock["held"], True) if lock["held"] is not None else (
        lock["seconds"][0], False)
    for kind, key in (("se-overzicht", "se"), ("cijferlijst", "list")):
        if candidates > pdf_upto:
            r[f"{key}_s"] = None
            continue
        out_dir = folder / f"pdf-{candidates}-{kind}"
        r[f"{key}_s"], r[f"{key}_mb"] = _timed(
            [str(EXE), "documenten", kind, str(out_dir), "--db", str(db)],
            stdout=subprocess.DEVNULL)
        r[f"{key}_files"] = len(list(out_dir.glob("*.pdf")))
        for pdf in out_dir.glob("*.pdf"):
            pdf.unlink()
        out_dir.rmdir()
    tui = _child("tui", db, folder)
    r["tui_first_s"], r["tui_done_s"], r["tui_status"] = tui["first"], tui["done"], tui["status"]
    r["load_after"] = _load()
    return r


# -- the table ----------------------------------------------------------------------------------
def _s(value: object, places: int = 1) -> str:
    if value is None:
        return "-"
    return f"{float(value):.{places}f}".replace(".", ",")  # type: ignore[arg-type]


def _n(value: object) -> str:
    return f"{int(value):,}".replace(",", ".")  # type: ignore[call-overload]


def _wc(value: object, places: int = 1) -> str:
    """wall (CPU) seconds."""
    wall, cpu = value  # type: ignore[misc]
    return f"{_s(wall, places)} ({_s(cpu, places)})"


HEAD = ("kandidaten", "demo s", "demo piek MB", "uitslag json s", "uitslag piek MB",
        "uitslag koud s", "koud piek MB", "N-term-import s [kand.]", "waarvan herberekenen s",
        "herberekenen s [verouderd]", "schrijfslot 1 regel s", "SE-overzicht s [ms/kand.]",
        "cijferlijst s [ms/kand.]", "TUI 1e scherm s", "TUI alle uitslagen s", "load voor/na")


def row(r: dict[str, object]) -> list[str]:
    n = int(r["n"])  # type: ignore[call-overload]

    def pdf(key: str) -> str:
        seconds = r.get(f"{key}_s")
        if seconds is None:
            return "niet gemeten"
        wall, cpu = seconds  # type: ignore[misc]
        return f"{_wc(seconds)} [{_s(1000 * wall / n, 0)} ({_s(1000 * cpu / n, 0)})]"

    lock = _s(r["lock_s"], 2) + ("" if r["lock_measured"] else "*")
    refresh = (f"{_wc(r['refresh_s'], 2)} [{_n(r['refresh_n'])}]"
               if r.get("refresh_s") is not None else "-")
    return [_n(n), _wc(r["demo_s"]), _s(r["demo_mb"], 0), _wc(r["uitslag_s"], 2),
            _s(r["uitslag_mb"], 0), _wc(r["uitslag_cold_s"], 2), _s(r["uitslag_cold_mb"], 0),
            f"{_wc(r['nterm_s'], 2)} [{_n(r['nterm_takers'])}]",
            _wc(r["recompute_s"], 2) if r.get("recompute_s") else "-", refresh, lock,
            pdf("se"), pdf("list"), _s(r["tui_first_s"], 2),
            _s(r["tui_done_s"], 1) + ("" if r["tui_status"] == "done" else f" {r['tui_status']}"),
            f"{_s(r['load_before'])}/{_s(r['load_after'])}"]


def table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEAD) + " |", "| " + " | ".join(
        "---" if i == 0 else "---:" for i in range(len(HEAD))) + " |"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def growth(results: list[dict[str, object]]) -> list[str]:
    """CPU seconds per candidate of each size against the smallest size that has the step
    (1,00× = linear). CPU time, not wall time: the wall time on a shared machine follows the
    load more than the work."""
    out = []
    for key, label in (("demo_s", "demo"), ("uitslag_cold_s", "uitslag koud"),
                       ("se_s", "SE-overzicht"), ("list_s", "cijferlijst")):
        have = [r for r in results if r.get(key) is not None]
        if len(have) < 2:
            continue
        per = [(int(r["n"]), r[key][1] / int(r["n"])) for r in have]  # type: ignore[call-overload, index]
        steps = [f"{_n(n)}: {_s(cost / per[0][1], 2)}×" for n, cost in per[1:]]
        out.append(f"{label}: CPU per kandidaat t.o.v. {_n(per[0][0])} kandidaten ("
                   f"{_s(1000 * per[0][1], 2)} ms): " + ", ".join(steps))
    return out


BLOCKS = " ▏▎▍▌▋▊▉█"


def _bar(value: float, top: float, width: int = 40) -> str:
    eighths = round(8 * width * value / top) if top else 0
    return "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")


def chart(results: list[dict[str, object]]) -> list[str]:
    """The growth as a picture: CPU milliseconds per candidate, one bar per size and step.
    Equal bars within a step = linear; a longer bar for a larger school = worse than linear."""
    out = ["CPU-tijd per kandidaat (ms); gelijke balken binnen een stap = lineair"]
    for key, label in (("demo_s", "demo"), ("uitslag_cold_s", "uitslag koud"),
                       ("se_s", "SE-overzicht"), ("list_s", "cijferlijst")):
        have = [(int(r["n"]), 1000 * r[key][1] / int(r["n"]))  # type: ignore[call-overload, index]
                for r in results if r.get(key) is not None]
        if not have:
            continue
        top = max(ms for _, ms in have)
        for i, (n, ms) in enumerate(have):
            name = label if i == 0 else ""
            out.append(f"{name:<13}{_n(n):>8} {_bar(ms, top)} {_s(ms, 2)}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES),
                        help="aantallen kandidaten, gescheiden door komma's")
    parser.add_argument("--groot", action="store_true", help=f"ook {_n(BIG)} kandidaten")
    parser.add_argument("--pdf-tot", type=int, default=20_000,
                        help="PDF's alleen voor scholen tot zoveel kandidaten")
    parser.add_argument("--keep", type=Path, help="map voor de databases (standaard: tijdelijk)")
    parser.add_argument("--json", type=Path, help="schrijf de ruwe metingen ook naar dit bestand")
    parser.add_argument("--stap", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stap:
        print(json.dumps(STEPS[args.stap](args.db, args.keep)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.groot:
        sizes.append(BIG)
    print(f"# examenbureau bench_scale, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} CPU's, Python {sys.version.split()[0]}", flush=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            r = measure(n, folder, args.pdf_tot)
            results.append(r)
            print(f"# {_n(n)} gemeten: " + " | ".join(row(r)), flush=True)
            if not args.keep:
                for leftover in folder.glob(f"bench-{n}.duckdb*"):
                    leftover.unlink()
    print()
    print(table([row(r) for r in results]))
    print()
    for line in growth(results):
        print(line)
    print("Tijden: wandklok (CPU-tijd, user + system) in seconden; piek = grootste RSS.")
    if any(not r["lock_measured"] for r in results):
        print("* de store meldt zijn schrijftijd niet: de hele import van één regel staat er.")
    print()
    for line in chart(results):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
