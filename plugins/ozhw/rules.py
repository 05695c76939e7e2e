"""OZHW's other rules: sittings, pass conditions, its cum laude text, repeaters, deadlines.

Every rule quotes the sentence of the Examenreglement 2024-2025 Willem de Zwijger College it
implements. Where the regulation contradicts itself (objection periods) both readings are
returned, each with its article, and none is picked.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from examenbureau.core.hookspecs import (
    CandidateView,
    CarryItem,
    CarryOver,
    Deadline,
    ExtraTime,
    Reason,
    RepeaterView,
    SchoolRule,
    SittingRules,
)

from .regulation import PACK, art, nl

SIX_HALF = Decimal("6.5")  # art. 19: "minimaal een 6,5"

# Art. 13 lid 2 onder b: "de aanpassing voor het examen in ieder geval kan bestaan uit een
# verlenging van de duur van het desbetreffende examen van ten hoogste 30 minuten"; Bijlage 4
# punt 1: "kan na het sluiten van de zitting blijven zitten tot het aangegeven tijdstip
# (maximaal 30 minuten)".
EXTRA_TIME = (ExtraTime(30, art("13 lid 2 onder b en bijlage 4 punt 1")),)


def sitting_rules(law: SittingRules | None, sitting: str, kind: str) -> SittingRules | None:
    if sitting == "ce":
        # Art. 38 lid 5: "Een kandidaat die te laat komt, mag tot uiterlijk een half uur na de
        # aanvang van het examen tot dat examen worden toegelaten. ... Bij een geldige reden,
        # ter beoordeling van de directeur, kunnen zij voor dit vak verwezen worden naar het
        # tweede tijdvak c.q. derde tijdvak."
        # Reading: the end time stays. Art. 21 ("Afwezigheid en te laat komen bij een (school)
        # examen") lid 8 says "De eindtijd van de toets blijft onveranderd", and bijlage 1 (for
        # "(school)examens") ends the sitting for everyone at once (punt 11).
        base = law or SittingRules(sitting="ce", kind=kind, late_admission="limit",
                                   late_source=art("38 lid 5"))
        return attrs.evolve(
            base, late_admission="limit", late_limit_min=30, late_source=art("38 lid 5"),
            end_fixed=True, end_source=art("21 lid 8 en bijlage 1 punt 2 en 11 (lezing)"),
            after_cutoff=("Je mag niet meer aan deze zitting deelnemen. Met een geldige reden "
                          "(de directeur beoordeelt die) kun je voor dit vak naar het tweede of "
                          "derde tijdvak worden verwezen; op je andere zittingen moet je wel "
                          "verschijnen."),
            after_cutoff_source=art("38 lid 5"), extra_time=EXTRA_TIME, decider=None)
    if kind == "schriftelijk":
        # Art. 21 lid 8: "Een kandidaat mag binnen een half uur na aanvang van een schriftelijke
        # toets nog met de toets beginnen. De eindtijd van de toets blijft onveranderd." Lid 9:
        # "... niet meer deelnemen aan de toets. Bij een geldige reden, ter beoordeling van de
        # afdelingsmanager, kan de toets tijdens het inhaalmoment gemaakt worden."
        return SittingRules(
            sitting="se", kind=kind, late_admission="limit", late_limit_min=30,
            late_source=art("21 lid 8"), end_fixed=True, end_source=art("21 lid 8"),
            after_cutoff=("Je mag niet meer aan de toets deelnemen. Alleen met een geldige reden "
                          "(de afdelingsmanager beoordeelt die) maak je de toets op het "
                          "inhaalmoment."),
            after_cutoff_source=art("21 lid 9"), extra_time=EXTRA_TIME)
    if kind in ("mondeling", "luistertoets"):
        # Art. 21 lid 10: "Wanneer een kandidaat te laat komt bij een mondelinge toets, kijk- en
        # luistertoets of presentatie, dan beslist de afdelingsmanager of er sprake is van een
        # onregelmatigheid".
        return SittingRules(sitting="se", kind=kind, late_admission="open",
                            late_source=art("21 lid 10"), extra_time=EXTRA_TIME,
                            decider="de afdelingsmanager (art. 21 lid 10)")
    # Art. 21 lid 11: work handed in late "wordt ... gezien als onregelmatigheid en beslist de
    # afdelingsmanager over de te nemen maatregel".
    return SittingRules(sitting="se", kind=kind, late_admission="open",
                        late_source=art("21 lid 11"),
                        decider="de afdelingsmanager (art. 21 lid 11)")


def extra_pass_conditions(candidate: CandidateView) -> list[Reason]:
    out = []
    pws = candidate.combination_components.get("pws")
    if candidate.level in ("havo", "vwo") and pws is not None:
        # Art. 30 lid 3: "Het cijfer van het profielwerkstuk op havo en vwo mag niet lager zijn
        # dan een 3.5, anders kan de kandidaat niet meer slagen." The PWS final grade is whole
        # (Uvb art. 3.32 lid 1), so "not below 3.5" is "at least 4".
        out.append(Reason(
            "ozhw_pws", art("30 lid 3"),
            f"Je profielwerkstuk heeft een {pws}" + (
                "; dat mag niet lager zijn dan 3,5, dus je kunt niet slagen." if pws < 4 else
                "; dat is niet lager dan 3,5."),
            {"pws": pws, "minimum": "3.5"}, violated=pws < 4, pack=PACK))
    lo = candidate.assessments.get("lo")
    if lo in ("voldoende", "goed") and candidate.exam_year is not None:
        # Art. 28 lid 12: "Als deze kandidaat op 1 mei van zijn examenjaar nog steeds geen
        # beoordeling voldoende heeft voor LO, kan deze kandidaat wel deelnemen aan het centraal
        # examen, maar hij kan geen diploma ontvangen".
        deadline = date(candidate.exam_year, 5, 1)
        when = candidate.lo_assessed_on
        if when is None:
            out.append(Reason(
                "ozhw_lo_1_mei", art("28 lid 12"),
                "LO moet op 1 mei van het examenjaar voldoende zijn; de datum van de "
                "beoordeling staat niet in het dossier, dus dat is niet gecontroleerd.",
                {"deadline": deadline}, violated=False, pack=PACK))
        else:
            late = when > deadline
            out.append(Reason(
                "ozhw_lo_1_mei", art("28 lid 12"),
                f"LO is op {when:%d-%m-%Y} voldoende beoordeeld; "
                + ("dat is na 1 mei van je examenjaar, dus je kunt geen diploma krijgen."
                   if late else "dat is op tijd (uiterlijk 1 mei)."),
                {"assessed_on": when, "deadline": deadline}, violated=late, pack=PACK))
    return out


def cum_laude_school_rule(candidate: CandidateView) -> SchoolRule:
    """Art. 12 lid 7: "Een kandidaat ontvangt het judicium 'cum laude' indien het rekenkundig
    gemiddelde van alle eindcijfers een 8,0 of hoger is en er geen eindcijfer lager dan 7,0 is
    behaald." All final grades on the list: extra and left-out subjects and the combination
    grade count; the combination's parts (they have no final grade of their own on the list)
    and rekenen (a separate appendix, art. 33 lid 7) do not."""
    source = art("12 lid 7")
    finals = {c: g for c, g in (candidate.all_final_grades or candidate.final_grades).items()
              if c not in candidate.combination_components and c != "rekenen"}
    listed = list(finals.values())
    if candidate.combination_grade is not None:
        listed.append(candidate.combination_grade)
    if not listed:
        return SchoolRule(source, None, "Geen eindcijfers om het gemiddelde van te nemen.")
    total, count = sum(listed), len(listed)
    mean_ok = Fraction(total, count) >= 8
    low = sorted(g for g in listed if g < 7)
    met = bool(candidate.passed) and mean_ok and not low
    mean = Fraction(total, count)
    shown = f"{int(mean * 100) // 100},{int(mean * 100) % 100:02d}"
    text = (f"Schoolregel: het gemiddelde van al je eindcijfers is {shown} ({total} gedeeld door "
            f"{count}); dat moet minimaal 8,0 zijn, en geen eindcijfer mag lager zijn dan 7"
            + (f" (je hebt {', '.join(map(str, low))})" if low else "")
            + (". Volgens de schoolregel: cum laude." if met else
               ". Volgens de schoolregel: geen cum laude."))
    return SchoolRule(source, met, text)


def _keep(subject: str, test: str | None, rule: str, source: str, text: str,
          choice: str = "keep", **numbers: object) -> CarryItem:
    return CarryItem(subject, test, choice, Reason(rule, source, text, dict(numbers),
                                                   violated=False, pack=PACK))


def carry_over(r: RepeaterView) -> CarryOver:
    items: list[CarryItem] = []
    if r.promoted is False:
        for code in r.early_ce:
            # Art. 16 lid 5: "... en niet is bevorderd tot het volgende leerjaar, vervallen de
            # met dit centraal examen of deze centrale examens behaalde resultaten."
            items.append(_keep(code, None, "ozhw_vervroegd_vervalt", art("16 lid 5"),
                               "Je bent niet bevorderd: je vervroegde centraal examen vervalt.",
                               "redo"))
    if r.exam_year and r.failed_exam:
        # Art. 19 lid 2.
        for s in r.subjects:
            if s.code == "pws":
                continue
            if s.has_ce:
                items.append(_keep(s.code, None, "ozhw_gezakt_ce_vak", art("19 lid 2"),
                                   "Gezakt: alle toetsen van het examenjaar van een vak met "
                                   "centraal examen doe je opnieuw.", "redo"))
            elif s.se_grade is not None and s.se_grade >= SIX_HALF:
                items.append(_keep(s.code, None, "ozhw_gezakt_se_vak", art("19 lid 2"),
                                   f"Afgesloten met {nl(s.se_grade)}: minimaal 6,5, dus je "
                                   "eindbeoordeling blijft staan.", se=s.se_grade))
            else:
                items.append(_keep(s.code, None, "ozhw_gezakt_se_vak", art("19 lid 2"),
                                   "Dit vak zonder centraal examen is niet met minimaal 6,5 "
                                   "afgesloten; je volgt het opnieuw.", "redo", se=s.se_grade))
        pws = next((s for s in r.subjects if s.code == "pws"), None)
        if pws is not None:
            items.append(_pws(r, pws.se_grade if pws.se_grade is not None else (
                None if pws.final_grade is None else pws.final_grade)))
    elif not r.exam_year and r.promoted is False:
        # Art. 19 lid 1: SE grades of the repeated year lapse, except maatschappijleer and CKV
        # "indien deze vakken zijn afgesloten met minimaal een 6,5"; handelingsdelen may stay.
        for s in r.subjects:
            keep = s.code in ("maat", "ckv") and s.se_grade is not None and s.se_grade >= SIX_HALF
            items.append(_keep(s.code, None, "ozhw_doubleren", art("19 lid 1"),
                               (f"{s.code} is afgesloten met {nl(s.se_grade)}: minimaal 6,5, dus "
                                "het cijfer blijft staan.") if keep else
                               "De schoolexamencijfers van het jaar dat je overdoet vervallen.",
                               "keep" if keep else "redo", se=s.se_grade))
        for t in r.tests:
            if t.kind == "handelingsdeel":
                items.append(_keep(t.subject, t.test, "ozhw_doubleren_handelingsdeel",
                                   art("19 lid 1"),
                                   "De beoordeling van een handelingsdeel kan blijven staan, "
                                   "als het handelingsdeel niet is gewijzigd.", "keep"))
    general: list[Reason] = []
    if not items:
        general.append(Reason("ozhw_doubleren", art("19"),
                              "Artikel 19 regelt alleen wie doubleert of gezakt is; hier is "
                              "niets over te zeggen.", {}, violated=False, pack=PACK))
    return CarryOver(tuple(items), general)


def _pws(r: RepeaterView, grade: object) -> CarryItem:
    source = art("19 lid 2")
    if r.level.startswith("vmbo"):
        return _keep("pws", None, "ozhw_pws_vmbo", source,
                     "Voor het vmbo hoeft het profielwerkstuk niet opnieuw, ongeacht het "
                     "resultaat.")
    comb = r.combination_grade
    if comb is not None and comb >= SIX_HALF:
        return _keep("pws", None, "ozhw_pws_herhalen", source,
                     f"Je combinatiecijfer is {comb} (minimaal 6,5): je profielwerkstuk hoeft "
                     "niet opnieuw.", combination_grade=comb)
    if grade is None:
        return _keep("pws", None, "ozhw_pws_herhalen", source,
                     "Het cijfer van je profielwerkstuk ontbreekt; de examensecretaris "
                     "beslist.", "open")
    keep = Decimal(str(grade)) >= SIX_HALF
    return _keep("pws", None, "ozhw_pws_herhalen", source,
                 f"Je profielwerkstuk heeft {nl(grade)}: "
                 + ("minimaal 6,5, dus het blijft staan." if keep else
                    "lager dan 6,5, dus je maakt het opnieuw (je combinatiecijfer is lager "
                    "dan 6,5)."), "keep" if keep else "redo", pws=grade)


def _objection(key: str, title: str, readings: tuple[Deadline, ...]) -> Deadline:
    sources = readings[0].source + " en art. " + " en art. ".join(
        d.source.rsplit(" art. ", 1)[1] for d in readings[1:]) + " (tegenstrijdig)"
    return Deadline(key=key, title=title, anchor=readings[0].anchor,
                    consequence=("Het reglement spreekt zichzelf tegen; beide termijnen staan "
                                 "hier, geen van beide is gekozen."),
                    source=sources, decider="de directeur (art. 9 lid 3: waar de regeling niet "
                                            "voorziet)", alternatives=readings)


DEADLINES = (
    # Art. 21 lid 3: "... moet dit uiterlijk 45 minuten vóór de aanvang van dit examen
    # telefonisch melden".
    Deadline("afwezigheid_melden", "Afwezigheid bij een toets melden", "aanvang toets",
             "De ouder/verzorger meldt het telefonisch; anders beslist de afdelingsmanager of "
             "er een geldige reden was (art. 21 lid 7).", art("21 lid 3"), offset=45,
             unit="minuten", direction="voor"),
    # Art. 18 lid 2: "kan op deze beslissing nog terugkomen tot tien werkdagen voor het begin
    # van het eerste tijdvak van het centraal examen."
    Deadline("extra_vak_laten_vallen", "Extra vak laten vallen", "begin eerste tijdvak",
             "Daarna blijft het extra vak in het examen.", art("18 lid 2"), offset=10,
             unit="werkdagen", direction="voor"),
    # Art. 32 lid 2: "Tenminste elf dagen voor de aanvang van het centraal examen maakt de
    # directeur aan de kandidaat bekend ..." and lid 6: "zendt, tenminste tien dagen voor het
    # centraal examen, de eindcijfers van het schoolexamen ter inzage aan de Inspectie".
    Deadline("se_overzicht", "SE-cijfers aan de kandidaat", "begin centraal examen",
             "De kandidaat tekent de akkoordverklaring (art. 32 lid 3).", art("32 lid 2"),
             offset=11, unit="dagen", direction="voor"),
    Deadline("se_cijfers_inspectie", "SE-cijfers naar de inspectie", "begin centraal examen",
             "Daarna kunnen de SE-cijfers niet meer worden gewijzigd.", art("32 lid 6"),
             offset=10, unit="dagen", direction="voor"),
    # Art. 41 lid 4: "op de dag van uitslag of uiterlijk de dag daarna vóór 12.00 uur ...
    # Indien het verzoek om herkansing niet op tijd wordt ingediend, vervalt het recht op
    # herkansing."
    Deadline("ce_herkansing_aanvraag", "Aanvraag herkansing centraal examen",
             "bekendmaking eindcijfers", "Het recht op herkansing vervalt.", art("41 lid 4"),
             offset=1, unit="dagen", direction="na", time_of_day="12:00"),
    # Against a measure for an irregularity: art. 22 lid 5 (to the Commissie van Beroep) and
    # art. 23 lid 1 (to the directeur), both "binnen vijf werkdagen".
    _objection("bezwaar_maatregel", "Bezwaar tegen een maatregel (onregelmatigheid)", (
        Deadline("bezwaar_maatregel", "Bij de Commissie van Beroep", "mededeling maatregel",
                 "Schriftelijk en gemotiveerd bezwaar bij de Commissie van Beroep.",
                 art("22 lid 5"), offset=5, unit="werkdagen"),
        Deadline("bezwaar_maatregel", "Bij de directeur", "mededeling maatregel",
                 "Schriftelijk en gemotiveerd bezwaar bij de directeur.", art("23 lid 1"),
                 offset=5, unit="werkdagen"),
    )),
    # Against the assessment of an SE part: art. 24 lid 13 "binnen drie werkdagen na de
    # officiële publicatie van het cijfer" and art. 23 lid 2 "binnen vijf werkdagen nadat het
    # besluit aan de kandidaat is medegedeeld", both at the afdelingsmanager.
    _objection("bezwaar_beoordeling", "Bezwaar tegen de beoordeling van een SE-onderdeel", (
        Deadline("bezwaar_beoordeling", "Drie werkdagen", "publicatie cijfer",
                 "Bezwaar bij de afdelingsmanager.", art("24 lid 13"), offset=3,
                 unit="werkdagen"),
        Deadline("bezwaar_beoordeling", "Vijf werkdagen", "publicatie cijfer",
                 "Bezwaar bij de afdelingsmanager.", art("23 lid 2"), offset=5,
                 unit="werkdagen"),
    )),
    # Art. 23 lid 3: "Binnen vijf schooldagen na het besluit van de afdelingsmanager dient de
    # kandidaat schriftelijk bezwaar in bij de directeur."
    Deadline("beroep_directeur", "Bezwaar bij de directeur tegen de afdelingsmanager",
             "besluit afdelingsmanager", "Schriftelijk bezwaar bij de directeur.",
             art("23 lid 3"), offset=5, unit="schooldagen"),
)
