"""Quadraam's other rules: sittings, promotion, repeaters, deadlines (algemeen PTA 2023-2024).

Every rule quotes the sentence of the Algemeen PTA 2023-2024 Lorentz Lyceum it implements.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from examenbureau.core.hookspecs import (
    CarryItem,
    CarryOver,
    Deadline,
    ExtraTime,
    PromotionRules,
    Reason,
    RepeaterView,
    SittingRules,
)

from .regulation import PACK, art

# Bijlage 1, "Richtlijnen m.b.t. toetsen voor leerlingen met extra tijd": "In het
# 60-minutenrooster is de duur van een toets 45 minuten. Dit geeft de leerlingen met extra tijd
# de mogelijkheid om 15 minuten langer aan de toets te werken. Bij een toetsduur meer dan 60
# minuten is de extra tijd maximaal 30 minuten."
SE_EXTRA_TIME = (
    ExtraTime(15, art("bijlage 1 (extra tijd)"), min_length_min=45, max_length_min=45),
    ExtraTime(30, art("bijlage 1 (extra tijd)"), min_length_min=61),
)


def sitting_rules(law: SittingRules | None, sitting: str, kind: str) -> SittingRules | None:
    if sitting == "ce":
        # Bijlage 3 punt 4: "Als je te laat komt, mag je uiterlijk tot een half uur na het begin
        # van het examen worden toegelaten. Je levert het werk uiterlijk in op het tijdstip dat
        # is aangegeven voor het einde van de zitting. Als je meer dan een half uur te laat
        # bent, kun je niet meer deelnemen aan dit examen. Bij een geldige reden kun je voor dit
        # vak worden verwezen naar het 2e tijdvak."
        base = law or SittingRules(sitting="ce", kind=kind, late_admission="limit",
                                   late_source=art("bijlage 3 punt 4"))
        return attrs.evolve(
            base, late_admission="limit", late_limit_min=30, late_source=art("bijlage 3 punt 4"),
            end_fixed=True, end_source=art("bijlage 3 punt 4"),
            after_cutoff=("Je kunt niet meer aan dit examen deelnemen. Met een geldige reden kun "
                          "je voor dit vak naar het 2e tijdvak worden verwezen; je moet wel bij "
                          "de andere examens verschijnen."),
            after_cutoff_source=art("bijlage 3 punt 4"), decider=None)
    if kind == "schriftelijk":
        # Bijlage 2 punt 1: "Indien een leerling zonder geldige reden te laat is voor een toets,
        # wordt de toets ingeleverd op de oorspronkelijke eindtijd." No limit in minutes is
        # written: a late candidate is admitted.
        return SittingRules(
            sitting="se", kind=kind, late_admission="always",
            late_source=art("bijlage 2 punt 1"), end_fixed=True,
            end_source=art("bijlage 2 punt 1"), extra_time=SE_EXTRA_TIME,
            decider="de examencommissie (bijlage 2 punt 4)")
    # Oral tests, presentations and assignments: bijlage 2 speaks only of absence there.
    return SittingRules(sitting="se", kind=kind, late_admission="open",
                        late_source=art("bijlage 2 punt 2 en 4"), extra_time=SE_EXTRA_TIME,
                        decider="de examencommissie (bijlage 2 punt 4: in bijzondere gevallen)")


def promotion_rules(level: str, leerjaar: int) -> PromotionRules | None:
    """4.10.1-4.10.3 for 4 havo, 4 vwo and 5 vwo (the years before the exam year)."""
    if (level, leerjaar) not in (("havo", 4), ("vwo", 4), ("vwo", 5)):
        return None
    norm = art("4.10.2")
    return PromotionRules(
        level=level, leerjaar=leerjaar,
        # "indien geen van de eindcijfers van onderdelen genoemd onder 4.10.2.a. lager is dan
        # een 4": there is no 4.10.2.a in the text; read as "no year grade below 4".
        lowest=4,
        # "alle eindcijfers 6 of hoger (onafgerond 5,50 of hoger); of * 1x5 (4,50 t/m 5,49) en
        # alle overige eindcijfers 6 of hoger"
        free_lows=((5,),),
        # "1x4 en alle overige eindcijfers 6 of hoger zijn en het gemiddelde van de eindcijfers
        # bedraagt tenminste 6,0, of * 2x5 of (1x5 en 1x4) en ... tenminste 6,0"
        mean_lows=((4,), (5, 5), (4, 5)),
        mean_min=Decimal("6.0"),
        # "indien maximaal één onvoldoende (cijfer 5) als eindcijfer is behaald voor de
        # kernvakken Nederlands, Engels en (voor zover van toepassing) wiskunde"
        core_subjects=("netl", "entl", "wis*"),
        core_max_below_six=1, core_min=5,
        # "indien het vak bewegingsonderwijs is beoordeeld als 'voldoende' of 'goed'"
        assessments=("lo",),
        # 4.10.1: "Indien dit niet het geval is, is een kandidaat niet bevorderbaar"
        pta_complete_required=True, incomplete="niet_bevorderbaar",
        # 4.10.3: "Alle kandidaten die niet aan de bevorderingsnormen voldoen, worden besproken."
        below_norm="bespreken",
        sources={
            "bevordering_norm": norm,
            "bevordering_minimum": f"{norm} (lezing van '4.10.2.a')",
            "bevordering_kernvakken": norm,
            "bevordering_lo": norm,
            "bevordering_pta": art("4.10.1"),
            "bevordering_lezing": norm,
        },
        readings=(
            "Art. 4.10.2 verwijst naar 'onderdelen genoemd onder 4.10.2.a', maar een onderdeel "
            "4.10.2.a staat niet in de tekst; gelezen als: geen jaarcijfer lager dan 4.",
            "'Maximaal één onvoldoende (cijfer 5)' voor de kernvakken is gelezen als: hoogstens "
            "één kernvak onder de 6, en dat is minimaal een 5.",
            "Wie niet aan de normen voldoet, wordt besproken (4.10.3); dat is geen afwijzing.",
        ))


def _item(subject: str, test: str | None, choice: str, rule: str, source: str,
          text: str, **numbers: object) -> CarryItem:
    return CarryItem(subject, test, choice, Reason(rule, source, text, dict(numbers),
                                                   violated=False, pack=PACK))


SEVEN = Decimal("7.0")


def carry_over(law: CarryOver | None, r: RepeaterView) -> CarryOver | None:
    items = list(law.items) if law is not None else []  # the law's: early CE lapses (3.36)
    reasons: list[Reason] = []
    if r.exam_year and r.failed_exam:
        for s in r.subjects:
            if s.code == "pws":
                ok = s.final_grade is not None and s.final_grade >= 6
                items.append(_item("pws", None, "choose" if ok else "redo",
                                   "quadraam_vrijstelling_pws", art("4.11.5"),
                                   f"Je profielwerkstuk heeft eindcijfer {s.final_grade}: "
                                   + ("6 of hoger, dus je kunt er vrijstelling voor krijgen."
                                      if ok else "lager dan 6, dus je maakt het opnieuw."),
                                   final=s.final_grade))
                continue
            if s.has_ce:
                items.append(_item(s.code, "centraal examen", "redo", "quadraam_ce_opnieuw",
                                   art("4.11.1 en 4.11.2"),
                                   "Je doet alle centrale examens opnieuw en volgt het vak "
                                   "opnieuw, ongeacht je cijfer."))
            items.append(_item(s.code, None, "choose", "quadraam_se_keuze", art("4.11.3"),
                               "Aan het eind van het jaar kies je per vak: je oude of je nieuwe "
                               "SE-eindcijfer.", se=s.se_grade))
        for t in r.tests:
            if t.kind == "praktische_opdracht":
                ok = t.grade is not None and t.grade >= SEVEN
                items.append(_item(t.subject, t.test, "choose" if ok else "redo",
                                   "quadraam_vrijstelling_po", art("4.11.5"),
                                   ("Praktische opdracht met 7,0 of hoger: je kunt er "
                                    "vrijstelling voor krijgen.") if ok else
                                   "Praktische opdracht lager dan 7,0: je doet hem opnieuw.",
                                   grade=t.grade))
    elif not r.exam_year and r.promoted is False:
        # 4.10.4: "Voor kandidaten die niet bevorderd worden vervallen alle toetsen, cijfers,
        # beoordelingen, herkansingen uit het schoolexamen van het betreffende schooljaar. Op
        # advies van de overgangsvergadering zijn onder bepaalde voorwaarden vrijstellingen
        # mogelijk." 4.10.9 names which.
        for s in r.subjects:
            exempt = (not s.has_ce and s.final_grade is not None and s.final_grade >= 6) or (
                s.code == "pws" and s.final_grade is not None and s.final_grade >= 6)
            items.append(_item(
                s.code, None, "open" if exempt else "redo", "quadraam_niet_bevorderd",
                art("4.10.4 en 4.10.9"),
                ("Je SE-resultaten van dit jaar vervallen; voor dit vak (6 of hoger) is "
                 "vrijstelling mogelijk op advies van de overgangsvergadering.") if exempt else
                "Je SE-resultaten van dit jaar vervallen.", final=s.final_grade))
        for t in r.tests:
            if t.kind == "praktische_opdracht" and t.grade is not None and t.grade >= SEVEN:
                items.append(_item(t.subject, t.test, "open", "quadraam_niet_bevorderd",
                                   art("4.10.9"),
                                   "Praktische opdracht met 7,0 of hoger: vrijstelling is "
                                   "mogelijk op advies van de overgangsvergadering.",
                                   grade=t.grade))
    if law is not None:
        reasons += [x for x in law.reasons if not items]
    if not items:
        reasons.append(Reason("quadraam_doubleren", art("4.10 en 4.11"),
                              "Het PTA regelt doubleren na niet bevorderd worden en in het "
                              "examenjaar; hier is niets over te zeggen.", {}, violated=False,
                              pack=PACK))
    return CarryOver(tuple(items), reasons)


DEADLINES = (
    # 4.5.4: "Het profielwerkstuk moet, evenals het schoolexamen, uiterlijk tien werkdagen voor
    # aanvang van het eerste tijdvak centraal examen zijn afgesloten".
    Deadline("pws_afgesloten", "Profielwerkstuk afgesloten", "begin eerste tijdvak",
             "Het profielwerkstuk is afgesloten, net als het schoolexamen.", art("4.5.4"),
             offset=10, unit="werkdagen", direction="voor"),
    # 4.8.1: "dient hij zijn bezwaar binnen één week na de bespreking van het werk schriftelijk
    # kenbaar te maken bij de examencommissie."
    Deadline("bezwaar_beoordeling", "Bezwaar tegen een beoordeling", "bespreking werk",
             "Schriftelijk bezwaar bij de examencommissie.", art("4.8.1"), offset=1,
             unit="weken"),
    # 4.8.3: "uiterlijk één dag na de officiële uitreiking van de schoolexamencijfers ...
    # Na deze termijnen is eventuele correctie ... niet meer mogelijk."
    Deadline("bezwaar_cijferlijst", "Bezwaar tegen jaaroverzicht of eindlijst",
             "uitreiking schoolexamencijfers",
             "Daarna is correctie van de cijfers niet meer mogelijk.", art("4.8.3"), offset=1,
             unit="dagen"),
    # 4.9.11: "Indien deze niet op de afgesproken datum en tijd ingeleverd worden, vervalt de
    # mogelijkheid tot herkansing."
    Deadline("se_herkansing_aanvraag", "Aanvraag herkansing schoolexamen",
             "herkansingsperiode", "De mogelijkheid tot herkansing vervalt.", art("4.9.11"),
             decider="de school (datum en tijd op SomToday en de website)"),
    # Bijlage 2 punt 3: "De leerling levert het gemaakte werk binnen twee weken na de deadline
    # alsnog in"; otherwise a day at school, then the grade 1.
    Deadline("po_alsnog_inleveren", "Te late praktische opdracht alsnog inleveren",
             "deadline praktische opdracht",
             "Daarna maak je het af op een lesvrije dag op school; lukt dat niet, dan krijg je "
             "het cijfer 1.", art("bijlage 2 punt 3"), offset=2, unit="weken"),
)
