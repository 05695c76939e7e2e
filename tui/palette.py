"""The command palette and the keys overview, in Dutch.

Why our own subclass: Textual's palette says "Search for commands…", "No matches found" and
"Exit the command palette", and its keys panel lists every widget binding in English ("Move
cursor left"). A secretary reads Dutch everywhere, so the palette's texts are replaced here and
the keys panel is our own screen (`KeysScreen`) listing what works on the current screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.align import Align
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

NO_MATCHES = "Niets gevonden: typ een deel van een schermnaam, opdracht, naam of examennummer."


class Palette(CommandPalette):
    """Textual's command palette with Dutch texts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+end, shift+end", "command_list('last')", "Naar de laatste", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "Naar de eerste", show=False),
        Binding("down", "cursor_down", "Volgende", show=False),
        Binding("escape", "escape", "Sluiten"),
        Binding("pagedown", "command_list('page_down')", "Pagina omlaag", show=False),
        Binding("pageup", "command_list('page_up')", "Pagina omhoog", show=False),
        Binding("up", "command_list('cursor_up')", "Vorige", show=False),
    ]

    def __init__(self, *, placeholder: str = "Zoek een scherm, opdracht of kandidaat…",
                 **kwargs: Any) -> None:
        super().__init__(placeholder=placeholder, **kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with a Dutch line (the method is private: a test guards it)."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(NO_MATCHES, style="not bold")), disabled=True,
                    id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


# Keys every screen understands, described once (Textual's own descriptions are English).
GENERAL_KEYS: list[tuple[str, str]] = [
    ("ctrl+p", "Opdrachten: elk scherm, elke opdracht, een kandidaat op naam of nummer"),
    ("tab / shift+tab", "Naar het volgende / vorige veld"),
    ("↑ ↓ pgup pgdn", "Door een lijst of tekst bewegen"),
    ("enter", "Kiezen, openen of bevestigen"),
    ("escape", "Terug of sluiten"),
    ("f1", "Deze toetsen"),
    ("ctrl+q", "examenbureau afsluiten"),
]


def screen_bindings(screen: Screen[Any]) -> Iterable[Binding]:
    """The bindings our own screen classes declare (not Textual's English base bindings),
    each action once, only those with a description."""
    seen: set[str] = set()
    for cls in type(screen).__mro__:
        if not cls.__module__.startswith("examenbureau."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            yield binding


class KeysScreen(ModalScreen[None]):
    """Which keys work here, in Dutch: the screen's own, the main screens and the general."""

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        background: $panel; padding: 0 1; border: round $primary;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Sluiten"),
    ]

    def __init__(self, screen: Screen[Any], main_screens: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.for_screen = screen
        self.main_screens = main_screens

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._table(), id="toetsen")
        yield Footer(compact=True)

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        title = getattr(self.for_screen, "TITLE", None) or "dit scherm"
        table.add_row(Text(f"Toetsen op {title}", style="bold underline"), "")
        own = list(screen_bindings(self.for_screen))
        for binding in own:
            keys = binding.key_display or " / ".join(
                self.app.get_key_display(Binding(k.strip(), binding.action))
                for k in binding.key.split(","))
            text = binding.description + (f" — {binding.tooltip}" if binding.tooltip else "")
            table.add_row(keys, text)
        if not own:
            table.add_row("", "Geen eigen toetsen.")
        table.add_row("", "")
        table.add_row(Text("Schermen", style="bold underline"), "")
        for _mode, key, name in self.main_screens:
            table.add_row(key, name)
        table.add_row("", "")
        table.add_row(Text("Overal", style="bold underline"), "")
        for key, text in GENERAL_KEYS:
            table.add_row(key, text)
        return table
