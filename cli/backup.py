"""`examenbureau backup DEST`: a consistent copy while colleagues keep working."""

from __future__ import annotations

import argparse
import sys

from examenbureau.cli import add_db_argument, add_reason_argument, require_database


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("dest", metavar="DOEL",
                        help="bestand of map voor de kopie; een map (of een naam die eindigt op /) "
                             "krijgt een bestand met datum en tijd in de naam; een bestaand "
                             "bestand wordt nooit overschreven")
    add_reason_argument(parser)


def run(args: argparse.Namespace) -> int:
    from examenbureau.core.store import Store, StoreError

    if not require_database(args.db, "; er is niets te kopiëren."):
        return 2

    def waiting(sentence: str) -> None:
        print(sentence, file=sys.stderr, flush=True)

    try:  # a running import is waited for (an hour at most), and the user is told
        store = Store(args.db, create=False, busy_timeout=3600, on_wait=waiting)
        dest = store.backup(args.dest, user_reason=args.user_reason)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"Reservekopie geschreven naar {dest}.")
    return 0
