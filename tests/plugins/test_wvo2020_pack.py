"""The statutory pack keeps the rule-hook contract, and a board pack on top wins where it answers.

The board below is a real pluggy plugin registered on the real plugin manager of the law
(`packs.manager()`), the way an installed board pack would be; `evaluate_with` runs the engine
with it, so the hooks are proved end to end without installing a distribution.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import attrs
import pytest

from examenbureau.core import hookspecs, packs
from examenbureau.core.hookspecs import CandidateView, SchoolRule
from examenbureau.core.reasons import Reason
from examenbureau.core.rules import CalcInputError, evaluate, evaluate_with
from examenbureau.plugins.wvo2020.uitslag import PASS_RULES

RULE_HOOKS = ("rulepack_settings", "pass_rules", "cum_laude_rules", "extra_pass_conditions",
              "cum_laude_school_rule", "se_resit_check", "ce_resit_rules", "sitting_rules",
              "promotion_rules", "carry_over", "deadlines")


def test_wvo2020_implements_every_hook_with_trylast():
    pm = packs.manager()
    law = pm.get_plugin("wvo2020")
    specs = [name for name in dir(hookspecs.RulePackSpec) if not name.startswith("_")]
    for name in specs:
        impls = [i for i in getattr(pm.hook, name).get_hookimpls() if i.plugin is law]
        assert len(impls) == 1, name
        assert impls[0].trylast is True, name


def test_pack_info_lists_what_it_implements():
    info = packs.info("wvo2020")
    assert set(info.implemented) == set(RULE_HOOKS)
    assert info.statutory and info.status
    assert any(s.reference == "BWBR0045787" for s in info.sources)  # the Uitvoeringsbesluit


@pytest.mark.parametrize("level,article", [
    ("vwo", "3.34"), ("havo", "3.34"), ("vmbo-gt", "3.35"), ("vmbo-kb", "3.35"),
    ("vmbo-bb", "3.35")])
def test_pass_rules_cite_their_article(level, article):
    rules = packs.manager().hook.pass_rules(level=level)
    assert rules.ce_average_min == Decimal("5.5") and rules.component_min == 4
    expected = f"Uitvoeringsbesluit WVO 2020 art. {article} lid 1 onder a"
    assert rules.sources["ce_gemiddelde"] == expected
    assert rules.compensation_needs_seven is (article == "3.35")


@pytest.mark.parametrize("key,article,minimum", [
    ("vwo", "3.47 lid 1", 7), ("havo", "3.47 lid 2", 6), ("vmbo-gt/tl", "3.48 lid 1", 6),
    ("vmbo-gt/gl", "3.48 lid 3", 6), ("vmbo-kb", "3.48 lid 2", 6), ("vmbo-bb", "3.48 lid 2", 6)])
def test_cum_laude_rules_cite_their_article(key, article, minimum):
    rules = packs.manager().hook.cum_laude_rules(level=key)
    assert rules.mean_min == 8 and rules.min_final == minimum
    assert rules.source_mean == f"Uitvoeringsbesluit WVO 2020 art. {article} onder a"


class Board:
    """A board with every kind of override a regulation might make (modelled on OZHW)."""

    @hookspecs.hookimpl
    def rulepack_info(self):
        return hookspecs.PackInfo(name="bestuur", title="Testbestuur", board="Test")

    @hookspecs.hookimpl
    def rulepack_settings(self):
        return {"se_only_rounding_steps": 2}  # OZHW art. 33 lid 4: 6,45 -> 6,5 -> 7

    @hookspecs.hookimpl
    def extra_pass_conditions(self, candidate: CandidateView):
        pws = candidate.combination_components.get("pws")
        if candidate.level in ("havo", "vwo") and pws is not None and pws < 5:
            return [Reason(rule="pws_bestuur", source="Examenreglement bestuur art. 30 lid 3",
                           text=f"Het profielwerkstuk moet minimaal 5 zijn; je hebt {pws}.",
                           numbers={"pws": pws}, pack="bestuur")]
        return []

    @hookspecs.hookimpl
    def cum_laude_school_rule(self, candidate: CandidateView):
        grades = list(candidate.final_grades.values())
        if candidate.combination_grade is not None:
            grades.append(candidate.combination_grade)
        met = sum(grades) >= 8 * len(grades) and min(grades) >= 7
        return SchoolRule(source="Examenreglement bestuur art. 12 lid 7", met=met,
                          text="Gemiddelde van alle eindcijfers minimaal 8,0, geen cijfer onder 7.")


def board_manager():
    pm = packs.manager()
    pm.register(Board(), name="bestuur")
    return pm


HAVO = {"level": "havo", "lo": "voldoende", "subjects": [
    {"code": c, "se": "8.0", "ce": "8.0", "part": p, "kernvak": k}
    for c, p, k in [("netl", "gd", True), ("entl", "gd", True), ("wisA", "pd", True),
                    ("biol", "pd", False), ("schk", "pd", False), ("ak", "pd", False),
                    ("econ", "vd", False)]],
    "combination": {"components": [{"code": "maat", "final": 9}, {"code": "ckv", "final": 9},
                                   {"code": "pws", "final": 4}]}}


def test_board_rounding_of_se_only_final_grades_wins_and_the_law_rounds_once():
    assert evaluate("final_grade", {"se": "6.45"})["grade"] == 6
    r = evaluate_with("final_grade", {"se": "6.45"}, board_manager(), "bestuur")
    assert r["grade"] == 7 and r["rounding_steps"] == 2


def test_board_extra_condition_fails_a_candidate_the_law_passes():
    law = evaluate("outcome", copy.deepcopy(HAVO))
    assert law["passed"] is True  # pws 4 is allowed by 3.34 lid 1 d
    board = evaluate_with("outcome", copy.deepcopy(HAVO), board_manager(), "bestuur")
    assert board["passed"] is False
    (reason,) = board["reasons"]
    assert reason["rule"] == "pws_bestuur" and reason["pack"] == "bestuur"
    assert reason["source"].startswith("Examenreglement bestuur")


def test_board_cum_laude_rule_is_reported_next_to_the_statutory_judicium():
    data = copy.deepcopy(HAVO)
    data["combination"]["components"][2]["final"] = 8  # combination (9+9+8)/3 = 8,67 -> 9
    law = evaluate("outcome", copy.deepcopy(data))
    assert law["cum_laude"] is True and law["school_rule"] is None
    data["subjects"][0]["se"] = "6.0"  # netl (6,0 + 8,0)/2 = 7
    data["subjects"][1]["se"] = "5.0"  # entl (5,0 + 8,0)/2 = 6,5 -> 7
    data["subjects"][3]["ce"] = "4.0"  # biol (8,0 + 4,0)/2 = 6
    r = evaluate_with("outcome", data, board_manager(), "bestuur")
    # statutory mean: netl 7, entl 7, comb 9, wisA 8, biol 6, schk 8, ak 8, econ 8 = 61/8 < 8
    assert r["cum_laude"] is False
    assert r["school_rule"] == {"source": "Examenreglement bestuur art. 12 lid 7", "met": False,
                                "text": "Gemiddelde van alle eindcijfers minimaal 8,0, geen "
                                        "cijfer onder 7."}


def test_board_pass_rules_are_credited_to_the_board():
    class Stricter:
        @hookspecs.hookimpl
        def pass_rules(self, level: str):
            return attrs.evolve(PASS_RULES[level], ce_average_min=Decimal("6.0"))

    pm = packs.manager()
    pm.register(Stricter(), name="streng")
    data = copy.deepcopy(HAVO)
    for s in data["subjects"]:
        s["ce"] = "5.8"  # CE average 5,8: enough for the law, not for this board
    data["combination"]["components"][2]["final"] = 7
    assert evaluate("outcome", copy.deepcopy(data))["passed"] is True
    r = evaluate_with("outcome", data, pm, "streng")
    assert r["passed"] is False
    assert r["reasons"][0]["rule"] == "ce_gemiddelde" and r["reasons"][0]["pack"] == "streng"
    assert "minimaal 6,0" in r["reasons"][0]["text"]


def test_board_packs_keep_the_laws_pass_rules_and_add_only_their_own_reasons():
    law = evaluate("outcome", copy.deepcopy(HAVO))
    # Quadraam's PTA adds nothing to the pass/fail decision.
    assert evaluate("outcome", copy.deepcopy(HAVO), "quadraam") == law
    # OZHW adds its own conditions (PWS, LO) with its own rule codes, and its cum laude text.
    ozhw = evaluate("outcome", copy.deepcopy(HAVO), "ozhw")
    assert ozhw["passed"] == law["passed"] and ozhw["final_grades"] == law["final_grades"]
    extra = [r for r in ozhw["reasons"] if r not in law["reasons"]]
    assert extra and all(r["rule"].startswith("ozhw_") and r["pack"] == "ozhw" for r in extra)


def test_board_wrapper_adjusts_the_law_without_copying_it():
    # A pack imports only examenbureau.core, so it cannot import the law's PassRules; a wrapper
    # receives the law's answer and changes one number. Credited to the board only where it
    # changed something: havo here, vwo stays the law's.
    class Wrapper:
        @hookspecs.hookimpl(wrapper=True)
        def pass_rules(self, level: str):
            rules = yield
            if rules is not None and level == "havo":
                return attrs.evolve(rules, ce_average_min=Decimal("6.0"))
            return rules

    pm = packs.manager()
    pm.register(Wrapper(), name="omhulsel")
    data = copy.deepcopy(HAVO)
    for s in data["subjects"]:
        s["ce"] = "5.8"
    data["combination"]["components"][2]["final"] = 7
    r = evaluate_with("outcome", data, pm, "omhulsel")
    assert r["passed"] is False
    assert r["reasons"][0]["rule"] == "ce_gemiddelde" and r["reasons"][0]["pack"] == "omhulsel"
    vwo = {**copy.deepcopy(data), "level": "vwo", "variant": "atheneum"}
    r = evaluate_with("outcome", vwo, pm, "omhulsel")
    assert r["passed"] is True and {x["pack"] for x in r["reasons"]} == {"wvo2020"}


def test_board_marked_trylast_loses_to_the_law():
    # The law answers with trylast=True and is registered first; pluggy calls a later trylast
    # implementation after it. A board must therefore never mark its hooks trylast
    # (docs/rulepacks.md); this pins that behaviour so the documentation stays true.
    class Late:
        @hookspecs.hookimpl(trylast=True)
        def rulepack_settings(self):
            return {"se_only_rounding_steps": 2}

    pm = packs.manager()
    pm.register(Late(), name="laat")
    assert evaluate_with("final_grade", {"se": "6.45"}, pm, "laat")["grade"] == 6


def test_a_wrapper_on_rulepack_settings_is_refused_in_dutch():
    # Settings are merged key by key (the law's, the board's over them); a wrapper has no place
    # in that merge, so it is named instead of silently ignored (hookspecs.rulepack_settings).
    class Wrapped:
        @hookspecs.hookimpl(wrapper=True)
        def rulepack_settings(self):
            settings = yield
            return {**(settings or {}), "se_only_rounding_steps": 2}

    pm = packs.manager()
    pm.register(Wrapped(), name="omhulsel")
    with pytest.raises(CalcInputError, match="als wrapper wordt niet ondersteund"):
        evaluate_with("final_grade", {"se": "6.45"}, pm, "omhulsel")
