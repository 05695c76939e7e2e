"""Exact grade arithmetic: the laws that must hold for every input, and the traps of floats.

Property tests (hypothesis) prove the CvTE conversion for all scores, scale lengths and N-terms;
table tests pin the rounding the Uitvoeringsbesluit prescribes, article in the id.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examenbureau.core import grades

lengths = st.integers(min_value=1, max_value=200)
n_terms = st.integers(min_value=0, max_value=60).map(lambda t: Decimal(t).scaleb(-1))


@st.composite
def score_and_length(draw):
    length = draw(lengths)
    return draw(st.integers(min_value=0, max_value=length)), length


# --- CvTE conversion: properties -----------------------------------------------------------------

@given(lengths, n_terms)
def test_conversion_never_decreases_in_the_score(length, n):
    values = [grades.ce_grade_exact(s, length, n) for s in range(length + 1)]
    assert all(a <= b for a, b in itertools.pairwise(values))
    rounded = [grades.ce_grade_tenths(s, length, n) for s in range(length + 1)]
    assert rounded == sorted(rounded)


@given(lengths, n_terms)
def test_zero_score_gives_1_and_full_score_gives_10_for_every_n(length, n):
    assert grades.ce_grade(0, length, n) == Decimal("1.0")
    assert grades.ce_grade(length, length, n) == Decimal("10.0")


@given(score_and_length(), n_terms)
def test_grade_stays_within_1_and_10_with_one_decimal(sl, n):
    s, length = sl
    g = grades.ce_grade(s, length, n)
    assert Decimal("1.0") <= g <= Decimal("10.0")
    assert g.as_tuple().exponent == -1


@given(score_and_length(), n_terms)
def test_rounded_once_half_up_from_the_exact_value(sl, n):
    s, length = sl
    exact = grades.ce_grade_exact(s, length, n)
    t = grades.ce_grade_tenths(s, length, n)
    # t/10 is the nearest tenth, ties upward: |exact - t/10| <= 1/20 and a tie rounds up
    assert Fraction(t, 10) - Fraction(1, 20) <= exact < Fraction(t, 10) + Fraction(1, 20)


@given(score_and_length(), n_terms)
def test_lowest_score_for_is_the_least_score_reaching_a_grade(sl, n):
    s, length = sl
    t = grades.ce_grade_tenths(s, length, n)
    low = grades.lowest_score_for(t, length, n)
    assert low is not None and low <= s
    assert grades.ce_grade_tenths(low, length, n) >= t
    assert low == 0 or grades.ce_grade_tenths(low - 1, length, n) < t


# --- CvTE conversion: worked examples (rules_spec §1.5) -------------------------------------------

@pytest.mark.parametrize("length,score,n,expected", [
    (90, 45, "1.0", "5.5"),    # Regeling omzetting 2015, bijlage 1 example
    (90, 87, "0.6", "9.4"),    # CEVO tabel 1: boundary 3b
    (40, 2, "1.0", "1.5"),     # 1,45 exactly; binary float gives 1,4
    (40, 18, "1.4", "5.5"),    # tie at the pass line
    (20, 1, "0.8", "1.3"),     # 1,25: banker's rounding gives 1,2
    (53, 25, "1.2", "5.4"),    # 5,4452...: rounding via 2 decimals gives 5,5
    (66, 26, "2.0", "5.5"),    # 5,5454...: rounding via 2 decimals gives 5,6
    (72, 57, "2.0", "9.1"),    # boundary 2b 9,0625
    (70, 5, "0.0", "1.3"),     # N = 0: boundary 3a
    (80, 5, "2.5", "2.1"),     # N > 2: boundary 2a
    (60, 50, "3.0", "9.3"),    # tie on the boundary; float gives 9,2
], ids=lambda v: str(v))
def test_conversion_examples(length, score, n, expected):
    assert grades.ce_grade(score, length, n) == Decimal(expected)


def test_n_term_warns_above_2_and_never_refuses():
    assert grades.n_term_warning("2.0") is None
    assert "2,7" in grades.n_term_warning("2.7")
    assert grades.ce_grade(10, 60, "2.7") >= Decimal("1.0")


def test_n_term_with_two_decimals_or_negative_is_invalid():
    with pytest.raises(grades.GradeError):
        grades.ce_grade(10, 60, "1.25")
    with pytest.raises(grades.GradeError):
        grades.ce_grade(10, 60, "-0.5")


def test_score_outside_the_scale_is_invalid():
    with pytest.raises(grades.GradeError):
        grades.ce_grade(61, 60, "1.0")
    with pytest.raises(grades.GradeError):
        grades.ce_grade(1, 0, "1.0")


# --- float input fails ----------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: grades.parse_grade(5.5),
    lambda: grades.parse_decimal(5.45),
    lambda: grades.parse_grade_tenths(5.5),
    lambda: grades.final_grade(5.4, Decimal("5.5")),
    lambda: grades.round_half_up(1.25, 1),
    lambda: grades.ce_grade(2, 40, 1.0),
    lambda: grades.weighted_mean([(Decimal("6.5"), 1.5)]),
    lambda: grades.combination_grade([(6.0, 1)]),
    lambda: grades.se_only_final_grade(6.45),
], ids=["parse_grade", "parse_decimal", "parse_tenths", "final_grade", "round_half_up",
        "ce_grade_n", "weighted_mean_weight", "combination", "se_only"])
def test_a_float_argument_raises_type_error(call):
    with pytest.raises(TypeError):
        call()


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=1, max_value=10))
def test_no_float_is_ever_accepted_as_a_grade(x):
    with pytest.raises(TypeError):
        grades.parse_grade(x)


# --- parsing --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("5,5", "5.5"), ("5.5", "5.5"), (" 7 ", "7"), ("10,0", "10.0"), ("6,45", "6.45"),
    (7, "7"), (Decimal("8.3"), "8.3"),
])
def test_grade_text_with_comma_or_point(text, expected):
    assert grades.parse_grade(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "vijf", "5,5,5", "0.9", "10.1", "-3", "1e1", "NaN", True])
def test_invalid_grade_text(text):
    with pytest.raises((grades.GradeError, TypeError)):
        grades.parse_grade(text)


def test_one_decimal_is_enforced_where_the_law_fixes_it():
    assert grades.parse_grade_tenths("5,5") == 55
    assert grades.parse_grade_tenths("5.50") == 55
    with pytest.raises(grades.GradeError):
        grades.parse_grade_tenths("5.55")  # art. 3.13 lid 1: one decimal


# --- rounding of final grades ---------------------------------------------------------------------

@pytest.mark.parametrize("se,ce,expected", [
    ("5.4", "5.5", 5),    # 5,45 -> 5: one step (two steps would give 6)
    ("5.5", "5.5", 6),
    ("6.2", "4.7", 5),    # NRC 1999
    ("6.2", "4.8", 6),
    ("6.5", "6.5", 7),    # half up, not to even
    ("9.9", "10.0", 10),
    ("4.4", "4.5", 4),
    ("3.4", "3.5", 3),
    ("8.5", "8.4", 8),
    ("1.0", "1.0", 1),
], ids=lambda v: str(v))
def test_art_3_32_lid_2_one_step(se, ce, expected):
    assert grades.final_grade(Decimal(se), Decimal(ce)) == expected
    se_t, ce_t = grades.tenths(Decimal(se)), grades.tenths(Decimal(ce))
    assert grades.final_grade_tenths(se_t, ce_t) == expected


@given(st.integers(10, 100), st.integers(10, 100))
def test_tenths_shortcut_agrees_with_the_exact_mean(se_t, ce_t):
    exact = grades.round_to_whole(Fraction(se_t + ce_t, 20))
    assert grades.final_grade_tenths(se_t, ce_t) == exact
    assert grades.final_grade(Fraction(se_t, 10), Fraction(ce_t, 10)) == exact


@pytest.mark.parametrize("se,one,two", [
    ("6.45", 6, 7), ("5.46", 5, 6), ("5.44", 5, 5), ("6.5", 7, 7), ("7", 7, 7), ("5.449", 5, 5),
])
def test_se_only_final_grade_in_one_or_two_steps(se, one, two):
    # art. 3.13 lid 2 / DUO: the school chooses; OZHW art. 33 lid 4: 6,45 -> 6,5 -> 7
    assert grades.se_only_final_grade(Decimal(se), 1) == one
    assert grades.se_only_final_grade(Decimal(se), 2) == two


def test_ce_only_final_grade_rounds_the_ce_grade_half_up():
    assert grades.ce_only_final_grade(Decimal("6.5")) == 7
    assert grades.ce_only_final_grade(Decimal("6.4")) == 6


@pytest.mark.parametrize("components,expected", [
    ([(6, 1), (7, 1), (7, 1)], 7),          # 6,67
    ([(5, 1), (5, 1), (6, 1)], 5),          # 5,33
    ([(5, 1), (6, 1)], 6),                  # 5,5 -> 6 (gymnasium: maat + pws)
    ([(6, 1), (6, 1), (7, 1), (6, 1)], 6),  # 6,25
    ([(7, 2), (6, 1), (5, 1)], 6),          # gl: profielvak twice, 6,25
    ([(5, 3), (7, 1), (7, 1), (6, 1)], 6),  # gl: profielvak three times, 5,83
    ([(6, 1), (7, 1)], 7),                  # 6,5 -> 7: half up, never to even
], ids=lambda v: str(v))
def test_combination_grade_art_3_34_lid_4_and_3_35_lid_5(components, expected):
    assert grades.combination_grade(components) == expected


def test_weighted_mean_is_exact():
    # PTA: 3 tests, weights 1, 2, 3 -> (5,5 + 2·6,1 + 3·7,3)/6 = 39,6/6 = 6,6 exactly
    m = grades.weighted_mean([(Decimal("5.5"), 1), (Decimal("6.1"), 2), (Decimal("7.3"), 3)])
    assert m == Fraction(66, 10)
    two = grades.weighted_mean([(Decimal("5.4"), 1), (Decimal("5.5"), 1)])
    assert grades.round_to_tenths(two) == Decimal("5.5")  # 5,45 -> 5,5 (one decimal, half up)
    thirds = grades.weighted_mean([(7, 1), (6, 1), (6, 1)])
    assert thirds == Fraction(19, 3)
    with pytest.raises(grades.GradeError):
        grades.weighted_mean([])


@given(st.lists(st.tuples(st.integers(10, 100), st.integers(1, 5)), min_size=1, max_size=12))
def test_weighted_mean_equals_the_fraction_definition(pairs):
    exact = grades.weighted_mean([(Fraction(g, 10), w) for g, w in pairs])
    assert exact == Fraction(sum(g * w for g, w in pairs), 10 * sum(w for _, w in pairs))


def test_truncate_never_rounds_up_past_a_threshold():
    assert grades.truncate(Fraction(54999, 10000), 2) == Decimal("5.49")
    assert grades.truncate(Fraction(11, 2), 2) == Decimal("5.50")
    assert grades.round_half_up(Fraction(549, 100), 1) == Decimal("5.5")


# --- integer rounding (whole-school results): the same answers as the Fraction versions -----------

@given(st.integers(0, 10**12), st.integers(1, 10**9))
def test_integer_rounding_agrees_with_the_fraction_versions(p, q):
    exact = Fraction(p, q)
    assert grades.tenths_half_up(p, q) == grades.tenths(grades.round_to_tenths(exact))
    assert grades.whole_half_up(p, q) == grades.round_to_whole(exact)
    for steps in (1, 2):
        assert grades.se_only_final_grade_ratio(p, q, steps) == grades.se_only_final_grade(
            exact, steps)


@given(st.lists(st.tuples(st.integers(10, 100), st.integers(1, 10_000)), min_size=1,
                max_size=12))
def test_se_grade_from_store_sums_equals_the_weighted_mean(pairs):
    # the store adds grade·10 · weight·1000 and weight·1000 as integers (results.queries)
    num = sum(g * w for g, w in pairs)
    den = sum(w for _, w in pairs)
    exact = grades.weighted_mean([(Fraction(g, 10), Fraction(w, 1000)) for g, w in pairs])
    assert grades.tenths_half_up(num, 10 * den) == grades.tenths(grades.round_to_tenths(exact))
    for steps in (1, 2):
        assert grades.se_only_final_grade_ratio(num, 10 * den, steps) == (
            grades.se_only_final_grade(exact, steps))


@pytest.mark.parametrize("p,q,tenths,whole", [
    (545, 100, 55, 5), (5449, 1000, 54, 5), (55, 10, 55, 6), (13, 2, 65, 7), (0, 1, 0, 0),
])
def test_integer_rounding_at_the_half(p, q, tenths, whole):
    assert grades.tenths_half_up(p, q) == tenths
    assert grades.whole_half_up(p, q) == whole


def test_se_only_final_grade_ratio_refuses_three_steps():
    with pytest.raises(grades.GradeError):
        grades.se_only_final_grade_ratio(1, 1, 3)
