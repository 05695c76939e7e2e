"""`examenbureau ce verschillen|toekenningen|toekennen`: the CE scores per question.

Why a command of its own: after the correction the exam secretary must see where examinator
and gecommitteerde differ (CvTE regeling beoordelingsnormen art. 9), and when the CvTE decides
that every candidate gets the points for a question (art. 10) apply that once, audited, and
see whose result it changes. The arithmetic is in `examenbureau.core.io.ce_scoring`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from examenbureau.cli import add_db_argument, add_exam_year_argument, require_database

ACTIONS = {
    "verschillen": "vragen waarop 1e en 2e corrector verschillen (opgelost of nog open)",
    "toekenningen": "de ingevoerde besluiten van het CvTE (art. 10)",
    "toekennen": "voer een besluit van het CvTE in: iedere kandidaat krijgt de punten van een vraag",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("action", metavar="ACTIE",
                        help="; ".join(f"{k} = {v}" for k, v in ACTIONS.items()))
    parser.add_argument("nex_id", metavar="NEX-ID", nargs="?",
                        help="het examen (NEX-ID uit de DNT); verplicht bij toekennen")
    parser.add_argument("question", metavar="VRAAG", nargs="?", help="de vraag, bij toekennen")
    parser.add_argument("--punten", type=int, dest="points", metavar="P",
                        help="toegekende punten (standaard: de maximumscore van de vraag)")
    parser.add_argument("--besluit", dest="decided_on", metavar="DD-MM-JJJJ",
                        help="datum van het besluit van het CvTE")
    parser.add_argument("--reden", dest="reason", metavar="TEKST",
                        help="waarom (komt in het auditlog), bijv. de tekst van het besluit")
    add_exam_year_argument(parser)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    day, month, year = (int(p) for p in text.replace("/", "-").split("-"))
    return date(year, month, day)


def run(args: argparse.Namespace) -> int:
    if args.action not in ACTIONS:
        print(f"Onbekende actie '{args.action}'. Kies uit: {', '.join(ACTIONS)}.", file=sys.stderr)
        return 2
    from examenbureau.core.io import ce_scoring
    from examenbureau.core.store import Store, StoreError

    if not require_database(args.db):
        return 2
    try:
        store = Store(args.db, create=False)
        year = args.exam_year or store.latest_exam_year()
        if year is None:
            print("Er staan nog geen kandidaten in de database.", file=sys.stderr)
            return 2
        if args.action == "verschillen":
            found = ce_scoring.corrector_differences(store, year, args.nex_id)
            for d in found:
                print(f"{d.nex_id}: {d.sentence()}")
            open_ = sum(1 for d in found if not d.resolved)
            print(f"{len(found)} verschillen tussen de correctoren, waarvan {open_} nog zonder "
                  "definitieve score.")
            return 1 if open_ else 0
        if args.action == "toekenningen":
            awards = ce_scoring.list_awards(store, year, args.nex_id)
            for a in awards:
                print(a.sentence())
            print(f"{len(awards)} besluiten ingevoerd voor examenjaar {year}.")
            return 0
        return _award(store, year, args)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2


def _award(store: Any, year: int, args: argparse.Namespace) -> int:
    from examenbureau.core.io import ce_scoring
    from examenbureau.core.result_changes import ResultWatch

    if not args.nex_id or not args.question:
        print("toekennen: geef het NEX-ID en de vraag, bijvoorbeeld: examenbureau ce toekennen "
              "31001 7", file=sys.stderr)
        return 2
    try:
        decided_on = _date(args.decided_on)
    except ValueError:
        print(f"--besluit: '{args.decided_on}' is geen datum, verwacht DD-MM-JJJJ.", file=sys.stderr)
        return 2
    with store.read() as con:
        numbers = sorted(n for (n,) in con.execute(
            "SELECT DISTINCT exam_number FROM ce_scores WHERE exam_year = ? AND nex_id = ?",
            [year, args.nex_id]).fetchall())
    watch = ResultWatch.start(store, {year: numbers}, "score op dit examen")
    try:
        report = ce_scoring.award_question(store, year, args.nex_id, args.question,
                                           points=args.points, decided_on=decided_on,
                                           reason=args.reason, source="examenbureau ce toekennen")
    except ce_scoring.AwardError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(report.sentence())
    for line in report.totals.lines():
        print(f"  {line}")
    if report.already_applied:
        return 0
    changed = watch.finish(store)
    for notice in watch.notices:
        print(f"let op: {notice}", file=sys.stderr)
    print(f"Kandidaten met een ander cijfer of een andere uitslag ({len(changed)}):" if changed
          else "Geen kandidaat krijgt hierdoor een ander cijfer of een andere uitslag.")
    for candidate in changed:
        print(f"  {candidate.line()}")
    return 0

