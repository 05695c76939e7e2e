"""Results kept in the store (issue 10, incremental): fresh ones are shown as kept, a change
makes stale exactly the candidates whose inputs it touched, and those are computed once.

The demo school is a private copy per test (`demo_copy`); nothing here is mocked: the counts of
computed candidates come from wrapping the real per-candidate function and calling through.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import orjson
import pytest

from examenbureau.core import result_changes, results
from examenbureau.core.io.importers import import_file
from examenbureau.core.results import compute_results, kept
from examenbureau.core.store import Store


def _as_json(result) -> bytes:
    return orjson.dumps(result.as_json(raw=orjson.Fragment))


@pytest.fixture
def counted(monkeypatch):
    """The exam numbers the results engine computes, in order (the real function is called)."""
    seen: list[str] = []
    real = results._candidate

    def spy(row, *args, **kwargs):
        seen.append(row[1])
        return real(row, *args, **kwargs)

    monkeypatch.setattr(results, "_candidate", spy)
    return seen


def _year(store: Store) -> int:
    year = store.latest_exam_year()
    assert year is not None
    return year


def test_kept_results_come_back_equal_to_computed_ones(demo_copy):
    store = demo_copy
    year = _year(store)
    # the demo keeps every result at its end, as a school's imports do
    again = kept.open_kept(store, year)
    assert again.stale == () and len(again.results) == again.total > 100
    computed = {r.exam_number: r for r in compute_results(store, exam_year=year, explain=True)}
    for r in again.results:
        fresh = computed[r.exam_number]
        assert r == fresh                                     # grades, outcome, subjects, ...
        assert _as_json(r) == _as_json(fresh)                 # reasons included
        # what a change compares before it, read from the kept text without restoring
        assert kept.facts_of_kept(_as_json(r)) == result_changes.result_facts(fresh)
        assert [n.as_json() for n in r.notes] == [n.as_json() for n in fresh.notes]
        assert r.warnings == fresh.warnings and r.school_rule == fresh.school_rule
        assert r.composition == fresh.composition


def test_forgetting_the_kept_results_makes_every_result_stale_and_loses_no_fact(demo_copy):
    store = demo_copy
    year = _year(store)
    with store.read() as con:
        audit_rows = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        grades = con.execute("SELECT * FROM se_results ORDER BY ALL").fetchall()
    before = kept.open_kept(store, year)
    kept.forget(store)
    after = kept.open_kept(store, year)
    assert after.results == [] and len(after.stale) == before.total > 100
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit_rows
        assert con.execute("SELECT * FROM se_results ORDER BY ALL").fetchall() == grades
    again = kept.refresh(store, year)       # computed again: the same results as before
    assert [_as_json(r) for r in again] == [_as_json(r) for r in before.results]


def test_an_n_term_makes_stale_only_its_candidates_and_they_are_computed_once(demo_copy, counted):
    store = demo_copy
    year = _year(store)
    kept.refresh(store, year)
    with store.read() as con:
        nex, n_term = con.execute(
            "SELECT nex_id, n_term FROM ce_exams WHERE exam_year = ? AND n_term IS NOT NULL"
            " AND nex_id IN (SELECT nex_id FROM ce_scores WHERE exam_year = ?)"
            " ORDER BY nex_id LIMIT 1", [year, year]).fetchone()
        takers = sorted(n for (n,) in con.execute(
            "SELECT DISTINCT exam_number FROM ce_scores WHERE exam_year = ? AND nex_id = ?",
            [year, nex]).fetchall())
    assert 0 < len(takers) < 100
    with store.transaction(reason="test: nieuwe N-term") as tx:
        tx.update("ce_exams", {"exam_year": year, "nex_id": nex},
                  {"n_term": n_term + Decimal("0.5") if n_term < 2 else n_term - Decimal("0.5")})
    assert sorted(kept.open_kept(store, year).stale) == takers
    counted.clear()
    assert [r.exam_number for r in kept.refresh(store, year)] == takers
    assert counted == takers                                  # once each, nobody else
    assert kept.open_kept(store, year).stale == ()


def test_an_se_grade_a_pack_and_a_school_setting_make_stale_whom_they_concern(demo_copy):
    store = demo_copy
    year = _year(store)
    kept.refresh(store, year)
    with store.read() as con:
        number, subject, test, attempt, seq, grade = con.execute(
            "SELECT exam_number, subject, test_code, attempt, seq, grade FROM se_results"
            " WHERE exam_year = ? AND grade IS NOT NULL ORDER BY ALL LIMIT 1", [year]).fetchone()
    with store.transaction(reason="test: correctie") as tx:
        tx.update("se_results", {"exam_year": year, "exam_number": number, "subject": subject,
                                 "test_code": test, "attempt": attempt, "seq": seq},
                  {"grade": Decimal("9.9") if grade != Decimal("9.9") else Decimal("1.0")})
    assert kept.open_kept(store, year).stale == (number,)
    kept.refresh(store, year)
    store.set_setting("combinatiecijfer.havo", "anw", reason="test")   # every candidate
    assert len(kept.open_kept(store, year).results) == 0
    kept.refresh(store, year)
    store.set_setting("rulepack", "ozhw", reason="test")               # another pack: everyone
    assert kept.open_kept(store, year).results == []


def test_an_n_term_import_computes_each_watched_candidate_once(results_school_db, tmp_path,
                                                                 counted):
    """Before the change the watch reads the kept results; after it, it computes once. (Today's
    main computed the watched candidates twice: before and after.)"""
    store = Store(results_school_db)
    year = _year(store)
    kept.refresh(store, year)
    path = tmp_path / "nterms.csv"
    path.write_text("examenjaar;nex_id;schaallengte;nterm\n2025;31001;90;3,0\n", encoding="utf-8")
    counted.clear()
    report = import_file(store, "n-terms", path)
    assert report.ok, report.errors
    assert "5002" in {a.exam_number for a in report.affected}
    assert counted and len(counted) == len(set(counted))
    assert kept.open_kept(store, year).stale == ()


class _CountingStore(Store):
    """The real store, counting how often it opens the file (each open and close cost more
    than the work of a one-row N-term file)."""

    opened = 0

    def _connect(self, *args, **kwargs):
        self.opened += 1
        return super()._connect(*args, **kwargs)


def test_an_n_term_import_opens_the_file_once_and_keeps_what_it_computed(results_school_db,
                                                                          tmp_path):
    """Reading the school, the results before, the write, and computing and keeping the
    touched candidates all happen on one connection, in the import's own transaction; a
    refused file writes nothing at all."""
    store = _CountingStore(results_school_db)
    year = _year(store)
    kept.refresh(store, year)
    path = tmp_path / "nterms.csv"
    path.write_text("examenjaar;nex_id;schaallengte;nterm\n2025;31001;90;3,0\n", encoding="utf-8")
    store.opened = 0
    report = import_file(store, "n-terms", path)
    assert report.ok, report.errors
    assert store.opened == 1
    assert "5002" in {a.exam_number for a in report.affected}
    assert kept.open_kept(store, year).stale == ()     # kept in the same transaction

    def audit_rows() -> int:
        with store.read() as con:
            return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]

    before = audit_rows()
    bad = tmp_path / "fout.csv"
    bad.write_text("examenjaar;nex_id;schaallengte;nterm\n2025;31001;90;drie\n", encoding="utf-8")
    refused = import_file(store, "n-terms", bad)
    assert not refused.ok and refused.errors
    assert audit_rows() == before


def test_uitslag_json_prints_kept_results_and_never_a_stale_one(demo_copy):
    store = demo_copy
    year = _year(store)

    def uitslag() -> list[dict]:
        done = subprocess.run([sys.executable, "-m", "examenbureau", "uitslag", "--db",
                               str(store.path), "--format", "json"],
                              capture_output=True, check=True)
        return json.loads(done.stdout)

    computed = [json.loads(_as_json(r))
                for r in compute_results(store, exam_year=year, explain=True)]
    assert uitslag() == computed                              # computes and keeps
    assert kept.open_kept(store, year).stale == ()
    assert uitslag() == computed                              # from the kept rows
    victim = computed[0]["examennummer"]
    with store.transaction(reason="test") as tx:
        tx.execute("DELETE FROM se_results WHERE exam_year = ? AND exam_number = ?",
                   [year, victim])
    after = uitslag()
    assert after[0]["passed"] is None and after[0]["missing"]  # recomputed: SE now missing
    assert after[1:] == computed[1:]


def test_a_schema_without_the_kept_table_still_gives_results(demo_copy):
    """A database whose schema skipped migration 0002 keeps nothing and still answers."""
    store = demo_copy
    year = _year(store)
    with store.transaction(reason="test") as tx:
        tx.execute("DROP TABLE kept_results")
    got = kept.refresh(store, year)
    assert len(got) == kept.open_kept(store, year).total == len(kept.open_kept(store, year).stale)
    assert [_as_json(c) for c in got] == [
        _as_json(r) for r in compute_results(store, exam_year=year, explain=True)]
