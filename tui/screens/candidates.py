"""Kandidaten: every candidate of the exam year, narrowed instantly as you type.

Why it filters in memory: a school can have ~10,000 candidates over its years and a
secretary types a name while a parent is on the phone. The list is read once (one short
connection), kept as plain rows with a folded search text, and each keystroke only scans
that list and repaints at most MAX_ROWS lines; the rest is summed up as "… en N meer".
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import DataTable, Footer, Input, Static

from examenbureau.core.wording import counted

from ..columns import set_columns
from ..data import CandidateRow, filter_words, load_candidates, split_key
from ..formatting import MISSING
from ..navbar import NavBar
from .base import StoreScreen

MAX_ROWS = 60
# (label, key, width); the name takes the width the others leave (tui.columns)
COLUMNS = [("Nummer", "nummer", 7), ("Naam", "naam", 28), ("Type", "type", 5),
           ("Leerweg", "leerweg", 9), ("Profiel", "profiel", 8), ("Klas", "klas", 6)]


class CandidatesScreen(StoreScreen):
    """The candidate list with its filter."""

    TITLE = "Kandidaten"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f,slash", "focus_filter", "Zoeken", id="zoeken"),
        Binding("down", "focus_table", "Naar de lijst", show=False),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CandidateRow] = []
        self.shown: list[CandidateRow] = []
        self.matched = 0
        self.loaded = False
        self._keys: list[str] = []
        # the last query and its matches: typing on only narrows, so only those are scanned
        self._last: tuple[str, list[CandidateRow]] | None = None
        self._pending = ""
        self._filter_queued = False
        # each row's cells, made once: plain Text (no markup to parse, and a name with "["
        # in it stays a name), reused on every key that shows the row again
        self._cells: dict[int, tuple[Text, ...]] = {}

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with Vertical(id="kandidaten-body"):
            yield Input(placeholder="Zoek op naam, examennummer of klas…", id="filter",
                        compact=True)
            yield DataTable(id="kandidaten", cursor_type="row", zebra_stripes=True)
            yield Static("Kandidaten laden…", id="kandidaten-status", classes="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()
        self.action_reload()

    def action_reload(self) -> None:
        year = self.eb_app.exam_year
        self.read_in_background(lambda store: load_candidates(store, year), self._loaded,
                                group="kandidaten")

    def _loaded(self, rows: list[CandidateRow]) -> None:
        self.rows = rows
        self._cells = {}
        self._last = None
        self.loaded = True
        self.apply_filter(self.query_one("#filter", Input).value)

    def show_problem(self, text: str) -> None:
        self.query_one("#kandidaten-status", Static).update(text)

    def on_resize(self) -> None:
        if self.loaded:
            self.apply_filter(self.query_one("#filter", Input).value)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """The typed letter is drawn first, the list narrows right after; keys typed faster
        than the list redraws are filtered once, for the latest text."""
        self._pending = event.value
        if not self._filter_queued:
            self._filter_queued = True
            self.call_after_refresh(self._filter_pending)

    def _filter_pending(self) -> None:
        self._filter_queued = False
        self.apply_filter(self._pending)

    def apply_filter(self, query: str) -> None:
        """Show the candidates matching every word of `query` (at most MAX_ROWS of them)."""
        if not self.loaded:
            return
        words = filter_words(query)
        folded = " ".join(words)
        pool = self.rows
        if self._last is not None and words and folded.startswith(self._last[0]):
            # each earlier word is part of a word now typed: no row outside the last matches
            # can match (a school of 20,000 narrows on every key without a full scan)
            pool = self._last[1]
        if not words:
            matched = self.rows
        elif len(words) == 1:       # the usual case, without a call per row
            word = words[0]
            matched = [r for r in pool if word in r.search_text]
        else:
            matched = [r for r in pool if r.matches(words)]
        self._last = (folded, matched) if words else None
        self.matched = len(matched)
        self.shown = matched[:MAX_ROWS]
        table = self.query_one("#kandidaten", DataTable)
        set_columns(table, COLUMNS, "naam")
        table.add_rows([self._row_cells(r) for r in self.shown])
        # add_rows gives generated keys; remember ours by position instead
        self._keys = [r.key for r in self.shown]
        self.query_one("#kandidaten-status", Static).update(self._status_text(words))

    def _row_cells(self, r: CandidateRow) -> tuple[Text, ...]:
        cells = self._cells.get(id(r))
        if cells is None:
            cells = tuple(Text(value, no_wrap=True, end="") for value in (
                r.exam_number, r.name, r.school_type, r.sub_type or MISSING,
                r.profile or MISSING, r.class_name or MISSING))
            self._cells[id(r)] = cells
        return cells

    def _status_text(self, words: list[str]) -> str:
        total = len(self.rows)
        if total == 0:
            return "Er staan nog geen kandidaten in de database."
        if self.matched == 0:
            return f"Geen kandidaat gevonden (van {total})."
        rest = self.matched - len(self.shown)
        found = (f"{self.matched} van {counted(total, 'kandidaat', 'kandidaten')}" if words
                 else counted(total, "kandidaat", "kandidaten"))
        more = f" … en {rest} meer: typ verder." if rest > 0 else "."
        return f"{found}{more} Enter opent de kandidaat."

    # -- keys -----------------------------------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_table(self) -> None:
        table = self.query_one("#kandidaten", DataTable)
        if table.row_count:
            table.focus()

    def on_key(self, event: Key) -> None:
        """Typing a letter in the list goes back to the filter, so the user never gets stuck."""
        table = self.query_one("#kandidaten", DataTable)
        typed = event.character if event.is_printable else None
        if self.focused is table and typed and typed != "/":
            filter_input = self.query_one("#filter", Input)
            filter_input.focus()
            filter_input.insert_text_at_cursor(typed)
            event.stop()

    @on(Input.Submitted, "#filter")
    def _open_highlighted(self) -> None:
        table = self.query_one("#kandidaten", DataTable)
        if table.row_count:
            self._open(table.cursor_row)

    @on(DataTable.RowSelected, "#kandidaten")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.cursor_row)

    def _open(self, index: int) -> None:
        if 0 <= index < len(self._keys):
            year, number = split_key(self._keys[index])
            self.eb_app.open_candidate(year, number)
