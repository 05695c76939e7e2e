"""Tolerant reading: the shapes real school exports come in, written as real files."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from examenbureau.core.io.reading import (
    CellError,
    Column,
    ReadError,
    parse_bool,
    parse_code,
    parse_date,
    parse_decimal,
    parse_int,
    read_table,
)

COLUMNS = (Column("examennummer", True), Column("vakcode"), Column("resultaat"),
           Column("datum"), Column("nterm", aliases=("N-term",)))


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("delimiter", [";", ",", "|", "\t"])
def test_delimiter_detected_from_header(tmp_path, delimiter):
    text = delimiter.join(["examennummer", "vakcode", "resultaat"]) + "\n"
    text += delimiter.join(["5101", "0011", '"6,4"' if delimiter == "," else "6,4"]) + "\n"
    table = read_table(write(tmp_path, "f.csv", text.encode()), COLUMNS)
    assert table.delimiter == delimiter
    assert table.rows[0].cells == {"examennummer": "5101", "vakcode": "0011", "resultaat": "6,4"}


def test_bom_and_cp1252_and_utf16(tmp_path):
    body = "examennummer;vakcode;resultaat\n4301;0011;Zoë Chloë\n"
    bom = read_table(write(tmp_path, "bom.csv", b"\xef\xbb\xbf" + body.encode()), COLUMNS)
    assert bom.columns[0] == "examennummer" and bom.encoding == "UTF-8 met BOM"
    cp = read_table(write(tmp_path, "cp.csv", body.encode("cp1252")), COLUMNS)
    assert cp.rows[0].get("resultaat") == "Zoë Chloë"
    assert cp.encoding == "Windows-1252"
    assert any("Windows-1252" in n for n in cp.notices)
    u16 = read_table(write(tmp_path, "u16.csv", body.encode("utf-16")), COLUMNS)
    assert u16.rows[0].get("resultaat") == "Zoë Chloë"


def test_mixed_encodings_are_refused_not_garbled(tmp_path):
    data = "examennummer;resultaat\n1;Zoë\n".encode() + "2;Chloë\n".encode("cp1252")
    with pytest.raises(ReadError) as info:
        read_table(write(tmp_path, "mixed.csv", data), COLUMNS)
    assert "mengt UTF-8 en Windows-1252" in str(info.value)
    assert "mixed.csv:2: bestand:" in str(info.value)


def test_columns_in_any_order_unknown_noticed_once_and_aliases(tmp_path):
    text = "Opmerking;N-term;Extra;Examennummer\nx;1,3;y;5101\nz;;w;5102\n"
    table = read_table(write(tmp_path, "f.csv", text.encode()), COLUMNS)
    assert table.rows[0].cells == {"nterm": "1,3", "examennummer": "5101"}
    assert table.rows[1].line == 3
    assert table.notices == [
        f"{tmp_path / 'f.csv'}: onbekende kolommen genegeerd: Opmerking, Extra."]


def test_missing_required_column_names_it(tmp_path):
    with pytest.raises(ReadError) as info:
        read_table(write(tmp_path, "f.csv", b"vakcode;resultaat\n0011;6\n"), COLUMNS)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'f.csv'}:1: examennummer: verplichte kolom ontbreekt in de kopregel, "
        "verwacht een kolom 'examennummer'"]


def test_truncated_and_overlong_lines_are_named(tmp_path):
    text = "examennummer;vakcode;resultaat\n5101;0011;6,4\n5102;0011\n5103;0011;6;7\n5104;0011;5;\n"
    with pytest.raises(ReadError) as info:
        read_table(write(tmp_path, "f.csv", text.encode()), COLUMNS)
    lines = [p.line for p in info.value.problems]
    assert lines == [3, 4]  # line 5 only has an empty trailing field: fine


def test_excel_sep_line_blank_lines_and_excel_text_trick(tmp_path):
    text = 'sep=,\r\n\r\nexamennummer,vakcode\r\n5101,="0011"\r\n\r\n5102, 153 \r\n'
    table = read_table(write(tmp_path, "f.csv", text.encode()), COLUMNS)
    assert [r.cells["vakcode"] for r in table.rows] == ["0011", "153"]
    assert [r.line for r in table.rows] == [4, 6]


def test_empty_file_and_old_xls_and_garbage_are_dutch_errors(tmp_path):
    for name, data, words in [
        ("leeg.csv", b"", "leeg"),
        ("oud.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 50, "oude Excel-formaat"),
        ("kapot.xlsx", b"PK\x03\x04rommel", "geen geldig XLSX"),
        ("nul.csv", b"examennummer;vakcode\n1;\x002\n", "NUL"),
        ("geen.csv", b"examennummer\n5101\n", "geen scheidingsteken"),
        ("bytes.csv", b"examennummer;vakcode\n1;\x81\x8d\n", "geen UTF-8 en geen Windows-1252"),
    ]:
        with pytest.raises(ReadError) as info:
            read_table(write(tmp_path, name, data), COLUMNS)
        assert words in str(info.value)
        assert "verwacht" in str(info.value)


def test_xlsx_first_sheet_read_as_text(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Vakcode", "examennummer", "resultaat", "datum", "N-term"])
    ws.append([11, 5101, 6.4, datetime(2025, 5, 14), 1.1])
    ws.append(["0153", "05102", 7, date(2024, 11, 6), None])
    ws.append([None, None, None, None, None])
    ws.append([1001, 5103, 0.1 + 0.2, "14-5-2025", 2])
    ws["A2"].number_format = "0000"
    other = wb.create_sheet("Tweede")
    other.append(["niet", "gelezen"])
    path = tmp_path / "cijfers.xlsx"
    wb.save(path)
    table = read_table(path, COLUMNS)
    assert table.encoding == "XLSX"
    assert [r.cells for r in table.rows] == [
        {"vakcode": "0011", "examennummer": "5101", "resultaat": "6.4", "datum": "2025-05-14",
         "nterm": "1.1"},
        {"vakcode": "0153", "examennummer": "05102", "resultaat": "7", "datum": "2024-11-06",
         "nterm": ""},
        {"vakcode": "1001", "examennummer": "5103", "resultaat": "0.3", "datum": "14-5-2025",
         "nterm": "2"},
    ]
    assert [r.line for r in table.rows] == [2, 3, 5]


def test_cell_parsers():
    assert parse_decimal("6,4") == parse_decimal("6.4") == Decimal("6.4")
    assert parse_decimal("10") == Decimal("10")
    for bad in ("6,4,1", "1e3", "NaN", "zes", "1.234,5", ""):
        with pytest.raises(CellError):
            parse_decimal(bad)
    with pytest.raises(CellError, match="te veel decimalen"):
        parse_decimal("6,45", places=1)
    with pytest.raises(CellError, match="van 1,0 tot en met 10,0"):
        parse_decimal("10,5", lo=Decimal("1.0"), hi=Decimal("10.0"))
    assert parse_int("52") == parse_int("52,0") == 52
    with pytest.raises(CellError):
        parse_int("5,5")
    assert parse_date("2025-05-14") == parse_date("14-5-2025") == parse_date("14/05/2025")
    with pytest.raises(CellError, match="geen bestaande datum"):
        parse_date("31-2-2025")
    for yes in ("J", "ja", "1", "true", "TRUE"):
        assert parse_bool(yes) is True
    for no in ("N", "nee", "0", "false"):
        assert parse_bool(no) is False
    with pytest.raises(CellError, match="verwacht J of N"):
        parse_bool("misschien")
    assert parse_code("0011", width=4) == "0011"
    assert parse_code("11", width=4) == "0011"       # Excel ate the zeros
    assert parse_code("1001,0", width=4) == "1001"
    assert parse_code("05102") == "05102"           # exam numbers stay as given
    with pytest.raises(CellError, match="4 cijfers"):
        parse_code("netl", width=4)
