"""The contract between examenbureau and a rule pack, in one place.

A rule pack is a Python module (or distribution) that implements some of these hooks with
`@hookimpl` and is registered through the entry-point group `examenbureau.rulepacks`. The
statutory pack `wvo2020` implements every hook with `trylast=True`; a board pack implements
only what its regulation changes, and wins where both answer (pluggy calls the board pack
first; `firstresult` hooks stop at the first answer that is not None).

Each hook's docstring says what it decides, what it receives, what it returns and which
article of which document governs it. Change this file only together with the packs and
`docs/rulepacks.md`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pluggy

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
    implemented: tuple[str, ...] = ()   # hooks that carry rules; empty: identity only
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

    Only the subjects the decision used (after leaving subjects out, art. 3.33 lid 3).
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
        """Identity and sources of the pack. Every pack implements this; not firstresult,
        so `pack list` sees every registered pack."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def rulepack_settings(self) -> dict[str, Any] | None:
        """The board's policy choices that are parameters rather than rules (rounding of
        SE-only final grades, which SE attempt counts, ...), as a dict; None: no opinion.
        Governed by the board's exam regulation (examenreglement)."""
        raise NotImplementedError

    # Rule hooks (issue 3). `rulepack_settings` carries the policy parameters, among them
    # `se_only_rounding_steps` (1 or 2): the rounding of the final grade of a subject with only a
    # school exam, which the law leaves to the school (Uvb 3.13 lid 2, 3.32 lid 3; DUO examenloket
    # "Schoolexamen": "De school bepaalt zelf hoe ze afrondt ... in één of in 2 stappen").

    @hookspec(firstresult=True)
    def pass_rules(self, level: str) -> PassRules | None:
        """The pass conditions for school type `level`: Uvb WVO 2020 art. 3.34 lid 1-4 (vwo,
        havo) and art. 3.35 lid 1-5 (vmbo). None: the pack has no opinion on this level."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def cum_laude_rules(self, level: str) -> CumLaudeRules | None:
        """The statutory judicium cum laude for `level`: Uvb WVO 2020 art. 3.47 (vwo lid 1,
        havo lid 2) and art. 3.48 (vmbo tl lid 1, bb/kb lid 2, gl lid 3). For vmbo-gt the level
        carries the leerweg ("vmbo-gt/tl", "vmbo-gt/gl"): the two differ. The diploma's cum
        laude is the law's; a board's own rule goes through `cum_laude_school_rule`."""
        raise NotImplementedError

    @hookspec
    def extra_pass_conditions(self, candidate: CandidateView) -> list[Reason]:
        """Conditions a board adds on top of art. 3.34/3.35 (for instance OZHW examenreglement
        2024-2025 art. 30 lid 3: "Het cijfer van het profielwerkstuk op havo en vwo mag niet lager
        zijn dan een 3.5"). Every pack's answers are combined; a Reason with `violated=True`
        fails the candidate, also after leaving subjects out. The statutory pack adds nothing:
        the law's conditions are all in Uvb art. 3.34 and 3.35 (`pass_rules`)."""
        raise NotImplementedError

    @hookspec(firstresult=True)
    def cum_laude_school_rule(self, candidate: CandidateView) -> SchoolRule | None:
        """A board's own cum laude text, judged next to the law (e.g. OZHW examenreglement
        art. 12 lid 7: mean of all final grades >= 8,0 and none below 7,0). Reported in
        `school_rule`; it never takes away the statutory judicium (Uvb 3.47/3.48). None: the
        board has no rule of its own (the statutory pack always answers None)."""
        raise NotImplementedError
