"""How the TUI writes grades, names and school types (Dutch conventions), and how it searches."""

from __future__ import annotations

from decimal import Decimal

import pytest

from examenbureau.tui.formatting import (
    fold,
    grade,
    list_name,
    outcome_label,
    school_type_label,
)


@pytest.mark.parametrize(("value", "shown"), [
    (Decimal("7.2"), "7,2"),
    (Decimal("5.45"), "5,45"),        # shown as computed, never re-rounded by the screen
    (Decimal("10.0"), "10,0"),
    (Decimal("6"), "6"),
    (7, "7"),
    (None, "—"),
])
def test_grade_has_a_decimal_comma(value, shown):
    assert grade(value) == shown


@pytest.mark.parametrize(("typed", "stored"), [
    ("chloe", "Chloë"), ("celik", "Çelik"), ("zoe", "ZOË"), ("mael", "Maël"), ("yilmaz", "Yılmaz"),
])
def test_search_ignores_case_and_diacritics(typed, stored):
    assert fold(typed) in fold(stored)


def test_list_name_is_surname_first_with_prefix_after_the_first_name():
    assert list_name("Vries", "Anne", "de") == "Vries, Anne de"
    assert list_name("Bakker", None, None, "C.") == "Bakker, C."
    assert list_name("Bakker", None, None) == "Bakker"


def test_labels():
    assert school_type_label("vmbo", "kb", None) == "vmbo kb"
    assert school_type_label("vwo", None, "gymnasium") == "vwo gymnasium"
    assert outcome_label(None) == "nog niet te bepalen"
    assert outcome_label(False) == "afgewezen"
    assert outcome_label(True) == "geslaagd"
