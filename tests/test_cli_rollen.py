"""`examenbureau rollen`: the line "U bent ..." tells the role the change just made."""

from __future__ import annotations

from pathlib import Path

from examenbureau.cli import main
from examenbureau.core.store.identity import os_account


def test_after_making_oneself_a_reader_the_answer_says_lezer(results_school_db: Path, capsys):
    """Seen by hand: `rollen lezer root` printed "Lezers: root" and then "U bent root:
    schrijver." (the role read when the file was opened, before the change)."""
    me = os_account()
    db = str(results_school_db)
    assert main(["rollen", "--db", db, "schrijver", "secretaris", "--reden", "test"]) == 0
    capsys.readouterr()
    assert main(["rollen", "--db", db, "lezer", me, "--reden", "test"]) == 0
    out = capsys.readouterr().out
    assert f"Lezers:     {me}" in out
    assert f"U bent {me}: lezer." in out
