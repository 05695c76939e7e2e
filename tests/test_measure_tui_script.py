"""The opening check of scripts/measure_tui.py (run by hand, with tmux): the school's name only
counts once it is drawn in a colour other than its background.

Why a test: a trial change drew the name dark grey on dark grey (256 colours, 234 on 234) and the
old check, which read the pane's text, passed it. The script reads what tmux receives (control
mode: control characters arrive as backslash and three octal digits).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "measure_tui.py"
spec = importlib.util.spec_from_file_location("measure_tui", SCRIPT)
assert spec is not None and spec.loader is not None
measure_tui = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure_tui)

NAME = b"Fictief Voorbeeldcollege"


def test_a_name_in_the_colour_of_its_background_is_not_drawn_yet():
    # as Textual wrote it in the failed trial: bold, foreground 234 on background 234
    assert not measure_tui.drawn_visibly(rb"\033[3;1H\033[1;38;5;234;48;5;234m" + NAME, NAME)
    assert not measure_tui.drawn_visibly(rb"\033[38;2;30;30;30;48;2;30;30;30m" + NAME, NAME)


def test_a_name_in_another_colour_or_the_default_colours_is_drawn():
    assert measure_tui.drawn_visibly(rb"\033[3;1H\033[1;38;5;253;48;5;234m" + NAME, NAME)
    assert measure_tui.drawn_visibly(rb"\033[38;2;224;224;224;48;2;30;30;30m" + NAME, NAME)
    assert measure_tui.drawn_visibly(rb"\033[1m" + NAME, NAME)
    assert measure_tui.drawn_visibly(NAME, NAME)


def test_only_the_colour_written_last_before_the_name_counts():
    earlier_invisible = rb"\033[38;5;234;48;5;234mx\033[0m\033[1;38;5;253;48;5;234m"
    assert measure_tui.drawn_visibly(earlier_invisible + NAME, NAME)
    assert not measure_tui.drawn_visibly(rb"\033[38;5;253;48;5;234m" + NAME[:7], NAME)
