"""The `calc` op `carry_over`: what a repeater keeps, redoes or chooses.

The law only lets early CE results lapse when a pupil is not promoted (Uvb WVO 2020 art. 3.36
lid 2); everything else is in the school's regulation, answered by the pack's `carry_over` hook.
This module reads the request and writes the answer; `decidable` is false while any item is
"open" (someone else decides) or the pack answered nothing per subject.
"""

from __future__ import annotations

from typing import Any

from examenbureau.core.hookspecs import RepeaterSubject, RepeaterTest, RepeaterView

from . import pack_input as read
from . import pack_policy
from .pack_answers import CarryOverAnswer
from .policy import Policy


def _subjects(raw: Any) -> tuple[RepeaterSubject, ...]:
    out = []
    for field, item in read.objects(raw, "subjects", "vakken"):
        se = item.get("se")
        out.append(RepeaterSubject(
            code=read.text(item, "code", label=f"{field}.code"),
            has_ce=bool(read.flag(item, "ce", label=f"{field}.ce")),
            se_grade=None if se is None else read.year_grade(se, f"{field}.se"),
            final_grade=read.int_field(item, "final", minimum=1, maximum=10,
                                       label=f"{field}.final"),
            part=read.optional_text(item, "part", label=f"{field}.part")))
    return tuple(out)


def _tests(raw: Any) -> tuple[RepeaterTest, ...]:
    out = []
    for field, item in read.objects(raw, "tests", "toetsen"):
        grade = item.get("grade")
        out.append(RepeaterTest(
            subject=read.text(item, "subject", label=f"{field}.subject"),
            test=read.text(item, "test", label=f"{field}.test"),
            kind=read.optional_text(item, "kind", label=f"{field}.kind") or "schriftelijk",
            grade=None if grade is None else read.year_grade(grade, f"{field}.grade"),
            assessment=read.optional_text(item, "assessment", label=f"{field}.assessment")))
    return tuple(out)


def parse_repeater(data: Any) -> RepeaterView:
    data = read.obj(data, "input")
    level = read.level(data)
    assert level is not None
    leerjaar = read.leerjaar(data, level)
    return RepeaterView(
        level=level, leerjaar=leerjaar, exam_year=leerjaar == read.EXAM_YEAR[level],
        failed_exam=bool(read.flag(data, "failed_exam")), promoted=read.flag(data, "promoted"),
        subjects=_subjects(data.get("subjects")), tests=_tests(data.get("tests")),
        combination_grade=read.int_field(data, "combination_grade", minimum=1, maximum=10),
        early_ce=tuple(read.text_list(data, "early_ce")))


def carry_over(data: Any, pol: Policy) -> CarryOverAnswer:
    view = parse_repeater(data)
    answer = pack_policy.carry_over(pol, view)
    if answer is None:
        return CarryOverAnswer(False, (), (), "Geen regelpakket zegt wat een doubleur houdt.")
    open_items = [i for i in answer.items if i.choice == "open"]
    decidable = bool(answer.items) and not open_items
    counts = {c: sum(1 for i in answer.items if i.choice == c)
              for c in ("keep", "redo", "choose", "open")}
    words = {"keep": "houden", "redo": "opnieuw", "choose": "eigen keuze", "open": "beslist een ander"}
    text = "; ".join(f"{words[c]}: {n}" for c, n in counts.items() if n) or "Geen afspraken."
    return CarryOverAnswer(decidable, answer.items, answer.reasons, text)
