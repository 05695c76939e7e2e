"""`examenbureau rollen`: which accounts of this computer may change the school's file.

Writers (the exam office) change grades and import; readers (teachers, invigilators) only look.
The account that made the database is its first writer. Only a writer changes the roles, and
the last writer cannot be removed. `rollen groep NAAM` lets that group read the files
examenbureau writes (mode 640 instead of 600).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from examenbureau.cli import add_db_argument, add_reason_argument, require_database

if TYPE_CHECKING:
    from examenbureau.core.store import Store

ACTIONS = ("schrijver", "lezer", "weg", "groep")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("action", metavar="ACTIE", nargs="?",
                        help="schrijver NAAM | lezer NAAM | weg NAAM | groep NAAM (- = geen); "
                             "zonder: toon de rollen")
    parser.add_argument("name", metavar="NAAM", nargs="?", help="het account (of de groep)")
    add_reason_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.action not in (None, *ACTIONS):
        print(f"Onbekende actie '{args.action}'; kies uit {', '.join(ACTIONS)}.", file=sys.stderr)
        return 2
    if args.action and not args.name:
        print(f"rollen {args.action}: geef ook de naam van het account of de groep.", file=sys.stderr)
        return 2
    if not require_database(args.db):
        return 2
    from examenbureau.core.store import Store, StoreError, files, roles

    store = Store(args.db, create=False)
    try:
        if args.action == "groep":
            group = None if args.name == "-" else args.name
            files.group_id(group)  # an unknown group is refused before anything is stored
            store.set_setting(files.GROUP_SETTING, group, reason="groep voor bestanden",
                              source="examenbureau rollen", user_reason=args.user_reason)
            files.protect(store.path, group)
        elif args.action:
            _change(store, args.action, args.name, args.user_reason)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    with store.read() as con:
        writers, readers = roles.configured(con)
        # as the roles stand now: store.role is the role read when the file was opened
        role = roles.role_of(con, store.actor)
    print(f"Schrijvers: {', '.join(writers) or 'niemand'}")
    print(f"Lezers:     {', '.join(readers) or 'niemand'}")
    print(f"Groep voor bestanden: {store.file_group() or 'geen (alleen de eigenaar, 600)'}")
    print(f"U bent {store.actor}: {role or 'geen rol meer'}.")
    return 0


def _change(store: Store, action: str, name: str, reason: str | None) -> None:
    from examenbureau.core.store import StoreError, roles

    with store.read() as con:
        writers, readers = roles.configured(con)
    writers = [w for w in writers if w != name]
    readers = [r for r in readers if r != name]
    if action == "schrijver":
        writers.append(name)
    elif action == "lezer":
        readers.append(name)
    if not writers:
        raise StoreError("Er moet minstens één schrijver blijven; voeg eerst een andere toe.")
    with store.transaction(reason=f"rollen: {action} {name}", source="examenbureau rollen",
                           user_reason=reason) as tx:
        tx.upsert_many("settings", ["key"], [{"key": roles.WRITERS, "value": ", ".join(writers)},
                                             {"key": roles.READERS, "value": ", ".join(readers)}])
