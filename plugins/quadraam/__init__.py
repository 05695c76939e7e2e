"""Rule pack of board Quadraam: Algemeen PTA 2023-2024 Lorentz Lyceum (seed 003).

What it adds to the law, each with its section: SE resits per period in the exam year and per
year before it, with what is not resittable and how a resit is forfeited (4.9, bijlage 2);
late arrival and extra time (bijlage 1, 2 and 3); promotion norms (4.10.1-4.10.3); repeaters
(4.10.4, 4.10.9, 4.11); deadlines (4.5.4, 4.8, 4.9.11, bijlage 2); the highest SE attempt
counts (4.9.6). Dossier grades have one decimal (4.3.3); the rounding of an SE-only final grade
is not in this PTA, so it stays the school's setting (the law's one step by default).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from examenbureau.core.hookspecs import (
    CarryOver,
    Deadline,
    PackInfo,
    PromotionRules,
    RepeaterView,
    ResitDecision,
    ResitHistory,
    ResitRequest,
    SittingRules,
    Source,
    hookimpl,
)

from . import resits, rules
from .regulation import REGULATION, SEED

INFO = PackInfo(
    name="quadraam",
    title="Stichting Quadraam — Lorentz Lyceum",
    board="Quadraam",
    sources=(
        Source(REGULATION, SEED,
               "herkansingen per periode en vervallen herkansing (4.9, bijlage 2), "
               "bevordering (4.10), doubleren (4.10, 4.11), te laat komen en extra tijd "
               "(bijlage 1-3), termijnen (4.5.4, 4.8, 4.9.11)"),
    ),
    status=("Herkansingen, vervallen herkansing, te laat komen, extra tijd, bevordering, "
            "doubleren en termijnen volgens het algemeen PTA. Afronding van vakken zonder CE "
            "staat er niet in: de instelling van de school (wet: één stap)."),
)


@hookimpl
def rulepack_info() -> PackInfo:
    return INFO


@hookimpl
def rulepack_settings() -> dict[str, Any]:
    """4.9.6: "Als een kandidaat herkanst, dan telt het hoogste cijfer.\""""
    return {"se_attempt": "hoogste"}


@hookimpl
def se_resit_check(history: ResitHistory, request: ResitRequest) -> ResitDecision | None:
    """4.9.1-4.9.14 and bijlage 2."""
    return resits.se_resit_check(history, request)


@hookimpl(wrapper=True)
def sitting_rules(sitting: str, kind: str, level: str | None
                  ) -> Generator[None, SittingRules | None, SittingRules | None]:
    """Bijlage 1 (extra time), bijlage 2 punt 1 (SE) and bijlage 3 punt 4 (CE)."""
    law = yield
    return rules.sitting_rules(law, sitting, kind)


@hookimpl
def promotion_rules(level: str, leerjaar: int) -> PromotionRules | None:
    """4.10.1-4.10.3."""
    return rules.promotion_rules(level, leerjaar)


@hookimpl(wrapper=True)
def carry_over(repeater: RepeaterView) -> Generator[None, CarryOver | None, CarryOver | None]:
    """4.10.4, 4.10.9 and 4.11, on top of the law's early-CE rule (Uvb 3.36 lid 2)."""
    law = yield
    return rules.carry_over(law, repeater)


@hookimpl
def deadlines() -> tuple[Deadline, ...]:
    """4.5.4, 4.8.1, 4.8.3, 4.9.11 and bijlage 2 punt 3."""
    return rules.DEADLINES
