"""Small forms on top of a screen: a file to import, a file to export to, a reason to give.

Why modal forms and not a file browser: over SSH a secretary types or pastes a path; the form
asks only what the command needs (kind, path, class), in Dutch, keyboard only (tab between
fields, enter to go, escape to cancel), and hands the answers back to the caller, which runs
the core function in a worker. The form itself decides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import attrs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from ..dutch_select import Select


@attrs.frozen
class Field:
    """One question of a form: an Input, or a Select when `choices` are given."""

    name: str
    label: str
    placeholder: str = ""
    value: str = ""
    choices: Sequence[tuple[str, str]] = ()     # (label, value)
    required: bool = True


class FormDialog(ModalScreen[dict[str, str] | None]):
    """Ask a few things; dismiss with {name: value} on enter, None on escape."""

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        background: $panel; padding: 0 1; border: round $primary;
    }
    FormDialog Label { margin-top: 1; }
    FormDialog #form-uitleg { color: $text-muted; }
    FormDialog #form-fout { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuleren"),
        Binding("ctrl+s", "submit", "Uitvoeren"),
    ]

    def __init__(self, title: str, fields: Sequence[Field], *, explanation: str = "") -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.explanation = explanation

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.form_title, classes="title")
            if self.explanation:
                yield Static(self.explanation, id="form-uitleg")
            for f in self.fields:
                yield Label(f.label)
                if f.choices:
                    yield Select(list(f.choices), prompt="Kies…", id=f"veld-{f.name}",
                                 value=f.value if f.value else Select.NULL, compact=True)
                else:
                    yield Input(value=f.value, placeholder=f.placeholder, id=f"veld-{f.name}",
                                compact=True)
            yield Static("", id="form-fout")
        yield Footer(compact=True)

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            widget = self.query_one(f"#veld-{f.name}")
            if isinstance(widget, Select):
                value: Any = widget.value
                out[f.name] = "" if value is Select.NULL else str(value)
            else:
                out[f.name] = widget.value.strip()  # type: ignore[attr-defined]
        return out

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        values = self.values()
        empty = [f.label for f in self.fields if f.required and not values[f.name]]
        if empty:
            self.query_one("#form-fout", Static).update("Nog in te vullen: " + ", ".join(empty))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportDialog(ModalScreen[None]):
    """The whole answer of a task that is too long for a notification, to read and close.

    Why: at 80x24 the list of candidates a document left out made the notification taller
    than the screen, so its first lines (how many PDF's, where the file to print is) were
    never shown, and the list vanished after a few seconds."""

    DEFAULT_CSS = """
    ReportDialog { align: center middle; }
    ReportDialog > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        background: $panel; padding: 0 1; border: round $primary;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Sluiten"),
    ]

    def __init__(self, title: str, lines: Sequence[str], *, failed: bool = False) -> None:
        super().__init__()
        self.report_title = title
        self.lines = list(lines)
        self.failed = failed

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.report_title, style="bold red" if self.failed else "bold"))
            yield Static(Text("\n".join(self.lines)))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
