"""PDF documents: what a candidate and the signers read, checked by extracting the text."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

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
