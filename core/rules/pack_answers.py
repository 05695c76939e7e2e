"""The typed answers of the pack-decision ops, like `answers.py` for the statutory ones.

Inside the program these are read (the resit register, the candidate screen); only `calc` and
the command line turn them into the JSON of docs/calc.md with `as_json()`. The field names of
the four ops calc.md fixes (`se_resit`, `ce_resit`, `late_arrival`, `promotion`) are kept there.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from examenbureau.core.hookspecs import CarryItem, Deadline, Reason, ResitDecision
from examenbureau.core.reasons import Missing

from .deadlines import HOLIDAY_NOTE


def _reasons(reasons: tuple[Reason, ...]) -> list[dict[str, Any]]:
    return [r.as_json() for r in reasons]


@attrs.define
class SeResitAnswer:
    """`se_resit`: the pack's `ResitDecision` (None: no pack answered) and a summary sentence."""

    decision: ResitDecision | None
    text: str

    def as_json(self) -> dict[str, Any]:
        d = self.decision
        if d is None:
            return {"allowed": None, "decidable": False, "left": None, "reasons": [],
                    "text": self.text}
        return {"allowed": d.allowed, "decidable": d.decidable, "left": d.left, "pool": d.pool,
                "attempt_counts": d.attempt_counts, "options": list(d.options),
                "reasons": _reasons(d.reasons), "text": self.text}


@attrs.define
class CeResitAnswer:
    """`ce_resit`: may this CE resit be granted (None: not decidable yet), what is left after
    it, and whether the highest grade counts."""

    allowed: bool | None
    decidable: bool
    left: int | None
    highest_counts: bool
    reasons: tuple[Reason, ...]
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"allowed": self.allowed, "decidable": self.decidable, "left": self.left,
                "highest_counts": self.highest_counts, "reasons": _reasons(self.reasons),
                "text": self.text}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@attrs.define
class LateArrivalAnswer:
    """`late_arrival`: admitted or not (None: the rules leave it open), when the work is
    collected (minutes after midnight, extra time included), with the reasons."""

    admitted: bool | None
    hand_in_min: int | None
    decidable: bool
    minutes_late: int
    extra_time_min: int | None
    reasons: tuple[Reason, ...]
    text: str

    @property
    def hand_in(self) -> str | None:
        return None if self.hand_in_min is None else _hhmm(self.hand_in_min)

    def as_json(self) -> dict[str, Any]:
        return {"admitted": self.admitted, "hand_in": self.hand_in, "decidable": self.decidable,
                "minutes_late": self.minutes_late, "extra_time_min": self.extra_time_min,
                "reasons": _reasons(self.reasons), "text": self.text}


@attrs.define
class PromotionAnswer:
    """`promotion`: bevorderd, bespreken or niet_bevorderbaar (None: not decidable), on the
    rounded year grades whose sum and count are given (the mean is never rounded)."""

    decision: str | None
    decidable: bool
    reasons: tuple[Reason, ...]
    text: str
    rounded: dict[str, int] | None = None
    total: int | None = None
    count: int | None = None
    missing: tuple[Missing, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"decision": self.decision, "decidable": self.decidable}
        if self.rounded is not None:
            out.update(rounded=dict(self.rounded), average={"sum": self.total,
                                                            "count": self.count})
        out.update(reasons=_reasons(self.reasons), missing=[m.as_json() for m in self.missing],
                   text=self.text)
        return out


@attrs.define
class CarryOverAnswer:
    """`carry_over`: per subject or test keep / redo / choose / open, each with its reason."""

    decidable: bool
    items: tuple[CarryItem, ...]
    reasons: tuple[Reason, ...]
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"decidable": self.decidable,
                "items": [{"subject": i.subject, "test": i.test, "choice": i.choice,
                           "reason": i.reason.as_json()} for i in self.items],
                "reasons": _reasons(self.reasons), "text": self.text}


@attrs.define
class DeadlineEntry:
    """One named deadline of the pack stack, the pack that set it, and its moment when the
    anchor's moment was given (per alternative where the document contradicts itself)."""

    deadline: Deadline
    pack: str
    moment: datetime | None = None
    anchored: bool = False
    alternatives: tuple[DeadlineEntry, ...] = ()

    def as_json(self) -> dict[str, Any]:
        d = self.deadline
        out = attrs.asdict(d, recurse=False)
        out["alternatives"] = [a.as_json() for a in self.alternatives]
        out["decidable"] = d.decidable
        out["pack"] = self.pack
        if self.anchored:
            out["moment"] = self.moment.isoformat(timespec="minutes") if self.moment else None
            if self.moment is not None and d.unit in ("werkdagen", "schooldagen"):
                out["note"] = HOLIDAY_NOTE
        return out


@attrs.define
class DeadlinesAnswer:
    entries: tuple[DeadlineEntry, ...]

    def as_json(self) -> dict[str, Any]:
        out = [e.as_json() for e in self.entries]
        return {"deadlines": out, "decidable": all(e["decidable"] for e in out)}


PackAnswer = (SeResitAnswer | CeResitAnswer | LateArrivalAnswer | PromotionAnswer
              | CarryOverAnswer | DeadlinesAnswer)
