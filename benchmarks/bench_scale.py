"""How long the work of a results day takes at school, board and national scale.

    .venv/bin/python benchmarks/bench_scale.py [--scale school|board|national|all] [--keep DIR]

For each scale a demo database is built in a temporary folder (the same set-based generator as
`examenbureau demo --candidates N`), then measured:

* demo: building the database (candidates, PTA, SE results, CE scores per question);
* uitslag (in-process): `compute_results` over every candidate, and candidates per second;
* uitslag (command): `examenbureau uitslag --format json` as a subprocess, start-up included,
  output to /dev/null; what a school's script pays;
* peak memory (RSS) of each of the two, and the size of the database file.

Every scale runs in a fresh child process, so one scale's memory never hides another's. The
figures in docs/performance.md come from this script; it is not part of the test suite because
a national run takes minutes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALES = {"school": 300, "board": 10_000, "national": 200_000}
EXE = Path(sys.executable).parent / "examenbureau"


def _peak_mb_self() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(candidates: int, folder: Path) -> dict[str, float | int]:
    """One scale, in this process (called in a child by `main`)."""
    from examenbureau.core.demo import build_demo
    from examenbureau.core.results import compute_results
    from examenbureau.core.store import Store

    db = folder / f"bench-{candidates}.duckdb"
    db.unlink(missing_ok=True)
    store = Store(db)
    t0 = time.perf_counter()
    build_demo(store, candidates=candidates)
    demo_s = time.perf_counter() - t0
    demo_peak = _peak_mb_self()

    t0 = time.perf_counter()
    results = compute_results(store)
    results_s = time.perf_counter() - t0
    decided = sum(1 for r in results if r.passed is not None)
    del results

    # /usr/bin/time reports the command's own peak: a forked child's ru_maxrss would include
    # the pages it shares with this (large) process.
    t0 = time.perf_counter()
    with open("/dev/null", "w") as sink:
        done = subprocess.run(["/usr/bin/time", "-f", "%M", str(EXE), "uitslag", "--db", str(db),
                               "--format", "json"], stdout=sink, stderr=subprocess.PIPE, text=True)
    cli_s = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(f"uitslag faalde: {done.stderr}")
    cli_peak_kb = int(done.stderr.strip().splitlines()[-1])
    return {
        "candidates": candidates,
        "decided": decided,
        "demo_s": round(demo_s, 2),
        "results_s": round(results_s, 2),
        "per_s": round(candidates / results_s),
        "cli_s": round(cli_s, 2),
        "peak_mb": round(max(demo_peak, _peak_mb_self())),
        "cli_peak_mb": round(cli_peak_kb / 1024),
        "file_mb": round(db.stat().st_size / 1e6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=[*SCALES, "all"], default="all")
    parser.add_argument("--keep", type=Path, help="folder for the databases (default: temporary)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's own run
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.keep)))
        return
    names = list(SCALES) if args.scale == "all" else [args.scale]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'schaal':<9} {'kandidaten':>10} {'besl.':>7} {'demo s':>7} {'uitslag s':>9} "
              f"{'kand./s':>8} {'cli s':>7} {'piek MB':>8} {'cli MB':>7} {'bestand MB':>10}")
        for name in names:
            out = subprocess.run([sys.executable, __file__, "--one", str(SCALES[name]),
                                  "--keep", str(folder)], capture_output=True, text=True)
            if out.returncode != 0:
                raise SystemExit(out.stderr)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{name:<9} {r['candidates']:>10} {r['decided']:>7} {r['demo_s']:>7} "
                  f"{r['results_s']:>9} {r['per_s']:>8} {r['cli_s']:>7} {r['peak_mb']:>8} "
                  f"{r['cli_peak_mb']:>7} {r['file_mb']:>10}", flush=True)
            if not args.keep:
                (folder / f"bench-{SCALES[name]}.duckdb").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
