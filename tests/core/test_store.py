"""The store API on a real DuckDB file: migrations, audit, idempotent upserts, conflicts, locks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from decimal import Decimal

import duckdb
import pytest

from examenbureau.core.store import (
    SCHEMA_VERSION,
    ConflictError,
    NewerSchemaError,
    Store,
)
from examenbureau.core.store.identity import os_account


def candidate(number: str, last_name: str = "Voorbeeld") -> dict:
    return {"exam_year": 2025, "exam_number": number, "last_name": last_name,
            "school_type": "havo"}


def test_new_file_gets_current_schema_and_refuses_newer(tmp_path):
    path = tmp_path / "school.duckdb"
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="nieuwere versie"):
        Store(path)
    assert path.read_bytes() == before


def test_first_read_runs_on_the_checked_connection_and_only_after_the_checks(tmp_path):
    """The TUI's first screen reads on the connection that checked the file (one open less);
    a file that fails the checks is never read."""
    path = tmp_path / "school.duckdb"
    with Store(path).transaction(reason="test") as tx:
        tx.upsert_many("candidates", ["exam_year", "exam_number"], [candidate("0042")])
    seen = []

    def first(con):
        seen.append(con)
        return con.execute("SELECT exam_number FROM candidates").fetchall()

    store = Store(path, create=False, first_read=first)
    assert store.first_read == [("0042",)] and len(seen) == 1
    assert Store(path).first_read is None
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(NewerSchemaError):
        Store(path, first_read=first)
    assert len(seen) == 1


def test_extensions_are_never_autoloaded(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with store.read() as con:
        settings = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%extensions'").fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def test_upsert_is_idempotent_and_audited(tmp_path):
    store = Store(tmp_path / "s.duckdb", display_name="secretaris")
    rows = [candidate("0101"), candidate("0102")]
    with store.transaction(reason="import", source="kandidaten.csv") as tx:
        assert tx.upsert_many("candidates", ["exam_year", "exam_number"], rows).sentence() == \
            "2 nieuw, 0 gewijzigd, 0 ongewijzigd"
    with store.transaction(reason="import", source="kandidaten.csv") as tx:
        counts = tx.upsert_many("candidates", ["exam_year", "exam_number"],
                                [candidate("0101"), candidate("0102", "Proef")])
    assert counts.sentence() == "0 nieuw, 1 gewijzigd, 1 ongewijzigd"
    with store.read() as con:
        audit = con.execute(
            "SELECT actor, display_name, action, row_key, field, old_value, new_value, source"
            " FROM audit_log WHERE action = 'update'").fetchall()
        version = con.execute(
            "SELECT row_version FROM candidates WHERE exam_number = '0102'").fetchone()[0]
    # the actor is the OS account; the display name only stands beside it
    assert audit == [(os_account(), "secretaris", "update", "2025/0102", "last_name", "Voorbeeld",
                      "Proef", "kandidaten.csv")]
    assert version == 2


def test_decimal_compare_is_by_value(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    exam = {"exam_year": 2025, "nex_id": "31001", "school_type": "havo", "subject": "netl",
            "period": 1, "n_term": Decimal("1.0")}
    with store.transaction() as tx:
        tx.upsert_many("ce_exams", ["exam_year", "nex_id"], [exam])
    with store.transaction() as tx:
        counts = tx.upsert_many("ce_exams", ["exam_year", "nex_id"], [{**exam, "n_term": Decimal("1")}])
    assert counts.unchanged == 1


def test_failed_unit_of_work_writes_nothing(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with pytest.raises(RuntimeError), store.transaction(reason="half werk") as tx:
        tx.upsert_many("candidates", ["exam_year", "exam_number"], [candidate("0101")])
        raise RuntimeError("regel 7 is fout")
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM candidates").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM audit_log WHERE table_name = 'candidates'").fetchone()[0] == 0


def test_concurrent_edit_of_the_same_row_is_detected(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    key = {"exam_year": 2025, "exam_number": "0101"}
    with store.transaction() as tx:
        tx.insert("candidates", candidate("0101"), key)
    # Two secretaries read version 1; the first saves, the second must not overwrite silently.
    with store.transaction(reason="a") as tx:
        assert tx.update("candidates", key, {"last_name": "Eerste"}, expected_version=1)
    with pytest.raises(ConflictError, match="intussen door iemand anders gewijzigd"), \
            store.transaction(reason="b") as tx:
        tx.update("candidates", key, {"last_name": "Tweede"}, expected_version=1)
    with store.read() as con:
        assert con.execute("SELECT last_name FROM candidates").fetchone()[0] == "Eerste"


WRITER = textwrap.dedent("""
    import sys, time
    from examenbureau.core.store import Store
    path, who, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
    store = Store(path, display_name=who)   # two secretaries: one account here, two names
    while time.time() < start:
        time.sleep(0.001)
    for i in range(25):
        with store.transaction(reason="gelijktijdig", source=who) as tx:
            tx.upsert_many("candidates", ["exam_year", "exam_number"],
                           [{"exam_year": 2025, "exam_number": f"{who}-{i:03d}",
                             "last_name": who, "school_type": "vwo"}])
    print("klaar", who)
""")


def test_two_processes_write_at_the_same_moment(tmp_path):
    """Two secretaries, two processes, one file: both finish, nothing lost, no lock error shown."""
    path = tmp_path / "school.duckdb"
    Store(path)
    start = time.time() + 1.5
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), who, str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for who in ("anna", "bram")]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "lock" not in err.lower() and "Error" not in err
        assert out.startswith("klaar")
    store = Store(path)
    with store.read() as con:
        per_actor = dict(con.execute(
            "SELECT last_name, count(*) FROM candidates GROUP BY ALL").fetchall())
        audited = dict(con.execute(
            "SELECT display_name, count(*) FROM audit_log WHERE action = 'insert' AND "
            "reason = 'gelijktijdig' GROUP BY ALL").fetchall())
    assert per_actor == {"anna": 25, "bram": 25}
    assert audited == {"anna": 25, "bram": 25}


def test_backup_is_a_consistent_openable_copy(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    with store.transaction() as tx:
        tx.upsert_many("candidates", ["exam_year", "exam_number"], [candidate("0101")])
    as_file = store.backup(tmp_path / "kopie.duckdb")
    (tmp_path / "map").mkdir()
    in_folder = store.backup(tmp_path / "map")
    assert in_folder.parent == tmp_path / "map"
    for copy in (as_file, in_folder):
        with Store(copy).read() as con:
            assert con.execute("SELECT exam_number FROM candidates").fetchall() == [("0101",)]
