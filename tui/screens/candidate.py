"""Kandidaat: one candidate's examendossier and result, with every reason behind it.

What is stored (personal data, subjects, SE results per PTA test with their attempts, CE scores
per tijdvak) comes from `examenbureau.tui.data`; what follows from it (SE, CE and final grade per
subject, combination grade, uitslag, cum laude, the reasons and what is missing) comes from
`examenbureau.core.results`. The screen only lays both out: a parent asking "why?" gets the
Dutch sentence, the rule and the article, as the rule pack wrote them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from examenbureau.core import packs
from examenbureau.core.corrections import COLUMN_WORDS, show
from examenbureau.core.results import compute_results
from examenbureau.core.rules.answers import Advice, Needed
from examenbureau.core.rules.texts import tenths_nl
from examenbureau.core.store import StoreError
from examenbureau.core.store.changes import (
    Change,
    affected_candidates,
    candidate_log,
    touches_everyone,
)

from ..columns import set_columns
from ..data import CandidateFile, SeAttempt, SeTest, load_candidate_file
from ..formatting import MISSING, grade, number, outcome_label, yes_no
from ..navbar import NavBar
from .base import StoreScreen
from .se_edit import SeEditDialog

ATTEMPTS = ("afname", "inhaal", "herkansing")


LOG_COLUMNS = [("Wanneer", "wanneer", 16), ("Wie", "wie", 8), ("Wat", "wat", 16),
               ("Oud → nieuw", "oud-nieuw", 12), ("Reden", "reden", 12)]
TABS = {"uitslag": "Uitslag", "se": "SE", "ce": "CE", "herkansingen": "Herkansingen",
        "voorzieningen": "Voorzieningen", "logboek": "Logboek"}


class CandidateScreen(StoreScreen):
    TITLE = "Kandidaat"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Terug", id="terug"),
        Binding("e", "edit", "Wijzigen", id="wijzigen",
                tooltip="Het gekozen SE-resultaat wijzigen (met reden)"),
        Binding("n", "new_attempt", "Nieuwe poging", id="nieuwe-poging",
                tooltip="Een herkansing of inhaaltoets bij de gekozen toets invoeren"),
        Binding("u", "tab('uitslag')", "Uitslag", show=False),
        Binding("s", "tab('se')", "SE", show=False),
        Binding("c", "tab('ce')", "CE", show=False),
        Binding("h", "tab('herkansingen')", "Herkansingen", show=False),
        Binding("v", "tab('voorzieningen')", "Voorzieningen", show=False),
        Binding("l", "tab('logboek')", "Logboek", show=False),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self, exam_year: int, exam_number: str, tab: str = "uitslag") -> None:
        super().__init__()
        self.exam_year = exam_year
        self.exam_number = exam_number
        self.initial_tab = tab
        self.file: CandidateFile | None = None
        self.result: Any = None          # CandidateResult, or None until computed
        self.result_problem: str | None = None
        self.changes_log: list[Change] = []
        # SE table rows: (test, attempt or None for a PTA test without any result)
        self._se_rows: list[tuple[SeTest, SeAttempt | None]] = []

    def compose(self) -> ComposeResult:
        yield NavBar(detail=f"Kandidaat {self.exam_number}", id="nav")
        yield Static(f"Kandidaat {self.exam_number} laden…", id="kop")
        with TabbedContent(id="tabs", initial=f"tab-{self.initial_tab}"):
            with TabPane("Uitslag", id="tab-uitslag"), VerticalScroll(id="dossier"):
                yield Static("Uitslag berekenen…", id="uitslag")
                yield Static("", id="vakken")
            with TabPane("SE", id="tab-se"):
                yield DataTable(id="se-tabel", cursor_type="row", zebra_stripes=True)
                yield Static("", id="se-uitleg", classes="status")
            with TabPane("CE", id="tab-ce"), VerticalScroll():
                yield Static("", id="ce")
            with TabPane("Herkansingen", id="tab-herkansingen"), VerticalScroll():
                yield Static("", id="herkansingen")
            with TabPane("Voorzieningen", id="tab-voorzieningen"), VerticalScroll():
                yield Static("", id="voorzieningen")
            with TabPane("Logboek", id="tab-logboek"):
                yield DataTable(id="logboek", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#se-tabel", DataTable)
        for label, width in (("Vak", 6), ("Toets", 9), ("Omschrijving", 18), ("Poging", 10),
                             ("Resultaat", 9), ("Status", 16)):
            table.add_column(label, width=width)
        set_columns(self.query_one("#logboek", DataTable), LOG_COLUMNS, "reden",
                    self.app.size.width)
        self.action_reload()

    def action_close(self) -> None:
        self.dismiss()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{tab}"
        if tab == "se":
            self.query_one("#se-tabel", DataTable).focus()

    def action_reload(self) -> None:
        year, number = self.exam_year, self.exam_number
        self.read_in_background(lambda store: load_candidate_file(store, year, number),
                                self._file_loaded, group="dossier")
        self.read_in_background(lambda store: _compute_one(store, year, number),
                                self._result_loaded, group="kandidaat-uitslag")
        self.read_in_background(lambda store: candidate_log(store, year, number),
                                self._log_loaded, group="kandidaat-logboek")

    def show_problem(self, text: str) -> None:
        self.query_one("#kop", Static).update(text)

    def data_changed(self, changes: list[Any]) -> None:
        """Live: read again only when the change can concern this candidate."""
        if touches_everyone(changes) or self.exam_number in affected_candidates(changes):
            self.action_reload()

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
        self.query_one("#voorzieningen", Static).update(_facilities(file))
        self._render_tables()
        self._fill_se_table()

    def _result_loaded(self, outcome: tuple[Any, str | None]) -> None:
        self.result, self.result_problem = outcome
        self.query_one("#uitslag", Static).update(_result_block(self.result, self.result_problem))
        self.query_one("#herkansingen", Static).update(_resits(self.result))
        self._render_tables()

    def _log_loaded(self, log: list[Change]) -> None:
        self.changes_log = log
        table = self.query_one("#logboek", DataTable)
        set_columns(table, LOG_COLUMNS, "reden", self.app.size.width)
        table.add_rows([_log_row(c) for c in log])
        if not log:
            table.add_row("", "", "Nog geen wijzigingen.", "", "")

    def _render_tables(self) -> None:
        if self.file is None:
            return
        self.query_one("#vakken", Static).update(_subjects_table(self.file, self.result))
        self.query_one("#ce", Static).update(_ce_table(self.file, self.result))

    def _fill_se_table(self) -> None:
        assert self.file is not None
        table = self.query_one("#se-tabel", DataTable)
        keep = table.cursor_row
        table.clear()
        names = {s.subject: s.name for s in self.file.subjects if s.name}
        rows: list[tuple[SeTest, SeAttempt | None]] = []
        for test in sorted([*self.file.se_tests, *self.file.pta_open],
                           key=lambda t: (t.subject, t.test_code)):
            if not test.attempts:
                rows.append((test, None))
            rows.extend((test, a) for a in test.attempts)
        self._se_rows = rows
        for test, a in rows:
            if a is None:
                table.add_row(test.subject, test.test_code, _description(test, names),
                              "", Text("ontbreekt", style="bold yellow"), "")
                continue
            value = grade(a.grade) if a.grade is not None else (a.assessment or MISSING)
            table.add_row(test.subject, test.test_code, _description(test, names),
                          a.attempt + (f" {a.seq}" if a.seq != 1 else ""), value,
                          (a.status or "").replace("_", " "))
        if rows:
            table.move_cursor(row=min(max(keep, 0), len(rows) - 1))
        missing = sum(1 for _t, a in rows if a is None)
        hint = "e of enter: wijzigen · n: nieuwe poging (herkansing, inhaal)"
        if missing:
            hint = (f"{missing} PTA-{'toets' if missing == 1 else 'toetsen'} zonder resultaat. "
                    + hint)
        self.query_one("#se-uitleg", Static).update(hint)

    # -- editing ---------------------------------------------------------------------------------
    def _selected(self) -> tuple[SeTest, SeAttempt | None] | None:
        table = self.query_one("#se-tabel", DataTable)
        if not self._se_rows or not 0 <= table.cursor_row < len(self._se_rows):
            return None
        return self._se_rows[table.cursor_row]

    def action_edit(self) -> None:
        if self.query_one(TabbedContent).active != "tab-se":
            self.action_tab("se")
            return
        chosen = self._selected()
        if chosen is None or self.file is None:
            return
        test, attempt = chosen
        if attempt is None:
            self._open_editor(test, "afname", 1, None, new=True)
        else:
            self._open_editor(test, attempt.attempt, attempt.seq, attempt, new=False)

    def action_new_attempt(self) -> None:
        chosen = self._selected()
        if chosen is None or self.file is None:
            return
        test, _attempt = chosen
        taken = {(a.attempt, a.seq) for a in test.attempts}
        kind = "herkansing" if test.attempts else "afname"
        seq = 1
        while (kind, seq) in taken:
            seq += 1
        self._open_editor(test, kind, seq, None, new=True)

    @on(DataTable.RowSelected, "#se-tabel")
    def _row_chosen(self) -> None:
        self.action_edit()

    def _open_editor(self, test: SeTest, attempt: str, seq: int, current: SeAttempt | None,
                     *, new: bool) -> None:
        assert self.file is not None
        names = {s.subject: s.name for s in self.file.subjects if s.name}
        dialog = SeEditDialog(exam_year=self.exam_year, exam_number=self.exam_number,
                              name=self.file.name, subject=test.subject,
                              test_code=test.test_code, description=_description(test, names),
                              attempt=attempt, seq=seq, current=current, new_attempt=new)
        self.app.push_screen(dialog, self._edited)

    def _edited(self, outcome: Any) -> None:
        if outcome is None:
            return
        lines = outcome.value_lines() + outcome.result_lines()
        self.app.notify("\n".join(lines), title=f"Opgeslagen: {outcome.correction.what}",
                        timeout=10)
        self.action_reload()
        refresh = getattr(self.app, "refresh_candidates", None)
        if refresh is not None:
            refresh(self.exam_year, [self.exam_number])


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
def _facilities(file: CandidateFile) -> Text:
    text = Text()
    text.append("Voorzieningen\n", style="bold")
    value = file.personal.get("facilities")
    text.append(str(value) if value else "Geen voorzieningen vastgelegd (zoals extra tijd).")
    return text


def _resits(result: Any) -> Group | Text:
    if result is None:
        return Text("Herkansingsadvies: de uitslag wordt berekend…", style="italic")
    parts: list[Any] = []
    _advice(parts, getattr(result, "advice", None))
    _needed(parts, getattr(result, "needed", None))
    if not parts:
        return Text("Geen herkansingsadvies: er is niets dat één herkansing verandert.")
    return Group(*parts)


ACTION_WORDS: dict[str, str] = {"insert": "nieuw", "update": "gewijzigd", "delete": "verwijderd",
                "import": "import"}


def _log_row(c: Change) -> tuple[str, ...]:
    """When, who, what (the key after year and number, the field in Dutch), old → new, why."""
    when = c.at.strftime("%d-%m-%Y %H:%M") if c.at else ""
    where = _where(c.table, (c.key or "").split("/"))
    field = COLUMN_WORDS.get(c.field or "", c.field or "")
    what = " ".join(p for p in (where, field) if p)
    if c.action == "update":
        change = f"{show(_number(c.old))} → {show(_number(c.new))}"
    elif c.action == "gevolg":          # how a correction changed this candidate's result
        change = c.new or ""
    else:
        change = ACTION_WORDS.get(c.action, c.action)
    return (when, c.actor, what, change, c.reason or "")


def _where(table: str | None, parts: list[str]) -> str:
    """The part of an audit key a reader needs next to the candidate: 'netl NE-T1 herkansing',
    'ak tv2', '31001 vraag 7' (the year and the exam number are known from the context)."""
    def part(i: int) -> str:
        return parts[i] if len(parts) > i else ""

    if table == "se_results":
        seq = part(5)
        return " ".join(p for p in (part(2), part(3), part(4), seq if seq != "1" else "") if p)
    if table == "ce_scores":
        return f"{part(3)} tv{part(1)}"
    if table == "ce_item_scores":
        return f"{part(1)} vraag {part(3)}"
    if table in ("candidates", "candidate_subjects", "results"):
        return " ".join(parts[2:])
    return " ".join(parts[1:]) if table else ""


def _number(text: str | None) -> Any:
    """Audit values are text ('5.4'); shown as the screens show grades ('5,4')."""
    try:
        return Decimal(text) if text and text[0].isdigit() else text
    except ArithmeticError:
        return text


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
