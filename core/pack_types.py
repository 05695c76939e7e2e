"""The values that cross the rule-pack contract for a pack's own decisions.

Why a module of its own: `hookspecs.py` says WHICH questions a pack answers; these classes say
in what shape the question comes in and the answer goes out, so a school writing a pack (and
`pack check`, which feeds every hook well-formed input) can see every field in one place. They
are frozen attrs classes like `PassRules`: a pack builds them, `core` reads them, nobody
mutates them. `hookspecs` re-exports every name, so a pack imports them from there.

Dates and times come in as data (`datetime.date`, "HH:MM"): a hook never reads the clock.
Grades are `Decimal` (one decimal) or `int` (whole final grades), never float.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .reasons import Reason

# Kinds of school-exam test a resit request or a sitting can be about (calc.md, `se_resit`).
TEST_KINDS = ("schriftelijk", "mondeling", "luistertoets", "praktische_opdracht", "pws",
              "handelingsdeel", "herexamen")
# Why a resit was forfeited (calc.md); `afwezig_bij_herkansing` (absent at the resit moment
# itself) is the one value this project adds.
FORFEIT_REASONS = ("absent_zonder_geldige_reden", "te_laat_ingeleverd", "lessen_verzuimd",
                   "aanvraag_te_laat", "afwezig_bij_herkansing")
# What a repeater does with an earlier result (`carry_over`).
CARRY_CHOICES = ("keep", "redo", "choose", "open")
PROMOTION_OUTCOMES = ("bevorderd", "bespreken", "niet_bevorderbaar")


def _reasons(value: Any) -> tuple[Reason, ...]:
    return tuple(value)


# --- school-exam resits (`se_resit_check`) -------------------------------------------------------

@attrs.frozen
class UsedResit:
    """A resit already granted, in the school's own counting."""

    subject: str
    test: str | None = None
    period: int | None = None           # the SE period the resit was taken in
    kind: str = "schriftelijk"
    leerjaar: int | None = None         # None: the request's own school year
    early: bool = False                 # taken in the herkansingsweek of an early exam


@attrs.frozen
class Forfeit:
    """A resit right lost, and why (one of FORFEIT_REASONS)."""

    period: int | None
    reason: str
    lessons: int | None = None          # `lessen_verzuimd`: how many lessons, when known
    subject: str | None = None


@attrs.frozen
class ResitHistory:
    """What a candidate already used and lost; `exam_year` says whether `leerjaar` is the
    exam year of `level` (havo 5, vwo 6, vmbo 4)."""

    level: str
    leerjaar: int
    exam_year: bool
    used: tuple[UsedResit, ...] = ()
    forfeits: tuple[Forfeit, ...] = ()


@attrs.frozen
class ResitRequest:
    """One school-exam resit asked for.

    `period` is the SE period whose resit moment this is; `test_period` the period the test
    belongs to; `resittable` what the subject's PTA says of the test (None: the PTA says
    nothing). `missed_makeup`: the candidate missed the make-up of this test and wants to use
    a resit for it; `late_work`: the resit is charged because work came in late;
    `final_grade`: the subject's final grade, for a re-exam (herexamen) that depends on it.
    """

    subject: str
    test: str | None
    kind: str
    resittable: bool | None = None
    period: int | None = None
    test_period: int | None = None
    early: bool = False
    missed_makeup: bool = False
    late_work: bool = False
    final_grade: int | None = None


@attrs.frozen
class ResitDecision:
    """A pack's answer on an SE resit.

    `allowed` None means the pack's regulation does not decide this request: `reasons` then
    names who does. `left` is what is still open after this resit in the pool `pool` it draws
    from (None when the pack counts nothing). `attempt_counts` says which attempt counts
    afterwards ("hoogste", "laatste"; None: the school's setting `se_attempt` decides).
    `options` are measures the regulation lets the secretary take, shown and never applied.
    """

    allowed: bool | None
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons)
    left: int | None = None
    pool: str | None = None
    attempt_counts: str | None = None
    options: tuple[str, ...] = ()

    @property
    def decidable(self) -> bool:
        return self.allowed is not None


# --- central-exam resits (`ce_resit_rules`) ------------------------------------------------------

@attrs.frozen
class CeResitRules:
    """How many CE resits a candidate has and when (Uvb WVO 2020 art. 3.38-3.39).

    `sources` maps the rule codes `ce_herkansing_aantal`, `ce_herkansing_bekendmaking`,
    `ce_herkansing_hoogste` and (vmbo bb/kb) `ce_herkansing_cspe` to their article.
    """

    level: str
    max_subjects: int                   # lid 1: one subject
    needs_publication: bool             # lid 4: only after the final grades were made known
    highest_counts: bool                # art. 3.39 lid 1
    cspe_extra: bool                    # lid 2: vmbo bb/kb may also resit the cspe
    sources: dict[str, str] = attrs.field(factory=dict)


# --- sittings: late arrival and extra time (`sitting_rules`) -------------------------------------

@attrs.frozen
class ExtraTime:
    """At most `max_extra_min` extra minutes for a test whose length lies within
    [`min_length_min`, `max_length_min`] (None: open on that side)."""

    max_extra_min: int
    source: str
    min_length_min: int | None = None
    max_length_min: int | None = None

    def covers(self, length: int) -> bool:
        return ((self.min_length_min is None or length >= self.min_length_min)
                and (self.max_length_min is None or length <= self.max_length_min))


@attrs.frozen
class SittingRules:
    """What a regulation says of arriving late at a sitting and of extra time.

    `late_admission`: "limit" (admitted until `late_limit_min` minutes after the start),
    "always" (admitted however late; no limit is written) or "open" (the regulation does not
    decide; `decider` names who does). `end_fixed`: True when a late candidate hands in at the
    sitting's end time, None when the regulation does not say. `after_cutoff` is a Dutch
    sentence on what happens after the limit. `extra_time` lists the limits by test length;
    empty: the regulation sets none.
    """

    sitting: str                        # "ce" or "se"
    kind: str                           # test kind (TEST_KINDS) the rules are for
    late_admission: str                 # "limit", "always" or "open"
    late_source: str
    late_limit_min: int | None = None
    end_fixed: bool | None = None
    end_source: str | None = None
    after_cutoff: str | None = None
    after_cutoff_source: str | None = None
    extra_time: tuple[ExtraTime, ...] = ()
    decider: str | None = None


# --- promotion from a pre-exam year (`promotion_rules`) ------------------------------------------

@attrs.frozen
class PromotionRules:
    """A board's promotion norms for one pre-exam year, as parameters (like `PassRules`).

    Year grades are rounded half up to whole numbers first. `free_lows` are the sets of
    grades below 6 allowed without a condition (e.g. ((5,),)); `mean_lows` the sets allowed
    when the mean of all rounded grades is at least `mean_min`. No grade may be below
    `lowest`. Among the core subjects (codes, or prefixes ending in "*", e.g. "wis*") at most
    `core_max_below_six` may be below 6, and none below `core_min`. `assessments` must be
    "voldoende" or "goed". A candidate who meets every norm is "bevorderd"; one who does not is
    `below_norm` ("bespreken": the promotion meeting discusses him); one whose PTA parts or
    handelingsdelen are not complete is `incomplete` when `pta_complete_required`.
    `sources` maps each rule code to its article; `readings` are notes on how an unclear text
    was read, shown with every decision.
    """

    level: str
    leerjaar: int
    lowest: int
    free_lows: tuple[tuple[int, ...], ...]
    mean_lows: tuple[tuple[int, ...], ...]
    mean_min: Decimal
    core_subjects: tuple[str, ...]
    core_max_below_six: int
    core_min: int
    assessments: tuple[str, ...]
    pta_complete_required: bool
    below_norm: str
    incomplete: str
    sources: dict[str, str] = attrs.field(factory=dict)
    readings: tuple[str, ...] = ()


# --- repeaters (`carry_over`) --------------------------------------------------------------------

@attrs.frozen
class RepeaterSubject:
    code: str
    has_ce: bool
    se_grade: Decimal | None = None     # one decimal, before an SE-only grade is made whole
    final_grade: int | None = None
    part: str | None = None


@attrs.frozen
class RepeaterTest:
    subject: str
    test: str
    kind: str
    grade: Decimal | None = None
    assessment: str | None = None       # handelingsdeel: voldaan / onvoldaan


@attrs.frozen
class RepeaterView:
    """A candidate who does a school year again.

    `exam_year`: the year repeated is the exam year (`failed_exam` then says the candidate
    failed the exam); otherwise a pre-exam year (`promoted` False). `early_ce` lists subjects
    whose CE was taken early (Uvb 3.36).
    """

    level: str
    leerjaar: int
    exam_year: bool
    failed_exam: bool = False
    promoted: bool | None = None
    subjects: tuple[RepeaterSubject, ...] = ()
    tests: tuple[RepeaterTest, ...] = ()
    combination_grade: int | None = None
    early_ce: tuple[str, ...] = ()


@attrs.frozen
class CarryItem:
    """What happens to one subject (`test` None) or one test: a CARRY_CHOICES value."""

    subject: str
    test: str | None
    choice: str
    reason: Reason


@attrs.frozen
class CarryOver:
    items: tuple[CarryItem, ...]
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons)


# --- deadlines (`deadlines`) ---------------------------------------------------------------------

@attrs.frozen
class Deadline:
    """A named deadline: `offset` `unit` ("minuten", "dagen", "werkdagen", "schooldagen",
    "weken") `direction` ("voor" or "na") the event `anchor`, at `time_of_day` ("HH:MM", the
    moment before which it must happen) when given. `offset` None: the document names no
    number and `decider` says who sets it. `alternatives`: where the document contradicts
    itself, every reading with its own article; the deadline is then not decidable and none
    is picked.
    """

    key: str
    title: str
    anchor: str
    consequence: str
    source: str
    offset: int | None = None
    unit: str | None = None
    direction: str = "na"
    time_of_day: str | None = None
    decider: str | None = None
    alternatives: tuple[Deadline, ...] = ()

    @property
    def decidable(self) -> bool:
        return self.offset is not None and not self.alternatives


__all__ = [
    "CARRY_CHOICES",
    "FORFEIT_REASONS",
    "PROMOTION_OUTCOMES",
    "TEST_KINDS",
    "CarryItem",
    "CarryOver",
    "CeResitRules",
    "Deadline",
    "ExtraTime",
    "Forfeit",
    "PromotionRules",
    "RepeaterSubject",
    "RepeaterTest",
    "RepeaterView",
    "ResitDecision",
    "ResitHistory",
    "ResitRequest",
    "SittingRules",
    "UsedResit",
]
