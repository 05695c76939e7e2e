"""The judicium cum laude: Uvb WVO 2020 art. 3.47 (vwo, havo) and 3.48 (vmbo).

Which final grades form the mean comes from the pack (`CumLaudeRules.mean_of`); the mean is
compared exactly (sum >= 8·count: 71 over 9 grades is 7,89 and not enough, and 7,99 never
rounds up, examenblad "Judicium cum laude"). Extra subjects are left out of the minimum check
("Een 6 voor een extra vak vormt geen probleem", examenblad) and the combination grade counts,
not its components. Cum laude is never granted to a candidate who did not pass.
"""

from __future__ import annotations

from typing import NamedTuple

from examenbureau.core.hookspecs import CumLaudeRules, SchoolRule
from examenbureau.core.reasons import Reason

from .answers import CumLaude
from .engine import SUFFICIENT, State, view
from .model import Exam, combination_of
from .texts import join_nl, mean_nl


class _Tally(NamedTuple):
    """What the judicium is decided on; the sentences of `judge` are made from it."""

    rules: CumLaudeRules
    pack: str
    members: list[tuple[str, int]]      # (name, final grade) of the grades forming the mean
    total: int
    n: int                              # how many grades form the mean
    mean_ok: bool
    low: list[tuple[str, int]]          # counted grades below the minimum
    pws_ok: bool
    lo_ok: bool
    unknown_part: tuple[str, ...]

    def verdict(self, passed: bool) -> bool | None:
        if self.unknown_part:
            return None if passed else False
        return bool(passed and self.mean_ok and not self.low and self.pws_ok and self.lo_ok)


def verdict(exam: Exam, st: State, dropped: frozenset[str], passed: bool) -> bool | None:
    """The judicium alone, without its sentences (a whole school's results need only this;
    `judge` gives the same answer with its reasons)."""
    return _tally(exam, st, dropped).verdict(passed)


def _tally(exam: Exam, st: State, dropped: frozenset[str]) -> _Tally:
    rules = exam.policy.cum_laude_rules(exam.cum_laude_key)
    pack = exam.policy.cum_laude_rules_pack(exam.cum_laude_key)
    own = [(s, st.finals[s.code]) for s in exam.subjects
           if s.code not in dropped and not s.in_combination]
    comb = combination_of(exam, st.finals, dropped)
    unknown_part = tuple(s.code for s, _ in own if s.part is None)

    members: list[tuple[str, int]] = []
    for token in rules.mean_of:
        if token in ("gd", "pd"):
            members += [(s.name, f) for s, f in own if s.part == token and f is not None]
        elif token == "combination":
            if comb is not None:
                members.append(("het combinatiecijfer", comb))
        elif token in ("best_vd", "best_vd_or_combination"):
            vd = [(s.name, f) for s, f in own if s.part == "vd" and f is not None]
            best = max(vd, key=lambda x: x[1]) if vd else None
            if token == "best_vd_or_combination" and comb is not None and (
                    best is None or comb > best[1]):
                best = ("het combinatiecijfer", comb)
            if best is not None:
                members.append(best)
        else:
            raise ValueError(f"onbekend onderdeel van het cum-laude-gemiddelde: {token}")
    total = sum(f for _, f in members)
    count = len(members)
    mean_ok = count > 0 and total >= rules.mean_min * count

    counted = [(s.name, f) for s, f in own if s.part != "extra" and f is not None]
    if comb is not None:
        counted.append(("het combinatiecijfer", comb))
    low = [(n, f) for n, f in counted if f < rules.min_final]
    pws_ok = not rules.requires_pws or exam.assessments.get("pws") in SUFFICIENT
    lo_ok = exam.assessments.get("lo") in SUFFICIENT if "lo" in exam.assessments else True
    return _Tally(rules, pack, members, total, count, mean_ok, low, pws_ok, lo_ok, unknown_part)


def judge(exam: Exam, st: State, dropped: frozenset[str], passed: bool) -> CumLaude:
    """The judicium on the subjects not left out, with its reasons; `cum_laude` is None when
    the parts of the exam needed for the mean are not given."""
    t = _tally(exam, st, dropped)
    rules, pack, members, total, count = t.rules, t.pack, t.members, t.total, t.n
    mean_ok, low, pws_ok = t.mean_ok, t.low, t.pws_ok
    reasons: list[Reason] = []
    if not passed:
        reasons.append(Reason(rule="cum_laude_geslaagd", source=rules.source_mean,
                              text="Cum laude kan alleen als je geslaagd bent.", numbers={},
                              violated=True, pack=pack))
    if count:
        mean = mean_nl(total, count)
        listed = join_nl(f"{n} {f}" for n, f in members)
        verdict = "dat is minimaal 8,0" if mean_ok else "dat moet minimaal 8,0 zijn"
        reasons.append(Reason(
            rule="cum_laude_gemiddelde", source=rules.source_mean,
            text=(f"Het gemiddelde van de eindcijfers die meetellen voor cum laude ({listed}) is "
                  f"{mean} ({total} gedeeld door {count}); {verdict}."),
            numbers={"sum": total, "count": count, "minimum": rules.mean_min},
            violated=not mean_ok, pack=pack))
    if low:
        reasons.append(Reason(
            rule="cum_laude_minimum", source=rules.source_min,
            text=(f"Voor cum laude moet elk vak dat meetelt voor de uitslag minimaal een "
                  f"{rules.min_final} hebben; je hebt {join_nl(f'{n} {f}' for n, f in low)}."),
            numbers={"minimum": rules.min_final, "low": {n: f for n, f in low}},
            violated=True, pack=pack))
    else:
        reasons.append(Reason(
            rule="cum_laude_minimum", source=rules.source_min,
            text=(f"Elk vak dat meetelt voor de uitslag heeft minimaal een {rules.min_final}."),
            numbers={"minimum": rules.min_final}, violated=False, pack=pack))
    if not pws_ok:
        reasons.append(Reason(
            rule="cum_laude_pws", source=rules.source_min,
            text="Voor cum laude moet het profielwerkstuk minimaal 'voldoende' zijn.",
            numbers={"value": exam.assessments.get("pws")}, violated=True, pack=pack))
    if "best_vd_or_combination" in rules.mean_of:
        reasons.append(Reason(
            rule="cum_laude_keuze", source=rules.source_mean,
            text=("Artikel 3.48 lid 3 noemt 'het algemene vak uit het vrije deel of het "
                  "combinatiecijfer' zonder te zeggen welk; het hoogste van de twee is genomen."),
            numbers={}, violated=False, pack=pack))
    school_rule: SchoolRule | None = None
    if exam.policy.board_cum_laude:
        school_rule = exam.policy.cum_laude_school_rule(view(exam, st, dropped, passed))
    return CumLaude(t.verdict(passed), (total, count), tuple(reasons), school_rule, t.unknown_part)

