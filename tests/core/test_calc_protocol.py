"""The JSON Lines protocol of `examenbureau calc` (calc.md): a bad line never stops the stream."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

EXE = Path(sys.executable).parent / "examenbureau"


def calc(lines: list[str], *args: str) -> tuple[int, list[dict], str]:
    p = subprocess.run([str(EXE), "calc", *args], input="".join(line + "\n" for line in lines),
                       capture_output=True, text=True, timeout=60)
    return p.returncode, [json.loads(x) for x in p.stdout.splitlines()], p.stderr


def test_answers_in_order_and_bad_lines_do_not_stop_the_stream():
    lines = [
        json.dumps({"id": "a", "op": "final_grade", "input": {"se": "5,4", "ce": "5.5"}}),
        "dit is geen json",
        "",  # blank lines are not requests
        json.dumps({"id": "c", "op": "bestaat_niet", "input": {}}),
        json.dumps({"id": "d", "op": "ce_grade", "input": {"L": 40, "S": 2}}),
        json.dumps([1, 2]),
        json.dumps({"id": 7, "op": "ce_grade", "input": {"L": 40, "S": 2, "N": "1,0"}}),
    ]
    status, out, _ = calc(lines)
    assert status == 1  # some lines had ok: false
    assert [o["id"] for o in out] == ["a", None, "c", "d", None, 7]
    assert out[0] == {"id": "a", "ok": True, "result": out[0]["result"]}
    assert out[0]["result"]["grade"] == 5  # 5,45 rounds down in one step (art. 3.32 lid 2)
    assert out[1]["ok"] is False and "geen geldige JSON" in out[1]["error"]
    assert out[2]["ok"] is False and "'op'" in out[2]["error"] and "outcome" in out[2]["error"]
    # no default N-term: the field is named and the reason given
    assert out[3]["ok"] is False and "'N'" in out[3]["error"]
    assert "geen standaardwaarde" in out[3]["error"]
    assert out[4]["ok"] is False
    assert out[5] == {"id": 7, "ok": True, "result": out[5]["result"]}
    assert out[5]["result"]["grade"] == "1.5"


def test_all_lines_ok_exits_zero():
    status, out, _ = calc([json.dumps({"id": "x", "op": "final_grade", "input": {"se": "7"}})])
    assert status == 0 and out[0]["result"]["grade"] == 7


def test_json_numbers_are_read_exactly_never_as_float():
    # 5.4 and 5.5 as JSON numbers: a float sum is 10.9 exactly only by luck; 1.45 in a float is
    # 1.4499999..., and the CE average 38.5/7 in floats is 5.4999...; all must come out exact.
    lines = [
        '{"id": "f", "op": "final_grade", "input": {"se": 5.4, "ce": 5.5}}',
        '{"id": "g", "op": "final_grade", "input": {"se": 6.45}}',
        '{"id": "n", "op": "ce_grade", "input": {"L": 60, "S": 50, "N": 3.0}}',
    ]
    status, out, _ = calc(lines)
    assert status == 0
    assert out[0]["result"]["grade"] == 5
    assert out[1]["result"]["grade"] == 6
    assert out[2]["result"]["grade"] == "9.3"
    assert "groter dan 2,0" in out[2]["result"]["warnings"][0]  # N > 2 warns, never refuses


def test_request_pack_wins_over_the_default_and_unknown_pack_is_an_error_line():
    lines = [json.dumps({"id": "1", "op": "final_grade", "pack": "ozhw", "input": {"se": "7"}}),
             json.dumps({"id": "2", "op": "final_grade", "pack": "geen", "input": {"se": "7"}})]
    status, out, _ = calc(lines)
    assert status == 1
    assert out[0]["ok"] is True
    assert out[1]["ok"] is False and "Onbekend regelpakket 'geen'" in out[1]["error"]


def test_unknown_pack_on_the_command_line_is_a_usage_error():
    status, out, err = calc([], "--pack", "bestaatniet")
    assert status == 2 and out == []
    assert "Onbekend regelpakket" in err


def test_invalid_field_is_named_in_dutch():
    line = json.dumps({"id": "v", "op": "outcome", "input": {
        "level": "havo", "subjects": [{"code": "netl", "se": "5.55", "ce": "6.0"}]}})
    status, out, _ = calc([line])
    assert status == 1
    assert "subjects[0] (netl).se" in out[0]["error"] and "één decimaal" in out[0]["error"]


def test_help_is_dutch():
    p = subprocess.run([str(EXE), "calc", "--help"], capture_output=True, text=True)
    assert p.returncode == 0 and "regelpakket" in p.stdout


# --- a JSON number is its decimal text, never a binary float (calc.md "Numbers") -------------------

def _in_process(line: str) -> dict:
    from examenbureau.core.calc import answer

    response, _ = answer(line)
    return response


def _text(t: int) -> str:
    return f"{t // 10}.{t % 10}"


@settings(max_examples=300, deadline=None)
@given(st.integers(10, 100), st.integers(10, 100))
def test_a_json_number_means_exactly_its_decimal_text(se_t, ce_t):
    # "se": 6.4 and "se": "6.4" are the same grade. Never a float: 1.45 as a float is 1.4499999...
    as_number = _in_process(f'{{"id": 1, "op": "final_grade", '
                            f'"input": {{"se": {_text(se_t)}, "ce": {_text(ce_t)}}}}}')
    as_text = _in_process(json.dumps({"id": 1, "op": "final_grade",
                                      "input": {"se": _text(se_t), "ce": _text(ce_t)}}))
    assert as_number == as_text
    assert as_number["result"]["grade"] == (se_t + ce_t + 10) // 20  # art. 3.32 lid 2, exact


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 120).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))),
       st.integers(0, 30))   # N 0,0-3,0: the bound the N-term import has too (core/limits.py)
def test_an_n_term_as_json_number_is_read_exactly(length_score, n_t):
    length, score = length_score
    number = _in_process(f'{{"id": 1, "op": "ce_grade", '
                         f'"input": {{"L": {length}, "S": {score}, "N": {_text(n_t)}}}}}')
    text = _in_process(json.dumps({"id": 1, "op": "ce_grade",
                                   "input": {"L": length, "S": score, "N": _text(n_t)}}))
    assert number == text and number["ok"] is True


def test_a_json_number_with_too_many_decimals_is_refused_not_rounded():
    # 5.45 as a CE grade has two decimals (art. 3.13 lid 1: one); it is never quietly made 5.4/5.5
    ce = _in_process('{"id": "c", "op": "final_grade", "input": {"se": 5.4, "ce": 5.45}}')
    assert ce["ok"] is False and "één decimaal" in ce["error"] and "'ce'" in ce["error"]
    n = _in_process('{"id": "n", "op": "ce_grade", "input": {"L": 40, "S": 2, "N": 1.05}}')
    assert n["ok"] is False and "één decimaal" in n["error"]
    # NaN and Infinity are not JSON numbers at all
    nan = _in_process('{"id": "x", "op": "ce_grade", "input": {"L": 40, "S": 2, "N": NaN}}')
    assert nan["ok"] is False and "geen geldige JSON" in nan["error"]
