"""Acceptance 6 of issue 11: fuzz every importer and `calc`; no traceback, no partial write.

    .venv/bin/python scripts/trust_fuzz.py [--imports 5000] [--calc 5000]

Runs the two hypothesis properties of tests/core/io/test_trust_fuzz.py, and the broken-file
property of tests/core/io/test_import_fuzz.py, with many more inputs than the suite does
(`--imports` files for each import property): every import kind on a school holding the
example files (each input is imported or refused with Dutch `file:line: column: ...` lines, and
a refusal leaves every table and the audit log exactly as they were), and calc on every op with
the bounds of issue 11 (`L=1e308`, `N="99"`, Arabic-Indic digits, ...). Prints how many inputs
were tried; exit 1 with hypothesis's smallest failing input when one fails.

Hypothesis draws the inputs of the issue among others, so whether each one met each importer is
chance. A second, exhaustive pass leaves nothing to chance: every input the issue lists (a
10 MB cell included) in every column of every importer's example row (one file per importer and
input, one row per column), and in every field of every calc op; the 10 MB cell also through
the command line of every importer (exit 0 or 2, no traceback, at most 80 characters quoted).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "tests" / "fixtures" / "examples"
HUGE = "7" * 10_000_000            # 10 MB in one cell
# The inputs issue 11 lists, and their neighbours: non-ASCII digits, signs, leading zeros, a
# right-to-left override, control characters, formulas, a decimal comma with a trailing zero.
ISSUE_CELLS = ["\u0666,\u0664", "\uff16,\uff14", "+7", "-7", "00007", "07,5", "6,50", "6,55",
               "Jansen\u202eneveZ", "Jan\u2066sen", "A\x07B", "=cmd|' /C calc'!A0", "@SUM(A1:A9)",
               "1e308", "NaN", "99", "", "\u00a0", HUGE]
ISSUE_NUMBERS: list[object] = [1e308, "1e308", 99, "99", "\u0664\u0661", "\uff16", "+41", "0041",
                               "-1", "NaN", "1,5", " 7", "7" * 5000, HUGE]
FILES = {"candidates": "candidates.csv", "subjects": "candidate_subjects.csv", "pta": "pta.csv",
         "se-results": "se_grades.csv", "dnt": "dnt_2025.csv", "n-terms": "nterms_2025_tv1.csv",
         "ce-scores": "ce_scores.csv", "ce-item-scores": "ce_item_scores.csv",
         "year-grades": "year_grades.csv"}
CALC_FIELDS = {"ce_grade": ["L", "S", "N", "level"], "final_grade": ["se", "ce", "level"],
               "combination_grade": ["components"], "cum_laude": ["level", "subjects"],
               "outcome": ["level", "subjects", "subjects.se", "subjects.ce"]}


def _module(path: Path, name: str):  # a module loaded from a file
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--imports", type=int, default=5000)
    parser.add_argument("--calc", type=int, default=5000)
    args = parser.parse_args()
    from examenbureau.core.store import Store

    sys.path.insert(0, str(REPO))
    os.environ["EXAMENBUREAU_FUZZ_IMPORTS"] = str(args.imports)
    os.environ["EXAMENBUREAU_FUZZ_CALC"] = str(args.calc)
    fuzz = _module(REPO / "tests" / "core" / "io" / "test_trust_fuzz.py", "trust_fuzz")
    # the suite's other import property: broken files (truncated, cp1252, \r, junk headers)
    broken = _module(REPO / "tests" / "core" / "io" / "test_import_fuzz.py", "import_fuzz")
    check = broken._check

    def counted(*args, **kwargs):
        fuzz.COUNTS["broken"] += 1
        return check(*args, **kwargs)

    broken._check = counted
    fuzz.COUNTS["broken"] = 0
    kit = _module(REPO / "tests" / "core" / "io" / "conftest.py", "io_conftest")
    folder = Path(tempfile.mkdtemp())
    store = Store(folder / "school.duckdb", display_name="fuzz")
    kit.import_examples(store)
    started = time.perf_counter()
    load = os.getloadavg()[0]
    failed: list[str] = []
    for name, run in (("import", lambda: fuzz.test_every_importer_imports_or_refuses_without_a_trace(
            example_store=store)),
            ("import kapot", lambda: broken.test_generated_files_never_crash_and_refusals_write_nothing(
                example_store=store)),
            ("calc", fuzz.test_calc_answers_every_request)):
        try:
            run()
        except Exception as exc:  # hypothesis raises the smallest failing input's error
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    drawn = dict(fuzz.COUNTS)
    named = _named_inputs(fuzz, store, folder, failed)
    counts = {k: drawn[k] + named[k] for k in ("import", "import_ok", "calc")}
    counts["import"] += drawn["broken"]
    print(f"fuzz: {counts['import']} bestanden (elk geïmporteerd of geweigerd zonder iets te "
          "schrijven), "
          f"{counts['calc']} calc-verzoeken; samen {counts['import'] + counts['calc']} invoeren "
          f"in {time.perf_counter() - started:.0f} s (belasting {load:.1f} -> {os.getloadavg()[0]:.1f})")
    print(f"  door hypothesis getrokken: {drawn['import']} bestanden ({drawn['import_ok']} "
          f"geaccepteerd), {drawn['broken']} kapotte bestanden (afgekapt, cp1252, \\r, "
          f"vreemde kolommen), {drawn['calc']} calc-verzoeken")
    print(f"  de invoer van issue 11 in elke kolom van elke import en elk calc-veld: "
          f"{named['import']} bestanden met samen {named['cells']} regels ({named['import_ok']} "
          f"geaccepteerd), {named['calc']} calc-verzoeken, {named['cli']} keer 10 MB via de "
          "opdrachtregel")
    print(f"tracebacks of gedeeltelijke schrijfacties: {len(failed)}")
    for line in failed:
        print(line[:2000])
    return 1 if failed else 0


def _named_inputs(fuzz, store, folder: Path, failed: list[str]) -> dict[str, int]:
    """Every input of the issue in every column of every importer, and in every calc field."""
    from examenbureau.core.calc import answer
    from examenbureau.core.io.importers import import_file

    counts = {"import": 0, "import_ok": 0, "cells": 0, "calc": 0, "cli": 0}
    for kind, name in FILES.items():
        header, first = list(csv.reader(io.StringIO(
            (EXAMPLES / name).read_text(encoding="utf-8-sig")), delimiter=";"))[:2]
        for value in ISSUE_CELLS:
            # one file per input: row i has the input in column i, the rest of it is valid
            rows = [[*first[:column], value, *first[column + 1:]] for column in range(len(header))]
            path = folder / f"{kind}.csv"
            path.write_text("\n".join(";".join(r) for r in [header, *rows]) + "\n",
                            encoding="utf-8")
            before = fuzz._content(store)
            what = f"{kind} met {value[:20]!r} in elke kolom"
            try:
                report = import_file(store, kind, path)
            except Exception as exc:  # the finding: a traceback would reach the user
                failed.append(f"import {what}: {type(exc).__name__}: {str(exc)[:300]}")
                continue
            counts["import"] += 1
            counts["cells"] += len(rows)
            if report.ok:
                counts["import_ok"] += 1
                continue
            bad = [e for e in report.errors if not fuzz.ERROR_LINE.match(e)
                   or "verwacht" not in e or len(e) > 2000 or "7" * 81 in e]
            if bad or fuzz._content(store) != before:
                failed.append(f"import {what}: {(bad or ['gedeeltelijk geschreven'])[0][:300]}")
        path = folder / f"{kind}-10mb.csv"
        path.write_text(";".join(header) + "\n" + ";".join([first[0], HUGE, *first[2:]]) + "\n",
                        encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "examenbureau", "import", kind, str(path),
                               "--db", str(store.path)], capture_output=True, text=True,
                              timeout=600)
        counts["cli"] += 1
        if done.returncode not in (0, 2) or "Traceback" in done.stderr or len(done.stderr) > 2000 \
                or "7" * 81 in done.stderr:
            failed.append(f"opdrachtregel import {kind} met 10 MB: exit {done.returncode}, "
                          f"{done.stderr[:300]}")
    for op, fields in CALC_FIELDS.items():
        for field in fields:
            for value in ISSUE_NUMBERS:
                data: dict[str, object] = {"L": 66, "S": 41, "N": "1.0", "se": "6.4",
                                           "ce": "5.8", "level": "havo"}
                subject = {"code": "netl", "se": "6.4", "ce": "5.8"}
                data["subjects"] = [subject]
                if field.startswith("subjects."):
                    subject[field.split(".")[1]] = value  # type: ignore[assignment]
                else:
                    data[field] = value
                line = json.dumps({"id": 1, "op": op, "input": data})
                try:
                    response, ok = answer(line)
                except Exception as exc:
                    failed.append(f"calc {op} {field}={str(value)[:20]!r}: {type(exc).__name__}: {exc}")
                    continue
                counts["calc"] += 1
                error = str(response.get("error", ""))
                if response.get("ok") is not ok or "Interne fout" in error or len(error) > 1000:
                    failed.append(f"calc {op} {field}={str(value)[:20]!r}: {error[:300]}")
    return counts


if __name__ == "__main__":
    sys.exit(main())
