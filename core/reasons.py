"""A decision's reasons as data: what the screen, the exports and `calc` show.

Every decision carries them (docs/design.md, "a decision without a reason is a bug"): which rule,
which article of which document, the numbers it used, and a Dutch sentence a parent can follow.
"""

from __future__ import annotations

from typing import Any

import attrs

from .packs import STATUTORY


@attrs.frozen
class Reason:
    rule: str                      # rule code, e.g. "ce_gemiddelde"
    source: str                    # document and article, e.g. "Uitvoeringsbesluit WVO 2020 art. 3.34 lid 1 onder a"
    text: str                      # Dutch sentence with the numbers in it
    numbers: dict[str, Any] = attrs.field(factory=dict)  # the numbers used, as Decimal/int/str
    violated: bool = True          # False for a note that explains without failing anyone
    pack: str = STATUTORY          # which rule pack decided

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "source": self.source,
            "text": self.text,
            "numbers": {k: v if type(v) in _SIMPLE else _plain(v) for k, v in self.numbers.items()},
            "violated": self.violated,
            "pack": self.pack,
        }


@attrs.frozen
class Missing:
    """A fact the decision needs and the file does not have: shown, never guessed."""

    what: str                      # e.g. "N-term", "SE-cijfer", "vakrol"
    subject: str | None            # subject abbreviation, if any
    text: str                      # Dutch sentence naming the missing item

    def as_json(self) -> dict[str, Any]:
        return {"what": self.what, "subject": self.subject, "text": self.text}


# Values JSON takes as they are. Checked by exact type first: an outcome carries five to ten
# reasons with small dicts of whole numbers, and `calc` answers thousands per second.
_SIMPLE = frozenset((str, int, bool, type(None)))


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SIMPLE:
        return value
    if kind is dict:
        return {k: v if type(v) in _SIMPLE else _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return str(value)  # Decimal, Fraction, date: as text, never through float
