"""Command palette provider: open any candidate by typing part of the name or number.

Why: ctrl+p is the one place from which everything is reachable; a secretary who knows a name
should not have to go through the list screen first. The candidates are read once when the
palette opens (one short connection, in a thread) and matched in memory like the list screen.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import Hit, Hits, Provider

from .data import CandidateRow, filter_words, load_candidates

if TYPE_CHECKING:
    from .app import ExamenbureauApp

MAX_HITS = 12


class CandidateProvider(Provider):
    """'Kandidaat: Bakker, Chloë (1001, vwo 6A)' for every candidate matching the query."""

    rows: list[CandidateRow]

    async def startup(self) -> None:
        from examenbureau.core.store import StoreError

        app: ExamenbureauApp = self.app  # type: ignore[assignment]
        try:
            self.rows = await asyncio.to_thread(
                lambda: load_candidates(app.get_store(), app.exam_year))
        except StoreError:
            self.rows = []  # the screens already say the database is busy

    async def search(self, query: str) -> Hits:
        words = filter_words(query)
        if not words or len("".join(words)) < 2:
            return
        app: ExamenbureauApp = self.app  # type: ignore[assignment]
        found = 0
        for row in self.rows:
            if not row.matches(words):
                continue
            title = f"Kandidaat: {row.name} ({row.exam_number})"
            klas = f" {row.class_name}" if row.class_name else ""
            yield Hit(
                score=0.9 if row.name.casefold().startswith(words[0]) else 0.5,
                match_display=Text(title),
                command=partial(app.open_candidate, row.exam_year, row.exam_number),
                text=title,
                help=f"{row.school_type} {row.sub_type}{klas}".replace("  ", " ").strip(),
            )
            found += 1
            if found >= MAX_HITS:
                return
