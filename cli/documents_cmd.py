"""`examenbureau documenten se-overzicht|cijferlijst MAP`: one PDF per candidate, for one
candidate, a class or the whole cohort, plus (for more than one) one file with all of them to
print and sign with a pen."""

from __future__ import annotations

import argparse
import sys

from examenbureau.cli import add_db_argument, add_exam_year_argument, add_pack_argument, require_database

WHAT = {
    "se-overzicht": "overzicht resultaten schoolexamen (voor het CE; drie handtekeningen)",
    "cijferlijst": "cijferlijst na de uitslag",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("what", metavar="DOCUMENT",
                        help="; ".join(f"{k} = {v}" for k, v in WHAT.items()))
    parser.add_argument("dir", metavar="MAP", help="map waarin de PDF's komen")
    parser.add_argument("--klas", dest="class_name", metavar="K", help="alleen deze klas")
    parser.add_argument("--examennummer", dest="exam_numbers", action="append", metavar="N",
                        help="alleen deze kandidaat (mag vaker)")
    add_exam_year_argument(parser)
    add_pack_argument(parser)


def run(args: argparse.Namespace) -> int:
    if args.what not in WHAT:
        print(f"Onbekend document '{args.what}'. Kies uit: {', '.join(WHAT)}.", file=sys.stderr)
        return 2

    from examenbureau.cli.progress import Progress
    from examenbureau.core.io.documents import DocumentError, write_documents
    from examenbureau.core.store import Store, StoreError

    if not require_database(args.db):
        return 2
    progress = Progress("PDF's")
    try:
        written = write_documents(Store(args.db, create=False), args.what, args.dir,
                                  exam_year=args.exam_year, class_name=args.class_name,
                                  exam_numbers=args.exam_numbers, pack=args.pack,
                                  progress=progress)
    except (DocumentError, StoreError) as exc:
        progress.close()
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        progress.close()
        print(f"{args.dir}: kan niet worden geschreven ({exc.strerror or exc}).", file=sys.stderr)
        return 2
    progress.close()
    from examenbureau.core.wording import counted

    pdfs = counted(len(written), "PDF", "PDF's")
    print(f"{pdfs} geschreven naar {args.dir}.")
    if len(written) > 1:
        from pathlib import Path

        from examenbureau.core.io.print_batch import combine, combined_name

        store = Store(args.db, create=False)
        year = args.exam_year or store.latest_exam_year()
        scope = args.class_name or ("selectie" if args.exam_numbers else None)
        target = Path(args.dir) / combined_name(args.what, year or 0, scope)
        combine(written, target, group=store.file_group())
        print(f"Om af te drukken, alles in één bestand: {target}.")
    return 0
