"""Refusing a CE resit the rules do not allow, at import (Uvb WVO 2020 art. 3.38 lid 1).

Why at import: a second subject's score in tijdvak 2 would be taken as a resit and could turn a
failed candidate into a passed one; the law allows one subject ("voor één vak van het
eindexamen"). A resit is a sitting in a later tijdvak of a subject the candidate already sat
(a score or a grade) in an earlier one; a first sitting moved to tijdvak 2 because of an
impediment (art. 3.29 lid 1) is no resit. How many subjects may be resat comes from the active
rule pack's `ce_resit_rules`; vmbo bb/kb may also resit the cspe of the profielvak (lid 2).
The file is refused on the line of each resit too many, with the article; nothing is written.
"""

from __future__ import annotations

from collections import defaultdict

from ...pack_facts import resits_in
from ...packs import STATUTORY
from ...reference import SchoolType, subject_info
from ..reading import Problem
from .context import Context, Rows


def check_ce_resits(ctx: Context, rows: Rows) -> None:
    """Add a problem for every resit beyond what the active pack's rules allow."""
    from ...rules import CalcInputError, pack_policy
    from ...rules.policy import for_pack

    if not rows:
        return
    years = sorted({v["exam_year"] for _, v in rows if v["exam_year"] is not None})
    sat: dict[tuple[int, str], dict[str, dict[int, bool]]] = defaultdict(lambda: defaultdict(dict))
    lines: dict[tuple[int, str, str, int], int] = {}   # where a sitting comes from in the file
    with ctx.ref.store.read() as con:
        stored = con.execute(
            "SELECT exam_year, exam_number, subject, period, score IS NOT NULL OR direct_grade IS"
            f" NOT NULL FROM ce_scores WHERE exam_year IN ({', '.join('?' for _ in years)})",
            years).fetchall()
    for year, number, subject, period, was_sat in stored:
        sat[(year, number)][subject][period] = bool(was_sat)
    for line, v in rows:
        key = (v["exam_year"], v["exam_number"])
        sat[key][v["subject"]][v["period"]] = (v["score"] is not None
                                               or v["direct_grade"] is not None)
        lines[(*key, v["subject"], v["period"])] = line
    pack = ctx.ref.store.get_setting("rulepack") or STATUTORY
    try:
        policy = for_pack(pack)
    except CalcInputError as exc:
        ctx.problems.append(Problem(ctx.table.file, 1, "regel", str(exc)))
        return
    candidates = ctx.ref.candidates()
    for key in sorted({(v["exam_year"], v["exam_number"]) for _, v in rows}):
        cand = candidates.get(key)
        if cand is None:
            continue
        st = SchoolType.from_store(cand["school_type"], cand["track"])
        rules, who = pack_policy.ce_resit_rules(policy, st.level)
        resits = [(lines.get((*key, s, p), 0), p, s) for p, s in resits_in(sat[key])]
        if rules.cspe_extra:   # vmbo bb/kb: the cspe of the profielvak has its own resit
            cspe = [r for r in resits if _is_profielvak(r[2], st)][:1]
            resits = [r for r in resits if r not in cspe]
        resits.sort()                    # already stored (line 0) first, then in file order
        allowed = resits[:rules.max_subjects]
        for line, period, subject in resits[rules.max_subjects:]:
            if line == 0:
                continue   # already in the database: not this file's doing
            first = ", ".join(s for _, _, s in allowed)
            source = rules.sources.get("ce_herkansing_aantal", "")
            ctx.problems.append(Problem(
                ctx.table.file, line, "vak",
                f"kandidaat {key[1]} herkanst al {first}; een herkansing van {subject} in "
                f"tijdvak {period} kan niet: {source} staat herkansing toe in "
                f"{_subjects(rules.max_subjects)} (regelpakket {who}). Verwacht één herkansing; "
                "een pakket dat meer toestaat, zegt dat in ce_resit_rules"))


def _is_profielvak(subject: str, st: SchoolType) -> bool:
    info = subject_info(subject, st.level, st.leerweg)
    return bool(info and info.is_profielvak)


def _subjects(n: int) -> str:
    return "één vak" if n == 1 else f"{n} vakken"
