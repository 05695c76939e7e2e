"""A Store whose connections open and close one at a time within this process.

Why: the TUI reads from several worker threads at once (the whole year's uitslag, a candidate's
file, the list). DuckDB 2.0 keeps one database instance per file per process; when one thread
closes the last connection while another opens a new one, the open can fail with
"Unique file handle conflict: Cannot attach ... already attached" (reproduced with three
threads doing open/read/close in a loop: a few failures in 900 reads; none with this gate).
Serialising only the open and the close keeps the reads themselves parallel.

The proper place for this is `examenbureau.core.store.Store` itself; until it does this, the TUI
uses this subclass. It changes nothing else: same file, same retries, same errors.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from examenbureau.core.store import Store

_GATES: dict[str, threading.Lock] = {}
_GATES_GUARD = threading.Lock()


def _gate(path: str) -> threading.Lock:
    with _GATES_GUARD:
        return _GATES.setdefault(path, threading.Lock())


class GatedStore(Store):
    """`Store` with open and close of read connections serialised per file."""

    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        gate = _gate(str(self.path.resolve()))
        with gate:
            con = self._connect()
        try:
            yield con
        finally:
            with gate:
                con.close()
