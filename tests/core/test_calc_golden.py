"""`calc` answers byte for byte as before the engine returned typed answers.

tests/fixtures/calc_golden.jsonl holds one request of every shape of answer (each op, each
pack, passed or failed, cum laude or not, a resit that helps or none, `needed` possible or not,
undecidable, invalid input), with the exact line `calc` wrote for it when the rules still built
their JSON by hand. The engine now answers with objects (`rules.answers`) and only the edge
turns them into JSON; the line must not change by one byte, key order included. A change that
is meant to alter an answer regenerates the file (tests/fixtures/regenerate_calc_golden.py) and
shows the diff in review.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from examenbureau.core.calc import run
from examenbureau.core.rules import answer, evaluate
from examenbureau.core.rules.answers import Advice, Needed, Outcome

GOLDEN = Path(__file__).parent.parent / "fixtures" / "calc_golden.jsonl"
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("case", CASES, ids=[str(i) for i in range(len(CASES))])
def test_answer_line_is_unchanged(case):
    out = io.StringIO()
    run([case["request"] + "\n"], out)
    assert out.getvalue() == case["response"] + "\n"


def test_the_golden_file_covers_every_kind_of_answer():
    ops = {json.loads(c["request"])["op"] for c in CASES if c["request"].startswith("{")}
    assert {"outcome", "resit_advice", "needed", "cum_laude", "ce_grade", "final_grade",
            "combination_grade"} <= ops
    text = "".join(c["response"] for c in CASES)
    for shape in ('"resit_helps":true', '"resit_helps":false', '"possible":false',
                  '"possible":true', '"decidable":false', '"lowest_score"', '"weglaten"',
                  '"samenstelling"', '"ok":false', '"rounding_steps"', '"cum_laude":true'):
        assert shape in text, shape


def test_typed_answers_are_what_the_json_says():
    request = json.loads(next(c["request"] for c in CASES
                              if '"resit_helps":true' in c["response"]))
    advice = answer("resit_advice", request["input"], request.get("pack", "wvo2020"))
    assert isinstance(advice, Advice) and advice.options and advice.resit_helps
    as_json = evaluate("resit_advice", request["input"], request.get("pack", "wvo2020"))
    assert as_json == advice.as_json()
    # the summary is the engine's own sentence, the first option follows it in `text`
    assert advice.text == f"{advice.summary} {advice.options[0].text}"
    assert as_json["text"].startswith(advice.summary) and not advice.summary.endswith(" ")
    assert [o.gain_tenths for o in advice.options] == sorted(o.gain_tenths for o in advice.options)

    outcome = answer("outcome", request["input"], request.get("pack", "wvo2020"))
    assert isinstance(outcome, Outcome) and outcome.passed is False
    assert outcome.ce_average is not None and outcome.ce_average.mean is not None
    assert all(r.violated for r in outcome.reasons)

    needed_case = json.loads(next(c["request"] for c in CASES if '"lowest_score"' in c["response"]))
    needed = answer("needed", needed_case["input"], needed_case.get("pack", "wvo2020"))
    assert isinstance(needed, Needed) and needed.pending
    assert any(s.lowest_score is not None for s in needed.subjects)
