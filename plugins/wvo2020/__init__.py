"""The statutory rule pack: Uitvoeringsbesluit WVO 2020 and the CvTE scoring regulation.

Every hook is implemented with `trylast=True` so that a board pack, registered on top,
answers first where its regulation differs. The numbers and articles are in `uitslag.py`;
the arithmetic that applies them is in `examenbureau.core.grades` and `examenbureau.core.rules`.
"""

from __future__ import annotations

from typing import Any

from examenbureau.core.hookspecs import (
    CandidateView,
    CumLaudeRules,
    PackInfo,
    PassRules,
    SchoolRule,
    Source,
    hookimpl,
)
from examenbureau.core.reasons import Reason

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
    implemented=("rulepack_settings", "pass_rules", "cum_laude_rules",
                 "extra_pass_conditions", "cum_laude_school_rule"),
    status=("Uitslag (art. 3.33-3.35), eindcijfer (3.32), combinatiecijfer, cum laude "
            "(3.47-3.48) en de omzetting score-cijfer; de rekenregels staan in "
            "examenbureau.core.grades."),
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
