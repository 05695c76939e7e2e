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


def test_twenty_thousand_rows_reimported_with_every_kind_of_change(tmp_path):
    """New, unchanged, one field and two fields changed, in one call: counts and audit exact."""
    store = Store(tmp_path / "s.duckdb", display_name="secretaris")
    base = rows(20000)
    with store.transaction(source="eerste.csv", reason="import kandidaten") as tx:
        assert tx.upsert_many("candidates", KEY, base).new == 20000
    assert audit_counts(store) == {"insert": 20000}
    with store.read() as con:
        assert con.execute("SELECT action, row_key, field, old_value, new_value, display_name, reason, "
                           "source FROM audit_log WHERE table_name = 'candidates' ORDER BY id LIMIT 1"
                           ).fetchone() == (
            "insert", "2025/00000", None, None, '{"last_name":"Voorbeeld","school_type":"havo"}',
            "secretaris", "import kandidaten", "eerste.csv")

    again = [dict(r) for r in base] + rows(20100)[20000:]
    for i in range(0, 20000, 7):           # 2858 rows: one field
        again[i]["last_name"] = "Anders"
    for i in range(3, 20000, 11):          # 1819 rows: the other field (260 of them both fields)
        again[i]["school_type"] = "vwo"
    one = {i for i in range(0, 20000, 7)}
    other = {i for i in range(3, 20000, 11)}
    changed = one | other
    with store.transaction(source="tweede.csv", reason="herimport") as tx:
        counts = tx.upsert_many("candidates", KEY, again)
    assert (counts.new, counts.changed, counts.unchanged) == (100, len(changed), 20000 - len(changed))
    assert counts.changed_keys == [(2025, f"{i:05d}") for i in sorted(changed)]

    with store.read() as con:
        assert dict(con.execute(
            "SELECT field, count(*) FROM audit_log WHERE action = 'update' GROUP BY field").fetchall()
        ) == {"last_name": len(one), "school_type": len(other)}
        assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'insert' AND source = 'tweede.csv'"
                           ).fetchone()[0] == 100
        both = con.execute("SELECT field, old_value, new_value, display_name, reason, source FROM audit_log "
                           "WHERE row_key = '2025/00014' AND action = 'update' ORDER BY id").fetchall()
        assert both == [("last_name", "Voorbeeld", "Anders", "secretaris", "herimport", "tweede.csv"),
                        ("school_type", "havo", "vwo", "secretaris", "herimport", "tweede.csv")]
        stored = {n: (name, kind, version) for n, name, kind, version in con.execute(
            "SELECT exam_number, last_name, school_type, row_version FROM candidates").fetchall()}
    assert len(stored) == 20100
    for i in (0, 3, 14, 22, 19999):
        row = again[i]
        assert stored[row["exam_number"]] == (row["last_name"], row["school_type"], 2 if i in changed else 1)
    assert sum(version == 2 for _, _, version in stored.values()) == len(changed)

    with store.transaction(source="tweede.csv") as tx:   # the same file once more: nothing to do
        counts = tx.upsert_many("candidates", KEY, again)
    assert (counts.new, counts.changed, counts.unchanged) == (0, 0, 20100)


def test_key_given_as_text_or_twice_and_a_column_of_mixed_types(tmp_path):
    """The edges of the set-based path behave as one statement per row did."""
    store = Store(tmp_path / "s.duckdb")
    with store.transaction() as tx:
        tx.upsert_many("candidates", KEY, rows(3))
    with store.transaction(source="x") as tx:
        counts = tx.upsert_many("candidates", KEY, [
            {"exam_year": "2025", "exam_number": "00000", "last_name": "Tekstjaar", "school_type": "havo"},
            {"exam_year": 2025, "exam_number": "00001", "last_name": "Eerst", "school_type": "havo"},
            {"exam_year": 2025, "exam_number": "00001", "last_name": "Daarna", "school_type": "havo"},
        ])
    assert (counts.new, counts.changed, counts.unchanged) == (0, 3, 0)
    with store.transaction() as tx:   # one TEXT column gets an int and a Decimal: each as itself
        tx.upsert_many("candidates", KEY, [
            {"exam_year": 2025, "exam_number": "00000", "class_name": 7},
            {"exam_year": 2025, "exam_number": "00002", "class_name": Decimal("7.5")},
        ])
    with store.read() as con:
        assert con.execute("SELECT exam_number, last_name, class_name, row_version FROM candidates "
                           "ORDER BY 1").fetchall() == [
            ("00000", "Tekstjaar", "7", 3), ("00001", "Daarna", None, 3), ("00002", "Voorbeeld", "7.5", 2)]
        assert con.execute("SELECT old_value, new_value FROM audit_log WHERE row_key = '2025/00001' "
                           "AND action = 'update' ORDER BY id").fetchall() == [
            ("Voorbeeld", "Eerst"), ("Voorbeeld", "Daarna")]


def test_a_failing_bulk_write_leaves_nothing_behind(tmp_path):
    """All or nothing: a key given twice as new breaks the primary key; no row, no audit row."""
    store = Store(tmp_path / "s.duckdb")
    with store.transaction() as tx:
        tx.upsert_many("candidates", KEY, rows(10))
    with store.read() as con:
        before = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    doubled = rows(12)[10:] * 2
    try:
        with store.transaction() as tx:
            tx.upsert_many("candidates", KEY, rows(10, renamed={1}) + doubled)
    except Exception as exc:
        assert "constraint" in str(exc).lower()
    else:
        raise AssertionError("a duplicate new key must fail")
    with store.read() as con:
        assert con.execute("SELECT count(*), count(*) FILTER (last_name = 'Anders') FROM candidates"
                           ).fetchone() == (10, 0)
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
