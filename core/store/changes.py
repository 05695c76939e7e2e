"""A cheap change counter: has anyone changed the school's database since I last looked?

Why: several secretaries each run their own process on one file, and an open screen must show a
colleague's import without a key press. Every write goes through the store in one transaction
together with its audit rows, so the highest audit id *is* a change counter that needs no table
of its own. Reading it still opens the file (and takes DuckDB's lock for a moment), so a screen
first looks at the file's size and modification time (`file_stamp`, no lock, no DuckDB) and only
asks the database when those moved. `changes_since` then says what changed, in Dutch, from the
same audit rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from ..wording import counted
from . import Store

# file_stamp lives in stamp.py (re-exported here): the TUI's first read asks it without attrs
from .stamp import change_counter
from .stamp import file_stamp as file_stamp

# The audit rows that say how a correction changed a candidate's result (not a stored table:
# results are computed; the row records what the secretary saw change, see core.corrections).
RESULTS = "results"

# What a table holds, as a secretary calls it (singular, plural).
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "candidates": ("kandidaat", "kandidaten"),
    "candidate_subjects": ("vak van een kandidaat", "vakken van kandidaten"),
    "pta_items": ("PTA-toets", "PTA-toetsen"),
    "se_results": ("SE-resultaat", "SE-resultaten"),
    "ce_exams": ("CE-examen (N-term, L)", "CE-examens (N-term, L)"),
    "ce_scores": ("CE-score", "CE-scores"),
    "ce_item_scores": ("CE-score per vraag", "CE-scores per vraag"),
    "ce_question_awards": ("besluit over een CE-vraag", "besluiten over CE-vragen"),
    "resit_requests": ("herkansingsaanvraag", "herkansingsaanvragen"),
    "sittings": ("zitting", "zittingen"),
    "incidents": ("melding bij een zitting", "meldingen bij zittingen"),
    "settings": ("instelling", "instellingen"),
    "pws_titles": ("titel van het profielwerkstuk", "titels van profielwerkstukken"),
    RESULTS: ("gevolg voor een uitslag", "gevolgen voor uitslagen"),
}
# Actions that are not changes of the school's data.
_NOT_DATA = ("migrate", "backup")
MAX_ROWS = 5000


def last_change(store: Store) -> int:
    """The id of the newest audit row: grows with every committed change, 0 for a new file."""
    with store.read() as con:
        return change_counter(con)


# Where the exam number sits in an audit row's key (the table's key columns joined by "/").
_NUMBER_AT: dict[str, int] = {"candidates": 1, "candidate_subjects": 1, "se_results": 1,
                              "pws_titles": 1,
                              "ce_scores": 2, "ce_item_scores": 2, RESULTS: 1}


@attrs.frozen
class Change:
    """One audited change as the live notice and the Logboek read it."""

    id: int
    at: datetime | None
    actor: str
    action: str
    table: str | None
    key: str | None
    field: str | None
    old: str | None
    new: str | None
    reason: str | None
    source: str | None
    display_name: str | None = None

    @property
    def who(self) -> str:
        """The account, with the name the person gave beside it: `marieke [mdevries]`. The
        account is the operating system's and decides; the name is only for reading."""
        return who(self.actor, self.display_name)

    @property
    def exam_number(self) -> str | None:
        """The candidate a row belongs to, when its table is keyed by (exam year, number)."""
        position = _NUMBER_AT.get(self.table or "")
        if position is None or not self.key:
            return None
        parts = self.key.split("/")
        return parts[position] if len(parts) > position else None


_COLUMNS = ("id, changed_at, actor, action, table_name, row_key, field, old_value, new_value, "
            "reason, source, display_name")


def who(actor: str, display_name: str | None) -> str:
    """`marieke [mdevries]` when a display name was given, else the account."""
    return f"{display_name} [{actor}]" if display_name and display_name != actor else actor


def changes_since(store: Store, after_id: int, *, limit: int = MAX_ROWS) -> list[Change]:
    """The audit rows after `after_id`, oldest first (at most `limit`)."""
    with store.read() as con:
        rows = con.execute(f"SELECT {_COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                           [after_id, limit]).fetchall()
    return [Change(*r) for r in rows]


def describe(changes: Sequence[Change], *, ignore_sources: Iterable[str] = ()) -> str | None:
    """One Dutch sentence on what others changed, or None when nothing of the data changed.

    "Gewijzigd door marieke (import se-results: se_grades.csv): 12 SE-resultaten,
    kandidaten 5040 en 5041." Rows whose `source` is in `ignore_sources` (this process's own
    writes) are left out.
    """
    ignored = set(ignore_sources)
    rows = [c for c in changes if c.action not in _NOT_DATA and c.source not in ignored]
    if not rows:
        return None
    actors = sorted({c.who for c in rows})
    sources = sorted({c.source for c in rows if c.source})
    # one change of a row may be several audit rows (one per field): count rows, not fields
    per_table: Counter[str] = Counter()
    seen: set[tuple[str | None, str | None, str]] = set()
    for c in rows:
        marker = (c.table, c.key, c.action)
        if c.table is None or marker in seen:
            continue
        seen.add(marker)
        per_table[c.table] += 1
    parts = []
    for table, n in per_table.most_common():
        one, many = TABLE_WORDS.get(table, (table, table))
        parts.append(counted(n, one, many))
    numbers = sorted({c.exam_number for c in rows if c.exam_number})
    names = ", ".join(actors)
    head = f"Gewijzigd door {names}"
    if sources:
        head += f" ({', '.join(sources[:2])}{' …' if len(sources) > 2 else ''})"
    text = head + (": " + ", ".join(parts) if parts else "")
    if numbers:
        shown = ", ".join(numbers[:5]) + (f" en {len(numbers) - 5} meer" if len(numbers) > 5 else "")
        text += f"; {'kandidaat' if len(numbers) == 1 else 'kandidaten'} {shown}"
    return text + "."


def affected_candidates(changes: Sequence[Change]) -> set[str]:
    """Exam numbers whose stored facts changed (an exam or setting change affects many: see
    `touches_everyone`)."""
    return {c.exam_number for c in changes if c.exam_number}


def touches_everyone(changes: Sequence[Change]) -> bool:
    """True when a change can alter many candidates' results at once (N-term, PTA, settings)."""
    return any(c.table in ("ce_exams", "pta_items", "settings", "ce_question_awards")
               or (c.table is None and c.action not in _NOT_DATA) for c in changes)
