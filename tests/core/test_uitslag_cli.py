"""`examenbureau uitslag`, run as the real console script on a real database."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "examenbureau"


def uitslag(db: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), "uitslag", "--db", str(db), *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def db(results_school_db_shared):
    return results_school_db_shared


def test_json_lists_every_candidate_with_passed_true_false_or_null(db):
    run = uitslag(db, "--format", "json")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    by_number = {row["examennummer"]: row for row in rows}
    assert sorted(by_number) == ["4001", "5001", "5002", "5003", "5004", "5005", "5006", "5007"]
    for row in rows:
        keys = {"examennummer", "schooltype", "passed", "cum_laude", "reasons", "missing"}
        assert keys <= set(row)
    assert by_number["5001"]["passed"] is True
    assert by_number["5002"]["passed"] is False
    assert by_number["5002"]["reasons"][0]["rule"] == "kernvakken"
    assert by_number["5003"]["passed"] is None
    assert "N-term ontbreekt voor HAVO ak CSE 2025 tijdvak 2." in [
        m["text"] for m in by_number["5003"]["missing"]]
    assert by_number["4001"]["schooltype"] == "vmbo"


@pytest.mark.parametrize(("only", "expected"), [
    ("gezakt", ["5002"]),
    ("onbepaald", ["5003", "5004", "5006"]),
    ("cum-laude", []),
])
def test_only_filter(db, only, expected):
    run = uitslag(db, "--format", "json", "--alleen", only)
    assert run.returncode == 0, run.stderr
    assert [row["examennummer"] for row in json.loads(run.stdout)] == expected


def test_csv_uses_semicolon_and_decimal_comma(db):
    run = uitslag(db, "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout), delimiter=";"))
    by_number = {row["examennummer"]: row for row in rows}
    assert by_number["5001"]["naam"] == "Chloë van Voorbeeld"
    assert by_number["5001"]["uitslag"] == "geslaagd"
    assert by_number["5001"]["ce_gemiddelde"] == "6,42"        # 45,0 / 7 cut off, never rounded
    assert by_number["5007"]["niet_meegeteld"] == "fatl"
    assert by_number["5003"]["uitslag"] == "onbepaald"
    assert "N-term ontbreekt" in by_number["5003"]["ontbreekt"]


def test_table_is_dutch_and_fits_100_columns(db):
    run = uitslag(db)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].startswith("Examennr")
    body = "\n".join(lines)
    for word in ("geslaagd", "afgewezen", "onbepaald", "kernvakkenregel", "N-term ontbreekt"):
        assert word in body
    assert lines[-1] == ("8 kandidaten: 4 geslaagd, 1 afgewezen, 3 nog niet te bepalen; "
                         "0 cum laude.")


def test_only_undecided_lists_everything_missing_in_full(db):
    """Regression (issue 9, "Also fix"): the explanation was cut off with "…" after 30
    characters; asked for the undecided, the list names every missing item, whole."""
    missing = {row["examennummer"]: [m["text"] for m in row["missing"]]
               for row in json.loads(uitslag(db, "--format", "json").stdout)
               if row["passed"] is None}
    assert sum(map(len, missing.values())) >= 3
    run = uitslag(db, "--alleen", "onbepaald")
    assert run.returncode == 0, run.stderr
    assert "…" not in run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) <= 100
    blocks = run.stdout.split("\n\n")[0]
    for number, texts in missing.items():
        block = blocks.split(number, 1)[1].split("\n", 1)
        head, items = block[0], block[1] if len(block) > 1 else ""
        expected = (f"{len(texts)} punt ontbreekt:" if len(texts) == 1
                    else f"{len(texts)} punten ontbreken:")
        assert head.rstrip().endswith(expected), head
        flat = " ".join(items.split())
        for text in texts:
            assert f"- {' '.join(text.split())}" in flat, (number, text)


def test_no_progress_lines_when_stderr_is_not_a_terminal(db):
    run = uitslag(db, "--format", "json")
    assert run.stderr == ""


def test_other_exam_year_gives_an_empty_list(db):
    run = uitslag(db, "--format", "json", "--examenjaar", "2024")
    assert run.returncode == 0
    assert json.loads(run.stdout) == []


def test_missing_database_is_bad_input_and_creates_nothing(tmp_path):
    db = tmp_path / "bestaat-niet.duckdb"
    run = uitslag(db, "--format", "json", cwd=tmp_path)
    assert run.returncode == 2
    assert "bestaat niet" in run.stderr
    assert run.stdout == ""
    assert not db.exists()


def test_progress_on_stderr_when_it_is_a_terminal(db):
    """A person at a terminal sees counts and time left; the JSON on stdout stays clean."""
    import os
    import pty

    master, slave = pty.openpty()
    try:
        try:
            run = subprocess.run([str(SCRIPT), "uitslag", "--db", str(db), "--format", "json"],
                                 stdout=subprocess.PIPE, stderr=slave, timeout=120)
        finally:
            os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:   # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
    assert run.returncode == 0
    assert "Uitslag: 8/8 (100%), klaar in" in seen.decode("utf-8")
    assert len(json.loads(run.stdout)) == 8
