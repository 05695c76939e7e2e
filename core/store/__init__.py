"""The one store API: every read and write of the school's DuckDB file goes through here.

Why it looks like this: DuckDB lets one *process* hold a database file, and several exam
secretaries each run their own process (one per SSH login). So no screen keeps a connection
open: every unit of work opens a short-lived connection, retries while another process holds
the lock, and closes again. Every write happens in one transaction together with its audit
rows (who, when, old, new, why), chained by hashes (audit.py), so nothing is changed without a
trace and nothing is half written. Who may write is decided here too (roles.py), by the
operating system's account, and so is what a closing act froze (freeze.py).
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from . import files, roles
from .audit import now, seal_unlinked
from .backup import backup_target, copy_database
from .errors import (
    ConflictError,
    DatabaseUnreadableError,
    NewerSchemaError,
    StoreBusyError,
    StoreError,
    unreadable_message,
)
from .filelock import ProcessLock
from .freeze import ClosedError
from .identity import display_name as clean_display_name
from .identity import file_owner, os_account
from .roles import RoleError
from .tables import KEYS, scalar
from .transaction import Transaction, UpsertCounts, same_value, to_text

__all__ = [
    "SCHEMA_VERSION",
    "ClosedError",
    "ConflictError",
    "DatabaseUnreadableError",
    "NewerSchemaError",
    "RoleError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "Transaction",
    "UpsertCounts",
    "same_value",
    "to_text",
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


# From this schema version on, the audit log is a hash chain (migration 0004).
CHAIN_VERSION = 4


class Store:
    """A school's database file.

    `Store(path)` creates the file with the current schema when it is missing (the command line
    asks for that only for demo, import and --nieuw), migrates an older one, and refuses one
    written by a newer version of examenbureau or by another program. The account working is
    the operating system's (identity.py); `display_name` (or EXAMENBUREAU_USER) only adds a name
    beside it. Opening needs a role in the school's settings: writer or reader.
    """

    def __init__(self, path: str | os.PathLike[str], *, display_name: str | None = None,
                 busy_timeout: float = 30.0, create: bool = True,
                 on_wait: Callable[[str], None] | None = None,
                 actor: str | None = None,
                 first_read: Callable[[duckdb.DuckDBPyConnection], Any] | None = None) -> None:
        self.path = Path(path)
        self.on_wait = on_wait      # told once, in Dutch, when another process holds the file
        self.actor = os_account()
        # `actor=` is what callers passed before the account came from the OS: it can only
        # name the person beside the account now, never replace it.
        self.display_name = clean_display_name(display_name if display_name is not None else actor)
        self.busy_timeout = busy_timeout
        self.last_write_seconds: float | None = None
        with _WRITE_LOCKS_GUARD:
            self._write_lock = _WRITE_LOCKS.setdefault(str(self.path.resolve()), threading.RLock())
            self._gate = _GATES.setdefault(str(self.path.resolve()), threading.Lock())
        self._process_lock = ProcessLock.for_database(self.path)
        created = not self.path.exists()
        if created and not create:
            raise StoreError(f"Database {self.path} bestaat niet.")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # what `first_read` returned (None without one)
        self.first_read: Any = None
        try:
            self.role = self._open(first_read)
        except BaseException:
            if created:  # a half-made new file is not a database: leave nothing behind
                for leftover in (self.path, Path(f"{self.path}.wal"), Path(f"{self.path}.lock"),
                                 Path(f"{self.path}.lock.queue")):
                    leftover.unlink(missing_ok=True)
            raise
        self.created = created
        if created:
            files.protect(self.path)

    # -- connections ----------------------------------------------------------------------------
    def _connect(self, timeout: float | None = None,
                 on_wait: Callable[[str], None] | None = None) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting (with jittered backoff) while another process holds it.

        First our own process lock (filelock.py: held until DuckDB has completely closed the
        file again), then DuckDB's, which another program may hold.
        """
        timeout = self.busy_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        self._process_lock.acquire(timeout, str(self.path), on_wait or self.on_wait)
        try:
            return self._connect_duckdb(deadline, timeout)
        except BaseException:
            self._process_lock.release()
            raise

    def _connect_duckdb(self, deadline: float, timeout: float) -> duckdb.DuckDBPyConnection:
        delay = 0.005
        while True:
            try:
                with self._gate:
                    con = duckdb.connect(str(self.path), config=dict(_DUCKDB_CONFIG))
                # DuckDB must not draw its progress bar on our stdout: a long query in a
                # command whose output went into a file wrote bars between the lines.
                con.execute("SET enable_progress_bar = false")
                return con
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
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 1.6, 0.25)

    def _close(self, con: duckdb.DuckDBPyConnection) -> None:
        with self._gate:
            try:
                con.close()
            finally:
                self._process_lock.release()

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
                    user_reason: str | None = None,
                    actor: str | None = None) -> Iterator[Transaction]:
        """One audited write: all of it commits, or none of it (an exception rolls back).

        `reason` says what the program does; `user_reason` is the reason a person gave
        (`--reden`): it goes into every audit row and is what lets a change through that a
        closing act froze. Only a writer (roles.py) gets a transaction. `actor` only names
        the person beside the OS account for this transaction (a display name).
        """
        shown = clean_display_name(actor) if actor is not None else self.display_name
        with self._write_lock:
            con = self._connect()
            held = time.perf_counter()
            try:
                con.execute("BEGIN TRANSACTION")
                roles.require_writer(con, self.actor, self.path)
                tx = Transaction(con, actor=self.actor, display_name=shown,
                                 reason=reason, source=source, user_reason=user_reason)
                try:
                    yield tx
                    tx.flush()
                    con.execute("COMMIT")
                except BaseException as exc:
                    with suppress(duckdb.Error):
                        con.execute("ROLLBACK")
                    if isinstance(exc, duckdb.Error):
                        raise self._unreadable(exc) from exc
                    raise
            finally:
                self._close(con)
                # how long this process held the file (other processes wait that long)
                self.last_write_seconds = time.perf_counter() - held

    # -- schema ---------------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as con:
            return _stored_version(con)

    def _open(self, first_read: Callable[[duckdb.DuckDBPyConnection], Any] | None) -> str:
        """Migrate the file to this version (one transaction: all of it or nothing) and return
        the account's role; one connection for both, since every command opens a Store.

        `first_read` reads on that same connection once the checks passed (the TUI's first
        screen): every further open of the file costs ~45 ms, opening and closing DuckDB."""
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
                pending = _pending(con, current)
                if pending:
                    self._migrate(con, current, pending)
                role = roles.require_reader(con, self.actor, self.path)
                if first_read is not None:
                    self.first_read = first_read(con)
                return role
            except duckdb.Error as exc:
                raise self._unreadable(exc) from exc
            finally:
                self._close(con)

    def _migrate(self, con: duckdb.DuckDBPyConnection, current: int,
                 pending: list[tuple[int, str, str]]) -> None:
        """Run the pending migrations and write their audit rows, in one transaction.

        From version 4 on the log is a hash chain: a file that was older has its existing rows
        hashed as they are, every fact recorded as it stands (`vastgelegd`: the values `audit
        verify` starts from), and the file's owner made its first writer (roles.py).
        """
        con.execute("BEGIN TRANSACTION")
        try:
            for number, _, sql in pending:
                con.execute(sql)
                if number == 1:
                    con.execute("INSERT INTO meta VALUES ('created_at', ?)",
                                [now().isoformat(timespec="seconds")])
            last = max(current, pending[-1][0])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(last)])
            con.execute("INSERT OR REPLACE INTO meta VALUES ('duckdb_version', ?)", [duckdb.__version__])
            if last < CHAIN_VERSION:  # only when this code runs older migrations on their own
                for number, name, _ in pending:
                    con.execute("INSERT INTO audit_log (changed_at, actor, action, reason, source) "
                                "VALUES (?, ?, 'migrate', ?, ?)",
                                [datetime.now(), self.actor, f"schema naar versie {number}", name])
            else:
                self._audit_migrations(con, current, pending)
            con.execute("COMMIT")
        except BaseException:
            with suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise

    def _audit_migrations(self, con: duckdb.DuckDBPyConnection, current: int,
                          pending: list[tuple[int, str, str]]) -> None:
        if current:
            seal_unlinked(con)   # rows of a file from before the chain
        tx = Transaction(con, actor=self.actor, display_name=self.display_name,
                         reason="schema bijgewerkt", source="examenbureau")
        for number, name, _ in pending:
            tx.audit("migrate", reason=f"schema naar versie {number}", new=name)
        if current < CHAIN_VERSION:
            tx.flush()
            for table in KEYS:
                if scalar(con, f"SELECT count(*) FROM {table}"):
                    tx.audit_snapshot(table, "vastgelegd")
        if not roles.configured(con)[0]:
            first = {"key": roles.WRITERS, "value": file_owner(self.path)}
            if tx.get("settings", {"key": roles.WRITERS}, ["value"]) is None:
                tx.insert("settings", first, key={"key": roles.WRITERS})
            else:
                tx.upsert_many("settings", ["key"], [first])
        tx.flush()

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
                    source: str | None = None, user_reason: str | None = None) -> None:
        with self.transaction(reason=reason, source=source, user_reason=user_reason) as tx:
            tx.upsert_many("settings", ["key"], [{"key": key, "value": value}])

    # -- backup ---------------------------------------------------------------------------------
    def backup(self, dest: str | os.PathLike[str], *, wait: float = 3600.0,
               on_wait: Callable[[str], None] | None = None,
               user_reason: str | None = None) -> Path:
        """A consistent, private copy while colleagues keep working; returns where it went.

        We hold the file (no other process writes meanwhile) and checkpoint first, so the copy
        is the database as of one moment. A running import is waited for (up to `wait`
        seconds); `on_wait` is told once, with a Dutch sentence, that we are waiting.
        """
        target, _ = backup_target(self.path, dest)
        with self._write_lock:
            con = self._connect(timeout=wait, on_wait=on_wait)
            try:
                roles.require_writer(con, self.actor, self.path)
                con.execute("CHECKPOINT")
                copy_database(self.path, target, self.file_group_on(con))
                con.execute("BEGIN TRANSACTION")
                tx = Transaction(con, actor=self.actor, display_name=self.display_name,
                                 reason="reservekopie gemaakt", source=str(target),
                                 user_reason=user_reason)
                tx.audit("backup")
                tx.flush()
                con.execute("COMMIT")
            except duckdb.Error as exc:
                raise self._unreadable(exc) from exc
            finally:
                self._close(con)
        return target


def latest_exam_year(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest exam year with candidates on an open connection; None for an empty school."""
    row = con.execute("SELECT max(exam_year) FROM candidates").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def _pending(con: duckdb.DuckDBPyConnection, current: int) -> list[tuple[int, str, str]]:
    """The shipped migrations this file has not had, in number order.

    Why by name and not only `number > schema version`: migrations are numbered per team and
    land in any order. A file that reached version 3 before 0002 existed must still get 0002.
    Which ones a file had is in its audit log: every migration writes a `migrate` row naming its
    file (as `source` before the hash chain, as `new_value` since). A file without such rows
    (none exist, but a hand-made one could) falls back to the version number.
    """
    shipped = _migrations()
    if current == 0:
        return shipped
    applied = {name for (name,) in con.execute(
        "SELECT DISTINCT n FROM (SELECT source AS n FROM audit_log WHERE action = 'migrate' "
        "UNION ALL SELECT new_value FROM audit_log WHERE action = 'migrate') WHERE n LIKE '%.sql'"
    ).fetchall()}
    if not applied:
        return [m for m in shipped if m[0] > current]
    # 0001 made the file (a version-1 file may predate the migrate rows); the others by name
    return [m for m in shipped if m[0] > 1 and m[1] not in applied]


def _stored_version(con: duckdb.DuckDBPyConnection) -> int:
    # duckdb_tables(), not information_schema.tables: the view costs ~25 ms on our schema and
    # every command (and the TUI's first screen) opens a Store
    has_meta = (con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta'"
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
