"""`examenbureau import SOORT BESTAND`: read one school file, all or nothing.

Exit status 2 when the file is refused (nothing written); every problem goes to stderr as
`bestand:regel: kolom: wat er mis is, wat werd verwacht`, the summary to stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from examenbureau.cli import add_db_argument, add_exam_year_argument, add_reason_argument


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from examenbureau.core.io.importers import KINDS

    add_db_argument(parser)
    parser.add_argument("kind", metavar="SOORT",
                        help="soort bestand: " + "; ".join(f"{k} = {v.description}"
                                                         for k, v in KINDS.items()))
    parser.add_argument("file", metavar="BESTAND", help="CSV (; , | of tab) of XLSX")
    add_exam_year_argument(parser, "examenjaar voor bestanden zonder kolom examenjaar (Cito's DNT)")
    add_reason_argument(parser)


def run(args: argparse.Namespace) -> int:
    from examenbureau.core.io.importers import KINDS

    if args.kind not in KINDS:
        print(f"Onbekende soort '{args.kind}'. Kies uit: {', '.join(KINDS)}.", file=sys.stderr)
        return 2
    from examenbureau.cli.progress import Progress
    from examenbureau.core.io.importers import import_file
    from examenbureau.core.store import Store, StoreError

    if Path(args.file).is_dir():
        print(f"{args.file}: dit is een map, geen bestand; geef het bestand zelf"
              f"{_example_in(Path(args.file))}.", file=sys.stderr)
        return 2
    if not Path(args.file).is_file():
        print(f"{args.file}: bestand bestaat niet.", file=sys.stderr)
        return 2
    progress = Progress(f"Inlezen {Path(args.file).name}")
    created = False
    report = None
    try:
        store = Store(args.db, create=True)
        created = store.created
        report = import_file(store, args.kind, args.file, exam_year=args.exam_year,
                             progress=progress, user_reason=args.user_reason)
    except StoreError as exc:
        progress.close()
        print(str(exc), file=sys.stderr)
        return 2
    finally:
        if created and (report is None or not report.ok):
            _remove_new_database(Path(args.db))
    progress.close()
    if created:
        print(f"Nieuwe database {args.db} aangemaakt: dit is de eerste import van deze school.")
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
    if report.counts is not None and report.counts.after_closing:
        n = report.counts.after_closing
        print(f"Let op: {n} {'regel' if n == 1 else 'regels'} gewijzigd na vaststelling, met de reden "
              f"'{args.user_reason}'; gemarkeerd als 'gewijzigd na vaststelling'.")
    return 0


def _example_in(folder: Path) -> str:
    """`, bijvoorbeeld map/se_grades.csv` when the folder holds a CSV or XLSX file."""
    try:
        found = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".xlsx", ".txt"))
    except OSError:
        return ""
    return f", bijvoorbeeld {found[0]}" if found else ""


def _remove_new_database(path: Path) -> None:
    """A refused first import leaves no empty school behind (the next try starts clean)."""
    for leftover in (path, Path(f"{path}.wal"), Path(f"{path}.lock"),
                     Path(f"{path}.lock.queue")):
        leftover.unlink(missing_ok=True)
