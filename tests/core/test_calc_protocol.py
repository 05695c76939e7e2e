"""The JSON Lines protocol of `examenbureau calc` (calc.md): a bad line never stops the stream."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
