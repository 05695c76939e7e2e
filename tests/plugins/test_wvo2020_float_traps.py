"""Every floating-point and rounding trap of rules_spec §2.5, through the public entry point.

Each test first shows the wrong answer the trap gives (so the test proves the trap is real) and
then that the engine gives the answer of the law.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from examenbureau.core.rules import CalcInputError, evaluate


def ev(op: str, data: dict) -> dict:
    return evaluate(op, data, "wvo2020")


# 1. binary floats for CE grades ------------------------------------------------------------------

def test_trap1_float_ce_grade_1_45_becomes_1_5():
    naive = 9 * 2 / 40 + 1.0  # the trap itself, in floats on purpose
    assert round(naive, 1) == 1.4  # the float is 1.4499999...
    assert ev("ce_grade", {"L": 40, "S": 2, "N": "1.0"})["grade"] == "1.5"


def test_trap1_float_ce_grade_9_25_on_the_boundary_becomes_9_3():
    naive = 10 - 4.5 * (60 - 50) / 60  # boundary 2b for N = 3,0
    assert round(naive, 1) == 9.2
    assert ev("ce_grade", {"L": 60, "S": 50, "N": "3.0"})["grade"] == "9.3"


# 2. banker's rounding -----------------------------------------------------------------------------

def test_trap2_bankers_rounding_of_a_ce_grade():
    assert round(1.25, 1) == 1.2 and round(Decimal("1.25"), 1) == Decimal("1.2")
    assert ev("ce_grade", {"L": 20, "S": 1, "N": "0.8"})["grade"] == "1.3"


@pytest.mark.parametrize("data,expected", [
    ({"se": "6.5", "ce": "6.5"}, 7), ({"se": "6.5"}, 7), ({"se": "8.5"}, 9),
], ids=["art3.32-lid2-6.5-to-7", "art3.32-lid3-se-only-6.5-to-7", "se-only-8.5-to-9"])
def test_trap2_bankers_rounding_of_a_final_grade(data, expected):
    assert round(6.5) == 6 and round(8.5) == 8  # Python rounds half to even
    assert ev("final_grade", data)["grade"] == expected


def test_trap2_bankers_rounding_of_the_combination_grade():
    r = ev("combination_grade", {"level": "vwo", "components": [
        {"code": "maat", "final": 6}, {"code": "pws", "final": 7}]})
    assert r["grade"] == 7  # 6,5 -> 7 (art. 3.34 lid 4), round() would give 6


# 3. double rounding -------------------------------------------------------------------------------

@pytest.mark.parametrize("length,score,n,expected,twice", [
    (53, 25, "1.2", "5.4", "5.5"),   # 5,4452 -> 5,45 -> 5,5 is wrong
    (66, 26, "2.0", "5.5", "5.6"),   # 5,5454 -> 5,55 -> 5,6 is wrong
], ids=["ce-53-25-1.2", "ce-66-26-2.0"])
def test_trap3_double_rounding_of_a_ce_grade(length, score, n, expected, twice):
    exact = Decimal(9 * score) / Decimal(length) + Decimal(n)
    two_steps = exact.quantize(Decimal("0.01"), "ROUND_HALF_UP").quantize(Decimal("0.1"),
                                                                          "ROUND_HALF_UP")
    assert str(two_steps) == twice
    assert ev("ce_grade", {"L": length, "S": score, "N": n})["grade"] == expected


def test_trap3_double_rounding_of_a_final_grade():
    # 5,4 and 5,5: mean 5,45. Two steps (5,45 -> 5,5 -> 6) is wrong; art. 3.32 lid 2: 5.
    assert ev("final_grade", {"se": "5.4", "ce": "5.5"})["grade"] == 5
    r = ev("outcome", {"level": "havo", "subjects": [
        {"code": "netl", "se": "5.4", "ce": "5.5", "part": "gd", "kernvak": True},
        {"code": "entl", "se": "5.4", "ce": "5.5", "part": "gd", "kernvak": True},
        {"code": "wisA", "se": "7.0", "ce": "7.0", "part": "pd", "kernvak": True},
        {"code": "biol", "se": "7.0", "ce": "7.0", "part": "pd"},
        {"code": "schk", "se": "7.0", "ce": "7.0", "part": "pd"},
        {"code": "ak", "se": "7.0", "ce": "7.0", "part": "pd"},
        {"code": "econ", "se": "7.0", "ce": "7.0", "part": "vd"}],
        "combination": {"components": [{"code": "maat", "final": 7}, {"code": "ckv", "final": 7},
                                       {"code": "pws", "final": 7}]},
        "lo": "voldoende"})
    assert r["final_grades"]["netl"] == 5 and r["final_grades"]["entl"] == 5
    assert r["passed"] is False  # two 5s in kernvakken; rounded twice they would be 6s
    assert [x["rule"] for x in r["reasons"]] == ["kernvakken"]


# 4. the CE average through a float sum ------------------------------------------------------------

V077 = {"level": "vwo", "variant": "atheneum", "subjects": [
    {"code": "netl", "se": "6.6", "ce": "5.4", "part": "gd", "kernvak": True},
    {"code": "entl", "se": "5.8", "ce": "6.2", "part": "gd", "kernvak": True},
    {"code": "dutl", "se": "6.6", "ce": "5.4", "part": "gd"},
    {"code": "wisB", "se": "6.6", "ce": "5.4", "part": "pd", "kernvak": True},
    {"code": "nat", "se": "7.1", "ce": "6.9", "part": "pd"},
    {"code": "schk", "se": "6.2", "ce": "5.8", "part": "pd"},
    {"code": "biol", "se": "8.6", "ce": "3.4", "part": "pd"},
    {"code": "inf", "se": "7", "part": "vd"}],
    "combination": {"components": [{"code": "maat", "final": 7}, {"code": "ckv", "final": 7},
                                   {"code": "pws", "final": 8}]},
    "lo": "voldoende"}


def test_trap4_float_sum_of_ce_grades_38_5_over_7():
    floats = [5.4, 6.2, 5.4, 5.4, 6.9, 5.8, 3.4]
    total = 0.0
    for x in floats:
        total += x
    assert total != 38.5 and total / 7 < 5.5  # the float candidate fails
    r = ev("outcome", V077)
    assert r["passed"] is True
    assert r["ce_average"] == {"sum": "38.5", "count": 7}
    assert "5,50" in next(x["text"] for x in r["reasons"] if x["rule"] == "ce_gemiddelde")


def test_trap4_float_sum_27_5_over_5_vmbo_kb():
    assert 7.2 + 5.1 + 5.1 + 4.9 + 5.2 < 27.5
    r = ev("outcome", {"level": "vmbo-kb", "subjects": [
        {"code": "ne", "se": "6.8", "ce": "7.2", "part": "gd", "kernvak": True},
        {"code": "en", "se": "6.9", "ce": "5.1", "part": "gd"},
        {"code": "ml", "se": "6", "part": "gd"},
        {"code": "pv", "se": "6.9", "ce": "5.1", "part": "pd"},
        {"code": "wi", "se": "7.1", "ce": "4.9", "part": "pd"},
        {"code": "ec", "se": "6.8", "ce": "5.2", "part": "pd"}],
        "combination": {"components": [{"code": f"k{i}", "final": 6} for i in range(1, 5)]},
        "lo": "voldoende", "kunstvakken": "voldoende"})
    assert r["passed"] is True and r["ce_average"] == {"sum": "27.5", "count": 5}


# 5. means of final grades are compared exactly, never rounded -------------------------------------

def test_trap5_compensation_mean_53_over_9_is_not_6():
    assert round(53 / 9) == 6  # rounding the mean would let the candidate pass
    subjects = [{"code": c, "se": f"{g}.0", "ce": f"{g}.0", "part": p, "kernvak": k}
                for c, g, p, k in [("netl", 6, "gd", True), ("entl", 6, "gd", True),
                                   ("fatl", 6, "gd", False), ("wisB", 6, "pd", True),
                                   ("nat", 7, "pd", False), ("schk", 6, "pd", False),
                                   ("biol", 4, "pd", False)]]
    subjects.append({"code": "inf", "se": "6", "part": "vd"})
    r = ev("outcome", {"level": "vwo", "subjects": subjects, "combination": {"components": [
        {"code": "maat", "final": 6}, {"code": "ckv", "final": 6}, {"code": "pws", "final": 6}]},
        "lo": "voldoende"})
    assert r["passed"] is False and [x["rule"] for x in r["reasons"]] == ["compensatie"]
    assert "5,88 (53 gedeeld door 9)" in r["reasons"][0]["text"]


def test_trap5_cum_laude_mean_71_over_9_is_not_8():
    assert round(71 / 9, 1) == 7.9 and math.isclose(71 / 9, 7.888, abs_tol=0.001)
    r = ev("cum_laude", {"level": "vwo", "passed": True, "lo": "voldoende", "subjects": [
        {"code": c, "final": f, "part": p} for c, f, p in [
            ("netl", 8, "gd"), ("entl", 8, "gd"), ("dutl", 8, "gd"), ("wisB", 8, "pd"),
            ("nat", 8, "pd"), ("schk", 8, "pd"), ("biol", 7, "pd"), ("inf", 8, "vd")]],
        "combination": {"final": 8}})
    assert r["cum_laude"] is False and r["average"] == {"sum": 71, "count": 9}


# 6. decimal input: comma and point, never a float -------------------------------------------------

def test_trap6_comma_and_point_mean_the_same():
    a = ev("final_grade", {"se": "5,4", "ce": "5,5"})
    b = ev("final_grade", {"se": "5.4", "ce": "5.5"})
    assert a["grade"] == b["grade"] == 5
    data = {**V077, "subjects": [dict(s, se=s["se"].replace(".", ","),
                                      **({"ce": s["ce"].replace(".", ",")} if "ce" in s else {}))
                                 for s in V077["subjects"]]}
    assert ev("outcome", data)["ce_average"] == {"sum": "38.5", "count": 7}


def test_trap6_a_float_never_enters():
    with pytest.raises(CalcInputError, match="float"):
        ev("final_grade", {"se": 5.4, "ce": "5.5"})
    with pytest.raises(CalcInputError, match="float"):
        ev("ce_grade", {"L": 40, "S": 2, "N": 1.0})
    data = {**V077, "subjects": [dict(V077["subjects"][0], ce=5.4), *V077["subjects"][1:]]}
    with pytest.raises(CalcInputError, match="float"):
        ev("outcome", data)
