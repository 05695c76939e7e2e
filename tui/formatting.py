"""How the screens write things down: Dutch numbers, names and labels.

Kept apart from the screens so that every screen writes a grade, a name or a school type the
same way, and so that the search folding ("chloe" finds "Chloë") is one function, tested once.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

MISSING = "—"

# Known school types with their leerweg (vmbo) or variant (vwo), in the order a secretary reads
# them: the overview and the candidate list use this order.
SCHOOL_TYPE_ORDER: list[tuple[str, str | None]] = [
    ("vwo", "atheneum"),
    ("vwo", "gymnasium"),
    ("havo", None),
    ("vmbo", "tl"),
    ("vmbo", "gl"),
    ("vmbo", "kb"),
    ("vmbo", "bb"),
]


# Letters that Unicode does not decompose into a base letter plus a mark (Turkish dotless i,
# Scandinavian ø, Polish ł): a secretary types the plain letter for them too.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                                "æ": "ae", "œ": "oe"})


def fold(text: str | None) -> str:
    """Lower case without diacritics, for searching: 'Chloë Çelik' -> 'chloe celik'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_PLAIN_LETTERS)


def grade(value: Decimal | int | None) -> str:
    """A grade with a decimal comma as the Dutch write it (7,2); a dash when there is none."""
    if value is None:
        return MISSING
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")


def number(value: Decimal | int | None) -> str:
    """A weight or factor without trailing zeros, decimal comma: 10,000 -> 10, 2,50 -> 2,5."""
    if value is None:
        return MISSING
    if isinstance(value, Decimal):
        value = value.normalize()
        text = format(value, "f")
    else:
        text = str(value)
    return text.replace(".", ",")


def yes_no(value: bool | None) -> str:
    if value is None:
        return "onbekend"
    return "ja" if value else "nee"


def list_name(last_name: str | None, first_name: str | None, name_prefix: str | None,
              initials: str | None = None) -> str:
    """'achternaam, roepnaam tussenvoegsel' as on class lists: 'Vries, Anne de'."""
    given = " ".join(p for p in (first_name or initials, name_prefix) if p)
    last = last_name or "?"
    return f"{last}, {given}" if given else last


def full_name(last_name: str | None, first_name: str | None, name_prefix: str | None,
              initials: str | None = None) -> str:
    """'roepnaam tussenvoegsel achternaam' as in a letter: 'Anne de Vries'."""
    return " ".join(p for p in (first_name or initials, name_prefix, last_name) if p)


def school_type_label(school_type: str | None, track: str | None, variant: str | None) -> str:
    """'vwo atheneum', 'havo', 'vmbo kb': school type with its leerweg or variant."""
    parts = [school_type or "?"]
    sub = track or variant
    if sub:
        parts.append(sub)
    return " ".join(parts)


def outcome_label(passed: bool | None) -> str:
    """The three results a candidate can have, as the secretary says them."""
    if passed is None:
        return "nog niet te bepalen"
    return "geslaagd" if passed else "afgewezen"


def cited(text: str, source: str | None) -> str:
    """' (source)' after a reason, or nothing when its sentence already names that article:
    'beslist het examenreglement (WVO 2020 art. 2.60 lid 1). (WVO 2020 art. 2.60 lid 1)'."""
    return f" ({source})" if source and source not in text else ""
