"""One importer per kind of school file: read tolerantly, validate strictly, write all or nothing.

Why all or nothing: a secretary who imports 4,000 SE results and gets 3,997 of them has a
database that is wrong in a way nobody can see. So the whole file is validated first against
the file itself and against what the database already holds (known candidate, known PTA test,
known exam, score within the scale); any problem refuses the whole file and lists every bad
line as `file:line: column: wat er mis is, wat werd verwacht`. Only a clean file is written, in
one audited transaction, by key, so importing the same file again changes nothing and says so,
and an updated file (the DNT is re-published many times a year) changes exactly what changed.

Entry point: `import_file(store, kind, path, exam_year=None)` -> ImportReport.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..store import Store, UpsertCounts
from . import subject_table
from .ce_scoring import candidate_totals
from .reading import (
    CellError,
    Column,
    Problem,
    ReadError,
    Row,
    Table,
    parse_bool,
    parse_choice,
    parse_code,
    parse_date,
    parse_decimal,
    parse_int,
    parse_time,
    read_table,
)

Progress = Callable[[int, int], None]

CHUNK = 2000   # rows per upsert call: lets long imports report progress

SCHOOL_TYPES = {"vwo": "vwo", "havo": "havo", "vmbo": "vmbo"}
CANDIDATE_TRACKS = {"bb": "bb", "bbl": "bb", "basis": "bb", "kb": "kb", "kbl": "kb",
                    "kader": "kb", "gl": "gl", "gt": "gl-tl", "tl": "tl", "mavo": "tl"}
EXAM_TRACKS = {"bb": "bb", "kb": "kb", "gl": "gl", "tl": "tl", "gl/tl": "gl-tl", "gl-tl": "gl-tl",
               "gltl": "gl-tl", "gt": "gl-tl", "gl tl": "gl-tl"}
GENDERS = {"m": "M", "man": "M", "v": "V", "vrouw": "V", "x": "X"}
EXAM_PARTS = {p: p for p in ("gemeenschappelijk", "profiel", "profielkeuze", "vrij", "extra",
                             "profielvak", "keuzevak", "keuze", "sector", "profielwerkstuk")}
EXAM_PARTS.update({"gd": "gemeenschappelijk", "gemeenschappelijk deel": "gemeenschappelijk",
                   "profieldeel": "profiel", "vrij deel": "vrij"})
PTA_KINDS = {k: k for k in ("schriftelijk", "mondeling", "praktische opdracht", "handelingsdeel",
                            "profielwerkstuk")}
PTA_KINDS.update({"praktische_opdracht": "praktische opdracht", "po": "praktische opdracht",
                  "pws": "profielwerkstuk", "hd": "handelingsdeel"})
RESULT_TYPES = {"cijfer": "cijfer", "voldaan": "voldaan", "vog": "vog"}
ATTEMPTS = {"afname": "afname", "inhaal": "inhaal", "herkansing": "herkansing"}
SE_STATUSES = {"niet_gemaakt": "niet_gemaakt", "niet gemaakt": "niet_gemaakt",
               "vrijstelling": "vrijstelling", "onregelmatigheid": "onregelmatigheid"}
ASSESSMENTS = {"voldaan": "voldaan", "v": "voldoende", "voldoende": "voldoende", "g": "goed",
               "goed": "goed", "o": "onvoldoende", "onvoldoende": "onvoldoende",
               "niet_voldaan": "onvoldaan", "niet voldaan": "onvoldaan", "onvoldaan": "onvoldaan",
               "nv": "onvoldaan"}
ASSESSMENTS_BY_TYPE = {"voldaan": {"voldaan", "onvoldaan"},
                       "vog": {"voldoende", "onvoldoende", "goed"}}
CE_STATUSES = {"afwezig": "afwezig", "onregelmatigheid": "onregelmatigheid",
               "vrijstelling": "vrijstelling"}
STY_IDS = {"1": "vwo", "2": "havo", "3": "vmbo"}

GRADE_LO, GRADE_HI = Decimal("1.0"), Decimal("10.0")
NTERM_LO, NTERM_HI, NTERM_USUAL = Decimal("0.0"), Decimal("3.0"), Decimal("2.0")
YEAR_LO, YEAR_HI = 2000, 2100


@attrs.define
class AffectedCandidate:
    """A candidate whose result changed through an N-term/scale update."""

    exam_number: str
    name: str
    changes: list[str]

    def line(self) -> str:
        return f"{self.exam_number} {self.name}: " + "; ".join(self.changes)


@attrs.define
class ImportReport:
    kind: str
    file: str
    ok: bool
    errors: list[str] = attrs.field(factory=list)
    notices: list[str] = attrs.field(factory=list)
    rows_read: int = 0
    counts: UpsertCounts | None = None
    changed_exams: list[str] = attrs.field(factory=list)      # DNT/N-terms: what changed per exam
    affected: list[AffectedCandidate] = attrs.field(factory=list)

    @property
    def nothing_changed(self) -> bool:
        return bool(self.ok and self.counts and not self.counts.new and not self.counts.changed)

    def summary_lines(self) -> list[str]:
        if not self.ok:
            n = len(self.errors)
            return [f"{self.file}: geweigerd, er is niets opgeslagen "
                    f"({n} {'fout' if n == 1 else 'fouten'})."]
        counts = self.counts.sentence() if self.counts else "0 nieuw, 0 gewijzigd, 0 ongewijzigd"
        lines = [f"{self.file}: {self.rows_read} regels gelezen ({self.kind}); {counts}."]
        if self.nothing_changed:
            lines.append("Niets gewijzigd: de database bevatte deze gegevens al.")
        if self.changed_exams:
            lines.append("Gewijzigde examens:")
            lines += [f"  {c}" for c in self.changed_exams]
        if self.kind in ("dnt", "n-terms") and self.changed_exams:
            if self.affected:
                lines.append(f"Kandidaten met een gewijzigd resultaat ({len(self.affected)}):")
                lines += [f"  {a.line()}" for a in self.affected]
            else:
                lines.append("Geen kandidaat heeft hierdoor een ander resultaat.")
        return lines


@attrs.frozen
class KindSpec:
    kind: str
    table: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    description: str
    year_column: bool = True           # the file carries examenjaar (or --examenjaar gives it)


# -- column sets ----------------------------------------------------------------------------

_DNT_COLUMNS = (
    Column("examenjaar"), Column("nex_id", True), Column("schooltype"), Column("sty_id"),
    Column("opl_code"), Column("leerweg"), Column("vakcode", aliases=("ext_code",)),
    Column("vak"), Column("tijdvak"), Column("omschrijving"), Column("datum"),
    Column("begintijd"), Column("eindtijd"), Column("schaallengte"),
    Column("nterm", aliases=("N-term", "n_term", "normeringsterm")), Column("bron"),
    Column("afnamevakid"), Column("extra_vakcodes_tbv_wolf"),
)

KINDS: dict[str, KindSpec] = {
    spec.kind: spec for spec in (
        KindSpec("candidates", "candidates", ("exam_year", "exam_number"), (
            Column("examenjaar"), Column("examennummer", True), Column("leerlingnummer"),
            Column("achternaam", True), Column("tussenvoegsel"), Column("roepnaam"),
            Column("voorletters"), Column("geslacht"), Column("geboortedatum"),
            Column("schooltype", True), Column("leerweg"), Column("opleidingscode"),
            Column("profiel"), Column("klas"), Column("cohort"), Column("faciliteiten"),
        ), "kandidaten"),
        KindSpec("subjects", "candidate_subjects", ("exam_year", "exam_number", "subject"), (
            Column("examenjaar"), Column("examennummer", True), Column("vakcode"),
            Column("vak"), Column("examendeel"), Column("centraal_examen", aliases=("ce",)),
        ), "vakkenpakketten"),
        KindSpec("pta", "pta_items", ("cohort", "school_type", "subject", "test_code"), (
            Column("cohort", True), Column("schooltype", True), Column("vakcode"),
            Column("vak"), Column("toetscode", True), Column("omschrijving"),
            Column("leerjaar"), Column("periode"), Column("soort"), Column("weging", True),
            Column("herkansbaar"), Column("resultaattype", True), Column("domeinen"),
            Column("duur_min"),
        ), "PTA-toetsen", year_column=False),
        KindSpec("se-results", "se_results",
                 ("exam_year", "exam_number", "subject", "test_code", "attempt", "seq"), (
            Column("examenjaar"), Column("examennummer", True), Column("vakcode"),
            Column("vak"), Column("toetscode", True), Column("poging", True),
            Column("volgnummer"), Column("resultaat", True), Column("datum"), Column("status"),
        ), "SE-resultaten"),
        KindSpec("dnt", "ce_exams", ("exam_year", "nex_id"), _DNT_COLUMNS,
                 "CE-examens (DNT)"),
        KindSpec("n-terms", "ce_exams", ("exam_year", "nex_id"), _DNT_COLUMNS,
                 "N-termen en schaallengtes"),
        KindSpec("ce-scores", "ce_scores", ("exam_year", "period", "exam_number", "subject"), (
            Column("examenjaar"), Column("tijdvak", True), Column("examennummer", True),
            Column("vakcode"), Column("vak"), Column("nex_id"), Column("score"),
            Column("status"), Column("ce_cijfer_direct"),
        ), "CE-scores"),
        KindSpec("ce-item-scores", "ce_item_scores",
                 ("exam_year", "nex_id", "exam_number", "question"), (
            Column("examenjaar"), Column("tijdvak", True), Column("nex_id", True),
            Column("examennummer", True), Column("vraag", True), Column("maxscore", True),
            Column("score_corrector1"), Column("score_corrector2"), Column("score_definitief"),
        ), "CE-scores per vraag"),
    )
}


# -- per-cell helper ----------------------------------------------------------------------------

class _Cells:
    """Typed access to one row; every failure becomes one Problem and a None."""

    def __init__(self, ctx: _Context, row: Row) -> None:
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
class _Reference:
    """What the database holds that a file refers to, read once per import."""

    store: Store
    _cache: dict[str, Any] = attrs.field(factory=dict)

    def _load(self, name: str, sql: str) -> list[tuple[Any, ...]]:
        if name not in self._cache:
            with self.store.read() as con:
                self._cache[name] = con.execute(sql).fetchall()
        return self._cache[name]

    @_memo
    def candidates(self) -> dict[tuple[int, str], dict[str, Any]]:
        rows = self._load("candidates", "SELECT exam_year, exam_number, school_type, track, cohort,"
                          " last_name, name_prefix, first_name, initials FROM candidates")
        return {(r[0], r[1]): {"school_type": r[2], "track": r[3], "cohort": r[4],
                               "name": _display_name(r[5], r[6], r[7], r[8])} for r in rows}

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
class _Context:
    spec: KindSpec
    table: Table
    ref: _Reference
    exam_year: int | None
    problems: list[Problem] = attrs.field(factory=list)
    notices: list[str] = attrs.field(factory=list)

    def year(self, cells: _Cells) -> int | None:
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

    def candidate(self, cells: _Cells, year: int | None,
                  number: str | None) -> dict[str, Any] | None:
        if year is None or number is None:
            return None
        found = self.ref.candidates().get((year, number))
        if found is None:
            cells.error("examennummer", f"kandidaat {number} is onbekend in examenjaar {year}, "
                        "verwacht een examennummer dat al is ingelezen "
                        "(importeer eerst candidates)")
        return found

    def subject(self, cells: _Cells, year: int | None, number: str | None,
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
            mapped = subject_table.subject_for_vakcode(code, stype, track) if cand else None
            if mapped is None:
                if cand:
                    cells.error("vakcode", f"vakcode {code} is onbekend voor {stype}, verwacht een "
                                "DUO-vakcode uit de vakcodetabel of een kolom vak")
                return None, code
            return mapped, code
        return vak, code


def _display_name(last: str | None, prefix: str | None, first: str | None,
                  initials: str | None) -> str:
    given = first or initials or ""
    family = f"{prefix} {last}" if prefix else (last or "")
    return f"{given} {family}".strip()


# -- validators per kind ----------------------------------------------------------------------

Rows = list[tuple[int, dict[str, Any]]]


def _exam_number(cells: _Cells) -> str | None:
    return cells.get("examennummer", parse_code, required=True, what="examennummer",
                     expected="een examennummer")


def _validate_candidates(ctx: _Context) -> Rows:
    out: Rows = []
    for row in ctx.table.rows:
        c = _Cells(ctx, row)
        year = ctx.year(c)
        number = _exam_number(c)
        school_type = c.get("schooltype", parse_choice, required=True, options=SCHOOL_TYPES,
                            what="schooltype", expected="vwo, havo of vmbo")
        track = c.get("leerweg", parse_choice, options=CANDIDATE_TRACKS, what="leerweg")
        if track == "gl-tl":
            c.error("leerweg", "'GT' is geen leerweg van één kandidaat, verwacht gl of tl")
        if school_type == "vmbo" and track is None and not c.raw("leerweg"):
            c.error("leerweg", "is leeg voor een vmbo-kandidaat, verwacht bb, kb, gl of tl")
        if school_type in ("havo", "vwo") and track is not None:
            c.error("leerweg", f"{track} bij {school_type}, verwacht een lege leerweg "
                    "(alleen vmbo heeft leerwegen)")
        programme = c.get("opleidingscode", parse_code, width=4, what="opleidingscode")
        birth = c.get("geboortedatum", parse_date)
        if birth is not None and year is not None and not 10 <= year - birth.year <= 80:
            c.error("geboortedatum", f"{birth.isoformat()} geeft een leeftijd van "
                    f"{year - birth.year} jaar in {year}, verwacht een geboortedatum van een "
                    "examenkandidaat")
        values = {
            "exam_year": year, "exam_number": number,
            "student_number": c.get("leerlingnummer", parse_code, what="leerlingnummer"),
            "last_name": c.get("achternaam", required=True, expected="de achternaam"),
            "name_prefix": c.get("tussenvoegsel"), "first_name": c.get("roepnaam"),
            "initials": c.get("voorletters"),
            "gender": c.get("geslacht", parse_choice, options=GENDERS, what="geslacht"),
            "birth_date": birth, "school_type": school_type,
            "track": track if school_type == "vmbo" else None,
            "variant": _variant(school_type, programme),
            "programme_code": programme, "profile": c.get("profiel"),
            "class_name": c.get("klas"), "cohort": c.get("cohort"),
            "facilities": c.get("faciliteiten"),
        }
        if not c.failed:
            out.append((row.line, values))
    return out


def _variant(school_type: str | None, programme: str | None) -> str | None:
    """vwo opleidingscodes 017x are atheneum, 027x gymnasium (Regeling codetabellen bijlage I)."""
    if school_type != "vwo" or not programme:
        return None
    return {"01": "atheneum", "02": "gymnasium"}.get(programme[:2]) if programme[2] == "7" else None


def _require_subject_column(ctx: _Context) -> None:
    """A subject is named by our abbreviation (vak) or DUO's code (vakcode); one must be there."""
    if not (ctx.table.has("vak") or ctx.table.has("vakcode")):
        raise ReadError([Problem(ctx.table.file, 1, "vak", "verplichte kolom ontbreekt, verwacht "
                                 "een kolom vak of vakcode")])


def _validate_subjects(ctx: _Context) -> Rows:
    _require_subject_column(ctx)
    out: Rows = []
    for row in ctx.table.rows:
        c = _Cells(ctx, row)
        year = ctx.year(c)
        number = _exam_number(c)
        cand = ctx.candidate(c, year, number)
        code = c.get("vakcode", parse_code, width=4, what="vakcode")
        vak = c.get("vak")
        subject = vak
        info = None
        if cand is not None:
            stype, track = cand["school_type"], cand["track"]
            mapped = subject_table.subject_for_vakcode(code, stype, track) if code else None
            if vak is None and code is None:
                c.error("vak", "vak en vakcode zijn beide leeg, verwacht een vakafkorting "
                        "zoals netl")
            elif vak is None:
                if mapped is None:
                    c.error("vakcode", f"vakcode {code} is onbekend voor {stype}, verwacht een "
                            "DUO-vakcode uit de vakcodetabel of een kolom vak")
                subject = mapped
            elif mapped is not None and mapped != vak:
                c.error("vak", f"'{vak}' hoort niet bij vakcode {code} volgens de "
                        f"DUO-vakcodetabel, verwacht {mapped}")
            if subject:
                info = subject_table.info_for(subject, stype, track)
        values = {
            "exam_year": year, "exam_number": number, "subject": subject, "subject_code": code,
            "name": info.name if info else None,
            "exam_part": c.get("examendeel", parse_choice, options=EXAM_PARTS, what="examendeel"),
            "has_ce": c.get("centraal_examen", parse_bool),
        }
        if not c.failed:
            out.append((row.line, values))
    return out


def _validate_pta(ctx: _Context) -> Rows:
    _require_subject_column(ctx)
    out: Rows = []
    for row in ctx.table.rows:
        c = _Cells(ctx, row)
        school_type = c.get("schooltype", parse_choice, required=True, options=SCHOOL_TYPES,
                            what="schooltype", expected="vwo, havo of vmbo")
        code = c.get("vakcode", parse_code, width=4, what="vakcode")
        subject = c.get("vak")
        if subject is None and code is not None and school_type:
            subject = subject_table.subject_for_vakcode(code, school_type, None)
            if subject is None:
                c.error("vakcode", f"vakcode {code} is onbekend voor {school_type}, verwacht een "
                        "DUO-vakcode uit de vakcodetabel of een kolom vak")
        elif subject is None and code is None:
            c.error("vak", "vak en vakcode zijn beide leeg, verwacht een vakafkorting zoals netl")
        result_type = c.get("resultaattype", parse_choice, required=True, options=RESULT_TYPES,
                            what="resultaattype", expected="cijfer, voldaan of vog")
        weight = c.get("weging", parse_decimal, required=True, lo=Decimal(0), hi=Decimal(1000),
                       places=3, what="weging", expected="een weging zoals 10 of 2,5")
        if weight and result_type in ("voldaan", "vog"):
            c.error("weging", f"{c.raw('weging')} bij resultaattype {result_type}, verwacht 0: "
                    "een beoordeling telt niet mee in het SE-cijfer")
        values = {
            "cohort": c.get("cohort", required=True, expected="een cohort zoals 2023-2025"),
            "school_type": school_type, "subject": subject,
            "test_code": c.get("toetscode", parse_code, required=True, what="toetscode",
                               expected="een toetscode"),
            "subject_code": code, "description": c.get("omschrijving"),
            "year_of_study": c.get("leerjaar", parse_int, lo=1, hi=8, what="leerjaar"),
            "period": c.get("periode", parse_int, lo=1, hi=12, what="periode"),
            "kind": c.get("soort", parse_choice, options=PTA_KINDS, what="soort"),
            "weight": weight, "resit_allowed": c.get("herkansbaar", parse_bool),
            "result_type": result_type, "domains": c.get("domeinen"),
            "duration_min": c.get("duur_min", parse_int, lo=0, hi=1440, what="duur in minuten"),
        }
        if not c.failed:
            out.append((row.line, values))
    return out


def _validate_se_results(ctx: _Context) -> Rows:
    _require_subject_column(ctx)
    out: Rows = []
    pta = ctx.ref.pta()
    resits_not_allowed = 0
    for row in ctx.table.rows:
        c = _Cells(ctx, row)
        year = ctx.year(c)
        number = _exam_number(c)
        cand = ctx.candidate(c, year, number)
        subject, _code = ctx.subject(c, year, number, cand)
        test_code = c.get("toetscode", parse_code, required=True, what="toetscode",
                          expected="een toetscode uit het PTA")
        attempt = c.get("poging", parse_choice, required=True, options=ATTEMPTS, what="poging",
                        expected="afname, inhaal of herkansing")
        seq = c.get("volgnummer", parse_int, lo=1, hi=9, what="volgnummer") or 1
        status = c.get("status", parse_choice, options=SE_STATUSES, what="status")
        raw = c.raw("resultaat")
        grade = assessment = None
        if raw:
            if any(ch.isdigit() for ch in raw):
                grade = c.get("resultaat", parse_decimal, lo=GRADE_LO, hi=GRADE_HI, places=1,
                              what="cijfer")
            else:
                assessment = c.get("resultaat", parse_choice, options=ASSESSMENTS,
                                   what="beoordeling")
        elif status is None and not c.failed:
            c.error("resultaat", "is leeg, verwacht een cijfer van 1,0 tot en met 10,0, een "
                    "beoordeling (voldaan, V, G, O) of een status (niet_gemaakt, vrijstelling, "
                    "onregelmatigheid)")
        if status == "niet_gemaakt" and raw:
            c.error("resultaat", f"'{raw}' bij status niet_gemaakt, verwacht een leeg resultaat")
        if cand is not None and subject and test_code:
            cohort = cand["cohort"]
            found = pta.get((cohort, cand["school_type"], subject, test_code)) if cohort else None
            if cohort is None:
                c.error("examennummer", f"kandidaat {number} heeft geen cohort, verwacht "
                        "een cohort in candidates om het PTA te vinden")
            elif found is None:
                c.error("toetscode", f"toets {test_code} staat niet in het PTA van cohort {cohort} "
                        f"{cand['school_type']} {subject}, verwacht een toetscode uit het PTA "
                        "(importeer eerst pta)")
            else:
                result_type, resit_allowed = found
                if result_type == "cijfer" and assessment is not None:
                    c.error("resultaat", f"'{raw}' is een beoordeling, verwacht een cijfer "
                            f"(toets {test_code} heeft resultaattype cijfer)")
                elif result_type in ASSESSMENTS_BY_TYPE and grade is not None:
                    c.error("resultaat", f"'{raw}' is een cijfer, verwacht een beoordeling "
                            f"(toets {test_code} heeft resultaattype {result_type})")
                elif (result_type in ASSESSMENTS_BY_TYPE and assessment is not None
                      and assessment not in ASSESSMENTS_BY_TYPE[result_type]):
                    c.error("resultaat", f"'{raw}' past niet bij resultaattype {result_type}, "
                            "verwacht " + " of ".join(sorted(ASSESSMENTS_BY_TYPE[result_type])))
                if attempt == "herkansing" and resit_allowed is False:
                    resits_not_allowed += 1
        values = {"exam_year": year, "exam_number": number, "subject": subject,
                  "test_code": test_code, "attempt": attempt, "seq": seq, "grade": grade,
                  "assessment": assessment, "taken_on": c.get("datum", parse_date),
                  "status": status}
        if not c.failed:
            out.append((row.line, values))
    if resits_not_allowed:
        ctx.notices.append(f"{ctx.table.file}: {resits_not_allowed} herkansing(en) van een toets "
                           "die volgens het PTA niet herkansbaar is; controleer of de "
                           "examencommissie dit heeft toegestaan.")
    return out


def _validate_exams(ctx: _Context) -> Rows:
    """Cito's DNT (pipe, Cito's header names, no year) and the normalized dnt/nterms files."""
    t = ctx.table
    cito = t.has("sty_id")
    n_terms = ctx.spec.kind == "n-terms"
    if n_terms:
        missing = [c for c in ("schaallengte", "nterm") if not t.has(c)]
        if missing:
            raise ReadError([Problem(t.file, 1, c, "verplichte kolom ontbreekt, verwacht een "
                                     f"kolom '{c}'") for c in missing])
    if not (t.has("schooltype") or t.has("sty_id")) and not n_terms:
        raise ReadError([Problem(t.file, 1, "schooltype", "verplichte kolom ontbreekt, verwacht "
                                 "een kolom schooltype (of sty_id in Cito's DNT)")])
    if not t.has("tijdvak") and not n_terms:
        raise ReadError([Problem(t.file, 1, "tijdvak", "verplichte kolom ontbreekt, verwacht een "
                                 "kolom tijdvak (Tijdvak in Cito's DNT)")])
    if not (t.has("vakcode") or t.has("vak")) and not n_terms:
        raise ReadError([Problem(t.file, 1, "vakcode", "verplichte kolom ontbreekt, verwacht een "
                                 "kolom vakcode (of ext_code in Cito's DNT)")])
    base = Path(t.file).name
    default_source = f"cito-dnt:{base}" if cito else f"bestand:{base}"
    exams = ctx.ref.exams()
    out: Rows = []
    high_n = []
    for row in t.rows:
        c = _Cells(ctx, row)
        year = ctx.year(c)
        nex_id = c.get("nex_id", parse_code, required=True, what="NEX-ID",
                       expected="het NEX-ID van het examen")
        if nex_id is not None and not nex_id.isdigit():
            c.error("nex_id", f"'{nex_id}' is geen NEX-ID, verwacht een getal zoals 31001")
        existing = exams.get((year, nex_id)) if year is not None and nex_id else None
        if cito:
            school_type = c.get("sty_id", parse_choice, required=True, options=STY_IDS,
                                what="sty_id", expected="1 (vwo), 2 (havo) of 3 (vmbo)")
            opl = c.raw("opl_code").lower()
            if school_type and opl and opl != school_type:
                c.error("opl_code", f"'{c.raw('opl_code')}' past niet bij sty_id {c.raw('sty_id')} "
                        f"({school_type}), verwacht {school_type.upper()}")
        else:
            school_type = c.get("schooltype", parse_choice, options=SCHOOL_TYPES,
                                what="schooltype")
        track = None
        if c.raw("leerweg"):
            if school_type == "vmbo" or (school_type is None and not cito):
                track = c.get("leerweg", parse_choice, options=EXAM_TRACKS, what="leerweg")
        period = c.get("tijdvak", parse_int, required=existing is None, lo=1, hi=3,
                       what="tijdvak", expected="tijdvak 1, 2 of 3")
        code = c.get("vakcode", parse_code, width=4, what="vakcode")
        subject = c.get("vak")
        if subject is None and code is not None and school_type is not None:
            subject = subject_table.subject_for_vakcode(code, school_type, track)
            if subject is None and existing and existing["subject_code"] == code:
                subject = existing["subject"]
            if subject is None:
                c.error("vakcode", f"vakcode {code} is onbekend voor {school_type}"
                        f"{' ' + track if track else ''}, verwacht een DUO-vakcode uit de "
                        "vakcodetabel (of gebruik het genormaliseerde bestand met kolom vak)")
        scale = c.get("schaallengte", parse_int, lo=1, hi=999, what="schaallengte")
        nterm = c.get("nterm", parse_decimal, lo=NTERM_LO, hi=NTERM_HI, places=1, what="N-term")
        if nterm is not None and nterm > NTERM_USUAL:
            high_n.append(f"{nex_id} ({str(nterm).replace('.', ',')})")
        exam_date = c.get("datum", parse_date)
        if exam_date is not None and year is not None and exam_date.year != year:
            c.error("datum", f"{exam_date.isoformat()} ligt niet in examenjaar {year}, verwacht "
                    f"een datum in {year}")
        values: dict[str, Any] = {
            "exam_year": year, "nex_id": nex_id, "school_type": school_type, "track": track,
            "subject_code": code, "subject": subject, "period": period,
            "description": c.get("omschrijving"), "exam_date": exam_date,
            "start_time": c.get("begintijd", parse_time), "end_time": c.get("eindtijd", parse_time),
            "scale_length": scale, "n_term": nterm,
            "source": c.get("bron") or default_source,
        }
        # Columns the file does not have keep what the database knows (an N-term file has no
        # dates); a new exam must be fully described.
        present = {"school_type": t.has("schooltype") or cito, "track": t.has("leerweg"),
                   "period": t.has("tijdvak"),
                   "subject_code": t.has("vakcode"), "subject": t.has("vak") or t.has("vakcode"),
                   "description": t.has("omschrijving"), "exam_date": t.has("datum"),
                   "start_time": t.has("begintijd"), "end_time": t.has("eindtijd")}
        for column, has in present.items():
            if existing is not None and (not has or (values[column] is None and column in (
                    "school_type", "subject", "subject_code", "period"))):
                values[column] = existing[column]
        if not c.failed:
            if values["school_type"] is None:
                c.error("schooltype", f"examen {nex_id} is nog onbekend en de schooltype is leeg, "
                        "verwacht vwo, havo of vmbo")
            elif values["subject"] is None:
                c.error("vakcode", f"examen {nex_id} is nog onbekend en het vak is leeg, verwacht "
                        "een vakcode of vak")
            elif existing is not None and period is not None and existing["period"] != period:
                c.error("tijdvak", f"examen {nex_id} staat in de database als tijdvak "
                        f"{existing['period']}, verwacht hetzelfde tijdvak (een NEX-ID hoort bij "
                        "één tijdvak)")
        if n_terms and scale is None and nterm is None and not c.failed:
            c.error("nterm", "N-term en schaallengte zijn beide leeg, verwacht ten minste één van "
                    "beide")
        if not c.failed:
            out.append((row.line, values))
    if high_n:
        ctx.notices.append(f"{t.file}: N-term boven 2,0 (uitzonderlijk, controleer): "
                           + ", ".join(high_n) + ".")
    return out


def _validate_ce_scores(ctx: _Context) -> Rows:
    _require_subject_column(ctx)
    exams = ctx.ref.exams()
    items = ctx.ref.items()
    awards = ctx.ref.awards()
    out: Rows = []
    for row in ctx.table.rows:
        c = _Cells(ctx, row)
        year = ctx.year(c)
        number = _exam_number(c)
        period = c.get("tijdvak", parse_int, required=True, lo=1, hi=3, what="tijdvak",
                       expected="tijdvak 1, 2 of 3")
        cand = ctx.candidate(c, year, number)
        subject, code = ctx.subject(c, year, number, cand)
        nex_id = c.get("nex_id", parse_code, what="NEX-ID")
        score = c.get("score", parse_int, lo=0, hi=999, what="score")
        status = c.get("status", parse_choice, options=CE_STATUSES, what="status")
        direct = c.get("ce_cijfer_direct", parse_decimal, lo=GRADE_LO, hi=GRADE_HI, places=1,
                       what="CE-cijfer")
        if score is None and status is None and direct is None and not c.failed:
            c.error("score", "is leeg, verwacht een score, een status (afwezig, onregelmatigheid, "
                    "vrijstelling) of een ce_cijfer_direct")
        if status == "afwezig" and (score is not None or direct is not None):
            c.error("status", "afwezig met een score of cijfer, verwacht een lege score bij "
                    "afwezig")
        if score is not None and direct is not None:
            c.error("ce_cijfer_direct", "zowel een score als een direct cijfer, verwacht één van "
                    "beide")
        package = ctx.ref.packages().get((year, number)) if cand else None
        if package and subject in package and package[subject][1] is False:
            c.error("vak", f"vak {subject} heeft volgens het vakkenpakket van kandidaat {number} "
                    "geen centraal examen, verwacht een vak met centraal_examen J")
        exam = None
        if nex_id is not None and year is not None:
            exam = exams.get((year, nex_id))
            if exam is None:
                c.error("nex_id", f"examen {nex_id} is onbekend in examenjaar {year}, verwacht een "
                        "NEX-ID uit de DNT (importeer eerst dnt)")
        elif score is not None and cand is not None and period is not None and year is not None:
            found = [e for e in exams.values() if e["exam_year"] == year
                     and e["school_type"] == cand["school_type"] and e["period"] == period
                     and _track_fits(e["track"], cand["track"])
                     and ((code and e["subject_code"] == code) or e["subject"] == subject)]
            if len(found) == 1:
                exam = found[0]
                nex_id = exam["nex_id"]
            else:
                c.error("nex_id", f"is leeg en er {'is geen' if not found else 'zijn meerdere'} "
                        f"examen(s) voor {subject} tijdvak {period}, verwacht het NEX-ID")
        if exam is not None and cand is not None:
            if exam["school_type"] != cand["school_type"] or not _track_fits(exam["track"],
                                                                             cand["track"]):
                c.error("nex_id", f"examen {nex_id} is voor {exam['school_type']}"
                        f"{' ' + exam['track'] if exam['track'] else ''}, kandidaat {number} doet "
                        f"{cand['school_type']}{' ' + cand['track'] if cand['track'] else ''}; "
                        "verwacht een examen van de eigen schooltype en leerweg")
            if period is not None and exam["period"] != period:
                c.error("tijdvak", f"examen {nex_id} is van tijdvak {exam['period']}, verwacht "
                        f"tijdvak {exam['period']}")
            if code and exam["subject_code"] and exam["subject_code"] != code:
                c.error("vakcode", f"examen {nex_id} is voor vakcode {exam['subject_code']}, "
                        f"verwacht {exam['subject_code']}")
            scale = exam["scale_length"]
            if score is not None and scale is not None and score > scale:
                c.error("score", f"{score} is hoger dan de schaallengte {exam['scale_length']} van "
                        f"examen {nex_id}, verwacht 0 tot en met {exam['scale_length']}")
        if score is not None and nex_id and year is not None and not c.failed:
            exam_items = [i for i in items.get((year, nex_id), []) if i[0] == number]
            if exam_items:
                total = candidate_totals(exam_items, awards.get((year, nex_id), {}),
                                         {i[1] for i in items[(year, nex_id)]})[number]
                if total.total is not None and total.total != score:
                    c.error("score", f"{score} wijkt af van de som van de definitieve scores per "
                            f"vraag ({total.total}), verwacht {total.total}")
        values = {"exam_year": year, "period": period, "exam_number": number, "subject": subject,
                  "subject_code": code, "nex_id": nex_id, "score": score, "status": status,
                  "direct_grade": direct}
        if not c.failed:
            out.append((row.line, values))
    return out


def _track_fits(exam_track: str | None, candidate_track: str | None) -> bool:
    if not exam_track:
        return True
    return candidate_track is not None and candidate_track in exam_track.split("-")


def _validate_ce_items(ctx: _Context) -> Rows:
    exams = ctx.ref.exams()
    stored_items = ctx.ref.items()
    awards = ctx.ref.awards()
    scores = ctx.ref.ce_scores()
    out: Rows = []
    max_seen: dict[tuple[int, str, str], tuple[int, int]] = {}   # (year, nex, q) -> (max, line)
    for (year, nex_id), rows in stored_items.items():
        for _n, question, mx, *_ in rows:
            max_seen.setdefault((year, nex_id, question), (mx, 0))
    for row in ctx.table.rows:
        c = _Cells(ctx, row)
        year = ctx.year(c)
        period = c.get("tijdvak", parse_int, required=True, lo=1, hi=3, what="tijdvak",
                       expected="tijdvak 1, 2 of 3")
        nex_id = c.get("nex_id", parse_code, required=True, what="NEX-ID",
                       expected="het NEX-ID van het examen")
        number = _exam_number(c)
        cand = ctx.candidate(c, year, number)
        question = c.get("vraag", parse_code, required=True, what="vraag",
                         expected="een vraagnummer")
        maximum = c.get("maxscore", parse_int, required=True, lo=1, hi=99, what="maximumscore",
                        expected="de maximumscore van de vraag")
        scores_ = []
        for column in ("score_corrector1", "score_corrector2", "score_definitief"):
            value = c.get(column, parse_int, lo=0, hi=99, what="score")
            if value is not None and maximum is not None and value > maximum:
                c.error(column, f"{value} is hoger dan de maximumscore {maximum} van vraag "
                        f"{question}, verwacht 0 tot en met {maximum}")
            scores_.append(value)
        exam = exams.get((year, nex_id)) if year is not None and nex_id else None
        if nex_id and year is not None and exam is None:
            c.error("nex_id", f"examen {nex_id} is onbekend in examenjaar {year}, verwacht een "
                    "NEX-ID uit de DNT (importeer eerst dnt)")
        if exam is not None and period is not None and exam["period"] != period:
            c.error("tijdvak", f"examen {nex_id} is van tijdvak {exam['period']}, verwacht "
                    f"tijdvak {exam['period']}")
        if exam is not None and cand is not None and (
                exam["school_type"] != cand["school_type"]
                or not _track_fits(exam["track"], cand["track"])):
            c.error("nex_id", f"examen {nex_id} is voor {exam['school_type']}, kandidaat {number} "
                    f"doet {cand['school_type']}; verwacht een examen van de eigen schooltype")
        if maximum is not None and question and nex_id and year is not None:
            seen = max_seen.get((year, nex_id, question))
            if seen is not None and seen[0] != maximum:
                where = f"regel {seen[1]}" if seen[1] else "de database"
                c.error("maxscore", f"{maximum} voor vraag {question}, maar {where} geeft "
                        f"{seen[0]}; verwacht één maximumscore per vraag")
            else:
                max_seen.setdefault((year, nex_id, question), (maximum, row.line))
        values = {"exam_year": year, "period": period, "nex_id": nex_id, "exam_number": number,
                  "question": question, "max_score": maximum, "score_c1": scores_[0],
                  "score_c2": scores_[1], "score_final": scores_[2]}
        if not c.failed:
            out.append((row.line, values))
    # Whole-exam checks: the definitive set must sum to the stored total; sum of maxima = L.
    merged: dict[tuple[int, str], dict[tuple[str, str], tuple[Any, ...]]] = defaultdict(dict)
    first_line: dict[tuple[int, str, str], int] = {}
    for (year, nex_id), rows in stored_items.items():
        for r in rows:
            merged[(year, nex_id)][(r[0], r[1])] = r
    for line, v in out:
        k = (v["exam_year"], v["nex_id"])
        merged[k][(v["exam_number"], v["question"])] = (
            v["exam_number"], v["question"], v["max_score"], v["score_c1"], v["score_c2"],
            v["score_final"])
        first_line.setdefault((*k, v["exam_number"]), line)
    for (year, nex_id), rows in merged.items():
        if not any(k[:2] == (year, nex_id) for k in first_line):
            continue
        all_rows = list(rows.values())
        questions = {r[1] for r in all_rows}
        totals = candidate_totals(all_rows, awards.get((year, nex_id), {}), questions)
        for (y, n, number), line in first_line.items():
            if (y, n) != (year, nex_id):
                continue
            stored = scores.get((year, nex_id, number))
            total = totals[number].total
            stored_score = stored["score"] if stored else None
            if stored_score is not None and total is not None and total != stored_score:
                ctx.problems.append(Problem(
                    ctx.table.file, line, "score_definitief",
                    f"de definitieve scores van kandidaat {number} tellen op tot {total}, maar de "
                    f"totaalscore in ce-scores is {stored['score']}; verwacht dezelfde som"))
        exam = exams.get((year, nex_id))
        maxima: dict[str, int] = {}
        for r in all_rows:
            maxima[r[1]] = r[2]
        if exam and exam["scale_length"] and sum(maxima.values()) != exam["scale_length"]:
            ctx.notices.append(
                f"{ctx.table.file}: examen {nex_id}: de maximumscores tellen op tot "
                f"{sum(maxima.values())}, de schaallengte is {exam['scale_length']} (kan kloppen "
                "als het CvTE punten heeft toegekend; controleer het correctievoorschrift).")
    return out


_VALIDATORS: dict[str, Callable[[_Context], Rows]] = {
    "candidates": _validate_candidates, "subjects": _validate_subjects, "pta": _validate_pta,
    "se-results": _validate_se_results, "dnt": _validate_exams, "n-terms": _validate_exams,
    "ce-scores": _validate_ce_scores, "ce-item-scores": _validate_ce_items,
}


# -- the import itself --------------------------------------------------------------------------

def import_file(store: Store, kind: str, path: str | Path, *, exam_year: int | None = None,
                progress: Progress | None = None, display_name: str | None = None) -> ImportReport:
    """Validate the whole file; write it in one audited transaction only when it is clean."""
    if kind not in KINDS:
        raise ValueError(f"Onbekende soort '{kind}', verwacht een van: {', '.join(KINDS)}.")
    spec = KINDS[kind]
    name = display_name or str(path)
    report = ImportReport(kind, name, ok=False)
    try:
        table = read_table(path, spec.columns, display_name=name)
    except ReadError as exc:
        report.errors = [str(p) for p in exc.problems]
        return report
    report.notices += table.notices
    report.rows_read = len(table.rows)
    if spec.year_column and not table.has("examenjaar") and exam_year is None:
        report.errors = [str(Problem(name, 1, "examenjaar",
                                     "kolom ontbreekt, verwacht een kolom examenjaar of de optie "
                                     "--examenjaar JJJJ"))]
        return report
    ctx = _Context(spec, table, _Reference(store), exam_year)
    try:
        rows = _VALIDATORS[kind](ctx)
    except ReadError as exc:
        report.errors = [str(p) for p in exc.problems]
        return report
    _check_duplicates(ctx, rows)
    report.notices += ctx.notices
    if ctx.problems:
        report.errors = [str(p) for p in sorted(ctx.problems, key=lambda p: p.line)]
        return report
    values = [v for _, v in rows]
    before: dict[str, Any] = {}
    if spec.table == "ce_exams":
        values = _keep_published_values(ctx, values, report)
        before = _results_before(store, ctx, values, report)
    counts = UpsertCounts()
    total = len(values)
    with store.transaction(reason=f"import {kind}", source=Path(name).name) as tx:
        for start in range(0, total, CHUNK):
            counts.add(tx.upsert_many(spec.table, spec.key, values[start:start + CHUNK]))
            if progress:
                progress(min(start + CHUNK, total), total)
        tx.audit("import", spec.table, None, None, None,
                 f"{report.rows_read} regels; {counts.sentence()}")
    report.ok = True
    report.counts = counts
    if before:
        report.affected = _results_after(store, before, report)
    return report


def _check_duplicates(ctx: _Context, rows: Rows) -> None:
    seen: dict[tuple[Any, ...], int] = {}
    for line, values in rows:
        key = tuple(values[k] for k in ctx.spec.key)
        if key in seen:
            shown = "/".join(str(k) for k in key)
            extra = (" (een tweede herkansing krijgt een kolom volgnummer)"
                     if ctx.spec.kind == "se-results" else "")
            ctx.problems.append(Problem(ctx.table.file, line, "regel",
                                        f"dubbele sleutel {shown}, staat ook op regel "
                                        f"{seen[key]}; verwacht elke sleutel één keer{extra}"))
        else:
            seen[key] = line


def _keep_published_values(ctx: _Context, values: list[dict[str, Any]],
                           report: ImportReport) -> list[dict[str, Any]]:
    """An empty L or N in a (re-published or older) DNT never erases a stored one, and the
    source of an exam only changes with its content: re-reading an identical table under a
    new file name must not mark every exam as changed."""
    exams = ctx.ref.exams()
    kept = 0
    out = []
    for v in values:
        existing = exams.get((v["exam_year"], v["nex_id"]))
        if existing is None:
            out.append(v)
            continue
        v = dict(v)
        for column in ("scale_length", "n_term"):
            if v[column] is None and existing[column] is not None:
                v[column] = existing[column]
                kept += 1
        content_same = all(_same(v[c], existing[c]) for c in v if c != "source")
        if content_same:
            v["source"] = existing["source"]
        else:
            report.changed_exams.append(_exam_change(existing, v))
        out.append(v)
    if kept:
        report.notices.append(f"{ctx.table.file}: {kept} lege schaallengte/N-term in het bestand; "
                              "de opgeslagen waarde blijft staan.")
    return out


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)):
        return Decimal(a) == Decimal(b)
    return a == b


def _exam_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    labels = {"scale_length": "schaallengte", "n_term": "N-term", "exam_date": "datum",
              "start_time": "begintijd", "end_time": "eindtijd", "description": "omschrijving",
              "period": "tijdvak", "subject": "vak", "subject_code": "vakcode",
              "school_type": "schooltype", "track": "leerweg"}
    parts = [f"{label} {_nl(old[c])} -> {_nl(new[c])}" for c, label in labels.items()
             if not _same(old[c], new[c])]
    return f"{new['nex_id']} ({new['subject']}, tijdvak {new['period']}): " + ", ".join(parts)


def _nl(value: Any) -> str:
    if value is None:
        return "leeg"
    return str(value).replace(".", ",") if isinstance(value, Decimal) else str(value)


# -- DNT/N-term updates: who gets a different result ---------------------------------------------

def _grade_changed_exams(ctx: _Context, values: Sequence[dict[str, Any]]) -> set[tuple[int, str]]:
    exams = ctx.ref.exams()
    out = set()
    for v in values:
        old = exams.get((v["exam_year"], v["nex_id"]))
        if old is not None and not (_same(old["scale_length"], v["scale_length"])
                                    and _same(old["n_term"], v["n_term"])):
            out.add((v["exam_year"], v["nex_id"]))
    return out


def _results_before(store: Store, ctx: _Context, values: Sequence[dict[str, Any]],
                    report: ImportReport) -> dict[str, Any]:
    changed = _grade_changed_exams(ctx, values)
    if not changed:
        return {}
    scores = ctx.ref.ce_scores()
    by_year: dict[int, set[str]] = defaultdict(set)
    for year, nex_id, number in scores:
        if (year, nex_id) in changed:
            by_year[year].add(number)
    if not by_year:
        return {}
    snapshots: dict[int, dict[str, Any]] = {}
    error = None
    for year, numbers in by_year.items():
        try:
            snapshots[year] = snapshot_results(store, year, sorted(numbers))
        except Exception as exc:  # the results engine must not block loading N-terms
            error = exc
            snapshots[year] = {n: None for n in numbers}
    if error is not None:
        report.notices.append(f"De resultaten konden niet worden herberekend ({error}); de "
                              "lijst hieronder noemt de kandidaten met een score op een "
                              "gewijzigd examen.")
    return {"numbers": dict(by_year), "before": snapshots,
            "names": ctx.ref.candidates()}


def snapshot_results(store: Store, year: int, numbers: list[str]) -> dict[str, Any]:
    from ..results import compute_results

    out: dict[str, Any] = {}
    for result in compute_results(store, exam_year=year, exam_numbers=numbers):
        out[result.exam_number] = _result_facts(result)
    return out


def _result_facts(result: Any) -> dict[str, Any]:
    subjects = {}
    for s in result.subjects:
        subjects[s.subject] = {"ce_grade": s.ce_grade, "final_grade": s.final_grade,
                               "ce_grades": dict(s.ce_grades)}
    return {"subjects": subjects, "passed": result.passed, "cum_laude": result.cum_laude,
            "name": result.display_name}


def _results_after(store: Store, before: dict[str, Any], report: ImportReport,
                   ) -> list[AffectedCandidate]:
    affected: list[AffectedCandidate] = []
    names = before["names"]
    for year, numbers in before["numbers"].items():
        old_all = before["before"][year]
        try:
            new_all = snapshot_results(store, year, sorted(numbers))
        except Exception as exc:
            report.notices.append(f"De resultaten konden niet worden herberekend ({exc}).")
            new_all = {}
        for number in sorted(numbers):
            old, new = old_all.get(number), new_all.get(number)
            name = names.get((year, number), {}).get("name", "")
            if old is None or new is None:
                affected.append(AffectedCandidate(number, name, ["score op een gewijzigd examen"]))
                continue
            changes = describe_changes(old, new)
            if changes:
                affected.append(AffectedCandidate(number, name, changes))
    return affected


def describe_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Two snapshots of one candidate in words ("netl CE 7,2 -> 7,5"); empty when equal."""
    out = []
    for subject in sorted(set(old["subjects"]) | set(new["subjects"])):
        o = old["subjects"].get(subject, {})
        n = new["subjects"].get(subject, {})
        parts = []
        old_tv, new_tv = o.get("ce_grades", {}), n.get("ce_grades", {})
        for period in sorted(set(old_tv) | set(new_tv)):
            if not _same(old_tv.get(period), new_tv.get(period)):
                parts.append(f"CE tijdvak {period} {_grade(old_tv.get(period))} -> "
                             f"{_grade(new_tv.get(period))}")
        if not _same(o.get("ce_grade"), n.get("ce_grade")):
            parts.append(f"CE {_grade(o.get('ce_grade'))} -> {_grade(n.get('ce_grade'))}")
        if not _same(o.get("final_grade"), n.get("final_grade")):
            parts.append(f"eindcijfer {_grade(o.get('final_grade'))} -> "
                         f"{_grade(n.get('final_grade'))}")
        if parts:
            out.append(f"{subject} " + ", ".join(parts))
    if old["passed"] != new["passed"]:
        out.append(f"uitslag {_outcome(old['passed'])} -> {_outcome(new['passed'])}")
    if old["cum_laude"] != new["cum_laude"]:
        out.append(f"cum laude {_outcome(old['cum_laude'])} -> {_outcome(new['cum_laude'])}")
    return out


def _grade(value: Any) -> str:
    return "ontbreekt" if value is None else str(value).replace(".", ",")


def _outcome(value: bool | None) -> str:
    return {True: "ja", False: "nee", None: "nog niet te bepalen"}[value]
