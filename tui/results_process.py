"""The year's results of a large school, computed in a process of its own at a lower priority.

Why a process and not a thread: the results engine is Python; in a thread of the app it holds
the interpreter lock half of the time, so on a busy school server every key the secretary
types waited for it (a key took half a second to show while 20,000 results were computed).
A separate process runs on the other core or, on a shared machine, gets the scheduler's lower
share (`os.nice`), and the screen process stays free to answer keys. Only small rows cross
over (`tui.year_results`), pickled on a pipe between our own two processes.

The child is `python -m examenbureau.tui.results_process DB EXAMENJAAR`; it never imports
Textual, writes nothing but its answer to stdout, and stops when the app stops reading.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from typing import IO, Any

FAILED = "fout"
NICENESS = 10


class ResultsProcessError(Exception):
    """The results process could not compute the results; the message is Dutch."""


class ResultsProcess:
    """The app's side: start the child, read its events, stop it (never left running)."""

    def __init__(self, db_path: str, exam_year: int) -> None:
        self.stopped = False
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "examenbureau.tui.results_process", db_path, str(exam_year)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            close_fds=True)

    def events(self) -> Iterator[tuple[Any, ...]]:
        """The child's events until it is done; a failure in the child is raised here."""
        assert self.proc.stdout is not None
        while True:
            try:
                event = pickle.load(self.proc.stdout)
            except (EOFError, pickle.UnpicklingError, OSError):
                break
            if event[0] == FAILED:
                raise ResultsProcessError(event[1])
            yield event
        code = self.proc.wait()
        if code != 0 and not self.stopped:
            raise ResultsProcessError(
                f"De uitslag kon niet worden berekend: het rekenproces stopte met code {code}.")

    def stop(self) -> None:
        """Kill the child (a newer computation replaces it, or the app quits)."""
        self.stopped = True
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def _send(out: IO[bytes], event: tuple[Any, ...]) -> None:
    pickle.dump(event, out, protocol=pickle.HIGHEST_PROTOCOL)
    out.flush()


def main(argv: list[str]) -> int:
    """The child: compute, send every event, exit 0; a failure is sent as one Dutch line."""
    from examenbureau.core.file_privacy import set_private_umask

    set_private_umask()
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    out = sys.stdout.buffer
    try:
        from examenbureau.core.store import Store, StoreError

        from .year_results import events

        db_path, year = argv
        try:
            store = Store(db_path, create=False)
            for event in events(store, int(year)):
                _send(out, event)
        except StoreError as exc:
            _send(out, (FAILED, str(exc)))
    except BrokenPipeError:
        # the app stopped listening (quit, or a newer computation): nothing left to do
        os._exit(0)
    except Exception as exc:  # a rule pack error: one Dutch sentence, the trace in a log
        from examenbureau.core.errorlog import write_error_log

        log = write_error_log(exc, ["uitslag (TUI)", *argv])
        try:
            _send(out, (FAILED, f"De uitslag kon niet worden berekend: {type(exc).__name__}: "
                                f"{exc} (details in {log})."))
        except BrokenPipeError:
            os._exit(0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
