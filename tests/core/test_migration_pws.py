"""Migration 0005 (PWS titles): a file at version 4 gets the table, keeps its chain intact,
and the titles written afterwards are covered by `audit verify` like every keyed fact."""

from __future__ import annotations

from importlib import resources

import duckdb

from examenbureau.core.audit import verify
from examenbureau.core.store import SCHEMA_VERSION, Store
from examenbureau.core.store.tables import KEYS

BEFORE = ("0001_initial.sql", "0002_kept_results.sql", "0003_pack_decisions.sql",
          "0004_audit_chain_roles_closings.sql")


def test_a_version_4_file_gets_the_pws_table(tmp_path):
    path = tmp_path / "vier.duckdb"
    folder = resources.files("examenbureau.core.store").joinpath("migrations")
    with duckdb.connect(str(path)) as con:      # as the store of version 4 made it
        for name in BEFORE:
            con.execute(folder.joinpath(name).read_text(encoding="utf-8"))
            con.execute("INSERT INTO audit_log (id, changed_at, actor, action, reason, new_value) "
                        "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM audit_log), "
                        "TIMESTAMPTZ '2025-01-01 10:00:00+00', 'x', 'migrate', 'schema', ?)",
                        [name])
        con.execute("INSERT INTO meta VALUES ('schema_version', '4')")
    store = Store(path)
    assert SCHEMA_VERSION == 5 and store.schema_version() == 5
    assert "pws_titles" in KEYS
    with store.read() as con:
        done = [r[0] for r in con.execute("SELECT new_value FROM audit_log WHERE action = "
                                          "'migrate' ORDER BY id").fetchall()]
    assert done[-1] == "0005_pws_titles.sql" and done.count("0005_pws_titles.sql") == 1
    with store.transaction(reason="pws", source="test") as tx:
        tx.insert("candidates", {"exam_year": 2025, "exam_number": "6201",
                                 "last_name": "Voorbeeld", "school_type": "vwo"},
                  key={"exam_year": 2025, "exam_number": "6201"})
        tx.insert("pws_titles", {"exam_year": 2025, "exam_number": "6201",
                                 "title": "De wiskunde van het knikkerspel"},
                  key={"exam_year": 2025, "exam_number": "6201"})
    assert verify(store).ok
    with store.read() as con:      # a title changed beside the log is found
        con.execute("UPDATE pws_titles SET title = 'Iets anders'")
    report = verify(store)
    assert not report.ok and "titel profielwerkstuk 2025/6201" in (report.value_problem or "")
