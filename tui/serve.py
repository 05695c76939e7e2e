"""The TUI in a web browser, through textual-serve: one examenbureau process per browser tab.

Why a module and not only `textual serve`: `textual serve` comes with textual-dev (a developer
tool); a school that wants the browser needs only `textual-serve` (`pip install
examenbureau[serve]`) and this command:

    python -m examenbureau.tui.serve --db /pad/naar/school.duckdb [--host 127.0.0.1] [--port 8000]

What it does NOT do (docs/browser.md): it has no login of its own and no encryption. Anyone
who can reach the port works as the user that started it, on that school's file. Keep it on
127.0.0.1 (the default) and put an authenticating reverse proxy with HTTPS in front of it, or
use SSH, which does log people in.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path


def command_for(db: str) -> str:
    """The command textual-serve starts for every browser tab."""
    return f"{shlex.quote(sys.executable)} -m examenbureau --db {shlex.quote(db)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m examenbureau.tui.serve",
        description="examenbureau in de browser (textual-serve). Geen eigen inlog: zie "
                    "docs/browser.md.")
    parser.add_argument("--db", required=True, help="databasebestand van de school")
    parser.add_argument("--host", default="127.0.0.1",
                        help="adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)")
    parser.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    parser.add_argument("--public-url", default=None,
                        help="het adres zoals de browser het ziet, achter een reverse proxy")
    args = parser.parse_args(argv)
    if not Path(args.db).is_file():
        print(f"Database {args.db} bestaat niet.", file=sys.stderr)
        return 2
    try:
        from textual_serve.server import Server
    except ImportError:
        print("textual-serve ontbreekt: installeer het met `pip install examenbureau[serve]`.",
              file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"Let op: {args.host}:{args.port} is bereikbaar voor anderen en heeft geen inlog. "
              "Zet er een reverse proxy met inlog en HTTPS voor (docs/browser.md).",
              file=sys.stderr)
    Server(command_for(args.db), host=args.host, port=args.port, title="examenbureau",
           public_url=args.public_url).serve()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
