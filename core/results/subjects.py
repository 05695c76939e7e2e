"""One subject of one candidate from the batch's facts: SE from the PTA, CE per tijdvak.

Grades arrive as whole numbers (see `queries`) and stay whole numbers of tenths until a
`SubjectResult` needs a Decimal; `examenbureau.core.grades` does every rounding. A fact that
is not there (an SE result, a CE score, an N-term) is never guessed: it is named as `Missing`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from examenbureau.core import composition, grades
from examenbureau.core.reasons import Missing

from .records import SubjectResult, split_packed

ASSESSMENT_NAMES = {"lo": "lichamelijke opvoeding", "kv1": "kunstvakken (inclusief ckv)",
                    "pws": "het profielwerkstuk", "msst": "de maatschappelijke stage"}

# A grade in tenths as the Decimal a SubjectResult holds (55 -> Decimal("5.5")), made once.
TENTHS = [Decimal(t).scaleb(-1) for t in range(101)]
WHOLE = [Decimal(n) for n in range(11)]


def tenths_decimal(t: int) -> Decimal:
    return TENTHS[t] if 0 <= t <= 100 else Decimal(t).scaleb(-1)


def subject_result(data: Mapping[str, Any], year: int, number: str, subject: str,
                   code: str | None, name: str | None, cs_has_ce: bool | None,
                   role: composition.SubjectRole, level: str, leerweg: str | None,
                   school_type: str | None, track: str | None, steps: int) -> SubjectResult:
    info = (composition.subject_info(role.canonical, level, leerweg)
            if role.canonical else None)
    has_ce = bool(cs_has_ce) if cs_has_ce is not None else role.has_ce
    sr = SubjectResult(subject, code or (info.duo_code if info else None),
                       name or (info.name if info else None), has_ce, part=role.part,
                       kernvak=role.kernvak, in_combination=role.in_combination,
                       combination_weight=role.combination_weight, counts=role.counts)
    label = sr.name or subject
    if not role.counts:
        if role.canonical is None and subject.strip().lower() not in composition.NON_SUBJECTS:
            sr.counts = cs_has_ce is not None
            if cs_has_ce is None:
                sr.missing.append(Missing(
                    "vak", subject, f"Vak {subject} is onbekend voor {level} en het is niet bekend "
                    "of het een centraal examen heeft."))
        if not sr.counts:
            return sr
    # (num, den, n_numeric, numeric_missing, n_tasks, tasks_open, ass_min, ass_all_good, attempts)
    agg = data["se"].pop((year, number, subject), None)

    # assessment-only: lo, kv1, vmbo pws (Uvb 3.13 lid 3-4, 3.14)
    if role.assessment_only:
        if agg is not None and agg[4]:
            ass_min, all_good = agg[6], agg[7]
            sr.attempts_json = agg[8]
        else:
            ass_min, all_good = data["free"].pop((year, number, subject), (None, None))
        if ass_min is None or ass_min == 0:
            open_ = [t for t in (split_packed(agg[5], 3) if agg else ()) if not t[2]]
            what = f" ({', '.join(_task_label(t) for t in open_)})" if open_ else ""
            sr.missing.append(Missing(
                "beoordeling", subject,
                f"De beoordeling van {ASSESSMENT_NAMES.get(role.canonical or '', label)} "
                f"ontbreekt{what}."))
        else:
            # every item must be sufficient; "goed" only when every item is goed
            sr.assessment = ("onvoldoende" if ass_min < 2 else "goed" if all_good
                             else "voldoende")
        return sr

    # SE grade from the PTA (weights as exact fractions)
    if agg is None or not agg[2]:
        if agg is None:
            sr.missing.append(Missing(
                "PTA", subject, f"Er is geen PTA voor {label} ({subject}) gevonden voor het "
                f"cohort en schooltype van de kandidaat; het SE-cijfer is niet te berekenen."))
        else:
            sr.missing.append(Missing(
                "PTA", subject, f"Het PTA van {label} ({subject}) heeft geen toets met een cijfer "
                "en een weging; het SE-cijfer is niet te berekenen."))
    else:
        num, den, numeric_missing = agg[0], agg[1], agg[3]
        sr.attempts_json = agg[8]
        if numeric_missing:
            for test, desc in split_packed(numeric_missing, 2):
                sr.missing.append(Missing(
                    "SE-resultaat", subject,
                    f"SE-resultaat ontbreekt: {label} toets {test}{f' ({desc})' if desc else ''}."))
        elif den:
            # sum(grade·10 · weight·1000) / (10 · sum(weight·1000)): exact, as weighted_mean
            sr.se_num, sr.se_den = int(num), int(den)
            if has_ce:
                sr.se_grade = tenths_decimal(grades.tenths_half_up(sr.se_num, 10 * sr.se_den))
            else:
                whole = grades.se_only_final_grade_ratio(sr.se_num, 10 * sr.se_den, steps)
                sr.se_grade = WHOLE[whole] if 0 <= whole <= 10 else Decimal(whole)
    if agg is not None and agg[5]:
        for test, desc, ass in split_packed(agg[5], 3):
            state = "is onvoldaan" if ass == "1" else "is nog niet afgerond"
            sr.missing.append(Missing(
                "handelingsdeel", subject,
                f"Handelingsdeel {_task_label((test, desc, ass))} van {label} {state}; het "
                "schoolexamen is pas compleet als het voldaan is."))

    # CE grade per tijdvak; the highest counts (Uvb 3.39; WVO 2.56)
    if has_ce:
        _ce(data, sr, year, number, subject, label, school_type, track)
    return sr


def local_final(sr: SubjectResult) -> int | None:
    """Final grade (Uvb 3.32) where the engine was not asked (something else is missing)."""
    if sr.se_grade is None:
        return None
    if not sr.has_ce:
        return int(sr.se_grade)
    if sr.ce_grade is None:
        return None
    return grades.final_grade_tenths(grades.tenths(sr.se_grade), grades.tenths(sr.ce_grade))


def _task_label(task: tuple[str, ...]) -> str:
    test, desc = task[0], task[1]
    return f"{test} ({desc})" if desc else test


@functools.lru_cache(maxsize=65536)
def _ce_tenths(score: int, scale_length: int, n_tenths: int) -> int | str:
    """The CE grade in tenths for a score, or the reason it cannot be computed."""
    try:
        return grades.ce_grade_tenths(score, scale_length, Decimal(n_tenths).scaleb(-1))
    except (grades.GradeError, TypeError) as exc:
        return str(exc)


def exam_row(data: Mapping[str, Any], year: int, subject: str, period: int, nex: str | None,
             school_type: str | None, track: str | None) -> tuple[Any, ...] | None:
    """The CE exam a score belongs to: by NEX-ID, or the one exam of the subject, tijdvak and
    school type; None when there is none or more than one (then L and N are not known).
    (exam_year, nex_id, school_type, track, subject, period, description, L, N in tenths)"""
    if nex:
        return data["exam_by_nex"].get((year, nex))  # type: ignore[no-any-return]
    options = data["exam_by_subject"].get((year, subject, period), [])
    st = (school_type or "").lower()
    tr = (track or "").lower()
    fit = [e for e in options if (e[2] or "").lower() == st
           and (not tr or not e[3] or tr in (e[3] or "").lower())]
    return fit[0] if len(fit) == 1 else None


def _ce(data: Mapping[str, Any], sr: SubjectResult, year: int, number: str, subject: str,
        label: str, school_type: str | None, track: str | None) -> None:
    rows = sorted(data["ce"].pop((year, number, subject), []), key=lambda r: r[0])
    unknown = False
    absent: list[int] = []
    for period, nex, score, status, direct in rows:
        grade: Decimal | None = None
        if direct is not None:
            grade = tenths_decimal(direct)
        elif status == "afwezig":
            absent.append(period)
        elif status == "vrijstelling":
            pass
        elif status == "onregelmatigheid":
            unknown = True
            sr.missing.append(Missing(
                "CE-cijfer", subject, f"Onregelmatigheid bij het CE {label} tijdvak {period}: "
                "het besluit van de directeur (cijfer) ontbreekt."))
        elif score is None:
            unknown = True
            sr.missing.append(Missing(
                "CE-score", subject, f"De CE-score van {label} tijdvak {period} ontbreekt."))
        else:
            exam = exam_row(data, year, subject, period, nex, school_type, track)
            name = (exam[6] if exam and exam[6] else
                    f"{label} tijdvak {period}" + (f" (NEX-ID {nex})" if nex else ""))
            if exam is None:
                unknown = True
                sr.missing.append(Missing(
                    "CE-examen", subject, f"Het CE-examen van {label} tijdvak {period}"
                    f"{f' (NEX-ID {nex})' if nex else ''} staat niet in de examentabel; "
                    "schaallengte en N-term ontbreken."))
            elif exam[8] is None:
                unknown = True
                sr.missing.append(Missing("N-term", subject, f"N-term ontbreekt voor {name}."))
            elif exam[7] is None:
                unknown = True
                sr.missing.append(Missing(
                    "schaallengte", subject, f"Schaallengte (L) ontbreekt voor {name}."))
            else:
                value = _ce_tenths(int(score), int(exam[7]), int(exam[8]))
                if isinstance(value, str):
                    unknown = True
                    sr.missing.append(Missing("CE-score", subject,
                                              f"CE-score van {name} is ongeldig: {value}."))
                else:
                    grade = tenths_decimal(value)
        sr.ce_grades[period] = grade
    known = [g for g in sr.ce_grades.values() if g is not None]
    if unknown:
        return
    if known:
        sr.ce_grade = max(known)
        return
    if any(status == "vrijstelling" for _, _, _, status, _ in rows):
        return
    why = (f"afwezig in tijdvak {', '.join(map(str, absent))} en geen cijfer uit een ander tijdvak"
           if absent else "er is geen CE-score ingevoerd")
    sr.missing.append(Missing("CE-cijfer", subject, f"Het CE-cijfer van {label} ontbreekt: {why}."))


__all__ = ["ASSESSMENT_NAMES", "exam_row", "local_final", "subject_result", "tenths_decimal"]
