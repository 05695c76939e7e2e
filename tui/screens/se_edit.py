"""Change one SE result in place: the form, the preview of what changes, the reason, save.

Why a dialog of its own: the secretary must see the old and the new value and which results
change *before* saving, and must give a reason. The preview is the real results engine run on
the changed data in a transaction that is rolled back (`core.corrections.preview`), computed in
a worker after each change of the form; saving (`core.corrections.save`) does exactly that and
commits. A value a colleague changed meanwhile is refused with both values shown.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, Static

from examenbureau.core import corrections
from examenbureau.core.corrections import CorrectionError, Outcome, StaleEditError
from examenbureau.core.store import StoreError

from .base import deliver

STATUS_CHOICES = [("geen", ""), ("niet gemaakt", "niet_gemaakt"), ("vrijstelling", "vrijstelling"),
                  ("onregelmatigheid", "onregelmatigheid")]
ATTEMPT_CHOICES = [("afname", "afname"), ("inhaal", "inhaal"), ("herkansing", "herkansing")]


class SeEditDialog(ModalScreen[Outcome | None]):
    """Edit (or add) one SE attempt of one candidate; dismissed with the saved Outcome."""

    DEFAULT_CSS = """
    SeEditDialog { align: center middle; }
    SeEditDialog > VerticalScroll {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        background: $panel; padding: 0 1; border: round $primary;
    }
    SeEditDialog Horizontal { height: auto; }
    SeEditDialog Horizontal > Label { width: 14; }
    SeEditDialog Horizontal > Input, SeEditDialog Horizontal > Select { width: 1fr; }
    SeEditDialog #se-voorbeeld { margin-top: 1; height: auto; }
    SeEditDialog #se-fout { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuleren"),
        Binding("ctrl+s", "save", "Opslaan", tooltip="Opslaan met de reden (ook: enter in Reden)"),
    ]

    def __init__(self, *, exam_year: int, exam_number: str, name: str, subject: str,
                 test_code: str, description: str, attempt: str, seq: int,
                 current: Any | None, new_attempt: bool = False) -> None:
        super().__init__()
        self.exam_year, self.exam_number, self.cand_name = exam_year, exam_number, name
        self.subject, self.test_code, self.description = subject, test_code, description
        self.attempt, self.seq = attempt, seq
        self.current = current               # SeAttempt or None (a new attempt)
        self.new_attempt = new_attempt
        self.outcome: Outcome | None = None
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        c = self.current
        grade_text = format(c.grade, "f").replace(".", ",") if c is not None and c.grade else ""
        with VerticalScroll():
            head = Text()
            head.append(f"{self.cand_name} ({self.exam_number})", style="bold")
            head.append(f" · {self.subject} {self.test_code} {self.description}".rstrip())
            yield Static(head)
            if self.new_attempt:
                with Horizontal():
                    yield Label("Poging")
                    yield Select(ATTEMPT_CHOICES, value=self.attempt, allow_blank=False,
                                 id="se-poging", compact=True)
            else:
                yield Static(f"Poging: {self.attempt}" + (f" {self.seq}" if self.seq != 1 else "")
                             + (f" · versie {c.row_version}" if c is not None else ""))
            with Horizontal():
                yield Label("Cijfer")
                yield Input(grade_text, placeholder="bijv. 6,4", id="se-cijfer", compact=True)
            with Horizontal():
                yield Label("Beoordeling")
                yield Input((c.assessment or "") if c is not None else "", compact=True,
                            placeholder="voldaan, goed, voldoende, …", id="se-beoordeling")
            with Horizontal():
                yield Label("Status")
                yield Select(STATUS_CHOICES, value=(c.status or "") if c is not None else "",
                             allow_blank=False, id="se-status", compact=True)
            with Horizontal():
                yield Label("Reden")
                yield Input(placeholder="waarom (komt in het logboek)", id="se-reden",
                            compact=True)
            yield Static("", id="se-voorbeeld")
            yield Static("", id="se-fout")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#se-cijfer", Input).focus()
        self._preview()

    # -- the correction the form describes ---------------------------------------------------
    def correction(self) -> corrections.Correction:
        values = corrections.se_values(
            self.query_one("#se-cijfer", Input).value,
            self.query_one("#se-beoordeling", Input).value,
            str(self.query_one("#se-status", Select).value or ""))
        attempt = self.attempt
        if self.new_attempt:
            attempt = str(self.query_one("#se-poging", Select).value)
        version = self.current.row_version if self.current is not None else None
        return corrections.se_correction(self.exam_year, self.exam_number, self.subject,
                                         self.test_code, attempt, self.seq, values, version)

    @on(Input.Changed)
    @on(Select.Changed)
    def _form_changed(self, event: Any) -> None:
        if getattr(event, "input", None) is not None and event.input.id == "se-reden":
            return
        self._preview()

    def _preview(self) -> None:
        try:
            correction = self.correction()
        except CorrectionError as exc:
            self._show(None, str(exc))
            return
        app: Any = self.app

        def job() -> None:
            try:
                outcome, problem = corrections.preview(app.get_store(), correction), None
            except (StoreError, CorrectionError) as exc:
                outcome, problem = None, str(exc)
            deliver(app, self._show, outcome, problem)

        self.run_worker(job, thread=True, exclusive=True, group="se-voorbeeld")

    def _show(self, outcome: Outcome | None, problem: str | None) -> None:
        self.outcome, self.problem = outcome, problem
        box = self.query_one("#se-voorbeeld", Static)
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
            box.update(text)
        self.query_one("#se-fout", Static).update(problem or "")

    # -- keys ------------------------------------------------------------------------------------
    @on(Input.Submitted, "#se-reden")
    def _reason_entered(self) -> None:
        self.action_save()

    @on(Input.Submitted, "#se-cijfer, #se-beoordeling")
    def _next_field(self) -> None:
        self.focus_next()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        reason = self.query_one("#se-reden", Input).value
        try:
            correction = self.correction()
        except CorrectionError as exc:
            self._show(self.outcome, str(exc))
            return
        if not reason.strip():
            self._show(self.outcome, "Geef een reden: die komt in het logboek bij deze wijziging.")
            self.query_one("#se-reden", Input).focus()
            return
        app: Any = self.app
        source = app.write_source("Kandidaat") if hasattr(app, "write_source") else "TUI"

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

        self.run_worker(job, thread=True, exclusive=True, group="se-opslaan")

    def _refused(self, message: str) -> None:
        """Stale edit: say both values; the user closes and opens the row again."""
        self.query_one("#se-voorbeeld", Static).update("")
        self.query_one("#se-fout", Static).update(Text("Niet opgeslagen. " + message))
