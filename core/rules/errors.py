"""The one exception of the rules engine's public entry point."""

from __future__ import annotations


class CalcInputError(ValueError):
    """A request the engine cannot answer: a missing or invalid field, an unknown op or pack.

    The message is a Dutch sentence that names the field and what was expected; `calc` sends
    it back as `{"ok": false, "error": ...}`. Missing FACTS (a CE grade not known yet) are not
    errors: they make a decision "nog niet te bepalen" (see `examenbureau.core.reasons.Missing`).
    """
