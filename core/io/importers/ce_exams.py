"""CE exams: Cito's DNT (when, which scale) and the N-terms that turn a score into a grade.

Why one validator for two kinds: the DNT and an N-term file describe the same rows (one per
NEX-ID); an N-term file just has fewer columns. Columns a file lacks keep what the database
knows, an empty L or N never erases a published one, and a re-published DNT changes exactly
what changed. When an exam's L or N changes, the candidates with a score on it get another CE
grade: they are named with their old and new result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...limits import NTERM_HI, NTERM_LO, NTERM_USUAL, SCALE_LENGTH_HI, SCALE_LENGTH_LO
from ...reference import subject_for_vakcode
from ..reading import (
    Column,
    Problem,
    ReadError,
    parse_choice,
    parse_code,
    parse_date,
    parse_decimal,
    parse_int,
    parse_time,
)
from .context import Cells, Context, ImportReport, KindSpec, Rows, Values
from .vocabulary import EXAM_TRACKS, SCHOOL_TYPES, STY_IDS


def _validate_exams(ctx: Context) -> Rows:
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
        c = Cells(ctx, row)
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
            subject = subject_for_vakcode(code, school_type, track)
            if subject is None and existing and existing["subject_code"] == code:
                subject = existing["subject"]
            if subject is None:
                c.error("vakcode", f"vakcode {code} is onbekend voor {school_type}"
                        f"{' ' + track if track else ''}, verwacht een DUO-vakcode uit de "
                        "vakcodetabel (of gebruik het genormaliseerde bestand met kolom vak)")
        scale = c.get("schaallengte", parse_int, lo=SCALE_LENGTH_LO, hi=SCALE_LENGTH_HI,
                      what="schaallengte")
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


def _keep_published_values(ctx: Context, values: list[dict[str, Any]],
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


def _grade_changed_exams(ctx: Context, values: Sequence[dict[str, Any]]) -> set[tuple[int, str]]:
    exams = ctx.ref.exams()
    out = set()
    for v in values:
        old = exams.get((v["exam_year"], v["nex_id"]))
        if old is not None and not (_same(old["scale_length"], v["scale_length"])
                                    and _same(old["n_term"], v["n_term"])):
            out.add((v["exam_year"], v["nex_id"]))
    return out


def _candidates_on_changed_exams(ctx: Context, values: Values,
                                 report: ImportReport) -> Mapping[int, set[str]] | None:
    """By exam year, the candidates with a score on an exam whose L or N changes."""
    if not report.changed_exams:
        return None
    changed = _grade_changed_exams(ctx, values)
    by_year: dict[int, set[str]] = defaultdict(set)
    if changed:
        for year, nex_id, number in ctx.ref.ce_scores():
            if (year, nex_id) in changed:
                by_year[year].add(number)
    return dict(by_year)


_DNT_COLUMNS = (
    Column("examenjaar"), Column("nex_id", True), Column("schooltype"), Column("sty_id"),
    Column("opl_code"), Column("leerweg"), Column("vakcode", aliases=("ext_code",)),
    Column("vak"), Column("tijdvak"), Column("omschrijving"), Column("datum"),
    Column("begintijd"), Column("eindtijd"), Column("schaallengte"),
    Column("nterm", aliases=("N-term", "n_term", "normeringsterm")), Column("bron"),
    Column("afnamevakid"), Column("extra_vakcodes_tbv_wolf"),
)

DNT = KindSpec("dnt", "ce_exams", ("exam_year", "nex_id"), _DNT_COLUMNS,
               "CE-examens: Cito's DNT (met |) of dnt_JJJJ.csv", _validate_exams,
               prepare=_keep_published_values, watch=_candidates_on_changed_exams,
               watch_reason="score op een gewijzigd examen", one_transaction=True)

N_TERMS = KindSpec("n-terms", "ce_exams", ("exam_year", "nex_id"), _DNT_COLUMNS,
                   "N-termen en schaallengtes (nterms_JJJJ_tvN.csv)", _validate_exams,
                   prepare=_keep_published_values, watch=_candidates_on_changed_exams,
                   watch_reason="score op een gewijzigd examen", one_transaction=True)
