"""Acceptance 6 of issue 11: fuzz every importer and `calc`; no traceback, no partial write.

    .venv/bin/python scripts/trust_fuzz.py [--imports 5000] [--calc 5000]

Runs the two hypothesis properties of tests/core/io/test_trust_fuzz.py with many more inputs
than the suite does: every import kind on a school holding the example files (each input is
imported or refused with Dutch `file:line: column: ...` lines, and a refusal leaves every table
and the audit log exactly as they were), and calc on every op with the bounds of issue 11
(`L=1e308`, `N="99"`, Arabic-Indic digits, ...). Prints how many inputs were tried; exit 1 with
hypothesis's smallest failing input when one fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


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
    kit = _module(REPO / "tests" / "core" / "io" / "conftest.py", "io_conftest")
    folder = Path(tempfile.mkdtemp())
    store = Store(folder / "school.duckdb", display_name="fuzz")
    kit.import_examples(store)
    started = time.perf_counter()
    failed = []
    for name, run in (("import", lambda: fuzz.test_every_importer_imports_or_refuses_without_a_trace(
            example_store=store)), ("calc", fuzz.test_calc_answers_every_request)):
        try:
            run()
        except Exception as exc:  # hypothesis raises the smallest failing input's error
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
    counts = fuzz.COUNTS
    print(f"fuzz: {counts['import']} bestanden ({counts['import_ok']} geaccepteerd, "
          f"{counts['import'] - counts['import_ok']} geweigerd zonder iets te schrijven), "
          f"{counts['calc']} calc-verzoeken; samen {counts['import'] + counts['calc']} invoeren "
          f"in {time.perf_counter() - started:.0f} s")
    print(f"tracebacks of gedeeltelijke schrijfacties: {len(failed)}")
    for line in failed:
        print(line[:2000])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
