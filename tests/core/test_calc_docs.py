"""Every example in docs/calc.md is a real request with its real answer.

The page shows each op with a request and the response; this test sends all requests through
the installed `examenbureau calc` and compares each answer with the documented one, so the
documentation cannot drift from the engine.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from examenbureau.core.rules import OPS

EXE = Path(sys.executable).parent / "examenbureau"
DOC = Path(__file__).resolve().parents[2] / "docs" / "calc.md"
PAIR = re.compile(r"Verzoek:\s*```json\n(.*?)\n```\s*Antwoord:\s*```json\n(.*?)\n```", re.S)


def test_every_op_is_documented_with_an_example():
    text = DOC.read_text(encoding="utf-8")
    ops = {json.loads(req)["op"] for req, _ in PAIR.findall(text)}
    assert ops == set(OPS)


def test_documented_answers_are_what_calc_answers():
    pairs = [(json.loads(req), json.loads(resp))
             for req, resp in PAIR.findall(DOC.read_text(encoding="utf-8"))]
    assert len(pairs) >= 7
    payload = "".join(json.dumps(req, ensure_ascii=False) + "\n" for req, _ in pairs)
    p = subprocess.run([str(EXE), "calc"], input=payload, capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    got = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(got) == len(pairs)
    for (req, documented), answer in zip(pairs, got, strict=True):
        assert answer == documented, req["id"]
