"""The statutory rules engine: final grades, combination grade, pass/fail, cum laude, resits.

Public entry points (others depend on these exact signatures):

    answer(op, data, pack="wvo2020") -> Answer       typed: Outcome, Advice, Needed, ...
    evaluate(op, data, pack="wvo2020") -> dict      the same answer as the JSON of `calc`

Inside the program the typed answer is read (`examenbureau.core.rules.answers`); only `calc`
and the command line's JSON output turn it into a dict, which is exactly the `result` object of
`calc` (docs/calc.md). Both raise `CalcInputError` (Dutch message naming the field) for input
they cannot answer. Missing facts are not errors: the decision comes back with
`decidable: false` and each item named.

`answer_with(op, data, pm)` and `evaluate_with(op, data, pm)` answer with an explicit pluggy
plugin manager, so a pack author can try a pack that is not installed
(`pm = packs.manager(); pm.register(MyBoard(), name=...)`).

Rounding and exact arithmetic live in `examenbureau.core.grades`; the thresholds and articles
come from the rule pack (`examenbureau.core.packs`), the statutory pack `wvo2020` by default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from examenbureau.core.packs import STATUTORY

from .answers import Answer
from .errors import CalcInputError
from .pack_answers import PackAnswer

if TYPE_CHECKING:
    import pluggy

    from .policy import Policy

__all__ = ["OPS", "Answer", "CalcInputError", "answer", "answer_with", "evaluate",
           "evaluate_with"]

OPS: tuple[str, ...] = ("ce_grade", "final_grade", "combination_grade", "outcome", "cum_laude",
                        "resit_advice", "needed", "se_resit", "ce_resit", "late_arrival",
                        "promotion", "carry_over", "deadlines")
# Every op answers with a typed object: the statutory ones from `answers`, the pack decisions
# from `pack_answers`; `evaluate` and `calc` turn either into the JSON of docs/calc.md.
_Reply = Answer | PackAnswer
_TABLE: dict[str, Callable[[Any, Policy], _Reply]] = {}


def _op(op: Any) -> Callable[[Any, Policy], _Reply]:
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


def answer(op: str, data: dict, pack: str = STATUTORY) -> _Reply:
    """Answer one operation with the named pack on top of the law, as a typed answer."""
    from .policy import for_pack

    fn = _op(op)
    if not isinstance(pack, str) or not pack:
        raise CalcInputError("veld 'pack': verwacht de naam van een regelpakket, bijv. wvo2020")
    return fn(data, for_pack(pack))


def evaluate(op: str, data: dict, pack: str = STATUTORY) -> dict:
    """Answer one `calc` operation: the `result` object of the protocol."""
    return _json(answer(op, data, pack))


def answer_with(op: str, data: dict, pm: pluggy.PluginManager, name: str = "test") -> _Reply:
    """Answer one operation with an explicit plugin manager (a pack that is not installed)."""
    from .policy import Policy

    return _op(op)(data, Policy(pm, name))


def evaluate_with(op: str, data: dict, pm: pluggy.PluginManager, name: str = "test") -> dict:
    """`answer_with` as the JSON of `calc`."""
    return _json(answer_with(op, data, pm, name))


def _json(reply: _Reply) -> dict[str, Any]:
    return reply.as_json()
