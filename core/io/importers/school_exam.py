"""The school exam: the PTA (which tests, how heavy, resit or not) and the SE results per test.

Why the PTA first: an SE result is only meaningful against its test (its weight, whether it is
a grade or an assessment, whether a resit was allowed). A result for a test the PTA does not
know is refused; a resit of a test that may not be resat is let through with a notice, since
the examination board may have allowed it.

An SE import names the candidates whose result it changes, as the DNT and N-term imports do:
a resit grade that turns "afgewezen" into "geslaagd" must be seen the moment it is loaded.
"""

from __future__ import annotations

from decimal import Decimal

from ...limits import GRADE_HI, GRADE_LO, WEIGHT_HI
from ...reference import subject_for_vakcode
from ..reading import Column, parse_bool, parse_choice, parse_code, parse_date, parse_decimal, parse_int
from .context import Cells, Context, KindSpec, Rows, changed_candidates, exam_number, require_subject_column
from .vocabulary import (
    ASSESSMENTS,
    ASSESSMENTS_BY_TYPE,
    ATTEMPTS,
    PTA_KINDS,
    RESULT_TYPES,
    SCHOOL_TYPES,
    SE_STATUSES,
)


def _validate_pta(ctx: Context) -> Rows:
    require_subject_column(ctx)
    out: Rows = []
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        school_type = c.get("schooltype", parse_choice, required=True, options=SCHOOL_TYPES,
                            what="schooltype", expected="vwo, havo of vmbo")
        code = c.get("vakcode", parse_code, width=4, what="vakcode")
        subject = c.get("vak")
        if subject is None and code is not None and school_type:
            subject = subject_for_vakcode(code, school_type, None)
            if subject is None:
                c.error("vakcode", f"vakcode {code} is onbekend voor {school_type}, verwacht een "
                        "DUO-vakcode uit de vakcodetabel of een kolom vak")
        elif subject is None and code is None:
            c.error("vak", "vak en vakcode zijn beide leeg, verwacht een vakafkorting zoals netl")
        result_type = c.get("resultaattype", parse_choice, required=True, options=RESULT_TYPES,
                            what="resultaattype", expected="cijfer, voldaan of vog")
        weight = c.get("weging", parse_decimal, required=True, lo=Decimal(0), hi=Decimal(WEIGHT_HI),
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


def _validate_se_results(ctx: Context) -> Rows:
    require_subject_column(ctx)
    out: Rows = []
    pta = ctx.ref.pta()
    resits_not_allowed = 0
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        year = ctx.year(c)
        number = exam_number(c)
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


PTA = KindSpec(
    "pta", "pta_items", ("cohort", "school_type", "subject", "test_code"), (
        Column("cohort", True), Column("schooltype", True), Column("vakcode"),
        Column("vak"), Column("toetscode", True), Column("omschrijving"),
        Column("leerjaar"), Column("periode"), Column("soort"), Column("weging", True),
        Column("herkansbaar"), Column("resultaattype", True), Column("domeinen"),
        Column("duur_min"),
    ), "PTA-toetsen met weging (pta.csv)", _validate_pta, year_column=False)

SE_RESULTS = KindSpec(
    "se-results", "se_results",
    ("exam_year", "exam_number", "subject", "test_code", "attempt", "seq"), (
        Column("examenjaar"), Column("examennummer", True), Column("vakcode"),
        Column("vak"), Column("toetscode", True), Column("poging", True),
        Column("volgnummer"), Column("resultaat", True), Column("datum"), Column("status"),
    ), "SE-resultaten per toets en poging (se_grades.csv)", _validate_se_results,
    watch=lambda ctx, values, _report: changed_candidates(ctx, values),
    watch_reason="gewijzigd SE-resultaat")
