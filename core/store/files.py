"""Every file examenbureau writes holds pupil data: create it private.

Private means mode 600 (only the account that wrote it), or 640 when the school configured a
group (setting `bestanden.groep`, e.g. the exam office's colleagues, who may then read but not
write). The mode is set on the open file descriptor before any byte is written, so there is no
moment in which the file is readable by others, whatever the umask of the shell was.
"""

from __future__ import annotations

import grp
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import StoreError

PRIVATE = 0o600
GROUP_READABLE = 0o640
# The process umask for the command line: whatever DuckDB or a library creates behind our back
# (the write-ahead log, temporary files) is private as well.
PRIVATE_UMASK = 0o077
GROUP_SETTING = "bestanden.groep"


def set_private_umask() -> int:
    """Make every file this process creates private; returns the previous umask."""
    return os.umask(PRIVATE_UMASK)


def group_id(group: str | None) -> int | None:
    """The numeric id of the configured group; a name that does not exist is an error."""
    if not group:
        return None
    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise StoreError(f"De groep '{group}' (instelling {GROUP_SETTING}) bestaat niet op deze "
                         "computer; kies een bestaande groep of laat de instelling leeg.") from None


def mode_for(group: str | None) -> int:
    return GROUP_READABLE if group else PRIVATE


def protect_fd(fd: int, group: str | None = None) -> None:
    """Mode 600 (or 640 and the group) on an open file, before it gets any content."""
    gid = group_id(group)
    if gid is not None:
        os.fchown(fd, -1, gid)
    os.fchmod(fd, mode_for(group))


def protect(path: str | os.PathLike[str], group: str | None = None) -> None:
    """Mode 600 (or 640 and the group) on an existing file: for files another program made
    (DuckDB's database file, a copy made by shutil)."""
    gid = group_id(group)
    if gid is not None:
        os.chown(path, -1, gid)
    os.chmod(path, mode_for(group))


@contextmanager
def open_private(path: str | os.PathLike[str], mode: str = "w", *, group: str | None = None,
                 **kwargs: Any) -> Iterator[IO[Any]]:
    """`open(path, mode)`, but the file is created or truncated with a private mode first."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, PRIVATE)
    try:
        protect_fd(fd, group)
    except BaseException:
        os.close(fd)
        raise
    with open(fd, mode, **kwargs) as handle:
        yield handle


def copy_private(source: str | os.PathLike[str], dest: str | os.PathLike[str], *,
                 group: str | None = None, exclusive: bool = False) -> None:
    """Copy a file into a new private file; with `exclusive` an existing `dest` is an error
    (FileExistsError) and is left as it was."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    flags |= os.O_EXCL if exclusive else os.O_TRUNC
    fd = os.open(dest, flags, PRIVATE)
    try:
        protect_fd(fd, group)
        with open(source, "rb") as src, open(fd, "wb", closefd=False) as out:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
    finally:
        os.close(fd)


def exposure_notice(path: str | os.PathLike[str]) -> str | None:
    """A Dutch warning when the database can be read by every account on the computer."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    if not stat.S_ISREG(mode) or not mode & stat.S_IROTH:
        return None
    return (f"Let op: {path} is leesbaar voor iedere gebruiker van deze computer (rechten "
            f"{stat.S_IMODE(mode):o}); het bevat leerlinggegevens. Maak het privé met: "
            f"chmod 600 {path}")
