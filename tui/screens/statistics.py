"""Statistieken: CE grades per subject and tijdvak, the SE-CE difference per subject, and the
pass rates per school type, from the year's results.

Why compact text: at 80x24 over SSH a histogram per exam is one line of block characters
(grades 1 to 10), so forty exams fit on two screens; the figures come from
`core.statistics`, counted while the app computed the results, the screen only draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from examenbureau.core.statistics import GradeHistogram, PassRate, SeCeDifference, YearFigures

from ..navbar import NavBar
from ..results_state import DONE, ResultsState
from .base import StoreScreen

BLOCKS = " ▁▂▃▄▅▆▇█"


def sparkline(counts: tuple[int, ...]) -> str:
    top = max(counts) or 1
    return "".join(BLOCKS[0 if not c else max(1, (c * 8 + top // 2) // top)] for c in counts)


class StatisticsScreen(StoreScreen):
    TITLE = "Statistieken"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "recompute", "Opnieuw berekenen", id="stat-herberekenen", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with VerticalScroll(id="stat-body"):
            yield Static("Uitslag berekenen…", id="stat-status", classes="status")
            yield Static("", id="stat-slagen")
            yield Static("", id="stat-verschil")
            yield Static("", id="stat-ce")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.eb_app.results_changed.subscribe(self, self._changed)
        self.query_one("#stat-body").focus()
        self.refresh_view()

    def action_recompute(self) -> None:
        self.eb_app.compute_results()

    def data_changed(self, _changes: list[Any]) -> None:
        """Live: the app recomputes; `results_changed` repaints."""

    def _changed(self, _state: ResultsState) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        state = self.eb_app.results_state
        if state.status != DONE:
            self.query_one("#stat-status", Static).update(
                state.progress_text() if state.status != "failed" else (state.message or ""))
            return
        figures: YearFigures | None = state.figures
        if figures is None:
            # a candidate was edited since: the figures of the whole year are counted again
            if state.rows:
                self.eb_app.compute_results()
            return
        self.query_one("#stat-status", Static).update("")
        self.query_one("#stat-slagen", Static).update(_pass_rates(figures.pass_rates))
        self.query_one("#stat-verschil", Static).update(_differences(figures.differences))
        self.query_one("#stat-ce", Static).update(_histograms(figures.histograms))


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                 pad_edge=False, show_edge=False, padding=(0, 1))


def _pass_rates(rates: Sequence[PassRate]) -> Table:
    # a share of the decided candidates: an open result is neither a pass nor a fail yet
    table = _table("Geslaagd per schooltype (% van wie al een uitslag heeft)")
    for label in ("Schooltype", "Kandidaten", "Geslaagd", "Afgewezen", "Nog open", "% geslaagd"):
        table.add_column(label, justify="left" if label == "Schooltype" else "right")
    for p in rates:
        decided = p.passed + p.failed
        share = f"{p.passed * 100 // decided}%" if decided else "—"
        table.add_row(p.school_type, str(p.candidates), str(p.passed), str(p.failed),
                      str(p.undecided), share)
    return table


def _differences(differences: Sequence[SeCeDifference]) -> Table:
    table = _table("Verschil SE – CE per vak (gemiddelden, afgekapt)")
    for label in ("Vak", "Kandidaten", "SE", "CE", "SE – CE"):
        table.add_column(label, justify="left" if label == "Vak" else "right")
    for d in differences:
        diff = d.difference
        style = "bold yellow" if abs(diff) >= 1 else ""
        table.add_row(d.subject, str(d.candidates), d.shown(d.se_mean), d.shown(d.ce_mean),
                      Text(d.shown(diff), style=style))
    return table


def _histograms(histograms: Sequence[GradeHistogram]) -> Table:
    table = _table("CE-cijfers per vak en tijdvak (1 t/m 10)")
    table.add_column("Vak")
    table.add_column("Tv", justify="right")
    table.add_column("1   5   10", no_wrap=True)
    table.add_column("Aantal", justify="right")
    for h in histograms:
        table.add_row(h.subject, str(h.period), sparkline(h.counts), str(h.total))
    return table
