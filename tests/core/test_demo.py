"""The demo school: deterministic, complete packages, warts on purpose, fast at scale.

Everything runs on real DuckDB files through the real Store; the CLI tests run the installed
console script.
"""

from __future__ import annotations

import collections
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from examenbureau.core import demo_catalog as cat
from examenbureau.core.composition import check_complete
from examenbureau.core.demo import DemoRefusedError, build_demo, content_fingerprint
from examenbureau.core.store import Store, Transaction

SIX = {("vwo", None, "atheneum"), ("vwo", None, "gymnasium"), ("havo", None, None),
       ("vmbo", "tl", None), ("vmbo", "gl", None), ("vmbo", "kb", None), ("vmbo", "bb", None)}


@pytest.fixture(scope="module")
def demo150(demo_school_150: Path) -> Store:
    """The session's one build of the default demo (tests/conftest.py); only read here."""
    return Store(demo_school_150)


def rows(store: Store, sql: str, params=None) -> list[tuple]:
    with store.read() as con:
        return con.execute(sql, params or []).fetchall()


def level_of(school_type: str, track: str | None) -> tuple[str, str | None]:
    if school_type in ("vwo", "havo"):
        return school_type, None
    return ("vmbo-gt", track) if track in ("gl", "tl") else (f"vmbo-{track}", None)


# -- determinism -----------------------------------------------------------------------------
def test_same_seed_gives_the_same_school_in_two_files(tmp_path, demo150):
    other = Store(tmp_path / "tweede.duckdb")
    summary = build_demo(other, seed=2025, candidates=150)
    assert summary.candidates == 150
    assert content_fingerprint(other) == content_fingerprint(demo150)
    # and not because the fingerprint ignores content: one changed grade changes it
    with other.transaction(reason="test") as tx:
        tx.execute("UPDATE se_results SET grade = grade + 0.1 WHERE grade < 9"
                   " AND attempt = 'afname' AND exam_number = ("
                   "SELECT min(exam_number) FROM se_results WHERE grade < 9)")
    assert content_fingerprint(other) != content_fingerprint(demo150)


def test_another_seed_gives_another_school(tmp_path, demo150):
    other = Store(tmp_path / "ander.duckdb")
    build_demo(other, seed=7, candidates=150)
    assert content_fingerprint(other) != content_fingerprint(demo150)
    names = "SELECT first_name, last_name FROM candidates ORDER BY exam_number"
    assert rows(other, names) != rows(demo150, names)


def test_content_does_not_depend_on_how_the_work_is_chunked(tmp_path):
    whole, pieces = Store(tmp_path / "heel.duckdb"), Store(tmp_path / "stukjes.duckdb")
    build_demo(whole, seed=5, candidates=150)
    seen: list[int] = []
    build_demo(pieces, seed=5, candidates=150, chunk=40,       # 4 blocks, the last one short
               progress=lambda done, total: seen.append(done))
    assert seen == [0, 40, 80, 120, 150]
    assert content_fingerprint(whole) == content_fingerprint(pieces)


def test_sql_random_equals_the_python_one(tmp_path):
    """The catalogue (Python) and the bulk rows (SQL) draw from one generator."""
    from examenbureau.core import demo

    con = duckdb.connect(str(tmp_path / "r.duckdb"))
    demo._macros(Transaction(con, "test", None, None), 424242)
    got = con.execute("SELECT a, b, c, rnd(a, b, c) FROM (SELECT i % 50 AS a, i * 37 AS b,"
                      " (i * 7919) % 100003 AS c FROM range(3000) t(i))").fetchall()
    con.close()
    assert all(cat.mix(424242, a, b, c) == r for a, b, c, r in got)
    assert len({r for *_, r in got}) > 2990
    assert cat.fmix(1) == 0x514E28B7  # MurmurHash3 fmix32 reference value


# -- who is there ------------------------------------------------------------------------------
def test_all_six_school_types_and_leerwegen_even_for_seven_candidates(tmp_path, demo150):
    kinds = "SELECT DISTINCT school_type, track, variant FROM candidates"
    assert {tuple(r) for r in rows(demo150, kinds)} == SIX
    tiny = Store(tmp_path / "klein.duckdb")
    build_demo(tiny, candidates=7)
    assert {tuple(r) for r in rows(tiny, kinds)} == SIX
    with pytest.raises(ValueError, match="tussen 7 en"):
        build_demo(Store(tmp_path / "te-klein.duckdb"), candidates=6)


def test_settings_and_audit_rows(demo150):
    settings = dict(rows(demo150, "SELECT key, value FROM settings WHERE key NOT LIKE 'rollen.%'"))
    assert settings == {"school_name": "Fictief Voorbeeldcollege", "brin": "99ZZ",
                        "exam_year": "2025", "demo": "ja"}
    audit = rows(demo150, "SELECT action, new_value, reason FROM audit_log WHERE action = 'demo'")
    assert audit == [("demo", "seed=2025; kandidaten=150",
                      "demo aangemaakt (seed 2025, 150 kandidaten)")]
    # every row the demo wrote has its own audit row, as an import leaves (audit verify)
    for table in ("candidates", "se_results", "ce_item_scores"):
        assert rows(demo150, f"SELECT count(*) FROM {table}") == rows(
            demo150, f"SELECT count(*) FROM audit_log WHERE action = 'insert' AND table_name = '{table}'")


def test_real_world_text_in_names_and_numbers(demo150):
    cands = rows(demo150, "SELECT exam_number, student_number, last_name, name_prefix,"
                          " first_name, initials, class_name, cohort, programme_code, profile"
                          " FROM candidates")
    assert len(cands) == 150
    text = " ".join(f"{r[2]} {r[3] or ''} {r[4]}" for r in cands)
    for ch in "ëéïöçğ":
        assert ch in text, ch
    prefixes = {r[3] for r in cands}
    assert {"van", "de"} <= prefixes and prefixes & {"'t", "in 't", "van 't"}
    assert any("-" in r[2] for r in cands)
    assert any(r[1].startswith("0") for r in cands), "leerlingnummers met voorloopnul"
    assert all(isinstance(r[0], str) and r[0].isdigit() for r in cands)
    assert len({r[0] for r in cands}) == 150
    assert all(r[5].endswith(".") and r[5][0] == r[4][0] for r in cands)
    assert {"V6a", "G6a", "H5a", "H5b", "4T1", "4G1", "4K1", "4B1"} <= {r[6] for r in cands}
    assert {r[7] for r in cands} == {"2022-2025", "2023-2025"}
    codes = {r[8] for r in cands if r[8]}
    assert "0400" in codes and any(c.startswith("02") for c in codes)


# -- what they take ------------------------------------------------------------------------------
def test_every_package_is_a_complete_exam(demo150):
    subjects = collections.defaultdict(list)
    for number, subject in rows(demo150, "SELECT exam_number, subject FROM candidate_subjects"):
        subjects[number].append(subject)
    cands = "SELECT exam_number, school_type, track, variant, profile FROM candidates"
    for number, school_type, track, variant, profile in rows(demo150, cands):
        level, leerweg = level_of(school_type, track)
        result = check_complete(level=level, leerweg=leerweg, profile=profile, variant=variant,
                                subjects=subjects[number])
        assert result.complete, (number, sorted(subjects[number]), result.problems)
    extras = rows(demo150, "SELECT count(DISTINCT exam_number) FROM candidate_subjects"
                           " WHERE exam_part = 'extra'")
    assert 1 <= extras[0][0] <= 30


def test_every_catalogue_package_is_complete_with_and_without_its_extra_subject():
    """Bigger demos draw other packages than the 150 above: all of them must be exams."""
    checked = 0
    for track in cat.TRACKS:
        level, leerweg = level_of(track.school_type, track.track)
        for profile in cat.PROFILES[track.key]:
            for package in profile.variants:
                for with_extra in (False, True):
                    codes = [r.code for r in package if with_extra or r.part != "extra"]
                    result = check_complete(level=level, leerweg=leerweg, profile=profile.key,
                                            variant=track.variant, subjects=codes)
                    assert result.complete and not result.notes, (track.key, codes, result)
                    checked += 1
    assert checked > 500


def test_subject_codes_and_central_exam_flags_come_from_the_subject_table(demo150):
    got = rows(demo150, "SELECT c.school_type, c.track, s.subject, s.subject_code, s.has_ce"
                        " FROM candidate_subjects s"
                        " JOIN candidates c USING (exam_year, exam_number)")
    for school_type, track, subject, code, has_ce in got:
        info = cat.subject(subject, school_type if school_type != "vmbo" else f"vmbo-{track}")
        assert (code, has_ce) == (info.duo_code, info.has_ce)
    assert ("netl", "1001") in {(r[2], r[3]) for r in got}
    assert ("pws", None) in {(r[2], r[3]) for r in got}
    without_classics = rows(demo150, """
        SELECT count(*) FROM candidates c WHERE variant = 'gymnasium' AND NOT EXISTS (
            SELECT 1 FROM candidate_subjects s
            WHERE s.exam_number = c.exam_number AND s.subject IN ('latl', 'grtl'))""")
    assert without_classics == [(0,)]


# -- school exam -----------------------------------------------------------------------------
def test_pta_and_se_results_with_resits_make_ups_and_a_few_gaps(demo150):
    kinds = {r[0] for r in rows(demo150, "SELECT DISTINCT kind FROM pta_items")}
    assert {"schriftelijk", "mondeling", "praktische opdracht", "handelingsdeel",
            "profielwerkstuk"} <= kinds
    assert rows(demo150, "SELECT count(*) FROM pta_items WHERE weight < 0") == [(0,)]
    attempts = dict(rows(demo150, "SELECT attempt, count(*) FROM se_results GROUP BY attempt"))
    assert attempts["afname"] > 5000 and attempts["herkansing"] > 10 and attempts["inhaal"] > 5
    # every make-up follows a missed test
    orphans = rows(demo150, """
        SELECT count(*) FROM se_results i WHERE attempt = 'inhaal' AND NOT EXISTS (
            SELECT 1 FROM se_results a WHERE a.exam_number = i.exam_number
            AND a.subject = i.subject AND a.test_code = i.test_code AND a.attempt = 'afname'
            AND a.status = 'niet_gemaakt')""")
    assert orphans == [(0,)]
    # a few candidates lack a result their PTA asks for: their uitslag is "nog niet te bepalen"
    gaps = rows(demo150, """
        SELECT count(DISTINCT c.exam_number) FROM candidates c
        JOIN candidate_subjects s USING (exam_year, exam_number)
        JOIN pta_items p ON p.cohort = c.cohort AND p.subject = s.subject
                        AND p.school_type = c.school_type
        WHERE NOT EXISTS (SELECT 1 FROM se_results r WHERE r.exam_number = c.exam_number
                          AND r.subject = s.subject AND r.test_code = p.test_code)""")
    assert 1 <= gaps[0][0] <= 15
    low, high, mean = rows(demo150, "SELECT min(grade), max(grade), avg(grade) FROM se_results")[0]
    assert low >= 1 and high <= 10 and 6 <= mean <= 7.5
    empty = rows(demo150, "SELECT count(*) FROM se_results WHERE grade IS NULL"
                          " AND assessment IS NULL AND status IS NULL")
    assert empty == [(0,)]
    assert rows(demo150, "SELECT max(taken_on) FROM se_results")[0][0].isoformat() < "2025-05-09"


# -- central exam ----------------------------------------------------------------------------
def test_dnt_has_exams_without_n_term_that_candidates_sat(demo150):
    exams = rows(demo150, "SELECT nex_id, school_type, track, period, scale_length, n_term"
                          " FROM ce_exams")
    assert all(n.isdigit() and len(n) == 5 for n, *_ in exams)
    assert {(st, tr) for _, st, tr, *_ in exams} == {
        ("vwo", None), ("havo", None), ("vmbo", "gl-tl"), ("vmbo", "gl"), ("vmbo", "kb"),
        ("vmbo", "bb")}
    assert {e[3] for e in exams} == {1, 2}
    assert all(40 <= e[4] <= 85 for e in exams)
    with_n = [e for e in exams if e[5] is not None]
    assert with_n and len(with_n) < len(exams)
    hit = rows(demo150, "SELECT count(DISTINCT s.exam_number) FROM ce_scores s"
                        " JOIN ce_exams e USING (exam_year, nex_id)"
                        " WHERE e.n_term IS NULL AND e.period = 1")
    assert 1 <= hit[0][0] <= 40
    # each candidate sits the exam of their own school type and leerweg
    wrong = rows(demo150, """
        SELECT count(*) FROM ce_scores s JOIN ce_exams e USING (exam_year, nex_id)
        JOIN candidates c USING (exam_year, exam_number)
        WHERE e.subject <> s.subject OR e.period <> s.period OR e.school_type <> c.school_type
           OR (c.track IN ('kb', 'bb') AND e.track <> c.track)
           OR (c.track = 'tl' AND e.track <> 'gl-tl')""")
    assert wrong == [(0,)]


def test_ce_scores_cover_every_ce_subject_with_resits_and_absence(demo150):
    missing = rows(demo150, """
        SELECT count(*) FROM candidate_subjects s WHERE s.has_ce AND NOT EXISTS (
            SELECT 1 FROM ce_scores c WHERE c.exam_number = s.exam_number
            AND c.subject = s.subject AND c.period = 1)""")
    assert missing == [(0,)]
    periods = dict(rows(demo150, "SELECT period, count(*) FROM ce_scores GROUP BY period"))
    assert periods[1] > 900 and 1 <= periods[2] <= 60
    absent = rows(demo150, "SELECT count(*) FROM ce_scores"
                           " WHERE status = 'afwezig' AND score IS NULL")
    assert 1 <= absent[0][0] <= 3
    beyond = rows(demo150, "SELECT count(*) FROM ce_scores s JOIN ce_exams e"
                           " USING (exam_year, nex_id)"
                           " WHERE s.score < 0 OR s.score > e.scale_length")
    assert beyond == [(0,)]


def test_item_scores_sum_to_the_total_and_correctors_differ_by_at_most_one(demo150):
    mismatch = rows(demo150, """
        SELECT count(*) FROM ce_scores s
        LEFT JOIN (SELECT exam_year, period, nex_id, exam_number, sum(score_final) AS total
                   FROM ce_item_scores GROUP BY ALL) i
               USING (exam_year, period, nex_id, exam_number)
        WHERE s.score IS DISTINCT FROM i.total""")
    assert mismatch == [(0,)]
    maxima = rows(demo150, """
        SELECT e.nex_id FROM ce_exams e
        JOIN (SELECT nex_id, exam_number, sum(max_score) AS m FROM ce_item_scores GROUP BY ALL) i
          USING (nex_id)
        WHERE i.m <> e.scale_length""")
    assert maxima == []
    total, c1_differs, c2_differs, broken = rows(demo150, """
        SELECT count(*),
               count(*) FILTER (WHERE score_c1 <> score_final),
               count(*) FILTER (WHERE score_c2 <> score_final),
               count(*) FILTER (WHERE abs(score_c1 - score_final) > 1
                                   OR abs(score_c2 - score_final) > 1
                                   OR least(score_c1, score_c2, score_final) < 0
                                   OR greatest(score_c1, score_c2, score_final) > max_score)
        FROM ce_item_scores""")[0]
    assert total > 10_000 and broken == 0
    assert 0 < c1_differs < total // 10 and 0 < c2_differs < total // 10


# -- safety ----------------------------------------------------------------------------------
def test_a_real_school_is_never_overwritten(tmp_path):
    store = Store(tmp_path / "school.duckdb")
    with store.transaction(reason="echte import") as tx:
        tx.insert("candidates", {"exam_year": 2025, "exam_number": "0042",
                                 "last_name": "Echt", "school_type": "havo"})
    before = content_fingerprint(store)
    with pytest.raises(DemoRefusedError, match="geen demodatabase"):
        build_demo(store)
    assert content_fingerprint(store) == before
    assert rows(store, "SELECT count(*) FROM audit_log WHERE action = 'demo'") == [(0,)]


def test_a_demo_database_is_rebuilt(tmp_path, demo150):
    store = Store(tmp_path / "demo.duckdb")
    assert not build_demo(store, seed=1, candidates=40).rebuilt
    summary = build_demo(store, seed=2025, candidates=150)
    assert summary.rebuilt
    assert rows(store, "SELECT count(*) FROM candidates") == [(150,)]
    assert rows(store, "SELECT count(*) FROM audit_log WHERE action = 'demo'") == [(2,)]
    # equal to a fresh build of the default demo (the session's, built in a new file)
    assert content_fingerprint(store) == content_fingerprint(demo150)


# -- scale -----------------------------------------------------------------------------------
def test_two_thousand_candidates_stay_fast_and_consistent(tmp_path):
    store = Store(tmp_path / "groot.duckdb")
    seen: list[tuple[int, int]] = []
    started = time.process_time()
    summary = build_demo(store, candidates=2000, seed=99,
                         progress=lambda done, total: seen.append((done, total)))
    elapsed = time.process_time() - started
    # a generous bound on the CPU time of this process (DuckDB's threads included), not on the
    # wall clock: the wall clock measured the machine (92.9 s at a load of 11 with five test
    # suites running; 12-37 s at 10), the CPU time stays 6-15 s. It catches a generator gone
    # row by row, not a slow day. Every row also gets its own hash-chained audit row (issue
    # 11: audit verify checks every grade against it), about 455,000 for 2000 candidates.
    # Figures: docs/performance.md
    assert elapsed < 60, f"2000 kandidaten kostten {elapsed:.1f} s CPU"
    assert seen[0] == (0, 2000) and seen[-1] == (2000, 2000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert summary.row_count("candidates") == 2000
    assert sum(n for _, n in summary.per_track) == 2000
    per = dict(rows(store, "SELECT school_type || coalesce(track, '') || coalesce(variant, ''),"
                           " count(*) FROM candidates GROUP BY 1"))
    assert per["vwoatheneum"] == 320 and per["havo"] == 600 and per["vmbobb"] == 140
    assert summary.row_count("ce_item_scores") > 200_000
    orphans = rows(store, "SELECT count(*) FROM candidates WHERE exam_number NOT IN"
                          " (SELECT exam_number FROM candidate_subjects)")
    assert orphans == [(0,)]


# -- command line ----------------------------------------------------------------------------
def _script() -> str:
    found = Path(sys.executable).with_name("examenbureau")
    return str(found) if found.exists() else shutil.which("examenbureau") or "examenbureau"


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXAMENBUREAU_USER": "test"}
    return subprocess.run([_script(), *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=120)


def test_cli_builds_the_same_school_twice(tmp_path):
    prints = []
    for name in ("een.duckdb", "twee.duckdb"):
        done = _run("demo", "--no-tui", "--db", str(tmp_path / name), "--seed", "11",
                    "--candidates", "40")
        assert done.returncode == 0, done.stderr
        assert "vmbo bb" in done.stdout and "kandidaten" in done.stdout
        assert "Klaar in" in done.stdout
        assert done.stderr == ""  # no progress lines when stderr is not a terminal
        prints.append(content_fingerprint(Store(tmp_path / name)))
    assert prints[0] == prints[1]
    # no --db: demo.duckdb in the current directory, never the school's examenbureau.duckdb
    done = _run("demo", "--no-tui", "--candidates", "12", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "demo.duckdb").exists()
    assert not (tmp_path / "examenbureau.duckdb").exists()


def test_cli_refuses_bad_input_and_a_real_school(tmp_path):
    done = _run("demo", "--no-tui", "--db", str(tmp_path / "x.duckdb"), "--candidates", "3")
    assert done.returncode == 2 and "--candidates" in done.stderr
    assert not (tmp_path / "x.duckdb").exists()
    school = Store(tmp_path / "school.duckdb")
    with school.transaction(reason="echt") as tx:
        tx.insert("candidates", {"exam_year": 2025, "exam_number": "1", "last_name": "Echt",
                                 "school_type": "vwo"})
    done = _run("demo", "--no-tui", "--db", str(tmp_path / "school.duckdb"))
    assert done.returncode == 2 and "geen demodatabase" in done.stderr
    assert rows(school, "SELECT count(*) FROM candidates") == [(1,)]


def test_uitslag_decides_every_complete_candidate_and_names_what_others_miss(demo150):
    """Issue 3, acceptance 4: on the demo school every candidate is either decided or 'nog niet
    te bepalen' with each missing item named; the demo leaves N-terms out on purpose."""
    from examenbureau.core.results import compute_results

    results = compute_results(demo150)
    assert len(results) == 150
    statuses = {r.status for r in results}
    assert statuses == {"geslaagd", "afgewezen", "onbepaald"}
    for r in results:
        if r.passed is None:
            assert r.missing, r.exam_number
            assert all(m.text.strip() for m in r.missing)
        else:
            assert not r.missing, (r.exam_number, [m.text for m in r.missing])
            assert r.reasons, r.exam_number
    missing_what = {m.what for r in results for m in r.missing}
    assert "N-term" in missing_what or any("N-term" in m.text for r in results for m in r.missing)


def test_results_read_in_small_batches_are_the_same_as_in_one_go(demo150):
    """iter_results reads the store per batch to keep a national run's memory flat; the batch
    size must never change a result (7 does not divide 150, so the last batch is short)."""
    from examenbureau.core.results import compute_results, iter_results

    whole = [r.as_json() for r in compute_results(demo150)]
    seen: list[tuple[int, int]] = []
    batched = [r.as_json() for r in iter_results(demo150, batch=7,
                                                 progress=lambda d, t: seen.append((d, t)))]
    assert batched == whole
    assert seen[0] == (0, 150) and seen[-1] == (150, 150)
