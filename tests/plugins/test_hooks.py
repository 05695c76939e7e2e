"""One test per hook of the rule-pack contract (named `test_hook_<hook>`, which the governance
test requires): each hook asked through the real plugin manager of the law with a board pack on
top, the way the engine asks it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from examenbureau.core import packs
from examenbureau.core.hookspecs import (
    CandidateView,
    CarryOver,
    CeResitRules,
    CumLaudeRules,
    Deadline,
    PackInfo,
    PassRules,
    PromotionRules,
    RepeaterSubject,
    RepeaterView,
    ResitHistory,
    ResitRequest,
    SchoolRule,
    SittingRules,
    UsedResit,
)


def hook(pack: str | None = None):
    return packs.manager(pack).hook


def view(**kw) -> CandidateView:
    data = dict(level="havo", leerweg=None, final_grades={"netl": 8, "entl": 8, "wisA": 8},
                parts={"netl": "gd", "entl": "gd", "wisA": "pd"},
                ce_grades={"netl": Decimal("7.6")}, combination_grade=8,
                combination_components={"maat": 8, "ckv": 8, "pws": 8},
                assessments={"lo": "voldoende"}, passed=True,
                all_final_grades={"netl": 8, "entl": 8, "wisA": 8}, exam_year=2025,
                lo_assessed_on=date(2025, 4, 1))
    data.update(kw)
    return CandidateView(**data)


def test_hook_rulepack_info():
    infos = {i.name: i for i in hook("quadraam").rulepack_info()}
    assert set(infos) == {"wvo2020", "quadraam"}
    assert all(isinstance(i, PackInfo) and i.sources for i in infos.values())


def test_hook_rulepack_settings():
    assert hook("ozhw").rulepack_settings() == {"se_only_rounding_steps": 2}
    assert hook("quadraam").rulepack_settings() == {"se_attempt": "hoogste"}


def test_hook_pass_rules():
    rules = hook("ozhw").pass_rules(level="vwo")
    assert isinstance(rules, PassRules) and rules.ce_average_min == Decimal("5.5")


def test_hook_cum_laude_rules():
    rules = hook().cum_laude_rules(level="havo")
    assert isinstance(rules, CumLaudeRules) and rules.min_final == 6


def test_hook_extra_pass_conditions():
    answers = hook("ozhw").extra_pass_conditions(candidate=view(
        combination_components={"maat": 8, "ckv": 8, "pws": 3}))
    reasons = [r for part in answers for r in part]
    assert any(r.rule == "ozhw_pws" and r.violated for r in reasons)


def test_hook_cum_laude_school_rule():
    rule = hook("ozhw").cum_laude_school_rule(candidate=view())
    assert isinstance(rule, SchoolRule) and rule.met is True and "art. 12 lid 7" in rule.source
    assert hook().cum_laude_school_rule(candidate=view()) is None


def test_hook_se_resit_check():
    history = ResitHistory("havo", 5, True, (UsedResit("netl", "NE-T1", 1),))
    request = ResitRequest("netl", "NE-T2", "schriftelijk", resittable=True, period=1,
                           test_period=1)
    assert hook("quadraam").se_resit_check(history=history, request=request).allowed is False
    assert hook("ozhw").se_resit_check(history=history, request=request).allowed is True
    assert hook().se_resit_check(history=history, request=request).allowed is None


def test_hook_ce_resit_rules():
    rules = hook("ozhw").ce_resit_rules(level="vmbo-bb")
    assert isinstance(rules, CeResitRules) and rules.max_subjects == 1 and rules.cspe_extra


def test_hook_sitting_rules():
    law = hook().sitting_rules(sitting="ce", kind="schriftelijk", level="havo")
    board = hook("quadraam").sitting_rules(sitting="ce", kind="schriftelijk", level="havo")
    assert isinstance(board, SittingRules)
    assert law.end_fixed is None and board.end_fixed is True
    assert board.extra_time == law.extra_time   # the wrapper keeps the law's 30 minutes


def test_hook_promotion_rules():
    assert hook().promotion_rules(level="havo", leerjaar=4) is None
    rules = hook("quadraam").promotion_rules(level="havo", leerjaar=4)
    assert isinstance(rules, PromotionRules) and rules.below_norm == "bespreken"


def test_hook_carry_over():
    repeater = RepeaterView("havo", 5, True, failed_exam=True,
                            subjects=(RepeaterSubject("maat", False, Decimal("6.5"), 7),))
    answer = hook("ozhw").carry_over(repeater=repeater)
    assert isinstance(answer, CarryOver) and answer.items[0].choice == "keep"


def test_hook_deadlines():
    answers = hook("ozhw").deadlines()
    keys = {d.key for part in answers for d in part}
    assert {"ce_herkansing_aanvraag", "afwezigheid_melden"} <= keys
    assert all(isinstance(d, Deadline) for part in answers for d in part)
