"""Table columns that follow the terminal's width.

Why: with fixed widths a name is cut off ("Broeckhoven, Björn van d") at 100 columns while the
space to its right stays empty. One column per table is flexible (the name): it takes what the
fixed columns leave, never less than its minimum.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import DataTable

SCROLLBAR = 2


def set_columns(table: DataTable, columns: Sequence[tuple[str, str, int]], flexible: str,
                width: int | None = None) -> None:
    """Empty the table; (re)create its columns (label, key, width) only when the width changed.

    `flexible` gets the width the others leave: of `width`, by default the width of the
    table's screen (of the app before the screen has its size). Recreating columns on every
    keystroke of a filter made the list of 20,000 candidates narrow slowly while the results
    were computed.
    """
    if width is None:
        width = table.screen.size.width or table.app.size.width
    layout = (tuple(columns), flexible, width)
    if getattr(table, "_eb_layout", None) == layout:
        table.clear()
        return
    table._eb_layout = layout  # type: ignore[attr-defined]
    padding = 2 * table.cell_padding
    fixed = sum(w + padding for _label, key, w in columns if key != flexible)
    table.clear(columns=True)
    for label, key, w in columns:
        if key == flexible:
            w = max(w, width - fixed - padding - SCROLLBAR)
        table.add_column(label, key=key, width=w)
