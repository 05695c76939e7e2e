"""What the screens read from the store, as plain objects (no Textual here).

Why a separate module: screens must not hold a DuckDB connection or rules. Each function opens
one short read connection (`with store.read() as con:`), copies what a screen shows into plain
objects and closes again, so a screen can render and filter in memory while other secretaries'
processes use the database file. Every function is safe to call from a worker thread.

Nothing here computes a grade or a result: that is `examenbureau.core.results`. The first
screen's figures are in `tui.overview_data` (on the path to the first paint, without attrs).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from examenbureau.core.store import Store

from .formatting import fold, full_name, list_name, school_type_label
from .overview_data import resolve_year as _resolve_year


@attrs.frozen
class CandidateRow:
    """One line of the candidate list, with what the filter searches precomputed."""

    exam_year: int
    exam_number: str
    name: str                      # "achternaam, roepnaam tussenvoegsel"
    school_type: str
    track: str | None
    variant: str | None
    profile: str | None
    class_name: str | None
    search_text: str               # folded: names (both orders), exam number, class
    sort_key: tuple[Any, ...]

    @property
    def key(self) -> str:
        return candidate_key(self.exam_year, self.exam_number)

    @property
    def sub_type(self) -> str:
        """Leerweg (vmbo) or variant (vwo)."""
        return self.track or self.variant or ""

    def matches(self, words: Sequence[str]) -> bool:
        """Every folded word occurs somewhere: 'chloe 5h' finds Chloë in class 5H."""
        return all(w in self.search_text for w in words)


def candidate_key(exam_year: int, exam_number: str) -> str:
    return f"{exam_year}/{exam_number}"


def split_key(key: str) -> tuple[int, str]:
    year, number = key.split("/", 1)
    return int(year), number


def filter_words(query: str) -> list[str]:
    return fold(query).split()


@attrs.frozen
class SubjectRow:
    subject: str
    subject_code: str | None
    name: str | None
    exam_part: str | None
    has_ce: bool | None


@attrs.frozen
class SeAttempt:
    attempt: str                    # afname | inhaal | herkansing
    seq: int
    grade: Decimal | None
    assessment: str | None
    taken_on: date | None
    status: str | None
    row_version: int = 1            # what an edit must still find (stale-edit refusal)


@attrs.frozen
class SeTest:
    subject: str
    test_code: str
    description: str | None
    weight: Decimal | None
    kind: str | None
    resit_allowed: bool | None
    attempts: list[SeAttempt]


@attrs.frozen
class CeScore:
    subject: str
    period: int
    nex_id: str | None
    score: int | None
    scale_length: int | None
    n_term: Decimal | None
    status: str | None
    direct_grade: Decimal | None


@attrs.frozen
class CandidateFile:
    """Everything stored about one candidate, as the candidate screen shows it."""

    exam_year: int
    exam_number: str
    personal: dict[str, Any]
    name: str                        # "roepnaam tussenvoegsel achternaam"
    type_label: str
    subjects: list[SubjectRow]
    se_tests: list[SeTest]
    ce_scores: list[CeScore]
    # PTA tests of the candidate's subjects without any result yet (shown, editable, missing)
    pta_open: list[SeTest] = attrs.field(factory=list)


def resolve_exam_year(store: Store, exam_year: int | None = None) -> int | None:
    """The exam year the screens show: asked, configured, or the latest with candidates."""
    with store.read() as con:
        return _resolve_year(con, exam_year)


def load_candidates(store: Store, exam_year: int | None = None) -> list[CandidateRow]:
    """All candidates of the exam year, sorted as on a class list (last name, first name)."""
    with store.read() as con:
        year = _resolve_year(con, exam_year)
        rows = con.execute(
            "SELECT exam_year, exam_number, last_name, name_prefix, first_name, initials,"
            " school_type, track, variant, profile, class_name"
            " FROM candidates WHERE exam_year = ?", [year]).fetchall()
    result = []
    for (y, number, last, prefix, first, initials, st, track, variant, profile, klass) in rows:
        name = list_name(last, first, prefix, initials)
        search = " ".join(fold(p) for p in (
            name, full_name(last, first, prefix, initials), number, klass) if p)
        result.append(CandidateRow(
            exam_year=y, exam_number=number, name=name, school_type=st, track=track,
            variant=variant, profile=profile, class_name=klass, search_text=search,
            sort_key=(fold(last), fold(first or initials), fold(prefix), number),
        ))
    result.sort(key=lambda r: r.sort_key)
    return result


_PERSONAL = ("exam_year", "exam_number", "student_number", "last_name", "name_prefix",
             "first_name", "initials", "gender", "birth_date", "school_type", "track", "variant",
             "programme_code", "profile", "class_name", "cohort", "facilities")


def load_candidate_file(store: Store, exam_year: int, exam_number: str) -> CandidateFile | None:
    """The stored examendossier of one candidate; None when the candidate does not exist."""
    with store.read() as con:
        row = con.execute(
            f"SELECT {', '.join(_PERSONAL)} FROM candidates"
            " WHERE exam_year = ? AND exam_number = ?",
            [exam_year, exam_number]).fetchone()
        if row is None:
            return None
        personal = dict(zip(_PERSONAL, row, strict=True))
        title = con.execute("SELECT title FROM pws_titles WHERE exam_year = ? AND exam_number = ?",
                            [exam_year, exam_number]).fetchone()
        personal["pws_title"] = title[0] if title else None
        subjects = [SubjectRow(*r) for r in con.execute(
            "SELECT subject, subject_code, name, exam_part, has_ce FROM candidate_subjects"
            " WHERE exam_year = ? AND exam_number = ? ORDER BY subject_code NULLS LAST, subject",
            [exam_year, exam_number]).fetchall()]
        se_rows = con.execute(
            "SELECT r.subject, r.test_code, p.description, p.weight, p.kind, p.resit_allowed,"
            " r.attempt, r.seq, r.grade, r.assessment, r.taken_on, r.status, r.row_version"
            " FROM se_results r"
            " LEFT JOIN pta_items p ON p.subject = r.subject AND p.test_code = r.test_code"
            "  AND p.school_type = ? AND p.cohort IS NOT DISTINCT FROM ?"
            " WHERE r.exam_year = ? AND r.exam_number = ?"
            " ORDER BY r.subject, r.test_code, r.taken_on NULLS LAST, r.attempt, r.seq",
            [personal["school_type"], personal["cohort"], exam_year, exam_number]).fetchall()
        ce_rows = con.execute(
            "SELECT s.subject, s.period, s.nex_id, s.score, e.scale_length, e.n_term, s.status,"
            " s.direct_grade FROM ce_scores s"
            " LEFT JOIN ce_exams e ON e.exam_year = s.exam_year AND e.nex_id = s.nex_id"
            " WHERE s.exam_year = ? AND s.exam_number = ? ORDER BY s.subject, s.period",
            [exam_year, exam_number]).fetchall()
        pta_rows = con.execute(
            "SELECT p.subject, p.test_code, p.description, p.weight, p.kind, p.resit_allowed"
            " FROM pta_items p JOIN candidate_subjects s ON s.subject = p.subject"
            "  AND s.exam_year = ? AND s.exam_number = ?"
            " WHERE p.school_type = ? AND p.cohort IS NOT DISTINCT FROM ?"
            " ORDER BY p.subject, p.test_code",
            [exam_year, exam_number, personal["school_type"], personal["cohort"]]).fetchall()
    tests: dict[tuple[str, str], SeTest] = {}
    for (subject, code, descr, weight, kind, resit, attempt, seq, grade, assessment, taken_on,
         status, version) in se_rows:
        test = tests.get((subject, code))
        if test is None:
            test = tests[(subject, code)] = SeTest(subject, code, descr, weight, kind, resit, [])
        test.attempts.append(SeAttempt(attempt, seq, grade, assessment, taken_on, status, version))
    p = personal
    return CandidateFile(
        exam_year=exam_year,
        exam_number=exam_number,
        personal=personal,
        name=full_name(p["last_name"], p["first_name"], p["name_prefix"], p["initials"]),
        type_label=school_type_label(p["school_type"], p["track"], p["variant"]),
        subjects=subjects,
        se_tests=list(tests.values()),
        ce_scores=[CeScore(*r) for r in ce_rows],
        pta_open=[SeTest(*r, []) for r in pta_rows if (r[0], r[1]) not in tests],
    )
