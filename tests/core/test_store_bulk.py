"""Large upserts: the counts and the audit trail stay exact when rows come by the thousand.

A cohort's SE results are tens of thousands of rows; a re-import must find every existing row
by its key (codes with leading zeros, integer years), change only what changed, and write one
audit row per inserted row and per changed field.
"""

from __future__ import annotations

from decimal import Decimal

from examenbureau.core.store import Store

KEY = ["exam_year", "exam_number"]


def rows(n: int, *, renamed: set[int] = frozenset()) -> list[dict]:
    return [{"exam_year": 2025, "exam_number": f"{i:05d}",
             "last_name": "Anders" if i in renamed else "Voorbeeld", "school_type": "havo"}
            for i in range(n)]


def audit_counts(store: Store) -> dict[str, int]:
    with store.read() as con:
        return dict(con.execute(
            "SELECT action, count(*) FROM audit_log WHERE table_name = 'candidates' GROUP BY action"
        ).fetchall())


def test_five_thousand_rows_insert_then_reimport_with_a_few_changes(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with store.transaction(source="kandidaten.csv") as tx:
        first = tx.upsert_many("candidates", KEY, rows(5000))
    assert (first.new, first.changed, first.unchanged) == (5000, 0, 0)
    assert audit_counts(store) == {"insert": 5000}

    renamed = {7, 1234, 4999}
    with store.transaction(source="kandidaten.csv") as tx:
        again = tx.upsert_many("candidates", KEY, rows(5001, renamed=renamed))
    assert (again.new, again.changed, again.unchanged) == (1, 3, 4997)
    assert sorted(again.changed_keys) == [(2025, "00007"), (2025, "01234"), (2025, "04999")]
    assert audit_counts(store) == {"insert": 5001, "update": 3}
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM candidates").fetchone()[0] == 5001
        assert con.execute("SELECT count(*) FROM candidates WHERE last_name = 'Anders'"
                           ).fetchone()[0] == 3
        audit = con.execute("SELECT row_key, old_value, new_value, source FROM audit_log "
                            "WHERE action = 'update' ORDER BY row_key").fetchall()
    assert audit[0] == ("2025/00007", "Voorbeeld", "Anders", "kandidaten.csv")


def test_code_with_leading_zero_is_not_the_number(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with store.transaction() as tx:
        tx.upsert_many("candidates", KEY, [{"exam_year": 2025, "exam_number": "0011",
                                            "last_name": "Nul", "school_type": "havo"}])
    with store.transaction() as tx:
        counts = tx.upsert_many("candidates", KEY, [{"exam_year": 2025, "exam_number": "11",
                                                     "last_name": "Elf", "school_type": "havo"}])
    assert counts.new == 1


def test_mixed_nulls_and_decimals_in_one_chunk(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    exams = [{"exam_year": 2025, "nex_id": f"3{i:04d}", "school_type": "havo", "subject": "netl",
              "period": 1, "n_term": None if i % 2 else Decimal("1.2")} for i in range(1200)]
    with store.transaction() as tx:
        assert tx.upsert_many("ce_exams", ["exam_year", "nex_id"], exams).new == 1200
    with store.read() as con:
        assert con.execute("SELECT count(*), count(n_term), sum(n_term) FROM ce_exams").fetchone() == (
            1200, 600, Decimal("720.0"))
