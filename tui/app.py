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

import gc
import importlib
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import ThemeProvider
from textual.widget import Widget
from textual.worker import get_current_worker

from .navbar import MAIN_SCREENS, OTHER_SCREENS, READ_ONLY
from .results_state import BUSY, DONE, FAILED, ResultsState
from .screens.base import Deliver, deliver
from .screens.overview import OverviewScreen

if TYPE_CHECKING:
    from textual.command import Provider

    # imported where used: the store package imports DuckDB, which the first screen does not
    # need (tui.first_read reads it in another process while this one loads Textual)
    from examenbureau.core.store import Store, StoreError
    from examenbureau.core.store.changes import Change

    from .first_read import FirstRead
    from .screens.dialogs import Field

TUI_BUSY_TIMEOUT = 10.0
# The role of an account that may only read (core.store.roles.READER; spelled here so that
# asking "may I write?" while drawing the first screen does not import DuckDB).
READER = "lezer"
# How often an open TUI looks whether a colleague changed the database (a stat of the file;
# the database itself is only opened when the file moved).
LIVE_POLL_SECONDS = 1.5
# A task's answer longer than this is shown in a window, not a notification (which outgrows an
# 80x24 screen: its first lines were never seen).
LONG_REPORT_LINES = 6
# In a real terminal, the pause between writing the first screen and starting the heavy work
# (computing the year's results, which loads DuckDB and the rules): the terminal needs the
# processor to draw what we wrote, and on a busy machine it waited behind our own start-up.
AFTER_PAINT = 0.15
READ_ONLY_TEXT = (f"U werkt {READ_ONLY}: uw account mag deze database inzien, niet wijzigen. "
                  "Een schrijver kan u die rol geven (examenbureau rollen schrijver ...).")


def _screen(module: str, name: str, *args: Any) -> Screen[Any]:
    """A screen from `examenbureau.tui.screens.<module>`, imported on first use."""
    found = importlib.import_module(f"examenbureau.tui.screens.{module}")
    screen: Screen[Any] = getattr(found, name)(*args)
    return screen


def _candidate_provider() -> type[Provider]:
    """Candidates in the palette; imported when the palette first opens (Textual's command
    machinery is not needed to draw the first screen)."""
    from .commands import CandidateProvider

    return CandidateProvider


class ExamenbureauApp(App[int]):
    """The exam secretary's application on one school database."""

    TITLE = "examenbureau"
    CSS_PATH = "app.tcss"
    MODES: ClassVar[dict[str, Any]] = {
        "overzicht": OverviewScreen,
        # the other screens are imported when first opened: the app opens in well under a second
        "kandidaten": lambda: _screen("candidates", "CandidatesScreen"),
        "uitslag": lambda: _screen("results", "ResultsScreen"),
        "ntermen": lambda: _screen("nterms", "NTermScreen"),
        "ce-scores": lambda: _screen("ce_scores", "CeScoresScreen"),
        "herkansingen": lambda: _screen("resits", "ResitsScreen"),
        "zitting": lambda: _screen("sitting", "SittingScreen"),
        "statistieken": lambda: _screen("statistics", "StatisticsScreen"),
        "logboek": lambda: _screen("logbook", "LogbookScreen"),
    }
    DEFAULT_MODE = "overzicht"
    COMMANDS = App.COMMANDS | {_candidate_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Stoppen", priority=True, id="afsluiten",
                tooltip="examenbureau afsluiten"),
        # shown in the NavBar at the top, not in the footer (80 columns do not hold both)
        Binding("f2,ctrl+o", "show('overzicht')", "Overzicht", id="overzicht", show=False),
        Binding("f3,ctrl+n", "show('kandidaten')", "Kandidaten", id="kandidaten", show=False),
        Binding("f4,ctrl+r", "show('uitslag')", "Uitslag", id="uitslag", show=False),
        Binding("f6", "show('ntermen')", "N-termen", id="ntermen", show=False),
        Binding("f7", "show('ce-scores')", "CE-scores", id="ce-scores", show=False),
        Binding("f8", "show('herkansingen')", "Herkansingen", id="herkansingen", show=False),
        Binding("f9", "show('zitting')", "Zitting", id="zitting", show=False),
        Binding("f10", "show('logboek')", "Logboek", id="logboek", show=False),
        Binding("f11", "show('statistieken')", "Statistieken", id="statistieken", show=False),
        Binding("ctrl+p", "command_palette", "Opdrachten", show=False, priority=True,
                id="opdrachten",
                tooltip="Alle opdrachten en schermen"),
        Binding("f1", "show_help_panel", "Toetsen", show=False, id="toetsen"),
    ]

    def __init__(self, db_path: str, *, busy_timeout: float = TUI_BUSY_TIMEOUT,
                 results_in_process: bool | None = None,
                 first_read: FirstRead | None = None) -> None:
        super().__init__()
        self.db_path = str(db_path)
        self.busy_timeout = busy_timeout
        self.exam_year: int | None = None  # None: the latest exam year in the database
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self.results_state = ResultsState()
        # None: a process of its own from PROCESS_FROM candidates on (tests may force either)
        self.results_in_process = results_in_process
        self._results_process: Any = None
        self.results_changed: Signal[ResultsState] = Signal(self, "results_changed")
        # Live: what another process changed, published to every open screen.
        self.data_changed: Signal[list[Change]] = Signal(self, "data_changed")
        self.source_tag = f"TUI pid {os.getpid()}"
        self._stamp: tuple[int, ...] | None = None
        self._seen_change: int | None = None
        self._checking = False
        self.last_change_text: str | None = None
        # read by another process while this one started (`tui.first_read`), used once
        self.first_read = first_read
        # the OS account's role in this school's file (core.store.roles): None until the
        # store or the first read said it; a reader is offered no writing action at all
        self.role: str | None = first_read.role if first_read is not None else None
        self.role_known: Signal[str] = Signal(self, "role_known")
        # the caller paused the cyclic garbage collector until the first paint (run_app)
        self.resume_gc = False
        # seconds between the first paint and the heavy start-up work (run_app: AFTER_PAINT)
        self.after_paint_pause = 0.0

    @property
    def read_only(self) -> bool:
        return self.role == READER

    def may_write(self) -> bool:
        """False (and say why) for a reader: for the few ways into an edit that are not a key
        binding (enter on a row, typing in the CE grid)."""
        if not self.read_only:
            return True
        self.notify(READ_ONLY_TEXT, title="Alleen lezen", severity="warning", timeout=8)
        return False

    def _role_read(self, role: str) -> None:
        if role == self.role:
            return
        self.role = role
        self._role_changed()

    def _role_changed(self) -> None:
        """Hide the writing keys and palette entries, mark every screen's top line."""
        self.refresh_bindings()
        self.role_known.publish(self.role or "")
        if self.read_only:
            self.notify(READ_ONLY_TEXT, title="Alleen lezen", timeout=10)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Import and backup write to the school's file: not offered to a reader."""
        if action in ("import", "backup") and self.read_only:
            return False
        return True

    # -- the store ------------------------------------------------------------------------------
    def get_store(self) -> Store:
        """The school's Store, opened (and migrated) on first use, from any thread."""
        with self._store_lock:
            if self._store is None:
                from examenbureau.core.store import Store

                self._store = Store(self.db_path, busy_timeout=self.busy_timeout)
                if self._store.role != self.role:
                    deliver(self, self._role_read, self._store.role)
            return self._store

    @staticmethod
    def store_error_text(exc: StoreError) -> str:
        from examenbureau.core.store import StoreBusyError

        if isinstance(exc, StoreBusyError):
            return f"Database bezet: {exc}"
        return f"Databasefout: {exc}"

    def show_store_error(self, exc: StoreError) -> None:
        from examenbureau.core.store import StoreBusyError

        if isinstance(exc, StoreBusyError):
            self.notify(str(exc), title="Database bezet", severity="warning", timeout=8)
        else:
            self.notify(str(exc), title="Databasefout", severity="error", timeout=10)

    def on_deliver(self, message: Deliver) -> None:
        """A worker's answer (see `screens.base.deliver`), run on the main thread; dropped when
        the screen or widget it was for has been closed meanwhile."""
        target = getattr(message.callback, "__self__", None)
        if isinstance(target, Widget) and not target.is_attached:
            return
        try:
            message.callback(*message.args)
        except NoMatches:
            # the answer came before its screen finished composing (a tab's content mounts
            # after the screen on a busy machine): hand it over again a moment later
            if message.tries < 40:
                self.set_timer(0.05, lambda: self.post_message(
                    Deliver(message.callback, message.args, message.tries + 1)))

    # -- lifecycle ------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.read_only:
            self.call_after_refresh(self._role_changed)
        # after the first paint: the school's name shows before any result is computed
        if self.after_paint_pause:
            self.call_after_refresh(self.set_timer, self.after_paint_pause,
                                    self._after_first_paint)
        else:
            self.call_after_refresh(self._after_first_paint)
        first = self.first_read
        if first is not None and first.last_change is not None:
            self._stamp, self._seen_change = first.stamp, first.last_change
        else:
            self.run_worker(self._read_change_counter, thread=True, group="live", name="live")
        self.set_interval(LIVE_POLL_SECONDS, self.poll_changes, name="live")

    def _after_first_paint(self) -> None:
        """The heavy start-up work, once the first screen is out: the collector (first, before
        the results worker starts), the year's results, and the cut-off-demo check (both import
        DuckDB, tui.first_read)."""
        if self.resume_gc:
            # what start-up made stays for the whole session: out of the collector's sight
            # (frozen), or every later full collection walks it again (measured: the candidate
            # list narrowed in 324-373 ms at 20,000 instead of ~150-190 ms)
            gc.freeze()
            gc.enable()
        self.compute_results()
        self.run_worker(self._check_demo, thread=True, group="demo", name="demo")

    def _check_demo(self) -> None:
        """A demo whose build was cut off says so on the first screen (core/demo_marker.py)."""
        from examenbureau.core.demo_marker import incomplete
        from examenbureau.core.store import StoreError

        try:
            notice = incomplete(self.get_store())
        except StoreError:
            return          # the screens report a database they cannot read
        if notice:
            deliver(self, self._warn_incomplete_demo, notice)

    def _warn_incomplete_demo(self, notice: str) -> None:
        self.notify(notice, title="Onvolledige demo", severity="warning", timeout=30)

    def on_unmount(self) -> None:
        """Quitting: the results process must not outlive the app (nor keep its worker)."""
        self._stop_results_process()

    # -- live: a colleague's change shows without a key press ------------------------------------
    def write_source(self, screen: str) -> str:
        """The audit `source` of a change made here: names the screen and this process, so the
        live notice can tell our own changes from a colleague's."""
        return f"{self.source_tag} {screen}"

    def take_first_overview(self) -> Any:
        """The overview read before the first paint, once (a reload reads the store)."""
        first, self.first_read = self.first_read, None
        return first.overview if first is not None and self.exam_year is None else None

    def _read_change_counter(self) -> None:
        from examenbureau.core.store import StoreError
        from examenbureau.core.store.changes import file_stamp, last_change

        self._stamp = file_stamp(self.db_path)
        try:
            self._seen_change = last_change(self.get_store())
        except StoreError:
            self._seen_change = None

    def poll_changes(self) -> None:
        """Cheap: a stat of the file; the database is read only when the file moved."""
        from examenbureau.core.store.changes import file_stamp

        if self._stamp is None:
            return                      # the change counter is still being read
        stamp = file_stamp(self.db_path)
        if stamp == self._stamp or self._checking:
            return
        self._stamp = stamp
        self._checking = True
        self.run_worker(self._check_changes, thread=True, group="live", name="live")

    def _check_changes(self) -> None:
        from examenbureau.core.store import StoreError
        from examenbureau.core.store.changes import changes_since, last_change

        try:
            store = self.get_store()
            if self._seen_change is None:
                self._seen_change = last_change(store)
                return
            changes = changes_since(store, self._seen_change)
        except StoreError:
            return  # busy: the next stat looks again
        finally:
            self._checking = False
        if not changes:
            return
        self._seen_change = changes[-1].id
        deliver(self, self._changes_arrived, changes)

    def _changes_arrived(self, changes: list[Change]) -> None:
        """Say what others changed, recompute the results and let every screen reload."""
        from examenbureau.core.store.changes import describe

        others = [c for c in changes if not (c.source or "").startswith(self.source_tag)]
        text = describe(others)
        if text:
            self.last_change_text = text
            self.notify(text, title="Gewijzigd in de database", timeout=8)
            self.compute_results()
        self.data_changed.publish(changes)

    # -- results of the whole exam year -------------------------------------------------------
    def compute_results(self) -> None:
        """(Re)compute the uitslag of every candidate in a worker, publishing progress.

        A large school is computed in a process of its own (`tui.results_process`), so typing
        never waits for it; a small one in a thread, where a second Python would cost more."""
        self._stop_results_process()
        self.results_state = ResultsState(status=BUSY)
        self.results_changed.publish(self.results_state)
        self.run_worker(self._compute_results, thread=True, exclusive=True, group="uitslag",
                        name="uitslag")

    def _stop_results_process(self) -> None:
        with self._store_lock:
            proc, self._results_process = self._results_process, None
        if proc is not None:
            proc.stop()

    def _compute_results(self) -> None:
        from examenbureau.core.store import StoreError

        from .data import resolve_exam_year
        from .results_process import ResultsProcess, ResultsProcessError
        from .year_results import FIGURES, PROCESS_FROM, PROGRESS, ROWS, candidate_count, events

        worker = get_current_worker()

        def publish(state: ResultsState) -> None:
            if worker.is_cancelled:
                return
            deliver(self, self._set_results_state, state)

        rows: list[Any] = []
        figures = None
        proc: ResultsProcess | None = None
        try:
            store = self.get_store()
            # compute_results(exam_year=None) means every year; the screens show one year.
            year = resolve_exam_year(store, self.exam_year)
            stream: Iterable[tuple[Any, ...]] = ()
            if year is not None:
                in_process = self.results_in_process
                if in_process is None:
                    in_process = candidate_count(store, year) >= PROCESS_FROM
                if in_process:
                    proc = ResultsProcess(self.db_path, year)
                    with self._store_lock:
                        self._results_process = proc
                    if worker.is_cancelled:
                        return
                    stream = proc.events()
                else:
                    stream = events(store, year, cancelled=lambda: worker.is_cancelled)
            # one batch at a time, so that a new computation or quitting stops this one at once
            # (Python waits for a running worker thread before the process can exit)
            for event in stream:
                if worker.is_cancelled:
                    return
                if event[0] == PROGRESS:
                    publish(ResultsState(status=BUSY, done=event[1], total=event[2]))
                elif event[0] == ROWS:
                    rows.extend(event[1])
                elif event[0] == FIGURES:
                    figures = event[1]
        except StoreError as exc:
            publish(ResultsState(status=FAILED, message=self.store_error_text(exc)))
            if not worker.is_cancelled:
                deliver(self, self.show_store_error, exc)
            return
        except ResultsProcessError as exc:
            publish(ResultsState(status=FAILED, message=str(exc)))
            return
        except Exception as exc:  # a rule pack error must not take the whole TUI down
            publish(ResultsState(status=FAILED, message=(
                f"De uitslag kon niet worden berekend: {type(exc).__name__}: {exc}")))
            return
        finally:
            if proc is not None:
                proc.stop()
                with self._store_lock:
                    if self._results_process is proc:
                        self._results_process = None
        publish(ResultsState(status=DONE, done=len(rows), total=len(rows), rows=rows,
                             figures=figures))

    def refresh_candidates(self, exam_year: int, numbers: list[str]) -> None:
        """After an edit here: recompute only these candidates and put them in the list."""

        def job() -> None:
            from examenbureau.core.results.kept import refresh

            from .year_results import row_of

            try:   # computed once and kept: the next start finds them fresh
                fresh = refresh(self.get_store(), exam_year, numbers)
            except Exception:  # the full recompute (F5 on Uitslag) still says what is wrong
                return
            deliver(self, self._merge_results, [row_of(r) for r in fresh])

        self.run_worker(job, thread=True, group="uitslag-kandidaat", name="uitslag-kandidaat")

    def _merge_results(self, fresh: list[Any]) -> None:
        """The edited candidates' rows replace theirs; the year's figures are then out of date
        (Statistieken recomputes them when it is shown)."""
        state = self.results_state
        if state.status != DONE:
            return
        by_key = {(r.exam_year, r.exam_number): r for r in fresh}
        merged = [by_key.pop((r.exam_year, r.exam_number), r) for r in state.rows]
        merged.extend(by_key.values())
        self._set_results_state(ResultsState(status=DONE, done=len(merged), total=len(merged),
                                             rows=merged, figures=None))

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
        self.push_screen(_screen("candidate", "CandidateScreen", exam_year, exam_number))

    def show_results(self, filter_name: str) -> None:
        """The Uitslag screen with one of its filters on (from the command palette)."""
        self.action_show("uitslag")
        self.call_after_refresh(self._apply_results_filter, filter_name)

    def _apply_results_filter(self, filter_name: str) -> None:
        screen = self.screen
        if screen.__class__.__name__ == "ResultsScreen":
            screen.results_filter = filter_name

    def action_command_palette(self) -> None:
        from .palette import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker with a Dutch question."""
        from .palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider],
                                 placeholder="Zoek een kleurenschema…"))

    def action_show_help_panel(self) -> None:
        """F1: our own Dutch keys overview instead of Textual's English keys panel."""
        from .palette import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(self.screen, MAIN_SCREENS + OTHER_SCREENS))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies): say how to quit, in Dutch."""
        self.notify("Afsluiten doet u met ctrl+q.", title="Wilt u stoppen?")

    # -- import, export, documents, backup (from the palette on every screen) -------------------
    def run_task(self, title: str, job: Callable[[Store], tuple[bool, list[str]]]) -> None:
        """Run a core task in a worker; its Dutch lines become one notification."""

        def work() -> None:
            from examenbureau.core.store import StoreError

            try:
                ok, lines = job(self.get_store())
            except StoreError as exc:
                ok, lines = False, [str(exc)]
            except (ValueError, OSError) as exc:  # the core's Dutch messages, a file problem
                ok, lines = False, [str(exc)]
            except Exception as exc:  # a bug or a pack's error: never a crash, the trace logged
                from examenbureau.core.errorlog import write_error_log

                log = write_error_log(exc, ["TUI", title])
                ok, lines = False, [f"Onverwachte fout ({type(exc).__name__}): de opdracht is "
                                    f"niet afgerond. Details staan in {log}."]
            deliver(self, self._task_done, title, ok, lines)

        self.notify(f"{title}: bezig…", timeout=2)
        self.run_worker(work, thread=True, group="taak", name=title)

    def _task_done(self, title: str, ok: bool, lines: Sequence[str]) -> None:
        if len(lines) > LONG_REPORT_LINES:
            # taller than a notification can be at 80x24: a window that stays until closed
            from .screens.dialogs import ReportDialog

            self.push_screen(ReportDialog(title, lines, failed=not ok))
        else:
            self.notify("\n".join(lines) or "Klaar.", title=title,
                        severity="information" if ok else "error", timeout=12 if ok else 20)
        if ok:
            self.poll_changes()

    def _ask(self, title: str, fields: list[Field], then: Callable[[dict[str, str]], None],
             explanation: str = "") -> None:
        from .screens.dialogs import FormDialog

        def answered(values: dict[str, str] | None) -> None:
            if values:
                then(values)

        self.push_screen(FormDialog(title, fields, explanation=explanation), answered)

    def action_import(self, values: dict[str, str] | None = None, refused: str = "") -> None:
        """Ask for the file (and a reason); after a refusal by a closing act the same form
        comes back with the store's sentence on top and the reason required."""
        from . import tasks
        from .screens.dialogs import Field

        choices = [(f"{label} ({kind})", kind) for kind, label in tasks.IMPORT_KINDS.items()]
        given = values or {}

        def go(v: dict[str, str]) -> None:
            year = int(v["jaar"]) if v.get("jaar", "").isdigit() else None

            def job(store: Store) -> tuple[bool, list[str]]:
                try:
                    return tasks.import_one(store, v["soort"], v["pad"], year,
                                            user_reason=v.get("reden"))
                except tasks.ReasonNeeded as exc:
                    deliver(self, self.action_import, v, str(exc))
                    return False, [str(exc)]

            self.run_task("Importeren", job)

        explanation = ("Alles of niets: een bestand met één fout wordt geweigerd en er verandert "
                       "niets. Een reden is nodig als het bestand iets wijzigt dat is vastgesteld.")
        self._ask("Importeren", [
            Field("soort", "Soort bestand", choices=choices, value=given.get("soort", "")),
            Field("pad", "Bestand (pad)", placeholder="/pad/naar/bestand.csv",
                  value=given.get("pad", "")),
            Field("jaar", "Examenjaar (alleen voor Cito's DNT zonder kolom examenjaar)",
                  value=given.get("jaar", ""), required=False),
            Field("reden", "Reden (komt in het auditlog)", value=given.get("reden", ""),
                  placeholder="verplicht na vaststelling", required=bool(refused)),
        ], go, refused or explanation)

    def action_export(self) -> None:
        from . import tasks
        from .screens.dialogs import Field

        choices = [(label, what) for what, label in tasks.EXPORT_KINDS.items()]
        self._ask("Exporteren", [
            Field("wat", "Wat", choices=choices),
            Field("pad", "Naar bestand (.csv of .xlsx)", placeholder="/pad/naar/uitslag.xlsx"),
        ], lambda v: self.run_task("Exporteren", lambda store: tasks.export(
            store, v["wat"], v["pad"], self.exam_year)))

    def action_documents(self) -> None:
        from . import tasks
        from .screens.dialogs import Field

        choices = [(label, what) for what, label in tasks.DOCUMENT_KINDS.items()]
        self._ask("Documenten (PDF)", [
            Field("wat", "Document", choices=choices),
            Field("map", "Naar map", placeholder="/pad/naar/map"),
            Field("klas", "Alleen klas (leeg: de hele school)", required=False),
            Field("ook", "Ook kandidaten met een gat in het SE of zonder uitslag?",
                  value="nee", choices=[("nee, die worden genoemd en overgeslagen", "nee"),
                                        ("ja, ook die", "ja")]),
        ], lambda v: self.run_task("Documenten", lambda store: tasks.documents(
            store, v["wat"], v["map"], self.exam_year, v.get("klas"), v.get("ook") == "ja")))

    def action_backup(self) -> None:
        from . import tasks
        from .screens.dialogs import Field

        self._ask("Reservekopie", [
            Field("pad", "Naar map of nieuw bestand", placeholder="/pad/naar/kopieen/"),
            Field("reden", "Reden (komt in het auditlog)", required=False,
                  placeholder="bijvoorbeeld: kopie na vaststelling SE"),
        ], lambda v: self.run_task("Reservekopie", lambda store: tasks.backup(
            store, v["pad"], user_reason=v.get("reden"))),
            "Een consistente kopie, ook terwijl collega's werken. Een bestaand bestand wordt "
            "nooit overschreven.")

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every screen, every action of the current screen, the tasks, all in Dutch.

        Textual's English defaults (Theme, Keys, Screenshot, Maximize) are left out; the keys
        overview and the theme picker are offered under Dutch names."""
        from .palette import screen_bindings

        for binding in screen_bindings(screen):
            if not screen.check_action(binding.action.split("(", 1)[0], ()):
                continue            # a writing action for a reader: never offered
            keys = binding.key.replace(",", " of ")
            yield SystemCommand(f"{getattr(screen, 'TITLE', None) or 'Scherm'}: "
                                f"{binding.description}",
                                f"{binding.tooltip or binding.description} ({keys})",
                                lambda action=binding.action: screen.run_action(action))
        yield SystemCommand("Overzicht", "Schoolgegevens en aantallen kandidaten (F2)",
                            lambda: self.action_show("overzicht"))
        yield SystemCommand("Kandidaten", "Alle kandidaten, zoeken op naam, nummer of klas (F3)",
                            lambda: self.action_show("kandidaten"))
        yield SystemCommand("Uitslag", "De uitslag van iedere kandidaat (F4)",
                            lambda: self.show_results("alle"))
        yield SystemCommand("N-termen", "Examens met L en N-term; N-term invoeren (F6)",
                            lambda: self.action_show("ntermen"))
        yield SystemCommand("CE-scores", "Scores per vraag van 1e en 2e corrector invoeren (F7)",
                            lambda: self.action_show("ce-scores"))
        yield SystemCommand("Herkansingen", "Herkansingen aanvragen met het oordeel van het "
                            "regelpakket; lijsten per vak en toets (F8)",
                            lambda: self.action_show("herkansingen"))
        yield SystemCommand("Zitting", "Zittingen van een dag; mag deze kandidaat nog naar "
                            "binnen en tot wanneer (F9)", lambda: self.action_show("zitting"))
        yield SystemCommand("Statistieken", "CE-cijfers per vak, verschil SE-CE, slagingspercentages"
                            " (F11)", lambda: self.action_show("statistieken"))
        yield SystemCommand("Logboek", "Wie wijzigde wat, wanneer en waarom (F10)",
                            lambda: self.action_show("logboek"))
        from .filters import FILTERS

        for name, (title, help_text, _key) in FILTERS.items():
            if name == "alle":
                continue
            yield SystemCommand(f"Uitslag: {title}", help_text,
                                lambda name=name: self.show_results(name))
        yield SystemCommand("Uitslag opnieuw berekenen",
                            "Bereken de uitslag van alle kandidaten opnieuw",
                            self.compute_results)
        if not self.read_only:
            yield SystemCommand("Importeren", "Een bestand inlezen: kandidaten, PTA, "
                                "SE-resultaten, DNT, N-termen, CE-scores", self.action_import)
        yield SystemCommand("Exporteren", "Uitslag, SE-cijfers of het auditlog naar CSV/XLSX",
                            self.action_export)
        yield SystemCommand("Documenten", "SE-overzicht of cijferlijst als PDF per kandidaat",
                            self.action_documents)
        if not self.read_only:
            yield SystemCommand("Reservekopie", "Een consistente kopie van de database maken",
                                self.action_backup)
        yield SystemCommand("Toetsen", "Toon welke toetsen hier werken (F1)",
                            self.action_show_help_panel)
        yield SystemCommand("Kleuren", "Kies een ander kleurenschema", self.action_change_theme)
        yield SystemCommand("Stoppen", "examenbureau afsluiten (ctrl+q)", self.action_quit)


def run_app(db_path: str, first_read: FirstRead | None = None, *,
            resume_gc: bool = False) -> int:
    """Open the TUI on `db_path`; the exit status (0 after ctrl+q). `resume_gc`: the caller
    paused the cyclic garbage collector for the start; it runs again once the first screen
    is drawn (cli.open_tui)."""
    app = ExamenbureauApp(db_path, first_read=first_read)
    app.resume_gc = resume_gc
    app.after_paint_pause = AFTER_PAINT
    try:
        app.run()
    finally:
        app._stop_results_process()
    code = app.return_code
    return 0 if code is None else int(code)
