"""PDF documents: what a candidate and the signers read, checked by extracting the text."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
from pypdf import PdfReader

from examenbureau.core.io.documents import (
    Attempt,
    CandidateSheet,
    PtaLine,
    SubjectSheet,
    pdf_text,
    render_results_list,
    render_se_overview,
)

SIGNATURE_LINES = ["Handtekening directeur", "Handtekening examensecretaris",
                   "Handtekening kandidaat (voor ontvangst)"]


def pdf_words(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _sheet(subject_count: int = 2, tests: int = 3) -> CandidateSheet:
    attempts = (Attempt("afname", 1, Decimal("5.2"), None, None),
                Attempt("herkansing", 1, Decimal("6.6"), None, None),
                Attempt("inhaal", 1, None, None, "niet_gemaakt"))
    lines = tuple(PtaLine(f"T{i}", "Literatuur – ‘lezen’", "schriftelijk", Decimal("20.000"),
                           "cijfer", attempts) for i in range(tests))
    subjects = tuple(SubjectSheet(f"v{i}", f"10{i:02d}", f"Vak nummer {i}", Decimal(f"6.{i}"),
                                  {1: Decimal("7.2")}, Decimal("7.2"), 7, (), lines)
                     for i in range(subject_count))
    handelingsdeel = SubjectSheet("pws", None, "profielwerkstuk", None, {}, None, 8, (), (
        PtaLine("PWS", "Profielwerkstuk", "profielwerkstuk", Decimal(0), "voldaan",
                 (Attempt("afname", 1, None, "voldaan", None),)),))
    return CandidateSheet(2025, "4302", "Yusuf Testoğlu", date(2008, 4, 18), "vmbo", "gl", "zw",
                          "4G1", "2023-2025", (*subjects, handelingsdeel), Decimal("6.5"), None,
                          None, (), ("N-term ontbreekt voor wi tijdvak 1",))


def test_pdf_text_keeps_dutch_and_transliterates_the_rest():
    assert pdf_text("Zoë Chloë 't Hoen – €") == "Zoë Chloë 't Hoen – €"
    assert pdf_text("Testoğlu Łukasz Şahin Nguyễn") == "Testoglu Lukasz Sahin Nguyen"
    assert pdf_text("漢") == "?"


def test_se_overview_has_every_part_and_three_wet_signature_lines():
    sheet = _sheet(subject_count=12, tests=6)          # long enough for several pages
    text = pdf_words(render_se_overview(sheet, "Fictief Voorbeeldcollege", date(2025, 4, 1)))
    assert "Overzicht resultaten schoolexamen" in text
    assert "Yusuf Testoglu" in text and "4302" in text and "afgedrukt op 01-04-2025" in text
    for i in range(12):
        assert f"Vak nummer {i} (v{i}, 10{i:02d}) SE-cijfer: 6,{i}" in text
    assert "5,2" in text and "6,6" in text and "niet gemaakt" in text and "voldaan" in text
    assert "profielwerkstuk (pws) SE-cijfer: -" in text  # no grade: a dash, never a 0
    assert "Combinatiecijfer: 6,5" in text
    assert "Ontbreekt: N-term ontbreekt voor wi tijdvak 1" in text
    positions = [text.index(line) for line in SIGNATURE_LINES]
    assert positions == sorted(positions) and positions[0] > text.index("Combinatiecijfer")
    assert "digitale handtekening" in text
    assert "pagina 1 van " in text


def test_results_list_shows_grades_in_words_and_two_signatures():
    text = pdf_words(render_results_list(_sheet(), "Fictief Voorbeeldcollege"))
    assert "Cijferlijst" in text and "Uitslag: nog niet te bepalen" in text
    assert "Vak nummer 0 (v0) 1000 6,0 7,2 7 zeven" in text
    assert "Handtekening directeur" in text and "Handtekening examensecretaris" in text
    assert "Handtekening kandidaat" not in text


def _placed(data: bytes) -> list[list[list]]:
    """Every piece of text on every page with where it stands (x, y in points)."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        found: list[list] = []

        def visit(text, cm, tm, font, size, found=found):
            if text.strip():
                found.append([round(tm[4] * cm[0] + cm[4], 1), round(tm[5] * cm[3] + cm[5], 1),
                              text])

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def test_the_paper_is_laid_out_as_before_the_fast_drawing():
    """The grid and paragraphs are drawn with our own text measure instead of fpdf2's cell()
    and multi_cell() (which made a school's overviews take minutes). A signed paper must not
    change with that: tests/fixtures/document_layout.json holds every text and its place on
    the page as the cell()/multi_cell() layout drew this sheet (3 pages, ellipses, a long
    note broken over lines, a transliterated name); the fast drawing must match it exactly."""
    expected = json.loads((Path(__file__).parents[2] / "fixtures" / "document_layout.json")
                          .read_text(encoding="utf-8"))
    sheet, printed = _layout_sheet()
    assert _placed(render_se_overview(sheet, "Fictief Voorbeeldcollege", printed)) == expected["se"]
    assert (_placed(render_results_list(sheet, "Fictief Voorbeeldcollege", printed))
            == expected["list"])


def _layout_sheet() -> tuple[CandidateSheet, date]:
    """The sheet of the layout fixture: long enough for three pages, with a description and
    a subject name too wide for their columns (shortened with an ellipsis)."""
    sheet = _sheet(subject_count=12, tests=6)
    first = sheet.subjects[0]
    long_line = attrs.evolve(first.tests[0], description="Literatuuronderzoek naar de "
                             "Nederlandse letterkunde van de twintigste eeuw, mondeling")
    first = attrs.evolve(first, tests=(long_line, *first.tests[1:]),
                         name="Maatschappijwetenschappen en burgerschapsvorming (keuzedeel)")
    return attrs.evolve(sheet, subjects=(first, *sheet.subjects[1:])), date(2025, 4, 1)
