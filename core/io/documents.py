"""PDF documents per candidate: the overview of school-exam results before the CE, and the
results list (cijferlijst) after the uitslag.

Why paper: DUO requires that the overview of all school-exam results is handed to the candidate
before the first CE sitting (Uitvoeringsbesluit WVO 2020 art. 3.15) and signed on a physical
document with a wet signature of the director, the exam secretary and the candidate; a digital
signature, stamp or automatic signature is not allowed (DUO examenloket, "Schoolexamen", "Ondertekening"). So the
PDF carries empty signature lines and is meant to be printed.

Fonts: fpdf2 ships no TTF font, so the PDF core fonts are used with the Windows-1252 encoding,
which covers Dutch (ë, é, ï, 'ij') and most West-European names; characters outside it (ğ, ł, ş)
are transliterated to their base letter rather than dropped, so "Testoğlu" prints as "Testoglu".
Grades come from core.results; this module only lays them out.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..closing import CHANGED_AFTER_CLOSING, changes_after_closing
from ..store import Store, latest_exam_year
from ..store.files import open_private

Progress = Callable[[int, int], None]

SCHOOL_NAME_KEYS = ("school.naam", "school_naam", "school_name", "schoolnaam")
KINDS = ("se-overzicht", "cijferlijst")
ATTEMPT_ORDER = ("afname", "inhaal", "herkansing")
SIGNERS_SE = ("directeur", "examensecretaris", "kandidaat (voor ontvangst)")
SIGNERS_LIST = ("directeur", "examensecretaris")
NUMBER_WORDS = {1: "een", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven",
                8: "acht", 9: "negen", 10: "tien"}
_EXTRA = {"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "ŀ": "l",
          "\u2010": "-", "\u2011": "-", "\u2212": "-", "\u00a0": " "}


class DocumentError(ValueError):
    """Documents that cannot be made (no candidates, unknown class); the message is Dutch."""


def pdf_text(text: Any) -> str:
    """Text the core fonts (Windows-1252) can show: unchanged where possible, otherwise the
    base letter without its accent (ğ -> g), never a silent gap."""
    text = str(text)
    try:
        text.encode("cp1252")
        return text                     # nearly every text: no work per character
    except UnicodeEncodeError:
        pass
    out = []
    for ch in str(text):
        try:
            ch.encode("cp1252")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        ch = _EXTRA.get(ch, ch)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                       if not unicodedata.combining(c))
        try:
            base.encode("cp1252")
            out.append(base)
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


def nl(value: Any) -> str:
    """A grade as a Dutch reader writes it; an empty value is a visible dash, never a 0."""
    if value is None:
        return "-"
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return str(value)


# -- what goes on the paper ---------------------------------------------------------------------

@attrs.frozen
class Attempt:
    attempt: str
    seq: int
    grade: Decimal | None
    assessment: str | None
    status: str | None

    def text(self) -> str:
        if self.status:
            if self.grade is not None:   # short, so it fits the column next to the grade
                short = {"onregelmatigheid": "onregelm.", "vrijstelling": "vrijst."}
                return f"{nl(self.grade)} ({short.get(self.status, self.status)})"
            return self.status.replace("_", " ")
        if self.grade is not None:
            return nl(self.grade)
        return self.assessment or "-"


@attrs.frozen
class PtaLine:
    test_code: str
    description: str | None
    kind: str | None
    weight: Decimal | None
    result_type: str | None
    attempts: tuple[Attempt, ...]

    def cell(self, attempt: str) -> str:
        found = [a.text() for a in sorted(self.attempts, key=lambda a: a.seq)
                 if a.attempt == attempt]
        return " / ".join(found)


@attrs.frozen
class SubjectSheet:
    subject: str
    subject_code: str | None
    name: str
    se_grade: Any
    ce_grades: dict[int, Any]
    ce_grade: Any
    final_grade: Any
    missing: tuple[str, ...]
    tests: tuple[PtaLine, ...]
    assessment: str | None = None      # goed | voldoende | onvoldoende (lo, kunstvakken, pws)
    changed_after_closing: tuple[str, ...] = ()   # closing.ChangeAfterClosing.sentence()

    def se_text(self) -> str:
        if self.se_grade is None and self.assessment:
            return f"Beoordeling: {self.assessment}"
        return f"SE-cijfer: {nl(self.se_grade)}"


@attrs.frozen
class CandidateSheet:
    exam_year: int
    exam_number: str
    name: str
    birth_date: date | None
    school_type: str
    track: str | None
    profile: str | None
    class_name: str | None
    cohort: str | None
    subjects: tuple[SubjectSheet, ...]
    combination_grade: Any
    passed: bool | None
    cum_laude: bool | None
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    pws_title: str | None = None       # the profielwerkstuk's title (table pws_titles)

    @property
    def programme(self) -> str:
        """As the law names it: 'havo, profiel natuur en gezondheid' (core.document_wording)."""
        from ..document_wording import programme_text

        return programme_text(self.school_type, self.track, self.profile)


def _texts(items: Any) -> tuple[str, ...]:
    return tuple(getattr(i, "text", str(i)) for i in items or ())


def candidate_sheets(store: Store, *, exam_year: int | None = None, class_name: str | None = None,
                     exam_numbers: Sequence[str] | None = None,
                     pack: str | None = None) -> list[CandidateSheet]:
    """Everything the documents show for the chosen candidates, sorted by class and number."""
    from ..results import compute_results

    with store.read() as con:
        year = exam_year or latest_exam_year(con)
        if year is None:
            raise DocumentError("De database bevat nog geen kandidaten.")
        sql = ("SELECT exam_number, last_name, name_prefix, first_name, initials, birth_date,"
               " school_type, track, profile, class_name, cohort, t.title FROM candidates"
               " LEFT JOIN pws_titles t USING (exam_year, exam_number) WHERE exam_year = ?")
        params: list[Any] = [year]
        if class_name:
            sql += " AND class_name = ?"
            params.append(class_name)
        if exam_numbers:
            sql += f" AND exam_number IN ({', '.join('?' for _ in exam_numbers)})"
            params.extend(exam_numbers)
        people = {r[0]: r for r in con.execute(sql, params).fetchall()}
        if not people:
            what = f"klas {class_name}" if class_name else "deze selectie"
            raise DocumentError(f"Geen kandidaten gevonden voor {what} in examenjaar {year}.")
        numbers = sorted(people)
        marks = ", ".join("?" for _ in numbers)
        pta = con.execute(
            "SELECT p.cohort, p.school_type, p.subject, p.test_code, p.description, p.kind,"
            " p.weight, p.result_type, p.year_of_study, p.period FROM pta_items p").fetchall()
        results_rows = con.execute(
            "SELECT exam_number, subject, test_code, attempt, seq, grade, assessment, status"
            f" FROM se_results WHERE exam_year = ? AND exam_number IN ({marks})",
            [year, *numbers]).fetchall()
        changed = changes_after_closing(con, year, numbers)
    tests_by_programme: dict[tuple[str, str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in sorted(pta, key=lambda r: (r[8] or 0, r[9] or 0, r[3])):
        tests_by_programme[(row[0], row[1], row[2])].append(row)
    attempts = _attempts_by_subject(results_rows)
    computed = {r.exam_number: r for r in compute_results(store, exam_year=year,
                                                          exam_numbers=numbers, pack=pack)}
    sheets = []
    for number in numbers:
        p = people[number]
        result = computed.get(number)
        subjects = []
        for s in (result.subjects if result else ()):
            pta_rows = tests_by_programme.get((p[10], p[6], s.subject), [])
            own = attempts.get((number, s.subject), {})
            known = {r[3] for r in pta_rows}
            lines = [PtaLine(r[3], r[4], r[5], r[6], r[7], own.get(r[3], ())) for r in pta_rows]
            # results for tests that are not in the PTA still show (they are facts)
            lines.extend(PtaLine(test, "(niet in PTA)", None, None, None, own[test])
                         for test in sorted(own) if test not in known)
            subjects.append(SubjectSheet(
                s.subject, s.subject_code, s.name or s.subject, s.se_grade,
                dict(s.ce_grades or {}), s.ce_grade, s.final_grade, _texts(s.missing),
                tuple(lines), getattr(s, "assessment", None),
                tuple(c.sentence() for c in changed.get((number, s.subject), ()))))
        sheets.append(CandidateSheet(
            year, number, result.display_name if result else _name(p), p[5], p[6], p[7], p[8],
            p[9], p[10], tuple(subjects),
            result.combination_grade if result else None,
            result.passed if result else None, result.cum_laude if result else None,
            _texts(r for r in (result.reasons if result else ()) if getattr(r, "violated", True)),
            _texts(result.missing if result else ()), p[11]))
    return sorted(sheets, key=lambda s: (s.class_name or "", s.exam_number))


def _attempts_by_subject(
        rows: Sequence[Sequence[Any]]) -> dict[tuple[str, str], dict[str, tuple[Attempt, ...]]]:
    """(exam number, subject) -> test -> its attempts in the order of the paper (afname,
    inhaal, herkansing; then seq).

    Why grouped once: each sheet looks up only its own attempts. Scanning the school's
    attempts for every candidate and subject made a whole school's documents quadratic (300
    candidates took 50 s, 2,000 did not finish in 10 minutes)."""
    grouped: dict[tuple[str, str], dict[str, list[Attempt]]] = defaultdict(
        lambda: defaultdict(list))
    for number, subject, test, attempt, seq, grade, assessment, status in rows:
        grouped[(number, subject)][test].append(Attempt(attempt, seq, grade, assessment, status))
    return {key: {test: tuple(sorted(found, key=_paper_order)) for test, found in tests.items()}
            for key, tests in grouped.items()}


def _paper_order(attempt: Attempt) -> tuple[int, int]:
    known = attempt.attempt in ATTEMPT_ORDER
    return (ATTEMPT_ORDER.index(attempt.attempt) if known else len(ATTEMPT_ORDER), attempt.seq)


def _name(p: Sequence[Any]) -> str:
    given = p[3] or p[4] or ""
    family = f"{p[2]} {p[1]}" if p[2] else p[1]
    return f"{given} {family}".strip()


def school_name(store: Store) -> str:
    for key in SCHOOL_NAME_KEYS:
        value = store.get_setting(key)
        if value:
            return value
    return "School (naam niet ingesteld)"


# -- layout -----------------------------------------------------------------------------------

@functools.cache
def _pdf_class() -> type:
    from fpdf import FPDF

    class Document(FPDF):  # type: ignore[misc]
        footer_text = ""

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, pdf_text(f"{self.footer_text} - pagina {self.page_no()} van {{nb}}"),
                      align="C")

    return Document


def _new_pdf(title: str, footer: str) -> Any:
    pdf = _pdf_class()(orientation="P", unit="mm", format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_title(pdf_text(title))
    pdf.set_creator("examenbureau")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.set_margins(15, 15, 15)
    pdf.footer_text = footer
    pdf.alias_nb_pages()
    pdf.add_page()
    return pdf


def _heading(pdf: Any, school: str, title: str, sheet: CandidateSheet, printed: date) -> None:
    pdf.set_font("Helvetica", "B", 11)
    _cell(pdf, 0, 6, pdf_text(school), newline=True)
    pdf.set_font("Helvetica", "B", 15)
    _cell(pdf, 0, 9, pdf_text(title), newline=True)
    pdf.set_font("Helvetica", size=9)
    _cell(pdf, 0, 5, pdf_text(f"Examenjaar {sheet.exam_year} - afgedrukt op "
                              f"{printed.strftime('%d-%m-%Y')}"), newline=True)
    pdf.ln(3)
    rows = [("Naam", sheet.name), ("Examennummer", sheet.exam_number),
            ("Geboortedatum", sheet.birth_date.strftime("%d-%m-%Y") if sheet.birth_date else "-"),
            ("Opleiding", sheet.programme), ("Klas", sheet.class_name or "-"),
            ("Cohort", sheet.cohort or "-")]
    for label, value in rows:
        pdf.set_font("Helvetica", "B", 10)
        _cell(pdf, 40, 6, pdf_text(label))
        pdf.set_font("Helvetica", size=10)
        _cell(pdf, 0, 6, pdf_text(value), newline=True)
    pdf.ln(3)


def _signatures(pdf: Any, signers: Sequence[str], note: str) -> None:
    needed = 14 + 26 * len(signers)
    if pdf.get_y() + needed > pdf.h - 20:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 8)
    _paragraph(pdf, note, 4)
    pdf.ln(2)
    for signer in signers:
        pdf.set_font("Helvetica", "B", 10)
        _cell(pdf, 0, 6, pdf_text(f"Handtekening {signer}"), newline=True)
        pdf.set_font("Helvetica", size=9)
        _cell(pdf, 90, 7, pdf_text("Naam: " + "_" * 38))
        _cell(pdf, 0, 7, pdf_text("Datum: " + "_" * 20), newline=True)
        pdf.ln(7)
        y = pdf.get_y()
        pdf.line(pdf.l_margin, y, pdf.l_margin + 90, y)
        pdf.ln(6)


def _cell(pdf: Any, w: float, h: float, text: str, *, align: str = "L",
          newline: bool = False) -> None:
    """One line of text in a box of width `w` (0: to the right margin), without a border:
    where fpdf2's cell() puts it, at a fraction of its cost (see `_grid`); `newline` goes on
    at the left margin below, otherwise at the right of the box."""
    if pdf.will_page_break(h):
        pdf._perform_page_break()       # what cell() does: a new page, x kept
    x, y = pdf.x, pdf.y
    width = w or pdf.w - pdf.r_margin - x
    if text:
        used = _width(pdf, text)
        offset = {"R": width - pdf.c_margin - used,
                  "C": (width - used) / 2}.get(align, pdf.c_margin)
        pdf.text(x + offset, y + 0.5 * h + 0.3 * pdf.font_size, text)
    if newline:
        pdf.set_xy(pdf.l_margin, y + h)
    else:
        pdf.set_xy(x + width, y)


def _grid(pdf: Any, widths: Sequence[float], aligns: str, header: Sequence[str],
          rows: Sequence[Sequence[str]], *, size: float, height: float) -> None:
    """A ruled table of one-line cells; text too wide for its column is shortened with an
    ellipsis.

    Why rect() and text() with our own measure instead of cell(): fpdf2's cell() costs about a
    millisecond (it copies the graphics state and shapes the text every time), and a school's
    overviews have some 500 cells per candidate, so cells were most of the time of a whole
    cohort. The page looks the same: the text sits where cell() puts it (c_margin from the
    edge, baseline at half the height plus 0.3 of the font size)."""

    def line(cells: Sequence[str], bold: bool) -> None:
        pdf.set_font("Helvetica", "B" if bold else "", size)
        x, y = pdf.l_margin, pdf.get_y()
        baseline = y + 0.5 * height + 0.3 * pdf.font_size
        for width, align, text in zip(widths, aligns, cells, strict=True):
            pdf.rect(x, y, width, height)
            shown, used = _fit(pdf, pdf_text(text), width - 2 * pdf.c_margin)
            if shown:
                offset = {"R": width - pdf.c_margin - used,
                          "C": (width - used) / 2}.get(align, pdf.c_margin)
                pdf.text(x + offset, baseline, shown)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)

    line(header, True)
    for row in rows:
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            line(header, True)
        line(row, False)


_UNITS: dict[tuple[str, str], int] = {}     # (font, text) -> width in thousandths of the size
_UNITS_MAX = 50_000


def _width(pdf: Any, text: str) -> float:
    """What pdf.get_string_width says for a core font, without its text shaping: the font's
    character widths (in thousandths of the size) summed, in mm.

    Why remembered per font and text: a school's papers repeat the same few thousand texts
    (grades, headers, test codes), and summing them again was a fifth of a paper's time."""
    font = pdf.current_font
    key = (font.fontkey, text)
    units = _UNITS.get(key)
    if units is None:
        widths = font.cw
        units = sum(widths[c] for c in pdf.normalize_text(text))
        if len(_UNITS) >= _UNITS_MAX:
            _UNITS.clear()
        _UNITS[key] = units
    return units * pdf.font_size_pt / 1000 / pdf.k   # layout in mm, not a grade


def _paragraph(pdf: Any, text: str, height: float) -> None:
    """Text over the width of the page, broken at spaces, left-aligned, on a new page when the
    page is full. Why not multi_cell(): its line breaking is a tenth of a candidate's paper
    (the signature note alone); this greedy break with our own measure gives the same lines."""
    room = pdf.epw - 2 * pdf.c_margin
    line = ""
    lines = []
    for word in pdf_text(text).split():
        while _width(pdf, word) > room:                  # a word wider than the page
            cut = len(word) - 1
            while cut > 1 and _width(pdf, word[:cut]) > room:
                cut -= 1
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:cut])
            word = word[cut:]
        joined = f"{line} {word}" if line else word
        if _width(pdf, joined) <= room:
            line = joined
        else:
            lines.append(line)
            line = word
    lines.append(line)
    for shown in lines:
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        if shown:
            pdf.text(pdf.l_margin + pdf.c_margin, y + 0.5 * height + 0.3 * pdf.font_size, shown)
        pdf.set_xy(pdf.l_margin, y + height)


def _fit(pdf: Any, text: str, room: float) -> tuple[str, float]:
    """The text, or as much of it as fits with an ellipsis, and its width."""
    used = _width(pdf, text)
    if used <= room:
        return text, used
    while text:
        text = text[:-1]
        used = _width(pdf, text + "…")
        if used <= room:
            break
    return text + "…", _width(pdf, text + "…")


SE_NOTE = ("Overzicht van de resultaten van het schoolexamen, uitgereikt voor de start van het "
           "centraal examen (Uitvoeringsbesluit WVO 2020 art. 3.15). De directeur en de "
           "examensecretaris ondertekenen met pen; een digitale handtekening, stempel of "
           "automatische ondertekening is niet toegestaan. De kandidaat tekent voor ontvangst.")
LIST_NOTE = ("Deze cijferlijst is alleen geldig met de handtekeningen met pen van de directeur en "
             "de examensecretaris.")


def render_se_overview(sheet: CandidateSheet, school: str, printed: date | None = None) -> bytes:
    """One candidate's overview of all parts of the exam file: every PTA test with its
    attempts, the SE grade per subject, assessments, PWS and combination grade."""
    printed = printed or date.today()
    pdf = _new_pdf(f"Overzicht schoolexamen {sheet.exam_number}",
                   f"Overzicht schoolexamen {sheet.exam_number} {sheet.name}")
    _heading(pdf, school, "Overzicht resultaten schoolexamen", sheet, printed)
    widths = (21, 47, 27, 13, 24, 24, 24)
    for subject in sheet.subjects:
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 11)
        code = f", {subject.subject_code}" if subject.subject_code else ""
        _cell(pdf, 130, 7, pdf_text(f"{subject.name} ({subject.subject}{code})"))
        _cell(pdf, 0, 7, pdf_text(subject.se_text()), align="R", newline=True)
        if subject.tests:
            _grid(pdf, widths, "LLLRCCC",
                  ("Toets", "Omschrijving", "Soort", "Weging", "Afname", "Inhaal", "Herkansing"),
                  [(test.test_code, test.description or "", test.kind or "",
                    nl(test.weight.normalize()) if test.weight is not None else "",
                    *(test.cell(attempt) for attempt in ATTEMPT_ORDER))
                   for test in subject.tests], size=8, height=4.8)
        else:
            pdf.set_font("Helvetica", "I", 8)
            _cell(pdf, 0, 5, pdf_text("Geen PTA-toetsen of resultaten bekend."), newline=True)
        for missing in subject.missing:
            pdf.set_font("Helvetica", "I", 8)
            _paragraph(pdf, f"Ontbreekt: {missing}", 4)
        _after_closing(pdf, subject)
        pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    _cell(pdf, 0, 7, pdf_text(f"Combinatiecijfer: {nl(sheet.combination_grade)}"), newline=True)
    for missing in sheet.missing:
        pdf.set_font("Helvetica", "I", 8)
        _paragraph(pdf, f"Ontbreekt: {missing}", 4)
    _signatures(pdf, SIGNERS_SE, SE_NOTE)
    return bytes(pdf.output())


def render_results_list(sheet: CandidateSheet, school: str, printed: date | None = None) -> bytes:
    """One candidate's cijferlijst: SE, CE and final grade per subject, the combination
    grade and the outcome with its reasons."""
    printed = printed or date.today()
    pdf = _new_pdf(f"Cijferlijst {sheet.exam_number}", f"Cijferlijst {sheet.exam_number} "
                   f"{sheet.name}")
    _heading(pdf, school, "Cijferlijst", sheet, printed)
    _grid(pdf, (70, 20, 20, 20, 20, 30), "LCCCCL",
          ("Vak", "Code", "SE-cijfer", "CE-cijfer", "Eindcijfer", "In letters"),
          [(f"{s.name} ({s.subject}){' *' if s.changed_after_closing else ''}", s.subject_code or "",
            nl(s.se_grade), nl(s.ce_grade),
            nl(s.final_grade) if s.final_grade is not None or not s.assessment
            else s.assessment, _in_words(s.final_grade)) for s in sheet.subjects],
          size=9, height=5.5)
    for subject in sheet.subjects:
        _after_closing(pdf, subject, mark="* ")
    pdf.ln(3)
    if sheet.pws_title:
        from ..document_wording import pws_line

        pdf.set_font("Helvetica", size=10)
        _paragraph(pdf, pws_line(sheet.pws_title), 6)
    pdf.set_font("Helvetica", "B", 10)
    outcome = {True: "geslaagd", False: "afgewezen", None: "nog niet te bepalen"}[sheet.passed]
    lines = [f"Combinatiecijfer: {nl(sheet.combination_grade)}", f"Uitslag: {outcome}"]
    if sheet.cum_laude:
        lines.append("Met lof (cum laude)")
    for line in lines:
        _cell(pdf, 0, 6, pdf_text(line), newline=True)
    # an official paper: a formal sentence, not the reasons written for a parent ("je")
    from ..document_wording import formal_outcome

    pdf.set_font("Helvetica", size=9)
    for line in (formal_outcome(sheet.passed, sheet.cum_laude),
                 *(f"Ontbreekt: {m}" for m in sheet.missing)):
        _paragraph(pdf, line, 4)
    _signatures(pdf, SIGNERS_LIST, LIST_NOTE)
    return bytes(pdf.output())


def _after_closing(pdf: Any, subject: SubjectSheet, mark: str = "") -> None:
    """Every change after a closing act shows on the paper too (issue 11)."""
    for change in subject.changed_after_closing:
        pdf.set_font("Helvetica", "I", 8)
        pdf.multi_cell(0, 4, pdf_text(f"{mark}{subject.subject} {CHANGED_AFTER_CLOSING}: {change}"),
                       new_x="LMARGIN", new_y="NEXT")


def _in_words(value: Any) -> str:
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        whole = Decimal(value)
        if whole == whole.to_integral_value() and int(whole) in NUMBER_WORDS:
            return NUMBER_WORDS[int(whole)]
    return ""


def write_documents(store: Store, kind: str, out_dir: str | Path, *,
                    exam_year: int | None = None, class_name: str | None = None,
                    exam_numbers: Sequence[str] | None = None, pack: str | None = None,
                    progress: Progress | None = None, printed: date | None = None) -> list[Path]:
    """One PDF per candidate in `out_dir` (`se-overzicht_2025_5101.pdf`) for a class, a
    selection or the whole cohort of the exam year."""
    if kind not in KINDS:
        raise DocumentError(f"Onbekend document '{kind}', verwacht {' of '.join(KINDS)}.")
    sheets = candidate_sheets(store, exam_year=exam_year, class_name=class_name,
                              exam_numbers=exam_numbers, pack=pack)
    school = school_name(store)
    render = render_se_overview if kind == "se-overzicht" else render_results_list
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    group = store.file_group()
    written = []
    for done, sheet in enumerate(sheets, start=1):
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in sheet.exam_number)
        path = folder / f"{kind}_{sheet.exam_year}_{safe}.pdf"
        tmp = path.with_name(path.name + ".part")
        with open_private(tmp, "wb", group=group) as handle:
            handle.write(render(sheet, school, printed))
        tmp.replace(path)
        written.append(path)
        if progress:
            progress(done, len(sheets))
    return written
