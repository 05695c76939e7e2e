"""Rule packs shipped with examenbureau, each registered through the entry-point group `examenbureau.rulepacks`."""

# Installed, this folder is only ever `examenbureau.plugins`; a bare `plugins` on sys.path (for
# instance when Python is started from the repository root) must not import, or two copies of
# the same module could exist side by side.
if __name__ != "examenbureau.plugins":  # pragma: no cover - exercised by a subprocess test
    raise ImportError("importeer dit als examenbureau.plugins, niet als 'plugins'")
