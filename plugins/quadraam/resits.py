"""SE resits at Lorentz Lyceum: algemeen PTA 2023-2024, 4.9 and bijlage 2.

- 5 havo and 6 vwo: "In 5(t)havo en 6 (t)vwo heeft een kandidaat in totaal drie
  herkansingsmogelijkheden, te weten één herkansing in elk van de drie schoolexamenperiodes."
  (4.9.1); "alleen toetsen behorend tot het schoolexamendossier uit de betreffende periode"
  (4.9.3); "Als een kandidaat herkanst, dan telt het hoogste cijfer." (4.9.6); "maximaal één
  keer herkansen" (4.9.7); the PWS may be improved with a period's resit (4.9.1).
- 4 havo and 5 vwo: "in totaal 1 herkansing" and in 4 havo one more for maatschappijleer;
  4 vwo only the maatschappijleer resit, "na afronding van maatschappijleer aan het eind van
  periode 4" (4.9.2).
- Not resittable: "Luistertoetsen, mondelingen en praktische opdrachten kunnen niet worden
  herkanst, tenzij anders aangegeven in het PTA." (4.9.4)
- Forfeits (4.9.10-4.9.14, bijlage 2), each "voor zover er die periode recht is op een
  herkansing": they take the resit of the period they happened in.

Readings (marked where used): in 4 havo and 5 vwo a forfeit also takes only the resit of its
own period, as 4.9.12 and 4.9.14 say; a maatschappijleer resit in 4 havo draws on its own resit
first.
"""

from __future__ import annotations

from examenbureau.core.hookspecs import Forfeit, Reason, ResitDecision, ResitHistory, ResitRequest

from .regulation import BOARD_REGULATION, PACK, art

NOT_RESITTABLE = ("luistertoets", "mondeling", "praktische_opdracht")
FORFEIT_TEXT = {
    "absent_zonder_geldige_reden": (
        art("4.9.13 en bijlage 2 punt 1 en 2"),
        "je was zonder geldige reden (of zonder melding vooraf) afwezig bij een toets; die "
        "maak je op het herkansingsmoment, en daarmee is de herkansing van die periode weg"),
    "te_laat_ingeleverd": (
        art("4.9.14, 4.3.8 en bijlage 2 punt 3"),
        "een praktische opdracht of handelingsdeel is niet op de uiterste datum ingeleverd"),
    "lessen_verzuimd": (
        art("4.9.12"),
        "je hebt in die periode meer dan 5 lessen onrechtmatig verzuimd (per vak of in totaal)"),
    "aanvraag_te_laat": (
        art("4.9.11"), "je herkansing is niet op de afgesproken datum en tijd aangevraagd"),
    "afwezig_bij_herkansing": (
        art("4.9.10"), "je was afwezig op het herkansingsmoment (ook bij ziekte vervalt de "
        "herkansing dan)"),
}
MEASURES = (
    f"cijfer 1 voor de toets, en in 5 havo en 6 vwo wederom een herkansing kwijt "
    f"({BOARD_REGULATION} art. 5; {art('4.9.13 en bijlage 2 punt 1')})",
    f"de toegang tot een of meer zittingen van het schoolexamen ontzeggen, waardoor dat "
    f"schooljaar geen bevordering kan plaatsvinden ({BOARD_REGULATION} art. 5; bijlage 2 punt 1)",
)


def _r(rule: str, source: str, text: str, violated: bool, **numbers: object) -> Reason:
    return Reason(rule, source, text, dict(numbers), violated=violated, pack=PACK)


def _forfeits(forfeits: tuple[Forfeit, ...], period: int | None) -> list[Reason]:
    """The forfeits that take the resit of `period`, each with its article."""
    out = []
    for f in forfeits:
        if f.period is None or f.period != period:
            continue
        if f.reason == "lessen_verzuimd" and f.lessons is not None and f.lessons <= 5:
            continue  # 4.9.12: "meer dan 5"; 5 lessons do not forfeit
        source, why = FORFEIT_TEXT[f.reason]
        out.append(_r("quadraam_vervallen", source,
                      f"Je herkansing van periode {period} is vervallen: {why}.", True,
                      reason=f.reason, period=period, lessons=f.lessons))
    return out


def _options(history: ResitHistory) -> tuple[str, ...]:
    absences = sum(1 for f in history.forfeits if f.reason == "absent_zonder_geldige_reden")
    return MEASURES if absences >= 2 else ()


def se_resit_check(history: ResitHistory, request: ResitRequest) -> ResitDecision | None:
    if history.level not in ("havo", "vwo") or history.leerjaar < 4:
        return None  # this PTA covers the upper years of havo and vwo only
    kind, subject = request.kind, request.subject
    options = _options(history)
    notes = []
    if options:
        notes.append(_r("quadraam_herhaald_verzuim", art("4.9.13 en bijlage 2 punt 1"),
                        "Je was herhaald zonder geldige reden afwezig: de maatregelen van "
                        f"artikel 5 van het {BOARD_REGULATION} zijn mogelijk (de "
                        "examensecretaris kiest; hier niet toegepast).", False,
                        absences=sum(1 for f in history.forfeits
                                     if f.reason == "absent_zonder_geldige_reden")))
    if kind == "handelingsdeel":
        return ResitDecision(True, [_r(
            "quadraam_handelingsdeel", art("4.6.2"),
            "Een handelingsdeel dat onvoldoende is, mag je alsnog voldoende maken; dat is geen "
            "herkansing.", False), *notes], options=options)
    if subject == "rekenen" or kind == "herexamen":
        return ResitDecision(None, [_r(
            "quadraam_rekenen", art("5"),
            "Herkansen van rekenen staat in het vak-PTA rekenen, niet in het algemene PTA; dat "
            "vak-PTA beslist.", False), *notes], options=options)
    if kind in NOT_RESITTABLE and request.resittable is not True:
        return ResitDecision(False, [_r(
            "quadraam_niet_herkansbaar", art("4.9.4"),
            "Luistertoetsen, mondelingen en praktische opdrachten kun je niet herkansen, tenzij "
            "het PTA van het vak dat anders zegt.", True, kind=kind), *notes], options=options)
    if request.resittable is False:
        return ResitDecision(False, [_r(
            "quadraam_niet_herkansbaar", art("4.9.2 en 4.9.4"),
            "Volgens het PTA van het vak is deze toets niet herkansbaar.", True), *notes],
            options=options)
    if request.test is not None and any(u.subject == subject and u.test == request.test
                                        for u in history.used):
        return ResitDecision(False, [_r(
            "quadraam_een_keer", art("4.9.7"),
            "Je mag een toets maar één keer herkansen; deze heb je al herkanst.", True,
            test=request.test), *notes], options=options)
    if history.exam_year:
        return _exam_year(history, request, notes, options)
    return _pre_exam_year(history, request, notes, options)


def _exam_year(history: ResitHistory, request: ResitRequest, notes: list[Reason],
               options: tuple[str, ...]) -> ResitDecision:
    period = request.period
    if period is None:
        return ResitDecision(None, [_r(
            "quadraam_periode", art("4.9.1"),
            "Je hebt één herkansing per schoolexamenperiode; de periode van deze herkansing "
            "ontbreekt.", False), *notes], options=options)
    if period > 3:
        return ResitDecision(False, [_r(
            "quadraam_periode", art("4.9.1"),
            "In het examenjaar zijn er drie schoolexamenperiodes, elk met één herkansing.", True,
            period=period), *notes], options=options)
    if request.kind != "pws":
        if request.test_period is None:
            return ResitDecision(None, [_r(
                "quadraam_periode_toets", art("4.9.3"),
                "Je herkanst alleen toetsen uit dezelfde periode; uit welke periode deze toets "
                "is, ontbreekt.", False), *notes], options=options)
        if request.test_period != period:
            return ResitDecision(False, [_r(
                "quadraam_periode_toets", art("4.9.3"),
                f"In periode {period} herkans je alleen toetsen uit periode {period}; deze toets "
                f"hoort bij periode {request.test_period}.", True,
                period=period, test_period=request.test_period), *notes], options=options)
    lost = _forfeits(history.forfeits, period)
    if lost:
        return ResitDecision(False, [*lost, *notes], left=_later(history, period), pool=f"periode {period}",
                             options=options)
    if any(u.period == period and u.leerjaar in (None, history.leerjaar) for u in history.used):
        return ResitDecision(False, [_r(
            "quadraam_per_periode", art("4.9.1"),
            f"Je hebt de herkansing van periode {period} al gebruikt; per periode is er één.",
            True, period=period), *notes], left=_later(history, period), pool=f"periode {period}",
            options=options)
    left = _later(history, period)
    reasons = [_r(
        "quadraam_per_periode", art("4.9.1"),
        f"Je gebruikt de herkansing van periode {period}; daarna heb je er nog {left} "
        f"(in de latere periodes).", False, period=period, left=left)]
    if request.kind == "pws":
        reasons.append(_r("quadraam_pws", art("4.9.1"),
                          "Je profielwerkstuk verbeteren doe je met de herkansing van een "
                          "periode; dat is geen extra herkansing.", False))
    reasons.append(_r("quadraam_hoogste", art("4.9.6"),
                      "Na een herkansing telt het hoogste cijfer.", False))
    return ResitDecision(True, [*reasons, *notes], left=left, pool=f"periode {period}",
                         attempt_counts="hoogste", options=options)


def _later(history: ResitHistory, period: int) -> int:
    """Resits still to come after `period`: the later periods without a known forfeit."""
    return sum(1 for q in range(period + 1, 4) if not _forfeits(history.forfeits, q))


def _pre_exam_year(history: ResitHistory, request: ResitRequest, notes: list[Reason],
                   options: tuple[str, ...]) -> ResitDecision:
    level, year = history.level, history.leerjaar
    maat_used = [u for u in history.used if u.subject == "maat"]
    if level == "vwo" and year == 4:
        if request.subject != "maat":
            return ResitDecision(False, [_r(
                "quadraam_herkansing_4vwo", art("4.9.2"),
                "In 4 vwo is er alleen een herkansing voor maatschappijleer.", True), *notes],
                options=options)
        if maat_used:
            return ResitDecision(False, [_r(
                "quadraam_herkansing_maatschappijleer", art("4.9.2"),
                "Je hebt de herkansing voor maatschappijleer al gebruikt.", True), *notes],
                left=0, pool="maatschappijleer", options=options)
        if request.period is not None and request.period != 4:
            return ResitDecision(False, [_r(
                "quadraam_herkansing_maatschappijleer", art("4.9.2"),
                "In 4 vwo vindt de herkansing van maatschappijleer plaats na periode 4.", True,
                period=request.period), *notes], options=options)
        return ResitDecision(True, [_r(
            "quadraam_herkansing_maatschappijleer", art("4.9.2"),
            "In 4 vwo heb je één herkansing voor maatschappijleer, na periode 4.", False),
            *notes], left=0, pool="maatschappijleer", attempt_counts="hoogste", options=options)
    if not ((level == "havo" and year == 4) or (level == "vwo" and year == 5)):
        return ResitDecision(None, [_r(
            "quadraam_herkansing", art("4.9.2"),
            "Het algemene PTA regelt herkansingen vanaf 4 havo en 4 vwo; voor dit leerjaar "
            "beslist de school.", False), *notes], options=options)
    lost = _forfeits(history.forfeits, request.period)
    if level == "havo" and request.subject == "maat" and not maat_used:
        return ResitDecision(True, [_r(
            "quadraam_herkansing_maatschappijleer", art("4.9.2"),
            "In 4 havo heb je naast je herkansing voor het jaar één herkansing voor "
            "maatschappijleer; die gebruik je hiervoor.", False), *notes],
            left=0, pool="maatschappijleer", attempt_counts="hoogste", options=options)
    general_used = len(history.used) - (1 if level == "havo" and maat_used else 0)
    if lost:
        return ResitDecision(False, [*lost, _r(
            "quadraam_lezing_periode", art("4.9.12 en 4.9.14"),
            "Lezing: een vervallen herkansing geldt voor de periode waarin het gebeurde.",
            False), *notes], left=0, pool="herkansing van het jaar", options=options)
    if general_used >= 1:
        return ResitDecision(False, [_r(
            "quadraam_herkansing_jaar", art("4.9.2"),
            f"In {year} {level} heb je één herkansing voor het hele jaar; die heb je al "
            "gebruikt.", True, used=general_used), *notes], left=0,
            pool="herkansing van het jaar", options=options)
    return ResitDecision(True, [_r(
        "quadraam_herkansing_jaar", art("4.9.2"),
        f"In {year} {level} heb je één herkansing voor het hele jaar, voor een toets uit de "
        "proefwerkweek die meetelt in het schoolexamendossier; die gebruik je hiervoor.", False),
        _r("quadraam_hoogste", art("4.9.6"), "Na een herkansing telt het hoogste cijfer.", False),
        *notes], left=0, pool="herkansing van het jaar", attempt_counts="hoogste",
        options=options)
