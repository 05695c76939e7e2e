"""The distribution of CE averages over the year, as text bars: a picture says more here.

Why: on results day the secretary wants to see at a glance how the year went and how many
candidates sit just below or above a boundary, which a table of 200 rows does not show. Each
bar is split by result (geslaagd, afgewezen), so the link between CE average and
result shows without the screen knowing any rule. The averages are the engine's (exact sum and
count); binning truncates, never rounds, like every other shown average.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from rich.text import Text

from examenbureau.core.wording import counted

from .formatting import grade

STEP = Fraction(1, 2)
LOW = Fraction(4)       # everything below lands in the first bin
HIGH = Fraction(9)      # everything from here lands in the last bin
# Told apart by shape as well as colour: an SSH session may have no colours at all.
MARKS = (("geslaagd", "█", "green"), ("afgewezen", "▓", "red"))


@attrs.frozen
class Bin:
    label: str                      # "5,0–5,5" (from, up to but not including)
    counts: dict[str, int]          # geslaagd / afgewezen -> number of candidates

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _label(edge: Fraction) -> str:
    """A bin edge (a whole or half point) as "5,5", through the one grade formatter, no float."""
    return grade((Decimal(edge.numerator) / edge.denominator).quantize(Decimal("0.1")))


def ce_average_bins(results: Iterable[Any]) -> tuple[list[Bin], int]:
    """Bins of half a point over rows with `passed` and `ce_mean` (`year_results.ResultRow`);
    the second value counts candidates not in them: the engine gives
    a CE average only with a decided result."""
    edges: list[Fraction] = []
    x = LOW
    while x < HIGH:
        edges.append(x)
        x += STEP
    counts = [{"geslaagd": 0, "afgewezen": 0} for _ in range(len(edges) + 1)]
    without = 0
    for r in results:
        mean = r.ce_mean
        if r.passed is None or mean is None:
            without += 1
            continue
        i = 0 if mean < LOW else min(len(edges), int((mean - LOW) / STEP) + 1)
        key = "geslaagd" if r.passed else "afgewezen"
        counts[i][key] += 1
    labels = [f"< {_label(LOW)}"] + [f"{_label(e)}–{_label(e + STEP)}" for e in edges[:-1]]
    labels.append(f"≥ {_label(edges[-1])}")
    return [Bin(label, c) for label, c in zip(labels, counts, strict=True)], without


def render(bins: list[Bin], without: int, width: int = 40) -> Text:
    """Horizontal bars scaled to the fullest bin; the numbers stay next to every bar."""
    text = Text()
    text.append("Verdeling CE-gemiddelden", style="bold")
    text.append("   ")
    for name, mark, style in MARKS:
        text.append(mark, style=style)
        text.append(f" {name}  ")
    text.append("\n")
    biggest = max((b.total for b in bins), default=0)
    if biggest == 0:
        text.append("Nog geen kandidaat met een CE-gemiddelde.\n", style="italic")
        return text
    for b in bins:
        text.append(f"{b.label:>9} ")
        for name, mark, style in MARKS:
            n = b.counts[name]
            cells = round(n * width / biggest) if n else 0
            text.append(mark * max(cells, 1 if n else 0), style=style)
        text.append(f" {b.total}\n" if b.total else "\n")
    if without:
        who = counted(without, "kandidaat", "kandidaten")
        text.append(f"Niet getoond: {who} zonder uitslag of zonder CE.\n", style="italic")
    return text
