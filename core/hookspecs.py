"""The contract between examenbureau and a rule pack, in one place.

A rule pack is a Python module (or distribution) that implements some of these hooks with
`@hookimpl` and is registered through the entry-point group `examenbureau.rulepacks`. The
statutory pack `wvo2020` implements every hook with `trylast=True`; a board pack implements
only what its regulation changes, and wins where both answer (pluggy calls the board pack
first; `firstresult` hooks stop at the first answer that is not None). A board hook is a plain
`@hookimpl` (never `trylast`: a later trylast implementation runs after the law's and loses),
or `@hookimpl(wrapper=True)` to receive the law's answer and adjust it, since a pack may import
only `examenbureau.core` and so cannot import the law's parameters to copy them.

Why hooks at all: the law (Uitvoeringsbesluit WVO 2020) fixes the pass conditions, but leaves
choices to the school's own documents (examenreglement, PTA: WVO 2020 art. 2.60, 2.60a), and a
board may add conditions of its own. Each choice is a hook, so the arithmetic stays in one
place (`examenbureau.core.grades`, `examenbureau.core.rules`) and a pack only says which rule
holds and where it is written.

Each hook's docstring says what it decides, what it receives, what it returns, when it is
called and which article of which document governs it. Change this file only together with
the packs and `docs/rulepacks.md`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pluggy

from .pack_types import (
    CARRY_CHOICES,
    FORFEIT_REASONS,
    PROMOTION_OUTCOMES,
    TEST_KINDS,
    CarryItem,
    CarryOver,
    CeResitRules,
    Deadline,
    ExtraTime,
    Forfeit,
    PromotionRules,
    RepeaterSubject,
    RepeaterTest,
    RepeaterView,
    ResitDecision,
    ResitHistory,
    ResitRequest,
    SittingRules,
    UsedResit,
)
from .reasons import Reason

PROJECT = "examenbureau"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@attrs.frozen
class Source:
    """A document a pack cites: its file in the seeds and what it is."""

    document: str          # e.g. "Uitvoeringsbesluit WVO 2020"
    reference: str         # file name in the seeds or a public identifier (BWBR...)
    description: str = ""


@attrs.frozen
class PackInfo:
    """Who a pack is and what it covers; shown by `examenbureau pack list`."""

    name: str              # entry-point name, e.g. "ozhw"
    title: str             # Dutch, e.g. "Stichting OZHW (Willem de Zwijger College)"
    board: str | None      # None for the statutory pack
    sources: tuple[Source, ...] = ()
    statutory: bool = False
    implemented: tuple[str, ...] = ()   # rule hooks it registers: packs.info() reads them from pluggy
    status: str = ""                    # Dutch sentence on what the pack does (not) do yet


# --- rule hooks of the uitslag (added with the rules engine, issue 3) ----------------------------
#
# The arithmetic (means, rounding, the leaving-out search) lives in `examenbureau.core.rules`;
# a pack answers WHICH thresholds and conditions hold and WHERE they are written. The statutory
# pack answers every hook with `trylast=True`, so a board pack registered on top wins.


@attrs.frozen
class PassRules:
    """The pass conditions of one school type, as parameters with their articles.

    Uvb WVO 2020 art. 3.34 lid 1 (vwo, havo) and art. 3.35 lid 1 (vmbo). `sources` maps each
    rule code of `calc.md` (`ce_gemiddelde`, `kernvakken`, ...) to the article a reason cites.
    """

    level: str                              # "vwo", "havo", "vmbo-gt", "vmbo-kb", "vmbo-bb"
    ce_average_min: Decimal                 # lid 1 onder a: unrounded mean of CE grades >= 5,5
    core_rule: str                          # "kernvakken" (3.34 lid 1 b) / "nederlands" (3.35)
    core_min: int                           # lowest final grade allowed in a core subject (5)
    core_max_below_six: int                 # havo/vwo: at most one core subject below 6
    compensation_mean_min: int | None       # 3.34 lid 1 c 2°-4°: mean of finals >= 6,0; vmbo: None
    compensation_needs_seven: bool          # 3.35 lid 1 c 2°-3°: one final of 7 or more
    compensation_allows_four_and_five: bool  # 3.34 lid 1 c 4° (not in vmbo)
    component_min: int                      # lid 1 onder d: no combination component below 4
    assessments: tuple[str, ...]            # lid 1 onder e/f: "lo", "kunstvakken", "pws"
    sources: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class CumLaudeRules:
    """The judicium cum laude of one school type (Uvb WVO 2020 art. 3.47, 3.48).

    `mean_of` names the final grades in the mean, in tokens the engine understands:
    "gd" (common-part subjects with a number), "pd" (profile-part subjects with their own final
    grade), "combination" (the combination grade), "best_vd" (the free-part subject with the
    highest final grade), "best_vd_or_combination" (vmbo gl, 3.48 lid 3 onder a 2°: the higher of
    the two; the text says "of" without saying which).
    """

    level: str
    mean_min: int                           # lid 1/2 onder a: mean >= 8,0, never rounded
    min_final: int                          # onder b: every final grade counting >= 7 (vwo) or 6
    mean_of: tuple[str, ...]
    requires_pws: bool                      # 3.48 lid 1 b, lid 3 b: PWS at least voldoende
    source_mean: str
    source_min: str


@attrs.frozen
class CandidateView:
    """What a pack sees of a candidate when it adds a condition or a school rule.

    `final_grades`, `parts`, `ce_grades` and the combination hold only the subjects the
    decision used (after leaving subjects out, art. 3.33 lid 3). `all_final_grades` holds every
    own final grade on the list, extra and left-out subjects included (a board's cum laude text
    may average them all). `exam_year`, `lo_assessed_on` (the date LO was judged, from the
    school's file) and `ce_resits` (subjects whose CE was already resat) are None/empty when
    the request does not give them: a pack then says it cannot judge, never guesses.
    """

    level: str
    leerweg: str | None
    final_grades: dict[str, int]            # subject code -> final grade (own final grade only)
    parts: dict[str, str | None]            # subject code -> "gd", "pd", "vd", "extra" or None
    ce_grades: dict[str, Decimal]           # subject code -> CE grade
    combination_grade: int | None
    combination_components: dict[str, int]  # component code -> final grade
    assessments: dict[str, str | None]      # lo, kunstvakken, pws -> goed/voldoende/onvoldoende
    passed: bool | None = None              # set when the pack judges cum laude
    all_final_grades: dict[str, int] = attrs.field(factory=dict)
    exam_year: int | None = None
    lo_assessed_on: date | None = None
    ce_resits: tuple[str, ...] = ()


@attrs.frozen
class SchoolRule:
    """A board's own rule next to the statutory one (reported, never overriding the law)."""

    source: str
    met: bool | None
    text: str


class RulePackSpec:
    """Hook specifications. See the module docstring for the override order."""

    @hookspec
    def rulepack_info(self) -> PackInfo:
        """Who the pack is: name (equal to its entry-point name), title, board, the documents
        it cites (`sources`) and a Dutch sentence on what it does not do yet (`status`).
        `implemented` need not be given: `packs.info` fills it with the hooks the pack
        registers.

        Why: the exam secretary must see which regulation decides and where it is written.
        Called by `examenbureau pack list` and `pack check`, never during a decision. Every
        pack implements it; not firstresult, so every registered pack is seen."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def rulepack_settings(self) -> dict[str, Any] | None:
        """The board's policy choices that are parameters rather than rules, as a dict; None:
        no opinion. Known keys: `se_only_rounding_steps` (1 or 2: how the final grade of a
        subject with only a school exam is rounded, which the law leaves to the school: Uvb
        3.13 lid 2, 3.32 lid 3; DUO examenloket "Schoolexamen") and `se_attempt` ("hoogste" or
        "laatste": which SE attempt counts; the examenreglement decides, WVO 2.60a).

        Why: these are settings the board writes down once in its examenreglement.
        Called once per pack per process (the answer is cached: return constants). The
        answers are merged key by key, the law's first and the board's over it, so a board
        returns only the keys it changes. A wrapper is not supported on this hook."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def pass_rules(self, level: str) -> PassRules | None:
        """The pass conditions for school type `level` ("vwo", "havo", "vmbo-gt", "vmbo-kb",
        "vmbo-bb"): Uvb WVO 2020 art. 3.34 lid 1-4 (vwo, havo) and art. 3.35 lid 1-5 (vmbo),
        as the parameters of `PassRules` with the article of each rule code in `sources`.
        None: the pack has no opinion on this level.

        Why: the thresholds are the law's; a board that reads its regulation differently (or
        a future change of the law) replaces parameters, never the arithmetic. Called once
        per level per pack per process (cached). The pack that answered is named in every
        reason (`Reason.pack`)."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def cum_laude_rules(self, level: str) -> CumLaudeRules | None:
        """The statutory judicium cum laude for `level`: Uvb WVO 2020 art. 3.47 (vwo lid 1,
        havo lid 2) and art. 3.48 (vmbo tl lid 1, bb/kb lid 2, gl lid 3). For vmbo-gt the level
        carries the leerweg ("vmbo-gt/tl", "vmbo-gt/gl"): the two differ.

        Why a hook: which final grades form the mean differs per school type and the gl text
        is ambiguous (3.48 lid 3 "of"); the reading is a parameter, visible and replaceable.
        Called once per level per pack per process (cached). The diploma's cum laude is the
        law's: a board's own rule goes through `cum_laude_school_rule`, not here."""
        raise NotImplementedError

    @hookspec
    def extra_pass_conditions(self, candidate: CandidateView) -> list[Reason]:
        """Conditions a board adds on top of art. 3.34/3.35 (for instance OZHW examenreglement
        2024-2025 art. 30 lid 3: "Het cijfer van het profielwerkstuk op havo en vwo mag niet lager
        zijn dan een 3.5"). Returns a list of `Reason`; one with `violated=True` fails the
        candidate, one with `violated=False` is shown as an explanation.

        Why: a board may set stricter conditions in its own regulation; they are reported
        with the board's article, next to the law's. Every pack's answers are combined (not
        firstresult). Called for every decision the engine weighs, only when a board pack
        implements it: on the full subject set, on every set of subjects left out (art. 3.33
        lid 3) and for every CE grade tried by `resit_advice` and `needed`. So it must be fast,
        pure (no files, no clock) and never get worse when a grade goes up. The statutory
        pack adds nothing: the law's conditions are all in `pass_rules`."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def cum_laude_school_rule(self, candidate: CandidateView) -> SchoolRule | None:
        """A board's own cum laude text, judged next to the law (e.g. OZHW examenreglement
        art. 12 lid 7: mean of all final grades >= 8,0 and none below 7,0). Returns a
        `SchoolRule` (source, met True/False/None, Dutch sentence), reported in `school_rule`.
        None: the board has no rule of its own (the statutory pack always answers None).

        Why separate: Uvb 3.47/3.48 grant the judicium; a school regulation cannot take it
        away, but the exam secretary must see where the school's text and the law part ways.
        Called whenever cum laude is judged, only when a board pack implements it: once per
        `outcome` of a candidate who passed, once per `cum_laude` request, and for every CE
        grade `resit_advice` tries in search of cum laude. `candidate.passed` is set."""
        raise NotImplementedError

    # --- a pack's own decisions (issue 8): resits, sittings, promotion, repeaters, deadlines ---
    #
    # The statutory pack answers each of these with `trylast=True`: where the law decides it
    # says so with its article, where it leaves the question to the school it answers "not
    # decidable" and names the school's document (WVO 2020 art. 2.60, 2.60a). Every answer
    # carries `Reason`s with the pack's name in `Reason.pack`.

    @hookspec(firstresult=True)
    def se_resit_check(self, history: ResitHistory, request: ResitRequest) -> ResitDecision | None:
        """May this school-exam resit be granted, and what is left afterwards?

        Receives the candidate's `ResitHistory` (level, leerjaar, whether that is the exam
        year, resits used and rights forfeited in the school's own counting) and the
        `ResitRequest` (subject, test, kind, what the PTA says of resitting it, the period).
        Returns a `ResitDecision`: `allowed` True/False, or None when the pack's regulation
        does not decide (its reasons then name who does); `left` and `pool` say what remains;
        `attempt_counts` which attempt counts ("hoogste", "laatste", or None: the school's
        setting `se_attempt`); `options` measures the secretary may take (shown, not applied).
        None: the pack has no opinion and the next pack answers.

        Why: the number of SE resits, their pools and forfeits are the school's, written in
        its examenreglement and PTA (WVO 2020 art. 2.60 lid 1 onder c, art. 2.60a); the law
        itself grants only the vmbo re-exam of maatschappijleer (Uvb WVO 2020 art. 3.16).
        Called by the `calc` op `se_resit` and the candidate screen, once per request; pure
        (no files, no clock)."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def ce_resit_rules(self, level: str) -> CeResitRules | None:
        """How many central-exam resits a candidate of `level` has and when: Uvb WVO 2020
        art. 3.38 (one subject; only after the final grades were made known; vmbo bb/kb also
        the cspe) and art. 3.39 (the highest grade counts), as `CeResitRules` with the article
        of each rule in `sources`. None: no opinion.

        Why a hook: a second CE resit changes a result, so the import refuses it with the
        article; a pack that allows more (a future COVID-like rule: Besluit eindexamens 2021
        gave two) must say so here, visibly, and never by accepting the data silently.
        Called once per level per pack per process (cached: return constants) by the `calc`
        op `ce_resit`, the resit advice and `import ce-scores`. A board usually wraps it
        (`@hookimpl(wrapper=True)`) rather than replacing the law's answer."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def sitting_rules(self, sitting: str, kind: str, level: str | None) -> SittingRules | None:
        """Late arrival and extra time at a sitting: `sitting` "ce" or "se", `kind` the kind
        of test (schriftelijk, mondeling, luistertoets, ...), `level` the school type or None
        when not known. Returns `SittingRules`: until how many minutes after the start a late
        candidate is admitted (or "always", or "open" with who decides), whether the end time
        stays, what happens after the cut-off, and the extra time allowed per test length.
        None: no opinion.

        Why: the law admits a late candidate to a CE test until half an hour after the start
        (Uvb WVO 2020 art. 3.20 lid 4) and caps extra time for the CE at 30 minutes
        (art. 3.54 lid 3 onder b, art. 3.55 lid 3), but says nothing of the end time or of
        school-exam sittings; the school's regulation does. Called by the `calc` op
        `late_arrival`, once per request."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def promotion_rules(self, level: str, leerjaar: int) -> PromotionRules | None:
        """The promotion norms (bevorderingsnormen) for a pre-exam year `leerjaar` of
        `level`, as `PromotionRules` parameters with their articles. None: no opinion; the
        statutory pack always answers None, because promotion is not in the law: the `calc`
        op `promotion` then says it cannot decide and names the school's regulation.

        Why parameters and not a decision: like `pass_rules`, the arithmetic (rounding year
        grades, the compensation with a mean, the core-subject limit) lives in
        `examenbureau.core.rules.promotion`, so a board only says which numbers hold and
        where they are written. Called once per level and year per pack per process
        (cached)."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def carry_over(self, repeater: RepeaterView) -> CarryOver | None:
        """What a repeater keeps: per subject (and per test where the regulation goes down to
        tests) "keep", "redo", "choose" (the candidate chooses) or "open" (someone else
        decides; the reason names who), each with its `Reason`. Receives a `RepeaterView`:
        the year repeated, whether it was the exam year and the candidate failed, or a
        pre-exam year and the candidate was not promoted, the subjects with SE and final
        grades, the tests and any early CE. None: no opinion.

        Why: the law only says that early CE results lapse when a pupil is not promoted
        (Uvb WVO 2020 art. 3.36 lid 2); everything else a repeater keeps is the school's rule.
        Called by the candidate screen and the `carry_over` helper, once per candidate."""
        raise NotImplementedError

    @hookspec
    def deadlines(self) -> tuple[Deadline, ...]:
        """Named deadlines (`Deadline`: key, anchor event, offset and unit before or after it,
        time of day, consequence, article). Where a document contradicts itself, one
        `Deadline` carries every reading in `alternatives` and picks none.

        Why: deadlines decide rights (a CE resit request after 12:00 the next day lapses at
        OZHW, art. 41 lid 4), and they differ per school. Not firstresult: the answers are
        merged key by key, the law's first and the board's over it, so a board returns only
        the deadlines it sets. Return constants: dates come in as data where a deadline is
        applied (the `calc` op `ce_resit` takes the publication and request times)."""
        raise NotImplementedError


__all__ = [
    "CARRY_CHOICES",
    "FORFEIT_REASONS",
    "PROJECT",
    "PROMOTION_OUTCOMES",
    "TEST_KINDS",
    "CandidateView",
    "CarryItem",
    "CarryOver",
    "CeResitRules",
    "CumLaudeRules",
    "Deadline",
    "ExtraTime",
    "Forfeit",
    "PackInfo",
    "PassRules",
    "PromotionRules",
    "Reason",
    "RepeaterSubject",
    "RepeaterTest",
    "RepeaterView",
    "ResitDecision",
    "ResitHistory",
    "ResitRequest",
    "RulePackSpec",
    "SchoolRule",
    "SittingRules",
    "Source",
    "UsedResit",
    "hookimpl",
    "hookspec",
]
