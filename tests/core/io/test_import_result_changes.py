"""Imports that change a result say whose, in the words of the uitslag list.

Regressions (issue 9, "Also fix"): an N-term import said "uitslag nog niet te bepalen -> ja"
where a parent reads "geslaagd"; an SE import did not name the candidates whose result it
changed at all, while the DNT and N-term imports did. The school is the results school of
tests/conftest.py: every CE exam has L = 90, N = 1,0, except 32007 (havo ak tijdvak 2) whose
N-term is not published yet.
"""

from __future__ import annotations

import re

from examenbureau.core.io.importers import import_file
from examenbureau.core.store import Store


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_nterm_import_names_outcomes_geslaagd_afgewezen(results_school_db, tmp_path):
    """32007 gets its N-term: 5003 (ak 7,0 in tijdvak 2) is decided and passes. 31001 (havo netl
    tijdvak 1) gets N = 3,0: 5002's score 30 gives 30/90 x 9 + 3,0 = 6,0 instead of 4,0; the
    final (4,0 + 6,0)/2 = 5 is the one 5 allowed in the kernvakken (art. 3.34), so 5002 passes."""
    store = Store(results_school_db)
    path = _write(tmp_path, "nterms_2025.csv",
                  "examenjaar;nex_id;schaallengte;nterm\n2025;32007;90;1,0\n2025;31001;90;3,0\n")
    report = import_file(store, "n-terms", path)
    assert report.ok, report.errors
    lines = {a.exam_number: a.line() for a in report.affected}
    assert "; uitslag nog niet te bepalen -> geslaagd;" in lines["5003"]
    assert "netl CE tijdvak 1 4,0 -> 6,0, CE 4,0 -> 6,0, eindcijfer 4 -> 5" in lines["5002"]
    assert "; uitslag afgewezen -> geslaagd" in lines["5002"]
    text = "\n".join(report.summary_lines())
    assert f"Kandidaten met een gewijzigd resultaat ({len(lines)}):" in text
    assert re.findall(r"uitslag [^;\n]*", text)
    for outcome in re.findall(r"uitslag [^;\n]*", text):
        assert not re.search(r"\b(ja|nee)\b", outcome), outcome


def test_se_import_names_the_candidates_whose_result_changes(results_school_db, tmp_path):
    """5002 fails on netl SE 4,0 (NE-T1 4,0 weight 1, NE-T2 4,0 weight 2) and CE 4,0. A resit
    of NE-T1 with 8,5 gives SE (8,5 + 2 x 4,0)/3 = 5,5 and final (5,5 + 4,0)/2 = 4,75 -> 5: the
    one 5 allowed in the kernvakken, so 5002 passes. 5001's NE-LD row is stored already."""
    store = Store(results_school_db)
    path = _write(tmp_path, "herkansingen.csv",
                  "examenjaar;examennummer;vak;toetscode;poging;resultaat\n"
                  "2025;5002;netl;NE-T1;herkansing;8,5\n"
                  "2025;5001;netl;NE-LD;afname;voldaan\n")
    report = import_file(store, "se-results", path)
    assert report.ok, report.errors
    assert report.counts.sentence() == "1 nieuw, 0 gewijzigd, 1 ongewijzigd"
    assert [a.line() for a in report.affected] == [
        "5002 Bram de Proef: netl SE 4,0 -> 5,5, eindcijfer 4 -> 5; uitslag afgewezen -> geslaagd"]
    text = "\n".join(report.summary_lines())
    assert "Kandidaten met een gewijzigd resultaat (1):" in text
    assert ("  5002 Bram de Proef: netl SE 4,0 -> 5,5, eindcijfer 4 -> 5; uitslag afgewezen -> "
            "geslaagd") in text

    again = import_file(store, "se-results", path)        # the same file: nothing to compare
    assert again.ok and again.nothing_changed and not again.affected
    assert not again.results_compared
    assert "gewijzigd resultaat" not in "\n".join(again.summary_lines())


def test_an_se_grade_that_moves_without_the_final_grade_is_named(results_school_db, tmp_path):
    """The SE grade is on the cijferlijst: a correction that moves it must be named even when
    the final grade stays. A resit of 5002's NE-T1 with 5,5 gives SE (5,5 + 2 x 4,0)/3 = 4,5;
    the final (4,5 + 4,0)/2 = 4,25 stays 4 and 5002 still fails. (Before, this change was
    reported as "Geen kandidaat heeft hierdoor een ander resultaat.")"""
    store = Store(results_school_db)
    path = _write(tmp_path, "herkansing.csv",
                  "examenjaar;examennummer;vak;toetscode;poging;resultaat\n"
                  "2025;5002;netl;NE-T1;herkansing;5,5\n")
    report = import_file(store, "se-results", path)
    assert report.ok, report.errors
    assert [a.line() for a in report.affected] == ["5002 Bram de Proef: netl SE 4,0 -> 4,5"]


def test_se_import_that_changes_no_result_says_so(results_school_db, tmp_path):
    """5001 passes with wisA 7,5 (a lower resit 6,5 does not count); another lower resit
    changes a stored row but not the result."""
    store = Store(results_school_db)
    path = _write(tmp_path, "se.csv",
                  "examenjaar;examennummer;vak;toetscode;poging;resultaat\n"
                  "2025;5001;wisA;wisA-T1;herkansing;6,0\n")
    report = import_file(store, "se-results", path)
    assert report.ok, report.errors
    assert report.counts.sentence() == "0 nieuw, 1 gewijzigd, 0 ongewijzigd"
    assert report.results_compared and report.affected == []
    assert "Geen kandidaat heeft hierdoor een ander resultaat." in report.summary_lines()
