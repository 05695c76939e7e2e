"""The one way a screen changes a stored fact: form, preview of what changes, reason, save.

Why one dialog for SE results, N-terms and the rest: the secretary must always see the old and
the new value and which results change *before* saving, must always give a reason, and a value
a colleague changed meanwhile is always refused with both values shown. The preview is the real
results engine on the changed data in a rolled-back transaction (`core.corrections.preview`),
recomputed in a worker after each change of the form; saving (`core.corrections.save`) does
exactly that and commits. Subclasses only lay out their fields and build the `Correction`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from examenbureau.core import corrections
from examenbureau.core.corrections import CorrectionError, Outcome, StaleEditError
from examenbureau.core.store import StoreError

from ..dutch_select import Select
from .base import deliver


class CorrectionDialog(ModalScreen[Outcome | None]):
    """Change one row; dismissed with the saved Outcome, or None when cancelled."""

    DEFAULT_CSS = """
    CorrectionDialog { align: center middle; }
    CorrectionDialog > VerticalScroll {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        background: $panel; padding: 0 1; border: round $primary;
    }
    CorrectionDialog Horizontal { height: auto; }
    CorrectionDialog Horizontal > Label { width: 14; }
    CorrectionDialog Horizontal > Input, CorrectionDialog Horizontal > Select { width: 1fr; }
    CorrectionDialog #voorbeeld { margin-top: 1; height: auto; }
    CorrectionDialog #fout { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuleren"),
        Binding("ctrl+s", "save", "Opslaan", tooltip="Opslaan met de reden (ook: enter in Reden)"),
    ]
    SOURCE = "Scherm"          # the audit source names the screen the change came from

    def __init__(self, heading: Text | str) -> None:
        super().__init__()
        self.heading = heading
        self.outcome: Outcome | None = None
        self.warnings: list[str] = []
        self._untouched: tuple[Any, ...] | None = None   # the fields as the form opened

    # -- what a subclass provides ------------------------------------------------------------
    def compose_fields(self) -> ComposeResult:
        """The fields of the form (Inputs and Selects with ids)."""
        yield from ()

    def correction(self) -> corrections.Correction:
        """The correction the form describes; CorrectionError when it cannot be one."""
        raise NotImplementedError

    # -- the form ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.heading)
            yield from self.compose_fields()
            with Horizontal():
                yield Label("Reden")
                yield Input(placeholder="waarom (komt in het logboek)", id="reden", compact=True)
            yield Static("", id="voorbeeld")
            yield Static("", id="fout")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        first = self.query(Input).first()
        first.focus()
        self._untouched = self._form_state()
        self._preview()

    def _form_state(self) -> tuple[Any, ...]:
        return tuple((w.id, w.value) for w in self.query("Input, Select") if w.id != "reden")

    def field(self, widget_id: str) -> str:
        widget = self.query_one(f"#{widget_id}")
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        return str(widget.value)  # type: ignore[attr-defined]

    @on(Input.Changed)
    @on(Select.Changed)
    def _form_changed(self, event: Any) -> None:
        if getattr(event, "input", None) is not None and event.input.id == "reden":
            return
        self._preview()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "reden":
            self.action_save()
        else:
            self.focus_next()

    def _preview(self) -> None:
        try:
            correction = self.correction()
        except CorrectionError as exc:
            # a new form as it opened is not an error yet: saving it says why not
            untouched = self._form_state() == self._untouched
            self._show(None, None if untouched else str(exc))
            return
        app: Any = self.app

        def job() -> None:
            try:
                outcome, problem = corrections.preview(app.get_store(), correction), None
            except (StoreError, CorrectionError) as exc:
                outcome, problem = None, str(exc)
            deliver(app, self._show, outcome, problem)

        self.run_worker(job, thread=True, exclusive=True, group="voorbeeld")

    def _show(self, outcome: Outcome | None, problem: str | None) -> None:
        self.outcome = outcome
        box = self.query_one("#voorbeeld", Static)
        if outcome is None:
            box.update("")
        else:
            text = Text()
            text.append("Wat verandert\n", style="bold")
            for line in outcome.value_lines():
                text.append(f"  {line}\n")
            text.append("Gevolg voor de uitslag\n", style="bold")
            for line in outcome.result_lines():
                text.append(f"  {line}\n")
            for line in self.warnings:
                text.append(f"  ! {line}\n", style="yellow")
            box.update(text)
        self.query_one("#fout", Static).update(problem or "")

    # -- keys ------------------------------------------------------------------------------------
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        reason = self.query_one("#reden", Input).value
        try:
            correction = self.correction()
        except CorrectionError as exc:
            self._show(self.outcome, str(exc))
            return
        if not reason.strip():
            self._show(self.outcome, "Geef een reden: die komt in het logboek bij deze wijziging.")
            self.query_one("#reden", Input).focus()
            return
        app: Any = self.app
        source = app.write_source(self.SOURCE) if hasattr(app, "write_source") else self.SOURCE

        def job() -> None:
            try:
                outcome = corrections.save(app.get_store(), correction, reason, source=source)
            except StaleEditError as exc:
                deliver(app, self._refused, str(exc))
                return
            except (StoreError, CorrectionError) as exc:
                deliver(app, self._show, self.outcome, str(exc))
                return
            deliver(app, self.dismiss, outcome)

        self.run_worker(job, thread=True, exclusive=True, group="opslaan")

    def _refused(self, message: str) -> None:
        """Stale edit: say both values; nothing was stored."""
        self.query_one("#voorbeeld", Static).update("")
        self.query_one("#fout", Static).update(Text("Niet opgeslagen. " + message))


def row(label: str, widget: Any) -> Horizontal:
    """A label and its field on one line."""
    return Horizontal(Label(label), widget)
