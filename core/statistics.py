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


@attrs.frozen
class YearFigures:
    """The three figures of one exam year, small enough to hand from process to process."""

    histograms: tuple[GradeHistogram, ...] = ()
    differences: tuple[SeCeDifference, ...] = ()
    pass_rates: tuple[PassRate, ...] = ()


@attrs.define
class FigureTally:
    """The figures counted one result at a time.

    Why: the results of a large school are computed as a stream (in a separate process for the
    TUI); keeping every result only to count them afterwards would hold the whole year in
    memory. Each result is added once and then dropped."""

    _hist: dict[tuple[str, int], list[int]] = attrs.field(factory=lambda: defaultdict(lambda: [0] * 10))
    _sums: dict[str, list[Fraction]] = attrs.field(
        factory=lambda: defaultdict(lambda: [Fraction(0), Fraction(0)]))
    _numbers: dict[str, int] = attrs.field(factory=lambda: defaultdict(int))
    _rates: dict[str, list[int]] = attrs.field(factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def add(self, r: Any) -> None:
        for s in r.subjects:
            for period, value in (s.ce_grades or {}).items():
                if value is not None:
                    self._hist[(s.subject, period)][min(int(Decimal(value)), 10) - 1] += 1
            if s.se_grade is not None and s.ce_grade is not None:
                self._sums[s.subject][0] += Fraction(Decimal(s.se_grade))
                self._sums[s.subject][1] += Fraction(Decimal(s.ce_grade))
                self._numbers[s.subject] += 1
        label = " ".join(p for p in (r.school_type, r.track or r.variant) if p) or "?"
        self._rates[label][{True: 0, False: 1}.get(r.passed, 2)] += 1

    def figures(self) -> YearFigures:
        return YearFigures(
            tuple(GradeHistogram(subject, period, tuple(c))
                  for (subject, period), c in sorted(self._hist.items())),
            tuple(SeCeDifference(subject, n, self._sums[subject][0] / n,
                                 self._sums[subject][1] / n)
                  for subject, n in sorted(self._numbers.items())),
            tuple(PassRate(label, sum(c), c[0], c[1], c[2])
                  for label, c in sorted(self._rates.items())))


def year_figures(results: Iterable[Any]) -> YearFigures:
    tally = FigureTally()
    for r in results:
        tally.add(r)
    return tally.figures()


def ce_histograms(results: Iterable[Any]) -> list[GradeHistogram]:
    """Per subject and tijdvak, how many candidates got a CE grade of 1, 2, ..., 10."""
    return list(year_figures(results).histograms)


def se_ce_differences(results: Iterable[Any]) -> list[SeCeDifference]:
    """Per subject, the mean SE grade minus the mean CE grade over candidates with both."""
    return list(year_figures(results).differences)


def pass_rates(results: Iterable[Any]) -> list[PassRate]:
    """Per school type (with leerweg or variant), how many passed, failed, are still open."""
    return list(year_figures(results).pass_rates)
