"""The demo school, built once per test session and copied for each test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_db_template(demo_school_150: Path) -> Path:
    """The session's one build of the demo school (tests/conftest.py); never written to."""
    return demo_school_150


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo school (150 candidates, seed 2025)."""
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db_template, path)
    return path
