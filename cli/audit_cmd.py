"""`examenbureau audit [verify]`: the audit trail, one candidate's history, or the check of both.

`audit` lists the log (who, when, what, old, new, why, source); with --examennummer it shows
one candidate's history, including CE grades that changed because an N-term or a score
changed. `audit verify` checks the hash chain and that every stored value equals its last
audited value: exit 0 when intact, 1 naming the first row or value that does not match.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from examenbureau.cli import add_db_argument, add_exam_year_argument, require_database


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("action", metavar="verify", nargs="?",
                        help="verify: controleer de hashketen en alle opgeslagen waarden")
    parser.add_argument("--examennummer", dest="exam_number", metavar="N",
                        help="alleen de geschiedenis van deze kandidaat, met de cijfers die "
                             "veranderden door een N-term of score")
    add_exam_year_argument(parser, "examenjaar van de kandidaat (standaard: het laatste)")
    parser.add_argument("--laatste", dest="last", type=int, metavar="AANTAL",
                        help="alleen de laatste AANTAL regels")
    parser.add_argument("--kop", dest="head", metavar="HASH",
                        help="bij verify: controleer ook dat de keten door deze hash loopt (de kop "
                             "die bij een vaststelling is opgeschreven)")


def run(args: argparse.Namespace) -> int:
    if args.action not in (None, "verify"):
        print(f"Onbekende actie '{args.action}'; bedoelt u: examenbureau audit verify?",
              file=sys.stderr)
        return 2
    if not require_database(args.db):
        return 2
    from examenbureau.core.store import Store

    store = Store(args.db, create=False)
    if args.action == "verify":
        return _verify(store, args.head)
    if args.exam_number:
        return _history(store, args.exam_number, args.exam_year)
    return _log(store, args.last)


def _verify(store: Any, head: str | None) -> int:
    from examenbureau.core.audit import verify

    report = verify(store)
    out = sys.stdout if report.ok else sys.stderr
    for line in report.lines():
        print(line, file=out)
    if head:
        with store.read() as con:
            found = con.execute("SELECT id FROM audit_log WHERE row_hash = ?", [head.strip()]).fetchone()
        if found is None:
            print(f"De keten loopt niet door de kop {head}: het log is herschreven, of de hash "
                  "hoort bij een andere database.", file=sys.stderr)
            return 1
        print(f"De keten loopt door de opgegeven kop (regel {found[0]}).")
    return 0 if report.ok else 1


def _when(moment: Any) -> str:
    from examenbureau.core.store.audit import utc_text

    return utc_text(moment)[:19].replace("T", " ") + " UTC"


def _log(store: Any, last: int | None) -> int:
    limit = f"LIMIT {int(last)}" if last else ""
    with store.read() as con:
        cursor = con.execute(
            "SELECT * FROM (SELECT id, changed_at, actor, display_name, action, table_name, row_key, "
            "field, old_value, new_value, reason, source, coalesce(after_closing, false) "
            f"FROM audit_log ORDER BY id DESC {limit}) ORDER BY id")
        while batch := cursor.fetchmany(10_000):
            for row in batch:
                print(_line(*row))
    return 0


def _line(row_id: int, at: Any, actor: str, name: str | None, action: str, table: str | None,
          key: str | None, field: str | None, old: str | None, new: str | None,
          reason: str | None, source: str | None, after: bool) -> str:
    who = f"{actor} ({name})" if name else actor
    what = " ".join(p for p in (table, key) if p)
    change = ""
    if field or old is not None or new is not None:
        change = f" {field + ': ' if field else ''}{_value(old)} -> {_value(new)}"
    tail = "".join(f"; {label}: {text}" for label, text in (("reden", reason), ("bron", source)) if text)
    mark = "; GEWIJZIGD NA VASTSTELLING" if after else ""
    return f"{row_id:>7} {_when(at)} {who} {action} {what}{change}{tail}{mark}"


def _value(text: str | None) -> str:
    if text is None:
        return "leeg"
    return text if len(text) <= 200 else text[:200] + "…"


def _history(store: Any, exam_number: str, exam_year: int | None) -> int:
    from examenbureau.core.audit_history import candidate_history

    lines = candidate_history(store, exam_number, exam_year)
    if not lines:
        print(f"Geen kandidaat {exam_number}" + (f" in examenjaar {exam_year}" if exam_year else "")
              + " in het auditlog.", file=sys.stderr)
        return 2
    for h in lines:
        prefix = "  ⤷ gevolg:" if h.derived else f"{h.audit_id:>7}"
        who = "" if h.derived else f" {h.actor}"
        change = f" {h.field + ': ' if h.field and not h.derived else ''}{_value(h.old)} -> {_value(h.new)}" \
            if h.field or h.old is not None or h.new is not None else ""
        why = f"; {'reden: ' if not h.derived else ''}{h.reason}" if h.reason else ""
        mark = "; GEWIJZIGD NA VASTSTELLING" if h.after_closing else ""
        print(f"{prefix} {_when(h.at)}{who} {'' if h.derived else h.action + ' '}{h.what}{change}{why}{mark}")
    return 0
