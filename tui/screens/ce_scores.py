"""CE-scores: per exam a grid of candidates × questions, for corrector 1, corrector 2 and the
definitive score, typed with digits only.

Why like this: correctors' totals that were added up wrongly have failed candidates (2017:
three points missing, neither corrector noticed). So scores are typed per question, a digit
that cannot be followed by another (the question's maximum is reached) moves on by itself, a
score above the maximum is refused on the spot, totals and the differences between the two
correctors are recomputed as you type, and where they differ the definitive score is entered
in the third view. Every cell is saved at once with the session's reason (audited), the
candidate's total follows in the same transaction (`core.io.ce_scoring.recompute_totals`).
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.widgets import DataTable, Footer, Input, Label, Static

from examenbureau.core import corrections
from examenbureau.core.corrections import CorrectionError, StaleEditError
from examenbureau.core.io.ce_scoring import definitive_score, question_sort_key
from examenbureau.core.store import Store, StoreError
from examenbureau.core.wording import counted

from ..data import resolve_exam_year
from ..dutch_select import Select
from ..navbar import NavBar
from .base import StoreScreen, deliver

FIRST_QUESTION = 6      # columns: number, name, T1, T2, Δ, Def, then the questions
VIEWS = [("score_c1", "1e corrector"), ("score_c2", "2e corrector"),
         ("score_final", "definitief")]


@attrs.define
class Cell:
    c1: int | None = None
    c2: int | None = None
    final: int | None = None
    version: int | None = None          # None: no row yet for this candidate and question

    def get(self, column: str) -> int | None:
        return {"score_c1": self.c1, "score_c2": self.c2, "score_final": self.final}[column]

    def set(self, column: str, value: int | None) -> None:
        setattr(self, {"score_c1": "c1", "score_c2": "c2", "score_final": "final"}[column], value)

    @property
    def definitive(self) -> int | None:
        return definitive_score(self.c1, self.c2, self.final)

    @property
    def differs(self) -> bool:
        return self.c1 is not None and self.c2 is not None and self.c1 != self.c2


@attrs.define
class ExamGrid:
    exam_year: int
    nex_id: str
    period: int
    questions: list[tuple[str, int]]                  # (question, max) in paper order
    candidates: list[tuple[str, str]]                 # (exam number, name)
    cells: dict[tuple[str, str], Cell]

    def cell(self, number: str, question: str) -> Cell:
        return self.cells.setdefault((number, question), Cell())

    def total(self, number: str, column: str) -> int | None:
        """The sum over every question; None while one has no score (never a silent zero)."""
        if not self.questions:
            return None
        values = [self.cell(number, q).get(column) if column != "definitive"
                  else self.cell(number, q).definitive for q, _m in self.questions]
        return None if any(v is None for v in values) else sum(v or 0 for v in values)

    def differences(self, number: str | None = None) -> int:
        return sum(1 for (n, _q), c in self.cells.items()
                   if c.differs and c.final is None and (number is None or n == number))


def list_exams(store: Store, exam_year: int | None) -> list[tuple[str, str]]:
    """(label, nex_id) of the year's exams, those with per-question scores first."""
    year = resolve_exam_year(store, exam_year)
    with store.read() as con:
        rows = con.execute(
            "SELECT e.nex_id, e.subject, e.school_type, e.track, e.period, count(i.question)"
            " FROM ce_exams e LEFT JOIN ce_item_scores i ON i.exam_year = e.exam_year"
            "  AND i.nex_id = e.nex_id WHERE e.exam_year = ?"
            " GROUP BY ALL ORDER BY count(i.question) = 0, e.school_type, e.subject, e.period",
            [year]).fetchall()
    return [(f"{nex} {subject} {st} {track or ''} tv{period}".replace("  ", " "), nex)
            for nex, subject, st, track, period, _items in rows]


def load_grid(store: Store, exam_year: int | None, nex_id: str) -> ExamGrid | None:
    year = resolve_exam_year(store, exam_year)
    if year is None:
        return None
    with store.read() as con:
        exam = con.execute("SELECT period FROM ce_exams WHERE exam_year = ? AND nex_id = ?",
                           [year, nex_id]).fetchone()
        if exam is None:
            return None
        items = con.execute(
            "SELECT exam_number, question, max_score, score_c1, score_c2, score_final,"
            " row_version FROM ce_item_scores WHERE exam_year = ? AND nex_id = ?",
            [year, nex_id]).fetchall()
        takers = con.execute(
            "SELECT c.exam_number, c.last_name, c.first_name FROM candidates c"
            " WHERE c.exam_year = ? AND (c.exam_number IN (SELECT exam_number FROM ce_scores"
            "   WHERE exam_year = ? AND nex_id = ?) OR c.exam_number IN (SELECT exam_number"
            "   FROM ce_item_scores WHERE exam_year = ? AND nex_id = ?))"
            " ORDER BY c.exam_number", [year, year, nex_id, year, nex_id]).fetchall()
    maxima: dict[str, int] = {}
    cells: dict[tuple[str, str], Cell] = {}
    for number, question, max_score, c1, c2, final, version in items:
        maxima[question] = max_score
        cells[(number, question)] = Cell(c1, c2, final, version)
    questions = sorted(maxima.items(), key=lambda qm: question_sort_key(qm[0]))
    candidates = [(n, f"{last}, {first or ''}".strip(", ")) for n, last, first in takers]
    return ExamGrid(year, nex_id, exam[0], questions, candidates, cells)


class CeScoresScreen(StoreScreen):
    TITLE = "CE-scores"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "next_view", "Corrector wisselen", id="ce-weergave",
                tooltip="1e corrector, 2e corrector, definitief"),
        Binding("ctrl+e", "choose_exam", "Ander examen", id="ce-examen"),
        Binding("ctrl+r", "focus_reason", "Reden", id="ce-reden", show=False),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]
    WRITES = frozenset({"focus_reason"})   # a reader enters no score, so gives no reason

    def __init__(self) -> None:
        super().__init__()
        self.grid: ExamGrid | None = None
        self.view = 0
        self.buffer = ""
        self._queue: list[tuple[str, str, str, int | None]] = []
        self._saving = False
        self.message = ""
        self._result_message = ""   # the message that says how a result changed (not an error)

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with Vertical(id="ce-body"):
            with Horizontal(id="ce-kop"):
                yield Select([], prompt="kies een examen", id="ce-examen-keuze", compact=True)
                yield Label(" Reden ")
                yield Input("invoer CE-scores per vraag", id="ce-reden-veld", compact=True)
            yield DataTable(id="ce-rooster", cursor_type="cell", zebra_stripes=True)
            yield Static("", id="ce-status", classes="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # the reason belongs to a score entered here; a reader enters none
        self.query_one("#ce-reden-veld", Input).disabled = self.eb_app.read_only
        year = self.eb_app.exam_year
        self.read_in_background(lambda store: list_exams(store, year), self._exams_loaded,
                                group="ce-examens")

    def _exams_loaded(self, exams: list[tuple[str, str]]) -> None:
        select = self.query_one("#ce-examen-keuze", Select)
        select.set_options(exams)
        if exams:
            select.value = exams[0][1]
            self.call_after_refresh(self.query_one("#ce-rooster", DataTable).focus)
        else:
            self.show_problem("Er zijn nog geen CE-examens (importeer eerst de DNT).")

    @on(Select.Changed, "#ce-examen-keuze")
    def _exam_chosen(self) -> None:
        self.action_reload()
        self.query_one("#ce-rooster", DataTable).focus()

    def action_choose_exam(self) -> None:
        self.query_one("#ce-examen-keuze", Select).focus()

    def action_focus_reason(self) -> None:
        self.query_one("#ce-reden-veld", Input).focus()

    def action_reload(self) -> None:
        value = self.query_one("#ce-examen-keuze", Select).value
        if value is Select.NULL:
            return
        year, nex = self.eb_app.exam_year, str(value)
        self.read_in_background(lambda store: load_grid(store, year, nex), self._grid_loaded,
                                group="ce-rooster")

    def data_changed(self, changes: list[Any]) -> None:
        """Live: another corrector's scores appear; never while we are still saving."""
        if not self._saving and not self.buffer and any(
                c.table in ("ce_item_scores", "ce_scores", "ce_exams") for c in changes):
            self.action_reload()

    def show_problem(self, text: str) -> None:
        self.query_one("#ce-status", Static).update(text)

    def _grid_loaded(self, grid: ExamGrid | None) -> None:
        self.grid = grid
        self._draw(keep_cursor=True)

    # -- drawing -------------------------------------------------------------------------------
    @property
    def column(self) -> str:
        return VIEWS[self.view][0]

    def _draw(self, keep_cursor: bool = False) -> None:
        table = self.query_one("#ce-rooster", DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        grid = self.grid
        if grid is None:
            self.show_problem("Dit examen staat niet (meer) in de database.")
            return
        table.add_column("Nr", width=5)
        table.add_column("Naam", width=10)
        for label in ("T1", "T2", "Δ", "Def"):     # totals first: 30 questions do not fit
            table.add_column(label, width=3)
        for question, _maximum in grid.questions:
            table.add_column(question, width=max(2, len(question)))
        for number, name in grid.candidates:
            table.add_row(number, name, *self._cells(number))
        if keep_cursor and grid.candidates and cursor.column >= FIRST_QUESTION:
            table.cursor_coordinate = cursor
        elif grid.candidates:
            table.cursor_coordinate = (0, FIRST_QUESTION)  # type: ignore[assignment]
        self._status()

    def _cells(self, number: str) -> list[Any]:
        """Totals (1e, 2e corrector, their difference, definitive), then one cell a question."""
        grid = self.grid
        assert grid is not None
        t1, t2 = grid.total(number, "score_c1"), grid.total(number, "score_c2")
        diff = "" if t1 is None or t2 is None else str(t1 - t2)
        out: list[Any] = [_n(t1), _n(t2),
                          Text(diff, style="bold yellow" if diff not in ("", "0") else ""),
                          _n(grid.total(number, "definitive"))]
        for question, _maximum in grid.questions:
            cell = grid.cell(number, question)
            value = cell.definitive if self.column == "score_final" else cell.get(self.column)
            text = Text("·" if value is None else str(value))
            if cell.differs:
                text.stylize("bold yellow" if cell.final is None else "green")
                if self.column == "score_final" and cell.final is None:
                    text = Text("?", style="bold red")
            out.append(text)
        return out

    def _refresh_row(self, number: str) -> None:
        grid = self.grid
        if grid is None:
            return
        table = self.query_one("#ce-rooster", DataTable)
        index = next((i for i, (n, _name) in enumerate(grid.candidates) if n == number), None)
        if index is None:
            return
        for col, value in enumerate(self._cells(number), start=2):  # after number and name
            table.update_cell_at((index, col), value)
        self._status()

    def _status(self) -> None:
        grid = self.grid
        if grid is None:
            return
        view = VIEWS[self.view][1]
        all_differences = sum(1 for c in grid.cells.values() if c.differs)
        open_differences = grid.differences()
        text = Text()
        text.append(f"{view}", style="bold reverse")
        text.append(f" · correctoren verschillen bij {counted(all_differences, 'vraag', 'vragen')}")
        if open_differences:
            text.append(f", {open_differences} nog open", style="bold yellow")
        where = self._where()
        if where is not None:
            number, question, maximum = where
            text.append(f"\n{number} vraag {question} (max {maximum}): ")
            text.append(self.buffer + "▁" if self.buffer else "typ de score", style="bold")
        if self.message:
            # its own line (it was cut off at 80 after the typing hint); a changed result is
            # news, not an error: red only for a refusal
            text.append(f"\n{self.message}",
                        style="bold" if self.message == self._result_message else "bold red")
        self.query_one("#ce-status", Static).update(text)

    # -- typing ----------------------------------------------------------------------------------
    def _where(self) -> tuple[str, str, int] | None:
        grid = self.grid
        table = self.query_one("#ce-rooster", DataTable)
        if grid is None or not grid.candidates:
            return None
        row, col = table.cursor_coordinate
        q = col - FIRST_QUESTION
        if not (0 <= row < len(grid.candidates) and 0 <= q < len(grid.questions)):
            return None
        question, maximum = grid.questions[q]
        return grid.candidates[row][0], question, maximum

    def on_key(self, event: Key) -> None:
        table = self.query_one("#ce-rooster", DataTable)
        if self.focused is not table:
            return
        where = self._where()
        if where is None:
            return
        number, question, maximum = where
        if self.eb_app.read_only and ((event.character and event.character.isdigit())
                                      or event.key in ("enter", "delete", "backspace")):
            event.stop()        # a reader sees the scores; typing one is not offered
            self.message = "Alleen lezen: uw account mag de scores inzien, niet invoeren."
            self._status()
            return
        if event.character and event.character.isdigit():
            event.stop()
            candidate = self.buffer + event.character
            if int(candidate) > maximum:
                self.app.bell()
                self.message = f"{candidate} kan niet: maximaal {maximum} punten."
                self.buffer = ""
                self._status()
                return
            self.message = ""
            self.buffer = candidate
            if candidate == "0" or int(candidate) * 10 > maximum:   # no digit can follow
                self._commit(number, question, int(candidate))
            else:
                self._status()
        elif event.key in ("enter", "tab") and self.buffer:
            event.stop()
            self._commit(number, question, int(self.buffer))
        elif event.key == "backspace" and self.buffer:
            event.stop()
            self.buffer = self.buffer[:-1]
            self._status()
        elif event.key == "delete":
            event.stop()
            self._commit(number, question, None)
        elif event.key in ("left", "right", "up", "down") and self.buffer:
            self.buffer = ""
            self._status()

    def _commit(self, number: str, question: str, score: int | None) -> None:
        """Show the score at once, save it in the background, move to the next cell."""
        grid = self.grid
        assert grid is not None
        self.buffer = ""
        grid.cell(number, question).set(self.column, score)
        self._queue.append((number, question, self.column, score))
        self._refresh_row(number)
        table = self.query_one("#ce-rooster", DataTable)
        row, col = table.cursor_coordinate
        if col - FIRST_QUESTION + 1 < len(grid.questions):
            table.cursor_coordinate = (row, col + 1)   # type: ignore[assignment]
        elif row + 1 < len(grid.candidates):
            table.cursor_coordinate = (row + 1, FIRST_QUESTION)  # type: ignore[assignment]
        self._status()
        self._pump()

    def _pump(self) -> None:
        """Save queued cells one after another (the same cell twice keeps its version)."""
        if self._saving or not self._queue or self.grid is None:
            return
        number, question, column, score = self._queue.pop(0)
        grid = self.grid
        cell = grid.cell(number, question)
        maximum = dict(grid.questions)[question]
        reason = self.query_one("#ce-reden-veld", Input).value.strip() or "invoer CE-scores"
        try:
            correction = corrections.item_score_correction(
                grid.exam_year, grid.period, grid.nex_id, number, question, column, score,
                maximum, cell.version)
        except CorrectionError as exc:
            self.message = str(exc)
            self._status()
            return
        self._saving = True
        app: Any = self.app
        source = app.write_source("CE-scores")

        def job() -> None:
            try:
                outcome = corrections.save(app.get_store(), correction, reason, source=source)
                deliver(app, self._saved, number, question, outcome, None)
            except (StaleEditError, StoreError, CorrectionError) as exc:
                deliver(app, self._saved, number, question, None, str(exc))

        self.run_worker(job, thread=True, group="ce-opslaan")

    def _saved(self, number: str, question: str, outcome: Any, problem: str | None) -> None:
        self._saving = False
        grid = self.grid
        if grid is not None and outcome is not None:
            cell = grid.cell(number, question)
            if outcome.old is None:
                cell.version = 1
            elif outcome.value_lines() != ["geen verschil met wat er staat"]:
                cell.version = (cell.version or 0) + 1
            if outcome.affected:
                self.message = self._result_message = "; ".join(
                    a.line() for a in outcome.affected)
        if problem:
            self.message = "Niet opgeslagen: " + problem
            self._queue.clear()
            self.action_reload()
        self._status()
        self._pump()

    def action_next_view(self) -> None:
        self.view = (self.view + 1) % len(VIEWS)
        self.buffer = ""
        self._draw(keep_cursor=True)


def _n(value: int | None) -> str:
    return "" if value is None else str(value)
