"""The audit log as a hash chain: every row carries the hash of its content and of the row before.

Why a chain: an audit row that anyone with DuckDB can edit, delete or back-date proves nothing.
Chained, every row's hash depends on every row before it, so changing one old row changes the
hash of every later row; `examenbureau audit verify` recomputes the chain and names the first
row that does not fit. What it cannot stop is someone who rewrites the whole file and chain: the
head hash printed at each closing act (`vaststellen`) is the anchor that a person writes down or
sends away, and a rewritten chain no longer ends in it.

    content  = sha256(canonical(row))                      computed in SQL, all rows at once
    row_hash = sha256(prev_hash + content)                 the fold, in Python, row by row

canonical(row) is every field in FIELDS order, after the id, each as `<bytes>:<text>` (NULL as
`~`), the time in UTC as `2025-06-11T08:00:00.000123+00:00`: plain text that no library
version can spell differently. The content hashes are set-based (DuckDB hashes in parallel);
only the fold over 64-character hashes is sequential, so the demo's or a national import's
hundreds of thousands of audit rows cost seconds, not minutes. Writing and verifying use the
same SQL, so there is one definition of what a row's content is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

import duckdb

from .bulk import insert_rows
from .tables import scalar

GENESIS = "0" * 64
# The fields of an audit row that its hash covers, in canonical order (after the id).
FIELDS = ("changed_at", "actor", "display_name", "action", "table_name", "row_key", "field",
          "old_value", "new_value", "reason", "source", "exam_year", "exam_number", "subject",
          "after_closing")
_UTC_TEXT = "strftime(timezone('UTC', {c}), '%Y-%m-%dT%H:%M:%S.%f+00:00')"
_BATCH = 100_000
_SMALL = 500      # up to this many rows, hash in Python instead of through a temporary table


def _field_sql(column: str, prefix: str) -> str:
    text = _UTC_TEXT.format(c=prefix + column) if column == "changed_at" else \
        f"CAST({prefix}{column} AS VARCHAR)"
    return f"coalesce(CAST(strlen({text}) AS VARCHAR) || ':' || {text}, '~')"


def content_sql(prefix: str = "") -> str:
    """SQL for a row's content hash (hex), over columns `{prefix}id`, `{prefix}changed_at`, ..."""
    parts = " || ".join(_field_sql(c, prefix) for c in ("id", *FIELDS))
    return f"sha256({parts})"


def content_of(row_id: int, values: Sequence[Any]) -> str:
    """The same content hash as content_sql, computed in Python for a handful of rows (an edit,
    a closing act), where a round trip through a temporary table would cost more than the
    hashing. The values are as stored (_as_stored): text, int, bool or a datetime with a zone."""
    parts = []
    for value in (row_id, *values):
        if value is None:
            parts.append("~")
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, datetime):
            text = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
        else:
            text = str(value)
        parts.append(f"{len(text.encode('utf-8'))}:{text}")
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


def fold(prev: str, content: str) -> str:
    """The next link of the chain."""
    return hashlib.sha256((prev + content).encode("ascii")).hexdigest()


def utc_text(moment: datetime) -> str:
    """A timestamp as text in UTC with the zone and microseconds, as the chain covers it."""
    if moment.tzinfo is None:  # a row from before the audit chain, stored without a zone
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now() -> datetime:
    """The moment of a transaction: UTC, with microseconds, with the zone."""
    return datetime.now(UTC)


def head(con: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    """(id, hash) of the last row of the chain; (0, GENESIS) for an empty log."""
    row = con.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return 0, GENESIS
    return int(row[0]), row[1] or GENESIS


_STAGE_COLUMNS = ", ".join(FIELDS)


class Chain:
    """Appends rows to the audit log of one open transaction, each linked to the one before.

    New rows are gathered in a temporary table (`_audit_stage`), hashed there by SQL, folded
    into the chain in Python and then moved to the audit log in one statement per batch.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._head: tuple[int, str] | None = None

    @property
    def head(self) -> tuple[int, str]:
        if self._head is None:
            self._head = head(self.con)
        return self._head

    def append(self, rows: Iterable[Sequence[Any]]) -> int:
        """Write `rows` (values in FIELDS order) with ids and hashes; returns how many."""
        stored = [_as_stored(r) for r in rows]
        if not stored:
            return 0
        if len(stored) <= _SMALL:
            return self._append_small(stored)
        self._new_stage()
        insert_rows(self.con, "_audit_stage", ("_n", *FIELDS),
                    [(n, *values) for n, values in enumerate(stored, start=1)])
        return self._commit_stage(len(stored))

    def append_query(self, sql: str, params: Sequence[Any], fixed: Mapping[str, Any]) -> int:
        """Append the rows a SELECT produces, in its order (`_sort`): a set-based writer's
        audit rows. The SELECT gives the varying fields by name; `fixed` gives the others (who,
        when, why), the same for every row."""
        varying = {d[0] for d in self.con.execute(f"SELECT * FROM ({sql}) LIMIT 0",
                                                  list(params)).description}
        select, values = [], []
        for column in FIELDS:
            if column in varying:
                select.append(f"q.{column}")
            else:
                select.append("?")
                values.append(fixed.get(column))
        self._new_stage()
        # the fixed values' `?` stand in the select list, before the query's own parameters
        self.con.execute(f"INSERT INTO _audit_stage (_n, {_STAGE_COLUMNS}) SELECT row_number() OVER "
                         f"(ORDER BY q._sort), {', '.join(select)} FROM ({sql}) AS q",
                         [*values, *params])
        count = scalar(self.con, "SELECT count(*) FROM _audit_stage")
        return self._commit_stage(count)

    def _append_small(self, rows: list[tuple[Any, ...]]) -> int:
        last_id, last_hash = self.head
        out = []
        for values in rows:
            last_id += 1
            row_hash = fold(last_hash, content_of(last_id, values))
            out.append((last_id, *values, last_hash, row_hash))
            last_hash = row_hash
        insert_rows(self.con, "audit_log", ("id", *FIELDS, "prev_hash", "row_hash"), out)
        self._head = (last_id, last_hash)
        return len(out)

    def _new_stage(self) -> None:
        self.con.execute("CREATE OR REPLACE TEMP TABLE _audit_stage AS SELECT 0::BIGINT AS _n, "
                         f"{_STAGE_COLUMNS} FROM audit_log LIMIT 0")

    def _commit_stage(self, count: int) -> int:
        """Number, hash and fold the staged rows, then move them into the audit log."""
        last_id, last_hash = self.head
        try:
            for lo in range(1, count + 1, _BATCH):
                hi = min(count, lo + _BATCH - 1)
                contents = self.con.execute(
                    f"SELECT {content_sql()} FROM (SELECT ? + _n AS id, {_STAGE_COLUMNS} "
                    "FROM _audit_stage WHERE _n BETWEEN ? AND ?) ORDER BY id",
                    [last_id, lo, hi]).fetchall()
                prevs, hashes = [], []
                for (content,) in contents:
                    prevs.append(last_hash)
                    last_hash = fold(last_hash, content)
                    hashes.append(last_hash)
                self.con.execute(
                    f"INSERT INTO audit_log (id, {_STAGE_COLUMNS}, prev_hash, row_hash) "
                    f"SELECT $1 + s._n, {', '.join('s.' + c for c in FIELDS)}, v.p, v.h "
                    "FROM _audit_stage s JOIN (SELECT unnest($2) AS p, unnest($3) AS h, "
                    "unnest($4) AS n) v ON s._n = v.n ORDER BY s._n",
                    [last_id, prevs, hashes, list(range(lo, hi + 1))])
            self._head = (last_id + count, last_hash)
            return count
        finally:  # after a failure the transaction is aborted; the connection's end drops it
            with suppress(duckdb.Error):
                self.con.execute("DROP TABLE IF EXISTS _audit_stage")


_YEAR, _FLAG = FIELDS.index("exam_year"), FIELDS.index("after_closing")
_TEXT = tuple(i for i in range(1, len(FIELDS)) if i not in (_YEAR, _FLAG))  # stored as TEXT


def _as_stored(values: Sequence[Any]) -> tuple[Any, ...]:
    """The values as the audit log stores them (an exam year given as "2025" is 2025)."""
    out = list(values)
    for i in _TEXT:
        if out[i] is not None and not isinstance(out[i], str):
            out[i] = str(out[i])
    if out[_YEAR] is not None:
        out[_YEAR] = int(out[_YEAR])
    if out[_FLAG] is not None:
        out[_FLAG] = bool(out[_FLAG])
    return tuple(out)


def seal_unlinked(con: duckdb.DuckDBPyConnection) -> int:
    """Give hashes to rows written before the chain existed (migration 0004), in id order."""
    start = scalar(con, "SELECT min(id) FROM audit_log WHERE row_hash IS NULL")
    if start is None:
        return 0
    before = con.execute("SELECT row_hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1",
                         [start]).fetchone()
    prev = before[0] if before and before[0] else GENESIS
    count = 0
    last = start - 1
    while batch := con.execute(f"SELECT id, {content_sql()} FROM audit_log WHERE id > ? "
                               "ORDER BY id LIMIT ?", [last, _BATCH]).fetchall():
        ids, prevs, hashes = [], [], []
        for row_id, content in batch:
            ids.append(row_id)
            prevs.append(prev)
            prev = fold(prev, content)
            hashes.append(prev)
        con.execute("UPDATE audit_log SET prev_hash = _v.p, row_hash = _v.h FROM (SELECT "
                    "unnest($1) AS i, unnest($2) AS p, unnest($3) AS h) AS _v WHERE audit_log.id = _v.i",
                    [ids, prevs, hashes])
        count += len(ids)
        last = ids[-1]
    return count
