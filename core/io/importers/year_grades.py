"""Year grades of pupils in the years before the exam year: what promotion is decided on.

Why its own kind: a pupil in 4 havo has no exam number yet, so these rows are keyed by school
year and leerlingnummer, not by exam year. One row per pupil and subject, the pupil's facts
(name, school type, leerjaar, class, whether the PTA parts of the year are complete) repeated on
each of his rows as a school's export has them; rows of one pupil must agree, or the file is
refused. A year grade has one decimal (the promotion norms round it themselves); LO comes as a
beoordeling (voldoende, goed, onvoldoende) instead of a grade.

Format (`;`, decimal comma, J/N): schooljaar;leerlingnummer;achternaam;tussenvoegsel;roepnaam;
schooltype;leerweg;leerjaar;klas;vak;jaarcijfer;beoordeling;pta_compleet.
`schooljaar` is the calendar year in which the school year ends (2025 = 2024-2025).
"""

from __future__ import annotations

from typing import Any

from ...limits import GRADE_HI, GRADE_LO, YEAR_HI, YEAR_LO
from ...reference import SchoolType
from ...rules.pack_input import EXAM_YEAR
from ..reading import Column, parse_bool, parse_choice, parse_code, parse_decimal, parse_int
from .context import Cells, Context, KindSpec, Rows
from .vocabulary import ASSESSMENTS, CANDIDATE_TRACKS, SCHOOL_TYPES

PUPIL_FACTS = ("last_name", "name_prefix", "first_name", "school_type", "track", "leerjaar",
               "class_name", "pta_complete")
LABELS = {"last_name": "achternaam", "name_prefix": "tussenvoegsel", "first_name": "roepnaam",
          "school_type": "schooltype", "track": "leerweg", "leerjaar": "leerjaar",
          "class_name": "klas", "pta_complete": "pta_compleet"}


def _validate(ctx: Context) -> Rows:
    out: Rows = []
    pupils: dict[tuple[int, str], tuple[int, dict[str, Any]]] = {}
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        year = c.get("schooljaar", parse_int, required=True, lo=YEAR_LO, hi=YEAR_HI,
                     what="schooljaar", expected="het jaar waarin het schooljaar eindigt, "
                     "zoals 2025")
        number = c.get("leerlingnummer", parse_code, required=True, what="leerlingnummer",
                       expected="een leerlingnummer")
        school_type = c.get("schooltype", parse_choice, required=True, options=SCHOOL_TYPES,
                            what="schooltype", expected="vwo, havo of vmbo")
        track = c.get("leerweg", parse_choice, options=CANDIDATE_TRACKS, what="leerweg")
        if school_type == "vmbo" and track in (None, "gl-tl") and not c.failed:
            c.error("leerweg", "is leeg of GT voor een vmbo-leerling, verwacht bb, kb, gl of tl")
        if school_type in ("havo", "vwo") and track is not None:
            c.error("leerweg", f"{track} bij {school_type}, verwacht een lege leerweg")
        leerjaar = c.get("leerjaar", parse_int, required=True, lo=1, hi=6, what="leerjaar",
                         expected="een leerjaar van 1 tot en met 6")
        exam_year = EXAM_YEAR[SchoolType.from_store(school_type, track).level] if (
            school_type and not c.failed) else None
        if exam_year is not None and leerjaar is not None and leerjaar >= exam_year:
            c.error("leerjaar", f"{leerjaar} is (na) het examenjaar van {school_type}, verwacht "
                    f"een leerjaar vóór {exam_year}: examenjaren staan in candidates en "
                    "se-results")
        subject = c.get("vak", required=True, expected="een vakafkorting zoals netl of lo")
        grade = c.get("jaarcijfer", parse_decimal, lo=GRADE_LO, hi=GRADE_HI, places=1,
                      what="jaarcijfer")
        assessment = c.get("beoordeling", parse_choice, options=ASSESSMENTS, what="beoordeling")
        if assessment is not None and assessment not in ("voldoende", "goed", "onvoldoende"):
            c.error("beoordeling", f"{assessment} is geen jaarbeoordeling, verwacht voldoende, "
                    "goed of onvoldoende")
        if grade is not None and assessment is not None:
            c.error("beoordeling", "naast een jaarcijfer, verwacht een jaarcijfer óf een "
                    "beoordeling")
        values = {
            "school_year": year, "student_number": number, "subject": subject,
            "last_name": c.get("achternaam"), "name_prefix": c.get("tussenvoegsel"),
            "first_name": c.get("roepnaam"), "school_type": school_type,
            "track": track if school_type == "vmbo" else None, "leerjaar": leerjaar,
            "class_name": c.get("klas"), "grade": grade, "assessment": assessment,
            "pta_complete": c.get("pta_compleet", parse_bool),
        }
        if c.failed:
            continue
        key = (year, number)
        if key in pupils:
            first_line, facts = pupils[key]
            for field in PUPIL_FACTS:
                if values[field] != facts[field]:
                    c.error(LABELS[field], f"{values[field] if values[field] is not None else 'leeg'}"
                            f" voor leerling {number}, verwacht hetzelfde als op regel "
                            f"{first_line} ({facts[field] if facts[field] is not None else 'leeg'})")
        else:
            pupils[key] = (row.line, values)
        if not c.failed:
            out.append((row.line, values))
    return out


YEAR_GRADES = KindSpec(
    "year-grades", "year_grades", ("school_year", "student_number", "subject"), (
        Column("schooljaar", True), Column("leerlingnummer", True), Column("achternaam"),
        Column("tussenvoegsel"), Column("roepnaam"), Column("schooltype", True),
        Column("leerweg"), Column("leerjaar", True), Column("klas"), Column("vak", True),
        Column("jaarcijfer"), Column("beoordeling"), Column("pta_compleet"),
    ), "jaarcijfers van leerlingen vóór het examenjaar, voor de bevordering (year_grades.csv)",
    _validate, year_column=False)
