"""Hypothesis: no file, however broken, crashes an importer. Each import either succeeds or
refuses with Dutch `file:line: column: ...` messages, and a refused file writes nothing."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examenbureau.core.io.importers import KINDS, import_file
from examenbureau.core.store import Store

ERROR_LINE = re.compile(r"^.+:\d+: [^:]+: .+$")

# Cells that are valid somewhere, almost valid, or hostile.
PLAUSIBLE = ["2025", "2024", "5101", "5102", "4301", "6202", "0011", "1001", "11", "netl", "ne",
             "wisB", "NE4-T1", "WI4-T1", "afname", "herkansing", "inhaal", "6,4", "6.4", "10,0",
             "1,0", "0", "52", "31001", "31202", "1", "2", "3", "J", "N", "ja", "voldaan", "V",
             "havo", "vwo", "vmbo", "TL", "GL/TL", "2023-2025", "14-5-2025", "2025-05-14",
             "13:30", "afwezig", "niet_gemaakt", "cijfer", "schriftelijk", "1,1", ""]
HOSTILE = ["=1+1", "-", "\"", "a;b", "x|y", "\t", "Zoë", "Testoğlu", "'t", "1e3", "NaN", "-1",
           "99999999999999999999", "31-2-2025", "  ", "\u00a0", "\u2028", "é" * 300]

cell = st.one_of(st.sampled_from(PLAUSIBLE), st.sampled_from(HOSTILE),
                 st.text(max_size=12))


@st.composite
def school_file(draw):
    kind = draw(st.sampled_from(sorted(KINDS)))
    names = [c.name for c in KINDS[kind].columns]
    header = draw(st.lists(st.sampled_from([*names, "onbekend", "N-term", "nex_ID", "Tijdvak"]),
                           min_size=1, max_size=len(names) + 2, unique=True))
    if draw(st.booleans()):
        header = [n for n in names if n not in ("afnamevakid", "extra_vakcodes_tbv_wolf")]
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 1), max_size=8))
    delimiter = draw(st.sampled_from([";", ",", "|", "\t"]))
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]          # truncated mid-line (or byte)
    year = draw(st.sampled_from([None, 2025, 2024]))
    return kind, data, year


def _content(store: Store) -> dict[str, list]:
    tables = ["candidates", "candidate_subjects", "pta_items", "se_results", "ce_exams",
              "ce_scores", "ce_item_scores", "audit_log"]
    with store.read() as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def _check(store: Store, folder: Path, kind: str, data: bytes, year: int | None) -> None:
    path = folder / "bestand.csv"
    path.write_bytes(data)
    before = _content(store)
    report = import_file(store, kind, path, exam_year=year)   # must not raise
    if report.ok:
        return
    assert report.errors
    for error in report.errors:
        assert ERROR_LINE.match(error), error
        assert "verwacht" in error, error
    assert _content(store) == before


# The suite draws a sample; scripts/trust_fuzz.py runs this same property with thousands of
# files (EXAMENBUREAU_FUZZ_IMPORTS), figures in docs/trust.md.
IMPORTS = int(os.environ.get("EXAMENBUREAU_FUZZ_IMPORTS", "40"))


@settings(max_examples=IMPORTS, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(school_file())
def test_generated_files_never_crash_and_refusals_write_nothing(example_store, sample):
    kind, data, year = sample
    with tempfile.TemporaryDirectory() as folder:
        _check(example_store, Path(folder), kind, data, year)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(KINDS)), st.binary(max_size=300))
def test_random_bytes_never_crash(example_store, kind, data):
    with tempfile.TemporaryDirectory() as folder:
        _check(example_store, Path(folder), kind, data, 2025)


def test_xlsx_with_broken_cells_never_crashes(example_store, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["examenjaar", "examennummer", "achternaam", "schooltype", "geboortedatum"])
    ws.append([2025.5, 5101, None, "havo", 3.7])
    ws.append(["=1/0", True, "=HYPERLINK(\"x\")", 7, "gisteren"])
    path = tmp_path / "k.xlsx"
    wb.save(path)
    shutil.copy(path, tmp_path / "kopie.xlsx")
    before = _content(example_store)
    report = import_file(example_store, "candidates", tmp_path / "kopie.xlsx")
    assert not report.ok
    assert all(ERROR_LINE.match(e) and "verwacht" in e for e in report.errors)
    assert _content(example_store) == before


def test_a_quoted_line_break_in_a_refused_cell_stays_on_one_error_line(example_store, tmp_path):
    """Found by the fuzz run above: a quoted cell of 306 characters holding a line break made
    the 'too long' error two lines, so it no longer named file, line and field on one line."""
    header = "examenjaar;examennummer;vakcode;vak;toetscode;poging;volgnummer;resultaat;datum;status\n"
    row = '2025;2025;2025;2025;2025;2025;2025;2025;2025;";2025\n' + "é" * 300 + '"\n'
    path = tmp_path / "bestand.csv"
    path.write_bytes((header + row).encode())
    before = _content(example_store)
    report = import_file(example_store, "se-results", path, exam_year=None)
    assert not report.ok and report.errors
    for error in report.errors:
        assert "\n" not in error and ERROR_LINE.match(error), error
    assert "\\n" in report.errors[0]
    assert _content(example_store) == before
