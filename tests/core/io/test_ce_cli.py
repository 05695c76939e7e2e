"""`examenbureau ce`: corrector differences and the CvTE's art. 10 decision, from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXE = Path(sys.executable).parent / "examenbureau"


def ce(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXE), "ce", *args, "--db", str(db)], capture_output=True, text=True)


def test_differences_award_and_what_it_changed(example_store):
    db = example_store.path
    diff = ce(db, "verschillen")
    assert diff.returncode == 0, diff.stderr
    assert "kandidaat 5101, vraag 9 (max 3): 1e corrector 1, 2e corrector 0; definitief 1" in diff.stdout
    assert "2 verschillen tussen de correctoren, waarvan 0 nog zonder definitieve score." in diff.stdout

    # Question 9: maximum 3; 5101 had 1 -> total 35 + 2 = 37 (exam 31001: L 52, N 1,1).
    award = ce(db, "toekennen", "31001", "9", "--besluit", "02-06-2025", "--reden", "besluit CvTE")
    assert award.returncode == 0, award.stderr
    assert "vraag 9: iedere kandidaat krijgt ten minste 3 scorepunt(en) (besluit van 02-06-2025)" \
        in award.stdout
    assert "kandidaat 5101: totaalscore 35 -> 37" in award.stdout
    assert "kandidaat 5102: niet aangepast, status afwezig" in award.stdout
    # CE grade = N + 9·S/L (the bounds do not bite here): 35 points gave 1,1 + 315/52 = 7,157…
    # -> 7,2 (expected_results.csv); 37 points give 1,1 + 333/52 = 7,503… -> 7,5.
    # worded as a DNT update words it (the same comparison of results before and after)
    assert "5101 Anna Fictief: netl CE tijdvak 1 7,2 -> 7,5, CE 7,2 -> 7,5" in award.stdout

    again = ce(db, "toekennen", "31001", "9")
    assert again.returncode == 0 and "al toegepast" in again.stdout
    listed = ce(db, "toekenningen")
    assert "Examen 31001, vraag 9" in listed.stdout and "1 besluiten" in listed.stdout


def test_award_refusals_are_dutch_exit_2(example_store):
    db = example_store.path
    unknown = ce(db, "toekennen", "99999", "1")
    assert unknown.returncode == 2 and "onbekend" in unknown.stderr
    missing = ce(db, "toekennen", "31001")
    assert missing.returncode == 2 and "geef het NEX-ID en de vraag" in missing.stderr
    bad_date = ce(db, "toekennen", "31001", "9", "--besluit", "2 juni")
    assert bad_date.returncode == 2 and "DD-MM-JJJJ" in bad_date.stderr
