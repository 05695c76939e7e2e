"""Progress lines say counts and time left in Dutch, and stay silent for scripts."""

from __future__ import annotations

import io

from examenbureau.cli.progress import Progress


def test_line_has_counts_and_time_left():
    p = Progress("Uitslag", stream=io.StringIO())
    assert p.line(2500, 10000, 5.0) == "Uitslag: 2.500/10.000 (25%), nog ongeveer 15 s"
    assert p.line(10000, 10000, 75.0) == "Uitslag: 10.000/10.000 (100%), klaar in 1 min 15 s"


def test_silent_when_not_a_terminal():
    stream = io.StringIO()
    p = Progress("Demo", stream=stream)
    p(1, 2)
    p(2, 2)
    p.close()
    assert stream.getvalue() == ""


def test_forced_progress_ends_with_newline():
    stream = io.StringIO()
    p = Progress("Demo", stream=stream, force=True)
    p(2, 2)
    p.close()
    assert stream.getvalue().endswith("klaar in 0,0 s\x1b[K\n")
