"""`examenbureau vaststellen se|uitslag --reden TEKST`: the secretary's formal acts.

`se` closes the school exam of an exam year (before the first CE sitting); `uitslag` establishes
the result of a tijdvak. Afterwards a change to what was closed needs --reden, and is marked
"gewijzigd na vaststelling". The chain's head hash is printed so that it can be written down or
sent away: `examenbureau audit verify --kop HASH` later shows the log still passes through it.
Without se|uitslag the command lists the legal dates ahead and the acts done so far.
"""

from __future__ import annotations

import argparse
import sys

from examenbureau.cli import add_db_argument, add_exam_year_argument, add_reason_argument, require_database

KINDS = {"se": "sluit het schoolexamen af", "uitslag": "stel de uitslag van een tijdvak vast"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("kind", metavar="se|uitslag", nargs="?",
                        help="se = " + KINDS["se"] + "; uitslag = " + KINDS["uitslag"]
                             + "; zonder: toon de wettelijke data en wat al is vastgesteld")
    add_exam_year_argument(parser)
    parser.add_argument("--tijdvak", type=int, dest="period", metavar="N", default=None,
                        help="bij uitslag: het tijdvak (1, 2 of 3; standaard 1)")
    add_reason_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.kind not in (None, *KINDS):
        print(f"Onbekende vaststelling '{args.kind}'; kies se of uitslag.", file=sys.stderr)
        return 2
    if not require_database(args.db):
        return 2
    from examenbureau.core import closing
    from examenbureau.core.store import Store, StoreError

    store = Store(args.db, create=False)
    year = args.exam_year or store.latest_exam_year()
    if year is None:
        print("Er staan nog geen kandidaten in de database; er is niets vast te stellen.",
              file=sys.stderr)
        return 2
    if args.kind is None:
        for deadline in closing.deadlines(store, year):
            print(deadline.sentence())
        return 0
    if not args.user_reason:
        print("Een vaststelling heeft een reden nodig: --reden \"...\" (die komt in het auditlog).",
              file=sys.stderr)
        return 2
    try:
        if args.kind == "se":
            act = closing.close_se(store, year, args.user_reason, source="examenbureau vaststellen se")
        else:
            act = closing.establish_result(store, year, args.period or 1, args.user_reason,
                                           source="examenbureau vaststellen uitslag")
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    from examenbureau.core.store.audit import utc_text

    what = ("Het schoolexamen" if act.kind == "se" else f"De uitslag van tijdvak {act.period}")
    when = utc_text(act.closed_at)[:19].replace("T", " ")
    print(f"{what} van examenjaar {act.exam_year} is vastgesteld op {when} UTC door {act.actor}.")
    print(f"Kop van de auditketen: {act.head_hash} (regel {act.audit_id}).")
    print("Schrijf deze kop op of stuur hem weg; 'examenbureau audit verify --kop <kop>' laat later "
          "zien dat het auditlog er nog doorheen loopt.")
    print("Wijzigen van wat nu is vastgesteld kan alleen nog met --reden; zo'n wijziging wordt "
          "gemarkeerd als 'gewijzigd na vaststelling'.")
    return 0
