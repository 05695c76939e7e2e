"""`core` is mypy clean, and stays so: any error fails the suite.

mypy runs on the working tree (not on an installed copy): a temporary folder holds a link
`examenbureau` to the repository root, the package's real name, and MYPYPATH points there.
The cache lives in the test's temporary directory; mypy never reads the network.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_core_passes_mypy(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "examenbureau").symlink_to(REPO, target_is_directory=True)
    env = {**os.environ, "MYPYPATH": str(src)}
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(REPO / "pyproject.toml"),
         "--cache-dir", str(tmp_path / "mypy-cache"), "-p", "examenbureau.core"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout
