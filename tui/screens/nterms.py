"""N-termen: every CE exam of the year by NEX-ID with its L and N; the missing ones stand out.

Why: a CE grade needs the exam's scale length L and the CvTE's N-term, and the 2019 outage
came from N-terms left at a default. So an exam without N is shown as missing (never as 1,0),
with how many candidates wait for it. Entering an N-term goes through the correction dialog:
it shows, before saving, how many candidates' results change and which, and it is audited
with a reason; the Logboek then shows per candidate how their result changed.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Static

from examenbureau.core import corrections
from examenbureau.core.store import Store
from examenbureau.core.wording import counted, word

from ..columns import set_columns
from ..data import resolve_exam_year
from ..formatting import MISSING, grade
from ..navbar import NavBar
from .base import StoreScreen
from .correction import CorrectionDialog, row


@attrs.frozen
class ExamRow:
    exam_year: int
    nex_id: str
    subject: str
    school_type: str
    track: str | None
    period: int
    description: str | None
    scale_length: int | None
    n_term: Decimal | None
    row_version: int
    candidates: int


def load_exams(store: Store, exam_year: int | None) -> list[ExamRow]:
    """The year's CE exams with the number of candidates holding a score on each."""
    year = resolve_exam_year(store, exam_year)
    with store.read() as con:
        rows = con.execute(
            "SELECT e.exam_year, e.nex_id, e.subject, e.school_type, e.track, e.period,"
            " e.description, e.scale_length, e.n_term, e.row_version,"
            " (SELECT count(*) FROM ce_scores s WHERE s.exam_year = e.exam_year"
            "   AND s.nex_id = e.nex_id)"
            " FROM ce_exams e WHERE e.exam_year = ?"
            " ORDER BY e.n_term IS NOT NULL, e.period, e.school_type, e.track NULLS FIRST,"
            " e.subject", [year]).fetchall()
    return [ExamRow(*r) for r in rows]


COLUMNS = [("NEX-ID", "nex", 8), ("Vak", "vak", 6), ("Type", "type", 8), ("Tv", "tv", 2),
           ("Omschrijving", "omschrijving", 18), ("L", "l", 4), ("N", "n", 9), ("Kand.", "k", 5)]


class NTermScreen(StoreScreen):
    TITLE = "N-termen"
    WRITES = frozenset({"edit"})
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "edit", "N-term invoeren", id="nterm-invoeren",
                tooltip="N-term (en L) van het gekozen examen, met reden"),
        Binding("ctrl+f,slash", "focus_filter", "Zoeken", id="nterm-zoeken"),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.exams: list[ExamRow] = []
        self.shown: list[ExamRow] = []

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with Vertical(id="nterm-body"):
            yield Input(placeholder="Zoek op NEX-ID, vak of schooltype…", id="nterm-filter",
                        compact=True)
            yield DataTable(id="nterm-tabel", cursor_type="row", zebra_stripes=True)
            yield Static("Examens laden…", id="nterm-status", classes="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#nterm-tabel", DataTable).focus()
        self.action_reload()

    def action_reload(self) -> None:
        year = self.eb_app.exam_year
        self.read_in_background(lambda store: load_exams(store, year), self._loaded,
                                group="ntermen")

    def show_problem(self, text: str) -> None:
        self.query_one("#nterm-status", Static).update(text)

    def _loaded(self, exams: list[ExamRow]) -> None:
        self.exams = exams
        self._fill()

    def on_resize(self) -> None:
        if self.exams:
            self._fill()

    @on(Input.Changed, "#nterm-filter")
    def _filter(self) -> None:
        self._fill()

    def _fill(self) -> None:
        words = self.query_one("#nterm-filter", Input).value.casefold().split()
        shown = [e for e in self.exams if all(
            w in f"{e.nex_id} {e.subject} {e.school_type} {e.track or ''} {e.description or ''}"
            .casefold() for w in words)]
        self.shown = shown
        table = self.query_one("#nterm-tabel", DataTable)
        keep = table.cursor_row
        set_columns(table, COLUMNS, "omschrijving")
        for e in shown:
            missing = Text("ontbreekt", style="bold yellow")
            table.add_row(e.nex_id, e.subject, f"{e.school_type} {e.track or ''}".strip(),
                          str(e.period), e.description or "",
                          str(e.scale_length) if e.scale_length is not None else missing,
                          grade(e.n_term) if e.n_term is not None else missing,
                          str(e.candidates))
        if shown:
            table.move_cursor(row=min(max(keep, 0), len(shown) - 1))
        without = [e for e in self.exams if e.n_term is None]
        waiting = sum(e.candidates for e in without)
        self.query_one("#nterm-status", Static).update(
            (f"{counted(len(without), 'examen', 'examens')} zonder N-term "
             f"({counted(waiting, 'kandidaat', 'kandidaten')} "
             f"{word(waiting, 'wacht', 'wachten')} erop); "
             if without else "Alle examens hebben een N-term. ")
            + f"{len(shown)} van {counted(len(self.exams), 'examen', 'examens')}. "
            + ("" if self.eb_app.read_only else "Enter: N-term invoeren."))

    def action_focus_filter(self) -> None:
        self.query_one("#nterm-filter", Input).focus()

    @on(DataTable.RowSelected, "#nterm-tabel")
    def _chosen(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        if not self.eb_app.may_write():
            return
        table = self.query_one("#nterm-tabel", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return
        self.app.push_screen(NTermDialog(self.shown[table.cursor_row]), self._saved)

    def _saved(self, outcome: Any) -> None:
        if outcome is None:
            return
        n = len(outcome.affected)
        lines = [*outcome.value_lines(),
                 f"{counted(n, 'kandidaat', 'kandidaten')} met een ander resultaat"
                 + (":" if n else "."), *[a.line() for a in outcome.affected[:8]]]
        if n > 8:
            lines.append(f"… en {n - 8} meer (zie het Logboek).")
        self.app.notify("\n".join(lines), title=f"Opgeslagen: {outcome.correction.what}",
                        timeout=15)
        self.action_reload()
        self.eb_app.compute_results()


class NTermDialog(CorrectionDialog):
    """N (and L) of one exam, with the results it changes shown before saving."""

    SOURCE = "N-termen"

    def __init__(self, exam: ExamRow) -> None:
        head = Text()
        head.append(f"Examen {exam.nex_id}", style="bold")
        kind = " ".join(p for p in (exam.subject, exam.school_type, exam.track) if p)
        head.append(f" · {kind} tijdvak {exam.period} · "
                    f"{counted(exam.candidates, 'kandidaat', 'kandidaten')}")
        super().__init__(head)
        self.exam = exam

    def compose_fields(self) -> ComposeResult:
        e = self.exam
        yield row("N-term", Input(grade(e.n_term) if e.n_term is not None else "",
                                  placeholder="zoals het CvTE publiceerde, bijv. 1,1",
                                  id="n", compact=True))
        yield row("L", Input(str(e.scale_length) if e.scale_length is not None else "",
                             placeholder="schaallengte (max. score)", id="l", compact=True))
        if e.n_term is not None:
            yield Static(f"Nu: N {grade(e.n_term)}, L "
                         f"{e.scale_length if e.scale_length is not None else MISSING}")

    def correction(self) -> corrections.Correction:
        values, self.warnings = corrections.n_term_values(self.field("n"), self.field("l"))
        return corrections.n_term_correction(self.exam.exam_year, self.exam.nex_id, values,
                                             self.exam.row_version)
