"""Pack `quadraam`: every rule of the Algemeen PTA 2023-2024 Lorentz Lyceum (seed
003_85a7d273f8e5ac8f.txt) that the pack implements, on both sides of its boundary.

Each test quotes its sentence from the PTA (checked against the copy in
tests/fixtures/regulations) and names seed 003 and the section in its name.
"""

from __future__ import annotations

import pytest

from examenbureau.core.rules import evaluate

PTA = "Algemeen PTA 2023-2024 Lorentz Lyceum"


def art(a: str) -> str:
    return f"{PTA} {a}" if a.startswith("bijlage") else f"{PTA} art. {a}"


def q(op, data):
    return evaluate(op, data, "quadraam")


def resit(period=2, used=(), forfeits=(), level="havo", leerjaar=5, **request):
    req = {"subject": "wisA", "test": "WA-T4", "test_period": period, "kind": "schriftelijk",
           "resittable": True}
    req.update(request)
    return q("se_resit", {"level": level, "leerjaar": leerjaar, "period": period, "request": req,
                          "used": list(used), "forfeits": list(forfeits)})


def reason(result, rule):
    return [r for r in result["reasons"] if r["rule"] == rule]


# --- 5 havo and 6 vwo -------------------------------------------------------------------------

def test_seed_003_4_9_1_three_resits_one_per_se_period(quote):
    quote("003", "In 5(t)havo en 6 (t)vwo heeft een kandidaat in totaal drie "
                 "herkansingsmogelijkheden, te weten één herkansing in elk van de drie "
                 "schoolexamenperiodes.")
    first = resit(period=1, test_period=1)
    assert first["allowed"] is True and first["left"] == 2 and first["pool"] == "periode 1"
    assert reason(first, "quadraam_per_periode")[0]["source"] == art("4.9.1")
    assert resit(period=3, test_period=3)["left"] == 0
    same_period = resit(used=[{"subject": "netl", "test": "NE-T4", "period": 2}])
    assert same_period["allowed"] is False
    other_period = resit(used=[{"subject": "netl", "test": "NE-T1", "period": 1}])
    assert other_period["allowed"] is True and other_period["left"] == 1
    assert resit(period=4, test_period=4)["allowed"] is False
    vwo = resit(level="vwo", leerjaar=6)
    assert vwo["allowed"] is True


def test_seed_003_4_9_3_only_that_periods_tests(quote):
    quote("003", "In 5(t)havo en 6(t)vwo kunnen alleen toetsen behorend tot het "
                 "schoolexamendossier uit de betreffende periode herkanst worden.")
    r = resit(period=2, test_period=1)
    assert r["allowed"] is False and r["reasons"][0]["source"] == art("4.9.3")
    assert resit(period=2, test_period=None)["decidable"] is False


def test_seed_003_4_9_6_and_4_9_7_highest_counts_and_at_most_once(quote):
    quote("003", "Als een kandidaat herkanst, dan telt het hoogste cijfer.")
    quote("003", "Kandidaten mogen een bepaalde toets maximaal één keer herkansen.")
    r = resit()
    assert r["attempt_counts"] == "hoogste" and reason(r, "quadraam_hoogste")
    again = resit(period=3, test_period=3, used=[{"subject": "wisA", "test": "WA-T4",
                                                   "period": 2}])
    assert again["allowed"] is False and again["reasons"][0]["source"] == art("4.9.7")


def test_seed_003_4_9_1_pws_improved_with_a_periods_resit_not_an_extra_one(quote):
    quote("003", "Een kandidaat heeft de mogelijkheid om in een schoolexamenperiode een "
                 "herkansing in te zetten ter verbetering van het cijfer van het "
                 "profielwerkstuk.")
    r = resit(subject="pws", test="PWS", kind="pws", test_period=None)
    assert r["allowed"] is True and r["pool"] == "periode 2" and reason(r, "quadraam_pws")
    used = resit(subject="pws", test="PWS", kind="pws",
                 used=[{"subject": "netl", "test": "NE-T4", "period": 2}])
    assert used["allowed"] is False  # no extra resit for the PWS


# --- 4 havo, 4 and 5 vwo ----------------------------------------------------------------------

def test_seed_003_4_9_2_one_resit_a_year_plus_maatschappijleer_in_4_havo(quote):
    quote("003", "In 4(t)havo en 5(t)vwo hebben de leerlingen recht op in totaal 1 herkansing, "
                 "naar keuze inzetbaar voor een toets uit de proefwerkweek, die meetelt in het "
                 "schoolexamendossier, tenzij in het vak-PTA anders is bepaald.")
    quote("003", "In 4(t)havo heeft een kandidaat daarnaast op jaarbasis recht op in totaal één "
                 "herkansing voor het vak maatschappijleer, in te zetten in een periode naar "
                 "keuze.")
    one = resit(leerjaar=4, period=3, test_period=3)
    assert one["allowed"] is True and one["pool"] == "herkansing van het jaar"
    two = resit(leerjaar=4, period=4, test_period=4,
                used=[{"subject": "netl", "test": "NE4-T1", "period": 3}])
    assert two["allowed"] is False
    maat = resit(leerjaar=4, period=4, test_period=4, subject="maat", test="MA4-T1",
                 used=[{"subject": "netl", "test": "NE4-T1", "period": 3}])
    assert maat["allowed"] is True and maat["pool"] == "maatschappijleer"
    vwo5 = resit(level="vwo", leerjaar=5, period=4, test_period=4, subject="maat",
                 test="MA5-T1", used=[{"subject": "netl", "test": "NE5-T1", "period": 3}])
    assert vwo5["allowed"] is False  # 5 vwo has no separate maatschappijleer resit


def test_seed_003_4_9_2_four_vwo_only_maatschappijleer_after_period_4(quote):
    quote("003", "In 4(t)vwo is er een herkansingsregeling voor het vak maatschappijleer.")
    quote("003", "Deze herkansing vindt plaats na afronding van maatschappijleer aan het eind "
                 "van periode 4.")
    assert resit(level="vwo", leerjaar=4, period=4, test_period=4)["allowed"] is False
    ok = resit(level="vwo", leerjaar=4, period=4, test_period=4, subject="maat", test="MA4")
    assert ok["allowed"] is True
    early = resit(level="vwo", leerjaar=4, period=2, test_period=2, subject="maat", test="MA4")
    assert early["allowed"] is False


# --- not resittable ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["luistertoets", "mondeling", "praktische_opdracht"])
def test_seed_003_4_9_4_listening_oral_practical_not_resittable_unless_pta(quote, kind):
    quote("003", "Luistertoetsen, mondelingen en praktische opdrachten kunnen niet worden "
                 "herkanst, tenzij anders aangegeven in het PTA.")
    no = resit(kind=kind, resittable=None)
    assert no["allowed"] is False and no["reasons"][0]["source"] == art("4.9.4")
    assert resit(kind=kind, resittable=True)["allowed"] is True
    assert resit(kind="schriftelijk", resittable=False)["allowed"] is False


# --- forfeits -----------------------------------------------------------------------------------

@pytest.mark.parametrize("forfeit,section,sentence", [
    ("afwezig_bij_herkansing", "4.9.10",
     "dit geldt ook voor het geval dat een kandidaat vanwege ziekte of andere redenen afwezig is "
     "op het herkansingsmoment), vervalt de herkansing"),
    ("aanvraag_te_laat", "4.9.11",
     "Indien deze niet op de afgesproken datum en tijd ingeleverd worden, vervalt de "
     "mogelijkheid tot herkansing."),
    ("lessen_verzuimd", "4.9.12",
     "meer dan 5 van de volgens het rooster te volgen lessen (zowel per vak als in totaal) "
     "onrechtmatig heeft verzuimd"),
    ("absent_zonder_geldige_reden", "4.9.13 en bijlage 2 punt 1 en 2",
     "een kandidaat die zonder geldige reden bij een toets, of bij onderdeel van een "
     "schoolexamen afwezig is moet de toets inhalen op het moment van de herkansingen; de "
     "kandidaat verspeelt daarmee het recht op een herkansing."),
    ("te_laat_ingeleverd", "4.9.14, 4.3.8 en bijlage 2 punt 3",
     "een praktische opdracht e.d. niet op dit uiterste moment van inlevering bij de "
     "examinerator is ingeleverd, dan verspeelt de kandidaat een herkansing."),
])
def test_seed_003_4_9_10_to_4_9_14_forfeits_only_in_their_own_period(quote, forfeit, section,
                                                                      sentence):
    quote("003", sentence)
    quote("003", "Dit geldt voor zover er die periode recht is op een herkansing")
    lost = resit(forfeits=[{"period": 2, "reason": forfeit}])
    assert lost["allowed"] is False
    [why] = reason(lost, "quadraam_vervallen")
    assert why["source"] == art(section) and why["violated"]
    assert resit(forfeits=[{"period": 1, "reason": forfeit}])["allowed"] is True
    assert resit(period=3, test_period=3,
                 forfeits=[{"period": 2, "reason": forfeit}])["allowed"] is True


def test_seed_003_4_9_12_five_lessons_missed_does_not_forfeit_six_does(quote):
    quote("003", "meer dan 5 van de volgens het rooster te volgen lessen")
    assert resit(forfeits=[{"period": 2, "reason": "lessen_verzuimd", "lessons": 5}])[
        "allowed"] is True
    assert resit(forfeits=[{"period": 2, "reason": "lessen_verzuimd", "lessons": 6}])[
        "allowed"] is False


def test_seed_003_4_9_13_repeated_unexcused_absence_shows_art_5_measures_not_applied(quote):
    quote("003", "Bij herhaalde absentie bij een onderdeel van het schoolexamen zonder geldige "
                 "reden treedt artikel 5 examenreglement QUADRAAM in werking")
    once = resit(period=3, test_period=3,
                 forfeits=[{"period": 1, "reason": "absent_zonder_geldige_reden"}])
    assert once["options"] == []
    twice = resit(period=3, test_period=3,
                  forfeits=[{"period": 1, "reason": "absent_zonder_geldige_reden"},
                            {"period": 2, "reason": "absent_zonder_geldige_reden"}])
    assert twice["allowed"] is True  # the period-3 resit is not taken: measures are options
    assert len(twice["options"]) == 2 and "art. 5" in twice["options"][0]


# --- late arrival and extra time ----------------------------------------------------------------

def late(**kw):
    data = {"sitting": "se", "kind": "schriftelijk", "start": "09:00", "end": "09:45",
            "arrival": "09:20", "extra_time_min": 0}
    data.update(kw)
    return q("late_arrival", data)


def test_seed_003_bijlage_2_punt_1_late_at_se_hands_in_at_the_original_end(quote):
    quote("003", "Indien een leerling zonder geldige reden te laat is voor een toets, wordt de "
                 "toets ingeleverd op de oorspronkelijke eindtijd.")
    r = late(arrival="09:40")
    assert r["admitted"] is True and r["hand_in"] == "09:45"
    assert "geen grens in minuten" in r["reasons"][0]["text"]
    assert r["reasons"][0]["source"] == art("bijlage 2 punt 1")


def test_seed_003_bijlage_3_punt_4_late_at_the_ce_half_an_hour_then_second_tijdvak(quote):
    quote("003", "Als je te laat komt, mag je uiterlijk tot een half uur na het begin van het "
                 "examen worden toegelaten. Je levert het werk uiterlijk in op het tijdstip dat is "
                 "aangegeven voor het einde van de zitting.")
    quote("003", "Bij een geldige reden kun je voor dit vak worden verwezen naar het 2e "
                 "tijdvak.")
    ok = late(sitting="ce", end="12:00", arrival="09:30")
    assert ok["hand_in"] == "12:00" and ok["decidable"] is True
    out = late(sitting="ce", end="12:00", arrival="09:31")
    assert out["admitted"] is False
    assert any("2e tijdvak" in r["text"] for r in out["reasons"])


def test_seed_003_bijlage_1_extra_time_15_on_45_minutes_30_over_60(quote):
    quote("003", "In het 60-minutenrooster is de duur van een toets 45 minuten. Dit geeft de "
                 "leerlingen met extra tijd de mogelijkheid om 15 minuten langer aan de toets te "
                 "werken. Bij een toetsduur meer dan 60 minuten is de extra tijd maximaal 30 "
                 "minuten.")
    assert late(arrival="08:58", extra_time_min=15)["hand_in"] == "10:00"
    too_much = late(arrival="08:58", extra_time_min=20)
    assert next(r for r in too_much["reasons"] if r["rule"] == "extra_tijd")["violated"]
    long = late(arrival="08:58", end="10:30", extra_time_min=30)
    assert long["hand_in"] == "11:00"
    gap = late(arrival="08:58", end="09:50", extra_time_min=10)  # 50 minutes: not written
    assert gap["decidable"] is False and gap["hand_in"] is None
    ce = late(sitting="ce", end="12:00", arrival="08:58", extra_time_min=30)
    assert ce["hand_in"] == "12:30"  # the law's 30 minutes for the CE (Uvb 3.54)


# --- promotion ---------------------------------------------------------------------------------

BASE = {"netl": "6.5", "entl": "6.6", "wisA": "7.0", "ges": "6.8", "ak": "7.2", "econ": "6.1"}


def promote(grades=None, lo="voldoende", complete=True, level="havo", leerjaar=4):
    return q("promotion", {"level": level, "leerjaar": leerjaar, "grades": grades or BASE,
                           "lo": lo, "pta_complete": complete})


def test_seed_003_4_10_2_norms_on_rounded_year_grades(quote):
    quote("003", "alle eindcijfers 6 of hoger (onafgerond 5,50 of hoger); of")
    quote("003", "1x5 (4,50 t/m 5,49) en alle overige eindcijfers 6 of hoger, of")
    quote("003", "1x4 en alle overige eindcijfers 6 of hoger zijn en het gemiddelde van de "
                 "eindcijfers bedraagt tenminste 6,0, of")
    assert promote()["decision"] == "bevorderd"
    assert promote({**BASE, "ges": "5.5"})["decision"] == "bevorderd"  # rounds to 6
    one_five = promote({**BASE, "ges": "5.4"})
    assert one_five["decision"] == "bevorderd" and one_five["rounded"]["ges"] == 5
    one_four = promote({**BASE, "ges": "4.4"})  # mean 6+7+7+4+7+6 = 37/6 = 6,16
    assert one_four["decision"] == "bevorderd"
    low_mean = promote({"netl": "6.0", "entl": "6.0", "wisA": "6.0", "ges": "4.0",
                        "ak": "6.0", "econ": "6.0"})  # 34/6 = 5,66
    assert low_mean["decision"] == "bespreken"
    [why] = [r for r in low_mean["reasons"] if r["rule"] == "bevordering_norm"]
    assert why["violated"] and why["source"] == art("4.10.2")


def test_seed_003_4_10_2_two_fives_or_five_and_four_with_mean_6(quote):
    quote("003", "2x5 of (1x5 en 1x4) en alle overige eindcijfers 6 of hoger zijn en het "
                 "gemiddelde van de eindcijfers bedraagt tenminste 6,0")
    two = {**BASE, "ges": "5.0", "econ": "5.0", "ak": "8.0", "wisA": "8.0"}  # 6+7+8+5+8+5=39
    assert promote(two)["decision"] == "bevorderd"
    three = {**two, "ak": "5.0"}
    assert promote(three)["decision"] == "bespreken"


def test_seed_003_4_10_2_no_grade_below_4_read_from_the_missing_4_10_2_a(quote):
    quote("003", "indien geen van de eindcijfers van onderdelen genoemd onder 4.10.2.a. lager "
                 "is dan een 4")
    r = promote({**BASE, "ges": "3.4", "ak": "10.0", "wisA": "10.0"})
    assert r["decision"] == "bespreken"
    [why] = [x for x in r["reasons"] if x["rule"] == "bevordering_minimum"]
    assert "lezing" in why["source"]
    assert any("4.10.2.a" in x["text"] for x in r["reasons"] if x["rule"] == "bevordering_lezing")


def test_seed_003_4_10_2_core_subjects_at_most_one_5(quote):
    quote("003", "indien maximaal één onvoldoende (cijfer 5) als eindcijfer is behaald voor de "
                 "kernvakken Nederlands, Engels en (voor zover van toepassing) wiskunde.")
    one = promote({**BASE, "netl": "5.0", "ak": "8.0"})
    assert one["decision"] == "bevorderd"
    two = promote({**BASE, "netl": "5.0", "entl": "5.0", "ak": "9.0", "ges": "9.0"})
    assert two["decision"] == "bespreken"
    [why] = [x for x in two["reasons"] if x["rule"] == "bevordering_kernvakken"]
    assert why["violated"]
    four = promote({**BASE, "wisA": "4.0", "ak": "9.0", "ges": "9.0"})
    assert four["decision"] == "bespreken"  # a core 4 is not the allowed "cijfer 5"


def test_seed_003_4_10_2_lo_voldoende_or_goed(quote):
    quote("003", "indien het vak bewegingsonderwijs is beoordeeld als 'voldoende' of 'goed'")
    assert promote(lo="goed")["decision"] == "bevorderd"
    assert promote(lo="onvoldoende")["decision"] == "bespreken"
    assert promote(lo=None)["decidable"] is False


def test_seed_003_4_10_1_and_4_10_3_incomplete_pta_not_promotable_below_norm_discussed(quote):
    quote("003", "Handelingdelen moeten naar behoren zijn afgerond. Indien dit niet het geval "
                 "is, is een kandidaat niet bevorderbaar")
    quote("003", "Alle kandidaten die niet aan de bevorderingsnormen voldoen, worden besproken.")
    assert promote(complete=False)["decision"] == "niet_bevorderbaar"
    assert promote(complete=None)["decidable"] is False
    for level, year in (("vwo", 4), ("vwo", 5)):
        assert promote(level=level, leerjaar=year)["decision"] == "bevorderd"
    assert promote(level="havo", leerjaar=3)["decidable"] is False  # not in this PTA


# --- repeaters --------------------------------------------------------------------------------

def carry(**kw):
    data = {"level": "havo", "leerjaar": 5, "failed_exam": True}
    data.update(kw)
    r = q("carry_over", data)
    return r, {(i["subject"], i["test"]): i for i in r["items"]}


def test_seed_003_4_11_3_exam_year_repeater_chooses_old_or_new_se_grade(quote):
    quote("003", "Aan het eind van het schooljaar mag de kandidaat bij elk vak afzonderlijk "
                 "bepalen of hij het oude SE-cijfer of het dat schooljaar behaalde SE-cijfer "
                 "meeneemt.")
    quote("003", "Een kandidaat die het eindexamenjaar doubleert, moet bij het reguliere "
                 "dagonderwijs alle centrale examens overdoen, ongeacht het behaalde cijfer.")
    r, items = carry(subjects=[{"code": "netl", "ce": True, "se": "6.1"},
                               {"code": "maat", "ce": False, "se": "7.0", "final": 7}])
    assert items[("netl", None)]["choice"] == "choose"
    assert items[("netl", "centraal examen")]["choice"] == "redo"
    assert items[("maat", None)]["choice"] == "choose"
    assert items[("netl", None)]["reason"]["source"] == art("4.11.3")
    assert r["decidable"] is True


def test_seed_003_4_11_5_and_4_10_9_exemptions_po_7_and_pws_6(quote):
    quote("003", "De kandidaat kan een vrijstelling krijgen voor praktische opdrachten met het "
                 "cijfer 7,0 of hoger en/of voor het profielwerkstuk, mits het eindcijfer 6 of "
                 "hoger is.")
    _, items = carry(subjects=[{"code": "pws", "ce": False, "final": 6}],
                     tests=[{"subject": "ges", "test": "GS-PO", "kind": "praktische_opdracht",
                             "grade": "7.0"},
                            {"subject": "ak", "test": "AK-PO", "kind": "praktische_opdracht",
                             "grade": "6.9"}])
    assert items[("pws", None)]["choice"] == "choose"
    assert items[("ges", "GS-PO")]["choice"] == "choose"
    assert items[("ak", "AK-PO")]["choice"] == "redo"
    _, low = carry(subjects=[{"code": "pws", "ce": False, "final": 5}])
    assert low[("pws", None)]["choice"] == "redo"


def test_seed_003_4_10_4_not_promoted_se_results_lapse(quote):
    quote("003", "Voor kandidaten die niet bevorderd worden vervallen alle toetsen, cijfers, "
                 "beoordelingen, herkansingen uit het schoolexamen van het betreffende "
                 "schooljaar.")
    r, items = carry(leerjaar=4, failed_exam=False, promoted=False, early_ce=["biol"],
                     subjects=[{"code": "netl", "ce": True, "se": "6.0"},
                               {"code": "maat", "ce": False, "final": 7}])
    assert items[("netl", None)]["choice"] == "redo"
    assert items[("maat", None)]["choice"] == "open"  # exemption on the meeting's advice
    assert items[("biol", None)]["reason"]["source"] == "Uitvoeringsbesluit WVO 2020 art. 3.36 lid 2"
    assert r["decidable"] is False


# --- deadlines and settings ---------------------------------------------------------------------

@pytest.mark.parametrize("key,section,offset,unit,sentence", [
    ("pws_afgesloten", "4.5.4", 10, "werkdagen",
     "uiterlijk tien werkdagen voor aanvang van het eerste tijdvak centraal examen zijn "
     "afgesloten"),
    ("bezwaar_beoordeling", "4.8.1", 1, "weken",
     "dient hij zijn bezwaar binnen één week na de bespreking van het werk schriftelijk "
     "kenbaar te maken bij de examencommissie."),
])
def test_seed_003_deadlines_with_their_sections(quote, key, section, offset, unit, sentence):
    quote("003", sentence)
    d = {x["key"]: x for x in q("deadlines", {})["deadlines"]}[key]
    assert (d["offset"], d["unit"], d["source"], d["pack"]) == (offset, unit, art(section),
                                                                "quadraam")


def test_seed_003_4_3_3_rounding_of_se_only_grades_is_left_to_the_school(quote):
    quote("003", "De dossiercijfers worden op één decimaal nauwkeurig afgerond.")
    assert q("final_grade", {"se": "6.45"})["grade"] == 6  # the law's one step: no PTA rule


def test_seed_003_has_no_ce_resit_rules_so_the_law_decides(quote):
    # The PTA sends the central exam to the Eindexamenbesluit (section 6): the CE resit is the
    # law's (Uvb art. 3.38 lid 1), with no request deadline of its own.
    quote("003", "zie Eindexamenbesluit VO, hoofdstuk III, IV en V")
    base = {"level": "havo", "published": True, "request": "ges",
            "published_at": "2025-06-11T09:00", "requested_at": "2025-06-20T12:30"}
    assert q("ce_resit", {**base, "taken": []}) == evaluate("ce_resit", {**base, "taken": []})
    second = q("ce_resit", {**base, "taken": ["netl"]})
    assert second["allowed"] is False
    assert second["reasons"][0]["source"] == "Uitvoeringsbesluit WVO 2020 art. 3.38 lid 1"
