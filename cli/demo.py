"""`examenbureau demo`: build the fictional demo school and open the TUI on it.

Without --db the demo goes into `demo.duckdb` in the current directory, never into the school's
own database; a database that holds a real school is refused (exit 2, nothing written). The
same seed gives the same school, byte for byte, so a demo can be reproduced in a bug report.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from examenbureau.cli import add_db_argument, add_reason_argument

DEMO_DB = "demo.duckdb"
MIN_CANDIDATES = 7          # vwo atheneum and gymnasium, havo, vmbo tl, gl, kb, bb
MAX_CANDIDATES = 1_000_000


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal") from None
    if not MIN_CANDIDATES <= value <= MAX_CANDIDATES:
        raise argparse.ArgumentTypeError(
            f"{value} kan niet: kies {MIN_CANDIDATES} (één per schoolsoort, leerweg en "
            f"vwo-variant) tot {MAX_CANDIDATES:,}".replace(",", "."))
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel getal") from None
    if not 0 <= value <= 0xFFFFFFFF:
        raise argparse.ArgumentTypeError(f"{value} kan niet: kies 0 tot 4294967295")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Bouwt de fictieve demoschool 'Fictief Voorbeeldcollege' (examenjaar 2025): kandidaten "
        "vwo (atheneum en gymnasium), havo en vmbo tl/gl/kb/bb met complete vakkenpakketten, PTA, "
        "SE-resultaten met herkansingen en inhaaltoetsen, CE-scores per vraag van twee correctoren "
        "en N-termen (bewust niet voor elk examen). Daarna opent de TUI op die database. "
        "Dezelfde seed geeft dezelfde school."
    )
    parser.epilog = (
        f"Zonder --db komt de demo in {DEMO_DB} in de huidige map. Een bestaande demodatabase "
        "wordt opnieuw opgebouwd; een database met echte schoolgegevens wordt geweigerd."
    )
    add_db_argument(parser)
    for action in parser._actions:
        if action.dest == "db":
            action.help = f"databasebestand voor de demo (standaard: {DEMO_DB} in de huidige map)"
    parser.add_argument("--candidates", type=_count, default=150, metavar="N",
                        help="aantal kandidaten (standaard 150; tot 1.000.000 voor metingen)")
    parser.add_argument("--seed", type=_seed, default=2025, metavar="S",
                        help="startwaarde van het toeval (standaard 2025)")
    parser.add_argument("--no-tui", action="store_true",
                        help="alleen de database bouwen, de TUI niet openen")
    add_reason_argument(parser)


class _ResultsProgress:
    """The second phase of a demo on its own progress line, after the candidates' line."""

    def __init__(self, first: Any) -> None:
        self.first = first
        self.line: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.line is None:
            from examenbureau.cli.progress import Progress

            self.first.close()
            self.line = Progress("Uitslagen berekenen en bewaren")
        self.line(done, total)

    def close(self) -> None:
        if self.line is not None:
            self.line.close()


def run(args: argparse.Namespace) -> int:
    from examenbureau.cli.progress import Progress
    from examenbureau.core.demo import build_demo
    from examenbureau.core.store import Store, StoreError

    db = getattr(args, "db", None) or DEMO_DB
    progress = Progress("Demo opbouwen (kandidaten)")
    results = _ResultsProgress(progress)
    try:
        store = Store(db)
        summary = build_demo(store, seed=args.seed, candidates=args.candidates, progress=progress,
                             user_reason=args.user_reason, results_progress=results)
    except (StoreError, ValueError) as exc:  # StoreError includes DemoRefusedError
        progress.close()
        results.close()
        print(f"examenbureau demo: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # the blocks committed so far stay, marked as incomplete (core/demo_marker.py)
        progress.close()
        results.close()
        if results.line is not None:   # the school was complete; only results were being kept
            print(f"examenbureau demo: afgebroken tijdens het bewaren van de uitslagen. De demo in "
                  f"{db} is volledig; een uitslag die nog niet bewaard was, wordt berekend zodra "
                  "hij nodig is.", file=sys.stderr)
        else:
            print(f"examenbureau demo: afgebroken. {db} is een onvolledige demo; bouw hem opnieuw "
                  "op met examenbureau demo.", file=sys.stderr)
        return 130
    progress.close()
    results.close()
    print(f"Database: {db}")
    print("\n".join(summary.lines()))
    if args.no_tui:
        return 0
    from examenbureau.tui.app import run_app

    return run_app(db)
