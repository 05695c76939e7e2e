"""The Uitslag screen's filters, in a module of their own so the palette can list them
without importing the screen (the app starts faster when screens load on first use)."""

from __future__ import annotations

# name -> (title, help for the command palette, key)
FILTERS: dict[str, tuple[str, str, str]] = {
    "alle": ("alle kandidaten", "Toon de uitslag van alle kandidaten", "t"),
    "afgewezen": ("afgewezen", "Alleen de afgewezen kandidaten", "a"),
    "open": ("nog niet te bepalen", "Kandidaten van wie de uitslag nog niet te bepalen is",
             "b"),
    "cum_laude": ("cum laude", "Kandidaten die cum laude geslaagd zijn", "c"),
    "geslaagd": ("geslaagd", "Alleen de geslaagde kandidaten", "g"),
}
