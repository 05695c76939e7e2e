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
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from . import files
from .backup import backup_target, copy_database
from .bulk import insert_rows, normal_key, update_rows
from .errors import (
    ConflictError,
    DatabaseUnreadableError,
    NewerSchemaError,
    StoreBusyError,
    StoreError,
    unreadable_message,
)

__all__ = [
    "SCHEMA_VERSION",
    "ConflictError",
    "DatabaseUnreadableError",
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
            insert_rows(self.con, "audit_log", _AUDIT_COLUMNS, self._audit_rows)
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
        of changed columns and one INSERT (see bulk.update_rows and bulk.insert_rows), not one statement
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
            tuple(normal_key(v) for v in r[:width]): (tuple(r[:width]), tuple(r[width:]))
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
            lookup = tuple(normal_key(v) for v in key)
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
            update_rows(self.con, table, key_columns, changed_columns, batch)
        if inserts:
            insert_rows(self.con, table, columns, inserts)
        return counts


_AUDIT_COLUMNS = ("changed_at", "actor", "action", "table_name", "row_key", "field", "old_value",
                  "new_value", "reason", "source")
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
        created = not self.path.exists()
        if created and not create:
            raise StoreError(f"Database {self.path} bestaat niet.")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._migrate()
        except BaseException:
            if created:  # a half-made new file is not a database: leave nothing behind
                for leftover in (self.path, Path(f"{self.path}.wal")):
                    leftover.unlink(missing_ok=True)
            raise
        self.created = created
        if created:
            files.protect(self.path)

    # -- connections ----------------------------------------------------------------------------
    def _connect(self, timeout: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting (with jittered backoff) while another process holds it."""
        timeout = self.busy_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        delay = 0.005
        told = False
        while True:
            try:
                with self._gate:
                    return duckdb.connect(str(self.path), config=dict(_DUCKDB_CONFIG))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise DatabaseUnreadableError(
                        unreadable_message(self.path, exc)
                        or f"Database {self.path} kan niet worden geopend ({exc}).") from exc
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"De database {self.path} is al {timeout:.0f} seconden bezet "
                        f"door een ander proces ({_holder(exc)}). Probeer het zo opnieuw."
                    ) from exc
                if on_wait is not None and not told and delay >= 0.1:
                    on_wait(f"De database is bezet door een ander proces ({_holder(exc)}, "
                            "bijvoorbeeld een import); examenbureau wacht tot het klaar is.")
                    told = True
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
        except duckdb.Error as exc:
            raise self._unreadable(exc) from exc
        finally:
            self._close(con)

    def _unreadable(self, exc: duckdb.Error) -> BaseException:
        """A damaged file as one Dutch sentence; any other DuckDB error stays what it is (a bug
        must remain visible as a bug)."""
        message = unreadable_message(self.path, exc)
        return DatabaseUnreadableError(message) if message else exc

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
                except BaseException as exc:
                    with suppress(duckdb.Error):
                        con.execute("ROLLBACK")
                    if isinstance(exc, duckdb.Error):
                        raise self._unreadable(exc) from exc
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
                if current == 0 and _has_tables(con):
                    raise DatabaseUnreadableError(
                        f"{self.path} is een DuckDB-bestand van een ander programma, geen "
                        "examenbureau-database; het is niet gewijzigd. Geef met --db het bestand "
                        "van de school.")
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
                        with suppress(duckdb.Error):
                            con.execute("ROLLBACK")
                        raise
            except duckdb.Error as exc:
                raise self._unreadable(exc) from exc
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

    def file_group(self) -> str | None:
        """The group that may read the files we write (mode 640); None: only the owner (600)."""
        with self.read() as con:
            return self.file_group_on(con)

    @staticmethod
    def file_group_on(con: duckdb.DuckDBPyConnection) -> str | None:
        row = con.execute("SELECT value FROM settings WHERE key = ?", [files.GROUP_SETTING]).fetchone()
        return (row[0] or None) if row else None

    def set_setting(self, key: str, value: str | None, *, reason: str | None = None,
                    source: str | None = None) -> None:
        with self.transaction(reason=reason, source=source) as tx:
            tx.upsert_many("settings", ["key"], [{"key": key, "value": value}])

    # -- backup ---------------------------------------------------------------------------------
    def backup(self, dest: str | os.PathLike[str], *, wait: float = 3600.0,
               on_wait: Callable[[str], None] | None = None) -> Path:
        """A consistent, private copy while colleagues keep working; returns where it went.

        We hold the file (no other process writes meanwhile) and checkpoint first, so the copy
        is the database as of one moment. A running import is waited for (up to `wait`
        seconds); `on_wait` is told once, with a Dutch sentence, that we are waiting.
        """
        target, _ = backup_target(self.path, dest)
        with self._write_lock:
            con = self._connect(timeout=wait, on_wait=on_wait)
            try:
                con.execute("CHECKPOINT")
                copy_database(self.path, target, self.file_group_on(con))
                con.execute(
                    "INSERT INTO audit_log (changed_at, actor, action, reason, source) VALUES (?,?,?,?,?)",
                    [datetime.now().replace(microsecond=0), self.actor, "backup",
                     "reservekopie gemaakt", str(target)],
                )
            finally:
                self._close(con)
        return target


def latest_exam_year(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest exam year with candidates on an open connection; None for an empty school."""
    row = con.execute("SELECT max(exam_year) FROM candidates").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _stored_version(con: duckdb.DuckDBPyConnection) -> int:
    has_meta = (con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone() or (0,))[0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _has_tables(con: duckdb.DuckDBPyConnection) -> bool:
    return bool((con.execute("SELECT count(*) FROM information_schema.tables").fetchone() or (0,))[0])


def _holder(exc: Exception) -> str:
    text = str(exc)
    marker = "(PID "
    if marker in text:
        pid = text.split(marker, 1)[1].split(")", 1)[0]
        return f"proces {pid}"
    return "onbekend proces"
