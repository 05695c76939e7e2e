"""The reference module: one parse of subjects.csv, one SubjectInfo, one SchoolType and the
conversions between the spellings of a school type.

The bare-"vmbo" test pins a difference that must stay: a stored school type "vmbo" without a
leerweg is, for the subject table of the importers, any of the four leerwegen (a DNT line or
PTA line may name a bb/kb subject), while for the law's level it is vmbo-gt with an unknown
leerweg.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from examenbureau.core import composition, reference
from examenbureau.core.io.importers import import_file
from examenbureau.core.reference import SchoolType
from examenbureau.core.store import Store

REPO = Path(__file__).resolve().parents[2]


def _sources() -> list[Path]:
    return [p for folder in ("core", "cli", "tui", "plugins") for p in (REPO / folder).rglob("*.py")]


def test_subjects_csv_is_read_in_one_module_with_one_subject_info():
    readers = [p.relative_to(REPO).as_posix() for p in _sources()
               if re.search(r"""joinpath\(["']subjects\.csv["']\)|["']subjects\.csv["']\)""",
                            p.read_text(encoding="utf-8"))]
    assert readers == ["core/reference/subjects.py"]
    classes = [p.relative_to(REPO).as_posix() for p in _sources()
               if "class SubjectInfo" in p.read_text(encoding="utf-8")]
    assert classes == ["core/reference/subjects.py"]
    assert composition.SubjectInfo is reference.SubjectInfo


def test_levels_are_defined_once():
    defined = [p.relative_to(REPO).as_posix() for p in _sources()
               if re.search(r"^LEVELS\s*=", p.read_text(encoding="utf-8"), re.M)]
    assert defined == ["core/reference/school_types.py"]
    assert reference.LEVELS == ("vwo", "havo", "vmbo-gt", "vmbo-kb", "vmbo-bb")


@pytest.mark.parametrize(("school_type", "track", "level", "leerweg"), [
    ("vwo", None, "vwo", None), ("Atheneum", None, "vwo", None), ("gymnasium", "", "vwo", None),
    ("HAVO", None, "havo", None), ("vmbo", "bb", "vmbo-bb", None), ("vmbo", "KB", "vmbo-kb", None),
    ("vmbo", "gl", "vmbo-gt", "gl"), ("vmbo", "tl", "vmbo-gt", "tl"),
    ("vmbo", None, "vmbo-gt", None), ("vmbo", "gl-tl", "vmbo-gt", None),
    ("vmbo", "gt", "vmbo-gt", None), ("vmbo-gt", "tl", "vmbo-gt", "tl"),
    ("vmbo-tl", None, "vmbo-gt", "tl"), ("vmbo_gl", None, "vmbo-gt", "gl"),
    ("mavo", None, "vmbo-gt", "tl"), ("vmbo-kb", None, "vmbo-kb", None),
])
def test_school_type_from_the_store(school_type, track, level, leerweg):
    found = SchoolType.from_store(school_type, track)
    assert (found.level, found.leerweg) == (level, leerweg)
    assert reference.normalize_level(school_type, track) == (level, leerweg)


@pytest.mark.parametrize(("school_type", "track"), [("mbo", None), ("vmbo", "xx"), (None, None)])
def test_an_unknown_school_type_is_refused_in_dutch(school_type, track):
    with pytest.raises(ValueError, match="Onbekend schooltype"):
        SchoolType.from_store(school_type, track)


@pytest.mark.parametrize(("level", "leerweg", "types", "one", "store"), [
    ("vwo", None, ("vwo",), "vwo", ("vwo", None)),
    ("havo", None, ("havo",), "havo", ("havo", None)),
    ("vmbo-gt", "gl", ("vmbo-gl",), "vmbo-gl", ("vmbo", "gl")),
    ("vmbo-gt", "tl", ("vmbo-tl", "vmbo-gl"), "vmbo-tl", ("vmbo", "tl")),
    ("vmbo-gt", None, ("vmbo-gl", "vmbo-tl"), "vmbo-tl", ("vmbo", "gl-tl")),
    ("vmbo-kb", None, ("vmbo-kb",), "vmbo-kb", ("vmbo", "kb")),
    ("vmbo-bb", None, ("vmbo-bb",), "vmbo-bb", ("vmbo", "bb")),
])
def test_school_type_to_the_subject_table_and_back(level, leerweg, types, one, store):
    st = SchoolType(level, leerweg)
    assert st.table_types == types == reference.table_types(level, leerweg)
    assert st.table_type == one
    assert st.store == store
    assert SchoolType.from_store(*st.store) == st


def test_level_aliases_carry_their_leerweg():
    assert reference.table_types("vmbo-tl", None) == ("vmbo-tl", "vmbo-gl")
    assert reference.table_types("vmbo-gl", "tl") == ("vmbo-gl",)   # the alias decides
    with pytest.raises(ValueError, match="Onbekend niveau 'vmbo'"):
        reference.table_types("vmbo", None)


@pytest.mark.parametrize(("school_type", "track", "types"), [
    ("vmbo", None, {"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"}),
    ("vmbo", "", {"vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"}),
    ("vmbo", "gl-tl", {"vmbo-gl", "vmbo-tl"}), ("vmbo", "kb", {"vmbo-kb"}),
    ("havo", None, {"havo"}), ("vwo", "tl", {"vwo"}),
])
def test_stored_school_type_to_subject_table_types(school_type, track, types):
    assert reference.store_table_types(school_type, track) == frozenset(types)


def test_bare_vmbo_means_all_four_leerwegen_for_the_importers_and_gt_for_the_level():
    """bwi has a bb/kb row and a gl row in subjects.csv. The importers' bare vmbo searches all
    four leerwegen in file order, so the bb/kb row answers; the level vmbo-gt (what
    `SchoolType.from_store` makes of a bare vmbo) only knows the gl row."""
    assert reference.subject_for_vakcode("1200", "vmbo", None) == "bwi"
    assert reference.subject_for_vakcode("1200", "vmbo", "kb") == "bwi"
    assert reference.info_for("bwi", "vmbo", None).school_types == ("vmbo-bb", "vmbo-kb")
    assert reference.info_for("bwi", "vmbo", "gl-tl").school_types == ("vmbo-gl",)
    assert reference.info_for("bwi", "vmbo", "tl") is None
    level = reference.normalize_level("vmbo", None)
    assert level == ("vmbo-gt", None)
    assert reference.subject_info("bwi", *level).school_types == ("vmbo-gl",)
    assert reference.subject_by_code("1200", *level) == "bwi"


def test_a_dnt_line_without_leerweg_finds_a_bb_kb_subject_by_its_vakcode(tmp_path):
    """The importers' reading of a bare vmbo, end to end: the exam is stored as bwi."""
    store = Store(tmp_path / "school.duckdb", display_name="test")
    path = tmp_path / "dnt_2025.csv"
    path.write_text("examenjaar;nex_id;schooltype;leerweg;vakcode;tijdvak;schaallengte;nterm\n"
                    "2025;24001;vmbo;;1200;1;60;1,0\n", encoding="utf-8")
    report = import_file(store, "dnt", path)
    assert report.ok, report.errors
    with store.read() as con:
        assert con.execute("SELECT school_type, track, subject_code, subject FROM ce_exams"
                           ).fetchall() == [("vmbo", None, "1200", "bwi")]


def test_subject_facts_and_names_by_school_type():
    wisb = reference.subject_info("wb", "vwo")
    assert wisb is not None and (wisb.abbreviation, wisb.duo_code, wisb.level) == ("wisB", "1025",
                                                                                    "vwo")
    assert reference.subject_by_code("11", "vmbo-gt", "tl") == "ne"
    assert reference.subject_name("vmbo-tl", "ne") == "Nederlandse taal"
    assert reference.subject_name("vwo", "ne") is None
    keuze = [i for i in reference.subjects_of("vmbo-kb").values() if i.is_keuzevak]
    assert keuze and {i.group for i in keuze} >= {"BWI", "ZW"}
    assert reference.subjects_of("havo")["netl"].group is None
