"""`examenbureau [--db PATH] [--nieuw]`: open the TUI on the school's database.

A missing file is never created silently: a mistyped --db would otherwise open an empty
school that looks as if every candidate vanished. It is created only with `--nieuw` (handled
for every command in `cli.main`), or by `demo` and `import`. A database that cannot be opened
is reported here in Dutch before the screen switches to the TUI, so the message stays
readable in the terminal.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments of its own: the bare command takes only the global --db."""


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    db = getattr(args, "db", None) or "examenbureau.duckdb"
    if not Path(db).exists():
        print(f"examenbureau: database {db} bestaat niet. Controleer de naam (--db); een nieuwe, "
              f"lege school maakt u met: examenbureau --nieuw --db {db} (of begin met "
              "examenbureau import).", file=sys.stderr)
        return 2
    import gc

    # No cyclic garbage collection until the first screen is drawn (the app turns it on again
    # right after): loading Textual makes ~50,000 objects that all stay, and the collector
    # walked them over and over, a fifth of the time to the school's name.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _open(db, resume_gc=collecting)
    finally:
        if collecting:
            gc.enable()


def _open(db: str, resume_gc: bool) -> int:
    from examenbureau.tui.first_read import FirstReader, FirstReadError

    # Another process opens and reads the database (DuckDB) while this one loads Textual: on
    # two cores the first screen shows in about half the time (tui.first_read).
    reader = FirstReader(db)
    try:
        from examenbureau.tui.app import run_app

        first = reader.answer()
    except FirstReadError as exc:
        print(f"examenbureau: {exc}", file=sys.stderr)
        return 2
    finally:
        reader.stop()
    return run_app(db, first, resume_gc=resume_gc)
