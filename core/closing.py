"""The secretary's formal acts: closing the SE, establishing the result of a tijdvak.

Why acts and not dates: the law gives deadlines (the SE is closed before the first CE sitting,
WVO art. 2.55 lid 2; the result is established after the sitting, Uitvoeringsbesluit WVO 2020
art. 3.33), but a school closes when its secretary says so, and that moment must be recorded,
not guessed from the clock. So the dates are shown ahead as deadlines (`deadlines`), and what
is frozen is decided by the acts alone (`closings` table; what each freezes: store/freeze.py).

After an act, a change to what it froze needs a person's reason; the change is then stored,
audited and marked "gewijzigd na vaststelling" wherever it shows: `changes_after_closing` is the
one function screens, exports and documents ask.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

import attrs
import duckdb

from .store import Store, StoreError, Transaction
from .store.audit import head

CHANGED_AFTER_CLOSING = "gewijzigd na vaststelling"
SE_ARTICLE = "WVO art. 2.55 lid 2 (het schoolexamen wordt afgesloten vóór het centraal examen begint)"
RESULT_ARTICLE = "Uitvoeringsbesluit WVO 2020 art. 3.33 (de uitslag wordt vastgesteld)"


@attrs.frozen
class Closing:
    exam_year: int
    kind: str                   # se | uitslag
    period: int                 # tijdvak for uitslag, 0 for se
    closed_at: datetime
    actor: str
    reason: str
    audit_id: int
    head_hash: str

    def words(self) -> str:
        if self.kind == "se":
            return f"schoolexamen {self.exam_year}"
        return f"uitslag tijdvak {self.period} van {self.exam_year}"


@attrs.frozen
class Deadline:
    """A legal date shown ahead; `closing` is the act once it happened."""

    what: str
    due: date | None            # None when the dates it follows from are not known yet
    article: str
    closing: Closing | None
    relation: str = "uiterlijk"  # uiterlijk (a deadline) | vanaf (the earliest day)

    def sentence(self) -> str:
        if self.closing is not None:
            at = self.closing.closed_at.astimezone().strftime("%d-%m-%Y %H:%M")
            return f"{self.what}: vastgesteld op {at} door {self.closing.actor}."
        if self.due is None:
            return f"{self.what}: nog niet vastgesteld; de datum volgt uit de CE-roosters (DNT)."
        return f"{self.what}: nog niet vastgesteld; {self.relation} {self.due:%d-%m-%Y} ({self.article})."


@attrs.frozen
class ChangeAfterClosing:
    """One audited change after a closing act, for a candidate's subject."""

    audit_id: int
    at: datetime
    actor: str
    table: str
    field: str | None
    old: str | None
    new: str | None
    reason: str | None

    def sentence(self) -> str:
        """`grade 6,4 -> 7,0 op 12-06-2025 door secretaris (reden: herbeoordeling)`."""
        what = FIELD_WORDS.get(self.field or "", self.field) or {"ce_exams": "examen"}.get(self.table, "rij")
        change = f"{what} {_nl(self.old)} -> {_nl(self.new)}"
        when = self.at.astimezone().strftime("%d-%m-%Y")
        return f"{change} op {when} door {self.actor} (reden: {self.reason or 'geen'})"


FIELD_WORDS = {"grade": "cijfer", "assessment": "beoordeling", "taken_on": "datum",
               "score": "score", "score_final": "definitieve score", "score_c1": "score 1e corrector",
               "score_c2": "score 2e corrector", "n_term": "N-term", "scale_length": "schaallengte",
               "direct_grade": "CE-cijfer (direct)", "nex_id": "NEX-ID", "max_score": "maximumscore"}


def _nl(value: str | None) -> str:
    if value is None:
        return "leeg"
    return value.replace(".", ",") if value.replace(".", "").isdigit() else value


class ClosingError(StoreError):
    """A closing act that cannot be done (already done, SE not closed yet, no candidates)."""


# -- the acts -------------------------------------------------------------------------------------

def closings(store: Store) -> list[Closing]:
    with store.read() as con:
        return closings_on(con)


def closings_on(con: duckdb.DuckDBPyConnection) -> list[Closing]:
    rows = con.execute("SELECT exam_year, kind, period, closed_at, actor, reason, audit_id, head_hash "
                       "FROM closings ORDER BY audit_id").fetchall()
    return [Closing(*r) for r in rows]


def close_se(store: Store, exam_year: int, reason: str, *, source: str | None = None) -> Closing:
    """Close the SE of `exam_year`: its SE results and the PTA of its cohorts are frozen."""
    return _act(store, exam_year, "se", 0, reason, source)


def establish_result(store: Store, exam_year: int, period: int, reason: str, *,
                     source: str | None = None) -> Closing:
    """Establish the result of tijdvak `period`: its CE scores, N-terms and the results are frozen."""
    if period not in (1, 2, 3):
        raise ClosingError(f"Tijdvak {period} bestaat niet; kies 1, 2 of 3.")
    return _act(store, exam_year, "uitslag", period, reason, source)


def _act(store: Store, exam_year: int, kind: str, period: int, reason: str,
         source: str | None) -> Closing:
    if not (reason or "").strip():
        raise ClosingError("Een vaststelling heeft een reden nodig (--reden), bijvoorbeeld "
                           "'SE afgesloten na de examencommissie van 20 april'.")
    key = f"{kind}/{exam_year}/{period}"
    with store.transaction(reason=reason, user_reason=reason, source=source or "vaststellen") as tx:
        if not tx.fetchall("SELECT 1 FROM candidates WHERE exam_year = ? LIMIT 1", [exam_year]):
            raise ClosingError(f"Er zijn geen kandidaten in examenjaar {exam_year}; er is niets "
                               "vast te stellen.")
        done = {(k, p) for k, p in tx.fetchall(
            "SELECT kind, period FROM closings WHERE exam_year = ?", [exam_year])}
        if (kind, period) in done:
            what = "Het schoolexamen" if kind == "se" else f"De uitslag van tijdvak {period}"
            raise ClosingError(f"{what} van {exam_year} is al vastgesteld; zie examenbureau "
                               "vaststellen (zonder soort) voor het overzicht.")
        if kind == "uitslag" and ("se", 0) not in done:
            raise ClosingError(f"Sluit eerst het schoolexamen van {exam_year} af (examenbureau "
                               "vaststellen se): de uitslag rust op de SE-cijfers.")
        if kind == "uitslag" and period > 1 and ("uitslag", period - 1) not in done:
            raise ClosingError(f"Stel eerst de uitslag van tijdvak {period - 1} vast.")
        what = ("schoolexamen afgesloten" if kind == "se"
                else f"uitslag tijdvak {period} vastgesteld")
        tx.audit("vaststelling", "closings", key, new=f"{what} (examenjaar {exam_year})",
                 row={"exam_year": exam_year})
        tx.flush()
        audit_id, head_hash = head(tx.con)
        tx.execute("INSERT INTO closings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [exam_year, kind, period, tx.at, tx.actor, tx.reason, audit_id, head_hash])
    return Closing(exam_year, kind, period, tx.at, tx.actor, tx.reason or reason, audit_id, head_hash)


def withdraw_all(tx: Transaction) -> int:
    """Remove every closing act, audited (`vaststelling ingetrokken`): only for rebuilding the
    demo school, whose acts belong to the school that is thrown away."""
    acts = tx.fetchall("SELECT kind || '/' || exam_year || '/' || period, exam_year FROM closings")
    for key, year in acts:
        tx.audit("vaststelling ingetrokken", "closings", key, row={"exam_year": year})
    tx.flush()
    tx.execute("DELETE FROM closings")
    return len(acts)


# -- deadlines ------------------------------------------------------------------------------------

def deadlines(store: Store, exam_year: int) -> list[Deadline]:
    """The legal dates of `exam_year` with the acts done so far.

    SE: closed before the first CE sitting of tijdvak 1 (the day before the earliest exam date
    in the DNT). Result of a tijdvak: after its last sitting; the national date of the results
    is in the CvTE's yearly planning and is not in our data, so the day after the last sitting
    is shown as the earliest moment.
    """
    with store.read() as con:
        done = {(c.kind, c.period): c for c in closings_on(con) if c.exam_year == exam_year}
        dates = dict(con.execute("SELECT period, min(exam_date) FROM ce_exams WHERE exam_year = ? "
                                 "GROUP BY period", [exam_year]).fetchall())
        last = dict(con.execute("SELECT period, max(exam_date) FROM ce_exams WHERE exam_year = ? "
                                "GROUP BY period", [exam_year]).fetchall())
    first = dates.get(1)
    out = [Deadline(f"Schoolexamen {exam_year} afsluiten", first - timedelta(days=1) if first else None,
                    SE_ARTICLE, done.get(("se", 0)))]
    for period in (1, 2, 3):
        if period > 1 and period not in last and ("uitslag", period) not in done:
            continue
        after = last.get(period)
        out.append(Deadline(f"Uitslag tijdvak {period} van {exam_year} vaststellen",
                            after + timedelta(days=1) if after else None, RESULT_ARTICLE,
                            done.get(("uitslag", period)), "vanaf"))
    return out


# -- what changed after an act --------------------------------------------------------------------

def changes_after_closing(con: duckdb.DuckDBPyConnection, exam_year: int,
                          exam_numbers: Sequence[str] | None = None,
                          ) -> dict[tuple[str, str], list[ChangeAfterClosing]]:
    """(exam number, subject) -> the audited changes after a closing act that touch it.

    Direct changes (an SE result, a CE score, a per-question score of the candidate) and
    changes of an exam (N-term, scale length) that the candidate has a score on. Everything a
    screen, export or document marks "gewijzigd na vaststelling" comes from here.
    """
    only = ""
    params: list[object] = [exam_year, exam_year]
    if exam_numbers is not None:
        only = "AND exam_number IN (SELECT unnest(?))"
        params.append(list(exam_numbers))
    rows = con.execute(f"""
        WITH changes AS (
            SELECT a.id, a.changed_at, a.actor, a.table_name, a.field, a.old_value, a.new_value,
                   a.reason, a.exam_number, a.subject, a.row_key
            FROM audit_log a WHERE a.after_closing AND a.exam_year = ?),
        direct AS (
            SELECT c.*, c.exam_number AS who,
                   coalesce(c.subject, e.subject) AS what
            FROM changes c LEFT JOIN ce_exams e
              ON c.table_name = 'ce_item_scores' AND e.exam_year = ?
             AND e.nex_id = split_part(c.row_key, '/', 2)
            WHERE c.exam_number IS NOT NULL),
        via_exam AS (
            SELECT c.*, s.exam_number AS who, s.subject AS what
            FROM changes c JOIN ce_scores s
              ON c.table_name = 'ce_exams' AND s.exam_year = split_part(c.row_key, '/', 1)::INTEGER
             AND s.nex_id = split_part(c.row_key, '/', 2))
        SELECT who, what, id, changed_at, actor, table_name, field, old_value, new_value, reason
        FROM (SELECT * FROM direct UNION ALL SELECT * FROM via_exam)
        WHERE what IS NOT NULL {only.replace('exam_number', 'who')}
        ORDER BY who, what, id""", params).fetchall()
    out: dict[tuple[str, str], list[ChangeAfterClosing]] = defaultdict(list)
    for who, what, *change in rows:
        out[(who, what)].append(ChangeAfterClosing(*change))
    return dict(out)


def is_changed_after_closing(store: Store, exam_year: int, exam_number: str,
                             subject: str | None = None) -> bool:
    """Whether a candidate (or one subject of theirs) has a change after a closing act."""
    with store.read() as con:
        found = changes_after_closing(con, exam_year, [exam_number])
    return any(subject is None or s == subject for _, s in found)
