"""`examenbureau [--db PATH]` opens the TUI in a real terminal and ctrl+q ends it with status 0."""

from __future__ import annotations

import fcntl
import gc
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from argparse import Namespace
from pathlib import Path

import duckdb

from examenbureau.cli import open_tui
from examenbureau.core.store import SCHEMA_VERSION, Store


def _read_until(fd: int, marker: bytes, seconds: float) -> bytes:
    out = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end and marker not in out:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    return out


def _wait_or_kill(pid: int, seconds: float) -> int:
    """The child's wait status; a child still running after `seconds` is killed first, so a
    failing run never leaves the suite waiting on a TUI that nobody will close."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def test_bare_command_with_nieuw_creates_the_database_opens_the_tui_and_ctrl_q_exits_0(tmp_path: Path):
    db = tmp_path / "nieuw.duckdb"   # a missing file is created only when asked (--nieuw)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command in a real (pseudo) terminal
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, "-m", "examenbureau", "--nieuw", "--db", str(db)])
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        screen = _read_until(fd, b"Totaal", 60)    # a busy machine starts Textual slowly
        assert b"Overzicht" in screen and b"Totaal" in screen
        os.write(fd, b"\x11")                        # ctrl+q
        _read_until(fd, b"\x00never", 5)              # drain until the child closes the pty
    finally:
        status = _wait_or_kill(pid, 10)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert Store(db).schema_version() == SCHEMA_VERSION


def test_unusable_database_is_reported_before_the_tui_starts(tmp_path: Path, capsys):
    db = tmp_path / "nieuwer.duckdb"
    Store(db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    assert open_tui.run(Namespace(db=str(db))) == 2
    assert "nieuwere versie van examenbureau" in capsys.readouterr().err
    # the start pauses the cyclic garbage collector; whatever happens, it runs again after
    assert gc.isenabled()
