"""The packs in docs/rulepacks.md decide through the real engine, the way a board's pack would.

tests/core/test_rulepacks_doc.py proves the minimal pack keeps the hook contract; here the same
code, and the wrapper of "Een wettelijke parameter aanpassen", are registered on top of the law
(`packs.manager()`) and asked real questions with `evaluate_with`, so the page cannot promise
what the engine does not do.
"""

from __future__ import annotations

import copy
import re
import types
from pathlib import Path

from examenbureau.core import hookspecs, packs
from examenbureau.core.rules import evaluate, evaluate_with

DOC = Path(__file__).resolve().parents[2] / "docs" / "rulepacks.md"


def _module(name: str, code: str, **namespace: object) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__dict__.update(namespace)
    exec(compile(code, str(DOC), "exec"), module.__dict__)
    return module


def minimal_pack() -> types.ModuleType:
    """The module of the guide "Zelf een regelpakket schrijven" (what `pack new` writes)."""
    [code] = re.findall(r"^Bestand `voorbeeld_regels/__init__.py`:\n\n```python\n(.*?)^```",
                        DOC.read_text(encoding="utf-8"), re.S | re.M)
    return _module("voorbeeld", code)


def wrapper_pack() -> types.ModuleType:
    blocks = re.findall(r"^```(\w*)\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)
    [code] = [code for lang, code in blocks if not lang and "wrapper=True" in code]
    return _module("omhulsel", code, hookimpl=hookspecs.hookimpl,
                   REGLEMENT="Examenreglement 2025-2026 Stichting Voorbeeld")


def with_pack(module: types.ModuleType, name: str):
    pm = packs.manager()
    pm.register(module, name=name)
    pm.check_pending()
    return pm


def havo(pws: int) -> dict:
    subjects = [{"code": c, "se": "7.0", "ce": "7.0", "part": p, **({"kernvak": True} if k else {})}
                for c, p, k in [("netl", "gd", True), ("entl", "gd", True), ("wisA", "pd", True),
                                ("biol", "pd", False), ("schk", "pd", False), ("ak", "pd", False),
                                ("econ", "vd", False)]]
    return {"level": "havo", "lo": "voldoende", "subjects": subjects,
            "combination": {"components": [{"code": "maat", "final": 7},
                                           {"code": "ckv", "final": 7},
                                           {"code": "pws", "final": pws}]}}


def test_minimal_pack_reports_its_pws_rule_next_to_the_law_with_its_own_article():
    pm = with_pack(minimal_pack(), "voorbeeld")
    # The board's "minimaal 4" coincides with art. 3.34 lid 1 onder d (no component below 4):
    # at 4 both hold and the board's reason is an explanation; at 3 both are named, each with
    # its own document and article.
    law = evaluate("outcome", havo(4))
    assert law["passed"] is True
    r = evaluate_with("outcome", havo(4), pm, "voorbeeld")
    assert r["passed"] is True
    note = next(x for x in r["reasons"] if x["rule"] == "voorbeeld_pws")
    assert note["violated"] is False and note["pack"] == "voorbeeld"
    r = evaluate_with("outcome", havo(3), pm, "voorbeeld")
    assert r["passed"] is False
    assert {x["rule"] for x in r["reasons"]} == {"combinatie_onderdeel", "voorbeeld_pws"}
    mine = next(x for x in r["reasons"] if x["rule"] == "voorbeeld_pws")
    assert mine["source"] == "Examenreglement voorbeeld art. 30 lid 3"
    assert mine["text"] == "Je profielwerkstuk heeft een 3; dat moet minimaal 4 zijn."


def gl(bi: int) -> dict:
    # vmbo gl, all final grades 8 except the free-part subject; combination (2·9 + 9 + 9)/4 = 9
    return {"level": "vmbo-gt", "leerweg": "gl", "passed": True, "lo": "voldoende",
            "kunstvakken": "voldoende", "pws": "voldoende",
            "subjects": [{"code": c, "final": f, "part": p} for c, f, p in [
                ("ne", 8, "gd"), ("en", 8, "gd"), ("ml", 8, "gd"), ("wi", 8, "pd"), ("ec", 8, "pd"),
                ("bi", bi, "vd")]] + [{"code": "pv", "final": 9, "part": "pd", "in_combination": True}],
            "combination": {"components": [{"code": "pv", "weight": 2}, {"code": "k1", "final": 9},
                                           {"code": "k2", "final": 9}]}}


def test_wrapper_changes_the_gl_reading_of_art_3_48_lid_3_and_only_that():
    pm = with_pack(wrapper_pack(), "omhulsel")
    # The law takes the higher of bi 7 and the combination 9: (5·8 + 9)/6 = 8,17, granted.
    law = evaluate("cum_laude", copy.deepcopy(gl(7)))
    assert law["cum_laude"] is True and law["average"] == {"sum": 49, "count": 6}
    # The board's reading takes the free-part subject: (5·8 + 7)/6 = 7,83, refused, and says so.
    r = evaluate_with("cum_laude", copy.deepcopy(gl(7)), pm, "omhulsel")
    assert r["cum_laude"] is False and r["average"] == {"sum": 47, "count": 6}
    mean = next(x for x in r["reasons"] if x["rule"] == "cum_laude_gemiddelde")
    assert mean["pack"] == "omhulsel" and "art. 12 lid 8" in mean["source"]
    # every other level keeps the law's answer, credited to the law
    havo = evaluate_with("cum_laude", {"level": "havo", "passed": True, "lo": "voldoende",
                                       "combination": {"final": 8},
                                       "subjects": [{"code": c, "final": 8, "part": p} for c, p in [
                                           ("netl", "gd"), ("entl", "gd"), ("wisA", "pd"),
                                           ("biol", "pd"), ("schk", "pd"), ("ak", "pd"),
                                           ("econ", "vd")]]}, pm, "omhulsel")
    assert havo["cum_laude"] is True
    assert {x["pack"] for x in havo["reasons"]} == {"wvo2020"}
