"""The resit register: a request is decided by the school's rule pack and kept with its reasons.

Why a register: a resit decision is a right granted or refused on a date, by a regulation. The
exam secretary must be able to show later who asked what, when, what was decided, by which pack
and why. So a request is decided here with the same hooks as `calc se_resit` / `ce_resit` (on
the candidate's history as the database holds it) and written in one audited transaction with
its decision, the deciding pack and its reasons (JSON of `Reason.as_json()`). A request the
rules cannot decide stays "aangevraagd", its reasons naming who decides; nothing is guessed.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import attrs

from . import pack_facts
from .hookspecs import ResitDecision, ResitRequest
from .packs import STATUTORY
from .rules import pack_policy
from .rules.policy import for_pack
from .rules.resits import judge_ce_resit
from .store import Store


class ResitRegisterError(ValueError):
    """A request that cannot be registered (unknown candidate); the message is Dutch."""


@attrs.frozen
class Registered:
    """A request as written: its row id, status and the decision's reasons."""

    id: int
    status: str               # toegekend | afgewezen | aangevraagd
    text: str
    pack: str
    reasons: tuple[dict[str, Any], ...]


def _pack(store: Store, pack: str | None) -> str:
    return pack or store.get_setting("rulepack") or STATUTORY


def _candidate(store: Store, exam_year: int, exam_number: str) -> pack_facts.Candidate:
    cand = pack_facts.candidate(store, exam_year, exam_number)
    if cand is None:
        raise ResitRegisterError(f"Kandidaat {exam_number} is onbekend in examenjaar {exam_year}.")
    return cand


def decide_se_resit(store: Store, exam_year: int, exam_number: str, request: ResitRequest,
                    pack: str | None = None) -> ResitDecision | None:
    """The pack's answer on this SE resit, on the history in the database."""
    cand = _candidate(store, exam_year, exam_number)
    history = pack_facts.resit_history(store, cand)
    return pack_policy.se_resit_check(for_pack(_pack(store, pack)), history, request)


def _status(allowed: bool | None) -> str:
    return {True: "toegekend", False: "afgewezen", None: "aangevraagd"}[allowed]


def _write(store: Store, values: dict[str, Any], reason: str | None) -> int:
    with store.transaction(reason=reason or "herkansing aangevraagd",
                           source="herkansingsregister") as tx:
        tx.insert("resit_requests", values)
        new_id = tx.fetchall("SELECT max(id) FROM resit_requests")[0][0]
    return int(new_id)


def register_se_resit(store: Store, exam_year: int, exam_number: str, request: ResitRequest,
                      requested_at: datetime, *, pack: str | None = None,
                      reason: str | None = None) -> Registered:
    name = _pack(store, pack)
    decision = decide_se_resit(store, exam_year, exam_number, request, name)
    allowed = decision.allowed if decision is not None else None
    reasons = tuple(r.as_json() for r in (decision.reasons if decision else ()))
    text = " ".join(r["text"] for r in reasons if r.get("violated")) or (
        reasons[0]["text"] if reasons else "Geen regelpakket beslist hierover.")
    cand = _candidate(store, exam_year, exam_number)
    new_id = _write(store, {
        "exam_year": exam_year, "exam_number": exam_number, "kind": "se",
        "subject": request.subject, "test_code": request.test, "period": request.period,
        "test_period": request.test_period, "leerjaar": cand.leerjaar, "early": request.early,
        "requested_on": requested_at.date(), "requested_at": requested_at,
        "status": _status(allowed), "decision": text, "decided_at": requested_at,
        "pack": name, "reasons": json.dumps(reasons, ensure_ascii=False, default=str),
    }, reason)
    return Registered(new_id, _status(allowed), text, name, reasons)


def register_ce_resit(store: Store, exam_year: int, exam_number: str, subject: str,
                      published_at: datetime | None, requested_at: datetime, *,
                      pack: str | None = None, reason: str | None = None) -> Registered:
    """A CE resit request (Uvb art. 3.38): one subject, after publication, in time."""
    name = _pack(store, pack)
    cand = _candidate(store, exam_year, exam_number)
    taken = pack_facts.ce_resits(store, exam_year, [exam_number]).get(exam_number, [])
    with store.read() as con:
        granted = [r[0] for r in con.execute(
            "SELECT subject FROM resit_requests WHERE exam_year = ? AND exam_number = ?"
            " AND kind = 'ce' AND status = 'toegekend'", [exam_year, exam_number]).fetchall()]
    taken = list(dict.fromkeys([*taken, *granted]))
    answer = judge_ce_resit(for_pack(name), cand.level, subject, taken,
                            published=published_at is not None and published_at <= requested_at,
                            published_at=published_at, requested_at=requested_at)
    reasons = tuple(r.as_json() for r in answer.reasons)
    new_id = _write(store, {
        "exam_year": exam_year, "exam_number": exam_number, "kind": "ce", "subject": subject,
        "period": 2, "leerjaar": cand.leerjaar, "requested_on": requested_at.date(),
        "requested_at": requested_at, "status": _status(answer.allowed),
        "decision": answer.text, "decided_at": requested_at, "pack": name,
        "reasons": json.dumps(reasons, ensure_ascii=False, default=str),
    }, reason)
    return Registered(new_id, _status(answer.allowed), answer.text, name, reasons)
