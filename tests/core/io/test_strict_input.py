"""Strict, friendly input: what a person cannot check on paper is refused, with a short quote.

Only ASCII digits, no sign, no leading zeros; at most 300 characters per cell; no control,
direction or zero-width characters anywhere; `6,50` (as Excel writes it) is 6,5; an error
quotes at most 80 characters of the value; `calc` keeps the importers' bounds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from examenbureau.core.calc import answer
from examenbureau.core.io.importers import import_file
from examenbureau.core.io.reading import (
    MAX_CELL_CHARS,
    CellError,
    parse_code,
    parse_decimal,
    parse_int,
)
from examenbureau.core.limits import QUOTE_CHARS

SE_HEADER = "examenjaar;examennummer;vakcode;vak;toetscode;poging;resultaat;datum;status"


def se_file(tmp_path, grade: str, name: str = "se.csv"):
    path = tmp_path / name
    path.write_text(f"{SE_HEADER}\n2025;5101;1001;netl;NE4-T1;herkansing;{grade};2025-03-01;\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "words"), [
    ("٦,٤", "cijfers uit een ander schrift"),      # Arabic-Indic
    ("６,４", "cijfers uit een ander schrift"),      # full-width
    ("+7", "teken +"),
    ("-7", "teken -"),
    ("00007", "voorloopnullen"),
    ("07,5", "voorloopnullen"),
    ("6,55", "te veel decimalen"),
])
def test_odd_numbers_are_refused_with_a_reason_and_nothing_changes(example_store, tmp_path, io_kit,
                                                                   text, words):
    before = io_kit.db_content(example_store)
    report = import_file(example_store, "se-results", se_file(tmp_path, text))
    assert not report.ok
    assert any(words in e and ":2: resultaat:" in e for e in report.errors), report.errors
    assert io_kit.db_content(example_store) == before


def test_six_fifty_as_excel_writes_it_is_six_and_a_half(example_store, tmp_path):
    report = import_file(example_store, "se-results", se_file(tmp_path, "6,50"))
    assert report.ok, report.errors
    with example_store.read() as con:
        grade = con.execute("SELECT grade FROM se_results WHERE exam_number = '5101' AND "
                            "test_code = 'NE4-T1' AND attempt = 'herkansing'").fetchone()[0]
    assert grade == Decimal("6.5")


@pytest.mark.parametrize("name", ["Jansen\u202eneveZ", "Jan\u200bsen", "Jan\u0007sen", "Jan\nsen",
                                  "Jan\u2066sen\u2069", "Jan\x85sen"])
def test_invisible_characters_in_a_name_are_refused(store, tmp_path, io_kit, name):
    path = tmp_path / "kandidaten.csv"
    quoted = name.replace('"', '""')
    path.write_text('examenjaar;examennummer;achternaam;schooltype\n'
                    f'2025;7001;"{quoted}";havo\n', encoding="utf-8")
    before = io_kit.db_content(store)
    report = import_file(store, "candidates", path)
    assert not report.ok
    assert any(":2: achternaam: bevat" in e and "gewone tekst" in e for e in report.errors), \
        report.errors
    assert io_kit.db_content(store) == before


def test_a_ten_megabyte_cell_is_refused_and_quoted_briefly(example_store, tmp_path):
    path = tmp_path / "kandidaten.csv"
    huge = "A" * 10_000_000
    path.write_text(f"examenjaar;examennummer;achternaam;schooltype\n2025;7001;{huge};havo\n",
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "examenbureau", "import", "candidates", str(path),
                           "--db", str(example_store.path)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 2
    assert f"verwacht hoogstens {MAX_CELL_CHARS}" in proc.stderr
    assert len(proc.stderr) < 1000 and "A" * (QUOTE_CHARS + 1) not in proc.stderr


def test_cell_parsers_quote_at_most_80_characters():
    long = "x" * 250
    for parse in (parse_decimal, parse_int):
        with pytest.raises(CellError) as info:
            parse(long)
        assert "x" * QUOTE_CHARS + "…" in str(info.value) and "x" * (QUOTE_CHARS + 1) not in str(info.value)
    with pytest.raises(CellError, match="hoogstens 40"):
        parse_code("7" * 41)
    with pytest.raises(CellError, match="0-9"):
        parse_code("００１１", width=4)
    assert parse_decimal("6,50", places=1) == Decimal("6.5")
    assert parse_decimal("7,0", places=0) == Decimal("7")
    assert parse_decimal("0,5") == Decimal("0.5")


@pytest.mark.parametrize(("data", "field"), [
    ({"L": Decimal("1e308"), "S": 1, "N": "1.0"}, "'L'"),
    ({"L": 1000, "S": 1, "N": "1.0"}, "'L'"),
    ({"L": 60, "S": 41, "N": "99"}, "'N'"),
    ({"L": 60, "S": 41, "N": "3.1"}, "'N'"),
    ({"L": 60, "S": "+41", "N": "1.2"}, "'S'"),
    ({"L": 60, "S": "٤١", "N": "1.2"}, "'S'"),
])
def test_calc_keeps_the_importers_bounds(data, field):
    line = json.dumps({"id": "x", "op": "ce_grade", "input": data}, default=str)
    if isinstance(data["L"], Decimal):
        line = line.replace('"1E+308"', "1e308")   # a JSON number, read as an exact Decimal
    response, ok = answer(line)
    assert not ok and field in response["error"]
    assert len(response["error"]) < 300


@pytest.mark.parametrize(("op", "field"), [("ce_grade", "N"), ("ce_grade", "S"), ("ce_grade", "L"),
                                           ("final_grade", "se"), ("final_grade", "ce")])
def test_calc_refuses_ten_megabytes_of_digits_in_a_field_briefly(op, field):
    """Found by the full fuzz run: 10 MB of digits as N overflowed Decimal ("Interne fout")."""
    data = {"L": 66, "S": 41, "N": "1.0", "se": "6.4", "ce": "5.8", "level": "havo"}
    data[field] = "7" * 10_000_000
    response, ok = answer(json.dumps({"id": 1, "op": op, "input": data}))
    assert not ok and "Interne fout" not in response["error"]
    assert f"verwacht hoogstens {MAX_CELL_CHARS}" in response["error"]
    assert len(response["error"]) < 300 and "7" * (QUOTE_CHARS + 1) not in response["error"]


def test_calc_refuses_a_long_grade_inside_an_outcome_briefly():
    """int() of 5,000 digits raised ValueError inside the fast tenths path: an internal error."""
    subject = {"code": "netl", "se": "7" * 5000, "ce": "6.0"}
    response, ok = answer(json.dumps({"id": 1, "op": "outcome",
                                      "input": {"level": "havo", "subjects": [subject]}}))
    assert not ok and "Interne fout" not in response["error"], response["error"]
    assert "7" * (QUOTE_CHARS + 1) not in response["error"]


@pytest.mark.parametrize(("op", "data"), [
    ("outcome", {"level": "7" * 10_000_000, "subjects": []}),
    ("cum_laude", {"level": "7" * 5000, "subjects": []}),
    ("outcome", {"level": "havo", "leerweg": "x" * 5000, "subjects": []}),
    ("outcome", {"level": "vmbo-gt", "leerweg": "x" * 250, "subjects": []}),
])
def test_calc_quotes_a_long_level_or_leerweg_briefly(op, data):
    """Found by the full fuzz run: a 10 MB 'level' came back whole in the error."""
    response, ok = answer(json.dumps({"id": 1, "op": op, "input": data}))
    assert not ok and "Interne fout" not in response["error"], response["error"][:300]
    assert len(response["error"]) < 400 and "7" * (QUOTE_CHARS + 1) not in response["error"]
    assert "x" * (QUOTE_CHARS + 1) not in response["error"]


def test_calc_accepts_the_bounds_themselves():
    for n in ("0.0", "3.0", "2.7"):
        response, ok = answer(json.dumps({"id": 1, "op": "ce_grade",
                                          "input": {"L": 999, "S": 999, "N": n}}))
        assert ok and response["result"]["grade"] == "10.0"
