"""Textual's Select with its one visible English text in Dutch.

Why: while a choice list is open, the footer shows the list's own key, which Textual calls
"Dismiss menu"; a secretary reads Dutch everywhere. The overlay's bindings are merged when the
class is made, so they are merged again here (a test on the open Status list guards it). The
screens import Select from this module, not from textual.widgets.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "Menu sluiten")]
SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()

__all__ = ["Select"]
