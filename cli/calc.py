"""`examenbureau calc [--pack NAME]`: the rules engine as a pure function, JSON Lines in and out.

Reads requests from standard input and writes one JSON line per request (docs/calc.md). Opens
no database. Exit status: 0 when every line was answered, 1 when any line
had `ok: false`, 2 for an unknown pack (nothing read).
"""

from __future__ import annotations

import argparse
import sys

from examenbureau.core.packs import STATUTORY


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack", default=STATUTORY, metavar="NAAM",
                        help=f"regelpakket als een verzoek er zelf geen noemt (standaard: {STATUTORY})")


def run(args: argparse.Namespace) -> int:
    from examenbureau.core import packs
    from examenbureau.core.calc import run as run_calc

    if args.pack not in packs.available():
        known = ", ".join(sorted(packs.available())) or "geen"
        print(f"Onbekend regelpakket '{args.pack}'. Geïnstalleerd: {known}.", file=sys.stderr)
        return 2
    return run_calc(sys.stdin.buffer, sys.stdout, default_pack=args.pack)
