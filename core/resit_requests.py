"""The register of resit requests: the rule pack's verdict on each, and lists for teachers.

Why: a secretary registers "5040 wants to resit NE5-T2" and must see at once whether the
examenreglement allows it, why (with the article), how many resits are left afterwards, and
keep the answer. The verdict is the pack's (calc ops `se_resit` and `ce_resit`, answered by
the board's hooks); this module only gathers the facts the op needs from the store (school
type, the PTA test's kind, period and resit flag, the resits already granted) and keeps the
register (`resit_requests`, audited like every write).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import attrs

from .reference import SchoolType
from .store import Store

# PTA kinds as stored -> the kinds the resit op knows (calc.md `se_resit`)
_KINDS = {"schriftelijk": "schriftelijk", "mondeling": "mondeling",
          "praktische opdracht": "praktische_opdracht", "handelingsdeel": "handelingsdeel",
          "profielwerkstuk": "pws"}
EXAM_LEERJAAR = {"vwo": 6, "havo": 5, "vmbo-gt": 4, "vmbo-kb": 4, "vmbo-bb": 4}
STATUSES = ("aangevraagd", "toegekend", "afgewezen", "vervallen")


@attrs.frozen
class Request:
    id: int
    exam_year: int
    exam_number: str
    name: str
    kind: str
    subject: str
    test_code: str | None
    period: int | None
    requested_on: date | None
    status: str
    decision: str | None


def _level(school_type: str | None, track: str | None) -> str:
    return SchoolType.from_store(school_type, track).level


def _candidate(con: Any, exam_year: int, exam_number: str) -> tuple[Any, ...]:
    row = con.execute("SELECT school_type, track, cohort FROM candidates WHERE exam_year = ?"
                      " AND exam_number = ?", [exam_year, exam_number]).fetchone()
    if row is None:
        raise ValueError(f"Kandidaat {exam_number} staat niet in examenjaar {exam_year}.")
    return tuple(row)


def se_verdict(store: Store, exam_year: int, exam_number: str, subject: str, test_code: str,
               pack: str) -> dict[str, Any]:
    """The pack's answer to an SE resit request (allowed, left, reasons, text)."""
    from .rules import OPS, evaluate

    with store.read() as con:
        school_type, track, cohort = _candidate(con, exam_year, exam_number)
        item = con.execute(
            "SELECT kind, resit_allowed, period FROM pta_items WHERE school_type = ?"
            " AND cohort IS NOT DISTINCT FROM ? AND subject = ? AND test_code = ?",
            [school_type, cohort, subject, test_code]).fetchone()
        if item is None:
            raise ValueError(f"Toets {subject} {test_code} staat niet in het PTA van deze "
                             "kandidaat.")
        used = con.execute(
            "SELECT r.subject, r.test_code, p.period, p.kind, p.year_of_study"
            " FROM resit_requests r"
            " LEFT JOIN pta_items p ON p.school_type = ? AND p.cohort IS NOT DISTINCT FROM ?"
            "  AND p.subject = r.subject AND p.test_code = r.test_code"
            " WHERE r.exam_year = ? AND r.exam_number = ? AND r.kind = 'se'"
            "  AND r.status = 'toegekend'",
            [school_type, cohort, exam_year, exam_number]).fetchall()
    level = _level(school_type, track)
    if "se_resit" not in OPS:
        return _undecided("se_resit")
    request: dict[str, Any] = {"subject": subject, "test": test_code,
                               "kind": _KINDS.get(item[0] or "schriftelijk", "schriftelijk"),
                               "resittable": item[1]}
    if item[2] is not None:
        request["test_period"] = item[2]
    data: dict[str, Any] = {
        "level": level, "leerjaar": EXAM_LEERJAAR[level], "request": request,
        "used": [{k: v for k, v in {"subject": s, "test": t, "period": p, "leerjaar": y,
                                     "kind": _KINDS.get(k or "schriftelijk", "schriftelijk")
                                     }.items() if v is not None}
                 for s, t, p, k, y in used]}
    if item[2] is not None:
        data["period"] = item[2]
    return evaluate("se_resit", data, pack)


def ce_verdict(store: Store, exam_year: int, exam_number: str, subject: str,
               pack: str) -> dict[str, Any]:
    """The pack's answer to a CE resit request (Uvb 3.38: one subject, after the results)."""
    from .rules import OPS, evaluate

    with store.read() as con:
        school_type, track, _cohort = _candidate(con, exam_year, exam_number)
        taken = [r[0] for r in con.execute(
            "SELECT DISTINCT subject FROM resit_requests WHERE exam_year = ? AND exam_number = ?"
            " AND kind = 'ce' AND status = 'toegekend'", [exam_year, exam_number]).fetchall()]
    if "ce_resit" not in OPS:
        return _undecided("ce_resit")
    return evaluate("ce_resit", {"level": _level(school_type, track), "published": True,
                                 "taken": taken, "request": subject}, pack)


def _undecided(op: str) -> dict[str, Any]:
    return {"allowed": None, "decidable": False, "left": None, "reasons": [{
        "rule": op, "source": "", "text": "Deze versie van het regelpakket beslist hier nog "
        "niet over; de examencommissie beslist."}],
        "text": "Niet te bepalen: de examencommissie beslist."}


def register(store: Store, exam_year: int, exam_number: str, kind: str, subject: str, *,
             test_code: str | None, period: int | None, verdict: dict[str, Any],
             requested_on: date, reason: str, source: str) -> int:
    """Store the request with the pack's verdict (toegekend/afgewezen, or aangevraagd when the
    pack does not decide), audited with the reason; its id."""
    if kind not in ("se", "ce"):
        raise ValueError("soort: kies se of ce.")
    if not reason.strip():
        raise ValueError("Geef een reden: die komt in het logboek.")
    allowed = verdict.get("allowed")
    status = "toegekend" if allowed is True else "afgewezen" if allowed is False else "aangevraagd"
    decision = verdict.get("text") or ""
    articles = "; ".join(dict.fromkeys(str(r.get("source")) for r in verdict.get("reasons", [])
                                       if r.get("source")))
    if articles:
        decision += f" ({articles})"
    with store.transaction(reason=reason.strip(), source=source) as tx:
        new_id = int(tx.fetchall("SELECT nextval('resit_request_id')")[0][0])
        tx.insert("resit_requests", {"id": new_id, "exam_number": exam_number,
                                     "exam_year": exam_year, "kind": kind, "subject": subject,
                                     "test_code": test_code, "period": period,
                                     "requested_on": requested_on, "status": status,
                                     "decision": decision}, key={"id": new_id})
    return new_id


def requests(store: Store, exam_year: int, *, subject: str | None = None,
             test_code: str | None = None, exam_number: str | None = None) -> list[Request]:
    """The register, per subject and test (the teachers' lists), optionally filtered."""
    where: list[str] = ["r.exam_year = ?"]
    params: list[Any] = [exam_year]
    for column, value in (("r.subject", subject), ("r.test_code", test_code),
                          ("r.exam_number", exam_number)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    with store.read() as con:
        rows = con.execute(
            "SELECT r.id, r.exam_year, r.exam_number,"
            " concat_ws(' ', c.first_name, c.name_prefix, c.last_name), r.kind, r.subject,"
            " r.test_code, r.period, r.requested_on, r.status, r.decision"
            " FROM resit_requests r LEFT JOIN candidates c ON c.exam_year = r.exam_year"
            "  AND c.exam_number = r.exam_number"
            f" WHERE {' AND '.join(where)}"
            " ORDER BY r.subject, r.test_code NULLS LAST, r.exam_number, r.id", params).fetchall()
    return [Request(*r) for r in rows]


HEADER = ("examenjaar", "examennummer", "naam", "soort", "vak", "toets", "tijdvak",
          "aangevraagd_op", "status", "besluit")


def request_rows(found: Sequence[Request]) -> list[list[Any]]:
    """The register as rows for `exports.write_table` (CSV or XLSX for the teachers)."""
    return [[r.exam_year, r.exam_number, r.name, r.kind.upper(), r.subject, r.test_code or "",
             r.period or "", r.requested_on, r.status, r.decision or ""] for r in found]
