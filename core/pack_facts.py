"""The facts a rule pack's decisions need, read from the school's database.

Why one module: the import of CE scores, the results, the candidate screen and the resit
register all ask "which CE did this candidate already resit", "what SE resits were used and
lost" and "when was LO judged". Each question is answered here once, the same way, so a resit
counted at import is the resit the advice and the screen know about.

A CE resit is a sitting (a score or a grade) in a later tijdvak of a subject the candidate
already sat in an earlier one; a first sitting moved to tijdvak 2 after an impediment
(Uvb art. 3.29 lid 1) is not a resit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from .hookspecs import Forfeit, ResitHistory, UsedResit
from .reference import SchoolType
from .rules.pack_input import EXAM_YEAR
from .store import Store

# PTA kinds as stored (importers' vocabulary) -> the kinds of the pack contract
_KINDS = {"praktische opdracht": "praktische_opdracht", "profielwerkstuk": "pws"}


def contract_kind(stored: str | None) -> str:
    return _KINDS.get(stored or "", stored or "schriftelijk")


def resits_in(sittings: Mapping[str, Mapping[int, bool]]) -> list[tuple[int, str]]:
    """(tijdvak, subject) of every resit in one candidate's sittings: subject -> tijdvak -> sat."""
    out = []
    for subject, periods in sittings.items():
        first = min((p for p, sat in periods.items() if sat), default=None)
        if first is None:
            continue
        out += [(p, subject) for p, sat in periods.items() if sat and p > first]
    return sorted(out)


def ce_resits(store: Store, exam_year: int, numbers: Iterable[str] | None = None
              ) -> dict[str, list[str]]:
    """By exam number, the subjects whose CE the candidate resat (in tijdvak order)."""
    sql = ("SELECT exam_number, subject, period, score IS NOT NULL OR direct_grade IS NOT NULL"
           " FROM ce_scores WHERE exam_year = ?")
    params: list[Any] = [exam_year]
    wanted = list(numbers) if numbers is not None else None
    if wanted is not None:
        if not wanted:
            return {}
        sql += f" AND exam_number IN ({', '.join('?' for _ in wanted)})"
        params += wanted
    by: dict[str, dict[str, dict[int, bool]]] = {}
    with store.read() as con:
        for number, subject, period, sat in con.execute(sql, params).fetchall():
            by.setdefault(number, {}).setdefault(subject, {})[period] = bool(sat)
    return {n: [s for _, s in resits_in(subjects)] for n, subjects in by.items()
            if resits_in(subjects)}


def lo_assessed_on(store: Store, exam_year: int, numbers: Iterable[str]) -> dict[str, date]:
    """By exam number, the date of the last LO result judged voldoende or goed (None: none)."""
    wanted = list(numbers)
    if not wanted:
        return {}
    with store.read() as con:
        rows = con.execute(
            "SELECT exam_number, max(taken_on) FROM se_results WHERE exam_year = ?"
            " AND subject = 'lo' AND assessment IN ('voldoende', 'goed') AND taken_on IS NOT NULL"
            f" AND exam_number IN ({', '.join('?' for _ in wanted)}) GROUP BY exam_number",
            [exam_year, *wanted]).fetchall()
    return {n: d for n, d in rows if d is not None}


def outcome_facts(store: Store, exam_year: int, numbers: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The optional fields of a calc `outcome` request a board's rules read (CandidateView):
    `exam_year`, `ce_resits`, `lo_date`, by exam number."""
    wanted = list(numbers)
    resat = ce_resits(store, exam_year, wanted)
    lo = lo_assessed_on(store, exam_year, wanted)
    out: dict[str, dict[str, Any]] = {}
    for n in wanted:
        facts: dict[str, Any] = {"exam_year": exam_year}
        if n in resat:
            facts["ce_resits"] = resat[n]
        if n in lo:
            facts["lo_date"] = lo[n].isoformat()
        out[n] = facts
    return out


@attrs.frozen
class Candidate:
    """Who the candidate is, as far as the resit rules need it."""

    exam_year: int
    exam_number: str
    level: str
    leerweg: str | None
    cohort: str | None
    school_type: str

    @property
    def leerjaar(self) -> int:
        return EXAM_YEAR[self.level]


def candidate(store: Store, exam_year: int, exam_number: str) -> Candidate | None:
    with store.read() as con:
        row = con.execute("SELECT school_type, track, cohort FROM candidates WHERE exam_year = ?"
                          " AND exam_number = ?", [exam_year, exam_number]).fetchone()
    if row is None:
        return None
    st = SchoolType.from_store(row[0], row[1])
    return Candidate(exam_year, exam_number, st.level, st.leerweg, row[2], row[0])


def resit_history(store: Store, cand: Candidate) -> ResitHistory:
    """The SE resits a candidate used (resit results in the dossier and granted requests) and
    the rights he forfeited, in the shape of the pack contract."""
    used: dict[tuple[str, str | None], UsedResit] = {}
    with store.read() as con:
        for subject, test, period, year_of_study, kind in con.execute(
                "SELECT r.subject, r.test_code, p.period, p.year_of_study, p.kind"
                " FROM se_results r LEFT JOIN pta_items p ON p.cohort = ? AND p.school_type = ?"
                " AND p.subject = r.subject AND p.test_code = r.test_code"
                " WHERE r.exam_year = ? AND r.exam_number = ? AND r.attempt = 'herkansing'"
                " ORDER BY 1, 2", [cand.cohort, cand.school_type, cand.exam_year,
                                   cand.exam_number]).fetchall():
            # the year the test belongs to: a Quadraam period resit is of that year's period
            used[(subject, test)] = UsedResit(subject, test, period, contract_kind(kind),
                                              leerjaar=year_of_study or cand.leerjaar)
        for subject, test, period, leerjaar, early in con.execute(
                "SELECT subject, test_code, period, leerjaar, early FROM resit_requests"
                " WHERE exam_year = ? AND exam_number = ? AND kind = 'se'"
                " AND status = 'toegekend' ORDER BY id",
                [cand.exam_year, cand.exam_number]).fetchall():
            if (subject, test) not in used:
                kind = con.execute("SELECT kind FROM pta_items WHERE cohort = ? AND school_type = ?"
                                   " AND subject = ? AND test_code = ?",
                                   [cand.cohort, cand.school_type, subject, test]).fetchone()
                used[(subject, test)] = UsedResit(subject, test, period,
                                                  contract_kind(kind[0] if kind else None),
                                                  leerjaar=leerjaar or cand.leerjaar,
                                                  early=bool(early))
        forfeits = tuple(Forfeit(period, reason, lessons, subject) for period, reason, lessons,
                         subject in con.execute(
                             "SELECT period, reason, lessons, subject FROM resit_forfeits"
                             " WHERE exam_year = ? AND exam_number = ? ORDER BY id",
                             [cand.exam_year, cand.exam_number]).fetchall())
    return ResitHistory(cand.level, cand.leerjaar, True, tuple(used.values()), forfeits)


def result_facts(result: Any) -> dict[str, Any]:
    """The same optional `outcome` fields, from a computed `CandidateResult`: its exam year and
    the CE resits seen in its grades per tijdvak (a tijdvak with a grade counts as sat; the
    results only decide a candidate whose sat tijdvakken all have a grade)."""
    sittings = {s.subject: {p: g is not None for p, g in s.ce_grades.items()}
                for s in result.subjects if s.ce_grades}
    facts: dict[str, Any] = {"exam_year": result.exam_year}
    resat = [subject for _, subject in resits_in(sittings)]
    if resat:
        facts["ce_resits"] = resat
    return facts
