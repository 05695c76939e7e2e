"""One process at a time in the school's file, from before DuckDB opens it until after it closed.

Why our own lock, beside DuckDB's: with DuckDB 2.0 alone, two processes that open, insert,
commit and close one file in turns lose a committed row now and then (issue 11: both exited 0,
one row and its audit row gone). Reproduced without examenbureau's code, with plain `duckdb`
in two processes under load: 1 of 30 runs lost an insert; with this lock 0 of 60 (docs/trust.md
has the runs). DuckDB gives up its own file lock while it is still shutting the database down
(checkpoint, write-ahead log removal); a second process that opens the file in that window can
have its commit written to a log that the first process then removes. This lock is a `flock` on
`<database>.lock`, taken before `duckdb.connect` and released only after the last connection of
this process has closed, so another process never opens the file while it is being closed.

Fair: a process that keeps reading in a loop must not starve a colleague's save. A waiter first
takes the turnstile `<database>.lock.queue` and keeps it while it waits for the lock; whoever
releases the lock must pass the turnstile to take it again, so the lock goes to the waiter.
Blocking `flock` calls run in a helper thread, so a wait can end at a deadline and say that it
is waiting.

Within one process the lock is counted: the TUI's worker threads read in parallel on one
DuckDB instance, as before.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .errors import StoreBusyError

_LOCKS: dict[str, ProcessLock] = {}
_LOCKS_GUARD = threading.Lock()
_TELL_AFTER = 0.2     # seconds of waiting before on_wait is told


class ProcessLock:
    """A counted, process-wide, fair exclusive lock on `<database>.lock`."""

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
        self.queue = Path(f"{path}.queue")
        self._count = 0
        self._fd: int | None = None
        self._taking = False            # one thread of this process takes the file lock
        self._cond = threading.Condition()

    def acquire(self, timeout: float, what: str,
                on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock (or count one more user of it), waiting up to `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if self._count:
                    self._count += 1
                    return
                if not self._taking:
                    self._taking = True
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._busy(what, timeout)
                self._cond.wait(remaining)
        fd: int | None = None
        try:
            fd = _Attempt(self.path, self.queue).take(deadline, on_wait, self.holder)
        finally:
            with self._cond:
                self._taking = False
                if fd is not None:
                    self._fd, self._count = fd, 1
                self._cond.notify_all()
        if fd is None:
            raise self._busy(what, timeout)

    def release(self) -> None:
        with self._cond:
            self._count -= 1
            if self._count == 0 and self._fd is not None:
                fd, self._fd = self._fd, None
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def holder(self) -> str:
        try:
            pid = self.path.read_text(encoding="ascii").strip()
        except OSError:
            pid = ""
        return f"proces {pid}" if pid.isdigit() else "onbekend proces"

    def _busy(self, what: str, timeout: float) -> StoreBusyError:
        return StoreBusyError(
            f"De database {what} is al {timeout:.0f} seconden bezet door een ander proces "
            f"({self.holder()}). Probeer het zo opnieuw.")


class _Attempt:
    """One try to take the lock, with its own file descriptors: a helper thread left behind
    after a deadline can never unlock or inherit the lock of a later try."""

    def __init__(self, path: Path, queue: Path) -> None:
        self.path, self.queue = path, queue
        self._mutex = threading.Lock()
        self._done = threading.Event()
        self._fd: int | None = None
        self._abandoned = False
        self._error: OSError | None = None

    def take(self, deadline: float, on_wait: Callable[[str], None] | None,
             holder: Callable[[], str]) -> int | None:
        """The locked descriptor, or None at the deadline."""
        fast = self._try_now()
        if fast is not None:
            return fast
        threading.Thread(target=self._wait, name="examenbureau-lock", daemon=True).start()
        started = time.monotonic()
        told = False
        while True:
            remaining = deadline - time.monotonic()
            step = remaining if told or on_wait is None else min(remaining, _TELL_AFTER)
            if self._done.wait(max(step, 0)):
                break
            if time.monotonic() >= deadline:
                with self._mutex:
                    if self._fd is None and self._error is None:
                        self._abandoned = True
                        return None
                break
            if on_wait is not None and not told and time.monotonic() - started >= _TELL_AFTER:
                on_wait(f"De database is bezet door een ander proces ({holder()}, bijvoorbeeld "
                        "een import); examenbureau wacht tot het klaar is.")
                told = True
        if self._error is not None:
            raise self._error
        return self._fd

    def _try_now(self) -> int | None:
        """Without waiting: the turnstile and the lock are both free."""
        queue = _open(self.queue)
        try:
            try:
                fcntl.flock(queue, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return None
            fd = _open(self.path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return None
            _note_holder(fd)
            return fd
        finally:
            os.close(queue)     # closing the turnstile's descriptor releases it

    def _wait(self) -> None:
        try:
            queue = _open(self.queue)
            try:
                fcntl.flock(queue, fcntl.LOCK_EX)     # our turn to wait for the lock
                fd = _open(self.path)
                fcntl.flock(fd, fcntl.LOCK_EX)
            finally:
                os.close(queue)
        except OSError as exc:
            with self._mutex:
                self._error = exc
            self._done.set()
            return
        with self._mutex:
            if self._abandoned:            # the caller gave up meanwhile: pass the lock on
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
                return
            _note_holder(fd)
            self._fd = fd
        self._done.set()


def _open(path: Path) -> int:
    """A lock file, with the database's own permissions (whoever may open the database may
    take the lock; a colleague's account that may only read it opens it read-only)."""
    text = str(path)
    for tail in (".lock.queue", ".lock"):
        if text.endswith(tail):
            text = text[: -len(tail)]
            break
    db = Path(text)
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
