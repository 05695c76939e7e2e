"""SE resits at Willem de Zwijger College: examenreglement 2024-2025 art. 28, 29 and 16 lid 9.

The pools, as the regulation writes them:
- "Alle kandidaten mogen maximaal vier herkansbare SE-onderdelen herkansen. ... Alle
  herkansingen worden afgenomen in het eindexamenjaar." (art. 28 lid 1), "waarbij geldt dat er
  per vak twee onderdelen herkanst mogen worden" (lid 5);
- havo/vwo: "recht op één extra herkansing te kiezen uit de vakken PWS, maatschappijleer en
  culturele kunstzinnige vorming" (lid 6); vmbo: "een extra herkansing ... voor het vak
  maatschappijleer" (lid 7, art. 29);
- outside the count: handelingsdelen "kunnen herkanst worden tot het oordeel 'voldaan' is
  gegeven" (lid 1) and rekenen, "twee maal een herexamen" (lid 10);
- an early exam's resits "worden in mindering gebracht op het aantal herkansingen in het
  examenjaar" (art. 16 lid 9).

Readings (marked where used): a resit of a combination part draws on the extra resit first,
the most favourable order for the candidate; the extra resit does not count towards the two per
subject of lid 5. Which attempt counts after a resit the regulation does not say for SE tests:
`attempt_counts` is None, so the school's setting `se_attempt` decides.
"""

from __future__ import annotations

from examenbureau.core.hookspecs import Reason, ResitDecision, ResitHistory, ResitRequest, UsedResit

from .regulation import PACK, art

MAIN_POOL = 4
PER_SUBJECT = 2
COMBINATION = ("pws", "maat", "ckv")
MAIN = "vier herkansingen (art. 28 lid 1)"
EXTRA = "extra herkansing combinatiecijfer (art. 28 lid 6)"
REKENEN = "herexamen rekenen (art. 28 lid 10)"
MAAT_VMBO = "herexamen maatschappijleer (art. 29)"
MEASURES = (
    "cijfer 1 voor de toets (art. 22 lid 3 onder a)",
    "ontzeggen van (verdere) deelname (art. 22 lid 3 onder b)",
    "ongeldig verklaren van toetsen (art. 22 lid 3 onder c)",
    "hernieuwd examen vóór uitreiking diploma (art. 22 lid 3 onder d)",
)


def _r(rule: str, source: str, text: str, violated: bool, **numbers: object) -> Reason:
    return Reason(rule, source, text, dict(numbers), violated=violated, pack=PACK)


def _attempt_note() -> Reason:
    return _r("ozhw_se_poging", art("28"),
              "Het examenreglement zegt niet welk cijfer telt na een herkansing van een "
              "SE-toets; dat volgt de instelling 'se_attempt' van de school.", False)


def _havo_vwo(level: str) -> bool:
    return level in ("havo", "vwo")


def _pools(history: ResitHistory) -> tuple[list[UsedResit], list[UsedResit]]:
    """The used resits that count: (main pool, combination extra)."""
    main: list[UsedResit] = []
    extra: list[UsedResit] = []
    for u in history.used:
        if u.kind == "handelingsdeel" or u.subject == "rekenen":
            continue
        if history.level.startswith("vmbo") and u.subject == "maat" and u.kind == "herexamen":
            continue
        if _havo_vwo(history.level) and u.subject in COMBINATION and not extra:
            extra.append(u)  # reading: a combination part draws on its extra resit first
        else:
            main.append(u)
    return main, extra


def se_resit_check(history: ResitHistory, request: ResitRequest) -> ResitDecision:
    subject, kind = request.subject, request.kind
    notes: list[Reason] = []
    options: tuple[str, ...] = ()
    if history.forfeits:
        notes.append(_r("ozhw_vervallen", art("21 lid 13 en art. 22 lid 3"),
                        "Het examenreglement laat een herkansing niet vervallen; afwezigheid "
                        "zonder geldige reden is een onregelmatigheid waarover de "
                        "afdelingsmanager een maatregel neemt.", False))
        options = MEASURES

    if kind == "handelingsdeel":
        return ResitDecision(True, [_r(
            "ozhw_handelingsdeel", art("28 lid 1"),
            "Een handelingsdeel valt buiten de herkansingsregeling: je doet het opnieuw tot het "
            "oordeel 'voldaan' is.", False), *notes], left=None, pool="handelingsdelen",
            options=options)
    if subject == "rekenen":
        used = sum(1 for u in history.used if u.subject == "rekenen")
        allowed = used < 2
        return ResitDecision(allowed, [_r(
            "ozhw_rekenen", art("28 lid 10"),
            f"Rekenen mag je twee keer als herexamen overdoen, buiten de vier herkansingen; je "
            f"hebt er {used} gebruikt" + ("." if allowed else ", dus dit kan niet meer."),
            not allowed, used=used, max=2), *notes],
            left=(2 - used - 1) if allowed else 0, pool=REKENEN, options=options)
    if history.level.startswith("vmbo") and subject == "maat" and kind == "herexamen":
        used = sum(1 for u in history.used if u.subject == "maat" and u.kind == "herexamen")
        allowed = used == 0
        return ResitDecision(allowed, [_r(
            "ozhw_herexamen_maatschappijleer", art("28 lid 7 en art. 29 lid 1 en lid 5"),
            "Je mag het schoolexamen maatschappijleer één keer extra opnieuw doen, ook om een "
            "hoger cijfer te halen; het hoogste cijfer telt." if allowed else
            "Je hebt het herexamen maatschappijleer al gedaan.", not allowed, used=used), *notes],
            left=0, pool=MAAT_VMBO, attempt_counts="hoogste", options=options)

    if not history.exam_year and not request.early:
        return ResitDecision(False, [_r(
            "ozhw_examenjaar", art("28 lid 1"),
            "Alle herkansingen worden afgenomen in het examenjaar; in dit leerjaar herkans je "
            "niet (behalve in de herkansingsweek van een vervroegd examen, art. 16 lid 9).",
            True, leerjaar=history.leerjaar), *notes], options=options)
    if request.early:
        early_same = [u for u in history.used if u.early and u.subject == subject]
        if early_same:
            return ResitDecision(False, [_r(
                "ozhw_vervroegd", art("16 lid 9"),
                "In de herkansingsweek van een vervroegd examen kies je per vak één "
                "herkansing; die heb je voor dit vak al gebruikt.", True), *notes],
                options=options)
    resittable = True if kind == "pws" else request.resittable
    if resittable is None:
        return ResitDecision(None, [_r(
            "ozhw_herkansbaar", art("28 lid 1"),
            "Alleen herkansbare SE-onderdelen mogen herkanst worden, en het PTA zegt niet of "
            "deze toets herkansbaar is; het PTA van het vak beslist.", False), *notes],
            options=options)
    if not resittable:
        return ResitDecision(False, [_r(
            "ozhw_herkansbaar", art("28 lid 1"),
            "Volgens het PTA is deze toets niet herkansbaar.", True), *notes], options=options)
    if request.test is not None and any(u.subject == subject and u.test == request.test
                                        for u in history.used):
        return ResitDecision(False, [_r(
            "ozhw_drie_keer", art("28 lid 2 en lid 8"),
            "Een SE-onderdeel wordt maar drie keer aangeboden (toetsweek, inhaalmoment, "
            "herkansing) en een herkansing wordt niet ingehaald; deze toets heb je al herkanst.",
            True, test=request.test), *notes], options=options)

    if request.missed_makeup:
        notes.append(_r("ozhw_inhalen", art("28 lid 3 en lid 4"),
                        "Je hebt het inhaalmoment gemist: dat is een onregelmatigheid waarvoor "
                        "een 1,0 kan worden gegeven; je mag een herkansing inzetten om de toets "
                        "alsnog te maken.", False))
        options = options or ("cijfer 1,0 voor het niet ingehaalde onderdeel (art. 28 lid 4)",)
    if request.late_work and kind == "pws":
        notes.append(_r("ozhw_pws_te_laat", art("28 lid 11"),
                        "Je profielwerkstuk kwam na de afgesproken termijn: daarvoor zet je een "
                        "herkansing in, en er komt een nieuwe uiterste inleverdatum.", False))
    notes.append(_attempt_note())

    main, extra = _pools(history)
    if _havo_vwo(history.level) and subject in COMBINATION and not extra:
        return ResitDecision(True, [_r(
            "ozhw_herkansing_extra", art("28 lid 6"),
            "Voor het profielwerkstuk, maatschappijleer of ckv heb je één extra herkansing; "
            f"die gebruik je hiervoor. Van de vier gewone heb je er nog {MAIN_POOL - len(main)}.",
            False, main_used=len(main)), *notes], left=0, pool=EXTRA, options=options)
    same = [u for u in main if u.subject == subject]
    if len(same) >= PER_SUBJECT:
        return ResitDecision(False, [_r(
            "ozhw_herkansing_per_vak", art("28 lid 5"),
            f"Per vak mag je twee onderdelen herkansen; voor dit vak heb je er al {len(same)} "
            "herkanst.", True, subject_used=len(same)), *notes], left=MAIN_POOL - len(main),
            pool=MAIN, options=options)
    if len(main) >= MAIN_POOL:
        if request.late_work and kind == "pws":
            return ResitDecision(None, [_r(
                "ozhw_pws_te_laat", art("28 lid 11"),
                "Voor een te laat profielwerkstuk moet je een herkansing inzetten, maar je hebt "
                "er geen meer; wat dan gebeurt, zegt het reglement niet: de examensecretaris "
                "beslist.", False), *notes], left=0, pool=MAIN, options=options)
        return ResitDecision(False, [_r(
            "ozhw_herkansing_aantal", art("28 lid 1 en lid 5"),
            "Je mag in totaal vier SE-onderdelen herkansen; die heb je alle vier gebruikt.",
            True, main_used=len(main)), *notes], left=0, pool=MAIN, options=options)
    left = MAIN_POOL - len(main) - 1
    counted = " (ook je herkansingen bij een vervroegd examen tellen mee, art. 16 lid 9)" if any(
        u.early for u in main) else ""
    return ResitDecision(True, [_r(
        "ozhw_herkansing_aantal", art("28 lid 1 en lid 5"),
        f"Je mag vier SE-onderdelen herkansen, hoogstens twee per vak; je hebt er {len(main)} "
        f"gebruikt{counted}, dus na deze heb je er nog {left}.", False,
        main_used=len(main), subject_used=len(same)), *notes], left=left, pool=MAIN,
        options=options)
