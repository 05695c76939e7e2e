"""A day of sittings: which exams sit when, who takes them, who may still enter, and what
happened (late, absent, irregular).

Why here and not in the screen: the Zitting screen must answer "may 5040 still go in, and
until when does she write?" in a second, and the answer is the rule pack's (`late_arrival`,
with the board's `sitting_rules`), fed with facts from the store: the CE timetable from Cito's
DNT (`ce_exams.exam_date/start_time/end_time`), the school's own SE sittings (`sittings`), the
candidate's extra time (`candidates.facilities`) and whether their school exam is complete
(the PTA against the stored results: a candidate must not sit the CE with a gap in the SE
unnoticed). What happens at the door is stored as an audited incident.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import attrs

from .store import Store

INCIDENT_KINDS = {"te_laat": "te laat", "afwezig": "afwezig",
                  "onregelmatigheid": "onregelmatigheid", "overig": "overig"}
# Extra time as the facilities column writes it: "verlenging30", "verlenging 30",
# "extra tijd 30 min" (several facilities separated by ";").
_EXTRA = re.compile(r"(?:verlenging|extra\s*tijd)\D{0,3}(\d{1,3})", re.IGNORECASE)


@attrs.frozen
class Sitting:
    kind: str                       # ce | se
    subject: str
    day: date
    start: str                      # HH:MM
    end: str | None
    nex_id: str | None = None
    test_code: str | None = None
    school_type: str | None = None
    track: str | None = None
    description: str | None = None
    room: str | None = None
    sitting_id: int | None = None   # the school's own row in `sittings` (SE, or a recorded CE)

    @property
    def title(self) -> str:
        what = self.description or f"{self.subject} {self.test_code or ''}".strip()
        return f"{self.start}-{self.end or '?'} {self.kind.upper()} {what}"


@attrs.frozen
class Taker:
    exam_number: str
    name: str
    facilities: str | None
    extra_minutes: int
    se_missing: tuple[str, ...]     # "netl NE5-T4" for every PTA test without a result


def extra_minutes(facilities: str | None) -> int:
    """Minutes of extra time written in the facilities column; 0 when none is written."""
    found = _EXTRA.search(facilities or "")
    return int(found.group(1)) if found else 0


def sittings_on(store: Store, exam_year: int, day: date) -> list[Sitting]:
    """The CE exams of the day (DNT) and the school's SE sittings, by start time."""
    with store.read() as con:
        ce = con.execute(
            "SELECT e.subject, e.exam_date, e.start_time, e.end_time, e.nex_id, e.school_type,"
            " e.track, e.description, s.room, s.id FROM ce_exams e"
            " LEFT JOIN sittings s ON s.exam_year = e.exam_year AND s.kind = 'ce'"
            "  AND s.nex_id = e.nex_id AND s.sitting_date = e.exam_date"
            " WHERE e.exam_year = ? AND e.exam_date = ? AND e.start_time IS NOT NULL",
            [exam_year, day]).fetchall()
        se = con.execute(
            "SELECT subject, sitting_date, start_time, end_time, test_code, room, id"
            " FROM sittings WHERE exam_year = ? AND sitting_date = ? AND kind = 'se'",
            [exam_year, day]).fetchall()
    out = [Sitting("ce", subject, d, start, end, nex_id=nex, school_type=st, track=track,
                   description=descr, room=room, sitting_id=sid)
           for subject, d, start, end, nex, st, track, descr, room, sid in ce]
    out += [Sitting("se", subject, d, start, end, test_code=test, room=room, sitting_id=sid)
            for subject, d, start, end, test, room, sid in se]
    return sorted(out, key=lambda s: (s.start, s.kind, s.subject))


def _track_fits(exam_track: str | None, candidate_track: str | None) -> bool:
    if not exam_track:
        return True
    allowed = set(exam_track.lower().replace("gl-tl", "gl tl").replace("/", " ").split())
    return (candidate_track or "").lower() in allowed


def takers(store: Store, exam_year: int, sitting: Sitting) -> list[Taker]:
    """The candidates who sit it: the subject in their package (for the CE: of the exam's
    school type and leerweg, with a CE), with their extra time and SE gaps."""
    with store.read() as con:
        rows = con.execute(
            "SELECT c.exam_number, c.last_name, c.name_prefix, c.first_name, c.facilities,"
            " c.school_type, c.track FROM candidates c JOIN candidate_subjects s"
            " ON s.exam_year = c.exam_year AND s.exam_number = c.exam_number"
            " WHERE c.exam_year = ? AND s.subject = ?"
            + (" AND c.school_type = ? AND coalesce(s.has_ce, true)" if sitting.kind == "ce"
               else "") + " ORDER BY c.exam_number",
            [exam_year, sitting.subject]
            + ([sitting.school_type] if sitting.kind == "ce" else [])).fetchall()
    rows = [r for r in rows if sitting.kind != "ce" or _track_fits(sitting.track, r[6])]
    missing = se_missing(store, exam_year, [r[0] for r in rows])
    return [Taker(n, " ".join(p for p in (first, prefix, last) if p), fac, extra_minutes(fac),
                  tuple(missing.get(n, ())))
            for n, last, prefix, first, fac, _st, _track in rows]


def se_missing(store: Store, exam_year: int, numbers: Sequence[str]) -> dict[str, list[str]]:
    """Per candidate, the PTA tests of their subjects without any stored result or status.

    A test with weight 0 that is not a handelingsdeel does not count; a status (vrijstelling,
    niet gemaakt) is a result: it is the examencommissie's, not a gap."""
    if not numbers:
        return {}
    marks = ", ".join("?" for _ in numbers)
    with store.read() as con:
        rows = con.execute(
            "SELECT c.exam_number, p.subject, p.test_code FROM candidates c"
            " JOIN candidate_subjects s ON s.exam_year = c.exam_year"
            "  AND s.exam_number = c.exam_number"
            " JOIN pta_items p ON p.subject = s.subject AND p.school_type = c.school_type"
            "  AND p.cohort IS NOT DISTINCT FROM c.cohort"
            f" WHERE c.exam_year = ? AND c.exam_number IN ({marks})"
            "  AND (p.weight > 0 OR p.kind = 'handelingsdeel')"
            "  AND NOT EXISTS (SELECT 1 FROM se_results r WHERE r.exam_year = c.exam_year"
            "   AND r.exam_number = c.exam_number AND r.subject = p.subject"
            "   AND r.test_code = p.test_code)"
            " ORDER BY c.exam_number, p.subject, p.test_code",
            [exam_year, *numbers]).fetchall()
    out: dict[str, list[str]] = {}
    for number, subject, test in rows:
        out.setdefault(number, []).append(f"{subject} {test}")
    return out


def admission(sitting: Sitting, arrival: time, extra: int, pack: str,
              kind: str = "schriftelijk") -> dict[str, Any]:
    """The pack's answer to "may a candidate arriving at `arrival` still sit, and until when
    is the work collected?" (calc op `late_arrival`: admitted, hand_in, reasons)."""
    from .rules import OPS, evaluate

    if "late_arrival" not in OPS:
        return {"decidable": False, "reasons": [{
            "rule": "late_arrival", "source": "",
            "text": "Deze versie kent de regels voor te laat komen nog niet (regelpakket)."}]}
    return evaluate("late_arrival", {
        "sitting": sitting.kind, "kind": kind, "start": sitting.start,
        "end": sitting.end or sitting.start, "arrival": arrival.strftime("%H:%M"),
        "extra_time_min": extra}, pack)


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def last_admission(sitting: Sitting, pack: str) -> str | None:
    """The latest minute (HH:MM) at which the pack still admits a candidate, found by asking
    it (the answer only grows worse the later one comes); None when the pack does not decide.
    """
    start = _minutes(sitting.start)
    end = _minutes(sitting.end) if sitting.end else start

    def admitted(minute: int) -> bool | None:
        answer = admission(sitting, time(minute // 60 % 24, minute % 60), 0, pack)
        return answer.get("admitted")

    if admitted(start + 1) is not True:
        return None
    if admitted(end) is True:
        return sitting.end
    lo, hi = start + 1, end          # admitted at lo, refused at hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if admitted(mid) is True:
            lo = mid
        else:
            hi = mid
    return f"{lo // 60:02d}:{lo % 60:02d}"


def record_incident(store: Store, exam_year: int, sitting: Sitting, exam_number: str,
                    kind: str, *, at: datetime, note: str, reason: str, source: str,
                    minutes_late: int | None = None, decision: str | None = None) -> None:
    """Store what happened at the door or in the room, audited with the reason. A CE sitting
    gets its own row in `sittings` the first time something is recorded for it."""
    if kind not in INCIDENT_KINDS:
        raise ValueError(f"soort '{kind}' is onbekend; kies uit {', '.join(INCIDENT_KINDS)}.")
    if not reason.strip():
        raise ValueError("Geef een reden: die komt in het logboek.")
    with store.transaction(reason=reason.strip(), source=source,
                           user_reason=reason.strip()) as tx:
        sitting_id = sitting.sitting_id
        if sitting_id is None:
            found = tx.fetchall(
                "SELECT id FROM sittings WHERE exam_year = ? AND kind = ? AND nex_id IS NOT"
                " DISTINCT FROM ? AND subject = ? AND sitting_date = ? AND start_time = ?",
                [exam_year, sitting.kind, sitting.nex_id, sitting.subject, sitting.day,
                 sitting.start])
            if found:
                sitting_id = found[0][0]
            else:
                sitting_id = tx.fetchall("SELECT nextval('sitting_id')")[0][0]
                tx.insert("sittings", {"id": sitting_id, "exam_year": exam_year,
                                       "kind": sitting.kind, "nex_id": sitting.nex_id,
                                       "subject": sitting.subject,
                                       "sitting_date": sitting.day,
                                       "start_time": sitting.start, "end_time": sitting.end},
                          key={"id": sitting_id})
        incident_id = tx.fetchall("SELECT nextval('incident_id')")[0][0]
        tx.insert("incidents", {"id": incident_id, "exam_number": exam_number,
                                "exam_year": exam_year, "sitting_id": sitting_id, "kind": kind,
                                "occurred_at": at, "minutes_late": minutes_late,
                                "note": note or None, "decision": decision},
                  key={"id": incident_id})


def incidents_of(store: Store, sitting: Sitting) -> list[tuple[Any, ...]]:
    """(exam number, kind, time, minutes late, note) recorded for this sitting."""
    if sitting.sitting_id is None:
        return []
    with store.read() as con:
        return con.execute(
            "SELECT exam_number, kind, occurred_at, minutes_late, note FROM incidents"
            " WHERE sitting_id = ? ORDER BY occurred_at, id", [sitting.sitting_id]).fetchall()
