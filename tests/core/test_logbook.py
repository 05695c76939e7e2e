"""core.logbook: the Logboek's search over the audit chain (who with display name, UTC day,
after a closing act, and per candidate the grades that followed from an N-term)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from examenbureau.core import closing
from examenbureau.core.logbook import Filters, candidate_lines, choices, search
from examenbureau.core.store import Store
from examenbureau.core.store.identity import os_account

SE_KEY = {"exam_year": 2025, "exam_number": "5002", "subject": "netl", "test_code": "NE-T2",
          "attempt": "afname", "seq": 1}


def test_user_day_table_and_after_closing(results_school_db: Path):
    store = Store(results_school_db)
    closing.close_se(store, 2025, "examencommissie")
    with store.transaction(reason="import", user_reason="herbeoordeling", source="test",
                           actor="Marieke de Vries") as tx:
        tx.update("se_results", SE_KEY, {"grade": Decimal("6.8")})
    me = os_account()
    found = choices(store)
    assert (f"Marieke de Vries [{me}]", me) in found.actors
    assert "se_results" in found.tables
    today = datetime.now(UTC).date()
    lines = search(store, Filters(exam_number="5002", actor=me, table="se_results", day=today))
    edit = lines[0]
    assert (edit.field, edit.old, edit.new, edit.reason) == ("grade", "4.0", "6.8", "herbeoordeling")
    assert edit.after_closing and edit.display_name == "Marieke de Vries"
    assert edit.utc is not None and edit.utc.tzinfo is not None and edit.when.startswith(
        today.strftime("%d-%m-%Y"))
    assert not search(store, Filters(exam_number="5002", day=today.replace(year=2001)))
    assert search(store, Filters(text="herbeoordeling"))[0].id == edit.id
    assert all(line.exam_number in (None, "5002") for line in candidate_lines(store, 2025, "5002"))


def test_an_n_term_change_shows_as_a_grade_per_candidate(results_school_db: Path):
    store = Store(results_school_db)
    with store.transaction(reason="N-term", user_reason="N-term CvTE", source="test") as tx:
        tx.update("ce_exams", {"exam_year": 2025, "nex_id": "32007"}, {"n_term": Decimal("1.3")})
    lines = candidate_lines(store, 2025, "5003")
    derived = [line for line in lines if line.derived]
    assert derived[0].consequence == "CE-cijfer ak tijdvak 2" and derived[0].new == "7,3"
    assert "N-term leeg -> 1,3" in (derived[0].reason or "")
    # filtered on another table, the derived grades stay out
    assert not [line for line in search(store, Filters(exam_number="5003", table="se_results"))
                if line.derived]
