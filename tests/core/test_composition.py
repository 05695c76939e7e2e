"""Exam composition (Uvb hoofdstuk 2, art. 3.1-3.7): the worked examples of the composition
research, and a complete and an incomplete package for every level.

Each case names the article it rests on; a problem sentence must cite it too.
"""

from __future__ import annotations

import time

import pytest

from examenbureau.core import composition
from examenbureau.core.composition import (
    check_complete,
    subject_by_code,
    subject_info,
    subject_roles,
)


def pkg(text: str) -> list[str]:
    """'netl entl | wisA' -> ['netl', 'entl', 'wisA'] (bars only group for the reader)."""
    return text.replace("|", " ").split()


def check(level: str, subjects: str, profile: str | None = None, variant: str | None = None,
          leerweg: str | None = None, **kw):
    return check_complete(level=level, leerweg=leerweg, profile=profile, variant=variant,
                          subjects=pkg(subjects), **kw)


def without(subjects: str, *codes: str) -> str:
    return " ".join(c for c in pkg(subjects) if c not in codes)


def assert_incomplete(result, article: str) -> None:
    assert not result.complete
    assert result.problems
    assert any(article in p for p in result.problems), result.problems


# --- the worked examples of the composition research --------------------------------------------

EX1 = "netl entl maat ckv lo pws | wisA econ ges beco | ak"
EX2 = "netl entl fatl maat ckv lo pws | wisC ges kubv econ | wisA"
EX3 = "netl entl latl maat lo pws | wisB biol schk nat | ak | fatl"
EX4 = "netl entl dutl maat ckv lo pws | wisA econ ges beco | anw | fatl"
EX5 = "ne en ma lo kv1 pws | ec fa | du sp"
EX6 = "ne en ma lo kv1 | bi gs | zw | mgez momg mact"
EX7 = "netl entl sptl maat lo pws | wisC ges latl ak | fi"
EX8 = "ne en ma lo kv1 pws | wi nsk1 | ec | pg_tt bgl ontw"


def test_example_1_havo_em_complete_nothing_to_drop__uvb_3_3_lid_1_c():
    assert check("havo", EX1, "EM").complete
    assert_incomplete(check("havo", without(EX1, "ak"), "EM"), "Uvb 3.3 lid 1 c")
    assert_incomplete(check("havo", without(EX1, "beco"), "EM"), "Uvb 3.3 lid 1 c")


def test_example_2_vwo_cm_maths_a_with_c_not_allowed__uvb_2_7_a_1():
    result = check("vwo", EX2, "CM", "atheneum")
    assert_incomplete(result, "Uvb 2.7 a 1°")
    assert any("wisA + wisC" in p for p in result.problems)


def test_example_3_gymnasium_ng_any_one_of_three_may_go__uvb_3_33_lid_3():
    assert check("vwo", EX3, "NG", "gymnasium").complete
    for code in ("fatl", "ak", "nat"):
        assert check("vwo", without(EX3, code), "NG", "gymnasium").complete, code
    for pair in (("fatl", "ak"), ("fatl", "nat"), ("ak", "nat")):
        assert not check("vwo", without(EX3, *pair), "NG", "gymnasium").complete, pair


def test_example_4_extra_registered_subject_may_not_go__uvb_3_1_lid_1_c():
    assert check("vwo", EX4, "EM", "atheneum").complete
    # anw (120 h) cannot be the vrije-deel subject of at least 440 h
    result = check("vwo", without(EX4, "fatl"), "EM", "atheneum")
    assert_incomplete(result, "Uvb 3.1 lid 1 c")
    assert any("440 uur" in p and "anw (120 uur)" in p for p in result.problems)
    assert check("vwo", without(EX4, "anw"), "EM", "atheneum").complete


def test_example_5_tl_two_subjects_that_are_no_modern_language__uvb_3_4_lid_1_c():
    assert_incomplete(check("vmbo-gt", EX5, "ECONOMIE", leerweg="tl"), "Uvb 3.4 lid 1 c")
    full = EX5 + " bi"
    assert check("vmbo-gt", full, "ECONOMIE", leerweg="tl").complete
    assert not check("vmbo-gt", without(full, "bi"), "ECONOMIE", leerweg="tl").complete
    for code in ("fa", "du", "sp"):
        assert check("vmbo-gt", without(full, code), "ECONOMIE", leerweg="tl").complete, code


def test_example_6_kb_needs_four_keuzevakken__uvb_3_6_lid_1_c():
    result = check("vmbo-kb", EX6, "ZW")
    assert_incomplete(result, "Uvb 3.6 lid 1 c")
    assert any("3 van de 4" in p for p in result.problems)
    five = EX6 + " mzrg spbw"
    assert check("vmbo-kb", five, "ZW").complete
    for code in ("mgez", "momg", "mact", "mzrg", "spbw"):
        assert check("vmbo-kb", without(five, code), "ZW").complete, code


def test_example_7_atheneum_latin_in_profile_exempts_from_ckv__uvb_2_8_lid_3():
    result = check("vwo", EX7, "CM", "atheneum")
    assert result.complete
    assert any("2.8 lid 3" in n for n in result.notes)
    assert_incomplete(check("vwo", EX7.replace("latl", "kubv"), "CM", "atheneum"),
                      "Uvb 2.5 lid 1 e")


def test_example_8_gl_praktijkgericht_vak_replaces_profielvak__uvb_3_7_lid_1a():
    assert check("vmbo-gt", EX8, "PIE", leerweg="gl").complete
    # pg_zw is not one of the praktijkgerichte vakken of PIE (Uvb 2.25a b)
    assert_incomplete(check("vmbo-gt", EX8.replace("pg_tt", "pg_zw"), "PIE", leerweg="gl"),
                      "Uvb 3.7 lid 1a")


# --- a complete and an incomplete package for every level ----------------------------------------

LEVEL_CASES = [
    # id, level, leerweg, variant, profile, complete package, subject to remove, article expected
    ("vwo-atheneum-NT__uvb_3_1_lid_1_a", "vwo", None, "atheneum", "NT",
     "netl entl dutl maat ckv lo pws wisB nat schk in ak", "dutl", "Uvb 3.1 lid 1 a"),
    ("vwo-gymnasium-EM__uvb_3_2_lid_1_b", "vwo", None, "gymnasium", "EM",
     "netl entl grtl maat lo pws wisA econ ges beco fatl", "ges", "Uvb 3.2 lid 1 b"),
    ("havo-NG__uvb_3_3_lid_1_b", "havo", None, None, "NG",
     "netl entl maat ckv lo pws wisA biol schk nlt ak", "schk", "Uvb 3.3 lid 1 b"),
    ("havo-CM__wvo_2_53_lid_3", "havo", None, None, "CM",
     "netl entl maat ckv lo pws ges fatl kubv maw econ", "pws", "WVO 2.53 lid 3"),
    ("vmbo-tl-TECHNIEK__uvb_3_4_lid_1_c", "vmbo-gt", "tl", None, "TECHNIEK",
     "ne en ma lo kv1 pws wi nsk1 bi ec", "ec", "Uvb 3.4 lid 1 c"),
    ("vmbo-gl-ZW__uvb_3_7_lid_1_c", "vmbo-gt", "gl", None, "ZW",
     "ne en ma lo kv1 pws bi wi ec zw mgez momg", "ec", "Uvb 3.7 lid 1 c"),
    ("vmbo-kb-BWI__uvb_3_6_lid_1_c", "vmbo-kb", None, None, "BWI",
     "ne en ma lo kv1 wi nsk1 bwi ontw bgl mgez momg", "bwi", "Uvb 3.6 lid 1 c"),
    ("vmbo-bb-PIE__uvb_3_5_lid_1_a", "vmbo-bb", None, None, "PIE",
     "ne en ma lo kv1 wi nsk1 pie ontw bgl mgez momg", "kv1", "Uvb 3.5 lid 1 a"),
    ("vmbo-bb-EO__uvb_3_5_lid_1_b", "vmbo-bb", None, None, "EO",
     "ne en ma lo kv1 ec du eo mgez momg mact mzrg", "du", "Uvb 3.5 lid 1 b"),
]


@pytest.mark.parametrize(
    ("level", "leerweg", "variant", "profile", "subjects", "remove", "article"),
    [c[1:] for c in LEVEL_CASES], ids=[c[0] for c in LEVEL_CASES])
def test_complete_and_incomplete_package(level, leerweg, variant, profile, subjects, remove,
                                         article):
    assert check(level, subjects, profile, variant, leerweg).complete
    result = check(level, without(subjects, remove), profile, variant, leerweg)
    assert_incomplete(result, article)
    # every problem sentence cites an article of the Uvb or the WVO
    assert all("Uvb" in p or "WVO" in p for p in result.problems)


# --- profiles, variants, leerwegen ---------------------------------------------------------------

def test_profile_as_school_writes_it__wvo_2_20_lid_4():
    for written in ("EM", "em", "E&M", "economie en maatschappij", "0372"):
        result = check("havo", EX1, written)
        assert result.complete, written
        assert result.profiles == ("EM",)
    assert_incomplete(check("havo", EX1, "XX"), "WVO 2.20 lid 4")


def test_without_profile_every_fitting_profile_is_named():
    result = check("vmbo-gt", "ne en ma lo kv1 pws wi bi ec du")
    assert result.complete
    assert result.leerweg == "tl"
    assert set(result.profiles) == {"ZORG_EN_WELZIJN", "ECONOMIE", "GROEN"}


def test_double_profile_needs_both__uvb_3_46_lid_1():
    nt_ng = "netl entl fatl maat ckv lo pws wisB nat schk biol ak in"
    assert check("vwo", nt_ng, "NT/NG", "atheneum").complete
    # without natuurkunde NG still fits (ak as profielkeuzevak), NT does not
    assert check("vwo", without(nt_ng, "nat"), "NG", "atheneum").complete
    result = check("vwo", without(nt_ng, "nat"), "NT+NG", "atheneum")
    assert_incomplete(result, "Uvb 2.6 lid 1 b")
    assert all(p.startswith("Profiel natuur en techniek") for p in result.problems)


def test_vwo_variant_unknown_tries_both__uvb_2_5_lid_2():
    result = check("vwo", EX3, "NG")
    assert result.complete
    assert result.variant == "gymnasium"


def test_constraints_on_the_whole_package():
    base = "netl entl dutl maat ckv lo pws wisA econ ges beco ak"
    assert_incomplete(check("vwo", base + " wisD", "EM", "atheneum"), "Uvb 2.7 a 1°")
    assert_incomplete(check("vwo", base + " kubv te", "EM", "atheneum"), "Uvb 2.7 a 2°")
    assert_incomplete(check("havo", EX1 + " sptl s-e", "EM"), "Uvb 3.3 lid 3")


def test_exemptions__uvb_3_8():
    no_lo = without(EX1, "lo")
    assert_incomplete(check("havo", no_lo, "EM"), "Uvb 2.10 e")
    assert check("havo", no_lo, "EM", exemptions=["lo_ontheffing"]).complete
    with pytest.raises(ValueError):
        check("havo", EX1, "EM", exemptions=["bestaat_niet"])


def test_text_from_2026_08_01_adds_havo_praktijkgericht_vak__uvb_2_11():
    nt = "netl entl maat ckv lo pws wisB nat schk pg_tech ak"
    assert not check("havo", nt, "NT", exam_year=2026).complete
    assert check("havo", nt, "NT", exam_year=2027).complete


def test_unknown_subject_is_noted_not_counted__uvb_3_9():
    result = check("havo", EX1 + " xyz", "EM")
    assert result.complete
    assert any("xyz" in n for n in result.notes)


# --- subject facts --------------------------------------------------------------------------------

def test_subject_info_per_level():
    wisb = subject_info("wisB", "vwo")
    assert wisb is not None and wisb.duo_code == "1025" and wisb.has_ce and not wisb.se_only
    assert subject_info("maat", "havo").se_only
    assert subject_info("lo", "havo").assessment_only
    assert subject_info("mgez", "vmbo-kb").is_keuzevak
    assert subject_info("bwi", "vmbo-gt", "gl").combination_member     # Uvb 3.35 lid 4
    assert not subject_info("bwi", "vmbo-kb").combination_member        # Uvb 3.35 lid 3
    assert subject_info("ne", "havo") is None
    assert subject_info("NETL", "havo").abbreviation == "netl"


def test_subject_by_duo_code_keeps_leading_zeros():
    assert subject_by_code("0011", "vmbo-gt") == "ne"
    assert subject_by_code("11", "vmbo-bb") == "ne"
    assert subject_by_code("1025", "havo") == "wisB"
    assert subject_by_code("1600", "vmbo-kb") == "zw"
    assert subject_by_code("9999", "vwo") is None


# --- roles for the engine ------------------------------------------------------------------------

def roles(level: str, subjects: str, profile: str | None = None, **kw):
    return subject_roles(level=level, leerweg=kw.pop("leerweg", None), profile=profile,
                         variant=kw.pop("variant", None), subjects=pkg(subjects), **kw)


def test_roles_havo__uvb_3_34_lid_1_b_and_lid_2():
    r = roles("havo", EX1, "EM")
    assert r.complete and r.profile == "EM"
    assert set(r.kernvakken) == {"netl", "entl", "wisA"}
    assert dict(r.combination) == {"maat": 1, "ckv": 1, "pws": 1}
    assert r.roles["ak"].part == "vd"
    assert r.roles["econ"].part == "pd"
    assert r.roles["lo"].assessment_only and not r.roles["lo"].numeric
    assert r.roles["maat"].in_combination and not r.roles["netl"].in_combination


def test_roles_havo_cm_maths_in_free_part_is_kernvak__uvb_3_34_lid_1_b():
    r = roles("havo", "netl entl maat ckv lo pws ges fatl kubv maw wisA", "CM")
    assert r.complete
    assert "wisA" in r.kernvakken


def test_roles_gl_profielvak_weighs_as_often_as_keuzevakken__uvb_3_35_lid_4():
    r = roles("vmbo-gt", "ne en ma lo kv1 pws bi wi ec zw mgez momg mact", "ZW", leerweg="gl")
    assert r.complete
    assert dict(r.combination) == {"zw": 3, "mgez": 1, "momg": 1, "mact": 1}
    assert r.roles["zw"].in_combination and r.roles["zw"].has_ce
    assert r.kernvakken == ("ne",)


def test_roles_kb_keuzevakken_combination_profielvak_own_grade__uvb_3_35_lid_3():
    r = roles("vmbo-kb", EX6 + " mzrg", "ZW")
    assert dict(r.combination) == {"mgez": 1, "momg": 1, "mact": 1, "mzrg": 1}
    assert not r.roles["zw"].in_combination and r.roles["zw"].part == "pd"


def test_roles_tl_with_gl_programme_gets_combination__uvb_3_35_lid_2():
    plain = roles("vmbo-gt", "ne en ma lo kv1 pws wi nsk1 bi ec", "TECHNIEK", leerweg="tl")
    assert plain.combination == ()
    extra = roles("vmbo-gt", "ne en ma lo kv1 pws wi nsk1 bi ec pie bgl ontw", "TECHNIEK",
                  leerweg="tl")
    assert extra.complete
    assert dict(extra.combination) == {"pie": 2, "bgl": 1, "ontw": 1}


def test_many_calls_per_second():
    """The engine asks for every subset it considers leaving out; answers are cached, and even
    uncached a check takes well under a millisecond."""
    composition._check_cached.cache_clear()
    packages = [pkg(EX1), pkg(EX3), pkg(EX4), pkg(EX5 + " bi"), pkg(EX6 + " mzrg spbw")]
    calls = [(p, [c for c in p if c != drop]) for p in packages for drop in p]
    started = time.perf_counter()
    for full, subset in calls:
        check_complete(level="vwo" if "netl" in full and "latl" in full else
                       "havo" if "netl" in full else "vmbo-gt" if "pws" in full else "vmbo-kb",
                       leerweg=None, profile=None, variant=None, subjects=subset)
    uncached = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(20):
        for _full, subset in calls:
            check_complete(level="havo", leerweg=None, profile="EM", variant=None, subjects=subset)
    cached = time.perf_counter() - started
    assert uncached < 5.0, uncached
    assert cached / (20 * len(calls)) < 0.001, cached
