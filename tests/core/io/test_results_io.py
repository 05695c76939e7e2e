"""From imported files to results, exports and signed paper: the acceptance of issue 4."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from pypdf import PdfReader

from examenbureau.cli import main
from examenbureau.core.demo import build_demo
from examenbureau.core.io.documents import nl, pdf_text
from examenbureau.core.io.exports import RESULT_COLUMNS
from examenbureau.core.results import compute_results
from examenbureau.core.store import Store

SIGNATURE_LINES = ["Handtekening directeur", "Handtekening examensecretaris",
                   "Handtekening kandidaat (voor ontvangst)"]


def _expected(io_kit) -> list[dict[str, str]]:
    with (io_kit.EXAMPLES / "expected_results.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _dec(text: str) -> Decimal | None:
    return Decimal(text.replace(",", ".")) if text else None


def test_results_of_the_imported_examples_match_the_oracle(example_store, io_kit):
    results = {r.exam_number: r for r in compute_results(example_store, exam_year=2025)}
    expected = _expected(io_kit)
    assert len(expected) == 12
    for row in expected:
        subject = results[row["examennummer"]].subject(row["vak"])
        assert subject is not None, row
        got = (subject.subject_code, subject.se_grade, subject.ce_grades.get(1),
               subject.ce_grades.get(2), subject.ce_grades.get(3), subject.ce_grade,
               subject.final_grade)
        want = (row["vakcode"], _dec(row["se_cijfer"]), _dec(row["ce_cijfer_tv1"]),
                _dec(row["ce_cijfer_tv2"]), _dec(row["ce_cijfer_tv3"]), _dec(row["ce_cijfer"]),
                int(row["eindcijfer"]))
        assert got == want, (row["examennummer"], row["vak"])


def _read_csv(path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def _read_xlsx(path) -> list[list]:
    import openpyxl

    return [list(r) for r in openpyxl.load_workbook(path).worksheets[0].iter_rows(
        values_only=True)]


def _same(csv_cell: str, xlsx_cell) -> bool:
    """Numbers compare as numbers (XLSX 8 with format 0.0 is CSV 8,0); text as text, so a
    code keeps its leading zeros in both."""
    if xlsx_cell is None:
        return csv_cell == ""
    if isinstance(xlsx_cell, (int, float)) and not isinstance(xlsx_cell, bool):
        return Decimal(csv_cell.replace(",", ".")) == Decimal(repr(xlsx_cell))
    return csv_cell == str(xlsx_cell)


def test_results_export_has_the_oracle_rows_and_csv_xlsx_agree(example_store, tmp_path, capsys,
                                                               io_kit):
    db = str(example_store.path)
    assert main(["export", "results", str(tmp_path / "r.csv"), "--db", db]) == 0
    assert main(["export", "results", str(tmp_path / "r.xlsx"), "--db", db]) == 0
    assert "regels geschreven" in capsys.readouterr().out
    rows = _read_csv(tmp_path / "r.csv")
    assert rows[0][:10] == RESULT_COLUMNS
    assert rows[0][10:14] == ["combinatiecijfer", "uitslag", "cum_laude", "redenen"]
    by_key = {(r[1], r[3]): r for r in rows[1:]}
    for want in _expected(io_kit):
        assert by_key[(want["examennummer"], want["vak"])][:10] == list(want.values()), want
    assert {r[11] for r in rows[1:]} == {"nog niet te bepalen"}   # the examples are incomplete
    xlsx = _read_xlsx(tmp_path / "r.xlsx")
    assert len(xlsx) == len(rows)
    for a, b in zip(rows, xlsx, strict=True):
        b = b + [None] * (len(a) - len(b))
        assert all(_same(x, y) for x, y in zip(a, b, strict=True)), (a, b)
    assert any(isinstance(v, str) and v.startswith("0") for r in xlsx for v in r)  # 0011


def test_se_grades_export_for_checking_before_the_duo_deadline(example_store, tmp_path):
    db = str(example_store.path)
    assert main(["export", "se-cijfers", str(tmp_path / "se.csv"), "--db", db]) == 0
    rows = _read_csv(tmp_path / "se.csv")
    assert rows[0] == ["examenjaar", "examennummer", "naam", "klas", "schooltype", "vakcode",
                       "vak", "se_cijfer", "beoordeling", "ontbreekt", "gewijzigd_na_vaststelling"]
    found = {(r[1], r[6]): r for r in rows[1:]}
    assert found[("5101", "netl")][7] == "7,0"
    assert found[("4301", "ne")][2:5] == ["Zoë 't Voorbeeld", "4T1", "vmbo"]
    assert "geen PTA" in found[("5101", "ak")][9]           # missing is said, not zero


def test_export_refusals(tmp_path, capsys):
    assert main(["export", "results", str(tmp_path / "x.csv"), "--db",
                 str(tmp_path / "nee.duckdb")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    Store(tmp_path / "leeg.duckdb")
    assert main(["export", "results", str(tmp_path / "x.ods"), "--db",
                 str(tmp_path / "leeg.duckdb")]) == 2
    assert "verwacht .csv of .xlsx" in capsys.readouterr().err
    assert main(["export", "rapport", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.csv").exists()


def _pdf_text(path) -> str:
    data = path.read_bytes()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_se_overview_pdf_of_a_demo_candidate(tmp_path, capsys):
    store = Store(tmp_path / "demo.duckdb")
    build_demo(store, seed=11, candidates=12)
    results = compute_results(store)
    candidate = next(r for r in results if sum(s.se_grade is not None for s in r.subjects) >= 5)
    status = main(["documenten", "se-overzicht", str(tmp_path / "pdf"), "--examennummer",
                   candidate.exam_number, "--db", str(store.path)])
    assert status == 0
    assert "1 PDF geschreven" in capsys.readouterr().out
    files = list((tmp_path / "pdf").iterdir())
    assert [f.name for f in files] == [f"se-overzicht_{candidate.exam_year}_"
                                       f"{candidate.exam_number}.pdf"]
    text = _pdf_text(files[0])
    assert pdf_text(candidate.display_name) in text
    assert candidate.exam_number in text
    for s in candidate.subjects:
        if s.se_grade is not None:
            assert f"SE-cijfer: {nl(s.se_grade)}" in text, s.subject
        elif s.assessment:
            assert f"Beoordeling: {s.assessment}" in text, s.subject
    assert f"Combinatiecijfer: {nl(candidate.combination_grade)}" in text
    positions = [text.find(line) for line in SIGNATURE_LINES]
    assert -1 not in positions and positions == sorted(positions)
    assert "Fictief Voorbeeldcollege" in text or store.get_setting("school_name") in text


def test_cijferlijst_for_one_class_and_unknown_class(tmp_path, capsys):
    store = Store(tmp_path / "demo.duckdb")
    build_demo(store, seed=11, candidates=12)
    results = compute_results(store)
    klas = results[0].class_name
    members = sorted(r.exam_number for r in results if r.class_name == klas)
    out = tmp_path / "lijsten"
    assert main(["documenten", "cijferlijst", str(out), "--klas", klas,
                 "--db", str(store.path)]) == 0
    # one PDF per candidate, plus (for more than one) the file to print them all at once
    own = [f"cijferlijst_{results[0].exam_year}_{n}.pdf" for n in members]
    extra = [f"cijferlijst_{results[0].exam_year}_{klas}_afdrukken.pdf"] if len(members) > 1 else []
    assert sorted(p.name for p in out.iterdir()) == sorted(own + extra)
    first = results[0]
    text = _pdf_text(out / f"cijferlijst_{first.exam_year}_{first.exam_number}.pdf")
    outcome = {True: "geslaagd", False: "afgewezen", None: "nog niet te bepalen"}[first.passed]
    assert f"Uitslag: {outcome}" in text
    assert "Handtekening directeur" in text and "Handtekening examensecretaris" in text
    capsys.readouterr()
    assert main(["documenten", "cijferlijst", str(out), "--klas", "ZZ9",
                 "--db", str(store.path)]) == 2
    assert "Geen kandidaten gevonden voor klas ZZ9" in capsys.readouterr().err
