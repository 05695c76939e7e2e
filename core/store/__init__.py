"""The one store API: every read and write of the school's DuckDB file goes through here.

Why it looks like this: DuckDB lets one *process* hold a database file, and several exam
secretaries each run their own process (one per SSH login). So no screen keeps a connection
open: every unit of work opens a short-lived connection, retries while another process holds
the lock, and closes again. Every write happens in one transaction together with its audit
rows (who, when, old, new, why), so nothing is changed without a trace and nothing is half
written.
"""

from __future__ import annotations

import getpass
import os
import random
import shutil
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from .errors import ConflictError, NewerSchemaError, StoreBusyError, StoreError

__all__ = [
    "SCHEMA_VERSION",
    "ConflictError",
    "NewerSchemaError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "Transaction",
    "UpsertCounts",
]

# No extension is ever downloaded or loaded behind our back: schools run offline and CI has
# no network. What the wheel links statically (json, parquet, icu) is all we use.
_DUCKDB_CONFIG = {
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
}

# One writer per database file inside this process: DuckDB's optimistic concurrency would
# otherwise abort one of two TUI worker threads writing at the same time.
_WRITE_LOCKS: dict[str, threading.RLock] = {}
# DuckDB keeps one database instance per file per process. When one thread closes the last
# connection while another opens a new one, the open can fail with "Unique file handle
# conflict" (DuckDB 2.0; seen in the TUI, whose workers read in parallel). Opening and closing
# one at a time per file prevents it; the reads and writes in between stay parallel.
_GATES: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def _migrations() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration shipped with this version, in order."""
    folder = resources.files(__package__).joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(number for number, _, _ in _migrations())


def default_actor() -> str:
    """Who is working: the login name, so the audit log names a person, not a program."""
    try:
        return os.environ.get("EXAMENBUREAU_USER") or getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "onbekend"


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


def _key_text(key: Mapping[str, Any]) -> str:
    return "/".join(to_text(v) or "" for v in key.values())


class UpsertCounts:
    """What an import or bulk edit did, for the sentence "3 nieuw, 2 gewijzigd, 40 ongewijzigd"."""

    def __init__(self) -> None:
        self.new = 0
        self.changed = 0
        self.unchanged = 0
        self.changed_keys: list[tuple[Any, ...]] = []

    def add(self, other: UpsertCounts) -> None:
        self.new += other.new
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.changed_keys.extend(other.changed_keys)

    def sentence(self) -> str:
        return f"{self.new} nieuw, {self.changed} gewijzigd, {self.unchanged} ongewijzigd"

    def __repr__(self) -> str:
        return f"UpsertCounts({self.sentence()})"


class Transaction:
    """One unit of work on an open connection; every change it makes is audited."""

    def __init__(self, con: duckdb.DuckDBPyConnection, actor: str, reason: str | None,
                 source: str | None) -> None:
        self.con = con
        self.actor = actor
        self.reason = reason
        self.source = source
        self.at = datetime.now().replace(microsecond=0)
        self._audit_rows: list[tuple[Any, ...]] = []

    # -- raw access ---------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
        return self.con.execute(sql, params or [])

    def fetchall(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params or []).fetchall()

    # -- audit ----------------------------------------------------------------------------------
    def audit(self, action: str, table: str | None = None, key: str | None = None,
              field: str | None = None, old: Any = None, new: Any = None,
              reason: str | None = None) -> None:
        """Queue an audit row; all of them are written just before the commit."""
        self._audit_rows.append((
            self.at, self.actor, action, table, key, field, to_text(old), to_text(new),
            reason if reason is not None else self.reason, self.source,
        ))

    def _flush_audit(self) -> None:
        if self._audit_rows:
            _insert_rows(self.con, "audit_log", _AUDIT_COLUMNS, self._audit_rows)
            self._audit_rows.clear()

    # -- audited row operations ---------------------------------------------------------------
    def get(self, table: str, key: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any] | None:
        where = " AND ".join(f"{k} = ?" for k in key)
        row = self.con.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {where}", list(key.values())
        ).fetchone()
        return dict(zip(columns, row, strict=True)) if row else None

    def insert(self, table: str, values: Mapping[str, Any], key: Mapping[str, Any] | None = None) -> None:
        cols = list(values)
        self.con.execute(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            list(values.values()),
        )
        self.audit("insert", table, _key_text(key) if key else None, None, None,
                   "; ".join(f"{c}={to_text(v) or ''}" for c, v in values.items()))

    def update(self, table: str, key: Mapping[str, Any], values: Mapping[str, Any],
               expected_version: int | None = None) -> bool:
        """Change `values` of one row; False when nothing differed.

        With `expected_version` the row must still be the version the user saw, or
        ConflictError is raised: two secretaries editing the same grade never overwrite each
        other silently.
        """
        cols = list(values)
        current = self.get(table, key, [*cols, "row_version"])
        if current is None:
            raise StoreError(f"{table}: rij {_key_text(key)} bestaat niet (meer).")
        if expected_version is not None and current["row_version"] != expected_version:
            raise ConflictError(
                f"{table} {_key_text(key)} is intussen door iemand anders gewijzigd "
                f"(versie {current['row_version']}, u bewerkte versie {expected_version}). "
                "Laad opnieuw en controleer de waarde voordat u opslaat."
            )
        changed = {c: v for c, v in values.items() if not same_value(current[c], v)}
        if not changed:
            return False
        sets = ", ".join(f"{c} = ?" for c in changed)
        where = " AND ".join(f"{k} = ?" for k in key)
        self.con.execute(
            f"UPDATE {table} SET {sets}, row_version = row_version + 1 WHERE {where}",
            [*changed.values(), *key.values()],
        )
        for c, v in changed.items():
            self.audit("update", table, _key_text(key), c, current[c], v)
        return True

    def delete(self, table: str, key: Mapping[str, Any]) -> bool:
        where = " AND ".join(f"{k} = ?" for k in key)
        gone = self.con.execute(f"SELECT * FROM {table} WHERE {where}", list(key.values())).fetchone()
        if gone is None:
            return False
        self.con.execute(f"DELETE FROM {table} WHERE {where}", list(key.values()))
        self.audit("delete", table, _key_text(key), None, "; ".join(to_text(v) or "" for v in gone), None)
        return True

    def upsert_many(self, table: str, key_columns: Sequence[str],
                    rows: Iterable[Mapping[str, Any]]) -> UpsertCounts:
        """Insert new rows, update changed ones, leave equal ones alone; audit every change.

        Set-based on both sides so that re-importing a file of thousands of rows takes a fraction
        of a second instead of minutes: one query reads the existing rows, a dict keyed by the
        normalised key finds each of them in O(1), and the changes go back as one UPDATE per set
        of changed columns and one INSERT (see _update_rows and _insert_rows), not one statement
        per row (DuckDB spends about 1 ms on each). Idempotent: importing the same file twice
        changes nothing and says so.
        """
        rows = list(rows)
        counts = UpsertCounts()
        if not rows:
            return counts
        columns = list(rows[0])
        value_columns = [c for c in columns if c not in key_columns]
        width = len(key_columns)
        first = key_columns[0]
        firsts = sorted({r[first] for r in rows}, key=str)
        placeholders = ", ".join("?" for _ in firsts)
        # normalised key -> (key as stored, values as stored). The stored key is what the UPDATE
        # matches on, so a row given as 2025 or "2025" still updates the row the lookup found.
        existing: dict[tuple[Any, ...], tuple[tuple[Any, ...], tuple[Any, ...]]] = {
            tuple(_normal_key(v) for v in r[:width]): (tuple(r[:width]), tuple(r[width:]))
            for r in self.con.execute(
                f"SELECT {', '.join([*key_columns, *value_columns])} FROM {table}"
                f" WHERE {first} IN ({placeholders})",
                firsts,
            ).fetchall()
        }
        inserts: list[tuple[Any, ...]] = []
        # (pass, changed columns) -> [(*stored key, *new values)]. A key given twice is updated
        # twice, in input order, as one UPDATE per row did: its second change goes in pass 1.
        updates: dict[tuple[int, tuple[str, ...]], list[tuple[Any, ...]]] = {}
        passes: dict[tuple[Any, ...], int] = {}
        for row in rows:
            key = tuple(row[k] for k in key_columns)
            lookup = tuple(_normal_key(v) for v in key)
            found = existing.get(lookup)
            if found is None:
                inserts.append(tuple(row[c] for c in columns))
                counts.new += 1
                self.audit("insert", table, "/".join(to_text(v) or "" for v in key), None, None,
                           "; ".join(f"{c}={to_text(row[c]) or ''}" for c in value_columns))
                continue
            stored_key, old = found
            changed = {c: row[c] for c, o in zip(value_columns, old, strict=True) if not same_value(o, row[c])}
            if not changed:
                counts.unchanged += 1
                continue
            counts.changed += 1
            counts.changed_keys.append(key)
            passes[lookup] = passes.get(lookup, -1) + 1
            updates.setdefault((passes[lookup], tuple(changed)), []).append((*stored_key, *changed.values()))
            olds = dict(zip(value_columns, old, strict=True))
            for c, v in changed.items():
                self.audit("update", table, "/".join(to_text(x) or "" for x in key), c, olds[c], v)
        for (_, changed_columns), batch in sorted(updates.items(), key=lambda item: item[0][0]):
            _update_rows(self.con, table, key_columns, changed_columns, batch)
        if inserts:
            _insert_rows(self.con, table, columns, inserts)
        return counts


_AUDIT_COLUMNS = ("changed_at", "actor", "action", "table_name", "row_key", "field", "old_value",
                  "new_value", "reason", "source")
# Rows per bulk statement: large enough that the per-statement cost vanishes, small enough that
# one statement's parameter lists stay a few MB.
_CHUNK_ROWS = 10_000


def _column_lists(rows: Sequence[Sequence[Any]]) -> list[list[Any]] | None:
    """The rows as one list per column, or None when a column mixes Python types.

    DuckDB turns a list parameter into one LIST value of a single type, so [7, Decimal("7.5")]
    would reach a TEXT column as "7.0". Mixed columns are rare (an importer types each column
    one way); for them the caller falls back to one statement per row, where every value is
    typed on its own exactly as before.
    """
    lists = [list(values) for values in zip(*rows, strict=True)]
    for values in lists:
        if len({type(v) for v in values if v is not None}) > 1:
            return None
    return lists


def _unnest(count: int, offset: int = 0) -> str:
    """`unnest($1) AS _c0, unnest($2) AS _c1, ...`: the column lists side by side as rows."""
    return ", ".join(f"unnest(${offset + i + 1}) AS _c{offset + i}" for i in range(count))


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str],
                 rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows with one INSERT ... SELECT unnest(column lists) per chunk.

    Why not executemany: DuckDB runs it as one statement per row (about 1 ms each), which made
    a re-import of a cohort's SE results and its audit rows take minutes. A multi-row VALUES
    statement binds every value as a parameter (about 30 µs a row); one list per column binds
    a handful of parameters and is another ten times faster. The rows keep their order, so the
    audit log's ids follow the order in which the changes were made.
    """
    head = f"INSERT INTO {table} ({', '.join(columns)}) "
    for start in range(0, len(rows), _CHUNK_ROWS):
        chunk = rows[start:start + _CHUNK_ROWS]
        lists = _column_lists(chunk)
        if lists is None:
            one = head + "VALUES (" + ", ".join("?" for _ in columns) + ")"
            for row in chunk:
                con.execute(one, list(row))
            continue
        con.execute(head + "SELECT " + _unnest(len(columns)), lists)


def _update_rows(con: duckdb.DuckDBPyConnection, table: str, key_columns: Sequence[str],
                 columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Set `columns` of many rows, each given as (*key, *new values), and bump their row_version.

    One UPDATE ... FROM (column lists) per chunk instead of one UPDATE per row, for the same
    reason as _insert_rows. The keys are the ones read from the table, so they match exactly;
    no key occurs twice in `rows` (upsert_many puts a repeated key in a later pass).
    """
    width = len(key_columns)
    sets = ", ".join(f"{c} = _v._c{width + i}" for i, c in enumerate(columns))
    where = " AND ".join(f"{table}.{k} = _v._c{i}" for i, k in enumerate(key_columns))
    bulk = (f"UPDATE {table} SET {sets}, row_version = row_version + 1"
            f" FROM (SELECT {_unnest(width + len(columns))}) AS _v WHERE {where}")
    for start in range(0, len(rows), _CHUNK_ROWS):
        chunk = rows[start:start + _CHUNK_ROWS]
        lists = _column_lists(chunk)
        if lists is not None:
            con.execute(bulk, lists)
            continue
        one = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)}, row_version = row_version + 1"
               f" WHERE {' AND '.join(f'{k} = ?' for k in key_columns)}")
        for row in chunk:
            con.execute(one, [*row[width:], *row[:width]])


def _normal_key(value: Any) -> Any:
    return value if not isinstance(value, (int, Decimal)) or isinstance(value, bool) else str(value)


class Store:
    """A school's database file.

    `Store(path)` creates the file with the current schema when it is missing, migrates an
    older one, and refuses one written by a newer version of examenbureau.
    """

    def __init__(self, path: str | os.PathLike[str], *, actor: str | None = None,
                 busy_timeout: float = 30.0, create: bool = True) -> None:
        self.path = Path(path)
        self.actor = actor or default_actor()
        self.busy_timeout = busy_timeout
        with _WRITE_LOCKS_GUARD:
            self._write_lock = _WRITE_LOCKS.setdefault(str(self.path.resolve()), threading.RLock())
            self._gate = _GATES.setdefault(str(self.path.resolve()), threading.Lock())
        if not self.path.exists() and not create:
            raise StoreError(f"Database {self.path} bestaat niet.")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    # -- connections ----------------------------------------------------------------------------
    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting (with jittered backoff) while another process holds it."""
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.005
        while True:
            try:
                with self._gate:
                    return duckdb.connect(str(self.path), config=dict(_DUCKDB_CONFIG))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(f"Database {self.path} kan niet worden geopend: {exc}") from exc
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"De database {self.path} is al {self.busy_timeout:.0f} seconden bezet "
                        f"door een ander proces ({_holder(exc)}). Probeer het zo opnieuw."
                    ) from exc
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 1.6, 0.25)

    def _close(self, con: duckdb.DuckDBPyConnection) -> None:
        with self._gate:
            con.close()

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for reading, closed at the end of the block."""
        con = self._connect()
        try:
            yield con
        finally:
            self._close(con)

    @contextmanager
    def transaction(self, *, reason: str | None = None, source: str | None = None,
                    actor: str | None = None) -> Iterator[Transaction]:
        """One audited write: all of it commits, or none of it (an exception rolls back)."""
        with self._write_lock:
            con = self._connect()
            try:
                con.execute("BEGIN TRANSACTION")
                tx = Transaction(con, actor or self.actor, reason, source)
                try:
                    yield tx
                    tx._flush_audit()
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
            finally:
                self._close(con)

    # -- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as con:
            return _stored_version(con)

    def _migrate(self) -> None:
        with self._write_lock:
            con = self._connect()
            try:
                current = _stored_version(con)
                if current > SCHEMA_VERSION:
                    raise NewerSchemaError(
                        f"{self.path} is geschreven door een nieuwere versie van examenbureau "
                        f"(schemaversie {current}; deze versie kent tot en met {SCHEMA_VERSION}). "
                        "Werk examenbureau bij; het bestand is niet gewijzigd."
                    )
                for number, name, sql in _migrations():
                    if number <= current:
                        continue
                    con.execute("BEGIN TRANSACTION")
                    try:
                        con.execute(sql)
                        if number == 1:
                            con.execute("INSERT INTO meta VALUES ('created_at', ?)",
                                        [datetime.now().isoformat(timespec="seconds")])
                        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)])
                        con.execute("INSERT OR REPLACE INTO meta VALUES ('duckdb_version', ?)", [duckdb.__version__])
                        con.execute(
                            "INSERT INTO audit_log (changed_at, actor, action, reason, source) VALUES (?,?,?,?,?)",
                            [datetime.now().replace(microsecond=0), self.actor, "migrate",
                             f"schema naar versie {number}", name],
                        )
                        con.execute("COMMIT")
                    except BaseException:
                        con.execute("ROLLBACK")
                        raise
            finally:
                self._close(con)

    # -- facts every command asks ---------------------------------------------------------------
    def latest_exam_year(self) -> int | None:
        """The newest exam year with candidates: what a command means without --examenjaar."""
        with self.read() as con:
            return latest_exam_year(con)

    # -- settings -------------------------------------------------------------------------------
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self.read() as con:
            row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None, *, reason: str | None = None,
                    source: str | None = None) -> None:
        with self.transaction(reason=reason, source=source) as tx:
            tx.upsert_many("settings", ["key"], [{"key": key, "value": value}])

    # -- backup ---------------------------------------------------------------------------------
    def backup(self, dest: str | os.PathLike[str]) -> Path:
        """A consistent copy: we hold the file lock (no one writes) and checkpoint first."""
        dest = Path(dest)
        if dest.is_dir():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            dest = dest / f"{self.path.stem}-{stamp}{self.path.suffix or '.duckdb'}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        with self._write_lock:
            con = self._connect()
            try:
                con.execute("CHECKPOINT")
                tmp = dest.with_name(dest.name + ".part")
                shutil.copyfile(self.path, tmp)
                os.replace(tmp, dest)
                con.execute(
                    "INSERT INTO audit_log (changed_at, actor, action, reason, source) VALUES (?,?,?,?,?)",
                    [datetime.now().replace(microsecond=0), self.actor, "backup",
                     "reservekopie gemaakt", str(dest)],
                )
            finally:
                self._close(con)
        return dest


def latest_exam_year(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest exam year with candidates on an open connection; None for an empty school."""
    row = con.execute("SELECT max(exam_year) FROM candidates").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _stored_version(con: duckdb.DuckDBPyConnection) -> int:
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()[0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _holder(exc: Exception) -> str:
    text = str(exc)
    marker = "(PID "
    if marker in text:
        pid = text.split(marker, 1)[1].split(")", 1)[0]
        return f"proces {pid}"
    return "onbekend proces"
