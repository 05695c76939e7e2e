"""A candidate's history from the audit log, including grades that changed as a consequence.

Why consequences too: when the CvTE corrects an N-term, nobody touches candidate 4007's row,
yet her CE grade for that exam changes. The log has the N-term change and her score; this
module replays both in the order they were written and shows, between her own rows, the CE
grade each change produced ("CE-cijfer netl tijdvak 1: 6,2 -> 6,5, door N-term 1,0 -> 1,3").
The conversion is the one the results use (grades.ce_grade_tenths).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import attrs

from . import grades
from .store import Store
from .store.tables import scalar


@attrs.frozen
class HistoryLine:
    audit_id: int
    at: datetime
    actor: str
    action: str                 # insert | update | delete | ... | gevolg (a consequence)
    what: str                   # table and key, or the grade that followed
    field: str | None
    old: str | None
    new: str | None
    reason: str | None
    source: str | None
    after_closing: bool = False

    @property
    def derived(self) -> bool:
        return self.action == "gevolg"


def candidate_history(store: Store, exam_number: str, exam_year: int | None = None) -> list[HistoryLine]:
    """Every audit row about the candidate, and every CE grade that changed because of a score,
    scale length or N-term change, in the order of the log."""
    with store.read() as con:
        year = exam_year or scalar(
            con, "SELECT max(exam_year) FROM candidates WHERE exam_number = ?", [exam_number])
        if year is None:
            return []
        own = con.execute(
            "SELECT id, changed_at, actor, action, table_name, row_key, field, old_value, "
            "new_value, reason, source, coalesce(after_closing, false) FROM audit_log "
            "WHERE exam_number = ? AND exam_year = ? ORDER BY id", [exam_number, year]).fetchall()
        nex_ids = sorted({str(n) for (n,) in con.execute(
            "SELECT DISTINCT nex_id FROM ce_scores WHERE exam_year = ? AND exam_number = ? "
            "AND nex_id IS NOT NULL", [year, exam_number]).fetchall()}
            | {n for r in own if r[4] == "ce_scores" and (n := _nex(r)) is not None})
        exams = con.execute(
            "SELECT id, changed_at, actor, action, row_key, field, old_value, new_value, reason, "
            "source FROM audit_log WHERE table_name = 'ce_exams' AND row_key IN "
            "(SELECT unnest(?)) ORDER BY id", [[f"{year}/{n}" for n in nex_ids]]).fetchall()
    lines = [HistoryLine(r[0], r[1], r[2], r[3], f"{r[4]} {r[5]}", r[6], r[7], r[8], r[9], r[10],
                         bool(r[11])) for r in own]
    return sorted(lines + _consequences(own, exams), key=lambda h: (h.audit_id, h.derived))


def _nex(row: tuple[Any, ...]) -> str | None:
    """The NEX-ID a ce_scores audit row sets, if it does."""
    if row[6] == "nex_id":
        return row[8]
    return _json(row[8]).get("nex_id")


def _json(text: str | None) -> dict[str, Any]:
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _consequences(own: list[tuple[Any, ...]], exams: list[tuple[Any, ...]]) -> list[HistoryLine]:
    """Replay scores (per tijdvak and subject) and exams (L, N) in log order; each time the CE
    grade of a score changes, emit a `gevolg` line naming the change that caused it."""
    events = sorted([("score", r) for r in own if r[4] == "ce_scores"]
                    + [("exam", r) for r in exams], key=lambda e: e[1][0])
    scores: dict[str, dict[str, Any]] = {}      # row key (year/period/number/subject) -> fields
    exam: dict[str, dict[str, Any]] = {}        # nex_id -> {scale_length, n_term}
    shown: dict[str, int | None] = {}           # score row key -> last CE grade (tenths)
    out: list[HistoryLine] = []
    for kind, r in events:
        if kind == "score":
            row_id, at, actor, action, _, key, field, old, new, _, source = r[:11]
            _apply(scores.setdefault(key, {}), action, field, new)
            cause = f"{'score' if field in (None, 'score') else field} {_nl(old)} -> {_nl(new)}" \
                if action == "update" else "score ingevoerd"
            keys = [key]
        else:
            row_id, at, actor, action, key, field, old, new, _, source = r
            nex_id = key.split("/", 1)[1]
            _apply(exam.setdefault(nex_id, {}), action, field, new)
            label = {"n_term": "N-term", "scale_length": "schaallengte"}.get(field or "", "examen")
            cause = f"{label} {_nl(old)} -> {_nl(new)} van examen {nex_id}" if action == "update" \
                else f"examen {nex_id} ingevoerd"
            keys = [k for k, v in scores.items() if v.get("nex_id") == nex_id]
        for score_key in keys:
            fields = scores[score_key]
            tenths = _ce_tenths(fields, exam.get(fields.get("nex_id") or "", {}))
            before = shown.get(score_key)
            changed = tenths != before if score_key in shown else tenths is not None
            if changed:
                _, period, _, subject = [*score_key.split("/"), "", "", "", ""][:4]
                out.append(HistoryLine(row_id, at, actor, "gevolg",
                                       f"CE-cijfer {subject} tijdvak {period}", "ce_cijfer",
                                       _grade(before), _grade(tenths), f"door {cause}", source))
            shown[score_key] = tenths
    return out


def _apply(state: dict[str, Any], action: str, field: str | None, new: str | None) -> None:
    if action in ("insert", "vastgelegd"):
        state.clear()
        state.update(_json(new))
    elif action == "update" and field:
        state[field] = new
    elif action == "delete":
        state.clear()


def _ce_tenths(score_row: dict[str, Any], exam_row: dict[str, Any]) -> int | None:
    if score_row.get("direct_grade"):
        return int(grades.parse_grade(score_row["direct_grade"]) * 10)
    try:
        score = int(score_row["score"])
        length = int(exam_row["scale_length"])
        n_term = grades.parse_decimal(exam_row["n_term"])
        return grades.ce_grade_tenths(score, length, n_term)
    except (KeyError, TypeError, ValueError, grades.GradeError):
        return None


def _grade(tenths: int | None) -> str | None:
    return None if tenths is None else f"{tenths // 10},{tenths % 10}"


def _nl(value: str | None) -> str:
    return "leeg" if value is None else value.replace(".", ",")
