"""What every importer shares: the kind registry entry, the report, typed cells, the context.

Why one context per import: a file refers to what the database already holds (a candidate, a
PTA test, an exam). `Reference` reads each of those tables once per import, not once per row;
`Cells` turns every bad cell into one `Problem` (file, line, column, Dutch message) and a None,
so a validator reads like the file's columns and still reports every bad line at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from ...limits import YEAR_HI, YEAR_LO
from ...reference import subject_for_vakcode
from ...result_changes import AffectedCandidate
from ...store import Store, UpsertCounts, same_value
from ...wording import counted
from ..reading import CellError, Column, Problem, ReadError, Row, Table, parse_code, parse_int

Rows = list[tuple[int, dict[str, Any]]]          # (line in the file, the row's stored values)
Values = list[dict[str, Any]]


@attrs.define
class ImportReport:
    """What one import did, or why it was refused; `summary_lines` says it in Dutch."""

    kind: str
    file: str
    ok: bool
    errors: list[str] = attrs.field(factory=list)
    notices: list[str] = attrs.field(factory=list)
    rows_read: int = 0
    counts: UpsertCounts | None = None
    changed_exams: list[str] = attrs.field(factory=list)      # DNT/N-terms: what changed per exam
    affected: list[AffectedCandidate] = attrs.field(factory=list)
    results_compared: bool = False     # results of the touched candidates compared before/after

    @property
    def nothing_changed(self) -> bool:
        return bool(self.ok and self.counts and not self.counts.new and not self.counts.changed)

    def summary_lines(self) -> list[str]:
        if not self.ok:
            n = len(self.errors)
            return [f"{self.file}: geweigerd, er is niets opgeslagen "
                    f"({n} {'fout' if n == 1 else 'fouten'})."]
        counts = self.counts.sentence() if self.counts else "0 nieuw, 0 gewijzigd, 0 ongewijzigd"
        lines = [f"{self.file}: {counted(self.rows_read, 'regel', 'regels')} gelezen ({self.kind}); {counts}."]
        if self.nothing_changed:
            lines.append("Niets gewijzigd: de database bevatte deze gegevens al.")
        if self.changed_exams:
            lines.append("Gewijzigde examens:")
            lines += [f"  {c}" for c in self.changed_exams]
        if self.results_compared:
            if self.affected:
                lines.append(f"Kandidaten met een gewijzigd resultaat ({len(self.affected)}):")
                lines += [f"  {a.line()}" for a in self.affected]
            else:
                lines.append("Geen kandidaat heeft hierdoor een ander resultaat.")
        return lines


@attrs.frozen
class KindSpec:
    """One kind of school file: its table and key, its columns, and the code that checks it.

    Adding a kind is one module that defines a `KindSpec` and one entry in `registry.KINDS`.
    """

    kind: str
    table: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    description: str
    validate: Callable[[Context], Rows]
    year_column: bool = True           # the file carries examenjaar (or --examenjaar gives it)
    # Last adjustments to the clean rows before they are written (keep published values).
    prepare: Callable[[Context, Values, ImportReport], Values] | None = None
    # The candidates whose result the clean rows may change, by exam year; None when the file
    # changes nothing a result depends on. Their results are compared before and after.
    watch: Callable[[Context, Values, ImportReport], Mapping[int, set[str]] | None] | None = None
    watch_reason: str = "gewijzigd gegeven"   # why a candidate is listed if results fail
    # Small files whose change recomputes many candidates (an N-term, the DNT): read, check,
    # write, recompute and keep on ONE connection, in one transaction (see `import_file`).
    one_transaction: bool = False


# -- per-cell helper ----------------------------------------------------------------------------

class Cells:
    """Typed access to one row; every failure becomes one Problem and a None."""

    def __init__(self, ctx: Context, row: Row) -> None:
        self.ctx = ctx
        self.row = row
        self.failed = False

    def error(self, column: str, message: str) -> None:
        self.failed = True
        self.ctx.problems.append(Problem(self.ctx.table.file, self.row.line, column, message))

    def raw(self, column: str) -> str:
        return self.row.get(column)

    def get(self, column: str, parse: Callable[..., Any] | None = None, *, required: bool = False,
            expected: str = "een waarde", **kwargs: Any) -> Any:
        text = self.row.get(column)
        if not text:
            if required:
                self.error(column, f"is leeg, verwacht {expected}")
            return None
        if parse is None:
            if any(ord(ch) < 32 for ch in text):
                self.error(column, "bevat stuurtekens, verwacht gewone tekst")
                return None
            return text
        try:
            return parse(text, **kwargs)
        except CellError as exc:
            self.error(column, str(exc))
            return None


def _memo(method: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Build each lookup once per import, not once per row."""
    def wrapper(self: Any) -> Any:
        key = "built:" + method.__name__
        if key not in self._cache:
            self._cache[key] = method(self)
        return self._cache[key]
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


@attrs.define
class Reference:
    """What the database holds that a file refers to, read once per import."""

    store: Store
    _cache: dict[str, Any] = attrs.field(factory=dict)
    # The connection of the import's own transaction, when it reads there (one_transaction).
    con: Any = None

    def _load(self, name: str, sql: str) -> list[tuple[Any, ...]]:
        if name not in self._cache:
            if self.con is not None:
                self._cache[name] = self.con.execute(sql).fetchall()
            else:
                with self.store.read() as con:
                    self._cache[name] = con.execute(sql).fetchall()
        return self._cache[name]

    @_memo
    def candidates(self) -> dict[tuple[int, str], dict[str, Any]]:
        rows = self._load("candidates", "SELECT exam_year, exam_number, school_type, track, cohort,"
                          " last_name, name_prefix, first_name, initials FROM candidates")
        return {(r[0], r[1]): {"school_type": r[2], "track": r[3], "cohort": r[4],
                               "name": display_name(r[5], r[6], r[7], r[8])} for r in rows}

    @_memo
    def packages(self) -> dict[tuple[int, str], dict[str, tuple[str | None, bool | None]]]:
        out: dict[tuple[int, str], dict[str, tuple[str | None, bool | None]]] = defaultdict(dict)
        for year, number, subject, code, has_ce in self._load(
                "packages", "SELECT exam_year, exam_number, subject, subject_code, has_ce"
                " FROM candidate_subjects"):
            out[(year, number)][subject] = (code, has_ce)
        return out

    @_memo
    def pta(self) -> dict[tuple[str, str, str, str], tuple[str, bool | None]]:
        return {(r[0], r[1], r[2], r[3]): (r[4], r[5]) for r in self._load(
            "pta", "SELECT cohort, school_type, subject, test_code, result_type, resit_allowed"
            " FROM pta_items")}

    @_memo
    def exams(self) -> dict[tuple[int, str], dict[str, Any]]:
        cols = ("exam_year", "nex_id", "school_type", "track", "subject_code", "subject", "period",
                "description", "exam_date", "start_time", "end_time", "scale_length", "n_term",
                "source")
        rows = self._load("exams", f"SELECT {', '.join(cols)} FROM ce_exams")
        return {(r[0], r[1]): dict(zip(cols, r, strict=True)) for r in rows}

    @_memo
    def ce_scores(self) -> dict[tuple[int, str, str], dict[str, Any]]:
        """By (year, nex_id, exam_number): the score row of that candidate for that exam."""
        out = {}
        for year, period, number, subject, nex_id, score, status in self._load(
                "ce_scores", "SELECT exam_year, period, exam_number, subject, nex_id, score, status"
                " FROM ce_scores WHERE nex_id IS NOT NULL"):
            out[(year, nex_id, number)] = {"period": period, "subject": subject, "score": score,
                                           "status": status}
        return out

    @_memo
    def items(self) -> dict[tuple[int, str], list[tuple[Any, ...]]]:
        out: dict[tuple[int, str], list[tuple[Any, ...]]] = defaultdict(list)
        for year, nex_id, number, question, mx, c1, c2, final in self._load(
                "items", "SELECT exam_year, nex_id, exam_number, question, max_score, score_c1,"
                " score_c2, score_final FROM ce_item_scores"):
            out[(year, nex_id)].append((number, question, mx, c1, c2, final))
        return out

    @_memo
    def awards(self) -> dict[tuple[int, str], dict[str, int]]:
        out: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
        for year, nex_id, question, points in self._load(
                "awards", "SELECT exam_year, nex_id, question, points FROM ce_question_awards"):
            out[(year, nex_id)][question] = points
        return out


@attrs.define
class Context:
    """One import under way: the kind, the file as read, the database's facts, what went wrong."""

    spec: KindSpec
    table: Table
    ref: Reference
    exam_year: int | None
    problems: list[Problem] = attrs.field(factory=list)
    notices: list[str] = attrs.field(factory=list)

    def year(self, cells: Cells) -> int | None:
        """The row's examenjaar, from the file or from --examenjaar (they must agree)."""
        if self.table.has("examenjaar"):
            year = cells.get("examenjaar", parse_int, required=True, lo=YEAR_LO, hi=YEAR_HI,
                             expected="een examenjaar zoals 2025", what="examenjaar")
            if year is not None and self.exam_year is not None and year != self.exam_year:
                cells.error("examenjaar", f"{year} wijkt af van --examenjaar {self.exam_year}, "
                            "verwacht hetzelfde jaar")
                return None
            return year
        return self.exam_year

    def candidate(self, cells: Cells, year: int | None,
                  number: str | None) -> dict[str, Any] | None:
        if year is None or number is None:
            return None
        found = self.ref.candidates().get((year, number))
        if found is None:
            cells.error("examennummer", f"kandidaat {number} is onbekend in examenjaar {year}, "
                        "verwacht een examennummer dat al is ingelezen "
                        "(importeer eerst candidates)")
        return found

    def subject(self, cells: Cells, year: int | None, number: str | None,
                cand: dict[str, Any] | None) -> tuple[str | None, str | None]:
        """(abbreviation, vakcode) of the row's subject, checked against the candidate's
        package when it is known, else against the DUO subject table."""
        code = cells.get("vakcode", parse_code, width=4, what="vakcode")
        vak = cells.get("vak")
        if code is None and vak is None:
            if not cells.failed:
                cells.error("vak", "vak en vakcode zijn beide leeg, verwacht een vakafkorting "
                            "(zoals netl) of een DUO-vakcode (zoals 1001)")
            return None, None
        package = self.ref.packages().get((year, number)) if cand else None
        if package:
            if vak is None:
                matches = [s for s, (c, _) in package.items() if c == code]
                if len(matches) != 1:
                    cells.error("vakcode", f"vakcode {code} staat niet in het vakkenpakket van "
                                f"kandidaat {number}, verwacht een van "
                                + ", ".join(sorted(c for c, _ in package.values() if c)))
                    return None, code
                return matches[0], code
            if vak not in package:
                cells.error("vak", f"vak {vak} staat niet in het vakkenpakket van kandidaat "
                            f"{number}, verwacht een van " + ", ".join(sorted(package)))
                return None, code
            stored = package[vak][0]
            if code is not None and stored and stored != code:
                cells.error("vakcode", f"vakcode {code} hoort niet bij vak {vak} van kandidaat "
                            f"{number}, verwacht {stored}")
                return None, code
            return vak, code or stored
        if vak is None:
            stype, track = (cand["school_type"], cand["track"]) if cand else ("", None)
            mapped = subject_for_vakcode(code, stype, track) if cand else None
            if mapped is None:
                if cand:
                    cells.error("vakcode", f"vakcode {code} is onbekend voor {stype}, verwacht een "
                                "DUO-vakcode uit de vakcodetabel of een kolom vak")
                return None, code
            return mapped, code
        return vak, code


def display_name(last: str | None, prefix: str | None, first: str | None,
                 initials: str | None) -> str:
    given = first or initials or ""
    family = f"{prefix} {last}" if prefix else (last or "")
    return f"{given} {family}".strip()


def exam_number(cells: Cells) -> str | None:
    return cells.get("examennummer", parse_code, required=True, what="examennummer",
                     expected="een examennummer")


def require_subject_column(ctx: Context) -> None:
    """A subject is named by our abbreviation (vak) or DUO's code (vakcode); one must be there."""
    if not (ctx.table.has("vak") or ctx.table.has("vakcode")):
        raise ReadError([Problem(ctx.table.file, 1, "vak", "verplichte kolom ontbreekt, verwacht "
                                 "een kolom vak of vakcode")])


def changed_candidates(ctx: Context, values: Sequence[dict[str, Any]],
                       ) -> dict[int, set[str]] | None:
    """By exam year, the candidates for whom at least one row is new or differs from the stored
    row (same comparison as the write); None when the file changes nothing.

    For tables whose key starts with (exam_year, exam_number): read before the write, so that
    only those candidates' results are computed before and after it.
    """
    spec = ctx.spec
    assert spec.key[:2] == ("exam_year", "exam_number"), spec.kind
    if not values:
        return None
    columns = [c for c in values[0] if c not in spec.key]
    years = sorted({v["exam_year"] for v in values})
    with ctx.ref.store.read() as con:
        stored = {tuple(r[:len(spec.key)]): r[len(spec.key):] for r in con.execute(
            f"SELECT {', '.join([*spec.key, *columns])} FROM {spec.table}"
            f" WHERE exam_year IN ({', '.join('?' for _ in years)})", years).fetchall()}
    out: dict[int, set[str]] = defaultdict(set)
    for v in values:
        old = stored.get(tuple(v[k] for k in spec.key))
        if old is None or not all(same_value(o, v[c]) for c, o in zip(columns, old, strict=True)):
            out[v["exam_year"]].add(v["exam_number"])
    return dict(out) or None
