"""Strict validation: every bad line is named in Dutch, and a refused file writes nothing."""

from __future__ import annotations

import re

import pytest

from examenbureau.cli import main
from examenbureau.core.io.importers import import_file

ERROR_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<column>[^:]+): (?P<message>.+)$")

SE_HEADER = "examenjaar;examennummer;vakcode;vak;toetscode;poging;volgnummer;resultaat;datum;status"


def _se_rows(store) -> list[str]:
    """Valid SE rows for every PTA test of every example candidate, attempts 1..9 (volgnummer)."""
    with store.read() as con:
        combos = con.execute(
            "SELECT c.exam_number, p.subject_code, p.subject, p.test_code, p.result_type"
            " FROM candidates c JOIN pta_items p ON p.cohort = c.cohort"
            " AND p.school_type = c.school_type JOIN candidate_subjects s"
            " ON s.exam_year = c.exam_year AND s.exam_number = c.exam_number"
            " AND s.subject = p.subject ORDER BY 1, 3, 4").fetchall()
    rows = []
    for seq in range(1, 10):
        for number, code, subject, test, rtype in combos:
            result = "voldaan" if rtype == "voldaan" else f"{5 + seq % 5},{seq}"
            rows.append(f"2025;{number};{code};{subject};{test};afname;{seq};{result};"
                        f"2025-0{1 + seq % 5}-1{seq};")
    return rows


def test_few_bad_rows_among_many_refuse_the_file_and_name_every_line(example_store, tmp_path,
                                                                    capsys, io_kit):
    rows = _se_rows(example_store)
    assert len(rows) > 300
    graded = [i for i, r in enumerate(rows) if "voldaan" not in r]
    # (row index, field index, bad value): poging, examennummer, resultaat, datum, toetscode
    bad = [(40, 5, "herkansen"), (111, 1, "9999"), (graded[200], 7, "10,5"),
           (graded[201], 8, "2025-13-45"), (300, 4, "XX-99")]
    for index, field, value in bad:
        cells = rows[index].split(";")
        cells[field] = value
        rows[index] = ";".join(cells)
    path = tmp_path / "se_veel.csv"
    path.write_text(SE_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    before = io_kit.db_content(example_store)

    status = main(["import", "se-results", str(path), "--db", str(example_store.path)])

    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    errors = [ln for ln in err.splitlines() if ERROR_LINE.match(ln)]
    named_lines = sorted({int(ERROR_LINE.match(ln)["line"]) for ln in errors})
    assert named_lines == sorted(i + 2 for i, _, _ in bad)   # header is line 1
    assert all("verwacht" in ln for ln in errors)
    assert "geweigerd, er is niets opgeslagen" in err
    assert io_kit.db_content(example_store) == before


def test_clean_many_rows_import_and_reimport_via_cli(example_store, tmp_path, capsys):
    rows = _se_rows(example_store)
    path = tmp_path / "se_veel.csv"
    path.write_text(SE_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    argv = ["import", "se-results", str(path), "--db", str(example_store.path)]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert main(argv) == 0
    second = capsys.readouterr().out
    # the 52 example rows are attempt 1 of the same tests: some are changed, the rest new
    assert f"{len(rows)} regels gelezen" in first
    assert f"0 nieuw, 0 gewijzigd, {len(rows)} ongewijzigd" in second
    assert "Niets gewijzigd" in second


def _import(store, tmp_path, kind, text, *, year=None, name="bestand.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return import_file(store, kind, path, exam_year=year)


CASES = [
    # (id, kind, content, expected line, column, words in message)
    ("onbekende kandidaat", "se-results",
     SE_HEADER + "\n2025;9999;1001;netl;NE4-T1;afname;;6,0;;\n", 2, "examennummer",
     "kandidaat 9999 is onbekend"),
    ("onbekende PTA-toets", "se-results",
     SE_HEADER + "\n2025;5101;1001;netl;NE9-T9;afname;;6,0;;\n", 2, "toetscode",
     "staat niet in het PTA van cohort 2023-2025 havo netl"),
    ("cijfer buiten bereik", "se-results",
     SE_HEADER + "\n2025;5101;1001;netl;NE4-T1;inhaal;;10,5;;\n", 2, "resultaat",
     "van 1,0 tot en met 10,0"),
    ("beoordeling bij cijfertoets", "se-results",
     SE_HEADER + "\n2025;5101;1001;netl;NE4-T1;inhaal;;voldaan;;\n", 2, "resultaat",
     "is een beoordeling, verwacht een cijfer"),
    ("vak niet in pakket", "se-results",
     SE_HEADER + "\n2025;4301;0011;ne;NE4-T1;inhaal;;6,0;;\n2025;4301;;wisB;X;afname;;6;;\n",
     3, "vak", "staat niet in het vakkenpakket van kandidaat 4301"),
    ("score boven schaallengte", "ce-scores",
     "examenjaar;tijdvak;examennummer;vakcode;vak;nex_id;score;status;ce_cijfer_direct\n"
     "2025;1;5101;1022;econ;31002;62;;\n", 2, "score", "hoger dan de schaallengte 61"),
    ("onbekend examen", "ce-scores",
     "examenjaar;tijdvak;examennummer;vakcode;vak;nex_id;score;status;ce_cijfer_direct\n"
     "2025;1;5101;1022;econ;39999;40;;\n", 2, "nex_id", "examen 39999 is onbekend"),
    ("examen van andere schooltype", "ce-scores",
     "examenjaar;tijdvak;examennummer;vakcode;vak;nex_id;score;status;ce_cijfer_direct\n"
     "2025;1;6201;1001;netl;31001;40;;\n", 2, "nex_id", "is voor havo, kandidaat 6201 doet vwo"),
    ("totaal wijkt af van som per vraag", "ce-scores",
     "examenjaar;tijdvak;examennummer;vakcode;vak;nex_id;score;status;ce_cijfer_direct\n"
     "2025;1;5101;1001;netl;31001;36;;\n", 2, "score",
     "wijkt af van de som van de definitieve scores per vraag (35)"),
    ("afwezig met score", "ce-scores",
     "examenjaar;tijdvak;examennummer;vakcode;nex_id;score;status\n"
     "2025;1;5102;1022;31002;27;afwezig\n", 2, "status", "afwezig met een score"),
    ("score per vraag boven maximum", "ce-item-scores",
     "examenjaar;tijdvak;nex_id;examennummer;vraag;maxscore;score_corrector1;score_corrector2;"
     "score_definitief\n2025;1;31001;5101;1;2;3;2;2\n", 2, "score_corrector1",
     "hoger dan de maximumscore 2"),
    ("som per vraag wijkt af van totaal", "ce-item-scores",
     "examenjaar;tijdvak;nex_id;examennummer;vraag;maxscore;score_corrector1;score_corrector2;"
     "score_definitief\n2025;1;31001;5101;1;2;2;2;0\n", 2, "score_definitief",
     "tellen op tot 33, maar de totaalscore in ce-scores is 35"),
    ("andere maximumscore per vraag", "ce-item-scores",
     "examenjaar;tijdvak;nex_id;examennummer;vraag;maxscore;score_corrector1;score_corrector2;"
     "score_definitief\n2025;1;31001;5102;1;3;2;2;2\n", 2, "maxscore",
     "maar de database geeft 2"),
    ("N-term buiten bereik", "n-terms",
     "examenjaar;nex_id;schaallengte;nterm\n2025;31001;52;3,5\n", 2, "nterm",
     "van 0,0 tot en met 3,0"),
    ("tijdvak van NEX-ID verandert", "n-terms",
     "examenjaar;nex_id;tijdvak;schaallengte;nterm\n2025;31001;2;52;1,1\n", 2, "tijdvak",
     "staat in de database als tijdvak 1"),
    ("datum buiten examenjaar", "dnt",
     "examenjaar;nex_id;schooltype;vakcode;tijdvak;datum\n2025;31999;havo;1001;1;14-5-2024\n",
     2, "datum", "ligt niet in examenjaar 2025"),
    ("vmbo zonder leerweg", "candidates",
     "examenjaar;examennummer;achternaam;schooltype;leerweg\n2025;4400;Jansen;vmbo;\n", 2,
     "leerweg", "is leeg voor een vmbo-kandidaat"),
    ("vak past niet bij vakcode", "subjects",
     "examenjaar;examennummer;vakcode;vak\n2025;5101;1001;NE\n", 2, "vak",
     "'NE' hoort niet bij vakcode 1001 volgens de DUO-vakcodetabel, verwacht netl"),
    ("weging bij handelingsdeel", "pta",
     "cohort;schooltype;vakcode;toetscode;weging;resultaattype\n2023-2025;havo;1001;HD;5;voldaan\n",
     2, "weging", "verwacht 0"),
    ("dubbele sleutel", "candidates",
     "examenjaar;examennummer;achternaam;schooltype\n2025;7001;A;havo\n2025;7001;B;havo\n", 3,
     "regel", "dubbele sleutel 2025/7001, staat ook op regel 2"),
]


@pytest.mark.parametrize(("kind", "content", "line", "column", "words"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_strict_validation_names_line_column_and_expectation(example_store, tmp_path, io_kit,
                                                             kind, content, line, column, words):
    before = io_kit.db_content(example_store)
    report = _import(example_store, tmp_path, kind, content)
    assert not report.ok
    assert report.errors, "a refused file names at least one problem"
    matches = [ERROR_LINE.match(e) for e in report.errors]
    assert all(matches), report.errors
    assert any(m["line"] == str(line) and m["column"] == column and words in m["message"]
               for m in matches), report.errors
    assert all("verwacht" in e for e in report.errors)
    assert io_kit.db_content(example_store) == before


def test_cito_dnt_without_year_needs_examenjaar(store, tmp_path, io_kit):
    path = io_kit.EXAMPLES / "dnt_2025_cito_style.txt"
    report = import_file(store, "dnt", path)
    assert not report.ok
    assert report.errors == [f"{path}:1: examenjaar: kolom ontbreekt, verwacht een kolom "
                             "examenjaar of de optie --examenjaar JJJJ"]


def test_examenjaar_option_must_agree_with_the_file(store, io_kit):
    path = io_kit.EXAMPLES / "candidates.csv"
    report = import_file(store, "candidates", path, exam_year=2024)
    assert not report.ok
    assert len(report.errors) == 6
    assert "2025 wijkt af van --examenjaar 2024" in report.errors[0]


def test_real_world_warts_in_one_candidates_file(store, tmp_path):
    """cp1252, decimal comma irrelevant here, d-m-yyyy dates, J/N, leading zeros, odd order."""
    text = ("Klas,Roepnaam,Achternaam,Examennummer,Examenjaar,Schooltype,Leerweg,Geboortedatum,"
            "Opleidingscode,Leerlingnummer,Notitie\r\n"
            "4T1,Zoë,Voorbeeld,04301,2025,VMBO,TL,9-9-2008,400,001556,let op\r\n"
            "V6b,Chloë,Voorbeeld,6201,2025,vwo,,21-7-2006,0171,099812,\r\n")
    report = _import(store, tmp_path, "candidates", text, encoding="cp1252")
    assert report.ok, report.errors
    assert any("Windows-1252" in n for n in report.notices)
    assert any("Notitie" in n for n in report.notices)
    with store.read() as con:
        rows = con.execute("SELECT exam_number, first_name, school_type, track, birth_date,"
                           " programme_code, student_number, variant FROM candidates"
                           " ORDER BY 1").fetchall()
    assert [(r[0], r[1], r[2], r[3], r[4].isoformat(), r[5], r[6], r[7]) for r in rows] == [
        ("04301", "Zoë", "vmbo", "tl", "2008-09-09", "0400", "001556", None),
        ("6201", "Chloë", "vwo", None, "2006-07-21", "0171", "099812", "atheneum"),
    ]


def test_xlsx_import_of_subjects_with_codes_as_numbers(example_store, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["examenjaar", "examennummer", "vakcode", "examendeel", "centraal_examen"])
    ws.append([2025, 4301, 11, "gemeenschappelijk", "J"])     # Excel turned 0011 into 11
    ws.append([2025, 4301, 416, "gemeenschappelijk", "nee"])
    path = tmp_path / "pakket.xlsx"
    wb.save(path)
    report = import_file(example_store, "subjects", path)
    assert report.ok, report.errors
    assert report.counts.sentence() == "0 nieuw, 0 gewijzigd, 2 ongewijzigd"


def test_pipe_dnt_with_unknown_cito_columns_and_decimal_point(store, tmp_path, io_kit):
    io_kit.import_examples(store, upto="dnt_2025_cito_style_november.txt")
    text = ("sty_id|opl_code|leerweg|ext_code|Onbekend1|Tijdvak|nex_ID|Omschrijving|Schaallengte|"
            "N-term|AfnameVakID|Extra_vakcodes_tbv_Wolf|datum|begintijd|eindtijd|Onbekend2\n"
            "3|VMBO|GL/TL|153|x|1|31202|GL/TL wiskunde CSE 2025 tijdvak 1|67|0.9|4302||"
            "15-05-2025|13.30|15:30|y\n")
    report = _import(store, tmp_path, "dnt", text, year=2025, name="dnt.txt")
    assert report.ok, report.errors
    assert any("Onbekend1, Onbekend2" in n for n in report.notices)
    with store.read() as con:
        row = con.execute("SELECT school_type, track, subject_code, subject, n_term, start_time,"
                          " source FROM ce_exams").fetchone()
    assert row[:4] == ("vmbo", "gl-tl", "0153", "wi")
    assert str(row[4]) == "0.9" and row[5] == "13:30" and row[6] == "cito-dnt:dnt.txt"
