"""Has anyone changed the school's file since I last looked? The two cheap questions.

Why apart from `changes.py` (which re-exports both): the TUI's first-read process asks them
before the first screen shows, and `changes.py` imports attrs for its Change rows, about 40 ms
of processor time the secretary would wait for. Nothing here imports more than the store.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, ...]:
    """Size and modification time of the database file and its write-ahead log.

    Changes whenever any process commits (DuckDB appends to the WAL or checkpoints into the
    file); costs one stat per file and never touches the lock. It may also move without a data
    change (a checkpoint on close), so it only says "look", never "changed".
    """
    out: list[int] = []
    base = Path(path)
    for p in (base, base.with_name(base.name + ".wal")):
        try:
            st = p.stat()
        except OSError:
            out.extend((0, 0))
            continue
        out.extend((st.st_size, st.st_mtime_ns))
    return tuple(out)


def change_counter(con: duckdb.DuckDBPyConnection) -> int:
    """The id of the newest audit row on an open connection: grows with every committed
    change, 0 for a new file (every write commits together with its audit rows)."""
    row = con.execute("SELECT max(id) FROM audit_log").fetchone()
    return int(row[0]) if row and row[0] is not None else 0
