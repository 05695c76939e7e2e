"""The top line of every screen: where you are and the keys to the other main screens.

Why not Textual's Header plus footer keys: at 80 columns the footer cannot hold the keys of a
screen *and* the keys to every other screen. The navigation keys live here instead, one line,
the current screen highlighted; the footer keeps the keys of the screen itself.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

# (mode, key, title); the same keys as ExamenbureauApp.BINDINGS. F5 is "read again" on
# every screen, so the main screens skip it.
MAIN_SCREENS: list[tuple[str, str, str]] = [
    ("overzicht", "F2", "Overzicht"),
    ("kandidaten", "F3", "Kandidaten"),
    ("uitslag", "F4", "Uitslag"),
    ("ntermen", "F6", "N-termen"),
    ("ce-scores", "F7", "CE-scores"),
    ("herkansingen", "F8", "Herkansingen"),
    ("zitting", "F9", "Zitting"),
    ("logboek", "F10", "Logboek"),
]
# Reached by key and palette, not shown in the top line (80 columns hold nine screens).
OTHER_SCREENS: list[tuple[str, str, str]] = [
    ("statistieken", "F11", "Statistieken"),
]
# What a reader's top line starts with (tui.app: the role comes from core.store.roles).
READ_ONLY = "alleen lezen"
# Shorter titles when the full line does not fit (80 columns).
SHORT = {"Overzicht": "Overz.", "Kandidaten": "Kand.", "Uitslag": "Uitsl.",
         "N-termen": "N-term", "CE-scores": "CE", "Zitting": "Zitt.", "Herkansingen": "Herk.",
         "Logboek": "Log"}


class NavBar(Widget):
    """'examenbureau  F2 Overzicht  F3 Kandidaten  F4 Uitslag  › detail'."""

    DEFAULT_CSS = """
    NavBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, detail: str | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.detail = detail

    def set_detail(self, detail: str | None) -> None:
        self.detail = detail
        self.refresh()

    def render(self) -> Text:
        """Drawn from the current mode and width every time (never a stale or empty line in
        the first frame): full names when they fit, short ones when not, only the keys of
        the other screens when even that does not fit (a reader's line starts with
        "alleen lezen", which must always show)."""
        width = self.size.width or self.app.size.width or 80
        text = self._line(self.detail, short=False)
        if text.cell_len > width:
            text = self._line(self.detail, short=True)
        if text.cell_len > width:
            text = self._line(self.detail, short=True, keys_only=True)
        return text

    def _line(self, detail: str | None, *, short: bool, keys_only: bool = False) -> Text:
        active = self.app.current_mode
        text = Text(no_wrap=True, overflow="ellipsis")
        if getattr(self.app, "read_only", False):
            text.append(f" {READ_ONLY} ", style="bold reverse")
            text.append(" ")
        if not short:
            text.append(" examenbureau ", style="bold")
        gap = " " if short else "  "
        for i, (mode, key, title) in enumerate(MAIN_SCREENS):
            # where it is narrow, the other screens get short names; this one keeps its name
            name = SHORT.get(title, title) if short and mode != active else title
            if keys_only and mode != active:
                name = ""
            text.append(gap if i or not short else "")
            if mode == active:
                text.append(f"[{key} {name}]", style="reverse bold")
            else:
                text.append(key, style="bold")
                if name:
                    text.append(f" {name}")
        if detail:
            text.append(f" › {detail}", style="italic")
        return text
