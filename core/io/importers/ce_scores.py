"""CE scores: one total per candidate and exam, and the scores per question of both correctors.

Why the cross-checks: the total a school sends to DUO (WOLF) and the scores per question are
typed by different people; a total that is not the sum of the definitive question scores, a
score above the exam's scale, or a score on another leerweg's exam is refused with the line.
The sums themselves (CvTE decisions on a question included) are in `..ce_scoring`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ...limits import GRADE_HI, GRADE_LO, SCORE_HI, SCORE_LO
from ..ce_scoring import candidate_totals
from ..reading import Column, Problem, parse_choice, parse_code, parse_decimal, parse_int
from .ce_resits import check_ce_resits
from .context import Cells, Context, KindSpec, Rows, exam_number, require_subject_column
from .vocabulary import CE_STATUSES


def _validate_ce_scores(ctx: Context) -> Rows:
    require_subject_column(ctx)
    exams = ctx.ref.exams()
    items = ctx.ref.items()
    awards = ctx.ref.awards()
    out: Rows = []
    for row in ctx.table.rows:
        c = Cells(ctx, row)
        year = ctx.year(c)
        number = exam_number(c)
        period = c.get("tijdvak", parse_int, required=True, lo=1, hi=3, what="tijdvak",
                       expected="tijdvak 1, 2 of 3")
        cand = ctx.candidate(c, year, number)
        subject, code = ctx.subject(c, year, number, cand)
        nex_id = c.get("nex_id", parse_code, what="NEX-ID")
        score = c.get("score", parse_int, lo=SCORE_LO, hi=SCORE_HI, what="score")
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
        if score is not None and nex_id and year is not None and number and not c.failed:
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
    check_ce_resits(ctx, out)   # Uvb art. 3.38 lid 1: one subject, unless the pack says more
    return out


def _track_fits(exam_track: str | None, candidate_track: str | None) -> bool:
    if not exam_track:
        return True
    return candidate_track is not None and candidate_track in exam_track.split("-")


def _validate_ce_items(ctx: Context) -> Rows:
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
        c = Cells(ctx, row)
        year = ctx.year(c)
        period = c.get("tijdvak", parse_int, required=True, lo=1, hi=3, what="tijdvak",
                       expected="tijdvak 1, 2 of 3")
        nex_id = c.get("nex_id", parse_code, required=True, what="NEX-ID",
                       expected="het NEX-ID van het examen")
        number = exam_number(c)
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


CE_SCORES = KindSpec(
    "ce-scores", "ce_scores", ("exam_year", "period", "exam_number", "subject"), (
        Column("examenjaar"), Column("tijdvak", True), Column("examennummer", True),
        Column("vakcode"), Column("vak"), Column("nex_id"), Column("score"),
        Column("status"), Column("ce_cijfer_direct"),
    ), "CE-totaalscores (ce_scores.csv)", _validate_ce_scores)

CE_ITEM_SCORES = KindSpec(
    "ce-item-scores", "ce_item_scores", ("exam_year", "nex_id", "exam_number", "question"), (
        Column("examenjaar"), Column("tijdvak", True), Column("nex_id", True),
        Column("examennummer", True), Column("vraag", True), Column("maxscore", True),
        Column("score_corrector1"), Column("score_corrector2"), Column("score_definitief"),
    ), "CE-scores per vraag, 1e/2e corrector (ce_item_scores.csv)", _validate_ce_items)
