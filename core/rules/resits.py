"""The `calc` ops `se_resit` and `ce_resit`: may this resit be granted?

School-exam resits are the school's rule (WVO 2020 art. 2.60 lid 1 onder c): the pack answers
through `se_resit_check` and this module only reads the request and writes the answer. The
central-exam resit is the law's (Uvb WVO 2020 art. 3.38-3.39): one subject, only after the
final grades were made known, the highest grade counts; a pack changes the numbers through
`ce_resit_rules` and the request deadline through `deadlines` (key `ce_herkansing_aanvraag`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs

from examenbureau.core.hookspecs import (
    FORFEIT_REASONS,
    TEST_KINDS,
    CeResitRules,
    Forfeit,
    Reason,
    ResitHistory,
    ResitRequest,
    UsedResit,
)

from . import deadlines as deadline_math
from . import pack_input as read
from . import pack_policy
from .errors import CalcInputError
from .pack_answers import CeResitAnswer, SeResitAnswer
from .policy import Policy
from .texts import school_type, subject_name

CE_DEADLINE_KEY = "ce_herkansing_aanvraag"


# --- se_resit -------------------------------------------------------------------------------------

def _used(raw: Any) -> tuple[UsedResit, ...]:
    out = []
    for field, item in read.objects(raw, "used", "gebruikte herkansingen"):
        out.append(UsedResit(
            subject=read.text(item, "subject", label=f"{field}.subject"),
            test=read.optional_text(item, "test", label=f"{field}.test"),
            period=read.int_field(item, "period", minimum=1, maximum=4, label=f"{field}.period"),
            kind=read.optional_text(item, "kind", label=f"{field}.kind",
                                    choices=TEST_KINDS) or "schriftelijk",
            leerjaar=read.int_field(item, "leerjaar", minimum=1, maximum=6,
                                    label=f"{field}.leerjaar"),
            early=bool(read.flag(item, "early", label=f"{field}.early"))))
    return tuple(out)


def _forfeits(raw: Any) -> tuple[Forfeit, ...]:
    out = []
    for field, item in read.objects(raw, "forfeits", "vervallen herkansingen"):
        reason = read.optional_text(item, "reason", label=f"{field}.reason",
                                    choices=FORFEIT_REASONS)
        if reason is None:
            raise CalcInputError(f"veld '{field}.reason' ontbreekt: verwacht een van "
                                 + ", ".join(FORFEIT_REASONS))
        out.append(Forfeit(
            period=read.int_field(item, "period", minimum=1, maximum=4, label=f"{field}.period"),
            reason=reason,
            lessons=read.int_field(item, "lessons", minimum=0, label=f"{field}.lessons"),
            subject=read.optional_text(item, "subject", label=f"{field}.subject")))
    return tuple(out)


def _request(raw: Any) -> ResitRequest:
    item = read.obj(raw, "request")
    kind = read.optional_text(item, "kind", label="request.kind", choices=TEST_KINDS)
    if kind is None:
        raise CalcInputError("veld 'request.kind' ontbreekt: verwacht een van "
                             + ", ".join(TEST_KINDS))
    return ResitRequest(
        subject=read.text(item, "subject", label="request.subject"),
        test=read.optional_text(item, "test", label="request.test"),
        kind=kind,
        resittable=read.flag(item, "resittable", label="request.resittable"),
        test_period=read.int_field(item, "test_period", minimum=1, maximum=4,
                                   label="request.test_period"),
        early=bool(read.flag(item, "early", label="request.early")),
        missed_makeup=bool(read.flag(item, "missed_makeup", label="request.missed_makeup")),
        late_work=bool(read.flag(item, "late_work", label="request.late_work")),
        final_grade=read.int_field(item, "final_grade", minimum=1, maximum=10,
                                   label="request.final_grade"))


def parse_se_resit(data: Any) -> tuple[ResitHistory, ResitRequest]:
    data = read.obj(data, "input")
    lvl = read.level(data)
    assert lvl is not None
    year = read.leerjaar(data, lvl)
    history = ResitHistory(level=lvl, leerjaar=year, exam_year=year == read.EXAM_YEAR[lvl],
                           used=_used(data.get("used")), forfeits=_forfeits(data.get("forfeits")))
    request = _request(data.get("request"))
    period = read.int_field(data, "period", minimum=1, maximum=4)
    if period is not None:
        request = attrs.evolve(request, period=period)
    return history, request


def se_resit(data: Any, pol: Policy) -> SeResitAnswer:
    history, request = parse_se_resit(data)
    decision = pack_policy.se_resit_check(pol, history, request)
    if decision is None:  # no pack answered at all (a stack without the law)
        return SeResitAnswer(None, "Geen regelpakket beslist over deze herkansing.")
    name = subject_name(school_type(history.level, None), request.subject)
    if decision.allowed is None:
        text = f"Over deze herkansing van {name} beslist het regelpakket niet: zie de redenen."
    elif decision.allowed:
        text = f"Je mag {name} herkansen."
        if decision.left is not None:
            text += (f" Daarna heb je nog {_count(decision.left)} over"
                     + (f" ({decision.pool})." if decision.pool else "."))
    else:
        text = f"Je mag {name} niet herkansen: zie de redenen."
    return SeResitAnswer(decision, text)


def _count(n: int) -> str:
    return "1 herkansing" if n == 1 else f"{n} herkansingen"


# --- ce_resit -------------------------------------------------------------------------------------

def ce_resit(data: Any, pol: Policy) -> CeResitAnswer:
    data = read.obj(data, "input")
    lvl = read.level(data)
    assert lvl is not None
    request = read.text(data, "request")
    taken = read.text_list(data, "taken")
    cspe = bool(read.flag(data, "cspe"))
    cspe_taken = bool(read.flag(data, "cspe_taken"))
    published = read.flag(data, "published")
    published_at = read.moment(data, "published_at")
    requested_at = read.moment(data, "requested_at")
    if published is None:
        raise CalcInputError("veld 'published' ontbreekt: verwacht true als de eindcijfers "
                             "bekendgemaakt zijn, anders false")
    return judge_ce_resit(pol, lvl, request, taken, published, published_at, requested_at,
                          cspe=cspe, cspe_taken=cspe_taken)


def judge_ce_resit(pol: Policy, level: str, request: str, taken: Sequence[str], published: bool,
                   published_at: datetime | None = None, requested_at: datetime | None = None,
                   *, cspe: bool = False, cspe_taken: bool = False) -> CeResitAnswer:
    """The `ce_resit` answer; also used by the resit advice and the candidate screen."""
    rules, pack = pack_policy.ce_resit_rules(pol, level)
    src = rules.sources
    stype = school_type(level, None)
    name = subject_name(stype, request)
    reasons: list[Reason] = []
    refused = False

    def add(rule: str, text: str, numbers: Mapping[str, Any], violated: bool,
            source: str | None = None, who: str | None = None) -> None:
        reasons.append(Reason(rule, source or src.get(rule, ""), text, dict(numbers),
                              violated=violated, pack=who or pack))

    if cspe and not rules.cspe_extra:
        raise CalcInputError(f"veld 'cspe': bij '{level}' bestaat geen aparte herkansing van het "
                             "cspe (alleen vmbo bb en kb, art. 3.38 lid 2)")
    if rules.needs_publication and not published:
        refused = True
        add("ce_herkansing_bekendmaking",
            "Je mag pas herkansen als je eindcijfers bekendgemaakt zijn; dat is nog niet zo.",
            {"published": False}, True)
    if cspe:
        if cspe_taken:
            refused = True
            add("ce_herkansing_cspe", "Je hebt het cspe al herkanst; dat mag één keer.",
                {"cspe_taken": True}, True)
        else:
            add("ce_herkansing_cspe", "Bij vmbo bb en kb mag je daarnaast het cspe herkansen.",
                {}, False)
        left = None
    else:
        used = list(dict.fromkeys(taken))
        left = max(rules.max_subjects - len(used), 0)
        numbers = {"taken": used, "max": rules.max_subjects}
        if request in used:
            refused = True
            add("ce_herkansing_aantal",
                f"Je hebt {name} al herkanst; een vak herkans je één keer.", numbers, True)
        elif left == 0:
            refused = True
            names = ", ".join(subject_name(stype, c) for c in used)
            add("ce_herkansing_aantal",
                f"Je hebt je herkansing al gebruikt ({names}); je mag voor "
                f"{_subjects(rules.max_subjects)} herkansen.", numbers, True)
        else:
            add("ce_herkansing_aantal",
                f"Je mag voor {_subjects(rules.max_subjects)} opnieuw centraal examen doen; "
                f"je hebt er nog {left} over.", numbers, False)
    if rules.highest_counts:
        add("ce_herkansing_hoogste",
            "Het hoogste van je twee cijfers voor het centraal examen telt.", {}, False)

    decidable = True
    deadline, who = pack_policy.deadlines(pol).get(CE_DEADLINE_KEY, (None, pack))
    if deadline is not None:
        if not deadline.decidable:
            add(CE_DEADLINE_KEY,
                "De dag en het tijdstip waarvoor je de herkansing moet aanvragen, bepaalt "
                f"{deadline.decider or 'de school'}; dat is hier niet getoetst.",
                {}, False, source=deadline.source, who=who)
        elif published_at is None or requested_at is None:
            decidable = refused  # a refusal stands; an approval waits for the times
            add(CE_DEADLINE_KEY,
                "Of je aanvraag op tijd is, hangt af van het moment van de uitslag en van je "
                "aanvraag; die ontbreken (velden 'published_at' en 'requested_at').",
                {}, False, source=deadline.source, who=who)
        else:
            ok = deadline_math.in_time(deadline, published_at, requested_at)
            limit = deadline_math.moment(deadline, published_at)
            shown = limit.strftime("%d-%m-%Y %H:%M") if limit else "?"
            if not ok:
                refused = True
                add(CE_DEADLINE_KEY,
                    f"Je aanvraag kwam te laat: uiterlijk vóór {shown} moest die binnen zijn. "
                    f"{deadline.consequence}",
                    {"deadline": limit, "requested_at": requested_at}, True,
                    source=deadline.source, who=who)
            else:
                add(CE_DEADLINE_KEY, f"Je aanvraag is op tijd (vóór {shown}).",
                    {"deadline": limit, "requested_at": requested_at}, False,
                    source=deadline.source, who=who)
    allowed: bool | None = not refused
    if not decidable:
        allowed = None
    what = "het cspe" if cspe else name
    text = (f"Je mag {what} herkansen." if allowed else
            f"Je mag {what} niet herkansen." if allowed is False else
            "Nog niet te bepalen: de tijden van uitslag en aanvraag ontbreken.")
    if allowed and left is not None:
        left -= 1  # what is left once this resit is granted
    return CeResitAnswer(allowed, decidable, left, rules.highest_counts, tuple(reasons), text)


def _subjects(n: int) -> str:
    return "één vak" if n == 1 else f"{n} vakken"


def resits_left(rules: CeResitRules, taken: Sequence[str]) -> int:
    """How many CE resits are still open after `taken` (never below zero)."""
    return max(rules.max_subjects - len(set(taken)), 0)


# --- the resit advice after the one CE resit ------------------------------------------------------

@attrs.frozen
class ResitsUsed:
    """Every CE resit the rules allow is used: which subjects, the sentence and the article."""

    used: tuple[str, ...]
    text: str
    reason: Reason


def resits_exhausted(pol: Policy, level: str, taken: Sequence[str]) -> ResitsUsed | None:
    """When the candidate already used every CE resit the rules allow (Uvb art. 3.38 lid 1):
    what the advice says instead of suggesting a resit; None while a resit is left.

    Why here: the resit advice and "what do I need" (`needed`) must know which resit was taken
    (demo candidate 5018 resat Dutch and was advised to resit Dutch again)."""
    if not taken:
        return None
    rules, pack = pack_policy.ce_resit_rules(pol, level)
    used = tuple(dict.fromkeys(taken))
    if len(used) < rules.max_subjects:
        return None
    stype = school_type(level, None)
    names = ", ".join(subject_name(stype, c) for c in used)
    text = (f"Je hebt je herkansing van het centraal examen al gebruikt ({names}); er is geen "
            "herkansing meer over.")
    reason = Reason("ce_herkansing_aantal", rules.sources.get("ce_herkansing_aantal", ""),
                    f"Je mag het centraal examen in {_subjects(rules.max_subjects)} herkansen; "
                    f"herkanst: {names}.", {"taken": list(used), "max": rules.max_subjects},
                    violated=False, pack=pack)
    return ResitsUsed(used, text, reason)
