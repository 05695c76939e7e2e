"""The pack-decision hooks, asked through one `Policy` and kept where the answer is static.

Why a module: the ops `se_resit`, `ce_resit`, `late_arrival`, `promotion`, `carry_over` and
`deadlines`, the import of CE scores and the candidate screen all ask the same hooks. Here they
are asked once per pack stack (parameters such as `ce_resit_rules` and `deadlines` never change
within a process), and the answer carries the name of the pack that gave it, so every reason can
say which regulation decided.
"""

from __future__ import annotations

import weakref
from typing import Any

from examenbureau.core import packs
from examenbureau.core.hookspecs import (
    CarryOver,
    CeResitRules,
    Deadline,
    PromotionRules,
    RepeaterView,
    ResitDecision,
    ResitHistory,
    ResitRequest,
    SittingRules,
)

from .errors import CalcInputError
from .policy import Policy

_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Any]] = weakref.WeakKeyDictionary()


def _cached(pol: Policy, key: tuple[Any, ...], make: Any) -> Any:
    store = _CACHE.setdefault(pol.pm, {})
    if key not in store:
        store[key] = make()
    return store[key]


def _checked(pol: Policy, hook: str, answer: Any, kind: type) -> Any:
    """A pack's answer of the wrong type is the pack's bug: say which pack and hook."""
    if answer is not None and not isinstance(answer, kind):
        raise CalcInputError(f"regelpakket '{pol.name}': {hook} gaf {type(answer).__name__} "
                             f"terug, verwacht {kind.__name__}")
    return answer


def decider(pol: Policy, hook: str, result: Any, **kwargs: Any) -> str:
    """Name of the pack whose answer a firstresult hook returned."""
    return pol._decider(hook, result, **kwargs)


def ce_resit_rules(pol: Policy, level: str) -> tuple[CeResitRules, str]:
    """The CE resit rules for `level` and the pack that set them (cached)."""
    def make() -> tuple[CeResitRules, str]:
        rules = _checked(pol, "ce_resit_rules", pol.pm.hook.ce_resit_rules(level=level),
                         CeResitRules)
        if rules is None:
            raise CalcInputError(f"regelpakket '{pol.name}' kent geen regels voor de herkansing "
                                 f"van het centraal examen bij '{level}'")
        return rules, decider(pol, "ce_resit_rules", rules, level=level)
    return _cached(pol, ("ce_resit_rules", level), make)  # type: ignore[no-any-return]


def deadlines(pol: Policy) -> dict[str, tuple[Deadline, str]]:
    """Every named deadline, merged key by key: the law's first, the board's over it."""
    def make() -> dict[str, tuple[Deadline, str]]:
        merged: dict[str, tuple[Deadline, str]] = {}
        # get_hookimpls lists trylast (the law) first and the board after it
        for impl in pol.pm.hook.deadlines.get_hookimpls():
            answer: Any = impl.function()
            for d in answer or ():
                if not isinstance(d, Deadline):
                    raise CalcInputError(f"regelpakket '{impl.plugin_name}': deadlines gaf "
                                         f"{type(d).__name__}, verwacht Deadline")
                merged[d.key] = (d, impl.plugin_name)
        return merged
    return _cached(pol, ("deadlines",), make)  # type: ignore[no-any-return]


def sitting_rules(pol: Policy, sitting: str, kind: str, level: str | None
                  ) -> tuple[SittingRules | None, str]:
    def make() -> tuple[SittingRules | None, str]:
        rules = _checked(pol, "sitting_rules",
                         pol.pm.hook.sitting_rules(sitting=sitting, kind=kind, level=level),
                         SittingRules)
        who = (decider(pol, "sitting_rules", rules, sitting=sitting, kind=kind, level=level)
               if rules is not None else packs.STATUTORY)
        return rules, who
    return _cached(pol, ("sitting_rules", sitting, kind, level), make)  # type: ignore[no-any-return]


def promotion_rules(pol: Policy, level: str, leerjaar: int) -> tuple[PromotionRules | None, str]:
    def make() -> tuple[PromotionRules | None, str]:
        rules = _checked(pol, "promotion_rules",
                         pol.pm.hook.promotion_rules(level=level, leerjaar=leerjaar),
                         PromotionRules)
        who = (decider(pol, "promotion_rules", rules, level=level, leerjaar=leerjaar)
               if rules is not None else packs.STATUTORY)
        return rules, who
    return _cached(pol, ("promotion_rules", level, leerjaar), make)  # type: ignore[no-any-return]


def se_resit_check(pol: Policy, history: ResitHistory, request: ResitRequest
                   ) -> ResitDecision | None:
    answer = pol.pm.hook.se_resit_check(history=history, request=request)
    return _checked(pol, "se_resit_check", answer, ResitDecision)  # type: ignore[no-any-return]


def carry_over(pol: Policy, repeater: RepeaterView) -> CarryOver | None:
    answer = pol.pm.hook.carry_over(repeater=repeater)
    return _checked(pol, "carry_over", answer, CarryOver)  # type: ignore[no-any-return]
