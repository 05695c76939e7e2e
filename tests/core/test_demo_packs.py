"""The demo school shows every rule of the packs somewhere: each hand-made case sits on the
side of its rule it was built for (core/demo_packs.py)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from examenbureau.core import demo_packs, pack_facts
from examenbureau.core.rules import evaluate
from examenbureau.core.store import Store

OUTCOME_WORDS = {"bevorderd": "bevorderd", "bespreken": "bespreken",
                 "niet bevorderbaar": "niet_bevorderbaar", "nog niet te bepalen": None}


@pytest.fixture(scope="module")
def demo(demo_school_150):
    """The session's one build of the default demo (tests/conftest.py); only read here."""
    store = Store(demo_school_150, actor="test")
    assert rows(store, "SELECT count(*) FROM year_grades") == [(128,)]   # what the summary says
    return store


def rows(store, sql, params=()):
    with store.read() as con:
        return con.execute(sql, list(params)).fetchall()


def test_every_pupil_gets_the_promotion_outcome_he_was_made_for_under_quadraam(demo):
    by_pupil = defaultdict(dict)
    facts = {}
    for number, leerjaar, stype, subject, grade, assessment, complete in rows(
            demo, "SELECT student_number, leerjaar, school_type, subject, grade, assessment,"
            " pta_complete FROM year_grades ORDER BY 1, 4"):
        if subject == "lo":
            facts[number] = (stype, leerjaar, assessment, complete)
        else:
            by_pupil[number][subject] = None if grade is None else str(grade)
    seen = set()
    for number, _year, _st, _klas, _grades, _lo, _complete, why in demo_packs.PUPILS:
        stype, leerjaar, lo, complete = facts[number]
        r = evaluate("promotion", {"level": stype, "leerjaar": leerjaar,
                                   "grades": by_pupil[number], "lo": lo,
                                   "pta_complete": complete}, "quadraam")
        expected = next(v for k, v in OUTCOME_WORDS.items() if why.startswith(k))
        assert r["decision"] == expected, (number, why, r["text"])
        seen.add(expected)
    assert seen == set(OUTCOME_WORDS.values())


def test_every_forfeit_reason_and_repeated_absence_are_in_the_demo(demo):
    reasons = [r[0] for r in rows(demo, "SELECT reason FROM resit_forfeits")]
    assert set(reasons) == {"absent_zonder_geldige_reden", "te_laat_ingeleverd",
                            "lessen_verzuimd", "aanvraag_te_laat", "afwezig_bij_herkansing"}
    assert reasons.count("absent_zonder_geldige_reden") == 2
    assert sorted(r[0] for r in rows(demo, "SELECT lessons FROM resit_forfeits WHERE lessons"
                                           " IS NOT NULL")) == [5, 6]


def test_resit_histories_late_arrivals_and_a_late_lo_are_in_the_demo(demo):
    ce = dict(rows(demo, "SELECT status, count(*) FROM resit_requests WHERE kind = 'ce'"
                         " GROUP BY 1"))
    assert ce["toegekend"] >= 10 and ce["aangevraagd"] == 1
    assert pack_facts.ce_resits(demo, 2025, ["5018"]) == {"5018": ["netl"]}
    minutes = sorted(r[0] for r in rows(demo, "SELECT minutes_late FROM incidents"
                                              " WHERE kind = 'te_laat'"))
    assert minutes == [10, 20, 35]   # within and after the half hour
    lo = pack_facts.lo_assessed_on(demo, 2025, [f"50{n:02d}" for n in range(1, 46)])
    assert any(d.month == 5 and d.day > 1 for d in lo.values())


def test_a_pws_of_3_fails_under_ozhw_with_its_own_rule_next_to_the_law(demo):
    from examenbureau.core.results import compute_results

    havo = [r[0] for r in rows(demo, "SELECT exam_number FROM candidates WHERE school_type ="
                                     " 'havo' ORDER BY exam_number")]
    [r] = compute_results(demo, exam_year=2025, exam_numbers=[havo[11]], pack="ozhw")
    violated = {(x.rule, x.pack) for x in r.reasons if x.violated}
    assert r.passed is False
    assert {("combinatie_onderdeel", "wvo2020"), ("ozhw_pws", "ozhw")} <= violated
