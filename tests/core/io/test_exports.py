"""Exports: Dutch Excel CSV and XLSX that agree cell by cell, formulas neutralised."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from examenbureau.core.io.exports import (
    AUDIT_COLUMNS,
    ExportError,
    export_audit,
    neutralize,
    write_table,
)
from examenbureau.core.io.importers import import_file

HOSTILE = ["=HYPERLINK(\"http://x\")", "+31 6 1234", "-2+3", "@SUM(A1)", "\tx", "\rx",
           "gewoon", "0011", "Zoë; 't \"Hoen\"", "  =1+1", "=cmd|' /C calc'!A0"]


def read_csv(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")            # UTF-8 with BOM for Excel
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def read_xlsx(path) -> list[list]:
    wb = openpyxl.load_workbook(path)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    types = {c.data_type for row in wb.worksheets[0].iter_rows() for c in row}
    assert "f" not in types                             # no formula cells, ever
    return rows


def same_cell(csv_cell: str, xlsx_cell) -> bool:
    """The CSV text and the XLSX value mean the same thing."""
    if xlsx_cell is None:
        return csv_cell == ""
    if isinstance(xlsx_cell, bool):
        return csv_cell == ("ja" if xlsx_cell else "nee")
    if isinstance(xlsx_cell, (int, float)):
        return Decimal(csv_cell.replace(",", ".")) == Decimal(repr(xlsx_cell))
    if isinstance(xlsx_cell, datetime):
        return csv_cell in (xlsx_cell.isoformat(sep=" "), xlsx_cell.date().isoformat())
    # both formats hold the same neutralised text (XML turns a CR into a LF)
    return csv_cell == str(xlsx_cell)


def assert_agree(csv_path, xlsx_path) -> int:
    a, b = read_csv(csv_path), read_xlsx(xlsx_path)
    assert len(a) == len(b)
    for i, (ra, rb) in enumerate(zip(a, b, strict=True)):
        rb = list(rb) + [None] * (len(ra) - len(rb))
        assert len(ra) == len(rb), i
        for j, (ca, cb) in enumerate(zip(ra, rb, strict=True)):
            assert same_cell(ca, cb), (i, j, ca, cb)
    return len(a)


def test_neutralize():
    assert [neutralize(t) for t in HOSTILE] == [
        "'=HYPERLINK(\"http://x\")", "'+31 6 1234", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx",
        "gewoon", "0011", "Zoë; 't \"Hoen\"", "'  =1+1", "'=cmd|' /C calc'!A0"]


def test_csv_and_xlsx_agree_and_neutralise_formulas(tmp_path):
    header = ["tekst", "cijfer", "eindcijfer", "datum", "ja_nee", "leeg"]
    rows = [[t, Decimal("6.5"), 7, date(2025, 5, 14), True, None] for t in HOSTILE]
    rows.append(["=1+1", Decimal("10.0"), Decimal("9"), datetime(2025, 6, 11, 8, 0), False, ""])
    c = write_table(tmp_path / "x.csv", header, rows)
    x = write_table(tmp_path / "x.xlsx", header, rows)
    assert (c.format, c.rows, x.format, x.rows) == ("CSV", len(rows), "XLSX", len(rows))
    table = read_csv(tmp_path / "x.csv")
    assert table[1] == ["'=HYPERLINK(\"http://x\")", "6,5", "7", "2025-05-14", "ja", ""]
    assert table[2][0] == "'+31 6 1234" and table[-1][1:4] == ["10,0", "9", "2025-06-11 08:00:00"]
    assert assert_agree(tmp_path / "x.csv", tmp_path / "x.xlsx") == len(rows) + 1
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx").worksheets[0]
    assert sheet["A2"].value == "'=HYPERLINK(\"http://x\")" and sheet["A2"].data_type == "s"
    assert sheet["A9"].value == "0011"                 # codes stay text with their zeros
    assert sheet["B2"].number_format == "0.0"


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(ExportError, match=r"verwacht \.csv of \.xlsx"):
        write_table(tmp_path / "x.ods", ["a"], [["b"]])
    assert not list(tmp_path.iterdir())


def test_audit_log_export_agrees_and_holds_import_changes(example_store, tmp_path, io_kit):
    hostile = tmp_path / "=cmd.csv"
    hostile.write_text("examenjaar;examennummer;achternaam;schooltype\n"
                       "2025;9001;=HYPERLINK(\"x\");havo\n", encoding="utf-8")
    assert import_file(example_store, "candidates", hostile).ok
    c = export_audit(example_store, tmp_path / "audit.csv")
    x = export_audit(example_store, tmp_path / "audit.xlsx")
    assert c.rows == x.rows > 200
    assert assert_agree(tmp_path / "audit.csv", tmp_path / "audit.xlsx") == c.rows + 1
    rows = read_csv(tmp_path / "audit.csv")
    assert rows[0] == AUDIT_COLUMNS
    mine = [r for r in rows if r[3] == "insert" and r[5] == "2025/9001"]
    assert mine and mine[0][10] == "'=cmd.csv"          # the source is neutralised too
    assert '"last_name":"=HYPERLINK(\\"x\\")"' in mine[0][8]  # inside a cell (JSON): kept as is
    assert rows[1][1].endswith("+00:00")                 # UTC, with the zone
