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
                width: int) -> None:
    """(Re)create the columns (label, key, width); `flexible` gets the width left over."""
    padding = 2 * table.cell_padding
    fixed = sum(w + padding for _label, key, w in columns if key != flexible)
    table.clear(columns=True)
    for label, key, w in columns:
        if key == flexible:
            w = max(w, width - fixed - padding - SCROLLBAR)
        table.add_column(label, key=key, width=w)
