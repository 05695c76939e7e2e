"""The statutory judicium cum laude: Uvb WVO 2020 art. 3.47 (vwo, havo) and 3.48 (vmbo)."""

from __future__ import annotations

import pytest

from examenbureau.core.rules import evaluate


def F(code: str, final: int, part: str) -> dict:
    return {"code": code, "final": final, "part": part}


def vwo(grades: dict[str, int] | None = None, comb: int = 8, **extra) -> dict:
    g = {"netl": 8, "entl": 8, "dutl": 8, "wisB": 8, "nat": 8, "schk": 8, "biol": 8, "inf": 8}
    g.update(grades or {})
    parts = {"netl": "gd", "entl": "gd", "dutl": "gd", "inf": "vd"}
    return {"level": "vwo", "passed": True, "lo": "voldoende", "combination": {"final": comb},
            "subjects": [F(c, f, parts.get(c, "pd")) for c, f in g.items()], **extra}


def havo(grades: dict[str, int] | None = None, comb: int = 8) -> dict:
    g = {"netl": 8, "entl": 8, "wisA": 8, "biol": 8, "schk": 8, "ak": 8, "econ": 8}
    g.update(grades or {})
    parts = {"netl": "gd", "entl": "gd", "econ": "vd"}
    return {"level": "havo", "passed": True, "lo": "voldoende", "combination": {"final": comb},
            "subjects": [F(c, f, parts.get(c, "pd")) for c, f in g.items()]}


def cl(data: dict) -> dict:
    return evaluate("cum_laude", data, "wvo2020")


@pytest.mark.parametrize("grades,expected", [
    pytest.param({"wisB": 9, "biol": 7}, True, id="art3.47-lid1a-vwo-72-over-9-is-8.0-granted"),
    pytest.param({"biol": 7}, False, id="art3.47-lid1a-vwo-71-over-9-is-7.89-refused"),
])
def test_vwo_mean_of_eight_never_rounded(grades, expected):
    r = cl(vwo(grades))
    assert r["cum_laude"] is expected
    assert r["average"]["count"] == 9  # 3 gd + combination + 4 pd + best vd
    mean = next(x for x in r["reasons"] if x["rule"] == "cum_laude_gemiddelde")
    assert mean["source"] == "Uitvoeringsbesluit WVO 2020 art. 3.47 lid 1 onder a"
    assert ("8,00" if expected else "7,88") in mean["text"]


@pytest.mark.parametrize("grades,comb,expected", [
    pytest.param({"wisB": 10, "nat": 10, "biol": 7}, 8, True, id="art3.47-lid1b-vwo-7-granted"),
    pytest.param({"wisB": 10, "nat": 10, "biol": 6}, 8, False, id="art3.47-lid1b-vwo-6-refused"),
    pytest.param({"wisB": 10, "nat": 10}, 6, False,
                 id="art3.47-lid1b-vwo-combination-6-refused"),
])
def test_vwo_every_counting_final_grade_at_least_seven(grades, comb, expected):
    r = cl(vwo(grades, comb))
    assert r["cum_laude"] is expected
    if not expected:
        assert any(x["rule"] == "cum_laude_minimum" and x["violated"] for x in r["reasons"])


def test_vwo_combination_components_may_be_lower_when_the_combination_is_seven():
    # examenblad: maw 9, anw 5, pws 7 -> 7; cum laude still possible (V125)
    data = vwo({"wisB": 9})
    data["combination"] = {"final": 7, "components": [
        {"code": "maat", "final": 9}, {"code": "anw", "final": 5}, {"code": "pws", "final": 7}]}
    assert cl(data)["cum_laude"] is True


def test_vwo_an_extra_subject_is_ignored_for_the_minimum():
    data = vwo({"wisB": 9})
    data["subjects"].append(F("fi", 6, "extra"))  # "Een 6 voor een extra vak vormt geen probleem"
    r = cl(data)
    assert r["cum_laude"] is True and r["average"] == {"sum": 73, "count": 9}  # fi not in it


def test_only_the_best_free_part_subject_counts():
    data = vwo({"wisB": 9, "inf": 6})
    data["subjects"].append(F("ges", 8, "vd"))
    r = cl(data)
    assert r["average"] == {"sum": 73, "count": 9}
    assert r["cum_laude"] is False  # inf 6 is below the vwo minimum of 7


@pytest.mark.parametrize("grades,expected", [
    pytest.param({"netl": 6, "wisA": 9, "ak": 9}, True, id="art3.47-lid2b-havo-6-granted"),
    pytest.param({"netl": 5, "wisA": 10, "ak": 10}, False, id="art3.47-lid2b-havo-5-refused"),
    pytest.param({"econ": 7}, False, id="art3.47-lid2a-havo-63-over-8-refused"),
])
def test_havo(grades, expected):
    assert cl(havo(grades))["cum_laude"] is expected


def tl(grades: dict[str, int], pws: str = "voldoende") -> dict:
    parts = {"ne": "gd", "en": "gd", "ml": "gd", "wi": "pd", "nask1": "pd", "bi": "vd", "ec": "vd"}
    return {"level": "vmbo-gt", "leerweg": "tl", "passed": True, "lo": "voldoende",
            "kunstvakken": "voldoende", "pws": pws,
            "subjects": [F(c, grades[c], p) for c, p in parts.items()]}


@pytest.mark.parametrize("grades,pws,expected", [
    pytest.param(dict(ne=8, en=8, ml=8, wi=8, nask1=8, bi=8, ec=6), "voldoende", True,
                 id="art3.48-lid1a-tl-best-vd-only-granted"),
    pytest.param(dict(ne=8, en=8, ml=8, wi=9, nask1=9, bi=9, ec=5), "voldoende", False,
                 id="art3.48-lid1b-tl-5-refused"),
    pytest.param(dict(ne=8, en=8, ml=8, wi=8, nask1=8, bi=8, ec=6), "onvoldoende", False,
                 id="art3.48-lid1b-tl-pws-onvoldoende-refused"),
    pytest.param(dict(ne=8, en=8, ml=7, wi=8, nask1=8, bi=8, ec=8), "voldoende", False,
                 id="art3.48-lid1a-tl-47-over-6-refused"),
])
def test_vmbo_tl(grades, pws, expected):
    r = cl(tl(grades, pws))
    assert r["cum_laude"] is expected
    assert r["average"]["count"] == 6  # Ne, En, ml, 2 pd, best vd


@pytest.mark.parametrize("level", ["vmbo-kb", "vmbo-bb"])
def test_vmbo_kb_bb_mean_without_ne_en_ml(level):
    # art. 3.48 lid 2: profielvak + two general profile subjects + keuzevakken combination;
    # Ne, En, maatschappijleer are not in the mean (V133), only in the minimum of 6.
    data = {"level": level, "passed": True, "lo": "voldoende", "kunstvakken": "voldoende",
            "subjects": [F("ne", 6, "gd"), F("en", 6, "gd"), F("ml", 6, "gd"),
                         F("pv", 8, "profielvak"), F("wi", 8, "pd"), F("ec", 8, "pd")],
            "combination": {"components": [{"code": "k1", "final": 9}, {"code": "k2", "final": 9},
                                           {"code": "k3", "final": 9}, {"code": "k4", "final": 5}]}}
    r = cl(data)
    # combination (9+9+9+5)/4 = 8; a keuzevak 5 inside it does not block (V134, low confidence)
    assert r["cum_laude"] is True and r["average"] == {"sum": 32, "count": 4}
    assert next(x for x in r["reasons"] if x["rule"] == "cum_laude_gemiddelde")["source"] \
        .endswith("art. 3.48 lid 2 onder a")
    data["subjects"][0]["final"] = 5
    assert cl(data)["cum_laude"] is False  # Ne 5 is below the minimum 6 (lid 2 onder b)


@pytest.mark.parametrize("bi,comb_parts,expected", [
    pytest.param(7, (9, 9, 9), True, id="art3.48-lid3a-gl-combination-higher-granted"),
    pytest.param(9, (7, 7, 7), True, id="art3.48-lid3a-gl-vd-higher-granted"),
    pytest.param(7, (7, 7, 7), False, id="art3.48-lid3a-gl-both-7-refused"),
])
def test_vmbo_gl_takes_the_higher_of_free_subject_and_combination(bi, comb_parts, expected):
    pv, k1, k2 = comb_parts
    data = {"level": "vmbo-gt", "leerweg": "gl", "passed": True, "lo": "voldoende",
            "kunstvakken": "voldoende", "pws": "voldoende",
            "subjects": [F("ne", 8, "gd"), F("en", 8, "gd"), F("ml", 8, "gd"), F("wi", 8, "pd"),
                         F("ec", 8, "pd"), F("bi", bi, "vd"),
                         {"code": "pv", "final": pv, "part": "pd", "in_combination": True}],
            "combination": {"components": [{"code": "pv", "weight": 2}, {"code": "k1", "final": k1},
                                           {"code": "k2", "final": k2}]}}
    r = cl(data)
    assert r["cum_laude"] is expected
    assert r["average"]["count"] == 6  # Ne, En, ml, wi, ec, max(bi, combination)
    assert any(x["rule"] == "cum_laude_keuze" and not x["violated"] for x in r["reasons"])


def test_never_cum_laude_when_not_passed():
    r = cl(vwo({"wisB": 10, "nat": 10}, passed=False))
    assert r["cum_laude"] is False
    assert any(x["rule"] == "cum_laude_geslaagd" and x["violated"] for x in r["reasons"])


def test_outcome_carries_cum_laude_and_a_failed_candidate_never_has_it():
    subjects = [{"code": c, "se": "9.0", "ce": "9.0", "part": p, "kernvak": k}
                for c, p, k in [("netl", "gd", True), ("entl", "gd", True), ("wisA", "pd", True),
                                ("biol", "pd", False), ("schk", "pd", False), ("ak", "pd", False),
                                ("econ", "vd", False)]]
    data = {"level": "havo", "subjects": subjects, "lo": "voldoende",
            "combination": {"components": [{"code": "maat", "final": 9},
                                           {"code": "ckv", "final": 8},
                                           {"code": "pws", "final": 8}]}}
    r = evaluate("outcome", data)
    assert r["passed"] is True and r["cum_laude"] is True and r["school_rule"] is None
    data["lo"] = "onvoldoende"
    r = evaluate("outcome", data)
    assert r["passed"] is False and r["cum_laude"] is False


def test_without_parts_cum_laude_is_not_decided():
    data = havo()
    for s in data["subjects"]:
        del s["part"]
    r = cl(data)
    assert r["cum_laude"] is None and r["decidable"] is False
    assert {m["subject"] for m in r["missing"]} == {s["code"] for s in data["subjects"]}


def test_missing_passed_is_named():
    data = havo()
    del data["passed"]
    r = cl(data)
    assert r["cum_laude"] is None and r["missing"][0]["what"] == "uitslag"
