"""Issue 11: a tamper-evident audit trail, roles enforced in core, closing acts that freeze.

Acceptance 3: `audit verify` finds an edited, a deleted and a back-dated audit row, and an SE
grade and a CE score changed with plain DuckDB; it passes on a normal history.
Acceptance 4: an account not named as a writer cannot change a grade through the store API.
Acceptance 5: after `vaststellen se`, an SE change without a reason is refused and nothing
changes; with a reason it is stored, audited and marked.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC
from decimal import Decimal
from importlib import resources
from pathlib import Path

import duckdb
import pytest

from examenbureau.core import closing
from examenbureau.core.audit import verify
from examenbureau.core.audit_history import candidate_history
from examenbureau.core.store import SCHEMA_VERSION, ClosedError, RoleError, Store
from examenbureau.core.store.identity import os_account
from examenbureau.core.store.roles import READERS, WRITERS

SE_KEY = {"exam_year": 2025, "exam_number": "1001", "subject": "ne", "test_code": "NE-T1",
          "attempt": "afname", "seq": 1}


@pytest.fixture
def school(small_school_db: Path) -> Store:
    """The small school with a normal history on top: an import-like bulk change, an edit."""
    store = Store(small_school_db)
    with store.transaction(reason="correctie", user_reason="overschrijffout") as tx:
        tx.update("se_results", SE_KEY, {"grade": Decimal("5.6")})
        tx.upsert_many("ce_exams", ["exam_year", "nex_id"],
                       [{"exam_year": 2025, "nex_id": "V-ne-1", "n_term": Decimal("1.3")}])
    with store.transaction(reason="scores per vraag", source="wolf.csv") as tx:
        tx.upsert_many("ce_item_scores", ["exam_year", "nex_id", "exam_number", "question"],
                       [{"exam_year": 2025, "period": 1, "nex_id": "V-ne-1", "exam_number": "1001",
                         "question": str(q), "max_score": 6, "score_c1": 4, "score_c2": 5,
                         "score_final": 5} for q in (1, 2)])
    with store.transaction(reason="correctie", user_reason="tweede corrector") as tx:
        tx.update("ce_item_scores", {"exam_year": 2025, "nex_id": "V-ne-1", "exam_number": "1001",
                                     "question": "2"}, {"score_final": 3})
    return store


def plain(store: Store, sql: str, params: list | None = None) -> None:
    """A change with plain DuckDB, beside examenbureau: what verify must find."""
    with duckdb.connect(str(store.path)) as con:
        con.execute(sql, params or [])


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "examenbureau", *args], capture_output=True,
                          text=True, timeout=120)


# -- acceptance 3: audit verify -------------------------------------------------------------------

def test_verify_passes_on_a_normal_history(school):
    report = verify(school)
    assert report.ok, report.lines()
    assert report.rows > 10 and report.values > 100
    with school.read() as con:
        assert report.head == con.execute(
            "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    proc = cli("audit", "verify", "--db", str(school.path))
    assert proc.returncode == 0 and "Auditlog intact" in proc.stdout, proc.stderr


def test_verify_passes_on_the_demo_and_finds_a_per_question_score_changed_in_it(demo_db, tmp_path):
    """The demo is a normal history too: 150 candidates, blocks, packs, every table audited."""
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, path)
    store = Store(path)
    report = verify(store)
    assert report.ok, report.lines()
    assert report.values > 100_000
    with store.read() as con:
        key = con.execute("SELECT exam_number, nex_id, question, score_final FROM ce_item_scores "
                          "WHERE score_final > 0 ORDER BY ALL LIMIT 1").fetchone()
    plain(store, "UPDATE ce_item_scores SET score_final = score_final - 1 WHERE exam_number = ? "
                 "AND nex_id = ? AND question = ?", list(key[:3]))
    report = verify(store)
    assert report.chain_problem is None and not report.ok
    assert f"score per vraag 2025/{key[1]}/{key[0]}/{key[2]}: score_final is '{key[3] - 1}'" \
        in report.value_problem, report.value_problem


def middle_row(store: Store) -> int:
    with store.read() as con:
        return con.execute("SELECT id FROM audit_log WHERE table_name = 'se_results' "
                           "AND action = 'update'").fetchone()[0]


@pytest.mark.parametrize(("change", "words"), [
    ("UPDATE audit_log SET new_value = '9.9' WHERE id = ?", "is gewijzigd nadat hij geschreven is"),
    ("DELETE FROM audit_log WHERE id = ?", "sluit niet aan op regel"),
    ("UPDATE audit_log SET changed_at = changed_at - INTERVAL 2 DAY WHERE id = ?", "is teruggedateerd"),
    ("UPDATE audit_log SET actor = 'rector' WHERE id = ?", "is gewijzigd nadat hij geschreven is"),
])
def test_verify_finds_an_edited_deleted_or_back_dated_audit_row(school, change, words):
    row = middle_row(school)
    plain(school, change, [row])
    report = verify(school)
    assert not report.ok
    assert words in report.chain_problem and f"regel {row + (1 if 'DELETE' in change else 0)}" \
        in report.chain_problem
    proc = cli("audit", "verify", "--db", str(school.path))
    assert proc.returncode == 1 and words in proc.stderr


@pytest.mark.parametrize(("change", "words"), [
    ("UPDATE se_results SET grade = 9.9 WHERE exam_number = '1001' AND attempt = 'afname'",
     "SE-resultaat 2025/1001/ne/NE-T1/afname/1: grade is '9.9' in de database, maar '5.6'"),
    ("UPDATE ce_scores SET score = 66 WHERE exam_number = '1001'",
     "CE-score 2025/1/1001/ne: score is '66' in de database, maar '48'"),
    ("UPDATE ce_exams SET n_term = 2.9", "examen (N-term, schaallengte) 2025/V-ne-1: n_term is '2.9'"),
    ("UPDATE ce_exams SET n_term = NULL", "examen (N-term, schaallengte) 2025/V-ne-1: n_term is leeg"),
    ("UPDATE se_results SET grade = NULL WHERE exam_number = '1001' AND attempt = 'afname'",
     "SE-resultaat 2025/1001/ne/NE-T1/afname/1: grade is leeg in de database, maar '5.6'"),
    ("UPDATE ce_item_scores SET score_final = 6 WHERE question = '2'",
     "score per vraag 2025/V-ne-1/1001/2: score_final is '6' in de database, maar '3'"),
    ("UPDATE ce_item_scores SET score_c2 = 0 WHERE question = '1'",
     "score per vraag 2025/V-ne-1/1001/1: score_c2 is '0' in de database, maar '5'"),
    ("DELETE FROM ce_item_scores WHERE question = '1'",
     "score per vraag 2025/V-ne-1/1001/1: ontbreekt in de database"),
    ("DELETE FROM se_results WHERE attempt = 'herkansing'", "ontbreekt in de database"),
    ("INSERT INTO se_results (exam_year, exam_number, subject, test_code, attempt, seq, grade) "
     "VALUES (2025, '1002', 'ne', 'NE-T1', 'afname', 1, 8.0)", "zonder enige auditregel"),
])
def test_verify_finds_a_grade_or_score_changed_beside_the_log(school, change, words):
    plain(school, change)
    report = verify(school)
    assert report.chain_problem is None          # the log itself is intact...
    assert not report.ok and words in report.value_problem, report.value_problem  # ...the facts not
    proc = cli("audit", "verify", "--db", str(school.path))
    assert proc.returncode == 1 and words in proc.stderr


def test_the_head_written_down_at_a_closing_act_is_checked(school):
    act = closing.close_se(school, 2025, "SE afgesloten")
    assert cli("audit", "verify", "--db", str(school.path), "--kop", act.head_hash).returncode == 0
    # someone rewrites an early row and recomputes the whole chain: it no longer passes the head
    plain(school, "UPDATE audit_log SET row_hash = 'x' || substr(row_hash, 2) WHERE id >= 1")
    proc = cli("audit", "verify", "--db", str(school.path), "--kop", act.head_hash)
    assert proc.returncode == 1 and "loopt niet door de kop" in proc.stderr


def test_a_closing_act_removed_by_hand_is_found(school):
    closing.close_se(school, 2025, "SE afgesloten")
    plain(school, "DELETE FROM closings")
    report = verify(school)
    assert not report.ok and "ontbreekt in de tabel closings" in report.closing_problem


# -- who and when ---------------------------------------------------------------------------------

def test_the_actor_is_the_os_account_and_the_time_utc_with_zone(small_school_db, monkeypatch):
    monkeypatch.setenv("EXAMENBUREAU_USER", "rector")
    store = Store(small_school_db)
    with store.transaction(reason="test") as tx:
        tx.update("se_results", SE_KEY, {"grade": Decimal("6.0")})
    with store.read() as con:
        actor, name, at = con.execute("SELECT actor, display_name, changed_at FROM audit_log "
                                      "ORDER BY id DESC LIMIT 1").fetchone()
    assert actor == os_account() != "rector"      # the variable only adds a display name
    assert name == "rector"
    assert at.utcoffset() is not None and at.astimezone(UTC).microsecond == at.microsecond


# -- acceptance 4: roles --------------------------------------------------------------------------

def set_roles(store: Store, writers: str, readers: str = "") -> None:
    with store.transaction(reason="rollen") as tx:
        tx.upsert_many("settings", ["key"], [{"key": WRITERS, "value": writers},
                                             {"key": READERS, "value": readers}])


def test_an_account_not_named_as_writer_cannot_change_a_grade(school):
    me = os_account()
    set_roles(school, "secretaris", me)           # I may now only read
    reader = Store(school.path)
    assert reader.role == "lezer"
    with reader.read() as con:                    # reading works
        assert con.execute("SELECT count(*) FROM se_results").fetchone()[0] > 0
    for write in (lambda tx: tx.update("se_results", SE_KEY, {"grade": Decimal("9.9")}),
                  lambda tx: tx.upsert_many("se_results", list(SE_KEY), [{**SE_KEY, "grade": 9}]),
                  lambda tx: tx.delete("se_results", SE_KEY)):
        with pytest.raises(RoleError, match=r"mag .* alleen lezen"), reader.transaction() as tx:
            write(tx)
    with pytest.raises(RoleError):
        reader.set_setting("rulepack", "ozhw")
    with pytest.raises(RoleError):
        reader.backup(school.path.parent / "kopie.duckdb")
    with reader.read() as con:
        assert con.execute("SELECT grade FROM se_results WHERE exam_number = '1001' AND "
                           "attempt = 'afname'").fetchone()[0] == Decimal("5.6")
    assert verify(reader).ok
    proc = cli("import", "se-results", "/dev/null", "--db", str(school.path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_an_account_with_no_role_cannot_open_the_file(school):
    set_roles(school, "secretaris")
    with pytest.raises(RoleError, match="staat niet bij de rollen"):
        Store(school.path)
    proc = cli("uitslag", "--db", str(school.path))
    assert proc.returncode == 2 and "staat niet bij de rollen" in proc.stderr


def test_the_creator_is_the_first_writer_and_roles_are_managed_by_writers(tmp_path):
    store = Store(tmp_path / "nieuw.duckdb")
    assert store.role == "schrijver"
    db = str(store.path)
    proc = cli("rollen", "lezer", "docent1", "--db", db)
    assert proc.returncode == 0 and "Lezers:     docent1" in proc.stdout
    proc = cli("rollen", "weg", os_account(), "--db", db)
    assert proc.returncode == 2 and "minstens één schrijver" in proc.stderr


# -- acceptance 5: closing acts -------------------------------------------------------------------

def test_after_closing_the_se_a_change_needs_a_reason_and_is_marked(school, tmp_path):
    act = closing.close_se(school, 2025, "SE afgesloten na de examencommissie")
    assert act.head_hash and act.audit_id
    with school.read() as con:
        before = con.execute("SELECT * FROM se_results ORDER BY ALL").fetchall()
        audit_before = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    # without a reason: refused, through the store API and through the command line
    with pytest.raises(ClosedError, match="schoolexamen van examenjaar 2025 is vastgesteld"), \
            school.transaction(reason="correctie") as tx:
        tx.update("se_results", SE_KEY, {"grade": Decimal("7.0")})
    se_file = tmp_path / "se.csv"
    se_file.write_text("examenjaar;examennummer;vakcode;vak;toetscode;poging;resultaat\n"
                       "2025;1001;0011;ne;NE-T1;afname;7,0\n", encoding="utf-8")
    proc = cli("import", "se-results", str(se_file), "--db", str(school.path))
    assert proc.returncode == 2 and "--reden" in proc.stderr and "Traceback" not in proc.stderr
    with school.read() as con:
        assert con.execute("SELECT * FROM se_results ORDER BY ALL").fetchall() == before
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_before
    # with --reden: stored, audited with the reason, marked
    proc = cli("import", "se-results", str(se_file), "--db", str(school.path),
               "--reden", "herbeoordeling na bezwaar")
    assert proc.returncode == 0, proc.stderr
    assert "gewijzigd na vaststelling" in proc.stdout
    with school.read() as con:
        assert con.execute("SELECT grade FROM se_results WHERE exam_number = '1001' AND "
                           "attempt = 'afname'").fetchone()[0] == Decimal("7.0")
        row = con.execute("SELECT field, old_value, new_value, reason, after_closing FROM audit_log "
                          "WHERE table_name = 'se_results' AND action = 'update' ORDER BY id DESC LIMIT 1").fetchone()
        marks = closing.changes_after_closing(con, 2025)
    assert row == ("grade", "5.6", "7.0", "herbeoordeling na bezwaar", True)
    assert list(marks) == [("1001", "ne")]
    assert "cijfer 5,6 -> 7,0" in marks[("1001", "ne")][0].sentence()
    assert closing.is_changed_after_closing(school, 2025, "1001", "ne")
    assert not closing.is_changed_after_closing(school, 2025, "1002")
    out = tmp_path / "uit.csv"
    assert cli("export", "results", str(out), "--db", str(school.path)).returncode == 0
    lines = [ln for ln in out.read_text(encoding="utf-8-sig").splitlines() if ";1001;" in ln]
    assert any("gewijzigd na vaststelling: cijfer 5,6 -> 7,0" in ln for ln in lines)
    assert verify(school).ok
    # the CE side is not frozen by closing the SE
    with school.transaction(reason="n-term") as tx:
        tx.update("ce_exams", {"exam_year": 2025, "nex_id": "V-ne-1"}, {"n_term": Decimal("1.4")})


def test_after_closing_the_se_a_pws_title_needs_a_reason(school, tmp_path):
    """The title printed on the cijferlijst is an SE fact: frozen with the SE, like a grade."""
    titles = tmp_path / "pws.csv"
    titles.write_text("examenjaar;examennummer;pws_titel\n2025;1001;Eerste titel\n",
                      encoding="utf-8")
    proc = cli("import", "pws", str(titles), "--db", str(school.path))
    assert proc.returncode == 0, proc.stderr
    closing.close_se(school, 2025, "SE dicht")
    titles.write_text("examenjaar;examennummer;pws_titel\n2025;1001;Verbeterde titel\n",
                      encoding="utf-8")
    proc = cli("import", "pws", str(titles), "--db", str(school.path))
    assert proc.returncode == 2 and "--reden" in proc.stderr and "Traceback" not in proc.stderr
    with school.read() as con:
        assert con.execute("SELECT title FROM pws_titles").fetchall() == [("Eerste titel",)]
    proc = cli("import", "pws", str(titles), "--db", str(school.path), "--reden", "typefout")
    assert proc.returncode == 0, proc.stderr
    with school.read() as con:
        assert con.execute("SELECT title FROM pws_titles").fetchall() == [("Verbeterde titel",)]
        row = con.execute("SELECT old_value, new_value, reason, after_closing FROM audit_log WHERE "
                          "table_name = 'pws_titles' AND action = 'update' ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("Eerste titel", "Verbeterde titel", "typefout", True)
    assert verify(school).ok


def test_establishing_a_result_freezes_the_ce_and_needs_the_se_closed_first(school):
    with pytest.raises(closing.ClosingError, match="Sluit eerst het schoolexamen"):
        closing.establish_result(school, 2025, 1, "uitslag")
    closing.close_se(school, 2025, "SE dicht")
    closing.establish_result(school, 2025, 1, "uitslag tijdvak 1")
    with pytest.raises(closing.ClosingError, match="al vastgesteld"):
        closing.establish_result(school, 2025, 1, "nog eens")
    for table, key, values in (
            ("ce_exams", {"exam_year": 2025, "nex_id": "V-ne-1"}, {"n_term": Decimal("2.0")}),
            ("ce_scores", {"exam_year": 2025, "period": 1, "exam_number": "1001", "subject": "ne"},
             {"score": 50}),
            ("candidate_subjects", {"exam_year": 2025, "exam_number": "1001", "subject": "ne"},
             {"exam_part": "vrij"})):
        with pytest.raises(ClosedError, match="uitslag van tijdvak 1"), \
                school.transaction(reason="x") as tx:
            tx.update(table, key, values)
    with pytest.raises(ClosedError):
        school.set_setting("rulepack", "ozhw")
    school.set_setting("rulepack", "ozhw", user_reason="bestuur koos OZHW-regels")
    assert verify(school).ok


def test_vaststellen_on_the_command_line_prints_the_head_of_the_chain(school):
    db = str(school.path)
    assert "Schoolexamen 2025 afsluiten: nog niet vastgesteld" in cli("vaststellen", "--db", db).stdout
    refused = cli("vaststellen", "se", "--db", db)
    assert refused.returncode == 2 and "--reden" in refused.stderr
    done = cli("vaststellen", "se", "--db", db, "--reden", "examencommissie 20 april")
    assert done.returncode == 0, done.stderr
    head = done.stdout.split("Kop van de auditketen: ", 1)[1].split()[0]
    assert len(head) == 64
    assert cli("audit", "verify", "--db", db, "--kop", head).returncode == 0
    again = cli("vaststellen", "se", "--db", db, "--reden", "nog eens")
    assert again.returncode == 2 and "al vastgesteld" in again.stderr


def test_deadlines_are_shown_ahead_and_the_act_decides(school):
    with school.transaction(reason="rooster") as tx:
        tx.update("ce_exams", {"exam_year": 2025, "nex_id": "V-ne-1"},
                  {"exam_date": "2025-05-12"})
    lines = [d.sentence() for d in closing.deadlines(school, 2025)]
    assert "uiterlijk 11-05-2025" in lines[0] and "2.55" in lines[0]
    assert "vanaf 13-05-2025" in lines[1]
    closing.close_se(school, 2025, "SE dicht")
    assert "vastgesteld op" in closing.deadlines(school, 2025)[0].sentence()


# -- a candidate's history ------------------------------------------------------------------------

def test_history_shows_the_ce_grade_an_n_term_change_caused(school):
    with school.transaction(reason="CvTE bijgesteld") as tx:
        tx.update("ce_exams", {"exam_year": 2025, "nex_id": "V-ne-1"}, {"n_term": Decimal("2.0")})
    lines = candidate_history(school, "1001")
    derived = [h for h in lines if h.derived]
    assert derived, [(h.action, h.what) for h in lines]
    last = derived[-1]
    # score 48 of 66: 1.3 + 9*48/66 = 7.845 -> 7.8; with N = 2.0: 8.545 -> 8.5
    assert (last.what, last.old, last.new) == ("CE-cijfer ne tijdvak 1", "7,8", "8,5")
    assert "N-term 1,3 -> 2,0" in last.reason
    assert any(h.what.startswith("se_results") and h.new == "5.6" for h in lines)
    proc = cli("audit", "--examennummer", "1001", "--db", str(school.path))
    assert proc.returncode == 0 and "gevolg" in proc.stdout and "7,8 -> 8,5" in proc.stdout


# -- a database from before the chain ------------------------------------------------------------

def test_a_database_from_before_the_chain_is_sealed_and_verifiable(tmp_path):
    path = tmp_path / "oud.duckdb"
    first = resources.files("examenbureau.core.store").joinpath("migrations/0001_initial.sql")
    with duckdb.connect(str(path)) as con:      # a file as version 1 of examenbureau made it
        con.execute(first.read_text(encoding="utf-8"))
        con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        con.execute("INSERT INTO candidates (exam_year, exam_number, last_name, school_type) "
                    "VALUES (2025, '0001', 'Oud', 'havo')")
        con.execute("INSERT INTO audit_log (changed_at, actor, action, table_name, row_key, "
                    "new_value) VALUES (TIMESTAMP '2025-01-01 10:00:00', 'EXAMENBUREAU_USER=rector', "
                    "'insert', 'candidates', '2025/0001', 'last_name=Oud; school_type=havo')")
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.role == "schrijver"              # the file's owner is its first writer
    report = verify(store)
    assert report.ok, report.lines()
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'vastgelegd'"
                           ).fetchone()[0] >= 1
    shutil.copyfile(path, tmp_path / "kopie.duckdb")
    plain(Store(tmp_path / "kopie.duckdb"), "UPDATE candidates SET last_name = 'Anders'")
    assert not verify(Store(tmp_path / "kopie.duckdb")).ok


def test_a_migration_numbered_lower_that_landed_later_is_still_applied(tmp_path):
    """A file that reached version 3 (0001 and 0003) before 0002 existed still gets 0002."""
    path = tmp_path / "drie.duckdb"
    folder = resources.files("examenbureau.core.store").joinpath("migrations")
    with duckdb.connect(str(path)) as con:      # as the store of version 3 made it
        for name in ("0001_initial.sql", "0003_pack_decisions.sql"):
            con.execute(folder.joinpath(name).read_text(encoding="utf-8"))
            con.execute("INSERT INTO audit_log (changed_at, actor, action, reason, source) "
                        "VALUES (TIMESTAMP '2025-01-01 10:00:00', 'x', 'migrate', 'schema', ?)", [name])
        con.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM information_schema.tables "
                           "WHERE table_name = 'kept_results'").fetchone()[0] == 1
        done = [r[0] for r in con.execute("SELECT new_value FROM audit_log WHERE action = 'migrate' "
                                          "AND new_value IS NOT NULL ORDER BY id").fetchall()]
    assert done == ["0002_kept_results.sql", "0004_audit_chain_roles_closings.sql",
                    "0005_pws_titles.sql"]
    assert verify(store).ok
    assert Store(path).schema_version() == SCHEMA_VERSION      # opened again: nothing to do


def test_python_and_sql_agree_on_a_row_content(tmp_path):
    """Small appends hash in Python, large ones and `audit verify` in SQL: one definition."""
    from datetime import datetime, timedelta

    from examenbureau.core.store.audit import FIELDS, content_of, content_sql

    store = Store(tmp_path / "s.duckdb")
    later = datetime.now(UTC).replace(microsecond=123456) + timedelta(seconds=2)
    rows = [
        (later, "root", None, "update", "notitie",
         "2025/1001/ne", "grade", "", "Zoë\n\u00e9\U0001f600", "reden; met = tekens", None, 2025,
         "1001", "ne", True),
        (later + timedelta(seconds=1), "a", "Naam", "insert", None, None, None, None, "{}",
         None, "x.csv", None, None, None, False),
    ]
    with store.transaction(reason="t") as tx:
        tx.chain.append(rows)
    with store.read() as con:
        found = con.execute(f"SELECT id, {', '.join(FIELDS)}, {content_sql()} FROM audit_log "
                            "ORDER BY id DESC LIMIT 2").fetchall()
    for row in found:
        assert content_of(row[0], row[1:-1]) == row[-1]
    assert verify(store).ok
