"""The Textual application: screens render what `examenbureau.core` returns."""

# Installed, this folder is only ever `examenbureau.tui`; a bare `tui` on sys.path (for
# instance when Python is started from the repository root) must not import, or two copies of
# the same module could exist side by side.
if __name__ != "examenbureau.tui":  # pragma: no cover - exercised by a subprocess test
    raise ImportError("importeer dit als examenbureau.tui, niet als 'tui'")
