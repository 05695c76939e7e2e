"""The demo school, built once per test session and copied for each test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from examenbureau.core.demo import build_demo
    from examenbureau.core.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(Store(path), seed=2025, candidates=150)
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo school (150 candidates, seed 2025)."""
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db_template, path)
    return path
