"""The statutory pass conditions and cum laude, as parameters with their articles.

Read from the Uitvoeringsbesluit WVO 2020 (BWBR0045787), texts valid from 2024-08-01 and
2025-10-01 (exam years 2025 and 2026; arts. 3.32-3.35 and 3.47-3.48 are the same in both).
The engine that applies them is `examenbureau.core.rules`; this module only says what the law
says, level by level, so a reader can check each number against the article next to it.
"""

from __future__ import annotations

from decimal import Decimal

from examenbureau.core.hookspecs import CumLaudeRules, PassRules

UVB = "Uitvoeringsbesluit WVO 2020"


def _sources(article: str, vmbo: bool) -> dict[str, str]:
    base = f"{UVB} art. {article} lid 1"
    out = {
        "ce_gemiddelde": f"{base} onder a",
        "eindcijfer_onder_4": f"{base} onder c",
        "compensatie": f"{base} onder c",
        "combinatie_onderdeel": f"{base} onder d",
        "lo": f"{base} onder e",
        "combinatiecijfer": (f"{UVB} art. 3.35 lid 3, 4 en 5" if vmbo
                             else f"{UVB} art. 3.34 lid 2 en 4"),
        "eindcijfer": f"{UVB} art. 3.32",
        "weglaten": f"{UVB} art. 3.33 lid 3",
        "samenstelling": f"{UVB} art. 3.33 lid 1",
    }
    if vmbo:
        out["nederlands"] = f"{base} onder b"
        out["kunstvakken"] = f"{base} onder e"
        out["pws"] = f"{base} onder f"
    else:
        out["kernvakken"] = f"{base} onder b"
    return out


def _havo_vwo(level: str) -> PassRules:
    # 3.34 lid 1: a. CE mean >= 5,5; b. kernvakken: one 5 at most, the others >= 6;
    # c. 1° one 5, rest >= 6; 2° one 4, rest >= 6, mean >= 6,0; 3° two 5s, rest >= 6, mean >= 6,0;
    # 4° one 4 and one 5, rest >= 6, mean >= 6,0; d. no component of lid 2 below 4; e. LO.
    return PassRules(
        level=level,
        ce_average_min=Decimal("5.5"),
        core_rule="kernvakken",
        core_min=5,
        core_max_below_six=1,
        compensation_mean_min=6,
        compensation_needs_seven=False,
        compensation_allows_four_and_five=True,
        component_min=4,
        assessments=("lo",),
        sources=_sources("3.34", vmbo=False),
    )


def _vmbo(level: str) -> PassRules:
    # 3.35 lid 1: a. CE mean >= 5,5; b. Nederlandse taal >= 5; c. 1° one 5, rest >= 6;
    # 2° one 4, rest >= 6 with at least one 7; 3° two 5s, rest >= 6 with at least one 7;
    # d. no component of lid 3/4 below 4; e. LO and kunstvakken incl. CKV voldoende/goed;
    # f. gl and tl only: PWS voldoende/goed.
    assessments = ("lo", "kunstvakken", "pws") if level == "vmbo-gt" else ("lo", "kunstvakken")
    return PassRules(
        level=level,
        ce_average_min=Decimal("5.5"),
        core_rule="nederlands",
        core_min=5,
        core_max_below_six=1,
        compensation_mean_min=None,
        compensation_needs_seven=True,
        compensation_allows_four_and_five=False,
        component_min=4,
        assessments=assessments,
        sources=_sources("3.35", vmbo=True),
    )


PASS_RULES: dict[str, PassRules] = {
    "vwo": _havo_vwo("vwo"),
    "havo": _havo_vwo("havo"),
    "vmbo-gt": _vmbo("vmbo-gt"),
    "vmbo-kb": _vmbo("vmbo-kb"),
    "vmbo-bb": _vmbo("vmbo-bb"),
}

# Which vmbo-gt cum laude applies depends on the leerweg; the engine asks for "vmbo-gt/tl" or
# "vmbo-gt/gl".
CUM_LAUDE_RULES: dict[str, CumLaudeRules] = {
    # 3.47 lid 1: mean >= 8,0 of gd subjects, the combination grade (3.34 lid 2), the profile
    # subjects and the best free-part subject; every subject counting in the uitslag >= 7.
    "vwo": CumLaudeRules(
        level="vwo", mean_min=8, min_final=7,
        mean_of=("gd", "combination", "pd", "best_vd"), requires_pws=False,
        source_mean=f"{UVB} art. 3.47 lid 1 onder a",
        source_min=f"{UVB} art. 3.47 lid 1 onder b"),
    # 3.47 lid 2: as vwo, minimum 6.
    "havo": CumLaudeRules(
        level="havo", mean_min=8, min_final=6,
        mean_of=("gd", "combination", "pd", "best_vd"), requires_pws=False,
        source_mean=f"{UVB} art. 3.47 lid 2 onder a",
        source_min=f"{UVB} art. 3.47 lid 2 onder b"),
    # 3.48 lid 1: Ne, En, maatschappijleer, the general profile subjects, the best free-part
    # subject; every subject >= 6 and the PWS at least voldoende.
    "vmbo-gt/tl": CumLaudeRules(
        level="vmbo-gt", mean_min=8, min_final=6,
        mean_of=("gd", "pd", "best_vd"), requires_pws=True,
        source_mean=f"{UVB} art. 3.48 lid 1 onder a",
        source_min=f"{UVB} art. 3.48 lid 1 onder b"),
    # 3.48 lid 3: as tl, but "het algemene vak uit het vrije deel of het eindcijfer, bedoeld in
    # artikel 3.35, derde lid": the text does not say which; the higher of the two is taken.
    "vmbo-gt/gl": CumLaudeRules(
        level="vmbo-gt", mean_min=8, min_final=6,
        mean_of=("gd", "pd", "best_vd_or_combination"), requires_pws=True,
        source_mean=f"{UVB} art. 3.48 lid 3 onder a",
        source_min=f"{UVB} art. 3.48 lid 3 onder b"),
    # 3.48 lid 2: the profielvak and the two general profile subjects, and the keuzevakken
    # combination (3.35 lid 3); Ne, En and maatschappijleer are NOT in the mean.
    "vmbo-kb": CumLaudeRules(
        level="vmbo-kb", mean_min=8, min_final=6,
        mean_of=("pd", "combination"), requires_pws=False,
        source_mean=f"{UVB} art. 3.48 lid 2 onder a",
        source_min=f"{UVB} art. 3.48 lid 2 onder b"),
    "vmbo-bb": CumLaudeRules(
        level="vmbo-bb", mean_min=8, min_final=6,
        mean_of=("pd", "combination"), requires_pws=False,
        source_mean=f"{UVB} art. 3.48 lid 2 onder a",
        source_min=f"{UVB} art. 3.48 lid 2 onder b"),
}

SETTINGS = {
    # The law leaves the rounding of an SE-only final grade to the school (3.13 lid 2; DUO
    # examenloket "Schoolexamen"). Without a board rule the engine rounds the exact SE value
    # once, as art. 3.32 lid 2 does for every other final grade.
    "se_only_rounding_steps": 1,
}
