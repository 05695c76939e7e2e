"""Rule pack of board OZHW: Examenreglement 2024-2025 Willem de Zwijger College (seed 002).

What it changes on top of the law, each with its article: SE-only final grades rounded in two
steps (art. 33 lid 4 with art. 12 lid 2, 4, 5), the PWS minimum of 3,5 (art. 30 lid 3) and LO
voldoende by 1 May (art. 28 lid 12) as pass conditions, the school's cum laude text next to the
law's (art. 12 lid 7), SE resits (art. 28, 29, 16 lid 9), late arrival and extra time (art. 21,
38 lid 5, 13 and bijlage 4), repeaters (art. 19, 16 lid 5) and deadlines (art. 18, 21, 22-24,
32, 41). The foreword says the Uitvoeringsbesluit prevails where the regulation differs, so the
law's judicium cum laude stands and the school's rule is only reported.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from examenbureau.core.hookspecs import (
    CandidateView,
    CarryOver,
    Deadline,
    PackInfo,
    Reason,
    RepeaterView,
    ResitDecision,
    ResitHistory,
    ResitRequest,
    SchoolRule,
    SittingRules,
    Source,
    hookimpl,
)

from . import resits, rules
from .regulation import REGULATION, SEED

INFO = PackInfo(
    name="ozhw",
    title="Stichting OZHW — Willem de Zwijger College",
    board="OZHW",
    sources=(
        Source(REGULATION, SEED,
               "afronding (art. 12, 33), cum laude (art. 12 lid 7), herkansingen (art. 16, 28, "
               "29, 41), PWS (art. 30), te laat komen en extra tijd (art. 13, 21, 38), "
               "doubleren (art. 19), termijnen (art. 18, 21-24, 32, 41)"),
    ),
    status=("Herkansingen, te laat komen, PWS, LO, cum laude als schoolregel, doubleren en "
            "termijnen volgens het examenreglement; bevordering staat er niet in (wet: school "
            "beslist). Welke SE-poging telt, zegt het reglement niet: de instelling van de "
            "school."),
)


@hookimpl
def rulepack_info() -> PackInfo:
    return INFO


@hookimpl
def rulepack_settings() -> dict[str, Any]:
    """Art. 33 lid 4: "Indien het gewogen gemiddelde ... een cijfer met twee decimalen is, wordt
    de 1e decimaal ... afgerond (dus 6,45 → 7)", then whole by art. 12 lid 2, 4 and 5."""
    return {"se_only_rounding_steps": 2}


@hookimpl
def extra_pass_conditions(candidate: CandidateView) -> list[Reason]:
    """Art. 30 lid 3 (PWS at least 3,5) and art. 28 lid 12 (LO voldoende on 1 May)."""
    return rules.extra_pass_conditions(candidate)


@hookimpl
def cum_laude_school_rule(candidate: CandidateView) -> SchoolRule | None:
    """Art. 12 lid 7, reported next to the law's judicium."""
    return rules.cum_laude_school_rule(candidate)


@hookimpl
def se_resit_check(history: ResitHistory, request: ResitRequest) -> ResitDecision | None:
    """Art. 28, 29 and 16 lid 9."""
    return resits.se_resit_check(history, request)


@hookimpl(wrapper=True)
def sitting_rules(sitting: str, kind: str, level: str | None
                  ) -> Generator[None, SittingRules | None, SittingRules | None]:
    """Art. 21 lid 8-11 (SE), art. 38 lid 5 (CE), art. 13 lid 2 and bijlage 4 (extra time)."""
    law = yield
    return rules.sitting_rules(law, sitting, kind)


@hookimpl
def carry_over(repeater: RepeaterView) -> CarryOver | None:
    """Art. 19 and art. 16 lid 5."""
    return rules.carry_over(repeater)


@hookimpl
def deadlines() -> tuple[Deadline, ...]:
    """Art. 18 lid 2, 21 lid 3, 22 lid 5, 23, 24 lid 13, 32 lid 2 and 6, 41 lid 4."""
    return rules.DEADLINES
