"""Figures about a year of results: CE grades per subject and tijdvak, the school's SE-CE
difference per subject, and pass rates per school type.

Why: the inspectorate looks at the difference between the school's SE and CE grades per
subject (a large positive difference means the school exam is graded more generously than the
central exam), and a secretary looks at the CE grades per exam before the results are
established. These are counts and exact means of what the results engine computed; nothing
here decides anything, and nothing is rounded except for display (by `grades`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from . import grades


@attrs.frozen
class GradeHistogram:
    subject: str
    period: int
    counts: tuple[int, ...]          # whole grades 1..10: candidates with CE grade in [g, g+1)

    @property
    def total(self) -> int:
        return sum(self.counts)


@attrs.frozen
class SeCeDifference:
    subject: str
    candidates: int                  # with both an SE and a CE grade in this subject
    se_mean: Fraction
    ce_mean: Fraction

    @property
    def difference(self) -> Fraction:
        return self.se_mean - self.ce_mean

    def shown(self, value: Fraction) -> str:
        """Two decimals, truncated like every other shown mean; sign kept."""
        sign = "-" if value < 0 else ""
        return sign + format(grades.truncate(abs(value), 2), "f").replace(".", ",")


@attrs.frozen
class PassRate:
    school_type: str
    candidates: int
    passed: int
    failed: int
    undecided: int


def ce_histograms(results: Iterable[Any]) -> list[GradeHistogram]:
    """Per subject and tijdvak, how many candidates got a CE grade of 1, 2, ..., 10."""
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0] * 10)
    for r in results:
        for s in r.subjects:
            for period, value in (s.ce_grades or {}).items():
                if value is None:
                    continue
                whole = min(int(Decimal(value)), 10)
                counts[(s.subject, period)][whole - 1] += 1
    return [GradeHistogram(subject, period, tuple(c))
            for (subject, period), c in sorted(counts.items())]


def se_ce_differences(results: Iterable[Any]) -> list[SeCeDifference]:
    """Per subject, the mean SE grade minus the mean CE grade over candidates with both."""
    sums: dict[str, list[Fraction]] = defaultdict(lambda: [Fraction(0), Fraction(0)])
    numbers: dict[str, int] = defaultdict(int)
    for r in results:
        for s in r.subjects:
            if s.se_grade is None or s.ce_grade is None:
                continue
            sums[s.subject][0] += Fraction(Decimal(s.se_grade))
            sums[s.subject][1] += Fraction(Decimal(s.ce_grade))
            numbers[s.subject] += 1
    return [SeCeDifference(subject, n, sums[subject][0] / n, sums[subject][1] / n)
            for subject, n in sorted(numbers.items())]


def pass_rates(results: Iterable[Any]) -> list[PassRate]:
    """Per school type (with leerweg or variant), how many passed, failed, are still open."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for r in results:
        label = " ".join(p for p in (r.school_type, r.track or r.variant) if p) or "?"
        tally[label][{True: 0, False: 1}.get(r.passed, 2)] += 1
    return [PassRate(label, sum(c), c[0], c[1], c[2]) for label, c in sorted(tally.items())]
