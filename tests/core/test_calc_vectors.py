"""Every statutory vector through the real `examenbureau calc` command, as another system would.

The vectors (tests/fixtures/vectors/statutory.jsonl, copied from the project research) are facts
of the law worked out by hand. They go to the installed console script in one stream per pack,
and each answer is compared the way the research's own checker compares them: for `outcome` the
pass/fail, the set of violated rule codes, whether anything had to be left out and the exact CE
sum and count; for the other ops every expected key, exactly, as decimals.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

EXE = Path(sys.executable).parent / "examenbureau"
VECTORS = Path(__file__).parent.parent / "fixtures" / "vectors" / "statutory.jsonl"


def _load() -> list[dict]:
    return [json.loads(line) for line in VECTORS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _num(x: object) -> Decimal | None:
    try:
        return Decimal(str(x).replace(",", "."))
    except Exception:
        return None


def agree(op: str, exp: dict, res: dict) -> bool:
    """The comparison of the research's own checker, copied."""
    if op == "outcome":
        rules = sorted({(x.get("rule") if isinstance(x, dict) else x)
                        for x in res.get("reasons", [])})
        dropped = sorted(res.get("dropped", []))
        ok = res.get("passed") == exp["passed"] and bool(dropped) == bool(exp["dropped"])
        if exp["passed"] is False:
            ok = ok and rules == exp["rules"]
        ca = res.get("ce_average") or {}
        if not exp["dropped"]:
            ok = (ok and _num(ca.get("sum")) == _num(exp["ce_average"]["sum"])
                  and ca.get("count") == exp["ce_average"]["count"])
        if "cum_laude" in exp:
            ok = ok and res.get("cum_laude") is exp["cum_laude"]
        if "final_grades" in exp:
            fg = res.get("final_grades") or {}
            ok = ok and all(int(fg.get(k, -1)) == v for k, v in exp["final_grades"].items())
        return ok
    for k, v in exp.items():
        got = res.get(k)
        if k == "school_rule_met":
            got = (res.get("school_rule") or {}).get("met")
        if isinstance(v, bool) or isinstance(got, bool):
            if got is not v:
                return False
        elif _num(got) is None or _num(got) != _num(v):
            return False
        if k == "grade" and op == "ce_grade" and (
                not isinstance(got, str) or len(got.split(".")[-1]) != 1):
            return False  # a CE grade is a one-decimal string
    return True


def _run_all() -> dict[str, dict]:
    by_pack: dict[str, list[dict]] = {}
    for r in _load():
        by_pack.setdefault(r.get("pack", "wvo2020"), []).append(r)
    answers: dict[str, dict] = {}
    for pack, rs in by_pack.items():
        payload = "".join(json.dumps({k: r[k] for k in ("id", "op", "pack", "input")}) + "\n"
                          for r in rs)
        p = subprocess.run([str(EXE), "calc", "--pack", pack], input=payload,
                           capture_output=True, text=True, timeout=120)
        assert p.returncode in (0, 1), p.stderr
        for line in p.stdout.splitlines():
            o = json.loads(line)
            answers[o["id"]] = o
    return answers


@pytest.fixture(scope="module")
def answers() -> dict[str, dict]:
    return _run_all()


VECTOR_LIST = _load()


def test_the_fixture_is_complete():
    assert len(VECTOR_LIST) == 53
    assert {r["op"] for r in VECTOR_LIST} == {"ce_grade", "final_grade", "combination_grade",
                                               "outcome", "cum_laude"}


@pytest.mark.parametrize("vector", VECTOR_LIST,
                         ids=[f"{r['id']}-{r['op']}" for r in VECTOR_LIST])
def test_vector_agrees_through_the_command(vector, answers):
    got = answers.get(vector["id"])
    assert got is not None, "no answer for this id"
    if vector["expect"] == {"error": True}:
        assert got["ok"] is False and got["error"]
        return
    assert got["ok"] is True, got
    assert agree(vector["op"], vector["expect"], got["result"]), (vector["expect"], got["result"])


def test_one_answer_per_request_in_order(answers):
    # the stream answered every line; the exit status was 0 because every line was ok
    assert set(answers) == {r["id"] for r in VECTOR_LIST}
    assert all(a["ok"] for a in answers.values())
