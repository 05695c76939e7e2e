"""Dutch words that depend on a number: "1 regel", "2 regels", "0 regels".

Why one place: a message like "1 regels gelezen" or "1 PDF's geschreven" tells a new user the
program was not written with care, and every command and screen counts something. Each caller
passes both forms (Dutch plurals are not regular enough to derive: regel/regels,
PDF/PDF's, kandidaat/kandidaten, wijziging/wijzigingen).
"""

from __future__ import annotations


def counted(n: int, singular: str, plural: str) -> str:
    """`n` followed by the word in the right number: counted(1, "regel", "regels") == "1 regel"."""
    return f"{n} {singular if n == 1 else plural}"


def word(n: int, singular: str, plural: str) -> str:
    """Only the word, for sentences that put the number elsewhere ("3 van 10 kandidaten")."""
    return singular if n == 1 else plural
