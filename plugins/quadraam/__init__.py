"""Rule pack of board Quadraam: general PTA 2023-2024 of Lorentz Lyceum (seed 003).

Only identity and sources so far: resit rights per period, forfeits, promotion norms and late
arrival come with their own issue. Until then every decision falls through to wvo2020.
"""

from __future__ import annotations

from examenbureau.core.hookspecs import PackInfo, Source, hookimpl

INFO = PackInfo(
    name="quadraam",
    title="Stichting Quadraam — Lorentz Lyceum",
    board="Quadraam",
    sources=(
        Source("Algemeen PTA 2023-2024 Lorentz Lyceum",
               "seeds/003_85a7d273f8e5ac8f.txt",
               "herkansingen per periode, vervallen herkansing, bevordering, te laat komen"),
    ),
    implemented=(),
    status="Alleen identiteit en bronnen; de regels van Quadraam volgen. Beslissingen komen nu uit wvo2020.",
)


@hookimpl
def rulepack_info() -> PackInfo:
    return INFO
