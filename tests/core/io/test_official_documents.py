"""The official cijferlijst speaks formally and names the full programme; a batch also gives
one file to print with exactly the candidates' own pages."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from examenbureau.cli import main
from examenbureau.core.document_wording import formal_outcome, programme_text
from examenbureau.core.io.print_batch import combined_name
from examenbureau.core.store import Store


def _pages(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_programme_names_the_full_profile_as_the_law_does():
    assert programme_text("havo", None, "EM") == "havo, profiel economie en maatschappij"
    assert programme_text("vwo", None, "NT", "gymnasium") == (
        "vwo (gymnasium), profiel natuur en techniek")
    assert programme_text("vwo", None, "NT/NG") == (
        "vwo, profielen natuur en techniek / natuur en gezondheid")
    assert programme_text("vmbo", "bb", "BWI") == (
        "vmbo basisberoepsgerichte leerweg, profiel bouwen, wonen en interieur")
    assert programme_text("havo", None, "XYZ") == "havo, profiel XYZ"   # shown as given
    assert programme_text("havo", None, None) == "havo"


def test_formal_outcome_never_says_je():
    for passed in (True, False, None):
        for cum_laude in (True, False, None):
            text = formal_outcome(passed, cum_laude)
            assert text.startswith("De ") and not re.search(r"\bje\b", text, re.I)


def test_a_class_gets_its_cijferlijsten_and_one_file_to_print(demo_copy: Store, tmp_path: Path,
                                                               capsys):
    store = demo_copy
    with store.read() as con:
        klas, = con.execute("SELECT class_name FROM candidates WHERE school_type = 'havo'"
                            " ORDER BY class_name LIMIT 1").fetchone()
        members = sorted(r[0] for r in con.execute(
            "SELECT exam_number FROM candidates WHERE class_name = ?", [klas]).fetchall())
    out = tmp_path / "lijsten"
    assert main(["documenten", "cijferlijst", str(out), "--klas", klas,
                 "--db", str(store.path)]) == 0
    combined = out / combined_name("cijferlijst", 2025, klas)
    assert f"Om af te drukken, alles in één bestand: {combined}." in capsys.readouterr().out
    own = [out / f"cijferlijst_2025_{n}.pdf" for n in members]
    assert sorted(p.name for p in out.iterdir()) == sorted([combined.name,
                                                             *(p.name for p in own)])
    pages = [page for path in own for page in _pages(path)]
    assert _pages(combined) == pages                 # the very same pages, in class order
    assert combined.stat().st_mode & 0o777 == 0o600  # pupil data: private
    text = "\n".join(pages)
    assert not re.search(r"\bje\b", text, re.I), "the official list says 'de kandidaat'"
    assert "havo, profiel" in text
    assert "De kandidaat is" in text or "De uitslag van de kandidaat" in text
    # the profielwerkstuk by its title (migration 0005; the demo gives havo/vwo one)
    with store.read() as con:
        titles = dict(con.execute("SELECT exam_number, title FROM pws_titles").fetchall())
    assert set(members) <= set(titles)
    for number, path in zip(members, own, strict=True):
        assert f"Profielwerkstuk: {titles[number]}" in "\n".join(_pages(path))


def test_the_cijferlijst_names_the_pws_title_only_when_there_is_one(example_store):
    from examenbureau.core.io.documents import candidate_sheets, render_results_list

    havo, vmbo = sorted(candidate_sheets(example_store, exam_numbers=["5101", "4301"]),
                        key=lambda s: s.school_type)
    assert havo.pws_title == "Hoe duurzaam is de haven van Rotterdam?"
    assert vmbo.pws_title is None
    text = PdfReader(io.BytesIO(render_results_list(havo, "School"))).pages[0].extract_text()
    assert "Profielwerkstuk: Hoe duurzaam is de haven van Rotterdam?" in text
    text = PdfReader(io.BytesIO(render_results_list(vmbo, "School"))).pages[0].extract_text()
    assert "Profielwerkstuk" not in text
