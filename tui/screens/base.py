"""What every screen shares: reading the store in a worker thread, and saying so when it fails.

Why: a screen must stay responsive while DuckDB opens the file (which may wait for another
secretary's process), and it must never keep a connection. So every read runs in a thread
worker that opens, reads and closes (see `examenbureau.tui.data`) and hands plain objects back
to the screen on the main thread. A busy or broken database becomes a Dutch message on the
screen and a notification, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.message import Message
from textual.screen import Screen
from textual.worker import NoActiveWorker, get_current_worker

if TYPE_CHECKING:
    from examenbureau.core.store import Store, StoreError
    from examenbureau.core.store.changes import Change
    from examenbureau.tui.app import ExamenbureauApp

T = TypeVar("T")


class Deliver(Message):
    """A worker's answer for the main thread: `callback(*args)` runs in the app's loop."""

    def __init__(self, callback: Callable[..., Any], args: tuple[Any, ...], tries: int = 0) -> None:
        super().__init__()
        self.callback = callback
        self.args = args
        self.tries = tries          # how often it waited for its screen to finish composing


def deliver(app: Any, callback: Callable[..., Any], *args: Any) -> None:
    """Run `callback(*args)` on the main thread, without waiting for it.

    Why not `App.call_from_thread`: it waits for the answer without a timeout, so a worker
    that finishes just as the app quits waits forever, and Python waits for that thread at
    exit: ctrl+q left the process hanging (seen under load in the pty test). A message is
    posted and forgotten; after the app is gone it is simply dropped.
    """
    try:
        worker = get_current_worker()
    except NoActiveWorker:
        worker = None
    if worker is not None and worker.is_cancelled:
        return
    app.post_message(Deliver(callback, args))


class StoreScreen(Screen[None]):
    """A screen that reads the store in background workers."""

    # The actions that write to the school's file: hidden from the footer and the palette for
    # an account that may only read (core.store.roles), so no edit is offered that the store
    # would refuse.
    WRITES: ClassVar[frozenset[str]] = frozenset()

    @property
    def eb_app(self) -> ExamenbureauApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        """Every screen hears what changed in the database (live), also while covered, and
        the account's role once it is known."""
        signal = getattr(self.app, "data_changed", None)
        if signal is not None:
            signal.subscribe(self, self.data_changed)
        role = getattr(self.app, "role_known", None)
        if role is not None:
            role.subscribe(self, self.role_known)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.WRITES and getattr(self.app, "read_only", False):
            return False
        return True

    def role_known(self, _role: str) -> None:
        """The top line says "alleen lezen"; the footer drops the writing keys."""
        for nav in self.query("NavBar"):
            nav.refresh()
        self.refresh_bindings()

    def data_changed(self, changes: list[Change]) -> None:
        """Someone (here or in another process) changed the database: read again.

        The default reloads the whole screen when it can; a screen that knows which changes
        concern it overrides this."""
        reload = getattr(self, "action_reload", None)
        if reload is not None:
            reload()

    def read_in_background(self, read: Callable[[Store], T], on_done: Callable[[T], None],
                           *, group: str) -> None:
        """Run `read(store)` in a thread; `on_done(result)` on the main thread when it worked.

        One worker per group at a time (`exclusive`): typing fast or pressing refresh twice
        cancels the stale read instead of painting old data over new.
        """
        app = self.eb_app

        def job() -> None:
            from examenbureau.core.store import StoreError

            try:
                data = read(app.get_store())
            except StoreError as exc:
                deliver(app, self._read_failed, exc)
                return
            except Exception as exc:  # never a traceback on a secretary's screen
                deliver(app, self.show_problem,
                        f"Lezen mislukt ({type(exc).__name__}: {exc}). Probeer F5; blijft het, "
                        "meld het dan met deze tekst.")
                return
            deliver(app, on_done, data)

        self.run_worker(job, thread=True, exclusive=True, group=group, name=group)

    def _read_failed(self, exc: StoreError) -> None:
        self.eb_app.show_store_error(exc)
        self.show_problem(self.eb_app.store_error_text(exc))

    def show_problem(self, text: str) -> None:
        """Screens override this to show a read problem in place of their content."""
