"""Roles: which operating-system accounts may change the school's file, and which may only read.

Why in the store and not in the screens: a teacher or invigilator who opens the database with
the command line or a script must meet the same refusal as in the TUI. The school's settings
name the accounts (`rollen.schrijvers`, `rollen.lezers`, comma-separated). The account that
creates a database is its first writer; for a database made before roles existed, that is the
account that owns the file. Anyone else is refused, also for reading: a file of pupil data is
opened only by the people the school named.
"""

from __future__ import annotations

import duckdb

from .errors import StoreError

WRITERS = "rollen.schrijvers"
READERS = "rollen.lezers"
WRITER, READER = "schrijver", "lezer"


class RoleError(StoreError):
    """The OS account may not do this in this school's database; nothing is written."""


def names(text: str | None) -> list[str]:
    """`"anna, bram"` -> ["anna", "bram"] (order kept, duplicates and blanks dropped)."""
    out: list[str] = []
    for part in (text or "").split(","):
        name = part.strip()
        if name and name not in out:
            out.append(name)
    return out


def configured(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """(writers, readers) as the settings name them."""
    found = dict(con.execute("SELECT key, value FROM settings WHERE key IN (?, ?)",
                             [WRITERS, READERS]).fetchall())
    return names(found.get(WRITERS)), names(found.get(READERS))


def role_of(con: duckdb.DuckDBPyConnection, account: str) -> str | None:
    writers, readers = configured(con)
    if account in writers:
        return WRITER
    if account in readers:
        return READER
    return None


def require_reader(con: duckdb.DuckDBPyConnection, account: str, path: object) -> str:
    role = role_of(con, account)
    if role is None:
        raise RoleError(f"Het account '{account}' staat niet bij de rollen van {path}; vraag de "
                        "examensecretaris u toe te voegen (examenbureau rollen lezer "
                        f"{account}).")
    return role


def require_writer(con: duckdb.DuckDBPyConnection, account: str, path: object) -> None:
    if role_of(con, account) == WRITER:
        return
    writers, _ = configured(con)
    who = ", ".join(writers) or "niemand"
    raise RoleError(f"Het account '{account}' mag {path} alleen lezen, niet wijzigen (schrijvers: "
                    f"{who}); er is niets gewijzigd. Een schrijver kan u toevoegen met: "
                    f"examenbureau rollen schrijver {account}")
