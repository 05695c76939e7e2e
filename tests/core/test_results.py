"""Results computed from the store: SE from the PTA, CE from score and N-term, the uitslag.

A real DuckDB file in tmp_path, filled through Store.transaction (tests/conftest.py,
`build_results_school`). Every CE exam there has L = 90 and N = 1,0, so a score S gives the
CE grade S/10 + 1 exactly (CvTE regeling, bijlage 1: C = 9·S/L + N).
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from examenbureau.core import grades
from examenbureau.core.reasons import Missing, Reason
from examenbureau.core.results import CandidateResult, compute_results
from examenbureau.core.store import Store


@pytest.fixture
def store(results_school_db):
    """A fresh database for a test that changes it."""
    return Store(results_school_db)


@pytest.fixture(scope="module")
def by_number(results_school_db_shared):
    """Results of the untouched results school, computed once for the read-only tests."""
    return {r.exam_number: r for r in compute_results(Store(results_school_db_shared))}


def texts(result: CandidateResult) -> list[str]:
    return [m.text for m in result.missing]


def test_se_grade_is_the_weighted_mean_as_a_fraction_rounded_once(by_number):
    """PTA weights 1 and 2 (NE-T1, NE-T2): (7,0·1 + 6,0·2) / 3 = 19/3 -> 6,3 (Uvb 3.13 lid 1)."""
    netl = by_number["5001"].subject("netl")
    assert netl.se_exact == Fraction(19, 3)
    assert netl.se_exact == grades.weighted_mean([(Decimal("7.0"), 1), (Decimal("6.0"), 2)])
    assert netl.se_grade == Decimal("6.3")
    # 6,3 and CE 6,0 -> 6,15 -> 6 in one step (Uvb 3.32 lid 2)
    assert netl.final_grade == 6


def test_highest_attempt_counts(by_number):
    """NE-T1: 5,0 then resit 7,0 -> the resit counts; wisA: 7,5 then a lower resit 6,5 -> the
    first attempt still counts (pack default se_attempt = hoogste)."""
    r = by_number["5001"]
    assert ("NE-T1", "herkansing", 1) in r.subject("netl").attempts
    wisa = r.subject("wisA")
    assert wisa.attempts == [("wisA-T1", "afname", 1)]
    assert wisa.se_grade == Decimal("7.5")


def test_last_attempt_when_asked(store):
    r = compute_results(store, exam_numbers=["5001"], se_attempt="laatste")[0]
    assert r.subject("wisA").se_grade == Decimal("6.5")
    assert r.subject("wisA").attempts == [("wisA-T1", "herkansing", 1)]


def test_one_candidate_passes(by_number):
    r = by_number["5001"]
    assert r.passed is True
    assert r.cum_laude is False
    assert r.combination_grade == 7                      # maat 7, ckv 7, pws 7 (Uvb 3.34 lid 2)
    assert r.ce_average is not None
    assert (r.ce_average.sum, r.ce_average.count) == (Decimal("45.0"), 7)
    assert r.missing == []
    assert r.reasons and not any(x.violated for x in r.reasons)
    assert all(isinstance(x, Reason) for x in r.reasons)
    assert r.display_name == "Chloë van Voorbeeld"
    assert r.sort_name == "Voorbeeld, Chloë van"
    assert r.subject("lo").assessment == "voldoende"


def test_one_candidate_fails_with_the_rule_and_article(by_number):
    r = by_number["5002"]
    assert r.passed is False
    violated = [x for x in r.reasons if x.violated]
    assert [x.rule for x in violated] == ["kernvakken"]
    assert "3.34 lid 1" in violated[0].source
    assert r.subject("netl").final_grade == 4


def test_missing_n_term_gives_no_ce_grade_and_no_decision(by_number):
    """An N-term is never assumed: tijdvak 2 of ak has no N-term yet, so the highest CE grade
    of ak is unknown and the uitslag is "nog niet te bepalen", naming the exam."""
    r = by_number["5003"]
    assert r.passed is None and r.cum_laude is None
    assert "N-term ontbreekt voor HAVO ak CSE 2025 tijdvak 2." in texts(r)
    ak = r.subject("ak")
    assert ak.ce_grades == {1: Decimal("6.5"), 2: None}
    assert ak.ce_grade is None and ak.final_grade is None
    assert r.subject("netl").final_grade == 7           # what is known is still shown
    assert any(m.what == "N-term" and m.subject == "ak" for m in ak.missing)


def test_n_term_entered_later_decides(store):
    with store.transaction(reason="N-term gepubliceerd", source="test") as tx:
        tx.update("ce_exams", {"exam_year": 2025, "nex_id": "32007"}, {"n_term": Decimal("1.0")})
    r = compute_results(store, exam_numbers=["5003"])[0]
    assert r.subject("ak").ce_grades == {1: Decimal("6.5"), 2: Decimal("7.0")}
    assert r.subject("ak").ce_grade == Decimal("7.0")    # the highest counts
    assert r.passed is True


def test_missing_se_result_and_absent_ce_are_each_named(by_number):
    r = by_number["5004"]
    assert r.passed is None
    assert "SE-resultaat ontbreekt: economie toets econ-T1 (econ-T1)." in texts(r)
    assert any("CE-cijfer van geschiedenis ontbreekt: afwezig in tijdvak 1" in t for t in texts(r))
    assert r.subject("econ").se_grade is None
    assert r.subject("ges").ce_grades == {1: None}


def test_absent_then_second_period_and_direct_grade(by_number):
    r = by_number["5005"]
    assert r.subject("netl").ce_grades == {1: None, 2: Decimal("7.0")}
    assert r.subject("netl").ce_grade == Decimal("7.0")
    econ = r.subject("econ")
    assert econ.ce_grades == {1: Decimal("5.0"), 3: Decimal("6.4")}   # tijdvak 3 given directly
    assert econ.ce_grade == Decimal("6.4")
    assert r.passed is True


def test_open_handelingsdeel_blocks_the_decision(by_number):
    r = by_number["5006"]
    assert r.passed is None
    assert any("Handelingsdeel NE-LD (Leesdossier)" in t for t in texts(r))
    # a handelingsdeel never enters the average
    assert r.subject("netl").se_grade == Decimal("7.0")


def test_extra_subject_left_out_to_pass(by_number):
    """Uvb 3.33 lid 3: fatl (final 3) may go; the rest still forms a havo EM exam."""
    r = by_number["5007"]
    assert r.passed is True
    assert r.dropped == ["fatl"]
    assert r.subject("fatl").final_grade == 3


def test_vmbo_kb_combination_and_judgements(by_number):
    r = by_number["4001"]
    assert r.level == "vmbo-kb"
    assert r.passed is True
    assert r.combination_grade == 7                      # the four keuzevakken (Uvb 3.35 lid 3)
    assert r.subject("lo").assessment == "goed"
    assert r.subject("kv1").assessment == "voldoende"
    ma = r.subject("ma")
    assert ma.se_exact == Fraction(34, 5) and ma.se_grade == Decimal("7")   # SE only: whole
    assert r.subject("zw").part == "pd" and not r.subject("zw").in_combination


def test_filter_by_exam_numbers_and_year(store):
    assert [r.exam_number for r in compute_results(store, exam_numbers=["5002", "4001"])] == [
        "4001", "5002"]
    assert compute_results(store, exam_numbers=[]) == []
    assert compute_results(store, exam_year=2024) == []
    assert len(compute_results(store, exam_year=2025)) == 8


def test_progress_is_reported(store):
    seen: list[tuple[int, int]] = []
    compute_results(store, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 8) and seen[-1] == (8, 8)


def test_incomplete_package_is_not_decided(store):
    with store.transaction(reason="test", source="test") as tx:
        tx.delete("candidate_subjects", {"exam_year": 2025, "exam_number": "5001",
                                         "subject": "ak"})
    r = compute_results(store, exam_numbers=["5001"])[0]
    assert r.passed is None
    assert any(m.what == "samenstelling" and "Uvb 3.3 lid 1 c" in m.text for m in r.missing)
    assert r.composition is not None and not r.composition.complete


def test_school_rulepack_setting_is_used(store):
    store.set_setting("rulepack", "ozhw")
    r = compute_results(store, exam_numbers=["5001"])[0]
    assert r.pack == "ozhw"
    assert r.passed is True


def test_as_json_has_the_keys_and_no_floats(by_number):
    data = [r.as_json() for r in by_number.values()]
    text = json.dumps(data, ensure_ascii=False)
    for row in data:
        for key in ("examennummer", "examenjaar", "naam", "schooltype", "leerweg", "passed",
                    "cum_laude", "reasons", "missing", "vakken"):
            assert key in row
    one = next(row for row in data if row["examennummer"] == "5001")
    netl = next(v for v in one["vakken"] if v["vak"] == "netl")
    assert netl["se_cijfer"] == "6.3" and netl["se_exact"] == "19/3" and netl["eindcijfer"] == 6
    assert "float" not in text
    undecided = next(row for row in data if row["examennummer"] == "5003")
    assert undecided["passed"] is None
    assert isinstance(Missing(**undecided["missing"][0]), Missing)


# --- the shared example files as an oracle ---------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"


def test_example_files_give_the_expected_grades(tmp_path):
    """The example school files, imported with the real importer, give exactly the grades of
    expected_results.csv (highest SE attempt; SE half up to one decimal; final grade in one
    step; the highest CE grade of tijdvak 1-3 counts)."""
    from examenbureau.core.io.importers import import_file

    store = Store(tmp_path / "voorbeeld.duckdb")
    for kind, name in (("candidates", "candidates.csv"), ("subjects", "candidate_subjects.csv"),
                       ("pta", "pta.csv"), ("se-results", "se_grades.csv"),
                       ("dnt", "dnt_2025.csv"), ("n-terms", "nterms_2025_tv1.csv"),
                       ("n-terms", "nterms_2025_tv2.csv"), ("ce-scores", "ce_scores.csv")):
        report = import_file(store, kind, EXAMPLES / name)
        assert report.ok, report.errors
    results = {r.exam_number: r for r in compute_results(store, exam_year=2025)}
    rows = list(csv.DictReader((EXAMPLES / "expected_results.csv").open(encoding="utf-8"),
                               delimiter=";"))
    assert len(rows) == 12

    def dec(text: str) -> Decimal | None:
        return Decimal(text.replace(",", ".")) if text else None

    for row in rows:
        sr = results[row["examennummer"]].subject(row["vak"])
        assert sr is not None, row
        assert sr.se_grade == dec(row["se_cijfer"]), row
        for period in (1, 2, 3):
            expected = dec(row[f"ce_cijfer_tv{period}"])
            if expected is not None:
                assert sr.ce_grades[period] == expected, row
        assert sr.ce_grade == dec(row["ce_cijfer"]), row
        assert sr.final_grade == int(row["eindcijfer"]), row
    # the example packages are partial (no PTA for most subjects): nobody is decided yet,
    # and each says why
    assert all(r.passed is None and r.missing for r in results.values())


def test_batches_across_exam_years_keep_every_candidate_once(small_school_db):
    """A batch that spans two exam years reads each year on its own: exam numbers repeat
    between years, so a batch is never a bare list of numbers."""
    from examenbureau.core.results import iter_results
    from examenbureau.core.store import Store

    store = Store(small_school_db)
    whole = [(r.exam_year, r.exam_number, r.status) for r in compute_results(store)]
    batched = [(r.exam_year, r.exam_number, r.status) for r in iter_results(store, batch=2)]
    assert batched == whole
    assert {y for y, _n, _s in whole} == {2024, 2025} and len(whole) == 12


def test_resit_advice_only_when_asked_and_worked_out_by_hand(results_school_db_shared, by_number):
    """5002: netl SE 4,0 + CE 4,0 -> 4 in a kernvak. A resit CE 5,0 gives 4,5 -> 5 (one 5 in
    the kernvakken is allowed, art. 3.34 lid 1 b); 4,9 gives 4,45 -> 4. Art. 3.38/3.39."""
    assert by_number["5002"].advice is None                 # not asked: national runs stay lean
    assert "herkansingsadvies" not in by_number["5002"].as_json()
    [r] = compute_results(Store(results_school_db_shared), exam_year=2025,
                          exam_numbers=["5002"], advice=True)
    first = r.advice.options[0]
    assert (first.subject, first.lowest_tenths, first.final_grade) == ("netl", 50, 5)
    assert r.advice.resit_helps is True
    assert json.loads(json.dumps(r.as_json()))["herkansingsadvies"]["options"][0]["lowest_ce"] == "5.0"


def test_needed_for_a_candidate_whose_only_gap_is_a_ce_grade(results_school_db_shared):
    """5003 sat aardrijkskunde in tijdvak 2, whose N-term is not published yet. All other finals
    are 7 and six CE grades 6,5: even a 1,0 (final (7,0 + 1,0)/2 = 4) passes by compensation
    (art. 3.34 lid 1 c 2°: one 4, the rest at least 6, mean at least 6,0). No score is given:
    the tijdvak-1 exam's L and N are not the ones this candidate sat."""
    store = Store(results_school_db_shared)
    [r] = compute_results(store, exam_year=2025, exam_numbers=["5003"], advice=True)
    assert r.passed is None and r.needed is not None
    [ak] = r.needed.subjects
    assert (ak.subject, ak.lowest_tenths) == ("ak", 10) and ak.lowest_score is None
    assert "lowest_score" not in r.needed.as_json()["subjects"][0]
    # 5004 also misses an SE result: nothing sound to say about the CE
    [other] = compute_results(store, exam_year=2025, exam_numbers=["5004"], advice=True)
    assert other.needed is None
