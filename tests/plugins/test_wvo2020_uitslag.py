"""The statutory pass conditions, each on both sides of its boundary, for each school type.

Uitvoeringsbesluit WVO 2020 art. 3.34 lid 1 (vwo, havo) and art. 3.35 lid 1 (vmbo). Every case
starts from a candidate who passes comfortably (all final grades 7) and changes exactly what the
rule looks at; the test id names the article, the school type, the number and the verdict.
Grades are written as SE/CE pairs whose exact mean is the intended final grade.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from examenbureau.core.rules import CalcInputError, evaluate


def S(code: str, final: int | None = None, part: str = "pd", *, se: str | None = None,
      ce: str | None = None, kernvak: bool = False, se_only: bool = False,
      in_combination: bool = False) -> dict:
    d: dict = {"code": code, "part": part}
    if se_only:
        d["se"] = se or str(final)
    else:
        d["se"] = se or f"{final}.0"
        d["ce"] = ce or f"{final}.0"
    if kernvak:
        d["kernvak"] = True
    if in_combination:
        d["in_combination"] = True
    return d


def C(code: str, final: int, **kw) -> dict:
    return {"code": code, "final": final, **kw}


def vwo() -> dict:
    return {"level": "vwo", "variant": "atheneum", "subjects": [
        S("netl", 7, "gd", kernvak=True), S("entl", 7, "gd", kernvak=True), S("fatl", 7, "gd"),
        S("wisB", 7, kernvak=True), S("nat", 7), S("schk", 7), S("biol", 7),
        S("inf", 7, "vd", se_only=True)],
        "combination": {"components": [C("maat", 7), C("ckv", 7), C("pws", 7)]},
        "lo": "voldoende"}


def havo() -> dict:
    return {"level": "havo", "subjects": [
        S("netl", 7, "gd", kernvak=True), S("entl", 7, "gd", kernvak=True),
        S("wisA", 7, kernvak=True), S("biol", 7), S("schk", 7), S("ak", 7), S("econ", 7, "vd")],
        "combination": {"components": [C("maat", 7), C("ckv", 7), C("pws", 7)]},
        "lo": "voldoende"}


def tl() -> dict:
    return {"level": "vmbo-gt", "leerweg": "tl", "subjects": [
        S("ne", 7, "gd", kernvak=True), S("en", 7, "gd"), S("ml", 7, "gd", se_only=True),
        S("wi", 7), S("nask1", 7), S("bi", 7, "vd"), S("ec", 7, "vd")],
        "lo": "voldoende", "kunstvakken": "voldoende", "pws": "voldoende"}


def gl() -> dict:
    return {"level": "vmbo-gt", "leerweg": "gl", "subjects": [
        S("ne", 7, "gd", kernvak=True), S("en", 7, "gd"), S("ml", 7, "gd", se_only=True),
        S("wi", 7), S("ec", 7), S("bi", 7, "vd"), S("pv", 7, in_combination=True)],
        "combination": {"components": [C("pv", 7, weight=2), C("k1", 7), C("k2", 7)]},
        "lo": "voldoende", "kunstvakken": "voldoende", "pws": "voldoende"}


def kb(level: str = "vmbo-kb") -> dict:
    return {"level": level, "subjects": [
        S("ne", 7, "gd", kernvak=True), S("en", 7, "gd"), S("ml", 7, "gd", se_only=True),
        S("pv", 7), S("wi", 7), S("ec", 7)],
        "combination": {"components": [C("k1", 7), C("k2", 7), C("k3", 7), C("k4", 7)]},
        "lo": "voldoende", "kunstvakken": "voldoende"}


def bb() -> dict:
    return kb("vmbo-bb")


BASES: dict[str, Callable[[], dict]] = {"vwo": vwo, "havo": havo, "vmbo-tl": tl, "vmbo-gl": gl,
                                        "vmbo-kb": kb, "vmbo-bb": bb}
ART = {"vwo": "3.34", "havo": "3.34", "vmbo-tl": "3.35", "vmbo-gl": "3.35", "vmbo-kb": "3.35",
       "vmbo-bb": "3.35"}


def grade(data: dict, code: str, final: int | None = None, *, se: str | None = None,
          ce: str | None = None) -> dict:
    """Give subject `code` the final grade `final` (SE = CE = final) or explicit SE/CE."""
    for s in data["subjects"]:
        if s["code"] == code:
            if "ce" in s:
                s["se"] = se or f"{final}.0"
                s["ce"] = ce or f"{final}.0"
            else:
                s["se"] = se or str(final)
            return data
    raise KeyError(code)


def component(data: dict, code: str, final: int) -> dict:
    for c in data["combination"]["components"]:
        if c["code"] == code:
            c["final"] = final
            return data
    raise KeyError(code)


def violated(result: dict) -> list[str]:
    return sorted(r["rule"] for r in result["reasons"] if r["violated"])


def run(data: dict) -> dict:
    return evaluate("outcome", copy.deepcopy(data), "wvo2020")


def test_every_baseline_passes_with_reasons_that_explain_it():
    for name, base in BASES.items():
        r = run(base())
        assert r["passed"] is True, (name, r["reasons"])
        assert r["decidable"] is True and r["dropped"] == []
        assert violated(r) == []
        assert all(x["source"].startswith("Uitvoeringsbesluit WVO 2020 art. 3.3")
                   for x in r["reasons"])
        assert {x["rule"] for x in r["reasons"]} >= {"ce_gemiddelde", "compensatie", "lo"}


# --- a. CE average at least 5,5, unrounded -------------------------------------------------------

def _ce_codes(data: dict) -> list[str]:
    return [s["code"] for s in data["subjects"] if "ce" in s]


def _ce_average_case(name: str, last: str) -> dict:
    """All CE grades 5,5 (sum exactly 5,5 x n), SE 7,0 so every final grade is 6; the last CE
    grade then 5,5 or 5,4 (sum 0,1 short: 5,48 for 7 subjects)."""
    data = BASES[name]()
    codes = _ce_codes(data)
    for code in codes:
        grade(data, code, se="7.0", ce="5.5")
    grade(data, codes[-1], se="7.0", ce=last)
    if name == "vmbo-gl":
        component(data, "pv", 6)
    return data


CE_CASES = []
for _name in BASES:
    _n = len(_ce_codes(BASES[_name]()))
    CE_CASES.append(pytest.param(_name, "5.5", True,
                                 id=f"art{ART[_name]}-lid1a-{_name}-5.50-over-{_n}-passes"))
    CE_CASES.append(pytest.param(_name, "5.4", False,
                                 id=f"art{ART[_name]}-lid1a-{_name}-5.48-over-{_n}-fails"))


@pytest.mark.parametrize("name,last,passes", CE_CASES)
def test_ce_average(name, last, passes):
    r = run(_ce_average_case(name, last))
    assert r["passed"] is passes
    n = len(_ce_codes(BASES[name]()))
    total = f"{(55 * n - (0 if passes else 1)) / 10:.1f}"
    assert r["ce_average"] == {"sum": total, "count": n}
    if passes:
        assert violated(r) == []
    else:
        assert violated(r) == ["ce_gemiddelde"]
        text = next(x["text"] for x in r["reasons"] if x["rule"] == "ce_gemiddelde")
        assert "dat moet minimaal 5,5 zijn" in text and "," in total.replace(".", ",")
        assert total.replace(".", ",") in text


# --- b. kernvakken (havo/vwo) and Nederlands (vmbo) -----------------------------------------------

KERN = [({"netl": 5}, True, "Ne-5"), ({"wis": 5}, True, "maths-5"),
        ({"netl": 5, "entl": 5}, False, "Ne-5-En-5"), ({"entl": 4}, False, "En-4"),
        ({"netl": 5, "wis": 5}, False, "Ne-5-maths-5")]
KERN_CASES = [pytest.param(name, g, p,
                           id=f"art3.34-lid1b-{name}-{label}-{'passes' if p else 'fails'}")
              for name in ("vwo", "havo") for g, p, label in KERN]


@pytest.mark.parametrize("name,grades_,passes", KERN_CASES)
def test_kernvakken(name, grades_, passes):
    data = BASES[name]()
    maths = "wisB" if name == "vwo" else "wisA"
    for code, g in grades_.items():
        grade(data, maths if code == "wis" else code, g)
    r = run(data)
    assert r["passed"] is passes
    assert violated(r) == ([] if passes else ["kernvakken"])
    if not passes:
        reason = next(x for x in r["reasons"] if x["rule"] == "kernvakken")
        assert "Nederlands, Engels en wiskunde" in reason["text"]
        assert reason["source"].endswith("art. 3.34 lid 1 onder b")


NE_CASES = [pytest.param(name, ne, ne == 5, id=f"art3.35-lid1b-{name}-Ne-{ne}-"
                         f"{'passes' if ne == 5 else 'fails'}")
            for name in ("vmbo-tl", "vmbo-gl", "vmbo-kb", "vmbo-bb") for ne in (5, 4)]


@pytest.mark.parametrize("name,ne,passes", NE_CASES)
def test_nederlands(name, ne, passes):
    r = run(grade(BASES[name](), "ne", ne))
    assert r["passed"] is passes
    assert violated(r) == ([] if passes else ["nederlands"])
    if not passes:
        assert "je hebt een 4" in next(x["text"] for x in r["reasons"] if x["rule"] == "nederlands")


def test_english_is_no_core_subject_in_vmbo():
    r = run(grade(tl(), "en", 4))  # one 4, rest >= 6 with a 7: allowed (3.35 lid 1 c 2°)
    assert r["passed"] is True


# --- c. final grade 3 or lower; compensation ------------------------------------------------------

OTHER = {"vwo": "biol", "havo": "biol", "vmbo-tl": "wi", "vmbo-gl": "wi", "vmbo-kb": "wi",
         "vmbo-bb": "wi"}


LOW_CASES = [pytest.param(name, g, g == 4, id=f"art{ART[name]}-lid1c-{name}-final-{g}-"
                          f"{'passes' if g == 4 else 'fails'}") for name in BASES for g in (4, 3)]


@pytest.mark.parametrize("name,g,passes", LOW_CASES)
def test_final_grade_3_or_lower_fails(name, g, passes):
    r = run(grade(BASES[name](), OTHER[name], g))
    assert r["passed"] is passes, r["reasons"]
    assert violated(r) == ([] if passes else ["eindcijfer_onder_4"])


@pytest.mark.parametrize("name,total,passes", [
    # vwo: 9 final grades (8 subjects + combination). One 4: the mean must be >= 6,0.
    pytest.param("vwo", 54, True, id="art3.34-lid1c2-vwo-one-4-mean-6.00-passes"),
    pytest.param("vwo", 53, False, id="art3.34-lid1c2-vwo-one-4-mean-5.89-fails"),
    # havo: 8 final grades
    pytest.param("havo", 48, True, id="art3.34-lid1c2-havo-one-4-mean-6.00-passes"),
    pytest.param("havo", 47, False, id="art3.34-lid1c2-havo-one-4-mean-5.87-fails"),
])
def test_one_four_needs_mean_six_havo_vwo(name, total, passes):
    data = BASES[name]()
    codes = [s["code"] for s in data["subjects"]]
    grade(data, "biol", 4)
    rest = [c for c in codes if c != "biol"]
    # the others are 6 except as many 7s as needed to reach `total` (combination 6 too)
    for c in ("maat", "ckv", "pws"):
        component(data, c, 6)
    sevens = total - 4 - 6 * (len(rest) + 1)
    for i, c in enumerate(rest):
        grade(data, c, 7 if i < sevens else 6)
    r = run(data)
    assert r["passed"] is passes
    assert violated(r) == ([] if passes else ["compensatie"])
    text = next(x["text"] for x in r["reasons"] if x["rule"] == "compensatie")
    count = len(codes) + 1
    assert f"({total} gedeeld door {count})" in text


PATTERNS = [({"biol": 5, "schk": 5}, True, "lid1c3-two-5s"),
            ({"biol": 4, "schk": 5}, True, "lid1c4-4-and-5"),
            ({"biol": 4, "schk": 4}, False, "lid1c-two-4s"),
            ({"biol": 5, "schk": 5, "nat_or_ak": 5}, False, "lid1c-three-5s")]
PATTERN_CASES = [pytest.param(name, p, ok,
                              id=f"art3.34-{label}-{name}-{'passes' if ok else 'fails'}")
                 for name in ("vwo", "havo") for p, ok, label in PATTERNS]


@pytest.mark.parametrize("name,pattern,passes", PATTERN_CASES)
def test_compensation_patterns_havo_vwo(name, pattern, passes):
    data = BASES[name]()  # the rest is 7: the mean stays above 6,0
    for code, g in pattern.items():
        if code == "nat_or_ak":
            code = "nat" if name == "vwo" else "ak"
        grade(data, code, g)
    r = run(data)
    assert r["passed"] is passes
    assert violated(r) == ([] if passes else ["compensatie"])


def _all_six(data: dict, name: str) -> dict:
    for s in data["subjects"]:
        grade(data, s["code"], 6)
    if "combination" in data:
        for c in data["combination"]["components"]:
            c["final"] = 6
    return data


VMBO = ["vmbo-tl", "vmbo-gl", "vmbo-kb", "vmbo-bb"]


VMBO_PATTERNS = [
    ({"wi": 5}, False, True, "lid1c1-one-5"),
    ({"wi": 4}, True, True, "lid1c2-one-4-with-a-7"),
    ({"wi": 4}, False, False, "lid1c2-one-4-without-7"),
    ({"wi": 5, "en": 5}, True, True, "lid1c3-two-5s-with-a-7"),
    ({"wi": 5, "en": 5}, False, False, "lid1c3-two-5s-without-7"),
    ({"wi": 4, "en": 5}, True, False, "lid1c-4-and-5-even-with-7"),
]
VMBO_PATTERN_CASES = [pytest.param(name, low, seven, ok,
                                   id=f"art3.35-{label}-{name}-{'passes' if ok else 'fails'}")
                      for name in VMBO for low, seven, ok, label in VMBO_PATTERNS]


@pytest.mark.parametrize("name,low,seven,passes", VMBO_PATTERN_CASES)
def test_compensation_vmbo_needs_a_seven(name, low, seven, passes):
    data = _all_six(BASES[name](), name)
    if seven:
        grade(data, "ml", 7)  # an SE-only final grade counts as well
    for code, g in low.items():
        # CE 6,0 and a low SE keep the CE average out of the way: (2·g - 6 + 6)/2 = g
        grade(data, code, se=f"{2 * g - 6}.0", ce="6.0")
    r = run(data)
    assert r["passed"] is passes, r["reasons"]
    assert violated(r) == ([] if passes else ["compensatie"])
    if not passes and not seven:
        text = next(x["text"] for x in r["reasons"] if x["rule"] == "compensatie")
        assert "minstens één 7 of hoger" in text


def test_vmbo_has_no_mean_rule_havo_has_no_seven_rule():
    # havo: one 4, one 7 and the rest 6 -> mean (4 + 7 + 6·6)/8 = 47/8 = 5,875: fails
    data = _all_six(havo(), "havo")
    grade(data, "biol", 4)
    grade(data, "econ", 7)
    assert violated(run(data)) == ["compensatie"]
    # vmbo tl: one 4 and a 7 passes although the mean is below 6,0
    data = _all_six(tl(), "vmbo-tl")
    grade(data, "wi", 4)
    grade(data, "ec", 7)
    assert run(data)["passed"] is True  # (4 + 5*6 + 7)/7 = 5,86


def test_the_combination_grade_counts_as_one_final_grade():
    # havo: maat 5, ckv 5, pws 6 -> combination 5: one 5, passes (3.34 lid 2)
    data = havo()
    for c, g in (("maat", 5), ("ckv", 5), ("pws", 6)):
        component(data, c, g)
    r = run(data)
    assert r["passed"] is True and r["combination_grade"] == 5
    grade(data, "biol", 5)
    grade(data, "schk", 5)  # three 5s with the combination
    assert violated(run(data)) == ["compensatie"]


# --- d. no combination component below 4 ----------------------------------------------------------

COMPONENT = {"vwo": "maat", "havo": "pws", "vmbo-gl": "k1", "vmbo-kb": "k1", "vmbo-bb": "k4"}


COMP_CASES = [pytest.param(name, g, g == 4, id=f"art{ART[name]}-lid1d-{name}-"
                           f"{COMPONENT[name]}-{g}-{'passes' if g == 4 else 'fails'}")
              for name in COMPONENT for g in (4, 3)]


@pytest.mark.parametrize("name,g,passes", COMP_CASES)
def test_no_component_below_four(name, g, passes):
    r = run(component(BASES[name](), COMPONENT[name], g))
    assert r["passed"] is passes
    assert violated(r) == ([] if passes else ["combinatie_onderdeel"])
    src = next(x["source"] for x in r["reasons"] if x["rule"] == "combinatie_onderdeel")
    assert src.endswith(f"art. {ART[name]} lid 1 onder d")


def test_gl_profielvak_below_four_is_a_component_not_an_own_final_grade():
    # pv 3 (SE 3,0, cspe 3,0): combination (2·3 + 7 + 7)/4 = 5; pv itself is no final grade
    data = grade(gl(), "pv", 3)
    component(data, "pv", 3)
    r = run(data)
    assert violated(r) == ["combinatie_onderdeel"]
    assert r["combination_grade"] == 5
    assert r["final_grades"]["pv"] == 3  # listed, but not counted as a separate final grade
    # its cspe counts in the CE average: (5·7,0 + 3,0) over 6
    assert r["ce_average"] == {"sum": "38.0", "count": 6}


# --- e/f. LO, kunstvakken, PWS --------------------------------------------------------------------

ASSESS = [(name, "lo") for name in BASES] + [(name, "kunstvakken") for name in VMBO] + [
    ("vmbo-tl", "pws"), ("vmbo-gl", "pws")]


@pytest.mark.parametrize("name,key", ASSESS, ids=[
    f"art{ART[n]}-lid1{'f' if k == 'pws' else 'e'}-{n}-{k}" for n, k in ASSESS])
@pytest.mark.parametrize("value,passes", [("goed", True), ("voldoende", True),
                                          ("onvoldoende", False)],
                         ids=["goed-passes", "voldoende-passes", "onvoldoende-fails"])
def test_judged_parts(name, key, value, passes):
    data = BASES[name]()
    data[key] = value
    r = run(data)
    assert r["passed"] is passes
    assert violated(r) == ([] if passes else [key])
    if not passes:
        assert "'onvoldoende'" in next(x["text"] for x in r["reasons"] if x["rule"] == key)


@pytest.mark.parametrize("name", ["vmbo-kb", "vmbo-bb"])
def test_kb_bb_have_no_pws_rule_art_3_35_lid1f(name):
    data = BASES[name]()
    data["pws"] = "onvoldoende"
    r = run(data)
    assert r["passed"] is True
    assert any("pws" in w for w in r["warnings"])


def test_every_violated_rule_of_the_full_set_is_listed():
    data = havo()
    grade(data, "netl", 4)          # kernvak 4
    grade(data, "biol", 3)          # final 3
    component(data, "pws", 2)       # component below 4
    data["lo"] = "onvoldoende"
    r = run(data)
    assert violated(r) == ["combinatie_onderdeel", "eindcijfer_onder_4", "kernvakken", "lo"]


# --- rekenen never counts -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["havo", "vmbo-tl"])
def test_rekenen_never_counts(name):
    data = BASES[name]()
    data["rekenen"] = {"se": "1.0"}
    r = run(data)
    assert r["passed"] is True
    assert any(n["rule"] == "rekenen" and "telt niet mee" in n["text"] for n in r["notes"])


# --- art. 3.33 lid 3: leaving subjects out --------------------------------------------------------

def test_an_extra_subject_is_left_out_when_that_makes_the_candidate_pass():
    data = havo()
    data["subjects"].append(S("fatl", 3, "extra", se="3.0", ce="2.6"))  # final (30+26)/2 = 2,8 -> 3
    r = run(data)
    assert r["passed"] is True and r["dropped"] == ["fatl"]
    assert r["ce_average"] == {"sum": "49.0", "count": 7}  # without fatl's 2,6
    assert r["final_grades"]["fatl"] == 3
    note = next(x for x in r["reasons"] if x["rule"] == "weglaten")
    assert note["violated"] is False and "art. 3.33 lid 3" in note["source"]


def test_an_extra_subject_that_helps_stays_in():
    # havo: two 5s and the rest 6: mean (2·5 + 6·6)/8 = 5,75 fails; with an extra 9 the mean is
    # (10 + 36 + 9)/9 = 6,11 and the candidate passes with it (rules_spec §3, V096)
    data = _all_six(havo(), "havo")
    grade(data, "biol", 5)
    grade(data, "schk", 5)
    assert violated(run(data)) == ["compensatie"]
    data["subjects"].append(S("fatl", 9, "extra"))
    r = run(data)
    assert r["passed"] is True and r["dropped"] == []


def test_a_subject_not_marked_extra_is_never_left_out_without_a_profile():
    data = havo()
    data["subjects"].append(S("fatl", 3, "vd", se="3.0", ce="2.6"))
    r = run(data)
    assert r["passed"] is False and violated(r) == ["eindcijfer_onder_4"]


def test_with_a_profile_the_composition_decides_what_may_go():
    # havo NG (netl entl wisA biol schk + ak; econ in the vrije deel) and French with a 3: the
    # rest is still a complete NG exam, so French may go although it is not marked extra.
    data = havo()
    data["profile"] = "NG"
    data["subjects"].append(S("fatl", 3, "vd", se="3.0", ce="2.6"))
    r = run(data)
    assert r["passed"] is True and r["dropped"] == ["fatl"]


def test_with_a_profile_an_incomplete_exam_cannot_pass():
    data = havo()
    data["profile"] = "NG"
    data["subjects"] = [s for s in data["subjects"] if s["code"] != "schk"]
    r = run(data)
    assert r["passed"] is False
    assert "samenstelling" in violated(r)
    assert "scheikunde" in next(x["text"] for x in r["reasons"] if x["rule"] == "samenstelling")


def test_vmbo_keuzevak_beyond_the_required_number_may_go():
    # kb with five keuzevakken, the fifth (extra) a 3: rule d fails with it, passes without it
    data = kb()
    data["combination"]["components"].append(C("k5", 3, extra=True))
    r = run(data)
    assert r["passed"] is True and r["dropped"] == ["k5"]
    assert r["combination_grade"] == 7


def test_gl_profielvak_weight_follows_the_keuzevakken_counted():
    # gl: pv 6, k1 7, k2 7, k3 3 (extra). With k3: weight 3, (18 + 7 + 7 + 3)/6 = 5,83 -> 6 but
    # k3 < 4 fails rule d. Without k3: weight 2, (12 + 7 + 7)/4 = 6,5 -> 7 (art. 3.35 lid 4).
    data = gl()
    grade(data, "pv", 6)
    data["combination"]["components"] = [C("pv", 6), C("k1", 7), C("k2", 7), C("k3", 3, extra=True)]
    r = run(data)
    assert r["passed"] is True and r["dropped"] == ["k3"] and r["combination_grade"] == 7


def test_gl_profielvak_weight_must_match_the_number_of_keuzevakken():
    data = gl()
    data["combination"]["components"][0]["weight"] = 3  # but there are two keuzevakken
    with pytest.raises(CalcInputError, match=r"art\. 3\.35 lid 4"):
        run(data)


def test_havo_components_weigh_the_same():
    data = havo()
    data["combination"]["components"][0]["weight"] = 2
    with pytest.raises(CalcInputError, match="even zwaar"):
        run(data)


# --- missing facts: "nog niet te bepalen", never guessed ------------------------------------------

def test_missing_grades_are_named_and_block_the_decision():
    data = havo()
    data["subjects"][2]["ce"] = None        # wisA: CE not known yet
    data["subjects"][3]["se"] = None        # biol: SE missing
    del data["lo"]
    data["combination"]["components"][2]["final"] = None
    r = run(data)
    assert r["passed"] is None and r["decidable"] is False
    assert {(m["what"], m["subject"]) for m in r["missing"]} == {
        ("CE-cijfer", "wisA"), ("SE-cijfer", "biol"), ("lo", None), ("eindcijfer", "pws")}
    assert all(m["text"] for m in r["missing"])
    assert r["text"].startswith("Nog niet te bepalen")
    assert r["final_grades"]["netl"] == 7 and "wisA" not in r["final_grades"]


def test_missing_combination_is_named():
    data = havo()
    del data["combination"]
    r = run(data)
    assert r["decidable"] is False and r["missing"][0]["what"] == "combinatiecijfer"


def test_a_component_final_must_agree_with_its_subject():
    data = gl()
    data["combination"]["components"][0]["final"] = 6  # pv's own final grade is 7
    with pytest.raises(CalcInputError, match="verschilt van het eindcijfer 7"):
        run(data)


@pytest.mark.parametrize("patch,field", [
    ({"level": "mavo"}, "level"),
    ({"lo": "prima"}, "lo"),
    ({"subjects": []}, "subjects"),
], ids=["unknown-level", "unknown-judgement", "no-subjects"])
def test_invalid_input_names_the_field(patch, field):
    data = havo()
    data.update(patch)
    with pytest.raises(CalcInputError, match=f"'{field}'"):
        run(data)


def test_vmbo_gt_needs_its_leerweg():
    data = tl()
    del data["leerweg"]
    with pytest.raises(CalcInputError, match="leerweg"):
        run(data)
    data["level"] = "vmbo-tl"  # the composition's spelling is accepted as well
    assert run(data)["passed"] is True


def test_a_combination_member_never_goes_on_its_own_even_if_labelled_extra():
    # havo: pws given as a subject inside the combination with a 3 and part "extra"; without
    # extra: true on its component it may not be left out (3.34 lid 1 d keeps failing)
    data = havo()
    data["subjects"].append({"code": "pws", "se": "3", "part": "extra", "in_combination": True})
    data["combination"]["components"][2] = {"code": "pws"}
    r = run(data)
    assert r["passed"] is False and r["dropped"] == []
    assert violated(r) == ["combinatie_onderdeel"]


def test_gl_leaving_out_the_only_keuzevak_leaves_the_profielvak_on_its_own():
    # Found on a 10,000-candidate demo: trying to leave out the last keuzevak gave the profielvak
    # weight 0 (art. 3.35 lid 4: as often as there are keuzevakken) and stopped the whole run.
    # gl: pv 6, k1 3 (extra). With k1: (6 + 3)/2 = 4,5 -> 5 but k1 < 4 fails rule d.
    # Without k1 the profielvak is the combination grade on its own: 6.
    data = gl()
    grade(data, "pv", 6)
    data["combination"]["components"] = [C("pv", 6), C("k1", 3, extra=True)]
    r = run(data)
    assert r["passed"] is True and r["dropped"] == ["k1"] and r["combination_grade"] == 6
