"""When a named deadline falls, given the moment of the event it hangs on.

Why here and not in a pack: a pack says "the day after the results, before 12:00" as data
(`Deadline`); the calendar arithmetic is the same for every pack and must not read the clock,
so the anchor moment always comes in from the caller.

Working days (`werkdagen`) skip Saturday and Sunday only: public holidays and school holidays
are not known to examenbureau, so a deadline in working days that spans one is shown with a
note rather than moved (`moment` returns the weekend-only answer and `HOLIDAY_NOTE` says so).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from examenbureau.core.hookspecs import Deadline

if TYPE_CHECKING:
    from .pack_answers import DeadlinesAnswer

HOLIDAY_NOTE = ("Werkdagen zijn geteld als maandag tot en met vrijdag; feestdagen en vakanties "
                "kent examenbureau niet.")
UNITS = ("minuten", "dagen", "werkdagen", "schooldagen", "weken")


def _working_days(start: datetime, days: int, sign: int) -> datetime:
    current = start
    left = days
    while left > 0:
        current += timedelta(days=sign)
        if current.weekday() < 5:
            left -= 1
    return current


def moment(deadline: Deadline, anchor: datetime) -> datetime | None:
    """The last moment (exclusive when `time_of_day` is set: "vóór 12.00 uur") of `deadline`
    for an event at `anchor`; None when the deadline names no number (not decidable)."""
    if not deadline.decidable or deadline.unit not in UNITS:
        return None
    assert deadline.offset is not None
    sign = -1 if deadline.direction == "voor" else 1
    n = deadline.offset
    if deadline.unit == "minuten":
        at = anchor + timedelta(minutes=sign * n)
    elif deadline.unit == "dagen":
        at = anchor + timedelta(days=sign * n)
    elif deadline.unit == "weken":
        at = anchor + timedelta(weeks=sign * n)
    else:  # werkdagen, schooldagen: weekdays only (see the module docstring)
        at = _working_days(anchor, n, sign)
    if deadline.time_of_day is not None:
        hh, mm = (int(p) for p in deadline.time_of_day.split(":"))
        at = datetime.combine(at.date(), time(hh, mm))
    return at


def in_time(deadline: Deadline, anchor: datetime, when: datetime) -> bool | None:
    """Whether `when` meets the deadline: before a `voor` deadline, not after a `na` one.
    With a time of day the moment itself is too late ("vóór 12.00 uur")."""
    limit = moment(deadline, anchor)
    if limit is None:
        return None
    if deadline.time_of_day is not None:
        return when < limit
    return when <= limit


def deadlines_op(data: Any, pol: Any) -> DeadlinesAnswer:
    """The `calc` op `deadlines`: every named deadline of the pack stack (or those named in
    `keys`), and its moment for each anchor given in `anchors`
    ({"bekendmaking eindcijfers": "2025-06-11T09:00"})."""
    from . import pack_input as read
    from . import pack_policy
    from .pack_answers import DeadlineEntry, DeadlinesAnswer

    data = read.obj(data if data is not None else {}, "input")
    raw = read.obj(data.get("anchors") if data.get("anchors") is not None else {}, "anchors")
    anchors = {name: read.moment(raw, name) for name in raw}
    wanted = set(read.text_list(data, "keys")) or None

    def entry(d: Deadline, pack: str) -> DeadlineEntry:
        at = anchors.get(d.anchor)
        return DeadlineEntry(d, pack, moment(d, at) if at is not None else None,
                             anchored=at is not None,
                             alternatives=tuple(entry(a, pack) for a in d.alternatives))

    return DeadlinesAnswer(tuple(entry(d, pack) for key, (d, pack)
                                 in sorted(pack_policy.deadlines(pol).items())
                                 if wanted is None or key in wanted))
