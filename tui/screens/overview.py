"""Overzicht: the school, the exam year and how many candidates of each kind, with results.

The first screen after start: it answers "which database is this and is it complete?" at a
glance, and once the uitslag is computed, how many passed, failed or cannot be decided yet.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, ProgressBar, Static

from ..navbar import NavBar
from ..overview_data import Overview, load_overview
from ..results_state import BUSY, DONE, ResultsState
from .base import StoreScreen


class OverviewScreen(StoreScreen):
    TITLE = "Overzicht"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with VerticalScroll(id="overzicht-body"):
            yield Static("Gegevens laden…", id="school")
            yield Static("", id="aantallen")
            yield Static("", id="verdeling")
            yield Static("", id="uitslag-status", classes="status")
            yield ProgressBar(id="voortgang", show_eta=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#voortgang").display = False
        self.eb_app.results_changed.subscribe(self, self._results_changed)
        first = self.eb_app.take_first_overview()
        if first is not None:
            self._loaded(first)         # read while the app started: no wait for DuckDB
        else:
            self._load()

    def action_reload(self) -> None:
        """F5: the counts and the uitslag again (another secretary may have changed data)."""
        self._load()
        self.eb_app.compute_results()

    def data_changed(self, _changes: list[Any]) -> None:
        """Live: the counts again; the app recomputes the uitslag itself."""
        self._load()

    def _load(self) -> None:
        year = self.eb_app.exam_year
        self.read_in_background(lambda store: load_overview(store, year), self._loaded,
                                group="overzicht")

    def show_problem(self, text: str) -> None:
        self.query_one("#school", Static).update(text)

    def _loaded(self, overview: Overview) -> None:
        self.overview = overview
        self.refresh_view()

    def _results_changed(self, _state: ResultsState) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        state = self.eb_app.results_state
        bar = self.query_one("#voortgang", ProgressBar)
        if state.status == BUSY:
            bar.display = True
            bar.update(total=state.total, progress=state.done)
        else:
            bar.display = False
        self.query_one("#uitslag-status", Static).update(self._results_line(state))
        ov = self.overview
        if ov is None:
            return
        head = Text()
        head.append(ov.school_name or "(schoolnaam niet ingesteld)", style="bold")
        head.append("\nExamenjaar ")
        head.append(str(ov.exam_year) if ov.exam_year else "— (nog geen kandidaten)",
                    style="bold")
        if ov.other_years:
            head.append("   (ook in de database: " + ", ".join(map(str, ov.other_years)) + ")")
        self.query_one("#school", Static).update(head)
        self.query_one("#aantallen", Static).update(self._counts_table(ov, state))
        chart = self.query_one("#verdeling", Static)
        chart.display = state.status == DONE
        if state.status == DONE:
            from .. import distribution  # once the results are there, not for the first paint

            chart.update(distribution.render(*distribution.ce_average_bins(state.rows)))

    @staticmethod
    def _results_line(state: ResultsState) -> str:
        if state.status == BUSY:
            return state.progress_text()
        if state.status == DONE:
            return "Uitslag berekend (F4 of ctrl+r: per kandidaat)."
        return state.message or ""

    @staticmethod
    def _counts_table(ov: Overview, state: ResultsState) -> Table:
        with_results = state.status == DONE
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
        table.add_column("Schooltype", min_width=16)
        table.add_column("Kandidaten", justify="right")
        per_type: dict[tuple[str, str | None], dict[str, int]] = {}
        if with_results:
            table.add_column("Geslaagd", justify="right")
            table.add_column("Afgewezen", justify="right")
            table.add_column("Nog open", justify="right")
            table.add_column("Cum laude", justify="right")
            for r in state.rows:
                slot = per_type.setdefault((r.school_type, r.track or r.variant), {
                    "geslaagd": 0, "afgewezen": 0, "open": 0, "cum_laude": 0})
                key = "open" if r.passed is None else ("geslaagd" if r.passed else "afgewezen")
                slot[key] += 1
                slot["cum_laude"] += 1 if r.cum_laude else 0

        def cells(counts: dict[str, int] | None) -> list[str]:
            if not with_results:
                return []
            c = counts or {}
            return [str(c.get(k, 0)) for k in ("geslaagd", "afgewezen", "open", "cum_laude")]

        def summed(school_type: str | None) -> dict[str, int]:
            total = {"geslaagd": 0, "afgewezen": 0, "open": 0, "cum_laude": 0}
            for (st, _sub), c in per_type.items():
                if school_type is None or st == school_type:
                    for k, v in c.items():
                        total[k] += v
            return total

        for i, tc in enumerate(ov.counts):
            own = per_type.get((tc.school_type, tc.sub_type))
            table.add_row(tc.label, str(tc.count), *cells(own))
            nxt = ov.counts[i + 1].school_type if i + 1 < len(ov.counts) else None
            group = [c for c in ov.counts if c.school_type == tc.school_type]
            if nxt != tc.school_type and len(group) > 1:
                table.add_row(Text(f"{tc.school_type} totaal", style="italic"),
                              Text(str(ov.subtotal(tc.school_type)), style="italic"),
                              *cells(summed(tc.school_type)))
        table.add_section()
        table.add_row(Text("Totaal", style="bold"), Text(str(ov.total), style="bold"),
                      *cells(summed(None)))
        return table
