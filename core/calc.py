"""The JSON Lines protocol of `examenbureau calc` (docs/calc.md).

One request per line in, one response per line out, in the same order. A bad line (not JSON,
unknown op, invalid field, even a bug in a rule) is answered with `ok: false` and a Dutch
message; it never stops the stream. Numbers are parsed as Decimal, never as float, so "5.45"
and 5.45 mean the same exact value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from examenbureau.core.packs import STATUTORY
from examenbureau.core.rules import CalcInputError, evaluate

DEFAULT_PACK = STATUTORY


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is geen getal")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} kan niet in JSON")


def answer(line: str | bytes, default_pack: str = DEFAULT_PACK) -> tuple[dict[str, Any], bool]:
    """The response object for one request line, and whether it was answered (ok)."""
    rid: Any = None
    try:
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                return {"id": None, "ok": False,
                        "error": "De regel is geen geldige UTF-8-tekst."}, False
        try:
            if line.startswith("\ufeff"):
                request = json.loads(line)  # raises json's own "Unexpected UTF-8 BOM"
            request = _DECODER.decode(line)
        except ValueError as exc:
            detail = exc.args[0] if exc.args else exc
            return {"id": None, "ok": False,
                    "error": f"De regel is geen geldige JSON ({detail})."}, False
        if not isinstance(request, dict):
            return {"id": None, "ok": False,
                    "error": "Een verzoek is een JSON-object met 'id', 'op' en 'input'."}, False
        rid = request.get("id")
        if isinstance(rid, Decimal):
            rid = str(rid)
        if "op" not in request:
            raise CalcInputError("veld 'op' ontbreekt: verwacht bijvoorbeeld 'outcome' of "
                                 "'ce_grade'")
        if "input" not in request:
            raise CalcInputError("veld 'input' ontbreekt: verwacht een object met de gegevens")
        pack = request.get("pack")
        if pack is None:
            pack = default_pack
        result = evaluate(request["op"], request["input"], pack)
        return {"id": rid, "ok": True, "result": result}, True
    except CalcInputError as exc:
        return {"id": rid, "ok": False, "error": str(exc)}, False
    except Exception as exc:  # a rule bug must not take down the stream (calc.md)
        return {"id": rid, "ok": False,
                "error": f"Interne fout bij dit verzoek ({type(exc).__name__}: {exc}); "
                         "meld dit aan de beheerder."}, False


# One decoder and one encoder for the whole stream: `json.loads`/`json.dumps` with options build
# a new one (and its scanner) for every line, a tenth of the time of a simple request.
_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_reject_constant)
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_plain, separators=(",", ":"))


def dumps(response: dict[str, Any]) -> str:
    return _ENCODER.encode(response)


def run(lines: Iterable[bytes | str], out: IO[str], default_pack: str = DEFAULT_PACK) -> int:
    """Answer every non-blank line; 0 when all were answered, 1 when any had `ok: false`.

    Each response is flushed at once, so a program that writes one request and waits for the
    answer over a pipe is served line by line.
    """
    status = 0
    for line in lines:
        if not line.strip():
            continue
        response, ok = answer(line, default_pack)
        if not ok:
            status = 1
        out.write(dumps(response) + "\n")
        out.flush()
    return status
