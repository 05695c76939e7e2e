"""Import kind `year-grades`: pupils of the years before the exam year and their year grades,
all or nothing, with a Dutch message naming file, line and field."""

from __future__ import annotations

from decimal import Decimal

from examenbureau.core.io.importers import KINDS, import_file
from examenbureau.core.rules import evaluate
from examenbureau.core.store import Store

HEADER = ("schooljaar;leerlingnummer;achternaam;tussenvoegsel;roepnaam;schooltype;leerweg;"
          "leerjaar;klas;vak;jaarcijfer;beoordeling;pta_compleet\n")


def write(tmp_path, body: str, name="jaarcijfers.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes((HEADER + body).encode(encoding))
    return path


def test_year_grades_kind_is_registered_and_documented():
    spec = KINDS["year-grades"]
    assert spec.table == "year_grades" and "bevordering" in spec.description


def test_year_grades_import_with_warts_and_promotion_from_the_store(tmp_path):
    # BOM, decimal comma, leading zeros in the leerlingnummer, J/N, LO as a beoordeling
    path = write(tmp_path,
                 "2025;007311;Çelik;;Emre;havo;;4;H4a;netl;6,3;;J\n"
                 "2025;007311;Çelik;;Emre;havo;;4;H4a;entl;5,2;;J\n"
                 "2025;007311;Çelik;;Emre;havo;;4;H4a;wisA;7;;J\n"
                 "2025;007311;Çelik;;Emre;havo;;4;H4a;lo;;voldoende;J\n")
    store = Store(tmp_path / "school.duckdb", actor="test")
    report = import_file(store, "year-grades", path)
    assert report.ok, report.errors
    assert report.counts.sentence() == "4 nieuw, 0 gewijzigd, 0 ongewijzigd"
    with store.read() as con:
        rows = con.execute("SELECT subject, grade, assessment, pta_complete FROM year_grades"
                           " WHERE student_number = '007311' ORDER BY subject").fetchall()
    assert rows == [("entl", Decimal("5.2"), None, True), ("lo", None, "voldoende", True),
                    ("netl", Decimal("6.3"), None, True), ("wisA", Decimal("7.0"), None, True)]
    grades = {s: str(g) for s, g, _, _ in rows if g is not None}
    assert evaluate("promotion", {"level": "havo", "leerjaar": 4, "grades": grades,
                                  "lo": "voldoende", "pta_complete": True},
                    "quadraam")["decision"] == "bevorderd"
    again = import_file(store, "year-grades", path)
    assert again.ok and again.nothing_changed


def test_year_grades_refused_whole_file_naming_line_and_field(tmp_path):
    path = write(tmp_path,
                 "2025;1;Jansen;;Piet;havo;;4;H4a;netl;6,3;;J\n"
                 "2025;1;Jansen;;Piet;havo;;4;H4b;entl;6,0;;J\n"       # other class, same pupil
                 "2025;2;Smit;;Daan;havo;;5;H5a;netl;6,0;;J\n"         # the exam year
                 "2025;3;Bos;;Noah;vwo;;4;V4a;netl;11,0;;J\n"          # not a grade
                 "2025;4;Bos;;Fleur;vwo;;4;V4a;lo;6,0;goed;J\n")       # both grade and beoordeling
    store = Store(tmp_path / "school.duckdb", actor="test")
    report = import_file(store, "year-grades", path)
    assert not report.ok
    text = "\n".join(report.errors)
    assert f"{path}:3: klas: H4b voor leerling 1, verwacht hetzelfde als op regel 2 (H4a)" in text
    assert f"{path}:4: leerjaar: 5 is (na) het examenjaar van havo" in text
    assert f"{path}:5: jaarcijfer:" in text
    assert f"{path}:6: beoordeling:" in text
    with store.read() as con:
        assert con.execute("SELECT count(*) FROM year_grades").fetchone() == (0,)
