"""Uitslag: the result of every candidate, filtered to the ones that need attention.

On result day the secretary wants the failed candidates and the ones that cannot be decided
yet (something missing) first; the cum laude list goes to the ceremony. One key per filter,
the same filters in the command palette, enter opens the candidate with all reasons.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, ProgressBar, Static

from ..columns import set_columns
from ..data import candidate_key, split_key
from ..filters import FILTERS
from ..formatting import fold, outcome_label, school_type_label
from ..navbar import NavBar
from ..results_state import BUSY, DONE, ResultsState
from .base import StoreScreen

MAX_ROWS = 1000
# (label, key, width); the name takes the width the others leave (tui.columns)
COLUMNS = [("Nummer", "nummer", 7), ("Naam", "naam", 24), ("Type", "type", 13),
           ("Uitslag", "uitslag", 19), ("CL", "cl", 3)]

def _keep(name: str, result: Any) -> bool:
    if name == "afgewezen":
        return result.passed is False
    if name == "open":
        return result.passed is None
    if name == "cum_laude":
        return bool(result.cum_laude)
    if name == "geslaagd":
        return result.passed is True
    return True


class ResultsScreen(StoreScreen):
    TITLE = "Uitslag"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "filter('afgewezen')", "Afgewezen", id="filter-afgewezen"),
        Binding("b", "filter('open')", "Nog open", id="filter-open"),
        Binding("c", "filter('cum_laude')", "Cum laude", id="filter-cum-laude"),
        Binding("g", "filter('geslaagd')", "Geslaagd", id="filter-geslaagd", show=False),
        Binding("t", "filter('alle')", "Alle", id="filter-alle"),
        Binding("f5", "recompute", "Opnieuw berekenen", id="herberekenen", show=False),
    ]

    results_filter: reactive[str] = reactive("alle", init=False)

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[str] = []
        self.shown: list[Any] = []
        self.matched = 0

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with Vertical(id="uitslag-body"):
            yield Static("", id="uitslag-filter", classes="status")
            yield ProgressBar(id="uitslag-voortgang", show_eta=False)
            yield DataTable(id="uitslagen", cursor_type="row", zebra_stripes=True)
            yield Static("", id="uitslag-meer", classes="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#uitslagen", DataTable)
        self.eb_app.results_changed.subscribe(self, self._state_changed)
        table.focus()
        self.refresh_view()

    def show_problem(self, text: str) -> None:
        self.query_one("#uitslag-meer", Static).update(text)

    def data_changed(self, _changes: list[Any]) -> None:
        """Live: nothing to read here; the app recomputes and `results_changed` repaints."""

    def action_filter(self, name: str) -> None:
        self.results_filter = name

    def action_recompute(self) -> None:
        self.eb_app.compute_results()

    def watch_results_filter(self, _old: str, _new: str) -> None:
        self.refresh_view()

    def _state_changed(self, _state: ResultsState) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        state = self.eb_app.results_state
        bar = self.query_one("#uitslag-voortgang", ProgressBar)
        bar.display = state.status == BUSY
        if state.status == BUSY:
            bar.update(total=state.total, progress=state.done)
        title = FILTERS[self.results_filter][0]
        table = self.query_one("#uitslagen", DataTable)
        set_columns(table, COLUMNS, "naam")
        self._keys = []
        if state.status != DONE:
            text = state.progress_text() if state.status == BUSY else (state.message or "")
            self.query_one("#uitslag-filter", Static).update(f"Filter: {title}. {text}")
            self.query_one("#uitslag-meer", Static).update("")
            return
        results = sorted(state.rows, key=_sort_key)
        matched = [r for r in results if _keep(self.results_filter, r)]
        self.matched = len(matched)
        self.shown = matched[:MAX_ROWS]
        table.add_rows([
            (r.exam_number, r.sort_name or r.display_name,
             school_type_label(r.school_type, r.track, r.variant), outcome_label(r.passed),
             "ja" if r.cum_laude else "")
            for r in self.shown
        ])
        self._keys = [candidate_key(r.exam_year, r.exam_number) for r in self.shown]
        counts = state.counts()
        self.query_one("#uitslag-filter", Static).update(
            f"Filter: {title} ({self.matched} van {len(results)}) — geslaagd {counts['geslaagd']},"
            f" afgewezen {counts['afgewezen']}, nog open {counts['open']},"
            f" cum laude {counts['cum_laude']}"
        )
        rest = self.matched - len(self.shown)
        more = f"… en {rest} meer (kies een filter). " if rest > 0 else ""
        self.query_one("#uitslag-meer", Static).update(
            f"{more}Enter opent de kandidaat met alle redenen." if self.matched
            else "Geen kandidaten met deze uitslag.")

    @on(DataTable.RowSelected, "#uitslagen")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if 0 <= event.cursor_row < len(self._keys):
            year, number = split_key(self._keys[event.cursor_row])
            self.eb_app.open_candidate(year, number)


def _sort_key(result: Any) -> tuple[Any, ...]:
    return (fold(result.sort_name or result.display_name), result.exam_number)

