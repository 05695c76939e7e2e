"""Kandidaat: one candidate's examendossier and result, with every reason behind it.

What is stored (personal data, subjects, SE results per PTA test with their attempts, CE scores
per tijdvak) comes from `examenbureau.tui.data`; what follows from it (SE, CE and final grade per
subject, combination grade, uitslag, cum laude, the reasons and what is missing) comes from
`examenbureau.core.results`. The screen only lays both out: a parent asking "why?" gets the
Dutch sentence, the rule and the article, as the rule pack wrote them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from examenbureau.core import closing, resit_register
from examenbureau.core.logbook import LogLine, candidate_lines
from examenbureau.core.results import compute_results
from examenbureau.core.store import StoreError
from examenbureau.core.store.changes import affected_candidates, touches_everyone

from ..columns import set_columns
from ..data import CandidateFile, SeAttempt, SeTest, load_candidate_file
from ..formatting import MISSING, grade
from ..navbar import NavBar
from ..pack_view import pack_block, pack_view_of
from .base import StoreScreen
from .candidate_view import (
    ce_table,
    description,
    facilities_text,
    header_text,
    log_detail_at,
    log_row,
    resits_block,
    result_block,
    subjects_table,
)
from .se_edit import SeEditDialog

LOG_COLUMNS = [("Wanneer (UTC)", "wanneer", 16), ("Wie", "wie", 8), ("Wat", "wat", 16),
               ("Oud → nieuw", "oud-nieuw", 12), ("Reden", "reden", 12)]
# (label, key, width); the description takes the width the others leave (tui.columns)
SE_COLUMNS = [("Vak", "vak", 6), ("Toets", "toets", 9), ("Omschrijving", "omschrijving", 18),
              ("Poging", "poging", 10), ("Resultaat", "resultaat", 9), ("Status", "status", 16)]
TABS = {"uitslag": "Uitslag", "se": "SE", "ce": "CE", "herkansingen": "Herkansingen",
        "voorzieningen": "Voorzieningen", "logboek": "Logboek"}


class CandidateScreen(StoreScreen):
    TITLE = "Kandidaat"
    WRITES = frozenset({"edit", "new_attempt"})
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
        self.changes_log: list[LogLine] = []
        self.resit_requests: list[Any] = []
        # SE table rows: (test, attempt or None for a PTA test without any result)
        self._se_rows: list[tuple[SeTest, SeAttempt | None]] = []
        # subject -> its changes after a closing act (marked "gewijzigd na vaststelling")
        self.after_closing: dict[str, list[closing.ChangeAfterClosing]] = {}

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
                yield Static("", id="pakket")   # the rule pack: resits used and left, cum laude
            with TabPane("Voorzieningen", id="tab-voorzieningen"), VerticalScroll():
                yield Static("", id="voorzieningen")
            with TabPane("Logboek", id="tab-logboek"):
                yield DataTable(id="logboek", cursor_type="row", zebra_stripes=True)
                yield Static("", id="logboek-regel", classes="log-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        set_columns(self.query_one("#logboek", DataTable), LOG_COLUMNS, "reden",
                    self.app.size.width)
        self.action_reload()

    def on_resize(self) -> None:
        """The flexible columns follow a new terminal width."""
        if self.file is not None:
            self._fill_se_table()
        if self.changes_log:
            self._log_loaded(self.changes_log)

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
        self.read_in_background(lambda store: candidate_lines(store, year, number),
                                self._log_loaded, group="kandidaat-logboek")
        self.read_in_background(
            lambda store: resit_register.requests(store, year, exam_number=number),
            self._requests_loaded, group="kandidaat-herkansingen")
        self.read_in_background(lambda store: pack_view_of(store, year, number),
                                self._pack_loaded, group="kandidaat-pakket")
        self.read_in_background(lambda store: _after_closing(store, year, number),
                                self._after_closing_loaded, group="kandidaat-vastgesteld")

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
        self._show_header()
        self.query_one("#voorzieningen", Static).update(facilities_text(file))
        self._render_tables()
        self._fill_se_table()

    def _result_loaded(self, outcome: tuple[Any, str | None]) -> None:
        self.result, self.result_problem = outcome
        self.query_one("#uitslag", Static).update(result_block(self.result, self.result_problem))
        self.query_one("#herkansingen", Static).update(resits_block(self.result, self.resit_requests))
        self._render_tables()

    def _requests_loaded(self, found: list[Any]) -> None:
        self.resit_requests = found
        self.query_one("#herkansingen", Static).update(resits_block(self.result, found))

    def _log_loaded(self, log: list[LogLine]) -> None:
        self.changes_log = log
        table = self.query_one("#logboek", DataTable)
        set_columns(table, LOG_COLUMNS, "reden", self.app.size.width)
        table.add_rows([log_row(c) for c in log])
        if not log:
            table.add_row("", "", "Nog geen wijzigingen.", "", "")
        self._show_log_detail(table.cursor_row)

    @on(DataTable.RowHighlighted, "#logboek")
    def _log_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_log_detail(event.cursor_row)

    def _show_log_detail(self, row: int) -> None:
        self.query_one("#logboek-regel", Static).update(log_detail_at(self.changes_log, row))

    def _pack_loaded(self, found: tuple[Any, str | None]) -> None:
        self.query_one("#pakket", Static).update(pack_block(*found))

    def _after_closing_loaded(self, found: dict[str, list[closing.ChangeAfterClosing]]) -> None:
        """Subjects changed after a closing act: marked in the SE table and the header."""
        self.after_closing = found
        if self.file is not None:
            self._show_header()
            self._fill_se_table()

    def _show_header(self) -> None:
        assert self.file is not None
        head = header_text(self.file)
        if self.after_closing:
            head.append(f"\n{AFTER_CLOSING}: ", style="bold magenta")
            head.append("; ".join(f"{subject}: {', '.join(c.sentence() for c in changes)}"
                                  for subject, changes in self.after_closing.items()))
        self.query_one("#kop", Static).update(head)

    def _render_tables(self) -> None:
        if self.file is None:
            return
        self.query_one("#vakken", Static).update(subjects_table(self.file, self.result))
        self.query_one("#ce", Static).update(ce_table(self.file, self.result))

    def _fill_se_table(self) -> None:
        assert self.file is not None
        table = self.query_one("#se-tabel", DataTable)
        keep = table.cursor_row
        set_columns(table, SE_COLUMNS, "omschrijving")
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
                table.add_row(test.subject, test.test_code, description(test, names),
                              "", Text("ontbreekt", style="bold yellow"), "")
                continue
            value = grade(a.grade) if a.grade is not None else (a.assessment or MISSING)
            status: str | Text = (a.status or "").replace("_", " ")
            if any(c.table == "se_results" for c in self.after_closing.get(test.subject, ())):
                status = Text(AFTER_CLOSING, style="bold magenta")
            table.add_row(test.subject, test.test_code, description(test, names),
                          a.attempt + (f" {a.seq}" if a.seq != 1 else ""), value, status)
        if rows:
            table.move_cursor(row=min(max(keep, 0), len(rows) - 1))
        missing = sum(1 for _t, a in rows if a is None)
        hint = ("Alleen lezen: uw account kan hier niets wijzigen." if self.eb_app.read_only
                else "e of enter: wijzigen · n: nieuwe poging (herkansing, inhaal)")
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
        if not self.eb_app.may_write():
            return
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
        if not self.eb_app.may_write():
            return
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
                              test_code=test.test_code, description=description(test, names),
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


AFTER_CLOSING = "gewijzigd na vaststelling"


def _after_closing(store: Any, exam_year: int,
                   exam_number: str) -> dict[str, list[closing.ChangeAfterClosing]]:
    """subject -> its changes after a closing act (closing.changes_after_closing)."""
    with store.read() as con:
        found = closing.changes_after_closing(con, exam_year, [exam_number])
    return {subject: changes for (_, subject), changes in found.items()}


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


