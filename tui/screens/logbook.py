"""Logboek: the audit trail, filtered by candidate, user, table, date or any text.

Why: "who changed this grade, when, from what to what, and why?" is the question an
inspector, a parent or the examencommissie asks. Every write is audited in the store's hash
chain; this screen only filters (`core.logbook.search`) and shows. Times are UTC (the column
says so), the user is the OS account with the name the person gave, and a change after a
closing act says "NA VASTSTELLING". Filtered on an exam number, the grades that changed
because an N-term or a score changed appear as "gevolg" lines: the same replay as
`examenbureau audit --examennummer N`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Static

from examenbureau.core.logbook import Choices, Filters, LogLine, after_closing_count, choices, search
from examenbureau.core.store.changes import TABLE_WORDS
from examenbureau.core.wording import counted

from ..columns import set_columns
from ..dutch_select import Select
from ..navbar import NavBar
from .base import StoreScreen
from .candidate_view import log_detail_at, log_row

LIMIT = 1000
COLUMNS = [("Wanneer (UTC)", "wanneer", 16), ("Wie", "wie", 8), ("Wat", "wat", 18),
           ("Oud → nieuw", "oud-nieuw", 14), ("Reden", "reden", 10)]


def parse_day(text: str) -> date | None:
    """'12-06-2025', '12-6-2025' or '2025-06-12'; None for an empty field."""
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"datum '{text}' niet herkend; schrijf dd-mm-jjjj")


class LogbookScreen(StoreScreen):
    TITLE = "Logboek"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+f", "focus_filter", "Filteren", id="logboek-filter"),
        Binding("ctrl+l", "clear_filters", "Filters wissen", id="logboek-wissen"),
        Binding("f5", "reload", "Opnieuw laden", id="herladen", show=False),
    ]

    def __init__(self, exam_number: str | None = None) -> None:
        super().__init__()
        self.initial_number = exam_number or ""
        self.changes: list[LogLine] = []

    def compose(self) -> ComposeResult:
        yield NavBar(id="nav")
        with Vertical(id="logboek-body"):
            with Horizontal(id="logboek-filters"):
                yield Input(self.initial_number, placeholder="examennr.", id="f-kandidaat",
                            compact=True)
                yield Select([], prompt="wie", id="f-wie", compact=True)
                yield Select([], prompt="wat", id="f-tabel", compact=True)
                yield Input(placeholder="dd-mm-jjjj", id="f-datum", compact=True)
                yield Input(placeholder="zoek in tekst", id="f-tekst", compact=True)
            yield DataTable(id="logboek-tabel", cursor_type="row", zebra_stripes=True)
            yield Static("", id="logboek-regel", classes="log-detail")
            yield Static("Logboek laden…", id="logboek-status", classes="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.read_in_background(choices, self._choices_loaded, group="logboek-keuzes")
        self.action_reload()

    def _choices_loaded(self, found: Choices) -> None:
        self.query_one("#f-wie", Select).set_options(found.actors)
        self.query_one("#f-tabel", Select).set_options(
            [(TABLE_WORDS.get(t, (t, t))[1], t) for t in found.tables])

    def filters(self) -> Filters:
        def chosen(widget_id: str) -> str | None:
            value = self.query_one(widget_id, Select).value
            return None if value is Select.NULL else str(value)

        return Filters(
            exam_number=self.query_one("#f-kandidaat", Input).value.strip() or None,
            actor=chosen("#f-wie"),
            table=chosen("#f-tabel"),
            day=parse_day(self.query_one("#f-datum", Input).value),
            text=self.query_one("#f-tekst", Input).value.strip() or None,
            exam_year=self.eb_app.exam_year,
        )

    def action_reload(self) -> None:
        try:
            filters = self.filters()
        except ValueError as exc:
            self.query_one("#logboek-status", Static).update(str(exc))
            return
        self.read_in_background(lambda store: search(store, filters, limit=LIMIT),
                                self._loaded, group="logboek")

    def _loaded(self, changes: list[LogLine]) -> None:
        self.changes = changes
        table = self.query_one("#logboek-tabel", DataTable)
        set_columns(table, COLUMNS, "reden")
        table.add_rows([_row(c) for c in changes])
        self._show_detail(table.cursor_row)
        more = " (de nieuwste; verfijn het filter)" if len(changes) >= LIMIT else ""
        closed = after_closing_count(changes)
        after = f", waarvan {closed} na vaststelling" if closed else ""
        self.query_one("#logboek-status", Static).update(
            f"{counted(len(changes), 'wijziging', 'wijzigingen')}{more}{after}, nieuwste eerst;"
            " tijden in UTC.")

    def show_problem(self, text: str) -> None:
        self.query_one("#logboek-status", Static).update(text)

    @on(DataTable.RowHighlighted, "#logboek-tabel")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def _show_detail(self, row: int) -> None:
        self.query_one("#logboek-regel", Static).update(log_detail_at(self.changes, row))

    def on_resize(self) -> None:
        if self.changes:
            self._loaded(self.changes)

    @on(Input.Changed)
    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.action_reload()

    def action_focus_filter(self) -> None:
        self.query_one("#f-kandidaat", Input).focus()

    def action_clear_filters(self) -> None:
        for widget_id in ("#f-kandidaat", "#f-datum", "#f-tekst"):
            self.query_one(widget_id, Input).value = ""
        for widget_id in ("#f-wie", "#f-tabel"):
            self.query_one(widget_id, Select).clear()


def _row(c: LogLine) -> tuple[str, ...]:
    when, who, what, change, reason = log_row(c)
    if c.derived:
        return (when, who, what, change, reason)
    table = TABLE_WORDS.get(c.table or "", (c.table or c.action, ""))[0]
    return (when, who, f"{table}: {what}" if what else table, change, reason)
