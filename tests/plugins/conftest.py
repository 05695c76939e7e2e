"""Quoting a regulation in a test: the sentence must really stand in the document.

Every pack test quotes the sentence it tests and names the seed file and article in its id.
`quote(doc, sentence)` fails the test when the sentence is not in the copy of the document in
tests/fixtures/regulations (whitespace and markdown emphasis ignored), so a misquote or a rule
built on a sentence that is not there cannot pass.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "regulations"
DOCS = {
    "002": "ozhw_examenreglement_2024_2025.txt",     # seed 002, OZHW
    "003": "quadraam_algemeen_pta_2023_2024.txt",    # seed 003, Quadraam
    "uvb": "uvb_wvo_2020_excerpt.txt",               # Uitvoeringsbesluit WVO 2020
}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


@functools.cache
def _document(key: str) -> str:
    return _normal((FOLDER / DOCS[key]).read_text(encoding="utf-8"))


def check_quote(doc: str, sentence: str) -> str:
    assert _normal(sentence) in _document(doc), f"niet gevonden in {DOCS[doc]}: {sentence!r}"
    return sentence


@pytest.fixture
def quote() -> Callable[[str, str], str]:
    return check_quote
