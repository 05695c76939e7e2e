"""The mark of a demo whose build has not finished, and the sentence that reports it.

Why: the demo commits one block of candidates at a time (one transaction for 100,000
candidates held 5 GB in memory). A build cut off midway (Ctrl+C, a full disk, a killed
process) therefore leaves a partial school that looks like a smaller one, and every figure
read from it would silently be wrong. The first transaction of a build writes the setting
`demo_onvolledig` ("done/total" candidates), every block updates it, and only the last
transaction removes it. The CLI and the TUI call `incomplete()` when they open a database.

A module of its own so that this check costs the CLI no import of the demo's catalogue.
"""

from __future__ import annotations

from .store import Store, Transaction

INCOMPLETE_KEY = "demo_onvolledig"


def mark(tx: Transaction, done: int, total: int) -> None:
    """Record how far the build got, in the same transaction as the rows it counts."""
    tx.execute("DELETE FROM settings WHERE key = ?", [INCOMPLETE_KEY])
    tx.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
               [INCOMPLETE_KEY, f"{done}/{total}"])


def finish(tx: Transaction) -> None:
    """The build is complete: no mark left."""
    tx.execute("DELETE FROM settings WHERE key = ?", [INCOMPLETE_KEY])


def incomplete(store: Store) -> str | None:
    """The Dutch sentence for a demo whose build was cut off, or None for any other database."""
    with store.read() as con:
        found = con.execute("SELECT value FROM settings WHERE key = ?",
                            [INCOMPLETE_KEY]).fetchone()
    if not found:
        return None
    done, _, total = str(found[0] or "").partition("/")
    if not (done.isdigit() and total.isdigit()):
        return ("Deze demodatabase is onvolledig: de opbouw is afgebroken. Bouw hem opnieuw op "
                "met examenbureau demo.")
    return (f"Deze demodatabase is onvolledig: de opbouw is afgebroken na {_n(int(done))} van "
            f"{_n(int(total))} kandidaten. Aantallen en uitslagen gelden alleen voor dat deel; "
            "bouw hem opnieuw op met examenbureau demo.")


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")
