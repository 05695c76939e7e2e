"""Import kind `pws`: the titles of the profielwerkstukken (migration 0005, table pws_titles).

Real files with warts (cp1252, BOM, a title over the limit, an unknown candidate); the titles
are audited row by row, so `audit verify` covers them, and a candidates file imported again
leaves them alone."""

from __future__ import annotations

from examenbureau.core.audit import verify
from examenbureau.core.io.importers import import_file
from examenbureau.core.io.importers.pws import MAX_TITLE


def titles(store) -> dict[str, str]:
    with store.read() as con:
        return dict(con.execute("SELECT exam_number, title FROM pws_titles").fetchall())


def test_the_example_titles_are_stored_audited_and_kept(example_store, io_kit):
    assert titles(example_store)["6201"] == "De wiskunde van het knikkerspel"
    assert verify(example_store).ok
    again = import_file(example_store, "candidates", io_kit.EXAMPLES / "candidates.csv")
    assert again.ok
    assert len(titles(example_store)) == 4


def test_a_changed_title_is_an_audited_update(example_store, tmp_path):
    f = tmp_path / "pws.csv"
    f.write_bytes("\ufeffexamenjaar;examennummer;titel\n"
                  "2025;6201;  De wiskunde   van het knikkerspel, herzien \n".encode("utf-8"))
    report = import_file(example_store, "pws", f)
    assert report.ok, report.errors
    assert report.counts.sentence() == "0 nieuw, 1 gewijzigd, 0 ongewijzigd"
    assert titles(example_store)["6201"] == "De wiskunde van het knikkerspel, herzien"
    with example_store.read() as con:
        row = con.execute("SELECT action, field, new_value FROM audit_log WHERE table_name = "
                          "'pws_titles' AND action = 'update' ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("update", "title", "De wiskunde van het knikkerspel, herzien")
    assert verify(example_store).ok


def test_bad_rows_name_file_line_and_field_and_nothing_changes(example_store, tmp_path, io_kit):
    before = io_kit.db_content(example_store)
    f = tmp_path / "pws_fout.csv"
    f.write_bytes(("examenjaar;examennummer;pws_titel\n"
                   "2025;9999;Onbekende kandidaat\n"
                   f"2025;5101;{'x' * (MAX_TITLE + 1)}\n"
                   "2025;5102;\n"
                   "2025;6202;Café-cultuur in Zeeland\n").encode("cp1252"))
    report = import_file(example_store, "pws", f)
    assert not report.ok
    assert report.errors == [
        f"{f}:2: examennummer: kandidaat 9999 is onbekend in examenjaar 2025, verwacht een "
        "examennummer dat al is ingelezen (importeer eerst candidates)",
        f"{f}:3: pws_titel: is {MAX_TITLE + 1} tekens lang, verwacht hoogstens {MAX_TITLE} "
        "(de titel staat op de cijferlijst)",
        f"{f}:4: pws_titel: is leeg, verwacht de titel van het profielwerkstuk",
    ]
    assert io_kit.db_content(example_store) == before
