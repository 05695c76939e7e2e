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

    from examenbureau.core.store import Store, StoreError

    db = getattr(args, "db", None) or "examenbureau.duckdb"
    if not Path(db).exists():
        print(f"examenbureau: database {db} bestaat niet. Controleer de naam (--db); een nieuwe, "
              f"lege school maakt u met: examenbureau --nieuw --db {db} (of begin met "
              "examenbureau import).", file=sys.stderr)
        return 2
    try:
        Store(db, create=False)
    except StoreError as exc:
        print(f"examenbureau: {exc}", file=sys.stderr)
        return 2
    from examenbureau.tui.app import run_app

    return run_app(db)
