"""Number agreement in what users read: "1 regel", never "1 regels" (regression tests)."""

from __future__ import annotations

from pathlib import Path

from examenbureau.cli import main
from examenbureau.core.io.importers import import_file
from examenbureau.core.store import Store

EXAMPLES = Path(__file__).parent / "fixtures" / "examples"


def test_one_line_read_is_singular(tmp_path: Path):
    lines = (EXAMPLES / "candidates.csv").read_text(encoding="utf-8").splitlines()
    one = tmp_path / "een.csv"
    one.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    report = import_file(Store(tmp_path / "s.duckdb"), "candidates", one)
    assert report.ok, report.errors
    assert "1 regel gelezen" in report.summary_lines()[0]


def test_one_pdf_written_is_singular(small_school_db: Path, tmp_path: Path, capsys):
    code = main(["--db", str(small_school_db), "documenten", "se-overzicht", str(tmp_path / "pdf"),
                 "--examennummer", "1001"])
    assert code == 0
    assert "1 PDF geschreven" in capsys.readouterr().out
