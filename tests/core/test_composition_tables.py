"""The composition tables are built from data in one loop: every exam kind and the articles its
problem sentences cite come from `[[checked]]` in exam_composition.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from examenbureau.core.composition import check_complete
from examenbureau.core.composition.tables import kind_keys, tables

REPO = Path(__file__).resolve().parents[2]


def test_every_checked_block_is_one_kind_in_order():
    toml = tomllib.loads((REPO / "data" / "exam_composition.toml").read_text(encoding="utf-8"))
    kinds = tables().kinds
    assert list(kinds) == [b["key"] for b in toml["checked"]] == [
        "vwo.atheneum", "vwo.gymnasium", "havo", "vmbo_tl", "vmbo_gl", "vmbo_kb", "vmbo_bb"]
    for block in toml["checked"]:
        kind = kinds[block["key"]]
        assert (kind.name, kind.article, kind.profiles_article) == (
            block["name"], block["article"], block["profiles_article"])
        parts = {k: v for k, v in block["parts"].items() if k != "bp_at"}
        assert {k: v for k, v in kind.part_article.items() if k != "bp"} == parts
        assert kind.gd and kind.profiles
        assert ("bp" in kind.part_article) == (kind.family == "beroeps")
    assert kinds["vmbo_gl"].part_article["bp"] == "Uvb 3.7 lid 1 d; 2.26 b"   # via bp_at
    assert kinds["vmbo_kb"].pws_required is False and kinds["vmbo_gl"].pws_required is True


def test_no_article_is_written_in_the_table_builder():
    source = (REPO / "core" / "composition" / "tables.py").read_text(encoding="utf-8")
    code = re.sub(r'""".*?"""', "", source, flags=re.S)
    code = "\n".join(line.split("#", 1)[0] for line in code.splitlines())
    assert not re.search(r"[\"'](Uvb|WVO) \d", code)


def test_kinds_tried_follow_variant_and_leerweg():
    assert kind_keys("vwo", None, None) == ("vwo.atheneum", "vwo.gymnasium")
    assert kind_keys("vwo", None, " Gymnasium ") == ("vwo.gymnasium",)
    assert kind_keys("vmbo-gt", None, None) == ("vmbo_tl", "vmbo_gl")
    assert kind_keys("vmbo-gt", "gl", None) == ("vmbo_gl",)
    assert kind_keys("vmbo-tl", "gl", None) == ("vmbo_tl",)           # the alias decides
    assert kind_keys("vmbo-kb", "tl", "atheneum") == ("vmbo_kb",)


def test_an_exemption_note_and_its_article_come_from_the_data():
    result = check_complete(level="havo", leerweg=None, profile="EM", variant=None,
                            subjects="netl entl maat ckv pws wisA econ ges ak fatl".split(),
                            exemptions=["lo_ontheffing"])
    assert result.complete, result.problems
    assert result.notes == (tables().exemptions["lo_ontheffing"].note,)
    assert "WVO 2.33 lid 4" in result.notes[0]
