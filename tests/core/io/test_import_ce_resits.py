"""Acceptance 2 of issue 8, on the demo school: a second CE resit is refused at import with
Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1, and nothing changes.

Demo candidate 5023 (havo) failed and has not resat anything. The issue's report: importing
`2025;2;5023;1001;netl;…` and `2025;2;5023;1021;ges;…` was accepted and turned 5023 from
afgewezen into geslaagd. Art. 3.38 lid 1: "De examenkandidaat kan voor één vak van het
eindexamen waarin hij centraal examen heeft afgelegd, in het tweede ... tijdvak, opnieuw
deelnemen aan het centraal examen".
"""

from __future__ import annotations

import pytest

from examenbureau.core.demo import content_fingerprint
from examenbureau.core.io.importers import import_file
from examenbureau.core.results import compute_results

HEADER = "examenjaar;tijdvak;examennummer;vakcode;vak;nex_id;score;status;ce_cijfer_direct\n"
NETL = "2025;2;5023;1001;netl;27004;60;;\n"
GES = "2025;2;5023;1021;ges;27010;45;;\n"


@pytest.fixture
def demo(demo_copy):
    return demo_copy


def result_5023(store):
    [r] = compute_results(store, exam_year=2025, exam_numbers=["5023"])
    return r


def csv(tmp_path, name, *lines):
    path = tmp_path / name
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def test_uvb_art_3_38_lid_1_second_ce_resit_in_one_file_is_refused_nothing_changes(demo,
                                                                                   tmp_path):
    before = result_5023(demo)
    assert before.passed is False
    fingerprint = content_fingerprint(demo)
    report = import_file(demo, "ce-scores", csv(tmp_path, "tv2.csv", NETL, GES))
    assert not report.ok
    [error] = report.errors
    assert error.startswith(f"{tmp_path / 'tv2.csv'}:3: vak: kandidaat 5023 herkanst al netl; "
                            "een herkansing van ges in tijdvak 2 kan niet")
    assert "Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1" in error
    assert content_fingerprint(demo) == fingerprint
    assert result_5023(demo).passed is False


def test_uvb_art_3_38_lid_1_second_ce_resit_in_a_later_file_is_refused(demo, tmp_path):
    first = import_file(demo, "ce-scores", csv(tmp_path, "netl.csv", NETL))
    assert first.ok, first.errors
    fingerprint = content_fingerprint(demo)
    second = import_file(demo, "ce-scores", csv(tmp_path, "ges.csv", GES))
    assert not second.ok and "art. 3.38 lid 1" in second.errors[0]
    assert ":2: vak: kandidaat 5023 herkanst al netl" in second.errors[0]
    assert content_fingerprint(demo) == fingerprint
    # the same file again is no new resit
    assert import_file(demo, "ce-scores", csv(tmp_path, "netl-again.csv", NETL)).ok


def test_a_first_sitting_moved_to_tijdvak_2_is_no_resit(demo, tmp_path):
    # art. 3.29 lid 1: absent with a valid reason in tijdvak 1, the CE is completed in tijdvak 2
    with demo.transaction(reason="test: afwezig tijdvak 1") as tx:
        tx.execute("UPDATE ce_scores SET score = NULL, status = 'afwezig' WHERE exam_year = 2025"
                   " AND exam_number = '5023' AND subject = 'ges' AND period = 1")
    report = import_file(demo, "ce-scores", csv(tmp_path, "tv2.csv", NETL, GES))
    assert report.ok, report.errors
