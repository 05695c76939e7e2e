"""Errors of the store, with Dutch messages a user can act on."""

from __future__ import annotations

import os
from pathlib import Path

RESTORE = ("zet de laatste reservekopie terug (gemaakt met examenbureau backup) of geef met --db "
           "het juiste bestand")


class StoreError(Exception):
    """Something the store could not do; the message says what and what to do."""


class NewerSchemaError(StoreError):
    """The file was written by a newer examenbureau: refusing it protects the data in it."""


class StoreBusyError(StoreError):
    """Another process held the file longer than we were willing to wait."""


class ConflictError(StoreError):
    """Someone else changed the row since it was read: never overwrite silently."""


class DatabaseUnreadableError(StoreError):
    """The file is not a (whole) examenbureau database: empty, cut off, damaged or foreign."""


def unreadable_message(path: str | os.PathLike[str], exc: BaseException) -> str | None:
    """One Dutch sentence for a file DuckDB cannot read, or None when `exc` is no such error.

    Why a sentence per kind: "IO Error: Could not read enough bytes" tells an exam secretary
    nothing, while "the file is cut off, restore a backup" tells her what to do. Only errors
    about the file itself are translated; anything else is a bug and must stay visible as one.
    """
    text = str(exc)
    lower = text.lower()
    name = Path(path)
    if "is a directory" in lower or name.is_dir():
        return f"{name} is een map, geen databasebestand; geef met --db het bestand van de school."
    if "permission denied" in lower:
        return (f"Geen toegang tot {name} (bestandsrechten); vraag de beheerder om leesrechten of "
                "werk met het account dat de database beheert.")
    try:
        empty = name.stat().st_size == 0
    except OSError:
        empty = False
    if empty:
        return f"{name} is leeg (0 bytes) en dus geen examenbureau-database; {RESTORE}."
    if "not a valid duckdb database" in lower:
        return (f"{name} is geen examenbureau-database (een ander soort bestand, of het begin "
                f"ontbreekt); {RESTORE}.")
    if "could not read enough bytes" in lower or "unexpected end of file" in lower:
        return f"{name} is afgebroken (het bestand is korter dan de database zelf zegt); {RESTORE}."
    if "corrupt" in lower or "checksum" in lower:
        return f"{name} is beschadigd (een deel klopt niet met zijn controlegetal); {RESTORE}."
    if ("serializ" in lower and "version" in lower) or "storage version" in lower:
        return (f"{name} is geschreven door een andere versie van DuckDB dan deze examenbureau "
                f"kan lezen; {RESTORE}.")
    return None
