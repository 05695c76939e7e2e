"""One unit of work on an open connection: every change it makes is audited and chained.

Why set-based: an import of ten rows into a school of 20,000 candidates used to load every
existing row of the year into Python before comparing, holding the write lock for 10-12 s.
Now the incoming rows go into a temporary table and DuckDB compares only those keys with the
table; the audit rows of the changes come out of the same comparison, and what a closing act
froze is decided by the same SQL (freeze.py), so the lock time follows the file, not the school.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import duckdb

from .audit import Chain, now
from .bulk import insert_rows
from .errors import ConflictError, StoreError
from .freeze import NEEDS, frozen_by, refusal
from .tables import CANDIDATE_COLUMNS, column_types, key_sql, scalar, snapshot_query, text_sql


def to_text(value: Any) -> str | None:
    """The audit log stores values as text exactly as a person would read them back."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def same_value(old: Any, new: Any) -> bool:
    """Equal as stored facts: Decimal('7.0') equals Decimal('7'), '' is not None."""
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, (int, Decimal)) and isinstance(new, (int, Decimal)) and not (
        isinstance(old, bool) or isinstance(new, bool)
    ):
        return Decimal(old) == Decimal(new)
    if isinstance(old, datetime) or isinstance(new, datetime):
        return old == new
    if isinstance(old, date) and isinstance(new, str):
        return old.isoformat() == new
    return old == new


def key_text(key: Mapping[str, Any]) -> str:
    return "/".join(to_text(v) or "" for v in key.values())


def values_json(values: Mapping[str, Any]) -> str:
    """A whole row in one audit cell (an insert's new value, a delete's old value), as JSON so
    that `audit verify` can read each field back exactly."""
    return json.dumps({c: to_text(v) for c, v in values.items()}, ensure_ascii=False,
                      separators=(",", ":"))


class UpsertCounts:
    """What an import or bulk edit did, for the sentence "3 nieuw, 2 gewijzigd, 40 ongewijzigd"."""

    def __init__(self) -> None:
        self.new = 0
        self.changed = 0
        self.unchanged = 0
        self.after_closing = 0      # new or changed rows that a closing act had frozen
        self.changed_keys: list[tuple[Any, ...]] = []

    def add(self, other: UpsertCounts) -> None:
        self.new += other.new
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.after_closing += other.after_closing
        self.changed_keys.extend(other.changed_keys)

    def sentence(self) -> str:
        return f"{self.new} nieuw, {self.changed} gewijzigd, {self.unchanged} ongewijzigd"

    def __repr__(self) -> str:
        return f"UpsertCounts({self.sentence()})"


class Transaction:
    """One unit of work on an open connection; every change it makes is audited.

    `reason` says what the program does ("import se-results"); `user_reason` is what a person
    typed (`--reden`, the TUI's reason field). Only the latter lets a change through that a
    closing act froze, and it goes into every audit row of the transaction.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, actor: str, reason: str | None = None,
                 source: str | None = None, *, display_name: str | None = None,
                 user_reason: str | None = None) -> None:
        self.con = con
        self.actor = actor
        self.display_name = display_name
        self.user_reason = (user_reason or "").strip() or None
        self.reason = self.user_reason or reason
        self.source = source
        self.at = now()
        self.chain = Chain(con)
        self._queued: list[tuple[Any, ...]] = []
        # the closing acts whose frozen rows this transaction changed ("se:2025:0"), so a
        # caller can say "gewijzigd na vaststelling" before and after saving
        self.closed_acts: set[str] = set()

    # -- raw access ---------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, params or [])

    def fetchall(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params or []).fetchall()

    # -- audit ----------------------------------------------------------------------------------
    def audit(self, action: str, table: str | None = None, key: str | Mapping[str, Any] | None = None,
              field: str | None = None, old: Any = None, new: Any = None,
              reason: str | None = None, *, row: Mapping[str, Any] | None = None,
              after_closing: bool = False) -> None:
        """Queue an audit row; the queue goes into the chain before the next set-based write
        and at the commit. `row` (or a key mapping) names the candidate the row is about."""
        about = {**(row or {}), **(key if isinstance(key, Mapping) else {})}
        self._queued.append((
            self.at, self.actor, self.display_name, action, table,
            key_text(key) if isinstance(key, Mapping) else key, field, to_text(old), to_text(new),
            reason if reason is not None else self.reason, self.source,
            *(about.get(c) for c in CANDIDATE_COLUMNS), after_closing,
        ))

    def flush(self) -> None:
        if self._queued:
            self.chain.append(self._queued)
            self._queued = []

    def audit_snapshot(self, table: str, action: str, where: str = "",
                       params: Sequence[Any] = ()) -> int:
        """One audit row per row of `table` (matching `where`, with `params`) with all its
        values: how a set-based writer accounts for rows it wrote (or is about to delete) in
        SQL. Action `vastgelegd` records rows as they now stand after a set-based UPDATE."""
        self.flush()
        return self.chain.append_query(snapshot_query(self.con, table, action, where),
                                       list(params), self._fixed())

    def _fixed(self) -> dict[str, Any]:
        return {"changed_at": self.at, "actor": self.actor, "display_name": self.display_name,
                "reason": self.reason, "source": self.source}

    # -- closing acts ---------------------------------------------------------------------------
    def frozen_row(self, table: str, row: Mapping[str, Any]) -> str | None:
        """The act that froze this row of `table` ("se:2025:0"), or None."""
        expression = frozen_by(table, "r.")
        needs = NEEDS.get(table, ())
        if expression is None or any(c not in row for c in needs):
            return None
        select = ", ".join(f"? AS {c}" for c in needs)
        found = self.con.execute(f"SELECT {expression} FROM (SELECT {select}) AS r",
                                 [row[c] for c in needs]).fetchone()
        return found[0] if found else None

    def _allow(self, act: str | None, table: str, key: Mapping[str, Any] | str) -> bool:
        """True when the change is after a closing act (and carries a person's reason);
        refuses it when it has no reason."""
        if act is None:
            return False
        if self.user_reason is None:
            raise refusal(act, table, key if isinstance(key, str) else key_text(key))
        self.closed_acts.add(act)
        return True

    # -- audited row operations ---------------------------------------------------------------
    def get(self, table: str, key: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any] | None:
        where = " AND ".join(f"{k} = ?" for k in key)
        row = self.con.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", list(key.values())
        ).fetchone()
        return dict(zip(columns, row, strict=True)) if row else None

    def insert(self, table: str, values: Mapping[str, Any], key: Mapping[str, Any] | None = None) -> None:
        after = self._allow(self.frozen_row(table, values), table, key or "(nieuw)")
        cols = list(values)
        self.con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            list(values.values()),
        )
        shown = {c: v for c, v in values.items() if not key or c not in key}
        self.audit("insert", table, key, None, None, values_json(shown), row=values,
                   after_closing=after)

    def update(self, table: str, key: Mapping[str, Any], values: Mapping[str, Any],
               expected_version: int | None = None) -> bool:
        """Change `values` of one row; False when nothing differed.

        With `expected_version` the row must still be the version the user saw, or
        ConflictError is raised: two secretaries editing the same grade never overwrite each
        other silently.
        """
        needs = [c for c in NEEDS.get(table, ()) if c not in values and c not in key]
        cols = list(dict.fromkeys([*values, *needs]))
        current = self.get(table, key, [*cols, "row_version"])
        if current is None:
            raise StoreError(f"{table}: rij {key_text(key)} bestaat niet (meer).")
        if expected_version is not None and current["row_version"] != expected_version:
            raise ConflictError(
                f"{table} {key_text(key)} is intussen door iemand anders gewijzigd "
                f"(versie {current['row_version']}, u bewerkte versie {expected_version}). "
                "Laad opnieuw en controleer de waarde voordat u opslaat."
            )
        changed = {c: v for c, v in values.items() if not same_value(current[c], v)}
        if not changed:
            return False
        before = {**current, **key}
        act = self.frozen_row(table, before) or self.frozen_row(table, {**before, **values})
        after = self._allow(act, table, key)
        sets = ", ".join(f"{c} = ?" for c in changed)
        where = " AND ".join(f"{k} = ?" for k in key)
        self.con.execute(
            f"UPDATE {table} SET {sets}, row_version = row_version + 1 WHERE {where}",
            [*changed.values(), *key.values()],
        )
        for c, v in changed.items():
            self.audit("update", table, key, c, current[c], v, row=before, after_closing=after)
        return True

    def delete(self, table: str, key: Mapping[str, Any]) -> bool:
        where = " AND ".join(f"{k} = ?" for k in key)
        cur = self.con.execute(f"SELECT * FROM {table} WHERE {where}", list(key.values()))
        found = cur.fetchone()
        if found is None:
            return False
        gone = dict(zip([d[0] for d in cur.description], found, strict=True))
        after = self._allow(self.frozen_row(table, gone), table, key)
        self.con.execute(f"DELETE FROM {table} WHERE {where}", list(key.values()))
        shown = {c: v for c, v in gone.items() if c not in key and c != "row_version"}
        self.audit("delete", table, key, None, values_json(shown), None, row=gone,
                   after_closing=after)
        return True

    def upsert_many(self, table: str, key_columns: Sequence[str],
                    rows: Iterable[Mapping[str, Any]]) -> UpsertCounts:
        """Insert new rows, update changed ones, leave equal ones alone; audit every change.

        Idempotent: importing the same file twice changes nothing and says so. A key given
        twice is updated twice, in input order; each of its audit rows names the value the row
        had before this call. A change to a row frozen by a closing act needs `user_reason`.
        """
        rows = list(rows)
        counts = UpsertCounts()
        if not rows:
            return counts
        self.flush()  # the queued audit rows come first in the chain
        return _Upsert(self, table, list(key_columns), rows).run()


class _Upsert:
    """upsert_many's steps: stage, classify, check closings, audit, apply."""

    def __init__(self, tx: Transaction, table: str, key_columns: list[str],
                 rows: list[Mapping[str, Any]]) -> None:
        self.tx, self.con, self.table, self.keys, self.rows = tx, tx.con, table, key_columns, rows
        self.columns = list(rows[0])
        self.values = [c for c in self.columns if c not in key_columns]
        self.types = column_types(self.con, table)

    def run(self) -> UpsertCounts:
        try:
            self._stage()
            self._classify()
            counts = self._counts()
            self._check_closings()
            self._audit()
            self._apply()
            return counts
        finally:  # after a failure the transaction is aborted; the connection's end drops them
            with suppress(duckdb.Error):
                self.con.execute("DROP TABLE IF EXISTS _stage")
                self.con.execute("DROP TABLE IF EXISTS _cls")

    def _stage(self) -> None:
        cols = ", ".join(self.columns)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE _stage AS SELECT {cols}, 0::BIGINT AS _ord "
                         f"FROM {self.table} LIMIT 0")
        insert_rows(self.con, "_stage", [*self.columns, "_ord"],
                    [(*(r[c] for c in self.columns), i) for i, r in enumerate(self.rows)])

    def _classify(self) -> None:
        """One row per incoming row: new or not, which value columns differ, the act that froze
        the stored row (`_frozen_old`) or the row as it will be (`_frozen_new`)."""
        on = " AND ".join(f"t.{k} = s.{k}" for k in self.keys)
        needs = NEEDS.get(self.table, ())
        merged = [f"{'s' if c in self.columns else 't'}.{c} AS _m_{c}" for c in needs]
        stored = [f"t.{c} AS _t_{c}" for c in needs]
        olds = [f"t.{c} AS _old_{c}" for c in self.values]
        differs = " OR ".join(f"_old_{c} IS DISTINCT FROM {c}" for c in self.values) or "false"
        new_act = frozen_by(self.table, "j._m_") or "NULL"
        old_act = frozen_by(self.table, "j._t_") or "NULL"
        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _cls AS
            WITH j AS (
                SELECT s.*, t.row_version IS NULL AS _new, {', '.join([*olds, *merged, *stored, "1 AS _x"])},
                       row_number() OVER (PARTITION BY {', '.join('s.' + k for k in self.keys)}
                                          ORDER BY s._ord) AS _pass
                FROM _stage s LEFT JOIN {self.table} t ON {on})
            SELECT j.*, NOT j._new AND ({differs}) AS _changed,
                   {new_act} AS _frozen_new, {old_act} AS _frozen_old
            FROM j""")

    def _counts(self) -> UpsertCounts:
        counts = UpsertCounts()
        new, changed, total, closed = self.con.execute(
            "SELECT count(*) FILTER (_new), count(*) FILTER (_changed), count(*), count(*) FILTER "
            "((_new OR _changed) AND coalesce(_frozen_old, _frozen_new) IS NOT NULL) FROM _cls"
        ).fetchone() or (0, 0, 0, 0)
        counts.new, counts.changed, counts.unchanged = new, changed, total - new - changed
        counts.after_closing = closed
        if changed:
            positions = self.con.execute("SELECT _ord FROM _cls WHERE _changed ORDER BY _ord").fetchall()
            counts.changed_keys = [tuple(self.rows[i][k] for k in self.keys) for (i,) in positions]
        return counts

    def _check_closings(self) -> None:
        first = self.con.execute(
            f"SELECT coalesce(_frozen_old, _frozen_new), {self._key_sql()} FROM _cls "
            "WHERE (_new OR _changed) AND coalesce(_frozen_old, _frozen_new) IS NOT NULL "
            "ORDER BY _ord LIMIT 1").fetchone()
        if first is not None:
            self.tx._allow(first[0], self.table, first[1])

    def _key_sql(self) -> str:
        return key_sql(self.keys, self.types)

    def _text(self, column: str, prefix: str = "") -> str:
        return text_sql(column, self.types.get(column), prefix)

    def _about(self) -> str:
        return ", ".join(f"{c if c in self.columns else 'NULL'} AS {c}" for c in CANDIDATE_COLUMNS)

    def _audit(self) -> None:
        closed = "coalesce(_frozen_old, _frozen_new) IS NOT NULL AS after_closing"
        common = f"'{self.table}' AS table_name, {self._key_sql()} AS row_key, {self._about()}, {closed}"
        pairs = ", ".join(f"'{c}', {self._text(c)}" for c in self.values)
        inserts = (f"SELECT 'insert' AS action, {common}, NULL::VARCHAR AS field, NULL::VARCHAR AS old_value, "
                   f"{'json_object(' + pairs + ')' if pairs else 'NULL'}::VARCHAR AS new_value, "
                   f"_ord * 1000 AS _sort FROM _cls WHERE _new")
        updates = [f"SELECT 'update', {common}, '{c}', {self._text(c, '_old_')}, {self._text(c)}, "
                   f"_ord * 1000 + {i + 1} FROM _cls WHERE _changed AND _old_{c} IS DISTINCT FROM {c}"
                   for i, c in enumerate(self.values)]
        self.tx.chain.append_query(" UNION ALL ".join([inserts, *updates]), [], self.tx._fixed())

    def _apply(self) -> None:
        passes = scalar(self.con, "SELECT max(_pass) FROM _cls WHERE _changed") or 0
        if self.values:
            sets = ", ".join(f"{c} = _cls.{c}" for c in self.values)
            on = " AND ".join(f"{self.table}.{k} = _cls.{k}" for k in self.keys)
            for number in range(1, passes + 1):
                self.con.execute(f"UPDATE {self.table} SET {sets}, row_version = row_version + 1 "
                                 f"FROM _cls WHERE {on} AND _cls._changed AND _cls._pass = ?", [number])
        cols = ", ".join(self.columns)
        self.con.execute(f"INSERT INTO {self.table} ({cols}) SELECT {cols} FROM _cls WHERE _new "
                         "ORDER BY _ord")
