"""Every pass/fail rule x every school type, on both sides of its boundary, in one table.

Uitvoeringsbesluit WVO 2020 art. 3.34 lid 1 (vwo, havo), art. 3.35 lid 1 (vmbo) and the judicium
cum laude of art. 3.47 (vwo lid 1, havo lid 2) and 3.48 (tl lid 1, bb/kb lid 2, gl lid 3).

`MATRIX` says which rule applies to which school type; `test_the_matrix_has_both_sides_of_every
_cell` proves the cases below cover every applicable cell with a passing and a failing case,
so a missing cell is a failing test, not a gap found later. Each case id is
"art<article>-<lid and letter>-<school type>-<the number at the boundary>-<verdict>".

The rule tests in test_wvo2020_uitslag.py and test_wvo2020_cum_laude.py show the reasons'
wording; this table only proves the verdict and which rule code decided it.

How the grades are built: a final grade g comes from an SE/CE pair whose exact mean rounds to g
once (art. 3.32 lid 2) while the CE stays high, so a low final grade never drags the CE average
(art. 3.34/3.35 lid 1 onder a) into the case by accident:
    g >= 7: SE g,0  CE g,0      -> g
    g 4..6: SE (2g - 7),0  CE 7,0 -> (2g - 7 + 7)/2 = g
    g <= 3: SE 1,0  CE (2g - 1),0 -> (1 + 2g - 1)/2 = g
"""

from __future__ import annotations

import copy

import pytest

from examenbureau.core.rules import evaluate

TYPES = ("vwo", "havo", "vmbo-tl", "vmbo-gl", "vmbo-kb", "vmbo-bb")
VMBO = ("vmbo-tl", "vmbo-gl", "vmbo-kb", "vmbo-bb")
ALL = TYPES

# rule (article and letter) -> school types it applies to. The reasons on the right are why a
# type is NOT in a row: that is the law, not a gap.
MATRIX: dict[str, tuple[str, ...]] = {
    "lid1a-ce-gemiddelde": ALL,                     # 3.34 and 3.35 lid 1 onder a
    "3.34-lid1b-kernvakken": ("vwo", "havo"),       # vmbo has no kernvakkenregel
    "3.35-lid1b-nederlands": VMBO,                  # havo/vwo: Dutch is inside the kernvakken
    "lid1c-eindcijfer-onder-4": ALL,
    "3.34-lid1c2-een-4-gemiddelde-6": ("vwo", "havo"),   # vmbo: a 7 instead of a mean
    "3.34-lid1c3-twee-5-gemiddelde-6": ("vwo", "havo"),
    "3.34-lid1c4-4-en-5-gemiddelde-6": ("vwo", "havo"),  # vmbo has no 4-and-5 pattern at all
    "3.35-lid1c2-een-4-met-een-7": VMBO,
    "3.35-lid1c3-twee-5-met-een-7": VMBO,
    "3.35-lid1c-geen-4-en-5": VMBO,
    "lid1d-combinatie-onderdeel": ALL,              # tl: only with a gl programme (3.35 lid 2, 4)
    "lid1e-lo": ALL,
    "3.35-lid1e-kunstvakken": VMBO,                 # havo/vwo: ckv is a combination component
    "3.35-lid1f-pws": ("vmbo-tl", "vmbo-gl"),       # bb/kb have no PWS (WVO 2.53 lid 3)
    "cl-gemiddelde-8": ALL,                         # 3.47 lid 1/2 onder a, 3.48 lid 1/2/3 onder a
    "cl-minimum": ALL,                              # onder b: vwo 7, the others 6
    "cl-pws": ("vmbo-tl", "vmbo-gl"),               # 3.48 lid 1 en lid 3 onder b
}

LEVEL = {"vwo": "vwo", "havo": "havo", "vmbo-tl": "vmbo-gt", "vmbo-gl": "vmbo-gt",
         "vmbo-kb": "vmbo-kb", "vmbo-bb": "vmbo-bb"}
ART = {"vwo": "3.34", "havo": "3.34", "vmbo-tl": "3.35", "vmbo-gl": "3.35", "vmbo-kb": "3.35",
       "vmbo-bb": "3.35"}
CL_LID = {"vwo": "3.47-lid1", "havo": "3.47-lid2", "vmbo-tl": "3.48-lid1", "vmbo-gl": "3.48-lid3",
          "vmbo-kb": "3.48-lid2", "vmbo-bb": "3.48-lid2"}


# --- candidates -----------------------------------------------------------------------------------

def pair(g: int) -> tuple[str, str]:
    """SE and CE whose exact mean rounds (once, half up) to final grade g; CE kept high."""
    if g >= 7:
        return f"{g}.0", f"{g}.0"
    if g >= 4:
        return f"{2 * g - 7}.0", "7.0"
    return "1.0", f"{2 * g - 1}.0"


# code, part, kernvak, SE only
LAYOUT: dict[str, list[tuple[str, str, bool, bool]]] = {
    "vwo": [("netl", "gd", True, False), ("entl", "gd", True, False), ("fatl", "gd", False, False),
            ("wisB", "pd", True, False), ("nat", "pd", False, False), ("schk", "pd", False, False),
            ("biol", "pd", False, False), ("inf", "vd", False, True)],
    "havo": [("netl", "gd", True, False), ("entl", "gd", True, False), ("wisA", "pd", True, False),
             ("biol", "pd", False, False), ("schk", "pd", False, False), ("ak", "pd", False, False),
             ("econ", "vd", False, False)],
    "vmbo-tl": [("ne", "gd", True, False), ("en", "gd", False, False), ("ml", "gd", False, True),
                ("wi", "pd", False, False), ("nask1", "pd", False, False), ("bi", "vd", False, False),
                ("ec", "vd", False, False)],
    "vmbo-gl": [("ne", "gd", True, False), ("en", "gd", False, False), ("ml", "gd", False, True),
                ("wi", "pd", False, False), ("ec", "pd", False, False), ("bi", "vd", False, False)],
    "vmbo-kb": [("ne", "gd", True, False), ("en", "gd", False, False), ("ml", "gd", False, True),
                ("pv", "pd", False, False), ("wi", "pd", False, False), ("ec", "pd", False, False)],
}
LAYOUT["vmbo-bb"] = LAYOUT["vmbo-kb"]

COMPONENTS = {"vwo": ["maat", "ckv", "pws"], "havo": ["maat", "ckv", "pws"],
              "vmbo-tl": ["k1", "k2"], "vmbo-gl": ["k1", "k2"],
              "vmbo-kb": ["k1", "k2", "k3", "k4"], "vmbo-bb": ["k1", "k2", "k3", "k4"]}
# two subjects that are no core subject, to carry the low final grades
LOW = {"vwo": ("biol", "schk"), "havo": ("biol", "schk"), "vmbo-tl": ("wi", "nask1"),
       "vmbo-gl": ("wi", "ec"), "vmbo-kb": ("wi", "ec"), "vmbo-bb": ("wi", "ec")}


def candidate(kind: str, finals: dict[str, int] | None = None, default: int = 7,
              combination: dict[str, int] | None = None, with_combination: bool | None = None,
              **judged: str) -> dict:
    """An `outcome` request: every final grade `default` unless named in `finals`.

    vmbo tl gets a combination only when asked (a complete gl programme, art. 3.35 lid 2 and 4):
    profielvak pv (weight 2, its CE counting in the CE average) and two keuzevakken.
    """
    finals = finals or {}
    subjects = []
    for code, part, kern, se_only in LAYOUT[kind]:
        g = finals.get(code, default)
        s: dict = {"code": code, "part": part}
        if se_only:
            s["se"] = str(g)
        else:
            s["se"], s["ce"] = pair(g)
        if kern:
            s["kernvak"] = True
        subjects.append(s)
    data: dict = {"level": LEVEL[kind], "subjects": subjects, "lo": "voldoende"}
    if kind in ("vmbo-tl", "vmbo-gl"):
        data["leerweg"] = kind[-2:]
        data["pws"] = "voldoende"
    if kind in VMBO:
        data["kunstvakken"] = "voldoende"
    comb = {c: default for c in COMPONENTS[kind]}
    comb.update(combination or {})
    if with_combination is None:
        with_combination = kind != "vmbo-tl"
    if with_combination:
        components: list[dict] = []
        if kind in ("vmbo-tl", "vmbo-gl"):
            pv = comb.pop("pv", default)
            se, ce = pair(pv)
            subjects.append({"code": "pv", "part": "pd" if kind == "vmbo-gl" else "vd", "se": se,
                             "ce": ce, "in_combination": True})
            components.append({"code": "pv", "weight": 2})
        components += [{"code": c, "final": g} for c, g in comb.items()]
        data["combination"] = {"components": components}
    data.update(judged)
    return data


def outcome(data: dict) -> tuple[bool, list[str]]:
    r = evaluate("outcome", copy.deepcopy(data), "wvo2020")
    assert r["decidable"] is True, r["missing"]
    return r["passed"], sorted(x["rule"] for x in r["reasons"] if x["violated"])


def n_finals(kind: str) -> int:
    """How many final grades the compensation rule sees: own subjects + the combination."""
    return len(LAYOUT[kind]) + 1


def with_mean(kind: str, lows: dict[str, int], total: int) -> dict:
    """havo/vwo: the low grades, the rest 6 and as many 7s as needed to make the final grades
    (combination included, art. 3.34 lid 2) add up to `total`."""
    others = [code for code, *_ in LAYOUT[kind] if code not in lows]
    sevens = total - sum(lows.values()) - 6 * (len(others) + 1)
    assert 0 <= sevens <= len(others)
    finals = {**lows, **{c: 7 if i < sevens else 6 for i, c in enumerate(others)}}
    return candidate(kind, finals, combination={c: 6 for c in COMPONENTS[kind]})


# --- the cases -------------------------------------------------------------------------------------

CASES: list = []


def case(rule: str, kind: str, label: str, data: dict, passes: bool, code: str | None = None) -> None:
    """`code`: the one rule code a failing case must report (the default: the rule's own)."""
    if rule.startswith("cl-"):  # cum laude: onder a is the mean, onder b the minimum and the PWS
        where = f"{CL_LID[kind]}{'a' if rule == 'cl-gemiddelde-8' else 'b'}"
        verdict = "granted" if passes else "refused"
    else:
        lid = rule.split("-")[1] if rule[0].isdigit() else rule.split("-")[0]
        where = f"{ART[kind]}-{lid}"
        verdict = "passes" if passes else "fails"
    CASES.append(pytest.param(rule, kind, data, passes, code,
                              id=f"art{where}-{kind}-{label}-{verdict}"))


RULE_CODE = {"lid1a-ce-gemiddelde": "ce_gemiddelde", "3.34-lid1b-kernvakken": "kernvakken",
             "3.35-lid1b-nederlands": "nederlands", "lid1c-eindcijfer-onder-4": "eindcijfer_onder_4",
             "lid1d-combinatie-onderdeel": "combinatie_onderdeel", "lid1e-lo": "lo",
             "3.35-lid1e-kunstvakken": "kunstvakken", "3.35-lid1f-pws": "pws"}

for kind in TYPES:
    # a. CE average >= 5,5 unrounded: every CE 5,5 (SE 7,0 keeps each final grade 6), then one
    # tenth less on the last CE: 5,5 x n - 0,1 over n.
    for last, ok in (("5.5", True), ("5.4", False)):
        data = candidate(kind, default=6)
        ce_subjects = [s for s in data["subjects"] if "ce" in s]
        for s in ce_subjects:
            s["se"], s["ce"] = "7.0", "5.5"
        ce_subjects[-1]["ce"] = last
        n = len(ce_subjects)
        shown = (55 * n - (0 if ok else 1)) * 100 // (10 * n)  # truncated, as the sentence shows
        case("lid1a-ce-gemiddelde", kind, f"{shown // 100}.{shown % 100:02d}-over-{n}", data, ok)

    # c. a final grade of 3 or lower fails whatever else there is; 4 is allowed next to sevens
    low = LOW[kind][0]
    case("lid1c-eindcijfer-onder-4", kind, f"{low}-4", candidate(kind, {low: 4}), True)
    case("lid1c-eindcijfer-onder-4", kind, f"{low}-3", candidate(kind, {low: 3}), False)

    # d. no component of the combination below 4 (vmbo tl: with a complete gl programme)
    comp = COMPONENTS[kind][-1]
    for g in (4, 3):
        case("lid1d-combinatie-onderdeel", kind, f"{comp}-{g}",
             candidate(kind, combination={comp: g}, with_combination=True), g == 4)

    # e. LO voldoende or goed
    for value, ok in (("voldoende", True), ("onvoldoende", False)):
        case("lid1e-lo", kind, f"lo-{value}", candidate(kind, lo=value), ok)

for kind in ("vwo", "havo"):
    k1, k2 = LOW[kind]
    wis = "wisB" if kind == "vwo" else "wisA"
    n = n_finals(kind)
    # b. kernvakken: at most one 5 among Ne, En, profile maths; never a 4
    case("3.34-lid1b-kernvakken", kind, f"{wis}-5", candidate(kind, {wis: 5}), True)
    case("3.34-lid1b-kernvakken", kind, "netl-5-entl-5", candidate(kind, {"netl": 5, "entl": 5}),
         False)
    case("3.34-lid1b-kernvakken", kind, "entl-4", candidate(kind, {"entl": 4}), False)
    # c 2°-4°: one 4, two 5s, or a 4 and a 5, the rest >= 6, and the mean of the final grades
    # >= 6,0 unrounded, i.e. sum >= 6 x n (vwo n = 9: 54; havo n = 8: 48)
    for rule, lows, label in (("3.34-lid1c2-een-4-gemiddelde-6", {k1: 4}, "een-4"),
                              ("3.34-lid1c3-twee-5-gemiddelde-6", {k1: 5, k2: 5}, "twee-5"),
                              ("3.34-lid1c4-4-en-5-gemiddelde-6", {k1: 4, k2: 5}, "4-en-5")):
        need = 6 * n
        mean_low = (need - 1) * 100 // n
        case(rule, kind, f"{label}-{need}-over-{n}-6.00", with_mean(kind, lows, need), True,
             code="compensatie")
        case(rule, kind, f"{label}-{need - 1}-over-{n}-{mean_low // 100}.{mean_low % 100:02d}",
             with_mean(kind, lows, need - 1), False, code="compensatie")
    # two 4s is no pattern at all, whatever the mean (the rest 10)
    case("3.34-lid1c4-4-en-5-gemiddelde-6", kind, "twee-4-rest-10",
         candidate(kind, {k1: 4, k2: 4}, default=10), False, code="compensatie")

for kind in VMBO:
    k1, k2 = LOW[kind]
    # b. Nederlandse taal at least 5 (the only core rule of vmbo)
    case("3.35-lid1b-nederlands", kind, "ne-5", candidate(kind, {"ne": 5}), True)
    case("3.35-lid1b-nederlands", kind, "ne-4", candidate(kind, {"ne": 4}), False)
    # c 2°/3°: one 4, or two 5s, the rest >= 6 of which at least one is 7 or more (no mean rule)
    for rule, lows, label in (("3.35-lid1c2-een-4-met-een-7", {k1: 4}, "een-4"),
                              ("3.35-lid1c3-twee-5-met-een-7", {k1: 5, k2: 5}, "twee-5")):
        case(rule, kind, f"{label}-ml-7", candidate(kind, {**lows, "ml": 7}, default=6,
                                                    combination={}), True)
        case(rule, kind, f"{label}-alles-6", candidate(kind, lows, default=6), False,
             code="compensatie")
    # c: vmbo has no "4 and 5" pattern (havo/vwo c 4°): fails even with sevens; one 5 passes
    case("3.35-lid1c-geen-4-en-5", kind, "een-5-rest-7", candidate(kind, {k1: 5}), True)
    case("3.35-lid1c-geen-4-en-5", kind, "4-en-5-rest-7", candidate(kind, {k1: 4, k2: 5}), False,
         code="compensatie")
    # e. kunstvakken inclusief ckv voldoende or goed
    for value, ok in (("goed", True), ("onvoldoende", False)):
        case("3.35-lid1e-kunstvakken", kind, f"kunstvakken-{value}",
             candidate(kind, kunstvakken=value), ok)

for kind in ("vmbo-tl", "vmbo-gl"):
    # f. gl and tl only: profielwerkstuk voldoende or goed
    for value, ok in (("voldoende", True), ("onvoldoende", False)):
        case("3.35-lid1f-pws", kind, f"pws-{value}", candidate(kind, pws=value), ok)


# --- cum laude: art. 3.47 and 3.48, through the `cum_laude` op ------------------------------------

CL_LAYOUT: dict[str, list[tuple[str, str]]] = {
    # vwo 3.47 lid 1: gd (Ne, En, Fa), combination, 4 profile subjects, best free-part subject
    "vwo": [("netl", "gd"), ("entl", "gd"), ("fatl", "gd"), ("wisB", "pd"), ("nat", "pd"),
            ("schk", "pd"), ("biol", "pd"), ("inf", "vd")],
    "havo": [("netl", "gd"), ("entl", "gd"), ("wisA", "pd"), ("biol", "pd"), ("schk", "pd"),
             ("ak", "pd"), ("econ", "vd")],
    # tl 3.48 lid 1: Ne, En, ml, the general profile subjects, the best free-part subject
    "vmbo-tl": [("ne", "gd"), ("en", "gd"), ("ml", "gd"), ("wi", "pd"), ("nask1", "pd"),
                ("bi", "vd"), ("ec", "vd")],
    # gl 3.48 lid 3: Ne, En, ml, the general profile subjects, the free-part subject or the
    # combination (the higher of the two)
    "vmbo-gl": [("ne", "gd"), ("en", "gd"), ("ml", "gd"), ("wi", "pd"), ("ec", "pd"), ("bi", "vd")],
    # bb/kb 3.48 lid 2: profielvak, the two general profile subjects, the keuzevakken
    # combination; Ne, En and ml are not in the mean but count for the minimum of 6
    "vmbo-kb": [("ne", "gd"), ("en", "gd"), ("ml", "gd"), ("pv", "profielvak"), ("wi", "pd"),
                ("ec", "pd")],
}
CL_LAYOUT["vmbo-bb"] = CL_LAYOUT["vmbo-kb"]
CL_MEMBERS = {"vwo": 9, "havo": 8, "vmbo-tl": 6, "vmbo-gl": 6, "vmbo-kb": 4, "vmbo-bb": 4}
CL_MIN = {"vwo": 7, "havo": 6, "vmbo-tl": 6, "vmbo-gl": 6, "vmbo-kb": 6, "vmbo-bb": 6}
# three subjects that are always in the mean (never the free part, where only the best one
# counts): two to lift it, one to lower it
IN_MEAN = {"vwo": ("wisB", "nat", "biol"), "havo": ("wisA", "ak", "biol"),
           "vmbo-tl": ("wi", "ml", "nask1"), "vmbo-gl": ("wi", "ml", "ec"),
           "vmbo-kb": ("wi", "ec", "pv"), "vmbo-bb": ("wi", "ec", "pv")}


def cl_candidate(kind: str, finals: dict[str, int] | None = None, default: int = 8,
                 comb: int = 8, **judged: str) -> dict:
    finals = finals or {}
    data: dict = {"level": "vmbo-gt" if kind in ("vmbo-tl", "vmbo-gl") else kind, "passed": True,
                  "lo": "voldoende",
                  "subjects": [{"code": c, "final": finals.get(c, default), "part": p}
                               for c, p in CL_LAYOUT[kind]]}
    if kind in ("vmbo-tl", "vmbo-gl"):
        data["leerweg"] = kind[-2:]
        data["pws"] = "voldoende"
    if kind in VMBO:
        data["kunstvakken"] = "voldoende"
    if kind != "vmbo-tl":
        data["combination"] = {"final": comb}
    data.update(judged)
    return data


def judge(data: dict, kind: str) -> tuple[bool, list[str]]:
    r = evaluate("cum_laude", copy.deepcopy(data), "wvo2020")
    assert r["decidable"] is True, r.get("missing")
    assert r["average"]["count"] == CL_MEMBERS[kind]  # the grades the article names, no more
    return r["cum_laude"], sorted(x["rule"] for x in r["reasons"] if x["violated"])


for kind in TYPES:
    m = CL_MEMBERS[kind]
    mean_low = (8 * m - 1) * 100 // m
    up1, up2, down = IN_MEAN[kind]
    # onder a: the mean >= 8,0, never rounded ("bij 7,99 geen cum laude", examenblad): every
    # grade 8 with one 9 and one 7 in the mean is exactly 8·m; the 7 alone is 8·m - 1.
    case("cl-gemiddelde-8", kind, f"{8 * m}-over-{m}-8.00", cl_candidate(kind, {up1: 9, down: 7}),
         True)
    case("cl-gemiddelde-8", kind, f"{8 * m - 1}-over-{m}-{mean_low // 100}.{mean_low % 100:02d}",
         cl_candidate(kind, {down: 7}), False, code="cum_laude_gemiddelde")
    # onder b: every final grade counting in the uitslag at least 7 (vwo) or 6 (the others).
    # The low grade is Dutch (for bb/kb outside the mean: the minimum applies all the same);
    # two 10s keep the mean above 8,0 so only the minimum decides.
    low = CL_MIN[kind]
    ne = "netl" if kind in ("vwo", "havo") else "ne"
    for g, ok in ((low, True), (low - 1, False)):
        case("cl-minimum", kind, f"{ne}-{g}", cl_candidate(kind, {ne: g, up1: 10, up2: 10}), ok,
             code="cum_laude_minimum")

for kind in ("vmbo-tl", "vmbo-gl"):
    for value, ok in (("voldoende", True), ("onvoldoende", False)):
        case("cl-pws", kind, f"pws-{value}", cl_candidate(kind, pws=value), ok, code="cum_laude_pws")


# --- the tests -------------------------------------------------------------------------------------

@pytest.mark.parametrize("rule,kind,data,passes,code", CASES)
def test_rule_on_both_sides_of_its_boundary(rule, kind, data, passes, code):
    if rule.startswith("cl-"):
        granted, violated = judge(data, kind)
        assert granted is passes, violated
    else:
        passed, violated = outcome(data)
        assert passed is passes, violated
    if passes:
        assert violated == []
    else:
        assert violated == [code or RULE_CODE[rule]]


def test_the_matrix_has_both_sides_of_every_cell():
    covered: dict[tuple[str, str], set[bool]] = {}
    for p in CASES:
        rule, kind, _, passes, _ = p.values
        covered.setdefault((rule, kind), set()).add(passes)
    expected = {(rule, kind) for rule, kinds in MATRIX.items() for kind in kinds}
    assert set(covered) == expected
    assert {cell for cell, sides in covered.items() if sides != {True, False}} == set()


def test_ids_name_the_article_of_the_school_type():
    for p in CASES:
        rule, kind, *_ = p.values
        if rule.startswith("cl-"):
            assert p.id.startswith(f"art{CL_LID[kind]}"), p.id
            assert p.id.endswith(("-granted", "-refused")), p.id
        else:
            assert p.id.startswith(f"art{ART[kind]}-lid1"), p.id
            assert p.id.endswith(("-passes", "-fails")), p.id
        assert f"-{kind}-" in p.id
