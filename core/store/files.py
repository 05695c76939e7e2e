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
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

# The umask and the exposure warning live in core.file_privacy: the command line needs them
# before DuckDB is imported. Re-exported here for every other caller.
from ..file_privacy import PRIVATE_UMASK as PRIVATE_UMASK
from ..file_privacy import exposure_notice as exposure_notice
from ..file_privacy import set_private_umask as set_private_umask
from .errors import StoreError

PRIVATE = 0o600
GROUP_READABLE = 0o640
GROUP_SETTING = "bestanden.groep"


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


