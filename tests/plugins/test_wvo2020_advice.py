"""Results-day helpers on hand-worked cases: `resit_advice` and `needed`.

Resit: one subject with a CE (Uvb art. 3.38 lid 1); the highest grade counts (art. 3.39 lid 1).
Every expected number below is worked out by hand in the comments, from art. 3.32 (final grade
= (SE + CE)/2 rounded once) and art. 3.34/3.35 (pass conditions).
"""

from __future__ import annotations

from examenbureau.core.rules import evaluate


def S(code: str, se: str, ce: str | None = "", part: str = "pd", kernvak: bool = False,
      **extra) -> dict:
    d: dict = {"code": code, "se": se, "part": part, **extra}
    if ce != "":
        d["ce"] = ce  # None: the CE is still to come
    if kernvak:
        d["kernvak"] = True
    return d


COMB7 = {"components": [{"code": "maat", "final": 7}, {"code": "ckv", "final": 7},
                        {"code": "pws", "final": 7}]}


def havo_ce_short() -> dict:
    # final grades: netl (6,0+5,0)/2 = 5,5 -> 6; entl 5,6 -> 6; wisA 5,5 -> 6; biol 6,0 -> 6;
    # schk 6,2 -> 6; ak 6,3 -> 6; econ 6,5 -> 7; combination 7. Compensation and kernvakken pass.
    # CE: 5,0 + 5,2 + 5,0 + 5,0 + 5,4 + 5,6 + 6,0 = 37,2 over 7 = 5,31 < 5,5 (art. 3.34 lid 1 a).
    return {"level": "havo", "lo": "voldoende", "combination": COMB7, "subjects": [
        S("netl", "6.0", "5.0", "gd", True), S("entl", "6.0", "5.2", "gd", True),
        S("wisA", "6.0", "5.0", "pd", True), S("biol", "7.0", "5.0"), S("schk", "7.0", "5.4"),
        S("ak", "7.0", "5.6"), S("econ", "7.0", "6.0", "vd")]}


def test_resit_advice_art_3_38_ce_average_short_by_1_3():
    # The CE sum must reach 5,5 x 7 = 38,5, which is 1,3 more than 37,2. One resit in any subject
    # can do it by scoring 1,3 above its current CE grade (38,5/7 is exactly 5,5: a float sum would
    # say 5,4999 here). Raising a CE never lowers a final grade, so nothing else breaks:
    #   ak 5,6 -> 6,9   biol 5,0 -> 6,3   econ 6,0 -> 7,3   entl 5,2 -> 6,5
    #   netl 5,0 -> 6,3 schk 5,4 -> 6,7   wisA 5,0 -> 6,3
    # One tenth less (sum 38,4 = 5,486) still fails, so these are the lowest grades.
    r = evaluate("resit_advice", havo_ce_short())
    assert r["passed"] is False and r["resit_helps"] is True
    assert [x["rule"] for x in r["reasons"]] == ["ce_gemiddelde"]
    got = {o["subject"]: o["lowest_ce"] for o in r["options"]}
    assert got == {"ak": "6.9", "biol": "6.3", "econ": "7.3", "entl": "6.5", "netl": "6.3",
                   "schk": "6.7", "wisA": "6.3"}
    # all need the same gain of 1,3, so they are listed by subject code
    assert [o["subject"] for o in r["options"]] == ["ak", "biol", "econ", "entl", "netl", "schk",
                                                    "wisA"]
    # netl with 6,3: final (6,0 + 6,3)/2 = 6,15 -> 6
    assert next(o for o in r["options"] if o["subject"] == "netl")["final_grade"] == 6
    assert "minimaal een 6,9" in r["text"]
    # check the boundary with the outcome itself
    data = havo_ce_short()
    data["subjects"][0]["ce"] = "6.3"
    assert evaluate("outcome", data)["passed"] is True
    data["subjects"][0]["ce"] = "6.2"
    assert evaluate("outcome", data)["passed"] is False


def test_resit_advice_art_3_35_only_dutch_can_help():
    # vmbo tl, Nederlands SE 5,0, CE 2,8: final (5,0 + 2,8)/2 = 3,9 -> 4 < 5 (art. 3.35 lid 1 b).
    # The other finals are 7, so compensation allows the 4 (one 4 with a 7) and the CE average is
    # (2,8 + 5 x 7,0)/6 = 6,3. Only a better Dutch grade helps: final >= 5 needs
    # (5,0 + x)/2 >= 4,5, so x >= 4,0. A resit in any other subject leaves Dutch at 4.
    data = {"level": "vmbo-gt", "leerweg": "tl", "lo": "voldoende", "kunstvakken": "voldoende",
            "pws": "voldoende", "subjects": [
                S("ne", "5.0", "2.8", "gd", True), S("en", "7.0", "7.0", "gd"),
                {"code": "ml", "se": "7", "part": "gd"},  # maatschappijleer: no CE
                S("wi", "7.0", "7.0"), S("nask1", "7.0", "7.0"), S("bi", "7.0", "7.0", "vd"),
                S("ec", "7.0", "7.0", "vd")]}
    r = evaluate("resit_advice", data)
    assert [x["rule"] for x in r["reasons"]] == ["nederlands"]
    assert [(o["subject"], o["lowest_ce"], o["final_grade"]) for o in r["options"]] == [
        ("ne", "4.0", 5)]


def test_resit_advice_when_no_single_resit_can_help():
    # LO "onvoldoende" (art. 3.34 lid 1 e) does not depend on any CE grade.
    data = havo_ce_short()
    data["lo"] = "onvoldoende"
    r = evaluate("resit_advice", data)
    assert r["resit_helps"] is False and r["options"] == []
    assert "geen herkansing" in r["text"]
    assert sorted(x["rule"] for x in r["reasons"]) == ["ce_gemiddelde", "lo"]


def vwo_almost_cum_laude() -> dict:
    # Every final grade 8 except biologie: (8,0 + 6,8)/2 = 7,4 -> 7. The cum laude mean counts 9
    # grades (netl entl dutl, combination 8, wisB nat schk biol, best vd inf 8): 71/9 = 7,89 < 8.
    return {"level": "vwo", "lo": "goed", "subjects": [
        S("netl", "8.0", "8.0", "gd", True), S("entl", "8.0", "8.0", "gd", True),
        S("dutl", "8.0", "8.0", "gd"), S("wisB", "8.0", "8.0", "pd", True), S("nat", "8.0", "8.0"),
        S("schk", "8.0", "8.0"), S("biol", "8.0", "6.8"), {"code": "inf", "se": "8", "part": "vd"}],
        "combination": {"components": [{"code": "maat", "final": 8}, {"code": "ckv", "final": 8},
                                       {"code": "pws", "final": 8}]}}


def test_resit_advice_after_passing_points_to_cum_laude():
    # Cum laude needs 72/9. Biologie to 8 needs (8,0 + x)/2 >= 7,5: x >= 7,0 (a gain of 0,2).
    # Any other CE subject to 9 needs (8,0 + x)/2 >= 8,5: x >= 9,0 (a gain of 1,0).
    r = evaluate("resit_advice", vwo_almost_cum_laude())
    assert r["passed"] is True and r["cum_laude"] is False
    assert r["options"][0]["subject"] == "biol" and r["options"][0]["lowest_ce"] == "7.0"
    assert r["options"][0]["final_grade"] == 8
    assert {o["subject"]: o["lowest_ce"] for o in r["options"][1:]} == {
        "dutl": "9.0", "entl": "9.0", "nat": "9.0", "netl": "9.0", "schk": "9.0", "wisB": "9.0"}
    assert "cum laude" in r["text"]


def test_resit_advice_for_someone_already_cum_laude():
    data = vwo_almost_cum_laude()
    data["subjects"][6]["ce"] = "7.0"
    r = evaluate("resit_advice", data)
    assert r["cum_laude"] is True and r["options"] == []


def test_resit_advice_names_the_extra_cspe_resit_of_vmbo_kb():
    data = {"level": "vmbo-kb", "lo": "voldoende", "kunstvakken": "voldoende", "subjects": [
        S("ne", "6.0", "6.0", "gd", True), S("en", "6.0", "6.0", "gd"),
        {"code": "ml", "se": "6", "part": "gd"}, S("pv", "6.0", "6.0"), S("wi", "6.0", "6.0"),
        S("ec", "6.0", "6.0")],
        "combination": {"components": [{"code": f"k{i}", "final": 6} for i in range(1, 5)]}}
    r = evaluate("resit_advice", data)
    assert any("3.38 lid 2" in n for n in r["notes"])


def test_resit_advice_with_missing_grades_is_not_decided():
    data = havo_ce_short()
    data["subjects"][1]["ce"] = None
    r = evaluate("resit_advice", data)
    assert r["decidable"] is False and r["options"] == []
    assert r["missing"][0]["subject"] == "entl"


# --- needed: before the CE ------------------------------------------------------------------------

def havo_one_open(**wis) -> dict:
    # Known: netl, entl, biol, schk, ak, econ all SE 6,0 / CE 6,0 -> final 6; combination 6.
    # Open: wiskunde A (kernvak), SE 5,8.
    comb = {"components": [{"code": c, "final": 6} for c in ("maat", "ckv", "pws")]}
    return {"level": "havo", "lo": "voldoende", "combination": comb, "subjects": [
        S("netl", "6.0", "6.0", "gd", True), S("entl", "6.0", "6.0", "gd", True),
        S("wisA", "5.8", None, "pd", True, **wis), S("biol", "6.0", "6.0"), S("schk", "6.0", "6.0"),
        S("ak", "6.0", "6.0"), S("econ", "6.0", "6.0", "vd")]}


def test_needed_one_open_ce_hand_worked():
    # CE average: 6 x 6,0 = 36,0 known; 7 CEs need 38,5, so x >= 2,5.
    # Kernvak: wisA may be a 5 at worst (netl, entl are 6): (5,8 + x)/2 >= 4,5 -> x >= 3,2.
    # Compensation: one 5 is always allowed. So the lowest CE grade is max(2,5; 3,2) = 3,2.
    # With L = 60, N = 1,0: C = 9S/60 + 1 >= 3,15 (rounds to 3,2) -> S >= 14,33 -> S = 15
    # (S = 14 gives 3,1; S = 15 gives 3,25 -> 3,3).
    r = evaluate("needed", havo_one_open(L=60, N="1.0"))
    assert r["decidable"] is True and r["possible"] is True and r["pending"] == ["wisA"]
    (row,) = r["subjects"]
    assert row["lowest_ce"] == "3.2" and row["lowest_score"] == 15
    assert row["L"] == 60 and row["N"] == "1.0"
    assert r["same_for_all"] == "3.2"
    assert "minimaal een 3,2" in r["text"]
    # the boundary, checked with the outcome itself
    for ce, passes in (("3.2", True), ("3.1", False)):
        data = havo_one_open()
        data["subjects"][2]["ce"] = ce
        assert evaluate("outcome", data)["passed"] is passes


def test_needed_without_n_term_gives_no_score():
    r = evaluate("needed", havo_one_open(L=60))  # N not known yet: no guess
    assert "lowest_score" not in r["subjects"][0]


def tl_two_open() -> dict:
    # vmbo tl. Open: ne and en (SE 6,0 each). Known: ml 6 (SE only); wi, nask1, bi, ec SE 6,0,
    # CE 6,0 -> final 6 and CE sum 24,0 over 4.
    return {"level": "vmbo-gt", "leerweg": "tl", "lo": "voldoende", "kunstvakken": "voldoende",
            "pws": "voldoende", "subjects": [
                S("ne", "6.0", None, "gd", True), S("en", "6.0", None, "gd"),
                {"code": "ml", "se": "6", "part": "gd"}, S("wi", "6.0", "6.0"),
                S("nask1", "6.0", "6.0"), S("bi", "6.0", "6.0", "vd"), S("ec", "6.0", "6.0", "vd")]}


def test_needed_two_open_ces_hand_worked():
    # Same grade x in both: CE sum 24,0 + 2x >= 5,5 x 6 = 33,0 -> x >= 4,5. But at x = 4,5..4,9
    # both finals are (6,0 + x)/2 -> 5 (5,25..5,45): two 5s and no 7 fail (3.35 lid 1 c 3°).
    # At x = 5,0 both finals are 6 (5,5 -> 6): all 6, CE 34,0 >= 33,0. same_for_all = 5,0.
    # Per subject with the other at its best (10,0 -> final 8, a 7 or more):
    #   ne: Nederlands must be >= 5 (3.35 lid 1 b): (6,0 + x)/2 >= 4,5 -> x >= 3,0.
    #   en: a 4 is allowed next to a 7 (lid 1 c 2°): (6,0 + x)/2 >= 3,5 -> x >= 1,0; the CE
    #       average is then (24,0 + 10,0 + 1,0)/6 = 5,83.
    r = evaluate("needed", tl_two_open())
    assert r["same_for_all"] == "5.0"
    assert {row["subject"]: row["lowest_ce"] for row in r["subjects"]} == {"ne": "3.0", "en": "1.0"}
    assert "minimaal een 5,0" in r["text"]


def test_needed_when_passing_is_no_longer_possible():
    data = tl_two_open()
    data["kunstvakken"] = "onvoldoende"
    r = evaluate("needed", data)
    assert r["possible"] is False and r["same_for_all"] is None
    assert [x["rule"] for x in r["reasons"]] == ["kunstvakken"]


def test_needed_reports_missing_se_grades():
    data = havo_one_open()
    data["subjects"][0]["se"] = None
    r = evaluate("needed", data)
    assert r["decidable"] is False and r["missing"][0]["what"] == "SE-cijfer"


def test_needed_for_an_extra_subject_says_it_does_not_decide():
    """Regression (issue 9, "Also fix"): for an extra subject the advice read "minimaal een 1,0
    nodig om te slagen". The seven counted subjects all have a 6 (CE 6,0) and pass; the extra
    subject fatl is left out when it would hurt (art. 3.33 lid 3), so no grade decides."""
    data = havo_one_open()
    data["subjects"][2]["ce"] = "6.0"
    data["subjects"].append(S("fatl", "6.0", None, "extra", name="Frans"))
    r = evaluate("needed", data)
    assert r["decidable"] is True and r["possible"] is True and r["pending"] == ["fatl"]
    (row,) = r["subjects"]
    assert row["decides"] is False
    assert "minimaal" not in r["text"]
    assert "beslist niet over de uitslag" in r["text"] and "extra vak" in r["text"]
    assert "art. 3.33 lid 3" in r["text"]
    data["subjects"][-1]["ce"] = "1.0"          # the lowest grade: still geslaagd
    assert evaluate("outcome", data)["passed"] is True


def test_needed_for_a_subject_that_decides_keeps_its_lowest_grade():
    r = evaluate("needed", havo_one_open())
    assert "decides" not in r["subjects"][0] and "minimaal een 3,2" in r["text"]
