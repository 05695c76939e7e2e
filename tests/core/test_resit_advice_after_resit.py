"""Acceptance 2 of issue 8, on the demo school: the resit advice and "what do I need" know which
CE resit was already taken, and after the one CE resit they say so and suggest nothing.

Demo candidate 5018 (havo) has Dutch 4,3 in tijdvak 1 and 5,8 in tijdvak 2: he used his resit
(Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1: "voor één vak"). The report of the issue: he was
advised to resit Dutch again.
"""

from __future__ import annotations

import pytest

from examenbureau.core.results import compute_results
from examenbureau.core.rules import evaluate
from examenbureau.core.store import Store


@pytest.fixture
def demo(demo_copy):
    return demo_copy


def one(store, number):
    [r] = compute_results(store, exam_year=2025, exam_numbers=[number], advice=True)
    return r


def test_5018_what_do_i_need_says_the_resit_is_used(demo):
    r = one(demo, "5018")
    netl = next(s for s in r.subjects if s.subject == "netl")
    assert (str(netl.ce_grades[1]), str(netl.ce_grades[2])) == ("4.3", "5.8")
    assert r.passed is None and r.needed is not None   # tekenen's N-term is still to come
    assert r.needed.resits_used == ("netl",) and r.needed.resits_left == 0
    assert "herkansing van het centraal examen al gebruikt (Nederlandse taal en literatuur)" in (
        r.needed.text)
    assert r.needed.as_json()["resits_used"] == ["netl"]


def test_5018_once_decided_the_advice_suggests_no_resit_at_all(demo, tmp_path):
    path = tmp_path / "demo.duckdb"
    path.write_bytes(demo.path.read_bytes())
    store = Store(path, actor="test")
    with store.transaction(reason="test: N-term tekenen gepubliceerd") as tx:
        tx.execute("UPDATE ce_exams SET n_term = 1.0 WHERE n_term IS NULL")
    r = one(store, "5018")
    assert r.passed is not None and r.advice is not None
    assert r.advice.options == () and r.advice.resits_used == ("netl",)
    assert "er is geen herkansing meer over" in r.advice.text
    assert r.advice.reasons[0].source == "Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1"


def test_calc_resit_advice_never_suggests_a_subject_already_resat():
    data = {"level": "havo", "lo": "voldoende",
            "combination": {"components": [{"code": "maat", "final": 6}, {"code": "ckv", "final": 6},
                                           {"code": "pws", "final": 6}]},
            "subjects": [{"code": c, "se": se, "ce": ce, "part": p, "kernvak": k}
                         for c, se, ce, p, k in [
                             ("netl", "5.0", "3.0", "gd", True), ("entl", "6.5", "6.5", "gd", True),
                             ("wisA", "6.5", "6.5", "pd", True), ("ges", "6.0", "6.0", "pd", False),
                             ("econ", "6.0", "6.0", "pd", False), ("ak", "6.0", "6.0", "vd", False)]]}
    before = evaluate("resit_advice", data)
    assert before["options"] and before["options"][0]["subject"] == "netl"
    after = evaluate("resit_advice", {**data, "ce_resits": ["netl"]})
    assert after["options"] == [] and after["resits_used"] == ["netl"]
    assert "geen herkansing meer over" in after["text"]
