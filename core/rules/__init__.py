"""The statutory rules engine: final grades, combination grade, pass/fail, cum laude, resits.

Public entry point (others depend on this exact signature):

    evaluate(op, data, pack="wvo2020") -> dict

returns the `result` object of `calc` (shared/formats/calc.md, docs/calc.md) for one operation
and raises `CalcInputError` (Dutch message naming the field) for input it cannot answer. Missing
facts are not errors: the decision comes back with `decidable: false` and each item named.

`evaluate_with(op, data, pm)` answers with an explicit pluggy plugin manager, so a pack author
can try a pack that is not installed (`pm = packs.manager(); pm.register(MyBoard(), name=...)`).

Rounding and exact arithmetic live in `examenbureau.core.grades`; the thresholds and articles
come from the rule pack (`examenbureau.core.packs`), the statutory pack `wvo2020` by default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from examenbureau.core.packs import STATUTORY

from .errors import CalcInputError

if TYPE_CHECKING:
    import pluggy

    from .policy import Policy

__all__ = ["OPS", "CalcInputError", "evaluate", "evaluate_with"]

OPS: tuple[str, ...] = ("ce_grade", "final_grade", "combination_grade", "outcome", "cum_laude",
                        "resit_advice", "needed", "se_resit", "ce_resit", "late_arrival",
                        "promotion", "carry_over", "deadlines")
_TABLE: dict[str, Callable[[Any, Policy], dict[str, Any]]] = {}


def _op(op: Any) -> Callable[[Any, Policy], dict[str, Any]]:
    if not _TABLE:
        from . import advice, deadlines, ops, promotion, repeaters, resits, sittings

        _TABLE.update({
            "ce_grade": ops.ce_grade,
            "final_grade": ops.final_grade,
            "combination_grade": ops.combination_grade,
            "outcome": ops.outcome,
            "cum_laude": ops.cum_laude,
            "resit_advice": advice.resit_advice,
            "needed": advice.needed,
            # a pack's own decisions (issue 8): resits, sittings, promotion, repeaters
            "se_resit": resits.se_resit,
            "ce_resit": resits.ce_resit,
            "late_arrival": sittings.late_arrival,
            "promotion": promotion.promotion,
            "carry_over": repeaters.carry_over,
            "deadlines": deadlines.deadlines_op,
        })
    fn = _TABLE.get(op) if isinstance(op, str) else None
    if fn is None:
        raise CalcInputError(f"veld 'op': '{op}' is onbekend; verwacht een van: {', '.join(OPS)}")
    return fn


def evaluate(op: str, data: dict, pack: str = STATUTORY) -> dict:
    """Answer one `calc` operation with the named pack on top of the law."""
    from .policy import for_pack

    fn = _op(op)
    if not isinstance(pack, str) or not pack:
        raise CalcInputError("veld 'pack': verwacht de naam van een regelpakket, bijv. wvo2020")
    return fn(data, for_pack(pack))


def evaluate_with(op: str, data: dict, pm: pluggy.PluginManager, name: str = "test") -> dict:
    """Answer one operation with an explicit plugin manager (a pack that is not installed)."""
    from .policy import Policy

    return _op(op)(data, Policy(pm, name))
