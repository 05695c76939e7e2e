"""`examenbureau [--db PATH]`: open the TUI on the school's database.

The database is created with the current schema when it is missing (that is what `Store(path)`
does), and a database that cannot be opened is reported here in Dutch before the screen
switches to the TUI, so the message stays readable in the terminal.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments of its own: the bare command takes only the global --db."""


def run(args: argparse.Namespace) -> int:
    from examenbureau.core.store import Store, StoreError

    db = getattr(args, "db", None) or "examenbureau.duckdb"
    try:
        Store(db)
    except StoreError as exc:
        print(f"examenbureau: {exc}", file=sys.stderr)
        return 2
    from examenbureau.tui.app import run_app

    return run_app(db)
