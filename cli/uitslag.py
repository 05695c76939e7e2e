"""`examenbureau uitslag`: the result of every candidate, as a table, CSV or JSON.

The exam secretary runs this on results day and the school's own scripts read its JSON, so
every candidate is always listed, including those whose result cannot be decided yet
(`passed: null`, with what is missing). Heavy imports stay inside `run`: the parser imports
this module for every command.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any

from examenbureau.cli import add_db_argument, require_database
from examenbureau.core.wording import counted

FORMATS = ("table", "csv", "json")
FILTERS = ("gezakt", "onbepaald", "cum-laude", "geslaagd")
WIDTH = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="uitvoer: een leesbare tabel (standaard), csv (; en decimale komma) "
                             "of json")
    parser.add_argument("--alleen", choices=FILTERS, metavar="{gezakt,onbepaald,cum-laude}",
                        help="toon alleen afgewezen kandidaten, kandidaten van wie de uitslag nog "
                             "niet te bepalen is, of cum-laudekandidaten")
    parser.add_argument("--examenjaar", type=int, metavar="JJJJ",
                        help="alleen dit examenjaar (standaard: alle examenjaren in de database)")


def run(args: argparse.Namespace) -> int:

    from examenbureau.cli.progress import Progress
    from examenbureau.core.packs import PackError
    from examenbureau.core.results import iter_results
    from examenbureau.core.store import Store, StoreError

    if not require_database(args.db, ". Geef het bestand met --db, of maak het eerst "
                                     "(examenbureau demo of examenbureau import)."):
        return 2
    progress = Progress("Uitslag")
    try:
        store = Store(args.db, create=False)
        # Streamed: written as computed, so a national file never needs every result in memory.
        # JSON is the kept text of every candidate whose inputs did not change, and computed
        # (with every reason, and kept) for the others; a table or CSV asks only for the reasons
        # of the candidates who failed, and a result makes them when they are read.
        results: Iterable[Any] = (_current(store, args.examenjaar, progress)
                                  if args.format == "json" else
                                  iter_results(store, exam_year=args.examenjaar, progress=progress))
        out = sys.stdout
        if out.isatty():  # on one screen: finish the progress line before the first row
            results = list(results)
            progress.close()
        tally = _Tally()
        shown = (r for r in tally.count(results) if _keep(r, args.alleen))
        if args.format == "json":
            _write_json(shown, out)
        elif args.format == "csv":
            _write_csv(shown, out)
        else:
            _write_table(shown, tally, args.alleen, out)
    except (StoreError, PackError) as exc:
        progress.close()
        print(str(exc), file=sys.stderr)
        return 2
    progress.close()
    return 0


def _current(store: Any, exam_year: int | None, progress: Any) -> Iterator[Any]:
    """`results.kept.current` for one exam year, or for every year in the database in turn."""
    from examenbureau.core.results.kept import current

    if exam_year is not None:
        years = [exam_year]
    else:
        with store.read() as con:
            years = [y for (y,) in con.execute(
                "SELECT DISTINCT exam_year FROM candidates ORDER BY 1").fetchall()]
    for year in years:
        yield from current(store, year, progress=progress)


class _Tally:
    """Counts of every candidate seen, for the table's last line, while results stream by."""

    def __init__(self) -> None:
        self.total = self.passed = self.failed = self.open = self.cum_laude = 0

    def count(self, results: Iterable[Any]) -> Iterator[Any]:
        for r in results:
            self.total += 1
            self.passed += r.passed is True
            self.failed += r.passed is False
            self.open += r.passed is None
            self.cum_laude += bool(r.cum_laude)
            yield r


def _keep(result: Any, only: str | None) -> bool:
    if only is None:
        return True
    if only == "gezakt":
        return result.passed is False
    if only == "onbepaald":
        return result.passed is None
    if only == "geslaagd":
        return result.passed is True
    return bool(result.cum_laude)


# --- json ----------------------------------------------------------------------------------------
def _write_json(results: Iterable[Any], out: Any) -> None:
    # One object per line inside the array: valid JSON for scripts, greppable per candidate.
    # Each candidate arrives as UTF-8 JSON already (kept in the store, or made by orjson).
    write = out.buffer.write if hasattr(out, "buffer") else (lambda b: out.write(b.decode()))
    out.flush()
    write(b"[\n")
    for i, r in enumerate(results):
        write((b"" if i == 0 else b",\n") + r.json)
    write(b"\n]\n")
    if hasattr(out, "buffer"):
        out.buffer.flush()


# --- csv -----------------------------------------------------------------------------------------
CSV_COLUMNS = ("examenjaar", "examennummer", "naam", "schooltype", "leerweg", "variant",
               "profiel", "klas", "uitslag", "cum_laude", "combinatiecijfer", "ce_gemiddelde",
               "niet_meegeteld", "redenen", "ontbreekt")


def _comma(value: Any) -> str:
    return "" if value is None else str(value).replace(".", ",")


def _ce_mean(result: Any) -> str:
    """The CE average cut off (never rounded) at two decimals, as the rules explain it."""
    from examenbureau.core.grades import truncate

    mean = result.ce_average.mean if result.ce_average is not None else None
    return "" if mean is None else _comma(truncate(mean, 2))


def _write_csv(results: Iterable[Any], out: Any) -> None:
    import csv

    from examenbureau.core.io.exports import csv_text  # formula-safe cells, as every export

    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        writer.writerow([csv_text(cell) for cell in (
            r.exam_year, r.exam_number, r.display_name, r.school_type or "", r.track or "",
            r.variant or "", r.profile or "", r.class_name or "", r.status,
            {True: "ja", False: "nee"}.get(r.cum_laude, ""),
            "" if r.combination_grade is None else r.combination_grade,
            _ce_mean(r), ",".join(r.dropped),
            " | ".join(x.text for x in r.reasons if x.violated),
            " | ".join(m.text for m in r.missing),
        )])


# --- table ---------------------------------------------------------------------------------------
_COLS = (("Examennr", 9), ("Naam", 24), ("Schooltype", 11), ("Uitslag", 10), ("CL", 3),
         ("Comb", 4))


def _fit(text: str, width: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _school_type(r: Any) -> str:
    st = r.school_type or "?"
    if r.track:
        return f"{st} {r.track.lower()}"
    if r.variant:
        return f"{st} {r.variant[:3]}."
    return st


_RULE_LABELS = {
    "ce_gemiddelde": "CE-gemiddelde onder 5,5", "kernvakken": "kernvakkenregel",
    "nederlands": "Nederlands onder 5", "eindcijfer_onder_4": "eindcijfer 3 of lager",
    "compensatie": "compensatie", "combinatie_onderdeel": "onderdeel combinatie onder 4",
    "lo": "lo onvoldoende", "kunstvakken": "kunstvakken onvoldoende", "pws": "pws onvoldoende",
    "samenstelling": "geen volledig examen",
}


def _explain(r: Any) -> str:
    if r.passed is None:
        n = len(r.missing)
        first = r.missing[0].text if r.missing else "onbekend waarom"
        return f"{n} punten ontbreken, o.a.: {first}" if n > 1 else first
    if r.passed is False:
        return "; ".join(_RULE_LABELS.get(x.rule, x.rule) for x in r.reasons
                         if x.violated) or "afgewezen"
    if r.dropped:
        return "zonder " + ", ".join(r.dropped) + " (art. 3.33 lid 3)"
    return ""


def _write_table(shown: Iterable[Any], tally: _Tally, only: str | None, out: Any) -> None:
    used = sum(w for _, w in _COLS) + len(_COLS)
    rest = WIDTH - used
    head = " ".join(name.ljust(w) for name, w in _COLS) + " " + "Toelichting"
    out.write(head.rstrip() + "\n")
    out.write("-" * min(WIDTH, len(head) + rest) + "\n")
    n_shown = 0
    for r in shown:
        n_shown += 1
        cells = [r.exam_number, r.display_name, _school_type(r), r.status,
                 {True: "ja", False: ""}.get(r.cum_laude, "?") if r.passed else "",
                 "" if r.combination_grade is None else str(r.combination_grade)]
        line = " ".join(_fit(c, w).ljust(w) for c, (_, w) in zip(cells, _COLS, strict=True))
        if only == "onbepaald" and r.passed is None:
            # asked for what is missing: every item in full, never cut off
            line += " " + counted(len(r.missing), "punt ontbreekt", "punten ontbreken") + ":"
            out.write(line.rstrip() + "\n")
            for m in r.missing:
                out.write("\n".join(textwrap.wrap(
                    m.text, WIDTH, initial_indent="  - ", subsequent_indent="    ")) + "\n")
            continue
        line += " " + _fit(_explain(r), rest)
        out.write(line.rstrip() + "\n")
    summary = (f"{counted(tally.total, 'kandidaat', 'kandidaten')}: {tally.passed} geslaagd, {tally.failed} afgewezen, "
               f"{tally.open} nog niet te bepalen; {tally.cum_laude} cum laude.")
    if only:
        summary = f"{n_shown} getoond (--alleen {only}). " + summary
    out.write("\n" + "\n".join(textwrap.wrap(summary, WIDTH)) + "\n")
