"""`examenbureau pack list|check|new|kies`: which rule packs are installed, whether a pack keeps
the contract, a new pack for a school, and which pack decides for this school."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from examenbureau.cli import add_db_argument, add_reason_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    sub = parser.add_subparsers(dest="pack_command", metavar="ACTIE", required=True)
    listing = sub.add_parser("list", help="geïnstalleerde regelpakketten en welk actief is")
    check = sub.add_parser("check", help="controleer een regelpakket tegen het contract: iedere "
                           "hook krijgt geldige invoer en moet het juiste type met redenen en "
                           "bronnen teruggeven")
    check.add_argument("name", metavar="NAAM")
    new = sub.add_parser("new", help="schrijf een nieuw, installeerbaar regelpakket voor de "
                         "school (pyproject, pakketmodule, tests) in een nieuwe map")
    new.add_argument("name", metavar="NAAM", help="naam van het pakket, bijv. mijnschool")
    new.add_argument("dir", metavar="MAP", help="nieuwe of lege map")
    use = sub.add_parser("kies", help="maak een regelpakket actief voor deze school")
    use.add_argument("name", metavar="NAAM")
    add_reason_argument(use)
    for p in (listing, check, use):
        add_db_argument(p)


def active_pack(db: str) -> str:
    """The school's chosen board pack, read without creating a database that is not there."""
    from examenbureau.core import packs

    if not Path(db).exists():
        return packs.STATUTORY
    from examenbureau.core.store import Store

    return Store(db, create=False).get_setting("rulepack") or packs.STATUTORY


def run(args: argparse.Namespace) -> int:
    from examenbureau.core import packs

    if args.pack_command == "list":
        active = active_pack(args.db)
        for name in sorted(packs.available(), key=lambda n: (n != packs.STATUTORY, n)):
            try:
                pi = packs.info(name)
            except packs.PackError as exc:
                print(f"  {name:<10} FOUT: {exc}")
                continue
            mark = "*" if name == active or (pi.statutory and active != name) else " "
            role = "wettelijk, altijd actief" if pi.statutory else (
                "actief" if name == active else "beschikbaar")
            print(f"{mark} {name:<10} {pi.title} ({role})")
            if pi.status:
                print(f"    {pi.status}")
            for src in pi.sources:
                print(f"    bron: {src.document} [{src.reference}]")
        return 0
    if args.pack_command == "check":
        problems = packs.check(args.name)
        if problems:
            n = len(problems)
            print(f"Regelpakket '{args.name}' houdt zich niet aan het contract "
                  f"({n} {'probleem' if n == 1 else 'problemen'}):", file=sys.stderr)
            for p in problems:
                print(f"  {p}", file=sys.stderr)
            return 1
        print(f"Regelpakket '{args.name}' houdt zich aan het contract.")
        return 0
    if args.pack_command == "new":
        from examenbureau.core import pack_kit

        try:
            written = pack_kit.write(args.name, args.dir)
        except (pack_kit.PackKitError, OSError) as exc:
            print(str(exc), file=sys.stderr)
            return 2
        print(f"Regelpakket '{args.name}' geschreven in {args.dir} ({len(written)} bestanden):")
        for path in written:
            print(f"  {path}")
        print(f"Installeer het met: pip install {args.dir}")
        print(f"Controleer het met: examenbureau pack check {args.name}")
        return 0
    if args.pack_command == "kies":
        if args.name not in packs.available():
            print(f"Onbekend regelpakket '{args.name}'. Zie 'examenbureau pack list'.", file=sys.stderr)
            return 2
        from examenbureau.cli import require_database
        from examenbureau.core.store import Store

        if not require_database(args.db):
            return 2
        store = Store(args.db, create=False)
        store.set_setting("rulepack", args.name, reason="regelpakket gekozen", source="pack kies",
                          user_reason=args.user_reason)
        print(f"Regelpakket '{args.name}' is nu actief voor {args.db}.")
        return 0
    return 2
