"""The example school files (tests/fixtures/examples) import, idempotently; DNT updates change exactly what
changed and name the candidates whose result changes."""

from __future__ import annotations

import shutil
from decimal import Decimal

from examenbureau.core.io.importers import import_file


def test_every_example_data_file_is_imported_by_some_kind(io_kit):
    imported = {name for _, name, _ in io_kit.EXAMPLE_IMPORTS}
    on_disk = {p.name for p in io_kit.EXAMPLES.iterdir()}
    assert on_disk - io_kit.NOT_IMPORTED == imported


def test_examples_import_into_the_schema(store, io_kit):
    reports = io_kit.import_examples(store)
    assert [r.counts.sentence() for r in reports] == [
        "6 nieuw, 0 gewijzigd, 0 ongewijzigd",
        "62 nieuw, 0 gewijzigd, 0 ongewijzigd",
        "24 nieuw, 0 gewijzigd, 0 ongewijzigd",
        "52 nieuw, 0 gewijzigd, 0 ongewijzigd",
        "12 nieuw, 0 gewijzigd, 0 ongewijzigd",   # November DNT: no L, no N
        "3 nieuw, 0 gewijzigd, 12 ongewijzigd",   # normalized table adds tijdvak 2
        "0 nieuw, 12 gewijzigd, 0 ongewijzigd",   # N-terms tijdvak 1
        "0 nieuw, 3 gewijzigd, 0 ongewijzigd",    # N-terms tijdvak 2
        "0 nieuw, 0 gewijzigd, 15 ongewijzigd",   # the full Cito DNT says the same
        "15 nieuw, 0 gewijzigd, 0 ongewijzigd",
        "28 nieuw, 0 gewijzigd, 0 ongewijzigd",
        "13 nieuw, 0 gewijzigd, 0 ongewijzigd",   # year grades of pupils before the exam year
        "4 nieuw, 0 gewijzigd, 0 ongewijzigd",    # PWS titles of the havo/vwo candidates
    ]
    with store.read() as con:
        cand = con.execute("SELECT exam_number, student_number, first_name, name_prefix, last_name,"
                           " track, variant, programme_code FROM candidates ORDER BY 1").fetchall()
        exam = con.execute("SELECT school_type, track, subject_code, subject, period, exam_date,"
                           " start_time, scale_length, n_term FROM ce_exams WHERE nex_id = '31202'"
                           ).fetchone()
        se = con.execute("SELECT grade, assessment, status FROM se_results WHERE exam_number ="
                         " '5102' AND test_code IN ('NE5-T1', 'NE5-LD') ORDER BY test_code,"
                         " attempt").fetchall()
        ce = con.execute("SELECT score, status, direct_grade, nex_id FROM ce_scores WHERE"
                         " exam_number = '6202' ORDER BY period, subject").fetchall()
        subj = con.execute("SELECT subject, subject_code, name, has_ce FROM candidate_subjects"
                           " WHERE exam_number = '4301' AND subject IN ('ne', 'pws')"
                           " ORDER BY subject").fetchall()
        audit_sources = {r[0] for r in con.execute(
            "SELECT DISTINCT source FROM audit_log WHERE action IN ('insert', 'update')"
            " AND table_name <> 'settings'"   # the file's first writer, set when it was made
        ).fetchall()}
    assert cand == [
        ("4301", "101556", "Zoë", "'t", "Voorbeeld", "tl", None, "0400"),
        ("4302", "101578", "Yusuf", None, "Testoğlu", "gl", None, None),
        ("5101", "100234", "Anna", None, "Fictief", None, None, "0372"),
        ("5102", "100287", "Bram", "de", "Proef", None, None, "0372"),
        ("6201", "099812", "Chloë", "van", "Voorbeeld", None, "atheneum", "0171"),
        ("6202", "099845", "Daan", None, "Testema", None, "gymnasium", "0270"),
    ]
    assert exam[:4] == ("vmbo", "gl-tl", "0153", "wi")
    assert exam[4:] == (1, exam[5], "13:30", 67, Decimal("0.9"))
    assert exam[5].isoformat() == "2025-05-15"
    assert se == [(None, "voldaan", None), (None, None, "niet_gemaakt"),
                  (Decimal("5.9"), None, None)]
    assert ce == [(29, None, None, "31101"), (71, None, None, "31102"),
                  (None, None, Decimal("6.4"), None)]
    assert subj == [("ne", "0011", "Nederlandse taal", True),
                    ("pws", None, "profielwerkstuk", False)]
    # every file that changed something is named as the source of its changes
    assert audit_sources == {name for _, name, _ in io_kit.EXAMPLE_IMPORTS} - {
        "dnt_2025_cito_style.txt"}


def test_reimport_changes_nothing_and_says_so(example_store, io_kit):
    before = io_kit.db_content(example_store)
    before.pop("audit_log")
    for kind, name, year in io_kit.EXAMPLE_IMPORTS:
        report = import_file(example_store, kind, io_kit.EXAMPLES / name, exam_year=year)
        assert report.ok
        assert report.counts.new == report.counts.changed == 0, name
        assert report.nothing_changed
        assert "Niets gewijzigd" in "\n".join(report.summary_lines())
    after = io_kit.db_content(example_store)
    after.pop("audit_log")
    assert after == before


def test_dnt_update_changes_exactly_the_new_nterms_and_names_affected(example_store, tmp_path,
                                                                      io_kit):
    original = (io_kit.EXAMPLES / "dnt_2025_cito_style.txt").read_text(encoding="utf-8")
    updated = original.replace("|52|1,1|4101||14-5-2025", "|52|1,4|4101||14-5-2025")
    updated = updated.replace("|67|0,9|4302||15-5-2025", "|67|1,2|4302||15-5-2025")
    assert updated.count("\n") == original.count("\n") and updated != original
    path = tmp_path / "dnt_2025_update.txt"   # a new file name: sources alone change nothing
    path.write_text(updated, encoding="utf-8")
    before = io_kit.db_content(example_store)
    report = import_file(example_store, "dnt", path, exam_year=2025)
    assert report.ok, report.errors
    assert report.counts.sentence() == "0 nieuw, 2 gewijzigd, 13 ongewijzigd"
    assert sorted(report.counts.changed_keys) == [(2025, "31001"), (2025, "31202")]
    assert report.changed_exams == ["31001 (netl, tijdvak 1): N-term 1,1 -> 1,4",
                                    "31202 (wi, tijdvak 1): N-term 0,9 -> 1,2"]
    after = io_kit.db_content(example_store)
    changed_tables = {t for t in before if before[t] != after[t]}
    assert changed_tables == {"ce_exams", "audit_log"}
    new_audit = [r for r in after["audit_log"] if r not in before["audit_log"]]
    updates = sorted((r[4], r[5], r[6], r[7], r[8], r[10]) for r in new_audit if r[3] == "update")
    assert updates == [
        ("ce_exams", "2025/31001", "n_term", "1.1", "1.4", "dnt_2025_update.txt"),
        ("ce_exams", "2025/31001", "source", "fictief-voorbeeld", "cito-dnt:dnt_2025_update.txt",
         "dnt_2025_update.txt"),
        ("ce_exams", "2025/31202", "n_term", "0.9", "1.2", "dnt_2025_update.txt"),
        ("ce_exams", "2025/31202", "source", "fictief-voorbeeld", "cito-dnt:dnt_2025_update.txt",
         "dnt_2025_update.txt"),
    ]
    # Candidates with a score on a changed exam: 5101 (31001) and 4301, 4302 (31202); 5102
    # was absent on 31001, so its result does not change and it is not listed.
    assert [a.line() for a in report.affected] == [
        "4301 Zoë 't Voorbeeld: wi CE tijdvak 1 7,9 -> 8,2, CE 7,9 -> 8,2",
        "4302 Yusuf Testoğlu: wi CE tijdvak 1 4,7 -> 5,0",      # tijdvak 2 (6,5) still counts
        "5101 Anna Fictief: netl CE tijdvak 1 7,2 -> 7,5, CE 7,2 -> 7,5",
    ]
    text = "\n".join(report.summary_lines())
    assert "Kandidaten met een gewijzigd resultaat (3):" in text


def test_november_dnt_after_june_keeps_published_values(example_store, tmp_path, io_kit):
    shutil.copy(io_kit.EXAMPLES / "dnt_2025_cito_style_november.txt", tmp_path / "oud.txt")
    before = io_kit.db_content(example_store)
    report = import_file(example_store, "dnt", tmp_path / "oud.txt", exam_year=2025)
    assert report.ok
    assert report.counts.sentence() == "0 nieuw, 0 gewijzigd, 12 ongewijzigd"
    assert any("blijft staan" in n for n in report.notices)
    after = io_kit.db_content(example_store)
    assert after["ce_exams"] == before["ce_exams"]
