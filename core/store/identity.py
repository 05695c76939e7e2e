"""Who is working: the operating system's account, never a value anyone can type.

Why: the audit log and the roles are only worth something if the name in them cannot be
chosen. `EXAMENBUREAU_USER=rector` used to make every change look like the rector's. The
account comes from the process's user id (not from $USER or $LOGNAME, which are environment
variables too); `EXAMENBUREAU_USER` may only add a display name, stored beside the account.
"""

from __future__ import annotations

import os
import pwd
import re

DISPLAY_NAME_VARIABLE = "EXAMENBUREAU_USER"
_PRINTABLE = re.compile(r"[^\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]{1,80}")


def os_account() -> str:
    """The login name of the process's effective user id; `uid 1234` when it has no name."""
    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a container without a passwd entry for this uid
        return f"uid {uid}"


def file_owner(path: str | os.PathLike[str]) -> str:
    """The account that owns a file: the first writer of a database made before roles existed."""
    uid = os.stat(path).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def display_name(given: str | None = None) -> str | None:
    """A name for people to read next to the account ("M. de Vries"), or None.

    Taken from `given` or from EXAMENBUREAU_USER; anything that is not one short line of
    visible text is ignored rather than stored.
    """
    text = (given if given is not None else os.environ.get(DISPLAY_NAME_VARIABLE, "")).strip()
    return text if text and _PRINTABLE.fullmatch(text) else None
