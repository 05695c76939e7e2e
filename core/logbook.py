"""The Logboek: the hash-chained audit trail as a secretary searches it.

Why a module of its own (and not SQL in the screen): the audit log is the chain of
`core/store/audit.py`; what a screen may ask of it is a filter (candidate, OS account, table,
day, text) and what it gets back are lines that already say who (account and display name),
when (UTC), and whether the change crossed a closing act. Grades that changed without anyone
touching the candidate (an N-term or a score corrected) come from the same replay
`examenbureau audit --examennummer N` prints (`core.audit_history.candidate_history`), so the
CLI and the TUI never tell two stories.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import attrs

from .audit_history import HistoryLine, candidate_history
from .store import Store
from .store.changes import RESULTS, Change, who

LIMIT = 1000
_COLUMNS = ("id, changed_at, actor, action, table_name, row_key, field, old_value, new_value, "
            "reason, source, display_name, coalesce(after_closing, false)")
# the candidate's own rows: by the audit row's candidate column (written since the chain) or,
# for rows from before it, by the position of the exam number in the row's key
_CANDIDATE_SQL = (
    "(exam_number = ?"
    " OR (table_name IN ('candidates', 'candidate_subjects', 'se_results', 'results')"
    "     AND split_part(row_key, '/', 2) = ?)"
    " OR (table_name IN ('ce_scores', 'ce_item_scores') AND split_part(row_key, '/', 3) = ?)"
    " OR (table_name IN ('resit_requests', 'incidents') AND new_value LIKE ?))")


@attrs.frozen
class LogLine(Change):
    """One line of the Logboek: an audit row, or a grade that followed from one (`derived`)."""

    after_closing: bool = False
    # a derived line: the grade that changed ("CE-cijfer netl tijdvak 1"), else None
    consequence: str | None = None

    @property
    def derived(self) -> bool:
        return self.consequence is not None

    @property
    def utc(self) -> datetime | None:
        """The moment in UTC (the log stores it with its zone; a pre-chain row is UTC)."""
        if self.at is None:
            return None
        at = self.at if self.at.tzinfo is not None else self.at.replace(tzinfo=UTC)
        return at.astimezone(UTC)

    @property
    def when(self) -> str:
        """`12-06-2025 10:00` in UTC (the screens name the zone in the column heading)."""
        moment = self.utc
        return moment.strftime("%d-%m-%Y %H:%M") if moment else ""


@attrs.frozen
class Filters:
    exam_number: str | None = None
    actor: str | None = None
    table: str | None = None
    day: date | None = None
    text: str | None = None
    exam_year: int | None = None      # of the derived grades; None: the candidate's latest year


def search(store: Store, filters: Filters, *, limit: int = LIMIT) -> list[LogLine]:
    """The audit trail filtered as the Logboek asks, newest first.

    Filtered on a candidate, the lines also hold every CE grade of theirs that changed
    because an N-term, a scale length or a score changed (action `gevolg`, derived by
    replaying the log), placed right after the row that caused it.
    """
    where: list[str] = ["true"]
    params: list[Any] = []
    number = filters.exam_number
    if number:
        where.append(_CANDIDATE_SQL)
        params += [number, number, number, f"%exam_number={number};%"]
    if filters.actor:
        where.append("actor = ?")
        params.append(filters.actor)
    if filters.table:
        where.append("table_name = ?")
        params.append(filters.table)
    if filters.day is not None:
        where.append("CAST(timezone('UTC', changed_at) AS DATE) = ?")
        params.append(filters.day)
    if filters.text:
        where.append("concat_ws(' ', row_key, field, old_value, new_value, reason, source, "
                     "actor, display_name) ILIKE ?")
        params.append(f"%{filters.text}%")
    with store.read() as con:
        rows = con.execute(f"SELECT {_COLUMNS} FROM audit_log WHERE {' AND '.join(where)}"
                           " ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
    lines = [LogLine(i, at, actor, action, table, key, field, old, new, reason, source, name,
                     after_closing=bool(closed))
             for i, at, actor, action, table, key, field, old, new, reason, source, name, closed
             in rows]
    if number:
        derived = [d for d in _derived(store, number, filters.exam_year)
                   if _passes(d, filters)]
        if derived:
            oldest = lines[-1].id if len(lines) >= limit else 0
            lines += [d for d in derived if d.id >= oldest]
            lines.sort(key=lambda line: (line.id, line.derived), reverse=True)
    return lines


def candidate_lines(store: Store, exam_year: int, exam_number: str, *,
                    limit: int = 500) -> list[LogLine]:
    """One candidate's Logboek (the Kandidaat screen's tab), newest first."""
    found = search(store, Filters(exam_number=exam_number, exam_year=exam_year), limit=limit)
    year = str(exam_year)
    return [line for line in found if _year_of(line) in (None, year)]


def _year_of(line: LogLine) -> str | None:
    if line.derived or line.table in (None, "resit_requests", "incidents") or not line.key:
        return None
    return line.key.split("/", 1)[0]


def _derived(store: Store, exam_number: str, exam_year: int | None) -> list[LogLine]:
    """The grades that followed from a change, as `audit --examennummer` shows them."""
    return [_as_line(h, exam_number, exam_year)
            for h in candidate_history(store, exam_number, exam_year) if h.derived]


def _as_line(h: HistoryLine, exam_number: str, exam_year: int | None) -> LogLine:
    year = "" if exam_year is None else str(exam_year)
    return LogLine(h.audit_id, h.at, h.actor, h.action, RESULTS, f"{year}/{exam_number}",
                   h.field, h.old, h.new, h.reason, h.source, None,
                   after_closing=h.after_closing, consequence=h.what)


def _passes(line: LogLine, f: Filters) -> bool:
    """The filters a derived line answers to (it has no stored row of its own)."""
    if f.actor and line.actor != f.actor:
        return False
    if f.table and f.table != RESULTS:
        return False
    if f.day is not None and (line.utc is None or line.utc.date() != f.day):
        return False
    if f.text:
        haystack = " ".join(p or "" for p in (line.consequence, line.old, line.new, line.reason,
                                              line.source, line.actor)).casefold()
        return f.text.casefold() in haystack
    return True


@attrs.frozen
class Choices:
    """The Logboek's filter choices: who ever changed something, and which tables."""

    actors: list[tuple[str, str]]          # (label "Marieke [mdevries]", OS account)
    tables: list[str]


def choices(store: Store) -> Choices:
    with store.read() as con:
        actors = con.execute(
            "SELECT actor, string_agg(DISTINCT display_name, ', ' ORDER BY display_name) "
            "FROM audit_log GROUP BY actor ORDER BY actor").fetchall()
        tables = [r[0] for r in con.execute(
            "SELECT DISTINCT table_name FROM audit_log WHERE table_name IS NOT NULL"
            " ORDER BY table_name").fetchall()]
    return Choices([(who(a, n), a) for a, n in actors], tables)


def after_closing_count(lines: Iterable[LogLine]) -> int:
    return sum(1 for line in lines if line.after_closing)
