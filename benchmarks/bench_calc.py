"""How many `outcome` requests per second the rules engine answers, on one core.

    .venv/bin/python benchmarks/bench_calc.py [--n 20000] [--seed 1]

Three figures, from the same generated requests (a mix of vwo, havo and vmbo candidates with
random one-decimal SE and CE grades; about a third fail, some need an extra subject left out):

* `evaluate`: the engine alone (`examenbureau.core.rules.evaluate`), dicts in and out;
* protocol: `examenbureau.core.calc.run` in-process, JSON Lines parsed and written;
* command: the installed `examenbureau calc` as a subprocess, including start-up, which is
  also reported on its own (an empty stream).

Each figure is given per second of CPU time of the process doing the work (what one core
delivers, also on a machine busy with other work) and per second of wall-clock time.
Aim: at least 5.000 requests per second on one core for each.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from examenbureau.core.calc import run
from examenbureau.core.rules import evaluate

EXE = Path(sys.executable).parent / "examenbureau"

LEVELS = {
    "vwo": (["netl", "entl", "fatl"], ["wisB", "nat", "schk", "biol"], ["inf"], True),
    "havo": (["netl", "entl"], ["wisA", "biol", "schk", "ak"], ["econ"], True),
    "vmbo-tl": (["ne", "en"], ["wi", "nask1"], ["bi", "ec"], False),
    "vmbo-kb": (["ne", "en"], ["pv", "wi", "ec"], [], False),
}
KERN = {"netl", "entl", "wisA", "wisB", "ne"}
SE_ONLY = {"inf"}


def _grade(rng: random.Random, low: int, high: int) -> str:
    t = rng.randint(low, high)
    return f"{t // 10}.{t % 10}"


def candidate(rng: random.Random) -> dict:
    name = rng.choice(list(LEVELS))
    gd, pd, vd, havo_vwo = LEVELS[name]
    subjects = []
    for part, codes in (("gd", gd), ("pd", pd), ("vd", vd)):
        for code in codes:
            s = {"code": code, "part": part, "se": _grade(rng, 48, 85)}
            if code in SE_ONLY:
                s["se"] = str(rng.randint(5, 9))
            else:
                s["ce"] = _grade(rng, 40, 85)
            if code in KERN:
                s["kernvak"] = True
            subjects.append(s)
    if name.startswith("vmbo"):
        subjects.append({"code": "ml", "part": "gd", "se": str(rng.randint(5, 8))})
    if rng.random() < 0.2:  # an extra subject, sometimes one that has to be left out
        subjects.append({"code": "extra1", "part": "extra", "se": _grade(rng, 20, 80),
                         "ce": _grade(rng, 20, 80)})
    data: dict = {"level": "vmbo-gt" if name == "vmbo-tl" else name, "subjects": subjects,
                  "lo": "voldoende" if rng.random() < 0.97 else "onvoldoende"}
    if havo_vwo:
        data["combination"] = {"components": [{"code": c, "final": rng.randint(4, 9)}
                                              for c in ("maat", "ckv", "pws")]}
    else:
        data["kunstvakken"] = "voldoende"
        if name == "vmbo-tl":
            data["leerweg"] = "tl"
            data["pws"] = "voldoende"
        else:
            data["combination"] = {"components": [{"code": f"k{i}", "final": rng.randint(4, 9)}
                                                  for i in range(1, 5)]}
    return data


def requests(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [{"id": str(i), "op": "outcome", "input": candidate(rng)} for i in range(n)]


def _child(cmd: list[str], stdin: str) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one run of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w = time.perf_counter()
    p = subprocess.run(cmd, input=stdin, text=True, capture_output=True)
    wall = time.perf_counter() - w
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert p.returncode == 0 and len(p.stdout.splitlines()) == stdin.count("\n"), p.stderr[:500]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    parser = argparse.ArgumentParser(description="doorvoer van calc outcome")
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    reqs = requests(args.n, args.seed)
    payload = "".join(json.dumps(r) + "\n" for r in reqs)

    evaluate("outcome", reqs[0]["input"])  # load the pack once, as a long-running process would
    c, w = time.process_time(), time.perf_counter()
    passed = sum(1 for r in reqs if evaluate("outcome", r["input"])["passed"])
    engine = (args.n / (time.process_time() - c), args.n / (time.perf_counter() - w))

    lines = payload.encode().splitlines(keepends=True)
    c, w = time.process_time(), time.perf_counter()
    run(lines, io.StringIO())
    protocol = (args.n / (time.process_time() - c), args.n / (time.perf_counter() - w))

    empty = _child([str(EXE), "calc"], "")
    c, w = _child([str(EXE), "calc"], payload)
    command = (args.n / c, args.n / w)
    net = (args.n / (c - empty[0]), args.n / (w - empty[1]))

    print(f"{args.n} outcome-verzoeken, {passed} geslaagd ({100 * passed / args.n:.0f}%); "
          "verzoeken per seconde CPU-tijd (per seconde kloktijd)")
    print(f"evaluate (in proces):            {engine[0]:8.0f} ({engine[1]:.0f})")
    print(f"calc-protocol (in proces, JSON): {protocol[0]:8.0f} ({protocol[1]:.0f})")
    print(f"examenbureau calc (opdracht):    {command[0]:8.0f} ({command[1]:.0f}), "
          f"opstarten {empty[0]:.2f} s CPU; zonder opstarten {net[0]:.0f} ({net[1]:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
