"""Kandidaat: one candidate's examendossier and result, with every reason behind it.

What is stored (personal data, subjects, SE results per PTA test with their attempts, CE scores
per tijdvak) comes from `examenbureau.tui.data`; what follows from it (SE, CE and final grade per
subject, combination grade, uitslag, cum laude, the reasons and what is missing) comes from
`examenbureau.core.results`. The screen only lays both out: a parent asking "why?" gets the
Dutch sentence, the rule and the article, as the rule pack wrote them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from examenbureau.core import packs
from examenbureau.core.results import compute_results
from examenbureau.core.rules.answers import Advice, Needed
from examenbureau.core.rules.texts import tenths_nl
from examenbureau.core.store import StoreError

from ..data import CandidateFile, SeTest, load_candidate_file
from ..formatting import MISSING, grade, number, outcome_label, yes_no
from ..navbar import NavBar
from ..pack_view import pack_block, pack_view_of
from .base import StoreScreen

ATTEMPTS = ("afname", "inhaal", "herkansing")


class CandidateScreen(StoreScreen):
    TITLE = "Kandidaat"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Terug", id="terug"),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self, exam_year: int, exam_number: str) -> None:
        super().__init__()
        self.exam_year = exam_year
        self.exam_number = exam_number
        self.file: CandidateFile | None = None
        self.result: Any = None          # CandidateResult, or None until computed
        self.result_problem: str | None = None

    def compose(self) -> ComposeResult:
        yield NavBar(detail=f"Kandidaat {self.exam_number}", id="nav")
        with VerticalScroll(id="dossier"):
            yield Static(f"Kandidaat {self.exam_number} laden…", id="kop")
            yield Static("Uitslag berekenen…", id="uitslag")
            yield Static("", id="pakket")   # the rule pack: resits used and left, cum laude
            yield Static("", id="vakken")
            yield Static("", id="se")
            yield Static("", id="ce")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#dossier").focus()
        self.action_reload()

    def action_close(self) -> None:
        self.dismiss()

    def action_reload(self) -> None:
        year, number = self.exam_year, self.exam_number
        self.read_in_background(lambda store: load_candidate_file(store, year, number),
                                self._file_loaded, group="dossier")
        self.read_in_background(lambda store: _compute_one(store, year, number),
                                self._result_loaded, group="kandidaat-uitslag")
        self.read_in_background(lambda store: pack_view_of(store, year, number),
                                self._pack_loaded, group="kandidaat-pakket")

    def show_problem(self, text: str) -> None:
        self.query_one("#kop", Static).update(text)

    # -- loaded data ----------------------------------------------------------------------------
    def _file_loaded(self, file: CandidateFile | None) -> None:
        if file is None:
            self.query_one("#kop", Static).update(
                f"Kandidaat {self.exam_number} ({self.exam_year}) staat niet (meer)"
                " in de database.")
            return
        self.file = file
        self.query_one(NavBar).set_detail(f"{file.name} ({file.exam_number})")
        self.query_one("#kop", Static).update(_header(file))
        self._render_tables()

    def _result_loaded(self, outcome: tuple[Any, str | None]) -> None:
        self.result, self.result_problem = outcome
        self.query_one("#uitslag", Static).update(_result_block(self.result, self.result_problem))
        self._render_tables()

    def _pack_loaded(self, found: tuple[Any, str | None]) -> None:
        self.query_one("#pakket", Static).update(pack_block(*found))

    def _render_tables(self) -> None:
        if self.file is None:
            return
        self.query_one("#vakken", Static).update(_subjects_table(self.file, self.result))
        self.query_one("#se", Static).update(_se_table(self.file))
        self.query_one("#ce", Static).update(_ce_table(self.file, self.result))


def _compute_one(store: Any, exam_year: int, exam_number: str) -> tuple[Any, str | None]:
    """The result of one candidate, or why there is none (never raises for a rule problem)."""
    try:
        results = compute_results(store, exam_year=exam_year, exam_numbers=[exam_number],
                                  advice=True)
    except StoreError:
        raise
    except Exception as exc:  # a pack error must show, not crash the screen
        return None, f"De uitslag kon niet worden berekend: {type(exc).__name__}: {exc}"
    for r in results:
        if r.exam_number == exam_number:
            return r, None
    return None, "Voor deze kandidaat is geen uitslag berekend."


# -- rendering (pure functions of the loaded data) ------------------------------------------------
def _header(file: CandidateFile) -> Text:
    p = file.personal
    text = Text()
    text.append(file.name, style="bold")
    text.append(f"   examennummer {file.exam_number} · examenjaar {file.exam_year}\n")
    facts = [
        ("Schooltype", file.type_label),
        ("Profiel", p.get("profile")),
        ("Klas", p.get("class_name")),
        ("Leerlingnummer", p.get("student_number")),
        ("Geboortedatum", p["birth_date"].strftime("%d-%m-%Y") if p.get("birth_date") else None),
        ("Geslacht", p.get("gender")),
        ("Cohort", p.get("cohort")),
        ("Opleidingscode", p.get("programme_code")),
        ("Voorzieningen", p.get("facilities")),
    ]
    shown = [f"{label}: {value}" for label, value in facts if value]
    text.append(" · ".join(shown))
    return text


def _result_block(result: Any, problem: str | None) -> Group | Text:
    if result is None:
        return Text(f"Uitslag: {problem or 'wordt berekend…'}", style="italic")
    parts: list[Any] = []
    head = Text()
    head.append("Uitslag: ")
    label = outcome_label(result.passed)
    style = {True: "bold green", False: "bold red"}.get(result.passed, "bold yellow")
    head.append(label.upper(), style=style)
    head.append("   cum laude: ")
    head.append(yes_no(result.cum_laude) if result.cum_laude is not None else "nog niet te bepalen",
                style="bold" if result.cum_laude else "")
    head.append("   combinatiecijfer: ")
    head.append(grade(result.combination_grade))
    parts.append(head)
    _reasons(parts, "Redenen uitslag:", result.reasons)
    _reasons(parts, "Redenen cum laude:", result.cum_laude_reasons)
    _reasons(parts, "Opmerkingen:", result.notes)
    _advice(parts, result.advice)
    _needed(parts, result.needed)
    missing = list(_unique_missing(result))
    if missing:
        parts.append(Text("Ontbreekt:", style="bold"))
        parts.extend(_item_line("?", m.text) for m in missing)
    composition = result.composition
    missing_texts = " ".join(m.text for m in missing)
    problems = [p for p in (composition.problems if composition is not None else [])
                if p not in missing_texts]
    warnings = list(result.warnings)
    if problems or warnings:
        parts.append(Text("Let op:", style="bold"))
        parts.extend(_item_line("!", text) for text in [*problems, *warnings])
    dropped = list(result.dropped)
    if dropped:
        parts.append(Text(f"Niet meegeteld: {', '.join(map(str, dropped))}", style="dim"))
    return Group(*parts)


ADVICE_OPTIONS_SHOWN = 4


def _advice(parts: list[Any], advice: Advice | None) -> None:
    """Results day: which single CE resit makes this candidate pass, or brings cum laude.

    The sentences are the rule engine's (its summary, then one per option); only when one
    resit can change something are the options listed (smallest step first), with the article
    the advice rests on."""
    if advice is None:
        return
    options = advice.options
    if advice.passed and not options:
        return  # geslaagd, and no single resit brings cum laude: nothing to advise
    parts.append(Text("Herkansing:", style="bold"))
    body = Text(advice.summary)
    for option in options[:ADVICE_OPTIONS_SHOWN]:
        body.append("\n• " + option.text)
    if len(options) > ADVICE_OPTIONS_SHOWN:
        body.append(f"\n… en {len(options) - ADVICE_OPTIONS_SHOWN} andere vakken.", style="dim")
    body.append("\n" + advice.source, style="dim italic")
    parts.append(_arrow_block(body))


def _needed(parts: list[Any], needed: Needed | None) -> None:
    """Before the CE: the lowest CE grade per open subject that still lets the candidate pass,
    and the lowest score when the exam's L and N are known (the engine's `needed`)."""
    if needed is None:
        return
    parts.append(Text("Nodig op het CE:", style="bold"))
    body = Text(needed.text)
    if needed.possible and len(needed.subjects) > 1:
        for s in needed.subjects:
            if s.lowest_tenths is not None:
                body.append(f"\n• {s.name}: minimaal {tenths_nl(s.lowest_tenths)}")
    for s in needed.subjects:
        if s.lowest_score is not None and s.n_term is not None:
            body.append(f"\n• {s.name}: dat is een score van minimaal {s.lowest_score} van de "
                        f"{s.scale_length} punten (N-term {grade(s.n_term)})")
    if needed.possible:
        body.append("\n" + needed.source, style="dim italic")
    parts.append(_arrow_block(body))


def _arrow_block(body: Text) -> Table:
    """An arrow and an indented text: advice reads apart from the reasons (✗/✓) above it."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    grid.add_row(Text("→", style="bold"), body)
    return grid


def _reasons(parts: list[Any], title: str, reasons: Iterable[Any]) -> None:
    """Broken rules first (✗), then the rules that hold (✓), each with its rule and article."""
    ordered = sorted(reasons, key=lambda r: not r.violated)
    if not ordered:
        return
    parts.append(Text(title, style="bold"))
    parts.extend(_reason_text(r) for r in ordered)


def _reason_text(reason: Any) -> Table:
    """Mark, sentence and, below it, rule and article; wrapped lines keep their indent."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    mark = Text("✗", style="bold red") if reason.violated else Text("✓", style="green")
    where = f"regel {reason.rule} — {reason.source}"
    if reason.pack and reason.pack != packs.STATUTORY:
        where += f" (regelpakket {reason.pack})"
    body = Text(reason.text)
    body.append("\n")
    body.append(where, style="dim italic")
    grid.add_row(mark, body)
    return grid


def _item_line(mark: str, text: str) -> Table:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    grid.add_row(Text(mark, style="bold yellow"), Text(text))
    return grid


def _unique_missing(result: Any) -> Iterable[Any]:
    seen: set[str] = set()
    items = list(result.missing)
    for s in result.subjects:
        items.extend(s.missing)
    for m in items:
        if m.text not in seen:
            seen.add(m.text)
            yield m


def _table(title: str) -> Table:
    """A compact table that fits 80 columns: no outer edge, one header rule."""
    return Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                 pad_edge=False, show_edge=False, expand=False, padding=(0, 0))


def _subjects_table(file: CandidateFile, result: Any) -> Table:
    by_subject = {s.subject: s for s in result.subjects} if result is not None else {}
    table = _table("Vakken")
    table.add_column("Vak", no_wrap=True)
    table.add_column("Code", no_wrap=True)
    table.add_column("Naam", no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column("Examendeel", no_wrap=True)
    table.add_column("CE?", no_wrap=True)
    table.add_column("SE", justify="right", no_wrap=True)
    table.add_column("CE", justify="right", no_wrap=True)
    table.add_column("Eind", justify="right", no_wrap=True)
    subjects = list(file.subjects)
    known = {s.subject for s in subjects}
    for s in subjects:
        r = by_subject.get(s.subject)
        table.add_row(s.subject, s.subject_code or MISSING, s.name or MISSING,
                      s.exam_part or MISSING, yes_no(s.has_ce) if s.has_ce is not None else "?",
                      *_grades(r))
    for name, r in by_subject.items():  # a subject the result knows but the file does not list
        if name not in known:
            table.add_row(r.subject, r.subject_code or MISSING, r.name or MISSING, MISSING,
                          yes_no(r.has_ce), *_grades(r))
    if not subjects and not by_subject:
        table.add_row("", "", "Geen vakken opgeslagen.", "", "", "", "", "")
    return table


def _grades(r: Any) -> list[str]:
    if r is None:
        return [MISSING, MISSING, MISSING]
    ce = grade(r.ce_grade) if r.has_ce else ""
    final = grade(r.final_grade)
    if r.final_grade is None and r.assessment:
        final = r.assessment  # lo, kunstvakken: goed / voldoende / onvoldoende
    return [grade(r.se_grade), ce, final]


def _attempt_text(test: SeTest, kind: str) -> str:
    parts = []
    for a in test.attempts:
        if a.attempt != kind:
            continue
        if a.grade is not None:
            value = grade(a.grade)
        elif a.assessment:
            value = a.assessment
        else:
            value = MISSING
        if a.status:
            value = f"{value} ({a.status.replace('_', ' ')})"
        parts.append(value)
    return " / ".join(parts)


def _description(test: SeTest, subject_names: dict[str, str]) -> str:
    """The PTA description without the subject name it usually starts with."""
    text = test.description or ""
    name = subject_names.get(test.subject)
    if name and text.casefold().startswith(name.casefold() + ":"):
        text = text[len(name) + 1:].strip()
    return text


def _se_table(file: CandidateFile) -> Table:
    names = {s.subject: s.name for s in file.subjects if s.name}
    table = _table("Schoolexamen (SE) per PTA-toets")
    table.add_column("Vak", no_wrap=True)
    table.add_column("Toets", no_wrap=True)
    table.add_column("Omschrijving", no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column("Weging", justify="right", no_wrap=True)
    table.add_column("Afname", justify="right")
    table.add_column("Inhaal", justify="right")
    table.add_column("Herk.", justify="right")
    previous = None
    for test in file.se_tests:
        table.add_row(test.subject if test.subject != previous else "", test.test_code,
                      _description(test, names),
                      number(test.weight) if test.weight is not None else "",
                      *(_attempt_text(test, kind) for kind in ATTEMPTS))
        previous = test.subject
    if not file.se_tests:
        table.add_row("", "", "Geen SE-resultaten opgeslagen.", "", "", "", "")
    return table


def _ce_table(file: CandidateFile, result: Any) -> Table:
    by_subject = {s.subject: s for s in result.subjects} if result is not None else {}
    table = _table("Centraal examen (CE) per tijdvak")
    table.add_column("Vak")
    table.add_column("Tijdvak", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("L", justify="right")
    table.add_column("N-term", justify="right")
    table.add_column("Status")
    table.add_column("Cijfer", justify="right")
    for s in file.ce_scores:
        r = by_subject.get(s.subject)
        ce_grade = None
        if r is not None and r.ce_grades:
            ce_grade = r.ce_grades.get(s.period)
        status = (s.status or "").replace("_", " ")
        if s.direct_grade is not None:  # stored as received, e.g. a paper exam in tijdvak 3
            status = f"{status} cijfer {grade(s.direct_grade)}".strip()
        table.add_row(s.subject, str(s.period),
                      str(s.score) if s.score is not None else MISSING,
                      str(s.scale_length) if s.scale_length is not None else MISSING,
                      grade(s.n_term), status, grade(ce_grade))
    if not file.ce_scores:
        table.add_row("", "", "", "", "", "Geen CE-scores opgeslagen.", "")
    return table
