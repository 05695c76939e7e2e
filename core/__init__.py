"""The domain: grades arithmetic, model, rule-pack contract, storage, operations.

Never imports Textual or a rule pack (tests/core/test_layers.py proves it).
"""

# Installed, this folder is only ever `examenbureau.core`; a bare `core` on sys.path (for
# instance when Python is started from the repository root) must not import, or two copies of
# the same module could exist side by side.
if __name__ != "examenbureau.core":  # pragma: no cover - exercised by a subprocess test
    raise ImportError("importeer dit als examenbureau.core, niet als 'core'")
