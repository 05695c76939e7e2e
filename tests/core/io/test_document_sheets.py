"""What the whole school's documents hold: each candidate's sheet carries exactly that
candidate's SE attempts, whatever the size of the school.

Why this test exists: the attempts are grouped once per school (a scan per candidate and
subject made a cohort's documents quadratic). A grouping mistake would put one pupil's grade on
another pupil's signed paper, so the sheets of a whole demo school are compared, attempt by
attempt, with the rows in the store.
"""

from __future__ import annotations

from decimal import Decimal

from examenbureau.core.io.documents import ATTEMPT_ORDER, candidate_sheets


def _store_attempts(store):
    with store.read() as con:
        rows = con.execute("SELECT exam_number, subject, test_code, attempt, seq, grade,"
                           " assessment, status FROM se_results").fetchall()
    found: dict[str, set] = {}
    for number, *rest in rows:
        found.setdefault(number, set()).add(tuple(rest))
    return found


def _sheet_attempts(sheet):
    return [(subject.subject, line.test_code, a.attempt, a.seq, a.grade, a.assessment, a.status)
            for subject in sheet.subjects for line in subject.tests for a in line.attempts]


def test_every_sheet_holds_exactly_its_own_attempts(demo_copy):
    store = demo_copy
    with store.read() as con:
        first, second = (r[0] for r in con.execute(
            "SELECT exam_number FROM candidates ORDER BY exam_number LIMIT 2").fetchall())
        subject = con.execute("SELECT min(subject) FROM se_results WHERE exam_number = ?",
                              [first]).fetchone()[0]
    # a result for a test that is not in the PTA, and a second resit: both are facts to show
    with store.transaction(reason="test") as tx:
        tx.insert("se_results", {"exam_year": 2025, "exam_number": first, "subject": subject,
                                 "test_code": "ZZ-BUITEN-PTA", "attempt": "afname", "seq": 1,
                                 "grade": Decimal("6.4")})
        tx.insert("se_results", {"exam_year": 2025, "exam_number": first, "subject": subject,
                                 "test_code": "ZZ-BUITEN-PTA", "attempt": "herkansing",
                                 "seq": 2, "grade": Decimal("7.1")})
        tx.insert("se_results", {"exam_year": 2025, "exam_number": first, "subject": subject,
                                 "test_code": "ZZ-BUITEN-PTA", "attempt": "herkansing",
                                 "seq": 1, "grade": Decimal("5.0")})
    expected = _store_attempts(store)
    sheets = candidate_sheets(store)
    assert len(sheets) == 150 and len({s.exam_number for s in sheets}) == 150
    total = 0
    for sheet in sheets:
        shown = _sheet_attempts(sheet)
        assert len(shown) == len(set(shown)), sheet.exam_number      # nothing twice
        assert set(shown) == expected.get(sheet.exam_number, set()), sheet.exam_number
        total += len(shown)
        for subject_sheet in sheet.subjects:
            for line in subject_sheet.tests:
                order = [(ATTEMPT_ORDER.index(a.attempt), a.seq) for a in line.attempts]
                assert order == sorted(order), (sheet.exam_number, line.test_code)
    assert total == sum(len(v) for v in expected.values()) > 150 * 30

    by_number = {s.exam_number: s for s in sheets}
    outside = [line for s in by_number[first].subjects if s.subject == subject
               for line in s.tests if line.test_code == "ZZ-BUITEN-PTA"]
    assert len(outside) == 1 and outside[0].description == "(niet in PTA)"
    assert [(a.attempt, a.seq, a.grade) for a in outside[0].attempts] == [
        ("afname", 1, Decimal("6.4")), ("herkansing", 1, Decimal("5.0")),
        ("herkansing", 2, Decimal("7.1"))]
    assert outside[0].cell("herkansing") == "5,0 / 7,1"
    assert not [line for s in by_number[second].subjects for line in s.tests
                if line.test_code == "ZZ-BUITEN-PTA"]


def test_a_selection_gets_the_same_sheet_as_the_whole_school(demo_copy):
    """A sheet does not depend on which other candidates are printed with it."""
    whole = {s.exam_number: s for s in candidate_sheets(demo_copy)}
    some = sorted(whole)[::37]
    for sheet in candidate_sheets(demo_copy, exam_numbers=some):
        assert sheet == whole[sheet.exam_number]
