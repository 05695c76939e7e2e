"""Progress of long work on the terminal: counts and time left, on stderr, only for a person.

A results day with 10,000 candidates or a national benchmark takes seconds to minutes; a
secretary who sees nothing move presses ctrl+c. Scripts and CI (stderr not a terminal) get
no progress lines, so their logs stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Callable `(done, total)`, as core's long operations accept it."""

    def __init__(self, label: str, stream: TextIO | None = None, every: float = 0.2,
                 force: bool = False) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = force or self.stream.isatty()
        self.every = every
        self.started = time.monotonic()
        self._last = 0.0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < self.every:
            return
        self._last = now
        self.stream.write("\r" + self.line(done, total, now - self.started) + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def line(self, done: int, total: int, elapsed: float) -> str:
        pct = 100 * done // total if total else 100
        text = f"{self.label}: {done:,}/{total:,} ({pct}%)".replace(",", ".")
        if 0 < done < total:
            left = elapsed * (total - done) / done
            text += f", nog ongeveer {_duration(left)}"
        elif done >= total:
            text += f", klaar in {_duration(elapsed)}"
        return text

    def close(self) -> None:
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s" if seconds >= 10 else f"{seconds:.1f} s".replace(".", ",")
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes} min {secs:02d} s"
