"""The `calc` op `late_arrival`: may a candidate who arrives late still sit, and until when?

The pack says the rules (`sitting_rules`): the law admits a late candidate to a CE test until
half an hour after the start (Uvb WVO 2020 art. 3.20 lid 4) and caps extra time for the CE at
30 minutes (art. 3.54 lid 3 onder b), but does not say whether a late candidate's end time
stays; a board's regulation does, or the answer says who decides. This module only does the
clock arithmetic, on minutes after midnight of one day (no clock is read).
"""

from __future__ import annotations

from typing import Any

from examenbureau.core.hookspecs import TEST_KINDS, Reason, SittingRules

from . import pack_input as read
from . import pack_policy
from .errors import CalcInputError
from .pack_answers import LateArrivalAnswer
from .policy import Policy


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _min(n: int) -> str:
    return "1 minuut" if n == 1 else f"{n} minuten"


def _extra_time(rules: SittingRules, length: int, extra: int, pack: str
                ) -> tuple[int | None, list[Reason]]:
    """The extra time that applies (None: not decidable) and its reasons."""
    if extra == 0:
        return 0, []
    if not rules.extra_time:
        return extra, [Reason("extra_tijd", rules.late_source,
                              f"Het reglement noemt geen grens voor extra tijd; de "
                              f"{_min(extra)} extra tijd zijn overgenomen zoals toegekend.",
                              {"extra_time_min": extra}, violated=False, pack=pack)]
    rule = next((r for r in rules.extra_time if r.covers(length)), None)
    if rule is None:
        sources = "; ".join(dict.fromkeys(r.source for r in rules.extra_time))
        return None, [Reason("extra_tijd", sources,
                             f"Het reglement noemt geen extra tijd voor een toets van "
                             f"{_min(length)}; wie extra tijd toekent, beslist hierover.",
                             {"length_min": length, "extra_time_min": extra}, violated=False,
                             pack=pack)]
    if extra > rule.max_extra_min:
        return rule.max_extra_min, [Reason(
            "extra_tijd", rule.source,
            f"Er mag hoogstens {_min(rule.max_extra_min)} extra tijd zijn bij deze toets; "
            f"{_min(extra)} is te veel, dus de extra tijd is {_min(rule.max_extra_min)}.",
            {"extra_time_min": extra, "max_extra_min": rule.max_extra_min, "length_min": length},
            violated=True, pack=pack)]
    return extra, [Reason(
        "extra_tijd", rule.source,
        f"Je hebt {_min(extra)} extra tijd; hoogstens {_min(rule.max_extra_min)} mag.",
        {"extra_time_min": extra, "max_extra_min": rule.max_extra_min, "length_min": length},
        violated=False, pack=pack)]


def late_arrival(data: Any, pol: Policy) -> LateArrivalAnswer:
    data = read.obj(data, "input")
    sitting = read.optional_text(data, "sitting", choices=("ce", "se"))
    if sitting is None:
        raise CalcInputError("veld 'sitting' ontbreekt: verwacht 'ce' of 'se'")
    kind = read.optional_text(data, "kind", choices=TEST_KINDS) or "schriftelijk"
    level = read.level(data, required=False)
    start = read.time_of_day(data, "start")
    end = read.time_of_day(data, "end")
    arrival = read.time_of_day(data, "arrival")
    extra = read.int_field(data, "extra_time_min", minimum=0, maximum=240) or 0
    if end <= start:
        raise CalcInputError(f"veld 'end': {_hhmm(end)} ligt niet na het begin {_hhmm(start)}")
    rules, pack = pack_policy.sitting_rules(pol, sitting, kind, level)
    if rules is None:
        return LateArrivalAnswer(None, None, False, 0, None, (),
                                 "Geen regelpakket zegt iets over te laat komen bij deze toets.")
    length = end - start
    late = arrival - start
    allowed_extra, reasons = _extra_time(rules, length, extra, pack)

    def answer(admitted: bool | None, hand_in: int | None, text: str,
               decidable: bool = True) -> LateArrivalAnswer:
        return LateArrivalAnswer(admitted, hand_in, decidable and admitted is not None,
                                 max(late, 0), allowed_extra, tuple(reasons), text)

    if late <= 0:
        if allowed_extra is None:
            return answer(True, None, "Op tijd; de extra tijd is niet te bepalen.", False)
        return answer(True, end + allowed_extra,
                      f"Op tijd; inleveren om {_hhmm(end + allowed_extra)}.")
    if rules.late_admission == "open":
        reasons.insert(0, Reason("te_laat", rules.late_source,
                                 f"Je bent {_min(late)} te laat. Of je nog mag beginnen, staat "
                                 f"niet in de regels; daarover beslist {rules.decider}.",
                                 {"minutes_late": late}, violated=False, pack=pack))
        return answer(None, None, "Nog niet te bepalen: zie wie beslist.", False)
    if rules.late_admission == "limit":
        limit = rules.late_limit_min
        assert limit is not None
        if late > limit:
            reasons.insert(0, Reason(
                "te_laat", rules.late_source,
                f"Je bent {_min(late)} te laat; je mag tot {_min(limit)} na het begin nog "
                "beginnen, dus je mag deze toets niet meer maken.",
                {"minutes_late": late, "limit_min": limit}, violated=True, pack=pack))
            if rules.after_cutoff:
                reasons.append(Reason("na_de_grens", rules.after_cutoff_source or rules.late_source,
                                      rules.after_cutoff, {}, violated=False, pack=pack))
            return answer(False, None, f"Niet toegelaten: {_min(late)} te laat.")
        reasons.insert(0, Reason(
            "te_laat", rules.late_source,
            f"Je bent {_min(late)} te laat; je mag tot {_min(limit)} na het begin nog beginnen.",
            {"minutes_late": late, "limit_min": limit}, violated=False, pack=pack))
    else:  # "always": the regulation admits a late candidate and names no limit
        reasons.insert(0, Reason(
            "te_laat", rules.late_source,
            f"Je bent {_min(late)} te laat; je mag nog beginnen (het reglement noemt geen "
            "grens in minuten).", {"minutes_late": late}, violated=False, pack=pack))
    if rules.end_fixed is None:
        reasons.append(Reason("eindtijd", rules.end_source or rules.late_source,
                              "Of je eindtijd gelijk blijft of opschuift, staat niet in de regels; "
                              f"daarover beslist {rules.decider or 'de school'}.",
                              {}, violated=False, pack=pack))
        return answer(True, None, "Toegelaten; de eindtijd is niet te bepalen.", False)
    if allowed_extra is None:
        return answer(True, None, "Toegelaten; de extra tijd is niet te bepalen.", False)
    finish = (end if rules.end_fixed else arrival + length) + allowed_extra
    reasons.append(Reason("eindtijd", rules.end_source or rules.late_source,
                          (f"De eindtijd blijft {_hhmm(end)}" if rules.end_fixed else
                           f"Je krijgt de volle {_min(length)}")
                          + (f", plus {_min(allowed_extra)} extra tijd" if allowed_extra else "")
                          + f": je levert in om {_hhmm(finish)}.",
                          {"hand_in": _hhmm(finish)}, violated=False, pack=pack))
    return answer(True, finish, f"Toegelaten; inleveren om {_hhmm(finish)}.")
