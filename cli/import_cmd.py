"""`examenbureau import SOORT BESTAND`: read one school file, all or nothing.

Exit status 2 when the file is refused (nothing written); every problem goes to stderr as
`bestand:regel: kolom: wat er mis is, wat werd verwacht`, the summary to stdout.
"""

from __future__ import annotations

import argparse
import sys

from examenbureau.cli import add_db_argument, add_exam_year_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from examenbureau.core.io.importers import KINDS

    add_db_argument(parser)
    parser.add_argument("kind", metavar="SOORT",
                        help="soort bestand: " + "; ".join(f"{k} = {v.description}"
                                                         for k, v in KINDS.items()))
    parser.add_argument("file", metavar="BESTAND", help="CSV (; , | of tab) of XLSX")
    add_exam_year_argument(parser, "examenjaar voor bestanden zonder kolom examenjaar (Cito's DNT)")


def run(args: argparse.Namespace) -> int:
    from examenbureau.core.io.importers import KINDS

    if args.kind not in KINDS:
        print(f"Onbekende soort '{args.kind}'. Kies uit: {', '.join(KINDS)}.", file=sys.stderr)
        return 2
    from pathlib import Path

    from examenbureau.cli.progress import Progress
    from examenbureau.core.io.importers import import_file
    from examenbureau.core.store import Store, StoreError

    if not Path(args.file).is_file():
        print(f"{args.file}: bestand bestaat niet.", file=sys.stderr)
        return 2
    progress = Progress(f"Inlezen {Path(args.file).name}")
    try:
        store = Store(args.db)
        report = import_file(store, args.kind, args.file, exam_year=args.exam_year,
                             progress=progress)
    except StoreError as exc:
        progress.close()
        print(str(exc), file=sys.stderr)
        return 2
    progress.close()
    for notice in report.notices:
        print(f"let op: {notice}", file=sys.stderr)
    if not report.ok:
        for line in report.summary_lines():
            print(line, file=sys.stderr)
        for error in report.errors:
            print(error, file=sys.stderr)
        return 2
    for line in report.summary_lines():
        print(line)
    return 0
