"""Rule pack of board OZHW: exam regulation 2024-2025 of Willem de Zwijger College (seed 002).

Only identity and sources so far: the board's rules (two-step rounding of SE-only final
grades, resit quota, PWS >= 3.5, late arrival, its cum laude text) come with their own issue.
Until then every decision falls through to the statutory pack.
"""

from __future__ import annotations

from examenbureau.core.hookspecs import PackInfo, Source, hookimpl

INFO = PackInfo(
    name="ozhw",
    title="Stichting OZHW — Willem de Zwijger College",
    board="OZHW",
    sources=(
        Source("Examenreglement 2024-2025 Willem de Zwijger College",
               "seeds/002_1c23185a9a65f2ce.txt",
               "afronding, cum laude, herkansingen, PWS, te laat komen"),
    ),
    implemented=(),
    status="Alleen identiteit en bronnen; de regels van OZHW volgen. Beslissingen komen nu uit wvo2020.",
)


@hookimpl
def rulepack_info() -> PackInfo:
    return INFO
