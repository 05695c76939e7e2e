"""The resit register: a request is decided by the school's rule pack and kept with its reasons.

Why a register: a resit decision is a right granted or refused on a date, by a regulation. The
exam secretary must be able to show later who asked what, when, what was decided, by which pack
and why. So a request is decided here with the same hooks as `calc se_resit` / `ce_resit` (on
the candidate's history as the database holds it) and written in one audited transaction with
its decision, the deciding pack and its reasons (JSON of `Reason.as_json()`). A request the
rules cannot decide stays "aangevraagd", its reasons naming who decides; nothing is guessed.

The screens use the same functions: `se_request` builds the request from the candidate's PTA,
`preview_se_resit` / `preview_ce_resit` give the verdict with the pack's deadline before
anything is written (`register_*` write exactly that verdict), and `requests` lists the
register per subject and test for the teachers. One place decides and registers resits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import attrs

from . import pack_facts
from .hookspecs import Deadline, Reason, ResitDecision, ResitRequest
from .packs import STATUTORY
from .rules import pack_policy
from .rules.policy import for_pack
from .rules.resits import CE_DEADLINE_KEY, judge_ce_resit
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


# --- for the screens: the request from the PTA, the verdict before registering, the list -------

# PTA kinds as stored -> the test kinds of the pack contract (`TEST_KINDS`)
_KINDS = {"schriftelijk": "schriftelijk", "mondeling": "mondeling",
          "praktische opdracht": "praktische_opdracht", "handelingsdeel": "handelingsdeel",
          "profielwerkstuk": "pws"}
SE_DEADLINE_KEY = "se_herkansing_aanvraag"
_UNITS = {"minuten": ("minuut", "minuten"), "dagen": ("dag", "dagen"),
          "werkdagen": ("werkdag", "werkdagen"), "schooldagen": ("schooldag", "schooldagen"),
          "weken": ("week", "weken")}


@attrs.frozen
class ResitDeadline:
    """The pack's deadline for a resit request, in words, and its moment when the event it
    hangs on is known (for the CE: when the results were made known)."""

    title: str
    rule: str                 # "binnen 1 dag na bekendmaking eindcijfers, vóór 12:00"
    consequence: str
    source: str
    pack: str
    moment: datetime | None = None

    @property
    def text(self) -> str:
        when = f" (dus vóór {self.moment.strftime('%d-%m-%Y %H:%M')})" if self.moment else ""
        return f"{self.title}: {self.rule}{when}. {self.consequence}"


@attrs.frozen
class Verdict:
    """The pack's answer to a request before it is registered (and as it is registered)."""

    allowed: bool | None      # None: the pack does not decide this; `reasons` says who does
    text: str
    pack: str
    reasons: tuple[Reason, ...]
    left: int | None = None
    pool: str | None = None
    deadline: ResitDeadline | None = None

    @property
    def status(self) -> str:
        return _status(self.allowed)


def _rule_words(d: Deadline) -> str:
    if d.alternatives:
        return ("het reglement noemt meer dan één termijn en spreekt zichzelf tegen: "
                + "; ".join(f"{_rule_words(a)} ({a.source})" for a in d.alternatives))
    if d.offset is None or d.unit not in _UNITS:
        return f"bij {d.anchor}; de termijn bepaalt {d.decider or 'de school'}"
    one, many = _UNITS[d.unit]
    span = f"{d.offset} {one if d.offset == 1 else many}"
    words = f"uiterlijk {span} vóór {d.anchor}" if d.direction == "voor" else (
        f"binnen {span} na {d.anchor}")
    return words + (f", vóór {d.time_of_day} uur" if d.time_of_day else "")


def resit_deadline(store: Store, kind: str, anchor_at: datetime | None = None,
                   pack: str | None = None) -> ResitDeadline | None:
    """The pack's deadline for an SE or CE resit request (None: the pack names none)."""
    from .rules.deadlines import moment

    name = _pack(store, pack)
    key = SE_DEADLINE_KEY if kind == "se" else CE_DEADLINE_KEY
    found = pack_policy.deadlines(for_pack(name)).get(key)
    if found is None:
        return None
    d, who = found
    at = moment(d, anchor_at) if anchor_at is not None and d.decidable else None
    return ResitDeadline(d.title, _rule_words(d), d.consequence, d.source, who, at)


def se_request(store: Store, exam_year: int, exam_number: str, subject: str,
               test_code: str) -> ResitRequest:
    """The request as the pack sees it, from the candidate's PTA (kind, resittable, period)."""
    cand = _candidate(store, exam_year, exam_number)
    with store.read() as con:
        item = con.execute(
            "SELECT kind, resit_allowed, period FROM pta_items WHERE school_type = ?"
            " AND cohort IS NOT DISTINCT FROM ? AND subject = ? AND test_code = ?",
            [cand.school_type, cand.cohort, subject, test_code]).fetchone()
    if item is None:
        raise ResitRegisterError(f"Toets {subject} {test_code} staat niet in het PTA van "
                                 f"kandidaat {exam_number}.")
    return ResitRequest(subject, test_code, _KINDS.get(item[0] or "schriftelijk", "schriftelijk"),
                        resittable=item[1], period=item[2], test_period=item[2])


def _write(store: Store, values: dict[str, Any], reason: str | None,
           source: str | None = None) -> int:
    with store.transaction(reason=reason or "herkansing aangevraagd",
                           source=source or "herkansingsregister", user_reason=reason) as tx:
        tx.insert("resit_requests", values)
        new_id = tx.fetchall("SELECT max(id) FROM resit_requests")[0][0]
    return int(new_id)


def preview_se_resit(store: Store, exam_year: int, exam_number: str, request: ResitRequest,
                     pack: str | None = None) -> Verdict:
    """The pack's answer on this SE resit with its sentence and deadline, nothing written."""
    name = _pack(store, pack)
    decision = decide_se_resit(store, exam_year, exam_number, request, name)
    reasons = tuple(decision.reasons) if decision is not None else ()
    text = " ".join(r.text for r in reasons if r.violated) or (
        reasons[0].text if reasons else "Geen regelpakket beslist hierover.")
    return Verdict(decision.allowed if decision is not None else None, text, name, reasons,
                   decision.left if decision is not None else None,
                   decision.pool if decision is not None else None,
                   resit_deadline(store, "se", pack=name))


def register_se_resit(store: Store, exam_year: int, exam_number: str, request: ResitRequest,
                      requested_at: datetime, *, pack: str | None = None,
                      reason: str | None = None, source: str | None = None) -> Registered:
    verdict = preview_se_resit(store, exam_year, exam_number, request, pack)
    cand = _candidate(store, exam_year, exam_number)
    reasons = tuple(r.as_json() for r in verdict.reasons)
    new_id = _write(store, {
        "exam_year": exam_year, "exam_number": exam_number, "kind": "se",
        "subject": request.subject, "test_code": request.test, "period": request.period,
        "test_period": request.test_period, "leerjaar": cand.leerjaar, "early": request.early,
        "requested_on": requested_at.date(), "requested_at": requested_at,
        "status": verdict.status, "decision": verdict.text, "decided_at": requested_at,
        "pack": verdict.pack, "reasons": json.dumps(reasons, ensure_ascii=False, default=str),
    }, reason, source)
    return Registered(new_id, verdict.status, verdict.text, verdict.pack, reasons)


def preview_ce_resit(store: Store, exam_year: int, exam_number: str, subject: str,
                     published_at: datetime | None, requested_at: datetime,
                     pack: str | None = None) -> Verdict:
    """The pack's answer on a CE resit (Uvb art. 3.38: one subject, after publication, in
    time) with its deadline, nothing written. Without the moment of publication the timing
    cannot be judged: a refusal still stands, an approval is 'niet te bepalen'."""
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
    return Verdict(answer.allowed, answer.text, name, tuple(answer.reasons), answer.left, None,
                   resit_deadline(store, "ce", published_at, name))


def register_ce_resit(store: Store, exam_year: int, exam_number: str, subject: str,
                      published_at: datetime | None, requested_at: datetime, *,
                      pack: str | None = None, reason: str | None = None,
                      source: str | None = None) -> Registered:
    """A CE resit request (Uvb art. 3.38): one subject, after publication, in time."""
    verdict = preview_ce_resit(store, exam_year, exam_number, subject, published_at,
                               requested_at, pack)
    cand = _candidate(store, exam_year, exam_number)
    reasons = tuple(r.as_json() for r in verdict.reasons)
    new_id = _write(store, {
        "exam_year": exam_year, "exam_number": exam_number, "kind": "ce", "subject": subject,
        "period": 2, "leerjaar": cand.leerjaar, "requested_on": requested_at.date(),
        "requested_at": requested_at, "status": verdict.status,
        "decision": verdict.text, "decided_at": requested_at, "pack": verdict.pack,
        "reasons": json.dumps(reasons, ensure_ascii=False, default=str),
    }, reason, source)
    return Registered(new_id, verdict.status, verdict.text, verdict.pack, reasons)


# --- the register as the teachers read it: per subject and test, exportable --------------------

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
