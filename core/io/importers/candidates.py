"""Candidates and their subject packages: who sits the exam, in which school type, with what.

Why strict here: every later file (SE results, CE scores) is checked against these rows, so a
wrong leerweg or an unknown vakcode would surface months later as a grade that cannot be
placed. A vmbo candidate needs one leerweg (GT is the exam's, never a candidate's); havo and vwo
have none; a subject given only by its DUO vakcode is looked up in the DUO table.
"""

from __future__ import annotations

from ...reference import info_for, subject_for_vakcode
from ..reading import Column, parse_bool, parse_choice, parse_code, parse_date
from .context import Cells, Context, KindSpec, Rows, exam_number, require_subject_column
from .vocabulary import CANDIDATE_TRACKS, EXAM_PARTS, GENDERS, SCHOOL_TYPES


def _validate_candidates(ctx: Context) -> Rows:
    out: Rows = []
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        year = ctx.year(c)
        number = exam_number(c)
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


def _validate_subjects(ctx: Context) -> Rows:
    require_subject_column(ctx)
    out: Rows = []
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        year = ctx.year(c)
        number = exam_number(c)
        cand = ctx.candidate(c, year, number)
        code = c.get("vakcode", parse_code, width=4, what="vakcode")
        vak = c.get("vak")
        subject = vak
        info = None
        if cand is not None:
            stype, track = cand["school_type"], cand["track"]
            mapped = subject_for_vakcode(code, stype, track) if code else None
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
                info = info_for(subject, stype, track)
        values = {
            "exam_year": year, "exam_number": number, "subject": subject, "subject_code": code,
            "name": info.name if info else None,
            "exam_part": c.get("examendeel", parse_choice, options=EXAM_PARTS, what="examendeel"),
            "has_ce": c.get("centraal_examen", parse_bool),
        }
        if not c.failed:
            out.append((row.line, values))
    return out


CANDIDATES = KindSpec(
    "candidates", "candidates", ("exam_year", "exam_number"), (
        Column("examenjaar"), Column("examennummer", True), Column("leerlingnummer"),
        Column("achternaam", True), Column("tussenvoegsel"), Column("roepnaam"),
        Column("voorletters"), Column("geslacht"), Column("geboortedatum"),
        Column("schooltype", True), Column("leerweg"), Column("opleidingscode"),
        Column("profiel"), Column("klas"), Column("cohort"), Column("faciliteiten"),
    ), "kandidaten (candidates.csv)", _validate_candidates)

SUBJECTS = KindSpec(
    "subjects", "candidate_subjects", ("exam_year", "exam_number", "subject"), (
        Column("examenjaar"), Column("examennummer", True), Column("vakcode"),
        Column("vak"), Column("examendeel"), Column("centraal_examen", aliases=("ce",)),
    ), "vakkenpakketten (candidate_subjects.csv)", _validate_subjects)
