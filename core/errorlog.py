"""Where an unexpected error goes: a private log file, never a traceback on a user's screen.

Why a file: an exam secretary cannot act on a Python traceback, and a traceback may show
pupil data to whoever looks over her shoulder; the program's maintainer needs exactly that
traceback. So the trace is written to a file only the user can read, and the screen says where.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from .store.files import open_private


def log_folder() -> Path:
    """`$XDG_STATE_HOME/examenbureau` (usually ~/.local/state/examenbureau), made private."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "examenbureau"


def write_error_log(exc: BaseException, command: list[str] | None = None) -> Path:
    """Write `exc` with its traceback to a new private file; returns its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"fout-{stamp}-{os.getpid()}.log"
    text = _report(exc, command)
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / name
        with open_private(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return path
    except OSError:
        fd, fallback = tempfile.mkstemp(prefix="examenbureau-fout-", suffix=".log")  # mode 600
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        return Path(fallback)


def _report(exc: BaseException, command: list[str] | None) -> str:
    from examenbureau import __version__

    tb: TracebackType | None = exc.__traceback__
    lines = [
        f"examenbureau {__version__}, Python {sys.version.split()[0]}",
        f"tijdstip (UTC): {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"opdracht: {' '.join(command) if command is not None else ' '.join(sys.argv)}",
        "",
        *traceback.format_exception(type(exc), exc, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"
