"""The first screen's data, read by a process of its own while the app loads Textual.

Why: opening the TUI costs two big imports, Textual (to draw) and DuckDB (to read), each a
few tenths of a second of processor time. One after the other they kept the secretary waiting
well over a second for the school's name. This process loads DuckDB, checks the database
(a file that cannot be opened is reported before the screen switches, so the message stays
readable), reads what the overview shows and the store's change counter, and hands that over,
while the app's own process loads Textual on the other core. The app imports DuckDB only
after its first screen is drawn.

The child is `python -m examenbureau.tui.first_read DB`; it never imports Textual and writes
nothing but its answer, pickled, to stdout (a pipe between our own two processes). The child
is the slower of the two, so it imports only what the answer needs: no attrs (a dataclass
here, `tui.overview_data`, `core.store.stamp`), no subprocess; and it opens the file once:
the store's checks and the read of the counter and the overview share one connection.
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import dataclass
from typing import Any

OK, FAILED = "ok", "fout"


@dataclass(frozen=True)
class FirstRead:
    """What the app needs before its first paint."""

    stamp: tuple[int, ...]          # the file's stamp, taken before the counter was read
    last_change: int | None         # the store's change counter (None: not readable)
    overview: Any                   # tui.overview_data.Overview
    role: str | None = None         # the OS account's role (core.store.roles)


class FirstReadError(Exception):
    """The database cannot be opened; the message is Dutch and names the file."""


class FirstReader:
    """The app's side: start the child at once, collect its answer when it is needed."""

    def __init__(self, db_path: str) -> None:
        import subprocess

        self.answered = False
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "examenbureau.tui.first_read", db_path],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            close_fds=True)

    def answer(self) -> FirstRead | None:
        """The first read, or None when the child gave no answer (the app then reads itself);
        a database that cannot be opened raises FirstReadError."""
        # to the end of the pipe, not to the end of the child: the child closes its side as
        # soon as the answer is written, before Python and DuckDB shut down (a tenth of a
        # second the first screen no longer waits for)
        assert self.proc.stdout is not None
        out = self.proc.stdout.read()
        self.answered = True
        try:
            kind, value = pickle.loads(out)
        except Exception:  # no answer (killed, crashed): the app's own read will say why
            return None
        if kind == FAILED:
            raise FirstReadError(value)
        return value if isinstance(value, FirstRead) else None

    def stop(self) -> None:
        """Never leave the child behind: one that answered is left to finish its shutdown
        (reaped in the background); one that did not (an interrupted start) is killed."""
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        if self.proc.poll() is None:
            if self.answered:
                import threading

                threading.Thread(target=self.proc.wait, daemon=True).start()
                return
            self.proc.kill()
        self.proc.wait()


def read(db_path: str) -> tuple[str, Any]:
    """(OK, FirstRead) or (FAILED, a Dutch sentence)."""
    from pathlib import Path

    from examenbureau.core.store import Store, StoreError
    from examenbureau.core.store.stamp import change_counter, file_stamp

    from .overview_data import read_overview

    def first(con: Any) -> tuple[tuple[int, ...], int, Any]:
        # the stamp before the counter: a change committed after it moves the stamp, so the
        # app's live check looks again
        stamp = file_stamp(db_path)
        return stamp, change_counter(con), read_overview(con, str(Path(db_path)), None)

    try:
        store = Store(db_path, create=False, first_read=first)
        stamp, counter, overview = store.first_read
        return OK, FirstRead(stamp, counter, overview, store.role)
    except StoreError as exc:
        return FAILED, str(exc)


def main(argv: list[str]) -> int:
    from examenbureau.core.file_privacy import set_private_umask

    set_private_umask()
    try:
        answer = read(argv[0])
    except Exception:  # not a store error: the app's own read reports it properly
        return 1
    sys.stdout.buffer.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    # end of the answer: the pipe closes now, while this process still shuts down
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    # No cyclic garbage collection in a process that lives half a second: it walked the
    # objects of every import (DuckDB's, the store's) again and again, ~15% of the wait.
    import gc

    gc.disable()
    # through the package's own module, so that FirstRead pickles under its importable name
    from examenbureau.tui import first_read

    code = first_read.main(sys.argv[1:])
    # The answer is written and flushed, the store's file closed and unlocked: nothing is left
    # to clean up. Python's own shutdown (DuckDB's modules and all) costs another ~0.1 s of
    # processor time, taken from the app while it draws its first screen on a busy machine.
    os._exit(code)
