"""Backups: a consistent, private copy that never overwrites anything.

Why so careful: a backup is what a school restores after a damaged disk or a wrong import.
One that silently overwrote yesterday's backup, or was written onto the database itself,
would be lost exactly when it is needed.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from . import files
from .errors import StoreError


def backup_target(db: Path, dest: str | os.PathLike[str]) -> tuple[Path, bool]:
    """Where the copy goes, and whether examenbureau chose the name.

    A folder, or a name ending in `/`, gets `<database>-<yyyymmdd-hhmmss>.duckdb` inside it.
    The database itself is refused, and so is an existing file.
    """
    text = os.fspath(dest)
    target = Path(text)
    chosen = text.endswith((os.sep, "/")) or target.is_dir()
    if chosen:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{db.stem}-{stamp}"
        suffix = db.suffix or ".duckdb"
        target = target / f"{base}{suffix}"
        number = 2
        while target.exists():  # two backups within one second: both are kept
            target = target.parent / f"{base}-{number}{suffix}"
            number += 1
    if _same_file(db, target):
        raise StoreError(f"{target} is de database zelf; een reservekopie moet een ander bestand "
                         "zijn (bijvoorbeeld een map op een andere schijf).")
    if target.exists():
        raise StoreError(f"{target} bestaat al en wordt niet overschreven; kies een andere naam "
                         "of geef een map (dan krijgt de kopie datum en tijd in de naam).")
    return target, chosen


def _same_file(a: Path, b: Path) -> bool:
    try:
        if b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def copy_database(db: Path, target: Path, group: str | None) -> None:
    """Copy the (checkpointed, locked) database to `target` without ever overwriting it.

    The bytes go to a private `.part` file first and are then linked to the final name; a link
    fails when the name exists, so a file that appeared meanwhile is never replaced, and a
    half-written copy never carries the final name.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    files.copy_private(db, part, group=group, exclusive=False)
    try:
        os.link(part, target)
    except FileExistsError:
        raise StoreError(f"{target} bestaat al en wordt niet overschreven.") from None
    except OSError:  # a file system without hard links: rename, after one more check
        if target.exists():
            raise StoreError(f"{target} bestaat al en wordt niet overschreven.") from None
        os.rename(part, target)
    finally:
        part.unlink(missing_ok=True)
