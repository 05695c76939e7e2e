"""Fixtures for the import/export tests: the example files (tests/fixtures/examples)
imported into a real DuckDB file, in the order a school would import them.

Test modules cannot import each other under --import-mode=importlib, so the helpers are handed
out as fixtures (`io_kit`)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "examples"

# (kind, file, --examenjaar) in the order of a school year: people, PTA, SE, exams, N-terms, CE.
EXAMPLE_IMPORTS: list[tuple[str, str, int | None]] = [
    ("candidates", "candidates.csv", None),
    ("subjects", "candidate_subjects.csv", None),
    ("pta", "pta.csv", None),
    ("se-results", "se_grades.csv", None),
    ("dnt", "dnt_2025_cito_style_november.txt", 2025),
    ("dnt", "dnt_2025.csv", None),
    ("n-terms", "nterms_2025_tv1.csv", None),
    ("n-terms", "nterms_2025_tv2.csv", None),
    ("dnt", "dnt_2025_cito_style.txt", 2025),
    ("ce-scores", "ce_scores.csv", None),
    ("ce-item-scores", "ce_item_scores.csv", None),
    ("year-grades", "year_grades.csv", None),
    ("pws", "pws.csv", None),
]

# Reference tables and oracles in the examples folder that are not an import kind.
NOT_IMPORTED = {
    "README.md", "exam_config.toml", "expected_results.csv", "ce_grade_testvectors.csv",
    "ce_rooster_2025_vmbo_gltl.csv", "nterm_history_havo_vwo_2019_2023.csv",
    "opleidingscodes_havo_vwo.csv", "vakcodes_havo_vwo.csv", "vakcodes_vmbo.csv",
    "vakken_mapping.csv",
}

TABLES = ["candidates", "candidate_subjects", "pta_items", "se_results", "ce_exams", "ce_scores",
          "ce_item_scores", "ce_question_awards", "year_grades", "pws_titles", "settings",
          "audit_log"]


def import_examples(store, upto: str | None = None) -> list:
    """Import the example files in order (stopping before `upto`); every one must succeed."""
    from examenbureau.core.io.importers import import_file

    reports = []
    for kind, name, year in EXAMPLE_IMPORTS:
        if upto is not None and name == upto:
            break
        report = import_file(store, kind, EXAMPLES / name, exam_year=year)
        assert report.ok, "\n".join(report.errors)
        reports.append(report)
    return reports


def db_content(store) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: what 'unchanged' means in a test."""
    with store.read() as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


@pytest.fixture
def io_kit():
    return SimpleNamespace(EXAMPLES=EXAMPLES, EXAMPLE_IMPORTS=EXAMPLE_IMPORTS,
                           NOT_IMPORTED=NOT_IMPORTED, import_examples=import_examples,
                           db_content=db_content)


@pytest.fixture
def store(tmp_path):
    from examenbureau.core.store import Store

    return Store(tmp_path / "school.duckdb", display_name="test")


@pytest.fixture(scope="session")
def _example_template(tmp_path_factory):
    """The examples imported once per session; tests get a copy of the file."""
    from examenbureau.core.store import Store

    path = tmp_path_factory.mktemp("voorbeeld") / "voorbeeld.duckdb"
    import_examples(Store(path, display_name="test"))
    return path


@pytest.fixture
def example_store(_example_template, tmp_path):
    import shutil

    from examenbureau.core.store import Store

    path = tmp_path / "school.duckdb"
    shutil.copyfile(_example_template, path)
    return Store(path, display_name="test")
