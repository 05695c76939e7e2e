"""The statutory rule pack: Uitvoeringsbesluit WVO 2020 and the CvTE scoring regulation.

Every hook is implemented with `trylast=True` so that a board pack, registered on top,
answers first where its regulation differs.
"""

from __future__ import annotations

from examenbureau.core.hookspecs import PackInfo, Source, hookimpl

INFO = PackInfo(
    name="wvo2020",
    title="Wettelijke regels (WVO 2020)",
    board=None,
    statutory=True,
    sources=(
        Source("Uitvoeringsbesluit WVO 2020", "BWBR0044212",
               "hoofdstuk 2 en 3: samenstelling, eindcijfer, uitslag, cum laude"),
        Source("Regeling omzetting scores in cijfers centrale examens (CvTE)", "BWBR0037590",
               "omzetting score naar cijfer met de N-term"),
        Source("Examenloket DUO: schoolexamen", "seeds/001_82885d37d73a31bb.txt",
               "PTA, afronding, overzicht schoolexamen met natte handtekeningen"),
        Source("CvTE regeling beoordeling centraal examen", "seeds/004_d930103c3660f7d6.txt",
               "scores per vraag, tweede corrector, punten toekennen aan alle kandidaten"),
    ),
    implemented=(),
    status="Identiteit en bronnen; de wettelijke rekenregels staan in examenbureau.core.",
)


@hookimpl(trylast=True)
def rulepack_info() -> PackInfo:
    return INFO
