"""What a command does about file privacy before it opens the school's database.

Why a module outside `core.store`: importing anything from the store package imports DuckDB
(a third of a second of processor time), and the command line sets its umask and warns about a
world-readable database before anything else. The TUI opens its first screen while another
process reads the database; with these two steps here, it never waits for DuckDB to load.
`core.store.files` re-exports them, so every other caller keeps its import.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# The process umask for the command line: whatever DuckDB or a library creates behind our back
# (the write-ahead log, temporary files) is private as well.
PRIVATE_UMASK = 0o077


def set_private_umask() -> int:
    """Make every file this process creates private; returns the previous umask."""
    return os.umask(PRIVATE_UMASK)


def exposure_notice(path: str | os.PathLike[str]) -> str | None:
    """A Dutch warning when the database can be read by every account on the computer."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    if not stat.S_ISREG(mode) or not mode & stat.S_IROTH:
        return None
    return (f"Let op: {path} is leesbaar voor iedere gebruiker van deze computer (rechten "
            f"{stat.S_IMODE(mode):o}); het bevat leerlinggegevens. Maak het privé met: "
            f"chmod 600 {path}")
