"""The examenbureau TUI: one screen per task, keyboard only, readable at 80x24 over SSH.

Why it is built like this:
- The app never keeps a DuckDB connection open (several secretaries each run their own
  process on one file): screens read through `examenbureau.tui.data` in thread workers, each
  read opening and closing its own short connection.
- Screens hold no rules: the uitslag comes from `examenbureau.core.results`, computed once in
  a worker and shared by the overview and the Uitslag screen through a Textual signal.
- Every screen is reachable by a key (shown in the footer, two keys each because terminals and
  tmux swallow some) and from the command palette (ctrl+p).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.signal import Signal
from textual.worker import get_current_worker

from examenbureau.core.results import compute_results
from examenbureau.core.store import Store, StoreBusyError, StoreError

from .commands import CandidateProvider
from .data import resolve_exam_year
from .results_state import BUSY, DONE, FAILED, ResultsState
from .screens.candidate import CandidateScreen
from .screens.candidates import CandidatesScreen
from .screens.overview import OverviewScreen
from .screens.results import FILTERS, ResultsScreen

TUI_BUSY_TIMEOUT = 10.0


class ExamenbureauApp(App[int]):
    """The exam secretary's application on one school database."""

    TITLE = "examenbureau"
    CSS_PATH = "app.tcss"
    MODES: ClassVar[dict[str, Any]] = {
        "overzicht": OverviewScreen,
        "kandidaten": CandidatesScreen,
        "uitslag": ResultsScreen,
    }
    DEFAULT_MODE = "overzicht"
    COMMANDS = App.COMMANDS | {CandidateProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Stoppen", priority=True, id="afsluiten",
                tooltip="examenbureau afsluiten"),
        # shown in the NavBar at the top, not in the footer (80 columns do not hold both)
        Binding("f2,ctrl+o", "show('overzicht')", "Overzicht", id="overzicht", show=False),
        Binding("f3,ctrl+n", "show('kandidaten')", "Kandidaten", id="kandidaten", show=False),
        Binding("f4,ctrl+r", "show('uitslag')", "Uitslag", id="uitslag", show=False),
        Binding("ctrl+p", "command_palette", "Opdrachten", show=False, priority=True,
                id="opdrachten",
                tooltip="Alle opdrachten en schermen"),
    ]

    def __init__(self, db_path: str, *, busy_timeout: float = TUI_BUSY_TIMEOUT) -> None:
        super().__init__()
        self.db_path = str(db_path)
        self.busy_timeout = busy_timeout
        self.exam_year: int | None = None  # None: the latest exam year in the database
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self.results_state = ResultsState()
        self.results_changed: Signal[ResultsState] = Signal(self, "results_changed")

    # -- the store ------------------------------------------------------------------------------
    def get_store(self) -> Store:
        """The school's Store, opened (and migrated) on first use, from any thread."""
        with self._store_lock:
            if self._store is None:
                self._store = Store(self.db_path, busy_timeout=self.busy_timeout)
            return self._store

    @staticmethod
    def store_error_text(exc: StoreError) -> str:
        if isinstance(exc, StoreBusyError):
            return f"Database bezet: {exc}"
        return f"Databasefout: {exc}"

    def show_store_error(self, exc: StoreError) -> None:
        if isinstance(exc, StoreBusyError):
            self.notify(str(exc), title="Database bezet", severity="warning", timeout=8)
        else:
            self.notify(str(exc), title="Databasefout", severity="error", timeout=10)

    # -- lifecycle ------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.compute_results()

    # -- results of the whole exam year -------------------------------------------------------
    def compute_results(self) -> None:
        """(Re)compute the uitslag of every candidate in a worker, publishing progress."""
        self.results_state = ResultsState(status=BUSY)
        self.results_changed.publish(self.results_state)
        self.run_worker(self._compute_results, thread=True, exclusive=True, group="uitslag",
                        name="uitslag")

    def _compute_results(self) -> None:
        worker = get_current_worker()

        def publish(state: ResultsState) -> None:
            if worker.is_cancelled:
                return
            try:
                self.call_from_thread(self._set_results_state, state)
            except RuntimeError:  # the app is closing
                pass

        def progress(done: int, total: int | None = None, *_: Any) -> None:
            publish(ResultsState(status=BUSY, done=done, total=total))

        try:
            store = self.get_store()
            # compute_results(exam_year=None) means every year; the screens show one year.
            year = resolve_exam_year(store, self.exam_year)
            results = compute_results(store, exam_year=year, progress=progress) if year else []
        except StoreError as exc:
            publish(ResultsState(status=FAILED, message=self.store_error_text(exc)))
            if not worker.is_cancelled:
                try:
                    self.call_from_thread(self.show_store_error, exc)
                except RuntimeError:
                    pass
            return
        except Exception as exc:  # a rule pack error must not take the whole TUI down
            publish(ResultsState(status=FAILED, message=(
                f"De uitslag kon niet worden berekend: {type(exc).__name__}: {exc}")))
            return
        publish(ResultsState(status=DONE, done=len(results), total=len(results),
                             results=list(results)))

    def _set_results_state(self, state: ResultsState) -> None:
        self.results_state = state
        self.results_changed.publish(state)

    # -- navigation -----------------------------------------------------------------------------
    def action_show(self, mode: str) -> None:
        """Go to a main screen; pressing its key again closes an opened candidate on top."""
        if self.current_mode == mode:
            while len(self.screen_stack) > 1:
                self.pop_screen()
        else:
            self.switch_mode(mode)

    def open_candidate(self, exam_year: int, exam_number: str) -> None:
        self.push_screen(CandidateScreen(exam_year, exam_number))

    def show_results(self, filter_name: str) -> None:
        """The Uitslag screen with one of its filters on (from the command palette)."""
        self.action_show("uitslag")
        self.call_after_refresh(self._apply_results_filter, filter_name)

    def _apply_results_filter(self, filter_name: str) -> None:
        screen = self.screen
        if isinstance(screen, ResultsScreen):
            screen.results_filter = filter_name

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder="Zoek een opdracht of scherm…",
                                            id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every screen and filter in Dutch; Textual's English defaults are left out."""
        yield SystemCommand("Overzicht", "Schoolgegevens en aantallen kandidaten (F2)",
                            lambda: self.action_show("overzicht"))
        yield SystemCommand("Kandidaten", "Alle kandidaten, zoeken op naam, nummer of klas (F3)",
                            lambda: self.action_show("kandidaten"))
        yield SystemCommand("Uitslag", "De uitslag van iedere kandidaat (F4)",
                            lambda: self.show_results("alle"))
        for name, (title, help_text, _key) in FILTERS.items():
            if name == "alle":
                continue
            yield SystemCommand(f"Uitslag: {title}", help_text,
                                lambda name=name: self.show_results(name))
        yield SystemCommand("Uitslag opnieuw berekenen",
                            "Bereken de uitslag van alle kandidaten opnieuw",
                            self.compute_results)
        if hasattr(screen, "action_reload"):
            yield SystemCommand("Opnieuw laden", "Lees dit scherm opnieuw uit de database (F5)",
                                lambda: screen.run_action("reload"))
        yield SystemCommand("Toetsen", "Toon welke toetsen hier werken",
                            self.action_show_help_panel)
        yield SystemCommand("Kleuren", "Kies een ander kleurenschema", self.action_change_theme)
        yield SystemCommand("Stoppen", "examenbureau afsluiten (ctrl+q)", self.action_quit)


def run_app(db_path: str) -> int:
    """Open the TUI on `db_path`; the exit status (0 after ctrl+q)."""
    app = ExamenbureauApp(db_path)
    app.run()
    code = app.return_code
    return 0 if code is None else int(code)
