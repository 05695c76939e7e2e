"""What the law says of resits, sittings, repeaters and deadlines, and where it is silent.

Read from the Uitvoeringsbesluit WVO 2020 (BWBR0045787), text valid from 2024-08-01; the
articles used here (3.15, 3.16, 3.20, 3.29, 3.36, 3.38, 3.39, 3.54, 3.55) read the same in the
text valid from 2025-10-01. Where the law leaves a question to the school (the number of SE
resits, the end time of a late candidate's test, promotion, what a repeater keeps), the answer
says so and names the school's document: WVO 2020 art. 2.60 lid 1 (examenreglement) and
art. 2.60a (PTA). Nothing here guesses a school's rule.
"""

from __future__ import annotations

from examenbureau.core.hookspecs import (
    CarryItem,
    CarryOver,
    CeResitRules,
    Deadline,
    ExtraTime,
    Reason,
    RepeaterView,
    ResitDecision,
    ResitHistory,
    ResitRequest,
    SittingRules,
)

UVB = "Uitvoeringsbesluit WVO 2020"
WVO = "Wet voortgezet onderwijs 2020"
PACK = "wvo2020"
SCHOOL_REGULATION = (f"het examenreglement en het PTA van de school ({WVO} art. 2.60 lid 1 "
                     "onder c en art. 2.60a)")

CE_RESIT_SOURCES = {
    # "De examenkandidaat kan voor één vak van het eindexamen waarin hij centraal examen heeft
    # afgelegd, in het tweede of, indien artikel 3.29, eerste lid, van toepassing is, het derde
    # tijdvak, opnieuw deelnemen aan het centraal examen of aan het cspe."
    "ce_herkansing_aantal": f"{UVB} art. 3.38 lid 1",
    # "De examenkandidaat heeft het recht, bedoeld in het eerste en tweede lid, indien op grond
    # van artikel 3.34, vijfde lid, of artikel 3.35, zevende lid, de eindcijfers zijn
    # bekendgemaakt."
    "ce_herkansing_bekendmaking": f"{UVB} art. 3.38 lid 4",
    # "Het hoogste cijfer voor een vak, behaald bij het centraal examen of de herkansing, is het
    # definitieve cijfer van het centraal examen in dat vak."
    "ce_herkansing_hoogste": f"{UVB} art. 3.39 lid 1",
    # "Bij het eindexamen vmbo basisberoepsgerichte leerweg en kaderberoepsgerichte leerweg kan
    # de examenkandidaat ook opnieuw deelnemen aan het cspe ..."
    "ce_herkansing_cspe": f"{UVB} art. 3.38 lid 2",
    # "De examenkandidaat deelt de rector of directeur voor een door deze laatste te bepalen dag
    # en tijdstip schriftelijk mee dat hij gebruik maakt van het recht van herkansing"
    "ce_herkansing_aanvraag": f"{UVB} art. 3.38 lid 5",
}

# "Een examenkandidaat wordt tot uiterlijk een half uur na de aanvang tot een toets toegelaten."
CE_LATE = f"{UVB} art. 3.20 lid 4"
# "Indien een examenkandidaat om een geldige reden, ter beoordeling van de rector of directeur,
# is verhinderd bij het centraal examen van een of meer vakken in het eerste tijdvak aanwezig
# te zijn, krijgt in het tweede tijdvak de gelegenheid het centraal examen alsnog te voltooien."
CE_NEXT_PERIOD = f"{UVB} art. 3.29 lid 1"
# "de aanpassing voor zover betrekking hebbend op het centraal examen in elk geval kan bestaan
# uit een verlenging van de duur van de toets van het centraal examen met ten hoogste 30
# minuten" (handicap or illness); art. 3.55 lid 3 gives the same 30 minutes for Dutch as a
# second language.
CE_EXTRA_TIME = f"{UVB} art. 3.54 lid 3 onder b en art. 3.55 lid 3"


def ce_resit_rules(level: str) -> CeResitRules:
    return CeResitRules(level=level, max_subjects=1, needs_publication=True, highest_counts=True,
                        cspe_extra=level in ("vmbo-kb", "vmbo-bb"),
                        sources=dict(CE_RESIT_SOURCES))


def se_resit_check(history: ResitHistory, request: ResitRequest) -> ResitDecision:
    """The law grants one SE resit itself: the vmbo re-exam of maatschappijleer (art. 3.16)."""
    if (history.level.startswith("vmbo") and request.subject == "maat"
            and request.kind == "herexamen"):
        source = f"{UVB} art. 3.16 lid 1 en lid 5"
        if request.final_grade is None:
            return ResitDecision(None, [Reason(
                "herexamen_maatschappijleer", source,
                "Het herexamen maatschappijleer mag bij een eindcijfer lager dan 6; dat "
                "eindcijfer ontbreekt, dus dit is nog niet te beoordelen.",
                {}, violated=False, pack=PACK)])
        allowed = request.final_grade < 6
        text = (f"Je eindcijfer maatschappijleer is {request.final_grade}; "
                + ("lager dan 6, dus je mag het schoolexamen opnieuw afleggen. Het hoogste "
                   "cijfer telt." if allowed else
                   "de wet geeft een herexamen alleen bij een eindcijfer lager dan 6."))
        return ResitDecision(allowed, [Reason(
            "herexamen_maatschappijleer", source, text,
            {"final_grade": request.final_grade, "below": 6}, violated=not allowed, pack=PACK)],
            left=0 if allowed else None, pool="herexamen maatschappijleer",
            attempt_counts="hoogste")
    return ResitDecision(None, [Reason(
        "se_herkansing", f"{WVO} art. 2.60 lid 1 onder c",
        "De wet laat het aantal herkansingen van het schoolexamen aan de school: "
        f"{SCHOOL_REGULATION} beslist over deze herkansing.",
        {}, violated=False, pack=PACK)])


def sitting_rules(sitting: str, kind: str) -> SittingRules:
    if sitting == "ce":
        return SittingRules(
            sitting="ce", kind=kind, late_admission="limit", late_limit_min=30,
            late_source=CE_LATE, end_fixed=None,
            after_cutoff=("Na een half uur mag je niet meer aan deze toets beginnen. Met een "
                          "geldige reden (ter beoordeling van de directeur) maak je het "
                          "centraal examen in het tweede tijdvak."),
            after_cutoff_source=CE_NEXT_PERIOD,
            extra_time=(ExtraTime(30, CE_EXTRA_TIME),),
            end_source=f"{WVO} art. 2.60 lid 1",
            decider=f"het examenreglement van de school ({WVO} art. 2.60 lid 1)")
    return SittingRules(
        sitting="se", kind=kind, late_admission="open", late_source=f"{WVO} art. 2.60 lid 1",
        decider=SCHOOL_REGULATION)


def carry_over(repeater: RepeaterView) -> CarryOver:
    """Art. 3.36 lid 2: "Indien een leerling als bedoeld in het eerste lid niet is bevorderd
    tot het volgende leerjaar, vervallen de met dit centraal examen of deze centrale examens
    behaalde resultaten." Everything else a repeater keeps is the school's rule."""
    source = f"{UVB} art. 3.36 lid 2"
    items = []
    if repeater.promoted is False:
        for code in repeater.early_ce:
            items.append(CarryItem(code, None, "redo", Reason(
                "vervroegd_ce_vervalt", source,
                "Je bent niet bevorderd, dus het resultaat van je vervroegde centraal examen "
                "vervalt; je doet dit centraal examen opnieuw.",
                {"subject": code}, violated=False, pack=PACK)))
    general = Reason(
        "doubleren", f"{WVO} art. 2.60 lid 1",
        f"Wat je bij doubleren houdt, regelt de wet niet; {SCHOOL_REGULATION} beslist.",
        {}, violated=False, pack=PACK)
    return CarryOver(tuple(items), [general])


DEADLINES = (
    Deadline(
        key="se_overzicht", title="Overzicht schoolexamen aan de kandidaat",
        anchor="begin centraal examen", offset=0, unit="dagen", direction="voor",
        consequence=("De kandidaat krijgt vóór het centraal examen zijn SE-cijfers en het "
                     "overzicht van het examendossier, en tekent voor ontvangst."),
        source=f"{UVB} art. 3.15 lid 1 en lid 3"),
    Deadline(
        key="ce_herkansing_aanvraag", title="Aanvraag herkansing centraal examen",
        anchor="bekendmaking eindcijfers",
        consequence="De kandidaat meldt schriftelijk dat hij herkanst.",
        source=f"{UVB} art. 3.38 lid 5",
        decider="de directeur van de school"),
)
