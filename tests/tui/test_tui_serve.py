"""The TUI starts in a browser session of textual-serve (what docs/browser.md describes).

A real server process on a free local port, a real websocket client standing in for the
browser: the app's first screen (the school's name) must arrive over the socket.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from examenbureau.tui.serve import main as serve_main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def first_screen(port: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(
            f"http://127.0.0.1:{port}/ws?width=80&height=24") as ws:
        end = time.monotonic() + seconds
        while time.monotonic() < end and wanted not in seen:
            try:
                msg = await asyncio.wait_for(ws.receive(), timeout=1)
            except TimeoutError:
                continue
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data
            elif msg.type == aiohttp.WSMsgType.TEXT:
                seen += msg.data.encode()
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
    return seen


async def test_the_app_starts_under_textual_serve(small_school_db: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "examenbureau.tui.serve", "--db", str(small_school_db),
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            await asyncio.sleep(0.2)
        seen = await first_screen(port, b"Testcollege De Proef", 90)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert b"Testcollege De Proef" in seen
    assert b"Overzicht" in seen


def test_serve_refuses_a_missing_database(tmp_path: Path, capsys):
    assert serve_main(["--db", str(tmp_path / "tikfout.duckdb")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
