"""One process at a time in the school's file, from before DuckDB opens it until after it closed.

Why our own lock, beside DuckDB's: DuckDB takes an fcntl lock on the database file when it opens
it and gives it up while it shuts the database down; two examenbureau processes writing one
after the other lost a committed insert about once in twenty runs under load (issue 11: both
processes exited 0, one row and its audit row were gone). An fcntl lock belongs to the whole
process and disappears as soon as *any* descriptor of that file is closed, so the window in
which DuckDB still writes its checkpoint but no longer holds the file is outside our control.
This lock is a `flock` on `<database>.lock`, taken before `duckdb.connect` and released only
after the last connection of this process has closed (DuckDB's shutdown, checkpoint and WAL
removal included), so another process never sees the file half-written.

Within one process the lock is counted: the TUI's worker threads read in parallel on one
DuckDB instance, as before.
"""

from __future__ import annotations

import fcntl
import os
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .errors import StoreBusyError

_LOCKS: dict[str, ProcessLock] = {}
_LOCKS_GUARD = threading.Lock()


class ProcessLock:
    """A counted, process-wide exclusive lock on `<database>.lock`."""

    @classmethod
    def for_database(cls, db: Path) -> ProcessLock:
        key = str(db.resolve())
        with _LOCKS_GUARD:
            found = _LOCKS.get(key)
            if found is None:
                found = _LOCKS[key] = cls(Path(f"{key}.lock"))
            return found

    def __init__(self, path: Path) -> None:
        self.path = path
        self._count = 0
        self._fd: int | None = None
        self._mutex = threading.Lock()

    def acquire(self, timeout: float, what: str,
                on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock (or count one more user of it), waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        delay = 0.005
        told = False
        while True:
            with self._mutex:
                if self._count:
                    self._count += 1
                    return
                if self._fd is None:
                    self._fd = _open(self.path)
                try:
                    fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    pass
                else:
                    self._count = 1
                    _note_holder(self._fd)
                    return
            if time.monotonic() >= deadline:
                raise StoreBusyError(
                    f"De database {what} is al {timeout:.0f} seconden bezet door een ander proces "
                    f"({self.holder()}). Probeer het zo opnieuw.")
            if on_wait is not None and not told and delay >= 0.1:
                on_wait(f"De database is bezet door een ander proces ({self.holder()}, bijvoorbeeld "
                        "een import); examenbureau wacht tot het klaar is.")
                told = True
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 1.6, 0.25)

    def release(self) -> None:
        with self._mutex:
            self._count -= 1
            if self._count == 0 and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def holder(self) -> str:
        try:
            pid = self.path.read_text(encoding="ascii").strip()
        except OSError:
            pid = ""
        return f"proces {pid}" if pid.isdigit() else "onbekend proces"


def _open(path: Path) -> int:
    """The lock file, with the database's own permissions (whoever may open the database may
    take the lock; a colleague's account that may only read it opens it read-only)."""
    db = Path(str(path)[: -len(".lock")])
    try:
        mode = db.stat().st_mode & 0o666
    except OSError:
        mode = 0o600
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, mode)
    except PermissionError:
        return os.open(path, os.O_RDONLY)


def _note_holder(fd: int) -> None:
    """Write our process id into the lock file, for the message another process shows."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
    except OSError:  # opened read-only: the message then says "onbekend proces"
        pass
