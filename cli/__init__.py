"""The `examenbureau` command line (the command names are fixed: docs/design.md, "CLI and TUI").

Each command lives in its own module `examenbureau.cli.<module>` with two functions:
`add_arguments(parser)` and `run(args) -> int` (exit status: 0 success, 1 the command ran but
found problems, 2 bad input or usage, nothing written). Modules are imported only when their
command runs, so `examenbureau calc` never pays for Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# (command, module, Dutch help)
COMMANDS: list[tuple[str, str, str]] = [
    ("demo", "demo", "bouw de fictieve demoschool en open die in de TUI"),
    ("import", "import_cmd", "lees één bestand in (alles of niets)"),
    ("export", "export_cmd", "schrijf resultaten, SE-cijfers of het auditlog naar CSV/XLSX"),
    ("documenten", "documents_cmd", "maak PDF-overzichten (SE-overzicht, cijferlijst) per kandidaat"),
    ("uitslag", "uitslag", "de uitslag van iedere kandidaat"),
    ("ce", "ce_cmd", "CE-scores per vraag: verschillen tussen correctoren, besluiten CvTE (art. 10)"),
    ("calc", "calc", "de rekenregels als zuivere functie (JSON Lines in en uit)"),
    ("pack", "pack", "regelpakketten: list, check en kies"),
    ("backup", "backup", "een consistente kopie van de database"),
    ("audit", "audit_cmd", "het auditlog: wie, wanneer, wat, oud, nieuw, waarom; audit verify "
                           "controleert de hashketen en elke waarde"),
    ("vaststellen", "vaststellen", "het SE afsluiten of de uitslag van een tijdvak vaststellen "
                                   "(daarna alleen wijzigen met een reden)"),
    ("rollen", "rollen", "wie mag schrijven en wie alleen lezen (accounts van deze computer)"),
]

DEFAULT_DB = "examenbureau.duckdb"
# A command may have a file of its own when no --db is given: the demo never writes into the
# school's database by accident.
COMMAND_DEFAULT_DB = {"demo": "demo.duckdb"}
# Commands that never read a school from --db (or, for demo, rebuild it) and the bare TUI
# command (None: the app says it on its first screen, and the check would cost its first paint
# a DuckDB import): no check here for a demo whose build was cut off.
NO_DEMO_CHECK = {None, "demo", "calc", "pack"}

# argparse's own words, in Dutch: what users read is Dutch (argparse looks `_` up at call time).
_DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}
_english = argparse._  # type: ignore[attr-defined]
argparse._ = lambda text: _DUTCH.get(text, _english(text))  # type: ignore[attr-defined]


class DutchHelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


def _parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the chosen command's module is imported to add its arguments."""
    parser = argparse.ArgumentParser(
        prog="examenbureau",
        description="Examendossier, uitslag en cum laude voor de examensecretaris.",
        formatter_class=DutchHelpFormatter,
        epilog="Zonder opdracht opent examenbureau de TUI op de database (--db). Afsluitcode: 0 "
               "gelukt, 1 uitgevoerd maar met problemen, 2 onjuiste invoer of onbruikbare "
               "database (er is niets geschreven), 3 onverwachte fout (details in een logbestand).",
    )
    parser.add_argument("--db", default=None,
                        help=f"databasebestand van de school (standaard: {DEFAULT_DB})")
    parser.add_argument("--nieuw", action="store_true",
                        help="maak de database (--db) aan als die nog niet bestaat (een nieuwe, "
                             "lege school); zonder deze optie maken alleen demo en import een "
                             "database, nooit een verkeerd getypte naam")
    parser.add_argument("--version", action="version", version=_version(),
                        help="toon het versienummer en stop")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", title="opdrachten")
    for name, module, text in COMMANDS:
        p = sub.add_parser(name, help=text, description=text, formatter_class=DutchHelpFormatter)
        p.set_defaults(_module=module)
        if name == chosen:
            importlib.import_module(f"examenbureau.cli.{module}").add_arguments(p)
    return parser


def _version() -> str:
    from examenbureau import __version__

    return f"examenbureau {__version__}"


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """`--db` after the command too (`examenbureau uitslag --db X`), as cli.md writes it."""
    parser.add_argument("--db", default=argparse.SUPPRESS,
                        help=f"databasebestand van de school (standaard: {DEFAULT_DB})")


def add_exam_year_argument(parser: argparse.ArgumentParser,
                           help: str = "examenjaar (standaard: het laatste in de database)") -> None:
    parser.add_argument("--examenjaar", type=int, dest="exam_year", metavar="JJJJ", help=help)


def add_pack_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack", default=None, metavar="NAAM",
                        help="regelpakket (standaard: dat van de school)")


def add_reason_argument(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """`--reden TEKST` (cli.md: every command that writes takes it). The reason goes into every
    audit row the command writes; after a closing act it is what lets a change through."""
    parser.add_argument("--reden", dest="user_reason", metavar="TEKST", required=required,
                        help="waarom (komt in elke auditregel); verplicht voor een wijziging van "
                             "wat al is vastgesteld (vaststellen se|uitslag)")


def require_database(db: str, then: str = ".") -> bool:
    """True when the school's file is there; else a Dutch line on stderr and the caller exits 2.

    Why: only `import` and the TUI may create a school's file; every other command on a
    mistyped --db must say so, not silently work on a new, empty database.
    """
    from pathlib import Path

    if Path(db).exists():
        return True
    print(f"Database {db} bestaat niet{then}", file=sys.stderr)
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; whatever goes wrong, the user reads one Dutch sentence, never a trace.

    Exit 0 success, 1 the command found problems, 2 bad input or an unusable database (nothing
    written), 3 an unexpected error (its trace is in a private log file, named on stderr), 130
    interrupted. A reader that stops early (`| head`) ends the command quietly.
    """
    from examenbureau.core.file_privacy import set_private_umask

    set_private_umask()  # every file this process writes, DuckDB's own included, is private
    argv = list(sys.argv[1:] if argv is None else argv)
    db: str | None = None
    try:
        names = {name for name, _, _ in COMMANDS}
        chosen = next((a for a in argv if a in names), None)
        parser = _parser(chosen)
        args = parser.parse_args(argv)
        if args.db is None:
            args.db = COMMAND_DEFAULT_DB.get(args.command, DEFAULT_DB)
        db = args.db
        _warn_if_exposed(db)
        if args.nieuw:
            _create_database(db)
        if args.command not in NO_DEMO_CHECK:
            _warn_if_incomplete_demo(db)
        if args.command is None:
            from examenbureau.cli import open_tui

            return open_tui.run(args)
        mod = importlib.import_module(f"examenbureau.cli.{args._module}")
        return int(mod.run(args) or 0)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        _say("Afgebroken.")
        return 130
    except Exception as exc:
        return _report_error(exc, db, argv)


def _report_error(exc: Exception, db: str | None, argv: list[str]) -> int:
    """A store error or a damaged file as one sentence (exit 2); anything else is a bug: its
    trace goes to a private log file and the user is told where (exit 3)."""
    import duckdb

    from examenbureau.core.store import StoreError
    from examenbureau.core.store.errors import unreadable_message

    if isinstance(exc, StoreError):
        _say(f"examenbureau: {exc}")
        return 2
    if isinstance(exc, duckdb.Error) and db is not None:
        message = unreadable_message(db, exc)
        if message:
            _say(f"examenbureau: {message}")
            return 2
    from examenbureau.core.errorlog import write_error_log

    try:
        where = f"De technische details staan in {write_error_log(exc, ['examenbureau', *argv])}"
    except Exception:  # even the log failed: still no traceback on the screen
        where = "De technische details konden niet worden bewaard"
    _say(f"examenbureau: er ging iets onverwachts mis ({type(exc).__name__}). {where}; stuur "
         "dat bestand naar de beheerder. Een onderbroken wijziging wordt nooit half opgeslagen.")
    return 3


def _create_database(db: str) -> None:
    """`--nieuw`: the one explicit request that makes an empty school's file (no-op if it is
    there already)."""
    from pathlib import Path

    from examenbureau.core.store import Store

    if not Path(db).exists():
        Store(db, create=True)
        _say(f"Nieuwe, lege database {db} aangemaakt.")


def _warn_if_exposed(db: str) -> None:
    from examenbureau.core.file_privacy import exposure_notice

    notice = exposure_notice(db)
    if notice:
        _say(notice)


def _warn_if_incomplete_demo(db: str) -> None:
    """A demo whose build was cut off says so before any figure is read from it."""
    from pathlib import Path

    if not Path(db).is_file():
        return
    from examenbureau.core.demo_marker import incomplete
    from examenbureau.core.store import Store, StoreError

    try:
        notice = incomplete(Store(db, create=False, busy_timeout=2.0))
    except StoreError:
        return          # busy or unreadable: the command itself waits or reports it
    if notice:
        _say(f"Let op: {notice}")


def _say(text: str) -> None:
    """A line on stderr that cannot itself fail (stderr may be a closed pipe too)."""
    try:
        print(text, file=sys.stderr)
    except (OSError, ValueError):
        pass


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that Python's final flush at exit
    does not raise (and print) the same error again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
