"""`examenbureau export results|se-cijfers|audit BESTAND`: CSV (`;`, decimal comma, UTF-8 with
BOM, for Dutch Excel) or XLSX, chosen by the file's extension."""

from __future__ import annotations

import argparse
import sys

from examenbureau.cli import add_db_argument, add_exam_year_argument, add_pack_argument, require_database

WHAT = {
    "results": "resultaten per kandidaat en vak (SE, CE per tijdvak, eindcijfer, uitslag)",
    "se-cijfers": "SE-cijfers per kandidaat en vak, om te controleren voor de DUO-deadline",
    "audit": "het auditlog: wie wat wanneer wijzigde, met oude en nieuwe waarde",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("what", metavar="WAT",
                        help="; ".join(f"{k} = {v}" for k, v in WHAT.items()))
    parser.add_argument("file", metavar="BESTAND", help="doelbestand: .csv of .xlsx")
    add_exam_year_argument(parser)
    add_pack_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.what not in WHAT:
        print(f"Onbekende export '{args.what}'. Kies uit: {', '.join(WHAT)}.", file=sys.stderr)
        return 2

    from examenbureau.cli.progress import Progress
    from examenbureau.core.io import exports
    from examenbureau.core.store import Store, StoreError

    if not require_database(args.db, "; er is niets te exporteren."):
        return 2
    try:
        exports.export_format(args.file)
        store = Store(args.db, create=False)
        if args.what == "results":
            report = exports.export_results(store, args.file, exam_year=args.exam_year,
                                            pack=args.pack)
        elif args.what == "se-cijfers":
            report = exports.export_se_grades(store, args.file, exam_year=args.exam_year,
                                              pack=args.pack)
        else:
            progress = Progress("Auditlog")
            try:
                report = exports.export_audit(store, args.file, progress=progress)
            finally:
                progress.close()
    except (exports.ExportError, StoreError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.file}: kan niet worden geschreven ({exc.strerror or exc}).", file=sys.stderr)
        return 2
    print(report.sentence())
    return 0
