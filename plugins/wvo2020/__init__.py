"""The statutory rule pack: Uitvoeringsbesluit WVO 2020 and the CvTE scoring regulation.

Every hook is implemented with `trylast=True` so that a board pack, registered on top,
answers first where its regulation differs. The numbers and articles are in `uitslag.py`;
the arithmetic that applies them is in `examenbureau.core.grades` and `examenbureau.core.rules`.
"""

from __future__ import annotations

from typing import Any

from examenbureau.core.hookspecs import (
    CandidateView,
    CarryOver,
    CeResitRules,
    CumLaudeRules,
    Deadline,
    PackInfo,
    PassRules,
    PromotionRules,
    RepeaterView,
    ResitDecision,
    ResitHistory,
    ResitRequest,
    SchoolRule,
    SittingRules,
    Source,
    hookimpl,
)
from examenbureau.core.reasons import Reason

from . import decisions
from .uitslag import CUM_LAUDE_RULES, PASS_RULES, SETTINGS

INFO = PackInfo(
    name="wvo2020",
    title="Wettelijke regels (WVO 2020)",
    board=None,
    statutory=True,
    sources=(
        Source("Uitvoeringsbesluit WVO 2020", "BWBR0045787",
               "hoofdstuk 2 en 3: samenstelling, eindcijfer (3.32), uitslag (3.33-3.35), "
               "herkansing (3.38-3.39), cum laude (3.47-3.48)"),
        Source("Wet voortgezet onderwijs 2020", "BWBR0044212",
               "eindexamen, schoolexamen en centraal examen (2.53-2.60a)"),
        Source("Regeling omzetting scores in cijfers centrale examens (CvTE)", "BWBR0037590",
               "omzetting score naar cijfer met de N-term"),
        Source("Examenloket DUO: schoolexamen", "seeds/001_82885d37d73a31bb.txt",
               "PTA, afronding, overzicht schoolexamen met natte handtekeningen"),
        Source("CvTE regeling beoordeling centraal examen", "seeds/004_d930103c3660f7d6.txt",
               "scores per vraag, tweede corrector, punten toekennen aan alle kandidaten"),
    ),
    status=("Uitslag (art. 3.33-3.35), eindcijfer (3.32), combinatiecijfer, cum laude "
            "(3.47-3.48), de omzetting score-cijfer, herkansing CE (3.38-3.39), te laat bij "
            "het CE (3.20 lid 4) en extra tijd (3.54, 3.55). Herkansingen van het "
            "schoolexamen, bevordering en doubleren laat de wet aan de school."),
)


@hookimpl(trylast=True)
def rulepack_info() -> PackInfo:
    return INFO


@hookimpl(trylast=True)
def rulepack_settings() -> dict[str, Any]:
    """SE-only final grades are rounded in one step unless a board says otherwise."""
    return dict(SETTINGS)


@hookimpl(trylast=True)
def pass_rules(level: str) -> PassRules | None:
    """Uvb art. 3.34 lid 1 (vwo, havo) and 3.35 lid 1 (vmbo)."""
    return PASS_RULES.get(level)


@hookimpl(trylast=True)
def cum_laude_rules(level: str) -> CumLaudeRules | None:
    """Uvb art. 3.47 (vwo, havo) and 3.48 (vmbo tl, bb/kb, gl)."""
    return CUM_LAUDE_RULES.get(level)


@hookimpl(trylast=True)
def extra_pass_conditions(candidate: CandidateView) -> list[Reason]:
    """The law has no conditions beyond art. 3.34/3.35."""
    return []


@hookimpl(trylast=True)
def cum_laude_school_rule(candidate: CandidateView) -> SchoolRule | None:
    """The law has no school rule; the statutory judicium stands alone."""
    return None


@hookimpl(trylast=True)
def se_resit_check(history: ResitHistory, request: ResitRequest) -> ResitDecision | None:
    """Uvb art. 3.16 (vmbo re-exam maatschappijleer); otherwise the school decides."""
    return decisions.se_resit_check(history, request)


@hookimpl(trylast=True)
def ce_resit_rules(level: str) -> CeResitRules | None:
    """Uvb art. 3.38 and 3.39: one subject, after publication, the highest grade counts."""
    return decisions.ce_resit_rules(level)


@hookimpl(trylast=True)
def sitting_rules(sitting: str, kind: str, level: str | None) -> SittingRules | None:
    """Uvb art. 3.20 lid 4, 3.29 lid 1, 3.54 lid 3 and 3.55 lid 3 for the CE."""
    return decisions.sitting_rules(sitting, kind)


@hookimpl(trylast=True)
def promotion_rules(level: str, leerjaar: int) -> PromotionRules | None:
    """Promotion is not in the law: every answer comes from the school's own norms."""
    return None


@hookimpl(trylast=True)
def carry_over(repeater: RepeaterView) -> CarryOver | None:
    """Uvb art. 3.36 lid 2: early CE results lapse without promotion; the rest is the school's."""
    return decisions.carry_over(repeater)


@hookimpl(trylast=True)
def deadlines() -> tuple[Deadline, ...]:
    """Uvb art. 3.15 (SE overview before the CE) and 3.38 lid 5 (the rector sets the day)."""
    return decisions.DEADLINES
